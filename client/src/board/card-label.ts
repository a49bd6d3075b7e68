/** A short, single-line form of a card's text for labels and announcements. */
export function cardExcerpt(text: string, max = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Formatted times by locale and minute: Intl's format was a tenth of a 500-card board's first render. */
const formatted = new Map<string, string>();
const MINUTE = 60_000;

/** HH:MM in the UI's language. */
export function formatTime(timestamp: number, locale: string): string {
  // Every time zone's offset is whole minutes, so one minute shows one HH:MM.
  const key = `${locale} ${Math.floor(timestamp / MINUTE)}`;
  let text = formatted.get(key);
  if (text !== undefined) return text;
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    formatters.set(locale, format);
  }
  text = format.format(timestamp);
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(key, text);
  return text;
}
