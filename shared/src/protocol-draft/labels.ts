import type { Lang } from './tree.ts';

// The fixed words of a protocol draft in German and English. The German ones
// follow the reference protocol (shared/reference/): "Wo", "Wann",
// "Ergebnisse der Arbeitsgruppe 1 (…)", "Kontakt". Everything else in a
// draft is what the workshop wrote.

export interface GroupDescription {
  name: string;
  composition: string;
}

export interface Labels {
  where: string;
  when: string;
  contact: string;
  /** "06.09.2021, 14:30 - 17:30 Uhr"; any part may be empty. */
  dateTime(date: string, start: string, end: string): string;
  /** Heading of one group's results in the per-group layout; `n` counts from 1. */
  groupResults(n: number, name: string, composition: string): string;
  /** Heading of a phase's merged summary. */
  summaryResults(phaseTitle: string): string;
  /** Cards of one group that went into no summary item. */
  unmergedCards(n: number, name: string): string;
  /** "aus AG 1, AG 2" after a merged item. */
  sources(groupNames: string[]): string;
  /** A statement's speaker: "name (role)". */
  speaker(name: string, role: string): string;
  noCards: string;
  dots(count: number): string;
  /**
   * Generated protocol notes; '' when the structure gives nothing to say. The
   * group work sentence ends in "zu der Frage:" when there is a question, as
   * the question follows it in the draft.
   */
  groupworkNote(groups: GroupDescription[], question: string): string;
  plenumNote(question: string): string;
  statementsNote(speakers: GroupDescription[]): string;
  csv: { phase: string; group: string; column: string; text: string; dots: string; author: string; summaryItem: string };
}

const NUMBER_WORDS_DE = ['', 'einer', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'];
const NUMBER_WORDS_EN = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function withRole(name: string, role: string): string {
  return role ? `${name} (${role})` : name;
}

function joinAnd(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** One shared composition is said once ("jeweils gemischt …"), different ones per group. */
function sameComposition(groups: GroupDescription[]): string | null {
  const first = groups[0]?.composition ?? '';
  return groups.length > 1 && first && groups.every((g) => g.composition === first) ? first : null;
}

/** "Arbeitsgruppe 2" in a group called "Arbeitsgruppe 2" would say the number twice. */
function ownName(name: string, n: number, quote: (s: string) => string): string {
  const numbered = new RegExp(`^(arbeitsgruppe|gruppe|ag|working group|group)\\s*${n}$`, 'i');
  return name && !numbered.test(name.trim()) ? ` ${quote(name)}` : '';
}

const deQuote = (s: string) => `„${s}“`;
const enQuote = (s: string) => `“${s}”`;

function germanDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

function timeRange(start: string, end: string): string {
  return start && end ? `${start} - ${end}` : start || end;
}

const de: Labels = {
  where: 'Wo',
  when: 'Wann',
  contact: 'Kontakt',
  dateTime(date, start, end) {
    const time = timeRange(start, end);
    return [germanDate(date), time && `${time} Uhr`].filter(Boolean).join(', ');
  },
  groupResults: (n, name, composition) =>
    `Ergebnisse der Arbeitsgruppe ${n}${ownName(name, n, deQuote)}${composition ? ` (${composition})` : ''}`,
  summaryResults: (title) => `Ergebnisse der Arbeitsgruppen zum ${title}`,
  unmergedCards: (n, name) => `Nicht zusammengefasste Karten der Arbeitsgruppe ${n}${ownName(name, n, deQuote)}`,
  // "aus AG 1, AG 2", as protocols write it; own group names stay as they are.
  sources: (names) => `aus ${names.map((n) => n.replace(/^Arbeitsgruppe\s+(\d+)$/, 'AG $1')).join(', ')}`,
  speaker: withRole,
  noCards: 'Keine Karten.',
  dots: (count) => (count === 1 ? '1 Punkt' : `${count} Punkte`),
  groupworkNote(groups, question) {
    if (groups.length === 0) return '';
    const count = groups.length === 1 ? 'einer Gruppe' : `${NUMBER_WORDS_DE[groups.length] ?? groups.length} Gruppen`;
    const shared = sameComposition(groups);
    let sentence = `Die Arbeit erfolgte in ${count}`;
    if (shared) sentence += ` (jeweils ${shared})`;
    else if (groups.some((g) => g.composition)) sentence += `: ${groups.map((g) => withRole(g.name, g.composition)).join('; ')}`;
    return question ? `${sentence}, zu der Frage:` : `${sentence}.`;
  },
  plenumNote: (question) => `Die Arbeit erfolgte im Plenum${question ? ', zu der Frage:' : '.'}`,
  statementsNote: (speakers) =>
    speakers.length ? `Abschließend sprachen ${joinAnd(speakers.map((s) => withRole(s.name, s.composition)), 'und')}.` : '',
  csv: { phase: 'Phase', group: 'Gruppe', column: 'Spalte', text: 'Text', dots: 'Punkte', author: 'Autor:in', summaryItem: 'Zusammenfassung' },
};

const en: Labels = {
  where: 'Where',
  when: 'When',
  contact: 'Contact',
  dateTime: (date, start, end) => [date, timeRange(start, end)].filter(Boolean).join(', '),
  groupResults: (n, name, composition) =>
    `Results of working group ${n}${ownName(name, n, enQuote)}${composition ? ` (${composition})` : ''}`,
  summaryResults: (title) => `Results of the working groups: ${title}`,
  unmergedCards: (n, name) => `Cards of working group ${n}${ownName(name, n, enQuote)} not in the summary`,
  sources: (names) => `from ${names.join(', ')}`,
  speaker: withRole,
  noCards: 'No cards.',
  dots: (count) => (count === 1 ? '1 dot' : `${count} dots`),
  groupworkNote(groups, question) {
    if (groups.length === 0) return '';
    const count = groups.length === 1 ? 'one group' : `${NUMBER_WORDS_EN[groups.length] ?? groups.length} groups`;
    const shared = sameComposition(groups);
    let sentence = `The work took place in ${count}`;
    if (shared) sentence += ` (each ${shared})`;
    else if (groups.some((g) => g.composition)) sentence += `: ${groups.map((g) => withRole(g.name, g.composition)).join('; ')}`;
    return question ? `${sentence}, on the question:` : `${sentence}.`;
  },
  plenumNote: (question) => `The work took place in the plenary${question ? ', on the question:' : '.'}`,
  statementsNote: (speakers) =>
    speakers.length ? `Closing statements by ${joinAnd(speakers.map((s) => withRole(s.name, s.composition)), 'and')}.` : '',
  csv: { phase: 'Phase', group: 'Group', column: 'Column', text: 'Text', dots: 'Dots', author: 'Author', summaryItem: 'Summary item' },
};

export const LABELS: Record<Lang, Labels> = { de, en };
