import type { Address } from '@plenum/shared/session-doc';
import { board } from './strings-board.ts';
import { common } from './strings-common.ts';
import { moderator } from './strings-moderator.ts';
import { operations } from './strings-operations.ts';
import { protocol } from './strings-protocol.ts';
import { plenum } from './strings-plenum.ts';

// The one dictionary: every UI string, German and English, from the section
// files. Add a section by importing it here (and to the list below); the
// typecheck (Section below) and client/src/i18n/dictionary.test.ts check both
// languages have every key.

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/**
 * A text that shows a count: one form per plural category, chosen by
 * `Intl.PluralRules` from the `count` parameter ("1 Punkt", "2 Punkte").
 * German and English both use just `one` and `other`; dictionary.test.ts
 * checks every entry has exactly the categories its language uses.
 */
export type Plural = { readonly one: string; readonly other: string };

/**
 * A text that speaks to a participant: German has "Sie" (formal) and "du"
 * (informal), chosen by the workshop's `meta.address` (absent = formal).
 * Only participant-facing texts vary; English gives one string for both.
 */
export type Addressed = { readonly formal: string; readonly informal: string };
export type Entry = string | Plural | Addressed;

/** The other language's shape: the same keys, plural where it is plural; either may vary by address. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends Plural ? Plural : string | Addressed };

/**
 * English has every German key and German every English one, and a key is
 * plural in both or in neither: either mistake fails the typecheck, naming
 * the key and the section.
 */
type Section<S extends { de: object; en: object }> = {
  readonly de: Shape<S['en']>;
  readonly en: Shape<S['de']>;
};

const sections = [common, moderator, board, protocol, operations, plenum] as const satisfies readonly [
  Section<typeof common>,
  Section<typeof moderator>,
  Section<typeof board>,
  Section<typeof protocol>,
  Section<typeof operations>,
  Section<typeof plenum>,
];

type Keys<S> = S extends { de: infer D } ? keyof D : never;
export type MessageKey = Keys<(typeof sections)[number]>;

export const dictionary: Record<Locale, Record<string, Entry>> = {
  de: Object.assign({}, ...sections.map((s) => s.de)) as Record<string, Entry>,
  en: Object.assign({}, ...sections.map((s) => s.en)) as Record<string, Entry>,
};

// Made once per language: building PluralRules loads locale data, and
// translate runs on every render of every card.
const pluralRules = Object.fromEntries(LOCALES.map((locale) => [locale, new Intl.PluralRules(locale)])) as Record<
  Locale,
  Intl.PluralRules
>;

/** The form of a plural entry for `count`; anything but a number reads as "other". */
function pluralForm(locale: Locale, entry: Plural, count: string | number | undefined): string {
  if (typeof count !== 'number') return entry.other;
  const category = pluralRules[locale].select(count);
  return category === 'one' ? entry.one : entry.other;
}

export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
  address: Address = 'formal',
): string {
  const entry = dictionary[locale][key] ?? dictionary.de[key] ?? key;
  const template = typeof entry === 'string' ? entry : 'one' in entry ? pluralForm(locale, entry, params.count) : entry[address];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
