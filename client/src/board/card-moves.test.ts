import { describe, expect, it } from 'vitest';
import type { Card } from '@plenum/shared/board-doc';
import type { Prompt } from '@plenum/shared/session-doc';
import { translate, type MessageKey } from '../i18n/dictionary.ts';
import { moveTargets, reconcile } from './card-moves.ts';

const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const de = (key: MessageKey, params?: Record<string, string | number>) => translate('de', key, params);

const card = (id: string, columnId: string): Card => ({
  id,
  columnId,
  order: '',
  text: id,
  color: 'yellow',
  author: null,
  createdAt: 0,
  votes: 0,
  voters: {},
});

describe('reconcile: others change the board during a drag', () => {
  it('keeps the drag order as it is when nobody else changed anything', () => {
    const base = { a: ['1', '2'], b: ['3'] };
    const dragged = { a: ['2'], b: ['3', '1'] };
    expect(reconcile(dragged, base, '1')).toEqual(dragged);
  });

  it('drops a card deleted elsewhere and adds a card added elsewhere at the end of its column', () => {
    const dragged = { a: ['2', '1'], b: ['3'] };
    const base = { a: ['1', '2', 'new'], b: [] };
    expect(reconcile(dragged, base, '1')).toEqual({ a: ['2', '1', 'new'], b: [] });
  });

  it('keeps the dragged card even when someone deleted it, until the drop', () => {
    expect(reconcile({ a: [], b: ['1'] }, { a: [], b: [] }, '1')).toEqual({ a: [], b: ['1'] });
  });

  it('shows a card once, where the drag put it, even if someone moved it meanwhile', () => {
    const dragged = { a: ['2'], b: ['1', '2'] };
    const base = { a: ['1'], b: ['2'] };
    expect(reconcile(dragged, base, '1')).toEqual({ a: ['2'], b: ['1'] });
  });

  it('follows the columns of the board: a removed column gives its cards back, an added one appears', () => {
    const dragged = { a: ['1'], gone: ['2'] };
    const base = { a: ['1', '2'], added: ['3'] };
    expect(reconcile(dragged, base, '1')).toEqual({ a: ['1', '2'], added: ['3'] });
  });
});

describe('moveTargets: moving a card without dragging', () => {
  const prompts: Prompt[] = [
    { id: 'a', order: 'a0', text: 'Was lief gut?' },
    { id: 'b', order: 'a1', text: 'Was   wünschen\nwir uns?' },
  ];
  const keys = (c: Card, base: Record<string, string[]>) => moveTargets(c, base, prompts, en).map((t) => `${t.key}→${t.columnId}@${t.index}`);

  it('offers up, down and both ends of every column for a card in the middle', () => {
    const base = { a: ['1', '2', '3'], b: ['4'] };
    expect(keys(card('2', 'a'), base)).toEqual(['up→a@0', 'down→a@2', 'a:start→a@0', 'a:end→a@null', 'b:start→b@0', 'b:end→b@null']);
  });

  it('offers no move that leaves the card where it is', () => {
    const base = { a: ['1', '2'], b: [] };
    expect(keys(card('1', 'a'), base)).toEqual(['down→a@1', 'a:end→a@null', 'b:start→b@0', 'b:end→b@null']);
    expect(keys(card('2', 'a'), base)).toEqual(['up→a@0', 'a:start→a@0', 'b:start→b@0', 'b:end→b@null']);
    expect(keys(card('1', 'a'), { a: ['1'], b: ['2'] })).toEqual(['b:start→b@0', 'b:end→b@null']);
  });

  it('names the target column by a one-line excerpt of its prompt', () => {
    const labels = moveTargets(card('1', 'a'), { a: ['1'], b: [] }, prompts, en).map((t) => t.label);
    expect(labels).toEqual(['to the top of “Was wünschen wir uns?”', 'to the end of “Was wünschen wir uns?”']);
  });

  // The words are kept per board (columns and language), not per card: they must follow both.
  it('words the targets anew in another language and after a column is renamed', () => {
    const base = { a: ['1'], b: [] };
    const labels = (ps: Prompt[], t: typeof en) => moveTargets(card('1', 'a'), base, ps, t).map((target) => target.label);
    expect(labels(prompts, en)).toEqual(['to the top of “Was wünschen wir uns?”', 'to the end of “Was wünschen wir uns?”']);
    expect(labels(prompts, de)).toEqual(['an den Anfang von „Was wünschen wir uns?“', 'ans Ende von „Was wünschen wir uns?“']);
    const renamed = [prompts[0]!, { ...prompts[1]!, text: 'Neue Spalte' }];
    expect(labels(renamed, en)).toEqual(['to the top of “Neue Spalte”', 'to the end of “Neue Spalte”']);
  });
});
