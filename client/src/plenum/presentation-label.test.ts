import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Presentation } from '@plenum/shared/presentation';
import { initSession, readPhases } from '@plenum/shared/session-doc';
import { translate } from '../i18n/dictionary.ts';
import { messageText } from '../i18n/message.ts';
import { describePresentation, followsPresentation } from './presentation-label.ts';

const de = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('de', key, params);

function phases() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Bilanz' }, [
    { title: 'Bilanzgespräch', kind: 'groupwork', prompts: ['Fragen'], groups: [{ name: 'Arbeitsgruppe 1' }] },
  ]);
  return readPhases(doc);
}

describe('what a presentation shows, in words', () => {
  it('names the group, column, phase or summary item', () => {
    const list = phases();
    const phase = list[0]!;
    const groupId = phase.groups[0]!.id;
    const say = (p: Presentation, items = [] as { id: string; text: string }[]) =>
      messageText(de, describePresentation(p, list, items));
    expect(say({ kind: 'board', phaseId: phase.id, groupId, since: 1 })).toBe('Board von Arbeitsgruppe 1');
    expect(say({ kind: 'column', phaseId: phase.id, groupId, columnId: phase.prompts[0]!.id, since: 1 })).toBe(
      'Spalte „Fragen“ von Arbeitsgruppe 1',
    );
    expect(say({ kind: 'card', phaseId: phase.id, groupId, cardId: 'c', since: 1 })).toBe('Eine Karte von Arbeitsgruppe 1');
    expect(say({ kind: 'summary', phaseId: phase.id, since: 1 })).toBe('Zusammenfassung: Bilanzgespräch');
    expect(say({ kind: 'item', phaseId: phase.id, itemId: 'i2', since: 1 }, [{ id: 'i1', text: 'Erster' }, { id: 'i2', text: 'Zweiter' }])).toBe(
      'Punkt 2 der Zusammenfassung „Zweiter“ (Bilanzgespräch)',
    );
    expect(say({ kind: 'item', phaseId: phase.id, itemId: 'gone', since: 1 })).toBe(
      'Ein gelöschter Punkt der Zusammenfassung (Bilanzgespräch)',
    );
  });
});

describe('following a presentation', () => {
  it('follows while one runs, not after looking away, and again when the moderator presents something new', () => {
    const first: Presentation = { kind: 'summary', phaseId: 'p', since: 100 };
    expect(followsPresentation(null, null)).toBe(false);
    expect(followsPresentation(first, null)).toBe(true);
    expect(followsPresentation(first, 100)).toBe(false);
    expect(followsPresentation({ ...first, since: 200 }, 100)).toBe(true);
  });
});
