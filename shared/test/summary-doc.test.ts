import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCard, initBoard, readCards, updateCardText, vote } from '../src/board-doc.ts';
import { LIMITS } from '../src/limits.ts';
import { initSession, readPhases } from '../src/session-doc.ts';
import { initSessionFromTemplate } from '../src/templates.ts';
import {
  addCardToItem,
  addItem,
  addItemFromCard,
  createSummaryOrigin,
  createSummaryUndo,
  deleteItem,
  deletePhaseSummary,
  dismissedPairs,
  dismissPair,
  isDismissed,
  mergedCardKeys,
  moveItem,
  readLayout,
  readPhaseResults,
  readSummary,
  removeSource,
  setItemHeading,
  setItemHighlight,
  setItemText,
  setLayout,
  sourceKey,
  splitItem,
  undismissPair,
  type SourceCard,
} from '../src/summary-doc.ts';

// The plenum summary (issue 10): merging cards of several groups' boards into
// items of the session document, with provenance, without touching the cards.

function workshop() {
  const session = new Y.Doc();
  initSession(session, { title: 'Bilanz' }, [
    {
      title: 'Bilanzgespräch',
      kind: 'groupwork',
      prompts: ['Zusammenarbeit', 'Interne Prozesse'],
      groups: [{ name: 'Arbeitsgruppe 1' }, { name: 'Arbeitsgruppe 2' }],
    },
  ]);
  const phase = readPhases(session)[0]!;
  const [g1, g2] = phase.groups;
  const [col1, col2] = phase.prompts;
  const boards = new Map<string, Y.Doc>();
  for (const group of phase.groups) {
    const board = new Y.Doc();
    initBoard(board, { sessionId: 's', phaseId: phase.id, groupId: group.id });
    boards.set(group.id, board);
  }
  const card = (groupId: string, columnId: string, text: string): SourceCard => {
    const cardId = addCard(boards.get(groupId)!, { columnId, text });
    return { groupId, columnId, cardId, text };
  };
  const live = () => new Map([...boards].map(([groupId, doc]) => [groupId, readCards(doc)]));
  const boardStates = () => [...boards.values()].map((d) => Y.encodeStateVector(d).join(','));
  return { session, phase, g1: g1!, g2: g2!, col1: col1!, col2: col2!, boards, card, live, boardStates };
}

describe('plenum summary: merging across groups', () => {
  it('merges, splits and unmerges across groups, keeping provenance and leaving the cards untouched', () => {
    const w = workshop();
    const a = w.card(w.g1.id, w.col1.id, 'Viele engagierte Menschen, aber vieles dauert länger');
    const b = w.card(w.g2.id, w.col1.id, 'Es dauert alles länger als gedacht');
    const c = w.card(w.g2.id, w.col2.id, 'Interne Prozesse besser koordinieren');
    const cardsBefore = [...w.boards.values()].map((d) => JSON.stringify(readCards(d)));
    const statesBefore = w.boardStates();

    const item = addItemFromCard(w.session, w.phase.id, a, { heading: w.col1.text, now: 1000 });
    addCardToItem(w.session, w.phase.id, item, b, 2000);
    addCardToItem(w.session, w.phase.id, item, c, 3000);
    let summary = readSummary(w.session, w.phase.id, w.live());
    expect(summary.items).toHaveLength(1);
    const merged = summary.items[0]!;
    expect(merged.text).toBe(a.text);
    expect(merged.heading).toBe(w.col1.text);
    expect(merged.sources.map(({ groupId, columnId, cardId, text, mergedAt, state }) => ({ groupId, columnId, cardId, text, mergedAt, state }))).toEqual([
      { ...a, mergedAt: 1000, state: 'unchanged' },
      { ...b, mergedAt: 2000, state: 'unchanged' },
      { ...c, mergedAt: 3000, state: 'unchanged' },
    ]);
    expect(mergedCardKeys(w.session, w.phase.id)).toEqual(new Set([a, b, c].map((x) => sourceKey(x.groupId, x.cardId))));

    // Split: c becomes its own item right after, with its provenance intact.
    const split = splitItem(w.session, w.phase.id, item, sourceKey(c.groupId, c.cardId), 4000);
    summary = readSummary(w.session, w.phase.id, w.live());
    expect(summary.items.map((i) => i.id)).toEqual([item, split]);
    expect(summary.items[1]).toMatchObject({ text: c.text, heading: w.col1.text });
    expect(summary.items[1]!.sources).toEqual([expect.objectContaining({ ...c, mergedAt: 3000 })]);

    // Unmerge b: it leaves the item; the item keeps a's text.
    removeSource(w.session, w.phase.id, item, sourceKey(b.groupId, b.cardId));
    summary = readSummary(w.session, w.phase.id, w.live());
    expect(summary.items[0]!.sources.map((s) => s.cardId)).toEqual([a.cardId]);
    expect(summary.items[0]!.text).toBe(a.text);

    // Nothing of this touched a board.
    expect(w.boardStates()).toEqual(statesBefore);
    expect([...w.boards.values()].map((d) => JSON.stringify(readCards(d)))).toEqual(cardsBefore);
  });

  it('shows edited and deleted source cards, keeps the item text, and adds up the sources’ dots', () => {
    const w = workshop();
    const a = w.card(w.g1.id, w.col1.id, 'Mehr Transparenz');
    const b = w.card(w.g2.id, w.col1.id, 'Transparenz und Geduld');
    const c = w.card(w.g2.id, w.col2.id, 'Ruhe in den Prozess bringen');
    const item = addItemFromCard(w.session, w.phase.id, a, { now: 1 });
    addCardToItem(w.session, w.phase.id, item, b, 2);
    addCardToItem(w.session, w.phase.id, item, c, 3);
    vote(w.boards.get(a.groupId)!, a.cardId, 'v1', 1, 3);
    vote(w.boards.get(a.groupId)!, a.cardId, 'v2', 1, 3);
    vote(w.boards.get(b.groupId)!, b.cardId, 'v1', 1, 3);
    vote(w.boards.get(c.groupId)!, c.cardId, 'v3', 1, 3);
    updateCardText(w.boards.get(b.groupId)!, b.cardId, 'Transparenz, Geduld und Zeit');
    deleteCard(w.boards.get(c.groupId)!, c.cardId);

    const read = readSummary(w.session, w.phase.id, w.live()).items[0]!;
    expect(read.text).toBe('Mehr Transparenz');
    expect(read.sources.map((s) => [s.state, s.text, s.currentText, s.votes])).toEqual([
      ['unchanged', 'Mehr Transparenz', 'Mehr Transparenz', 2],
      ['edited', 'Transparenz und Geduld', 'Transparenz, Geduld und Zeit', 1],
      ['deleted', 'Ruhe in den Prozess bringen', null, 0],
    ]);
    expect(read.votes).toBe(3);
    // Without the boards nothing is guessed.
    const blind = readSummary(w.session, w.phase.id).items[0]!;
    expect(blind.sources.map((s) => s.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(blind.votes).toBe(0);
  });

  it('moves a card that is merged again out of its old item; edits, highlights, reorders and deletes items', () => {
    const w = workshop();
    const a = w.card(w.g1.id, w.col1.id, 'Eins');
    const b = w.card(w.g2.id, w.col1.id, 'Zwei');
    const c = w.card(w.g2.id, w.col2.id, 'Drei');
    const first = addItemFromCard(w.session, w.phase.id, a, { now: 1 });
    addCardToItem(w.session, w.phase.id, first, b, 2);
    const second = addItemFromCard(w.session, w.phase.id, c, { now: 3 });
    addCardToItem(w.session, w.phase.id, second, b, 4);
    addCardToItem(w.session, w.phase.id, second, b, 5); // twice: nothing changes
    let items = readSummary(w.session, w.phase.id).items;
    expect(items.map((i) => i.sources.map((s) => s.text))).toEqual([['Eins'], ['Drei', 'Zwei']]);

    const third = addItemFromCard(w.session, w.phase.id, a, { index: 0, text: 'Eigene Zusammenfassung' });
    items = readSummary(w.session, w.phase.id).items;
    expect(items.map((i) => [i.id, i.text, i.sources.length])).toEqual([
      [third, 'Eigene Zusammenfassung', 1],
      [first, 'Eins', 0], // emptied, but the moderator's text stays
      [second, 'Drei', 2],
    ]);

    setItemText(w.session, w.phase.id, second, ' Gemeinsam: Zwei und Drei ');
    setItemHeading(w.session, w.phase.id, second, 'Zusammenarbeit');
    setItemHighlight(w.session, w.phase.id, second, true);
    moveItem(w.session, w.phase.id, second, 0);
    deleteItem(w.session, w.phase.id, first);
    const own = addItem(w.session, w.phase.id, 'Ohne Karte');
    items = readSummary(w.session, w.phase.id).items;
    expect(items.map((i) => [i.id, i.text, i.heading, i.highlight])).toEqual([
      [second, 'Gemeinsam: Zwei und Drei', 'Zusammenarbeit', true],
      [third, 'Eigene Zusammenfassung', '', false],
      [own, 'Ohne Karte', '', false],
    ]);
  });

  it('refuses bad input with coded errors and leaves the summary as it was', () => {
    const w = workshop();
    const a = w.card(w.g1.id, w.col1.id, 'Eins');
    const item = addItemFromCard(w.session, w.phase.id, a);
    const before = JSON.stringify(readSummary(w.session, w.phase.id));
    const err = (code: string, field?: string) => expect.objectContaining(field ? { code, field } : { code });
    expect(() => addItemFromCard(w.session, 'nophase', a)).toThrow(err('not_found', 'phaseId'));
    expect(() => addItemFromCard(w.session, w.phase.id, { ...a, groupId: 'otherGroup' })).toThrow(err('not_found', 'groupId'));
    expect(() => addItemFromCard(w.session, w.phase.id, { ...a, cardId: 'not an id' })).toThrow(err('invalid', 'cardId'));
    expect(() => addItemFromCard(w.session, w.phase.id, { ...a, text: ' ' })).toThrow(err('required', 'text'));
    expect(() => addCardToItem(w.session, w.phase.id, 'noItem', a)).toThrow(err('not_found', 'itemId'));
    expect(() => setItemText(w.session, w.phase.id, item, 'x'.repeat(LIMITS.summaryTextLength + 1))).toThrow(
      expect.objectContaining({ code: 'too_long', limit: LIMITS.summaryTextLength }),
    );
    expect(() => setItemHeading(w.session, w.phase.id, item, 'x'.repeat(LIMITS.summaryHeadingLength + 1))).toThrow(err('too_long'));
    expect(() => splitItem(w.session, w.phase.id, item, sourceKey(a.groupId, a.cardId))).toThrow(err('invalid', 'sourceKey'));
    expect(() => removeSource(w.session, w.phase.id, item, 'g/unknown')).toThrow(err('not_found', 'sourceKey'));
    expect(() => setLayout(w.session, w.phase.id, 'columns' as never)).toThrow(err('invalid', 'layout'));
    expect(() => dismissPair(w.session, w.phase.id, 'a/b', 'a/b')).toThrow(err('invalid', 'pair'));
    expect(JSON.stringify(readSummary(w.session, w.phase.id))).toBe(before);
  });

  it('keeps to the item and source limits', () => {
    const w = workshop();
    const first = w.card(w.g1.id, w.col1.id, 'Karte 0');
    const item = addItemFromCard(w.session, w.phase.id, first);
    for (let i = 1; i < LIMITS.sourcesPerItem; i++) addCardToItem(w.session, w.phase.id, item, w.card(w.g2.id, w.col1.id, `Karte ${i}`));
    expect(() => addCardToItem(w.session, w.phase.id, item, w.card(w.g2.id, w.col1.id, 'eine zu viel'))).toThrow(
      expect.objectContaining({ code: 'too_many', limit: LIMITS.sourcesPerItem }),
    );
    for (let i = 1; i < LIMITS.summaryItemsPerPhase; i++) addItem(w.session, w.phase.id, `Punkt ${i}`);
    expect(() => addItem(w.session, w.phase.id, 'einer zu viel')).toThrow(
      expect.objectContaining({ code: 'too_many', limit: LIMITS.summaryItemsPerPhase }),
    );
  });
});

describe('plenum summary: layout, dismissed pairs, readers', () => {
  it('has a layout per phase, perGroup until the moderator chooses', () => {
    const w = workshop();
    expect(readLayout(w.session, w.phase.id)).toBe('perGroup');
    setLayout(w.session, w.phase.id, 'merged');
    expect(readSummary(w.session, w.phase.id).layout).toBe('merged');
  });

  it('reads what the protocol shows: merged items with their groups’ names, or each group’s cards by column', () => {
    const w = workshop();
    const a = w.card(w.g1.id, w.col1.id, 'Eins');
    const b = w.card(w.g2.id, w.col2.id, 'Zwei');
    const c = w.card(w.g2.id, w.col1.id, 'Drei');
    const item = addItemFromCard(w.session, w.phase.id, b);
    addCardToItem(w.session, w.phase.id, item, a);
    expect(readPhaseResults(w.session, 'unknown', w.live())).toBeNull();

    const perGroup = readPhaseResults(w.session, w.phase.id, w.live());
    expect(perGroup?.layout).toBe('perGroup');
    if (perGroup?.layout !== 'perGroup') return;
    expect(
      perGroup.groups.map((g) => [g.name, g.columns.map((col) => [col.text, col.cards.map((x) => x.text)])]),
    ).toEqual([
      ['Arbeitsgruppe 1', [['Zusammenarbeit', ['Eins']], ['Interne Prozesse', []]]],
      ['Arbeitsgruppe 2', [['Zusammenarbeit', ['Drei']], ['Interne Prozesse', ['Zwei']]]],
    ]);
    expect(c.text).toBe('Drei');

    setLayout(w.session, w.phase.id, 'merged');
    const merged = readPhaseResults(w.session, w.phase.id, w.live());
    expect(merged?.layout).toBe('merged');
    if (merged?.layout !== 'merged') return;
    // Group names in the phase's order, however the cards were merged.
    expect(merged.items.map((i) => [i.text, i.groupNames])).toEqual([['Zwei', ['Arbeitsgruppe 1', 'Arbeitsgruppe 2']]]);
  });

  it('the Bilanz–Zukunft template merges the review and keeps the look ahead per group, as the reference protocol', () => {
    const doc = new Y.Doc();
    initSessionFromTemplate(doc, 'bilanz-zukunft', { title: 'Sozialraumorientierung' });
    const layouts = readPhases(doc).map((p) => [p.title.split(':')[0], readLayout(doc, p.id)]);
    expect(layouts).toEqual([
      ['Begrüßung und Einführung', 'perGroup'],
      ['Bilanzgespräch', 'merged'],
      ['Zukunftsgespräch', 'perGroup'],
      ['Abschluss aus den Blickwinkeln der Jugendamtsleitung und der Regionalleitung', 'perGroup'],
    ]);
  });

  it('remembers dismissed pairs in either order, per phase', () => {
    const w = workshop();
    const a = sourceKey(w.g1.id, 'card1');
    const b = sourceKey(w.g2.id, 'card2');
    dismissPair(w.session, w.phase.id, b, a);
    expect(isDismissed(w.session, w.phase.id, a, b)).toBe(true);
    expect(isDismissed(w.session, 'otherPhase', a, b)).toBe(false);
    expect(dismissedPairs(w.session, w.phase.id).size).toBe(1);
    undismissPair(w.session, w.phase.id, a, b);
    expect(isDismissed(w.session, w.phase.id, b, a)).toBe(false);
  });

  it('reads a session without summary maps, and ignores what a misbehaving peer wrote', () => {
    const w = workshop();
    expect(readSummary(w.session, w.phase.id)).toEqual({ phaseId: w.phase.id, layout: 'perGroup', items: [] });
    const a = w.card(w.g1.id, w.col1.id, 'Eins');
    const item = addItemFromCard(w.session, w.phase.id, a);
    w.session.transact(() => {
      const items = w.session.getMap('summaryItems');
      items.set('bad id!', new Y.Map());
      items.set('plainValue', 'x');
      const sources = (items.get(item) as Y.Map<Y.Map<unknown>>).get('sources') as unknown as Y.Map<unknown>;
      sources.set('no-slash', { groupId: 'x', cardId: 'y', text: 't' });
      sources.set(sourceKey(w.g2.id, 'liar'), { groupId: w.g1.id, cardId: 'liar', text: 't' });
      (items.get(item) as Y.Map<unknown>).set('text', 'y'.repeat(5000));
      w.session.getMap('summaryLayouts').set(w.phase.id, 'sideways');
    });
    const summary = readSummary(w.session, w.phase.id);
    expect(summary.layout).toBe('perGroup');
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0]!.text).toHaveLength(LIMITS.summaryTextLength);
    expect(summary.items[0]!.sources.map((s) => s.cardId)).toEqual([a.cardId]);
  });

  it('removes a deleted phase’s items, layout and dismissals', () => {
    const w = workshop();
    addItemFromCard(w.session, w.phase.id, w.card(w.g1.id, w.col1.id, 'Eins'));
    setLayout(w.session, w.phase.id, 'merged');
    dismissPair(w.session, w.phase.id, 'g/a', 'g/b');
    deletePhaseSummary(w.session, w.phase.id);
    expect(readSummary(w.session, w.phase.id)).toEqual({ phaseId: w.phase.id, layout: 'perGroup', items: [] });
    expect(dismissedPairs(w.session, w.phase.id).size).toBe(0);
  });
});

describe('plenum summary: undo of the moderator’s own merge steps', () => {
  it('undoes and redoes only the steps written with this moderator’s origin, never another moderator’s', () => {
    const w = workshop();
    const other = new Y.Doc();
    const sync = () => {
      Y.applyUpdate(other, Y.encodeStateAsUpdate(w.session, Y.encodeStateVector(other)), 'remote');
      Y.applyUpdate(w.session, Y.encodeStateAsUpdate(other, Y.encodeStateVector(w.session)), 'remote');
    };
    sync();
    const origin = createSummaryOrigin('moderator A');
    const undo = createSummaryUndo(w.session, origin);
    const a = w.card(w.g1.id, w.col1.id, 'Eins');
    const b = w.card(w.g2.id, w.col1.id, 'Zwei');
    const c = w.card(w.g2.id, w.col2.id, 'Drei');
    let item = '';
    w.session.transact(() => {
      item = addItemFromCard(w.session, w.phase.id, a, { now: 1 });
    }, origin);
    w.session.transact(() => addCardToItem(w.session, w.phase.id, item, b, 2), origin);
    sync();
    // Moderator B merges c into the same item on their replica.
    addCardToItem(other, w.phase.id, item, c, 3);
    // An untracked local write (no origin) is not undone either.
    setItemHighlight(w.session, w.phase.id, item, true);
    sync();
    const sourcesNow = () => readSummary(w.session, w.phase.id).items.flatMap((i) => i.sources.map((s) => s.text));
    expect(sourcesNow()).toEqual(['Eins', 'Zwei', 'Drei']);

    undo.undo(); // A's merge of b
    expect(sourcesNow()).toEqual(['Eins', 'Drei']);
    undo.undo(); // A's new item: B's source in it goes with it, as deleting would
    expect(readSummary(w.session, w.phase.id).items).toEqual([]);
    undo.redo();
    undo.redo();
    expect(sourcesNow()).toEqual(['Eins', 'Zwei', 'Drei']);
    expect(readSummary(w.session, w.phase.id).items[0]!.highlight).toBe(true);
    sync();
    expect(readSummary(other, w.phase.id)).toEqual(readSummary(w.session, w.phase.id));
  });
});
