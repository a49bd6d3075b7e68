import { board } from './strings-board.ts';
import { common } from './strings-common.ts';
import { moderator } from './strings-moderator.ts';

// The one dictionary: every UI string, German and English, from the section
// files. Add a section by importing it here; the test in
// client/src/i18n/dictionary.test.ts checks both languages have every key.

export type Locale = 'de' | 'en';
export const LOCALES: readonly Locale[] = ['de', 'en'];

const sections = [common, moderator, board] as const;

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
