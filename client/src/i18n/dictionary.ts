import { board } from './strings-board.ts';
import { common } from './strings-common.ts';
import { moderator } from './strings-moderator.ts';

// The one dictionary: every UI string, German and English, from the section
// files. Add a section by importing it here (and to the list below); the
// typecheck (Section below) and client/src/i18n/dictionary.test.ts check both
// languages have every key.

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

/**
 * English has every German key and German every English one: a key missing on
 * either side fails the typecheck, naming the key and the section.
 */
type Section<S extends { de: object; en: object }> = {
  readonly de: Record<keyof S['en'], string>;
  readonly en: Record<keyof S['de'], string>;
};

const sections = [common, moderator, board] as const satisfies readonly [
  Section<typeof common>,
  Section<typeof moderator>,
  Section<typeof board>,
];

type Keys<S> = S extends { de: infer D } ? keyof D : never;
export type MessageKey = Keys<(typeof sections)[number]>;

export const dictionary: Record<Locale, Record<string, string>> = {
  de: Object.assign({}, ...sections.map((s) => s.de)) as Record<string, string>,
  en: Object.assign({}, ...sections.map((s) => s.en)) as Record<string, string>,
};

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionary[locale][key] ?? dictionary.de[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
