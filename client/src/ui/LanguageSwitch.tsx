import { LOCALES } from '../i18n/dictionary.ts';
import { useT, useUi } from '../state/ui-store.ts';

export function LanguageSwitch() {
  const t = useT();
  const locale = useUi((s) => s.locale);
  const setLocale = useUi((s) => s.setLocale);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as typeof locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
