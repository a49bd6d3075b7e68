import { useCallback } from 'react';
import type * as Y from 'yjs';
import { groupCardsByColumn, readCards, type Card } from '@plenum/shared/board-doc';
import type { Presentation } from '@plenum/shared/presentation';
import { boardRoom } from '@plenum/shared/protocol';
import type { Phase, Prompt } from '@plenum/shared/session-doc';
import { readSummary, sourceGroupNames, type SummaryItem } from '@plenum/shared/summary-doc';
import { messageText } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { sameItems, useDocView, useSyncedDoc } from '../sync/hooks.ts';
import { describePresentation } from './presentation-label.ts';
import './plenum.css';

// What the moderator presents, as every participant and viewer page shows it:
// a group's board, one column, one card, the summary or one summary item, live.
// `large` is the viewer's layout for sharing the screen in a video call.

export function PresentedView({
  sessionId,
  token,
  sessionDoc,
  phases,
  presentation,
  large,
}: {
  sessionId: string;
  token: string;
  sessionDoc: Y.Doc;
  phases: readonly Phase[];
  presentation: Presentation;
  large: boolean;
}) {
  const t = useT();
  const phase = phases.find((p) => p.id === presentation.phaseId);
  const readItems = useCallback((doc: Y.Doc) => readSummary(doc, presentation.phaseId).items, [presentation.phaseId]);
  const items = useDocView(sessionDoc, readItems, sameItemsByValue) ?? [];
  if (!phase) return null;
  const label = messageText(t, describePresentation(presentation, phases, items));
  return (
    <section
      className={`presented${large ? ' presented-large' : ''}`}
      aria-labelledby="presented-heading"
      data-testid="presented"
      data-kind={presentation.kind}
    >
      <p className="presented-context">
        {t('presented.context')} · {phase.title}
      </p>
      <h1 id="presented-heading" className="presented-heading">
        {label}
      </h1>
      {presentation.kind === 'summary' || presentation.kind === 'item' ? (
        <PresentedSummary phase={phase} items={items} itemId={presentation.kind === 'item' ? presentation.itemId : null} />
      ) : (
        <PresentedBoard sessionId={sessionId} token={token} phase={phase} presentation={presentation} />
      )}
    </section>
  );
}

/** Summary items are read afresh on every change; equal by what is shown. */
function sameItemsByValue(a: SummaryItem[], b: SummaryItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.id === y.id && x.text === y.text && x.heading === y.heading && x.highlight === y.highlight && sameItems(x.sources.map((s) => s.key), y.sources.map((s) => s.key));
    })
  );
}

function PresentedSummary({ phase, items, itemId }: { phase: Phase; items: SummaryItem[]; itemId: string | null }) {
  const t = useT();
  const shown = itemId === null ? items : items.filter((i) => i.id === itemId);
  if (shown.length === 0) return <p className="presented-empty">{t(itemId ? 'presented.itemGone' : 'presented.summaryEmpty')}</p>;
  return (
    <ol className="presented-items" start={itemId === null ? 1 : items.findIndex((i) => i.id === itemId) + 1}>
      {shown.map((item) => {
        const groups = sourceGroupNames(item, phase.groups);
        return (
          <li key={item.id} className={`presented-item${item.highlight ? ' summary-highlight' : ''}`} data-testid="presented-item">
            {item.heading && <p className="summary-item-heading">{item.heading}</p>}
            <p className="presented-item-text">
              {item.highlight && <span className="visually-hidden">{t('plenum.item.highlighted')}: </span>}
              {item.text}
            </p>
            {groups.length > 0 && <p className="presented-from">{t('plenum.item.from', { groups: groups.join(', ') })}</p>}
          </li>
        );
      })}
    </ol>
  );
}

function PresentedBoard({
  sessionId,
  token,
  phase,
  presentation,
}: {
  sessionId: string;
  token: string;
  phase: Phase;
  presentation: Presentation & { groupId: string };
}) {
  const t = useT();
  const synced = useSyncedDoc(boardRoom(sessionId, phase.id, presentation.groupId), token);
  const cards = useDocView(synced?.doc, readCards, sameItems);
  if (cards === null) return <p aria-busy="true">{t('loading')}</p>;
  const showVotes = phase.votingEnabled && phase.votesRevealed;
  if (presentation.kind === 'card') {
    const card = cards.find((c) => c.id === presentation.cardId);
    if (!card) return <p className="presented-empty">{t('presented.cardGone')}</p>;
    const column = phase.prompts.find((p) => p.id === card.columnId);
    return (
      <div className="presented-single">
        {column && <p className="presented-column-title">{column.text}</p>}
        <PresentedCard card={card} showVotes={showVotes} />
      </div>
    );
  }
  const byColumn = groupCardsByColumn(cards, phase.prompts.map((p) => p.id));
  const columns = presentation.kind === 'column' ? phase.prompts.filter((p) => p.id === presentation.columnId) : phase.prompts;
  return (
    <div className="presented-columns">
      {columns.map((prompt) => (
        <PresentedColumn key={prompt.id} prompt={prompt} cards={byColumn.get(prompt.id) ?? []} showVotes={showVotes} />
      ))}
    </div>
  );
}

function PresentedColumn({ prompt, cards, showVotes }: { prompt: Prompt; cards: Card[]; showVotes: boolean }) {
  const t = useT();
  return (
    <section className="presented-column" aria-label={prompt.text}>
      <h2 className="presented-column-title">{prompt.text}</h2>
      {cards.length === 0 ? (
        <p className="presented-empty">{t('plenum.column.empty')}</p>
      ) : (
        <ul className="presented-cards">
          {cards.map((card) => (
            <li key={card.id}>
              <PresentedCard card={card} showVotes={showVotes} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PresentedCard({ card, showVotes }: { card: Card; showVotes: boolean }) {
  const t = useT();
  return (
    <div className={`presented-card card-${card.color}`} data-testid="presented-card">
      <p className="presented-card-text">{card.text}</p>
      {showVotes && card.votes > 0 && <p className="plenum-votes">{t('plenum.votes', { count: card.votes })}</p>}
    </div>
  );
}
