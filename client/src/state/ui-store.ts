import { create } from 'zustand';
import type { Address } from '@plenum/shared/session-doc';
import type { Locale } from '../i18n/dictionary.ts';
import { LOCALES, translate, type MessageKey } from '../i18n/dictionary.ts';

// This tab's UI state only (never what the workshop produced: that is Yjs).

const LOCALE_KEY = 'plenum.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // storage may be blocked; German is the default
  }
  return 'de';
}

interface UiState {
  locale: Locale;
  setLocale(locale: Locale): void;
  /**
   * How the texts speak to the reader: the participant view copies the
   * workshop's `meta.address` here; the moderator's pages leave it formal.
   */
  address: Address;
  setAddress(address: Address): void;
}

export const useUi = create<UiState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // not fatal
    }
    document.documentElement.lang = locale;
    set({ locale });
  },
  address: 'formal',
  setAddress(address) {
    set({ address });
  },
}));

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * One function per language and form of address, made once: `t` stays the
 * same object until either changes, so it can sit in hook dependencies and
 * memoised props. Texts without params are worded once: every card of a big
 * board asks for the same button names.
 */
function translator(locale: Locale, address: Address): Translate {
  const plain = new Map<MessageKey, string>();
  return (key, params) => {
    if (params) return translate(locale, key, params, address);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = translate(locale, key, undefined, address)));
    return text;
  };
}

const translators = Object.fromEntries(
  LOCALES.map((locale) => [locale, { formal: translator(locale, 'formal'), informal: translator(locale, 'informal') }]),
) as Record<Locale, Record<Address, Translate>>;

export function useT(): Translate {
  const locale = useUi((s) => s.locale);
  const address = useUi((s) => s.address);
  return translators[locale][address];
}
