import { describe, expect, it } from 'vitest';
import { dictionary, LOCALES, translate, type Entry, type MessageKey } from './dictionary.ts';
import { board } from './strings-board.ts';
import { common } from './strings-common.ts';
import { moderator } from './strings-moderator.ts';
import { plenum } from './strings-plenum.ts';

// Every string the UI shows comes from the dictionary, in German and English.
// A key missing in one language, an empty text or a placeholder that only one
// language has would show up as a raw key or a literal "{name}" on screen.

const sections = { common, moderator, board, plenum };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every text of an entry: the string itself, or each plural form. */
const forms = (entry: Entry | undefined): string[] =>
  entry === undefined ? [] : typeof entry === 'string' ? [entry] : Object.values(entry);

const isPlural = (entry: Entry | undefined) => typeof entry === 'object' && 'one' in entry;
const isAddressed = (entry: Entry | undefined) => typeof entry === 'object' && 'formal' in entry;
const pluralKeys = Object.keys(dictionary.de).filter((key) => isPlural(dictionary.de[key])) as MessageKey[];

/** German words that say "du" (not the quoted word „du“ in the moderator's choice); the formal texts must not have them. */
const INFORMAL = /(?<!„)\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|nimm|wähle)\b/i;
/** German words that say "Sie" (capitalised: "sie" is "they"). */
const FORMAL = /\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b/;

describe('dictionary', () => {
  it('has the same keys in every language', () => {
    const german = Object.keys(dictionary.de).sort();
    for (const locale of LOCALES) expect(Object.keys(dictionary[locale]).sort()).toEqual(german);
  });

  it('has no empty strings', () => {
    for (const locale of LOCALES) {
      const empty = Object.entries(dictionary[locale]).filter(([, entry]) => forms(entry).some((text) => text.trim() === ''));
      expect(empty, `${locale}: empty texts`).toEqual([]);
    }
  });

  it('uses the same {placeholders} in every language and every plural form', () => {
    const mismatched = Object.keys(dictionary.de).filter((key) => {
      const all = LOCALES.flatMap((locale) => forms(dictionary[locale][key]).map((text) => JSON.stringify(placeholders(text))));
      return new Set(all).size !== 1;
    });
    expect(mismatched).toEqual([]);
  });

  it('gives every plural entry exactly the plural categories of its language, and a {count} to choose by', () => {
    expect(pluralKeys.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      const plural = Object.entries(dictionary[locale]).filter(([, entry]) => isPlural(entry));
      expect(plural.map(([key]) => key).sort(), `${locale}: plural keys`).toEqual([...pluralKeys].sort());
      for (const [key, entry] of plural) {
        expect(Object.keys(entry).sort(), `${locale}: ${key}`).toEqual(categories);
        expect(placeholders(forms(entry)[0] ?? ''), `${locale}: ${key}`).toContain('count');
      }
    }
  });

  it('chooses the plural form by count: one for 1, other for 0 and 2, in both languages', () => {
    const fill = (text: string, params: Record<string, string | number>) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
    for (const locale of LOCALES) {
      for (const key of pluralKeys) {
        const entry = dictionary[locale][key];
        if (typeof entry !== 'object' || !('one' in entry)) throw new Error(`${locale}: ${key} is not plural`);
        for (const [count, form] of [[1, entry.one], [0, entry.other], [2, entry.other]] as const) {
          const params = { count, left: 0, field: 'F', limit: count, column: 'C', target: 'T' };
          expect(translate(locale, key, params), `${locale}: ${key} (${count})`).toBe(fill(form, params));
        }
      }
    }
  });

  it('says "1 Punkt" and "2 Punkte", "1 dot" and "2 dots", "1 Karte" and "2 Karten"', () => {
    expect(translate('de', 'vote.total', { count: 1 })).toBe('Insgesamt 1 Punkt');
    expect(translate('de', 'vote.total', { count: 2 })).toBe('Insgesamt 2 Punkte');
    expect(translate('en', 'vote.total', { count: 1 })).toBe('1 dot in total');
    expect(translate('en', 'vote.total', { count: 2 })).toBe('2 dots in total');
    expect(translate('de', 'moderator.overview.cardCount', { count: 1 })).toBe('1 Karte');
    expect(translate('en', 'moderator.overview.cardCount', { count: 2 })).toBe('2 cards');
    expect(translate('de', 'moderator.overview.votes', { count: 1 })).toBe('1 Punkt');
    expect(translate('en', 'moderator.run.privateRevealedCount', { count: 1 })).toBe('1 private card was revealed.');
    expect(translate('de', 'vote.left', { left: 0, count: 1 })).toBe('Noch 0 von 1 Punkt');
    expect(translate('en', 'card.charsLeft', { count: 1 })).toBe('1 character left');
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
    expect(translate('en', 'vote.left', { left: 1, count: 3 })).toBe('1 of 3 dots left');
    expect(translate('en', 'move.toEnd')).toBe('to the end of “{column}”');
  });

  it('speaks to participants as the workshop says: "Sie" by default, "du" when informal; English has one form', () => {
    expect(translate('de', 'join.group')).toBe('Ihre Gruppe');
    expect(translate('de', 'join.group', {}, 'formal')).toBe('Ihre Gruppe');
    expect(translate('de', 'join.group', {}, 'informal')).toBe('Deine Gruppe');
    expect(translate('de', 'presence.you', { name: 'Ina' }, 'informal')).toBe('Ina (du)');
    expect(translate('de', 'presence.you', { name: 'Ina' })).toBe('Ina (Sie)');
    expect(translate('en', 'join.group', {}, 'informal')).toBe(translate('en', 'join.group', {}, 'formal'));
    // Texts that do not address anyone read the same either way.
    expect(translate('de', 'card.add', {}, 'informal')).toBe(translate('de', 'card.add', {}, 'formal'));
  });

  it('has no "du" outside the informal variants, and no "Sie" inside them', () => {
    const addressed = Object.keys(dictionary.de).filter((key) => isAddressed(dictionary.de[key]));
    expect(addressed.length).toBeGreaterThan(5);
    const offending: string[] = [];
    for (const [key, entry] of Object.entries(dictionary.de)) {
      if (typeof entry === 'object' && 'formal' in entry) {
        if (INFORMAL.test(entry.formal)) offending.push(`${key} (formal)`);
        if (FORMAL.test(entry.informal)) offending.push(`${key} (informal)`);
        if (!INFORMAL.test(entry.informal)) offending.push(`${key}: the informal form says no "du"`);
      } else if (forms(entry).some((text) => INFORMAL.test(text))) offending.push(key);
    }
    expect(offending).toEqual([]);
  });

  it('keeps the moderator’s own pages formal: no moderator text varies by the participants’ form of address', () => {
    const varying = Object.entries(moderator.de).filter(([, entry]) => typeof entry === 'object' && 'formal' in entry);
    expect(varying).toEqual([]);
  });

  it('says "Workshop" (German) and "workshop" (English), never "Sitzung" or "session"', () => {
    const mixed = LOCALES.flatMap((locale) =>
      Object.entries(dictionary[locale])
        .filter(([, entry]) => forms(entry).some((text) => (locale === 'de' ? /Sitzung/i : /\bsessions?\b/i).test(text)))
        .map(([key]) => `${locale}: ${key}`),
    );
    expect(mixed).toEqual([]);
  });
});
