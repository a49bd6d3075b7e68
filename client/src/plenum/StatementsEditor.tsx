import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { groupCardsByColumn } from '@plenum/shared/board-doc';
import type { Phase } from '@plenum/shared/session-doc';
import { AddCard } from '../board/AddCard.tsx';
import { cardExcerpt } from '../board/card-label.ts';
import { createBoardActions } from '../board/board-actions.ts';
import { useT } from '../state/ui-store.ts';
import type { SessionRef } from '../moderator/moderator-api.ts';
import { usePhaseBoards } from './usePhaseBoards.ts';

// Statements live: in a statements phase each speaker (a group of the phase:
// name and role) has a board, and the moderator notes the points under the
// speaker who is talking, switching speaker with one click. The points are
// ordinary cards written through the board's own add path (moderators may
// write every board), so participants and viewers see them appear live and
// the protocol prints them per speaker.

export function StatementsEditor({ sessionRef, phase }: { doc: Y.Doc; sessionRef: SessionRef; phase: Phase }) {
  const t = useT();
  const boards = usePhaseBoards(sessionRef.sessionId, sessionRef.token, phase);
  const [speakerId, setSpeakerId] = useState<string | null>(null);
  const speaker = phase.groups.find((g) => g.id === speakerId) ?? phase.groups[0] ?? null;
  const synced = speaker ? (boards.docs.get(speaker.id) ?? null) : null;
  const origins = useMemo(() => ({ edit: { statementsFor: phase.id }, votes: { statementVotesFor: phase.id } }), [phase.id]);
  const actions = useMemo(() => (synced ? createBoardActions(synced.doc, origins.edit, origins.votes) : null), [synced, origins]);
  if (phase.groups.length === 0 || phase.prompts.length === 0) return <p className="field-hint">{t('plenum.statements.noSpeakers')}</p>;
  const cards = speaker ? boards.cards.get(speaker.id) : undefined;
  const byColumn = cards ? groupCardsByColumn([...cards], phase.prompts.map((p) => p.id)) : null;
  return (
    <div className="statements-editor" data-testid="statements-editor">
      <div className="speaker-switch" role="group" aria-label={t('plenum.statements.speakers')}>
        {phase.groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className="secondary speaker-button"
            aria-pressed={speaker?.id === g.id}
            onClick={() => setSpeakerId(g.id)}
          >
            <span className="speaker-name">{g.name}</span>
            {g.composition && <span className="speaker-role">{g.composition}</span>}
          </button>
        ))}
      </div>
      {speaker && (
        <section className="board statements-board" aria-labelledby="speaker-heading">
          <h3 id="speaker-heading">
            {speaker.name}
            {speaker.composition && <span className="group-composition"> ({speaker.composition})</span>}
          </h3>
          {!actions || !byColumn ? (
            <p aria-busy="true">{t('loading')}</p>
          ) : (
            phase.prompts.map((prompt) => {
              const points = byColumn.get(prompt.id) ?? [];
              return (
                <div key={`${speaker.id}/${prompt.id}`} className="statements-column">
                  {phase.prompts.length > 1 && <h4>{prompt.text}</h4>}
                  {points.length === 0 ? (
                    <p className="field-hint">{t('plenum.statements.none')}</p>
                  ) : (
                    <ul className="statement-points" data-testid="statement-points">
                      {points.map((card) => (
                        <li key={card.id} className="statement-point">
                          <span className="statement-text">{card.text}</span>
                          <button
                            type="button"
                            className="secondary danger-text"
                            aria-label={`${t('plenum.item.delete')}: ${t('plenum.statements.point', { text: cardExcerpt(card.text) })}`}
                            onClick={() => actions.remove(card.id)}
                          >
                            {t('plenum.item.delete')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                  <AddCard
                    columnTitle={speaker.name}
                    draftKey={`statements/${phase.id}/${speaker.id}/${prompt.id}`}
                    onAdd={(text) => actions.add(prompt.id, text, '', 'yellow')}
                  />
                </div>
              );
            })
          )}
        </section>
      )}
    </div>
  );
}
