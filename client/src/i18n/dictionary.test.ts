import { describe, expect, it } from 'vitest';
import { dictionary, LOCALES, translate } from './dictionary.ts';
import { board } from './strings-board.ts';
import { common } from './strings-common.ts';
import { moderator } from './strings-moderator.ts';

// Every string the UI shows comes from the dictionary, in German and English.
// A key missing in one language, an empty text or a placeholder that only one
// language has would show up as a raw key or a literal "{name}" on screen.

const sections = { common, moderator, board };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionary', () => {
  it('has the same keys in every language', () => {
    const german = Object.keys(dictionary.de).sort();
    for (const locale of LOCALES) expect(Object.keys(dictionary[locale]).sort()).toEqual(german);
  });

  it('has no empty strings', () => {
    for (const locale of LOCALES) {
      const empty = Object.entries(dictionary[locale]).filter(([, text]) => text.trim() === '');
      expect(empty, `${locale}: empty texts`).toEqual([]);
    }
  });

  it('uses the same {placeholders} in every language', () => {
    const mismatched = Object.keys(dictionary.de).filter(
      (key) => JSON.stringify(placeholders(dictionary.de[key] ?? '')) !== JSON.stringify(placeholders(dictionary.en[key] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });

  it('has the same keys in both languages within each section file', () => {
    for (const [name, section] of Object.entries(sections)) {
      expect(Object.keys(section.en).sort(), name).toEqual(Object.keys(section.de).sort());
    }
  });

  it('keeps keys unique across sections, so no section silently overrides another', () => {
    const owners = new Map<string, string[]>();
    for (const [name, section] of Object.entries(sections)) {
      for (const key of Object.keys(section.de)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('de', 'card.charsLeft', { count: 7 })).toBe('Noch 7 Zeichen');
    expect(translate('en', 'vote.left', { left: 1, budget: 3 })).toBe('1 of 3 dots left');
    expect(translate('en', 'move.toEnd')).toBe('to the end of “{column}”');
  });
});
