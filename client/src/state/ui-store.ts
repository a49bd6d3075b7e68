import { create } from 'zustand';
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
}));

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// One function per language, made once: `t` stays the same object until the
// language changes, so it can sit in hook dependencies and memoised props.
const translators = Object.fromEntries(
  LOCALES.map((locale): [Locale, Translate] => [locale, (key, params) => translate(locale, key, params)]),
) as Record<Locale, Translate>;

export function useT(): Translate {
  return translators[useUi((s) => s.locale)];
}
