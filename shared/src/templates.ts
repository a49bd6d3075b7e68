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

const TEMPLATES: Record<TemplateId, PhaseInput[]> = {
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
      groups: [
        { name: 'Regionalleitung', composition: '' },
        { name: 'Jugendamtsleitung', composition: '' },
      ],
      timerMinutes: 20,
    },
  ],
};

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

export function templatePhases(id: TemplateId): PhaseInput[] {
  return JSON.parse(JSON.stringify(TEMPLATES[id])) as PhaseInput[];
}

/** Fills an empty session document from a template and the workshop's metadata. */
export function initSessionFromTemplate(doc: Y.Doc, template: unknown, meta: MetaInput): void {
  if (!isTemplateId(template)) {
    throw new ModelError('invalid', `template must be one of ${TEMPLATE_IDS.join(', ')}`, 'template');
  }
  doc.transact(() => {
    initSession(doc, meta, templatePhases(template));
    readPhases(doc).forEach((phase, i) => {
      const layout = LAYOUTS[template][i];
      if (layout) setLayout(doc, phase.id, layout);
    });
  });
}
