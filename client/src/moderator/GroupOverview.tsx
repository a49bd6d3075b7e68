import { useEffect, useState } from 'react';
import { groupCardsByColumn, readCards, type Card } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import { hasBoards, type Group, type Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { sameItems, useDocView, useSyncedDoc } from '../sync/hooks.ts';
import { fetchCardCounts, type GroupCounts, type SessionRef } from './moderator-api.ts';

// A read-only look at every group's board of a phase, column by column: what
// the moderator shares on screen when the groups report back in plenum. While
// everyone writes privately the boards are empty; the server's counts say how
// far each group is (never what it wrote).

/** How often the private counts are asked for while private writing is on. */
const PRIVATE_POLL_MS = 3000;

function usePrivateCounts(sessionRef: SessionRef, phase: Phase): Record<string, GroupCounts> | null {
  const [counts, setCounts] = useState<Record<string, GroupCounts> | null>(null);
  const active = phase.privateWriting && !phase.privateRevealed && phase.status !== 'planned';
  const { sessionId, token } = sessionRef;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      fetchCardCounts({ sessionId, token }, phase.id).then(
        (answer) => !stopped && setCounts(answer.groups),
        // Offline or refused: keep the last counts and ask again.
        () => {},
      ).finally(() => {
        if (!stopped) timer = setTimeout(poll, PRIVATE_POLL_MS);
      });
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      setCounts(null);
    };
  }, [active, sessionId, token, phase.id]);
  return active ? counts : null;
}

export function GroupOverview({ sessionRef, phase }: { sessionRef: SessionRef; phase: Phase }) {
  const t = useT();
  const privateCounts = usePrivateCounts(sessionRef, phase);
  if (phase.groups.length === 0 || !hasBoards(phase.kind)) return null;
  return (
    <section className="group-overview" aria-labelledby={`overview-${phase.id}`}>
      <h3 id={`overview-${phase.id}`}>{t('moderator.overview.heading')}</h3>
      {phase.status === 'planned' ? (
        <p className="field-hint">{t('moderator.overview.notStarted')}</p>
      ) : (
        <div className="overview-groups">
          {phase.groups.map((group) => (
            <GroupPeek
              key={group.id}
              sessionRef={sessionRef}
              phase={phase}
              group={group}
              privateCount={privateCounts?.[group.id]?.private ?? null}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function byVotes(a: Card, b: Card): number {
  return b.votes - a.votes;
}

interface GroupPeekProps {
  sessionRef: SessionRef;
  phase: Phase;
  group: Group;
  /** While private writing is on: this group's private cards and writers, counts only. */
  privateCount: GroupCounts['private'] | null;
}

function GroupPeek({ sessionRef, phase, group, privateCount }: GroupPeekProps) {
  const t = useT();
  const sync = useSyncedDoc(boardRoom(sessionRef.sessionId, phase.id, group.id), sessionRef.token);
  const cards = useDocView(sync?.doc, readCards, sameItems);
  const byColumn = cards && groupCardsByColumn(cards, phase.prompts.map((p) => p.id));
  const headingId = `peek-${phase.id}-${group.id}`;
  const showVotes = phase.votingEnabled && phase.votesRevealed;
  return (
    <article className="group-peek" aria-labelledby={headingId} data-testid="group-peek">
      <h4 id={headingId}>
        {group.name}
        {group.composition && <span className="group-composition"> – {group.composition}</span>}
      </h4>
      {cards === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <p className="peek-count" data-testid="peek-count">
            {t('moderator.overview.cardCount', { count: cards.length })}
          </p>
          {privateCount && (
            <p className="peek-count" data-testid="peek-private">
              {privateCount.writers === 0
                ? t('moderator.overview.private', { cards: t('moderator.overview.cardCount', { count: privateCount.cards }) })
                : t('moderator.overview.privateBy', {
                    cards: t('moderator.overview.cardCount', { count: privateCount.cards }),
                    writers: t('moderator.overview.writers', { count: privateCount.writers }),
                  })}
            </p>
          )}
          {phase.prompts.map((prompt) => {
            const inColumn = [...(byColumn?.get(prompt.id) ?? [])];
            if (showVotes) inColumn.sort(byVotes);
            return (
              <div key={prompt.id} className="peek-column">
                <h5>
                  {prompt.text} <span className="peek-column-count">({inColumn.length})</span>
                </h5>
                {inColumn.length > 0 && (
                  <ul>
                    {inColumn.map((card) => (
                      <li key={card.id}>
                        {card.text}
                        {showVotes && card.votes > 0 && (
                          <span className="peek-votes"> · {t('moderator.overview.votes', { count: card.votes })}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </>
      )}
    </article>
  );
}
