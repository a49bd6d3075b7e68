import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initSession, readPhases } from '@plenum/shared/session-doc';
import { createSummaryOrigin, createSummaryUndo, readSummary, sourceKey, type SourceCard } from '@plenum/shared/summary-doc';
import type { Suggestion } from '@plenum/shared/similarity';
import { createSummaryActions } from './summary-actions.ts';

// The plenum view's writes to the summary: one undoable step each, tagged
// with this tab's origin; refusals come back as ModelErrors, not exceptions.

function setup() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Bilanz' }, [
    { title: 'Bilanz', kind: 'groupwork', prompts: ['Zusammenarbeit'], groups: [{ name: 'AG 1' }, { name: 'AG 2' }] },
  ]);
  const phase = readPhases(doc)[0]!;
  const origin = createSummaryOrigin('test');
  const undo = createSummaryUndo(doc, origin);
  const actions = createSummaryActions(doc, phase.id, origin);
  const card = (group: number, cardId: string, text: string): SourceCard => ({
    groupId: phase.groups[group]!.id,
    columnId: phase.prompts[0]!.id,
    cardId,
    text,
  });
  const pair = (a: SourceCard, b: SourceCard): Suggestion => ({ key: `${a.cardId}|${b.cardId}`, a, b, score: 0.9 });
  return { doc, phase, undo, actions, card, pair, items: () => readSummary(doc, phase.id).items };
}

describe('summary actions', () => {
  it('merge a card of each group into one item, and undo takes back exactly one step at a time', () => {
    const { actions, card, undo, items } = setup();
    const a = card(0, 'c1', 'Kurze Wege zum Jugendamt');
    const b = card(1, 'c2', 'Kurze Wege ins Jugendamt');
    const created = actions.newItem(a, 'Zusammenarbeit');
    expect(created.ok && created.id).toBeTruthy();
    expect(actions.join(items()[0]!.id, b)).toEqual({ ok: true });
    expect(items()[0]!.sources.map((s) => s.key)).toEqual([sourceKey(a.groupId, 'c1'), sourceKey(b.groupId, 'c2')]);
    expect(items()[0]!.heading).toBe('Zusammenarbeit');
    undo.undo();
    expect(items()[0]!.sources).toHaveLength(1);
    undo.undo();
    expect(items()).toEqual([]);
  });

  it('reports a refused write as a ModelError instead of throwing', () => {
    const { actions, card } = setup();
    const result = actions.join('nosuchitem', card(0, 'c1', 'x'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('not_found');
    expect(actions.setText('nosuchitem', '').ok).toBe(false);
  });

  it('mergePair makes a new item of two cards, or joins the item that holds one of them, as one undo step', () => {
    const { actions, card, pair, undo, items } = setup();
    const a = card(0, 'a1', 'Fallberatung gemeinsam');
    const b = card(1, 'b1', 'Gemeinsame Fallberatungen');
    expect(actions.mergePair(pair(a, b), items(), 'Zusammenarbeit').ok).toBe(true);
    expect(items()).toHaveLength(1);
    expect(items()[0]!.sources).toHaveLength(2);
    undo.undo();
    expect(items()).toEqual([]);

    actions.newItem(b, '');
    const c = card(0, 'a2', 'Fallberatung im Team');
    expect(actions.mergePair(pair(c, b), items(), '').ok).toBe(true);
    expect(items()).toHaveLength(1);
    expect(items()[0]!.sources.map((s) => s.cardId).sort()).toEqual(['a2', 'b1']);
  });

  it('a dismissed pair is stored in the session document', () => {
    const { doc, phase, actions, card, pair } = setup();
    const a = card(0, 'a1', 'x');
    const b = card(1, 'b1', 'y');
    expect(actions.dismiss(pair(a, b)).ok).toBe(true);
    expect([...doc.getMap('dismissedPairs').keys()]).toEqual([
      `${phase.id}|${[sourceKey(a.groupId, 'a1'), sourceKey(b.groupId, 'b1')].sort().join('|')}`,
    ]);
  });
});
