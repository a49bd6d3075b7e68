import { describe, expect, it } from 'vitest';
import type { Prompt } from '@plenum/shared/session-doc';
import { translate } from '../i18n/dictionary.ts';
import { messageText } from '../i18n/message.ts';
import { cardsShownIn, removalText, type Removal } from './column-removal.ts';

// The numbers and words of the question before a column is removed.

const prompts: Prompt[] = [
  { id: 'ideas', order: 'a0', text: 'Ideen' },
  { id: 'questions', order: 'a1', text: 'Fragen' },
  { id: 'steps', order: 'a2', text: 'Nächste Schritte' },
];
// Cards per stored column id; "gone" is a column removed earlier, shown in the first column.
const columns = { ideas: 2, questions: 3, gone: 4 };

describe('removing a column', () => {
  it('counts the cards a board shows in the column: its own, and for the first column also those of columns removed before', () => {
    expect(cardsShownIn(columns, prompts[1]!, prompts)).toBe(3);
    expect(cardsShownIn(columns, prompts[2]!, prompts)).toBe(0);
    expect(cardsShownIn(columns, prompts[0]!, prompts)).toBe(6);
  });

  it('says how many cards go where, or that none do, or that no column is left', () => {
    const de = (removal: Removal) => messageText((key, params) => translate('de', key, params), removalText(removal));
    const prompt = prompts[1]!;
    expect(de({ prompt, cards: 2, target: 'Ideen' })).toContain('2 Karten stehen in „Fragen“');
    expect(de({ prompt, cards: 2, target: 'Ideen' })).toContain('am Ende der Spalte „Ideen“');
    expect(de({ prompt, cards: 1, target: 'Ideen' })).toContain('1 Karte steht in „Fragen“');
    expect(de({ prompt, cards: 0, target: 'Ideen' })).toContain('keine Karten');
    expect(de({ prompt, cards: null, target: 'Ideen' })).toContain('ließ sich nicht abfragen');
    expect(de({ prompt, cards: 5, target: null })).toContain('die letzte Spalte');
  });
});
