import type { Presentation } from '@plenum/shared/presentation';
import type { Phase } from '@plenum/shared/session-doc';
import type { SummaryItem } from '@plenum/shared/summary-doc';
import { cardExcerpt } from '../board/card-label.ts';
import type { KeyMessage } from '../i18n/message.ts';

// What a presentation shows, in words ("Spalte „Fragen“ von Arbeitsgruppe 1"),
// for the moderator's "Alle sehen gerade: …" and the followers' heading; and
// whether a page follows it. Pure, so both are tested without a browser.

export function describePresentation(
  presentation: Presentation,
  phases: readonly Phase[],
  items: readonly Pick<SummaryItem, 'id' | 'text'>[] = [],
): KeyMessage {
  const phase = phases.find((p) => p.id === presentation.phaseId);
  const title = phase?.title ?? '';
  const group = 'groupId' in presentation ? (phase?.groups.find((g) => g.id === presentation.groupId)?.name ?? '') : '';
  switch (presentation.kind) {
    case 'board':
      return { key: 'presenting.board', params: { group } };
    case 'column': {
      const column = phase?.prompts.find((p) => p.id === presentation.columnId)?.text ?? '';
      return { key: 'presenting.column', params: { column: cardExcerpt(column, 60), group } };
    }
    case 'card':
      return { key: 'presenting.card', params: { group } };
    case 'summary':
      return { key: 'presenting.summary', params: { phase: cardExcerpt(title, 60) } };
    case 'item': {
      const at = items.findIndex((i) => i.id === presentation.itemId);
      return at < 0
        ? { key: 'presenting.itemGone', params: { phase: cardExcerpt(title, 60) } }
        : { key: 'presenting.item', params: { n: at + 1, text: cardExcerpt(items[at]!.text), phase: cardExcerpt(title, 60) } };
    }
  }
}

/**
 * Does this page show the presentation? Yes while there is one, unless the
 * person looked elsewhere during exactly this one (`leftSince` is the `since`
 * of the presentation they left). A new choice of the moderator has a new
 * `since`, so everyone follows again.
 */
export function followsPresentation(presentation: Presentation | null, leftSince: number | null): boolean {
  return presentation !== null && presentation.since !== leftSince;
}
