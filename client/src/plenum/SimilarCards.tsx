import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { Card } from '@plenum/shared/board-doc';
import type { Phase } from '@plenum/shared/session-doc';
import { SuggestionIndex, type Suggestion } from '@plenum/shared/similarity';
import { dismissedPairs, type SummaryItem } from '@plenum/shared/summary-doc';
import { cardExcerpt } from '../board/card-label.ts';
import { useT } from '../state/ui-store.ts';
import { useDocVersion } from './useDocVersion.ts';
import type { SummaryActions, SummaryResult } from './summary-actions.ts';

// "Ähnliche Karten": pairs of cards from different groups that probably say
// the same thing (shared/src/similarity.ts, computed here in the browser).
// The moderator merges a pair into the summary or dismisses it; a dismissed
// pair is stored in the session document and never suggested again.

export function SimilarCards({
  doc,
  phase,
  cards,
  items,
  merged,
  actions,
  report,
}: {
  doc: Y.Doc;
  phase: Phase;
  cards: ReadonlyMap<string, readonly Card[]>;
  items: readonly SummaryItem[];
  merged: ReadonlySet<string>;
  actions: SummaryActions;
  report(result: SummaryResult, done?: string): void;
}) {
  const t = useT();
  const version = useDocVersion(doc);
  // One index per phase, brought up to date as its boards change: only new
  // and retyped cards are scored, and a change of the session document
  // (a merge, a dismissal, presenting) only filters what was scored.
  const index = useMemo(() => new SuggestionIndex(phase.id), [phase.id]);
  const list = useMemo(() => {
    void version;
    index.update(cards);
    return index.suggestions({ dismissed: dismissedPairs(doc, phase.id), merged, limit: 20 });
  }, [index, cards, doc, phase.id, merged, version]);
  const groupName = (id: string) => phase.groups.find((g) => g.id === id)?.name ?? '';
  const headingOf = (columnId: string) => phase.prompts.find((p) => p.id === columnId)?.text ?? '';
  const groupIndex = (id: string) => phase.groups.findIndex((g) => g.id === id);
  // The card of the group listed first gives the new item its text, as when merging by hand left to right.
  const inGroupOrder = (s: Suggestion): Suggestion => (groupIndex(s.a.groupId) <= groupIndex(s.b.groupId) ? s : { ...s, a: s.b, b: s.a });
  if (phase.groups.length < 2) return null;
  return (
    <section className="similar-cards" aria-labelledby="similar-heading" data-testid="similar-cards">
      <h3 id="similar-heading">{t('plenum.similar.heading')}</h3>
      {list.length === 0 ? (
        <p className="field-hint">{t('plenum.similar.none')}</p>
      ) : (
        <ul className="similar-list">
          {list.map((s) => {
            const pair = t('plenum.similar.pair', { a: cardExcerpt(s.a.text), b: cardExcerpt(s.b.text) });
            return (
              <li key={s.key} className="similar-pair" data-testid="similar-pair">
                <p className="similar-card">
                  <span className="summary-source-group">{groupName(s.a.groupId)}:</span> {s.a.text}
                </p>
                <p className="similar-card">
                  <span className="summary-source-group">{groupName(s.b.groupId)}:</span> {s.b.text}
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    aria-label={`${t('plenum.similar.merge')}: ${pair}`}
                    onClick={() => {
                      const ordered = inGroupOrder(s);
                      report(actions.mergePair(ordered, items, headingOf(ordered.a.columnId)), t('plenum.similar.merged', { pair }));
                    }}
                  >
                    {t('plenum.similar.merge')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`${t('plenum.similar.dismiss')}: ${pair}`}
                    onClick={() => report(actions.dismiss(s), t('plenum.similar.dismissed', { pair }))}
                  >
                    {t('plenum.similar.dismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
