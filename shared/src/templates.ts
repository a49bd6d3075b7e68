import type * as Y from 'yjs';
import { ModelError } from './errors.ts';
import { initSession, readPhases, type MetaInput, type PhaseInput } from './session-doc.ts';
import { setLayout, type SummaryLayout } from './summary-doc.ts';

// Workshop templates. "bilanz-zukunft" reproduces the structure of the
// reference protocol (../shared/reference/): a welcome, a review in two mixed
// groups, a look ahead in two groups by role, closing statements by named
// speakers, and the contact block (kept in meta.contact, printed last).

export type TemplateId = 'blank' | 'bilanz-zukunft';
export const TEMPLATE_IDS: readonly TemplateId[] = ['blank', 'bilanz-zukunft'];

/** The language a template's texts are written in; a workshop created in English gets English phases. */
export type TemplateLang = 'de' | 'en';
export const TEMPLATE_LANGS: readonly TemplateLang[] = ['de', 'en'];

const DE: Record<TemplateId, PhaseInput[]> = {
  blank: [
    {
      title: 'Sammlung',
      kind: 'groupwork',
      question: 'Was wollen wir festhalten?',
      prompts: ['Ideen', 'Fragen', 'Nächste Schritte'],
      groups: [{ name: 'Gruppe 1', composition: '' }],
      timerMinutes: 20,
    },
  ],
  'bilanz-zukunft': [
    {
      title: 'Begrüßung und Einführung: Ein Blick auf 3 Jahre Projektlaufzeit',
      kind: 'information',
      description:
        'Begrüßung, Rückschau auf die Projektlaufzeit, Status der Zielerreichung, Beteiligungs- und Arbeitsstruktur.',
      timerMinutes: 20,
    },
    {
      title: 'Bilanzgespräch: Wie war es? Highlights & Tiefpunkte',
      kind: 'groupwork',
      description: 'Rückblick in zwei gemischten Gruppen von freien und öffentlichen Trägern, danach Vorstellung im Plenum.',
      question: 'Was haben wir in den letzten 3 Jahren gelernt?',
      prompts: [
        'Die Zusammenarbeit mit dem Jugendamt bzw. den freien Trägern',
        'Die Arbeit im eigenen Hause – interne Prozesse und Arbeitsorganisation',
        'Die Zusammenarbeit mit den Familien, Eltern, Kindern und Jugendlichen',
        'Die Zusammenarbeit im Sozialraum – z.B. mit anderen freien Trägern und anderen Akteuren',
      ],
      groups: [
        { name: 'Arbeitsgruppe 1', composition: 'gemischt: freie und öffentliche Träger' },
        { name: 'Arbeitsgruppe 2', composition: 'gemischt: freie und öffentliche Träger' },
      ],
      votingEnabled: true,
      timerMinutes: 45,
    },
    {
      title: 'Zukunftsgespräch: Wo geht die Reise hin? Erhalten und ausbauen',
      kind: 'groupwork',
      description: 'Zwei Gruppen nach Rolle, danach Vorstellung im Plenum.',
      question: 'Was von dem, was wir gelernt haben, wollen wir - auf Dauer - behalten?',
      prompts: [
        'Welche Schritte können und müssen wir dafür unternehmen?',
        'Ideen und Anregungen, was muss wodurch/wie unterstützt werden?',
      ],
      groups: [
        { name: 'Arbeitsgruppe 1', composition: 'Mitarbeitende der FHH' },
        { name: 'Arbeitsgruppe 2', composition: 'Mitarbeitende der freien Träger' },
      ],
      timerMinutes: 45,
    },
    {
      title: 'Abschluss aus den Blickwinkeln der Jugendamtsleitung und der Regionalleitung',
      kind: 'statements',
      description: 'Abschluss-Statements der Leitungen.',
      prompts: ['Statement'],
      // Speakers: the role as in the reference protocol; the moderator puts in the names on the day.
      groups: [
        { name: 'Regionalleitung', composition: 'Vertretung Regionalleitung' },
        { name: 'Jugendamtsleitung', composition: 'Fachamtsleitung Jugend- und Familienhilfe' },
      ],
      timerMinutes: 20,
    },
  ],
};

// The same phases in English: same order, kinds, groups, prompts and timers,
// so LAYOUTS and the protocol read them alike (shared/test/templates.test.ts).
const EN: Record<TemplateId, PhaseInput[]> = {
  blank: [
    {
      title: 'Collection',
      kind: 'groupwork',
      question: 'What do we want to record?',
      prompts: ['Ideas', 'Questions', 'Next steps'],
      groups: [{ name: 'Group 1', composition: '' }],
      timerMinutes: 20,
    },
  ],
  'bilanz-zukunft': [
    {
      title: 'Welcome and introduction: a look back at 3 years of the project',
      kind: 'information',
      description:
        'Welcome, review of the project period, status of the goals, structure of participation and work.',
      timerMinutes: 20,
    },
    {
      title: 'Review: How was it? Highlights and low points',
      kind: 'groupwork',
      description:
        'Looking back in two mixed groups of independent and public providers, then presentation in the plenary.',
      question: 'What have we learned in the last 3 years?',
      prompts: [
        'Working with the youth welfare office or the independent providers',
        'Work within our own organisation – internal processes and how work is organised',
        'Working with families, parents, children and young people',
        'Working in the local community – e.g. with other independent providers and other actors',
      ],
      groups: [
        { name: 'Working group 1', composition: 'mixed: independent and public providers' },
        { name: 'Working group 2', composition: 'mixed: independent and public providers' },
      ],
      votingEnabled: true,
      timerMinutes: 45,
    },
    {
      title: 'Looking ahead: Where are we heading? Keep and build on',
      kind: 'groupwork',
      description: 'Two groups by role, then presentation in the plenary.',
      question: 'What of what we have learned do we want to keep – for good?',
      prompts: [
        'Which steps can and must we take for that?',
        'Ideas and suggestions: what needs support, and by what or how?',
      ],
      groups: [
        { name: 'Working group 1', composition: 'Staff of the city (FHH)' },
        { name: 'Working group 2', composition: 'Staff of the independent providers' },
      ],
      timerMinutes: 45,
    },
    {
      title: 'Closing from the perspectives of the youth welfare office management and the regional management',
      kind: 'statements',
      description: 'Closing statements by the managers.',
      prompts: ['Statement'],
      groups: [
        { name: 'Regional management', composition: 'Deputy regional management' },
        { name: 'Youth welfare office management', composition: 'Head of the youth and family services department' },
      ],
      timerMinutes: 20,
    },
  ],
};

const TEMPLATES: Record<TemplateLang, Record<TemplateId, PhaseInput[]>> = { de: DE, en: EN };

// How the protocol shows each phase's results (summary-doc.ts), by position in
// the template; phases not listed keep the default ('perGroup'). As in the
// reference protocol: the review's results merged into one list, the look
// ahead's results per group.
const LAYOUTS: Record<TemplateId, (SummaryLayout | null)[]> = {
  blank: [],
  'bilanz-zukunft': [null, 'merged', 'perGroup'],
};

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function isTemplateLang(value: unknown): value is TemplateLang {
  return typeof value === 'string' && (TEMPLATE_LANGS as readonly string[]).includes(value);
}

export function templatePhases(id: TemplateId, lang: TemplateLang = 'de'): PhaseInput[] {
  return JSON.parse(JSON.stringify(TEMPLATES[lang][id])) as PhaseInput[];
}

/** Fills an empty session document from a template, in `lang`, and the workshop's metadata. */
export function initSessionFromTemplate(doc: Y.Doc, template: unknown, meta: MetaInput, lang: unknown = 'de'): void {
  if (!isTemplateId(template)) {
    throw new ModelError('invalid', `template must be one of ${TEMPLATE_IDS.join(', ')}`, 'template');
  }
  if (!isTemplateLang(lang)) {
    throw new ModelError('invalid', `lang must be one of ${TEMPLATE_LANGS.join(', ')}`, 'lang');
  }
  doc.transact(() => {
    initSession(doc, meta, templatePhases(template, lang));
    readPhases(doc).forEach((phase, i) => {
      const layout = LAYOUTS[template][i];
      if (layout) setLayout(doc, phase.id, layout);
    });
  });
}
