import { groupCardsByColumn, readCards, type Card } from '@plenum/shared/board-doc';
import { boardRoom } from '@plenum/shared/protocol';
import type { Group, Phase } from '@plenum/shared/session-doc';
import { hasBoards } from '../join/phase-routing.ts';
import { useT } from '../state/ui-store.ts';
import { sameItems, useDocView, useSyncedDoc } from '../sync/hooks.ts';
import type { SessionRef } from './moderator-api.ts';

// A read-only look at every group's board of a phase, column by column: what
// the moderator shares on screen when the groups report back in plenum.

export function GroupOverview({ sessionRef, phase }: { sessionRef: SessionRef; phase: Phase }) {
  const t = useT();
  if (phase.groups.length === 0 || !hasBoards(phase.kind)) return null;
  return (
    <section className="group-overview" aria-labelledby={`overview-${phase.id}`}>
      <h3 id={`overview-${phase.id}`}>{t('moderator.overview.heading')}</h3>
      {phase.status === 'planned' ? (
        <p className="field-hint">{t('moderator.overview.notStarted')}</p>
      ) : (
        <div className="overview-groups">
          {phase.groups.map((group) => (
            <GroupPeek key={group.id} sessionRef={sessionRef} phase={phase} group={group} />
          ))}
        </div>
      )}
    </section>
  );
}

function byVotes(a: Card, b: Card): number {
  return b.votes - a.votes;
}

function GroupPeek({ sessionRef, phase, group }: { sessionRef: SessionRef; phase: Phase; group: Group }) {
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
