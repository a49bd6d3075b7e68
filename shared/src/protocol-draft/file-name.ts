import type { Lang } from './tree.ts';

// The name a downloaded protocol gets: "Protokoll-2021-09-06-Sozialraumorientierung.md".
// Two forms, because HTTP has two (RFC 6266): the UTF-8 name, which keeps the
// title's umlauts, and an ASCII fallback for the plain `filename=` parameter.
// Both are safe to put into a header and onto a disk: no quote, backslash,
// slash, control character or line break survives, and neither starts with a
// dot (a hidden file) nor runs longer than a file system allows.

export interface ProtocolFileName {
  /** The name in UTF-8 (for `filename*`). */
  name: string;
  /** The same name in printable ASCII only (for `filename`). */
  ascii: string;
}

const PREFIX: Record<Lang, string> = { de: 'Protokoll', en: 'Protocol' };
const MAX_TITLE_CHARS = 80;

// German spellings first; other accents lose their mark (é → e) below.
const ASCII_SPELLING: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/** Letters, digits and '_' stay; every run of anything else (dots too: no '..') becomes one '-'. */
function slug(text: string, keep: RegExp): string {
  return Array.from(text.normalize('NFC'))
    .map((ch) => (keep.test(ch) ? ch : '-'))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

function toAscii(text: string): string {
  return text
    .replace(/[äöüÄÖÜß]/g, (ch) => ASCII_SPELLING[ch] as string)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

function truncate(text: string): string {
  return Array.from(text).slice(0, MAX_TITLE_CHARS).join('').replace(/[-.]+$/, '');
}

/**
 * The protocol's file name from the workshop's title and date (YYYY-MM-DD,
 * may be empty) and the file extension without its dot. `prefix` (ASCII
 * letters) replaces "Protokoll"/"Protocol" for other files of a session, such
 * as its backup.
 */
export function protocolFileName(title: string, date: string, lang: Lang, extension: string, prefix = PREFIX[lang]): ProtocolFileName {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '';
  const build = (titlePart: string) => [prefix, day, truncate(titlePart)].filter(Boolean).join('-') + `.${extension}`;
  return {
    name: build(slug(title, /[\p{L}\p{N}_]/u)),
    ascii: build(slug(toAscii(title), /[A-Za-z0-9_]/)),
  };
}
