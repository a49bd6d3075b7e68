/** A short, single-line form of a card's text for labels and announcements. */
export function cardExcerpt(text: string, max = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** HH:MM in the UI's language. */
export function formatTime(timestamp: number, locale: string): string {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    formatters.set(locale, format);
  }
  return format.format(timestamp);
}
