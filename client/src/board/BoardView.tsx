import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { readCards, type Card, type CardColor } from '@plenum/shared/board-doc';
import type { Phase } from '@plenum/shared/session-doc';
import { messageText, type Message } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { sameItems, useDocView } from '../sync/hooks.ts';
import { PhaseTimer } from '../ui/PhaseTimer.tsx';
import { createBoardActions, type ActionResult } from './board-actions.ts';
import { BoardColumns } from './BoardColumns.tsx';
import { cardExcerpt } from './card-label.ts';
import type { CardHandlers, CardVoting } from './CardItem.tsx';
import { ColorPicker } from './ColorPicker.tsx';
import { LockIcon } from './Icons.tsx';
import { PresenceList } from './PresenceList.tsx';
import { UndoButtons } from './UndoButtons.tsx';
import { usePresence } from './usePresence.ts';
import { EditSession } from './useBoundText.ts';
import { useRescuedDraft } from './useRescuedDraft.ts';
import { useStableHandlers } from './useStableHandlers.ts';
import { useUndo, useUndoShortcuts } from './useUndo.ts';
import { VoteBudget } from './VoteBudget.tsx';
import './board.css';

export interface BoardIdentity {
  /** '' = anonymous. */
  name: string;
  voterKey: string;
  color: CardColor;
  presenceColor: string;
}

const NO_CARDS: Card[] = [];

/** Focuses an element of a card once React has rendered the change that moved or restored it. */
function focusLater(selector: string, fallback?: string) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(selector) ?? (fallback ? document.querySelector<HTMLElement>(fallback) : null);
    el?.focus();
  });
}

// A group's board: guiding question, timer, who is here, and one column per
// prompt. `doc` is the group's board, or during private writing this
// person's own document; the UI is the same.
export function BoardView({
  phase,
  groupName,
  boardKey,
  doc,
  awareness,
  readOnly,
  privateMode,
  identity,
  groupControl,
  onColorChange,
}: {
  phase: Phase;
  groupName: string;
  /** Stable per phase and group (drafts are kept under it). */
  boardKey: string;
  doc: Y.Doc;
  awareness: Awareness | null;
  readOnly: boolean;
  privateMode: boolean;
  identity: BoardIdentity;
  groupControl?: ReactNode;
  onColorChange(color: CardColor): void;
}) {
  const t = useT();
  // A new list only when a card changed; unchanged cards keep their objects.
  const cards = useDocView(doc, readCards, sameItems) ?? NO_CARDS;
  const undo = useUndo(doc);
  const voteOrigin = useMemo(() => ({ votesFor: doc.guid }), [doc]);
  const actions = useMemo(() => createBoardActions(doc, undo.origin, voteOrigin), [doc, undo.origin, voteOrigin]);
  useUndoShortcuts(undo, !readOnly);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editDraft = useRef<{ cardId: string; text: string } | null>(null);
  // The open editing (useBoundText.ts): made when an editor opens, ended when it closes.
  const editSession = useRef<EditSession | null>(null);
  const endSession = (revert: boolean) => {
    const ending = editSession.current;
    editSession.current = null;
    if (!ending) return;
    ending.finish(revert);
    undo.separate();
  };
  useEffect(
    () => () => {
      editSession.current?.destroy();
      editSession.current = null;
    },
    [doc],
  );
  // Kept as key and params, worded when shown: a language switch re-words it.
  const [notice, setNotice] = useState<{ id: number; message: Message; undoable: boolean } | null>(null);
  const rescue = useRescuedDraft(cards, editingId, editDraft, () => {
    endSession(false);
    setEditingId(null);
  });
  const peers = usePresence(
    awareness,
    readOnly ? null : { name: identity.name, color: identity.presenceColor },
    privateMode ? null : editingId,
  );

  const say = (message: Message, undoable = false) => {
    setNotice((previous) => ({ id: (previous?.id ?? 0) + 1, message, undoable }));
  };
  const fail = (result: ActionResult) => {
    if (!result.ok) say({ cause: result.error, label: 'field.text' });
  };

  const voting = phase.votingEnabled && !privateMode;
  const used = voting ? cards.reduce((sum, c) => sum + (c.voters[identity.voterKey] ?? 0), 0) : 0;
  const remaining = phase.votingBudget - used;
  const votingOf = (card: Card): CardVoting | null =>
    voting ? { mine: card.voters[identity.voterKey] ?? 0, revealed: phase.votesRevealed, canVote: !readOnly, remaining } : null;
  const editorsOf = (cardId: string) =>
    peers.filter((p) => !p.self && p.editing === cardId).map((p) => p.name || t('presence.anonymous'));

  const handlers = useStableHandlers<CardHandlers>({
    startEdit: (cardId) => {
      endSession(false);
      // Typing from here on is one step of undo, apart from what came before.
      undo.separate();
      editSession.current = new EditSession(doc, cardId, undo.typingOrigin, undo.origin);
      editDraft.current = null;
      setEditingId(cardId);
    },
    editSession: (cardId) => (editSession.current?.cardId === cardId ? editSession.current : null),
    typed: (cardId, text) => {
      editDraft.current = { cardId, text };
    },
    lost: (cardId, text) => rescue.offer(text, cards.find((c) => c.id === cardId)?.columnId ?? ''),
    endEdit: (revert) => {
      const id = editingId;
      endSession(revert);
      editDraft.current = null;
      setEditingId(null);
      if (id) focusLater(`[data-card-id="${id}"] .edit-button`);
    },
    recolor: (cardId, color) => fail(actions.recolor(cardId, color)),
    remove: (card) => {
      const column = cards.filter((c) => c.columnId === card.columnId);
      const at = column.findIndex((c) => c.id === card.id);
      const neighbour = column[at + 1] ?? column[at - 1];
      const result = actions.remove(card.id);
      if (!result.ok) return fail(result);
      say({ key: 'card.deleted', params: { card: cardExcerpt(card.text) } }, true);
      focusLater(
        neighbour ? `[data-card-id="${neighbour.id}"] .delete-button` : `[data-column-id="${card.columnId}"] .card-input`,
        '.undo-button',
      );
    },
    move: (cardId, target) => {
      const atEnd = () => cards.filter((c) => c.columnId === target.columnId && c.id !== cardId).length;
      const result = actions.move(cardId, target.columnId, target.index ?? atEnd());
      if (!result.ok) return fail(result);
      say({ key: 'move.done', params: { target: target.message } });
      focusLater(`[data-card-id="${cardId}"] .move-menu-button`);
    },
    vote: (cardId, delta) => {
      if (!actions.vote(cardId, identity.voterKey, delta, phase.votingBudget) && delta > 0) say({ key: 'vote.noneLeft' });
    },
  });

  const closed = phase.status === 'closed';
  return (
    <section className="board" aria-labelledby="board-question" data-private={privateMode}>
      <header className="board-header">
        <div className="board-heading">
          <p className="board-context">
            <span className="board-phase-title">{phase.title}</span>
            <span aria-hidden="true"> · </span>
            <span className="board-group" data-testid="group-name">
              {groupName}
            </span>
          </p>
          <h1 id="board-question" className="board-question">
            {phase.question || phase.title}
          </h1>
        </div>
        <div className="board-header-side">
          <PhaseTimer timer={phase.timer} />
          {!readOnly && <UndoButtons undo={undo} />}
        </div>
      </header>
      {privateMode && (
        <p className="notice notice-private" data-testid="private-notice">
          <LockIcon />
          {t('private.notice')}
        </p>
      )}
      {closed && <p className="notice">{t('board.closed')}</p>}
      <div className="board-toolbar">
        <PresenceList peers={peers} />
        {groupControl}
        {voting && !readOnly && <VoteBudget used={used} budget={phase.votingBudget} revealed={phase.votesRevealed} />}
        {!readOnly && (
          <ColorPicker name="new-card-color" legend={t('card.newColor')} value={identity.color} onChange={onColorChange} />
        )}
      </div>
      <div className="board-announcer" role="status" data-testid="board-notice">
        {notice && (
          <span key={notice.id} className="board-notice">
            {messageText(t, notice.message)}
            {notice.undoable && undo.canUndo && (
              <button type="button" className="secondary notice-undo" onClick={undo.undo}>
                {t('undo.undo')}
              </button>
            )}
          </span>
        )}
      </div>
      {rescue.text !== null && !readOnly && (
        <div className="notice rescue" role="alert" data-testid="rescue">
          <p>{t(rescue.reason === 'replaced' ? 'rescue.replaced' : 'rescue.text')}</p>
          <blockquote className="rescue-text">{rescue.text}</blockquote>
          <button
            type="button"
            onClick={() => {
              fail(actions.add(rescue.columnId, rescue.text ?? '', identity.name, identity.color));
              rescue.dismiss();
            }}
          >
            {t('rescue.keep')}
          </button>{' '}
          <button type="button" className="secondary" onClick={rescue.dismiss}>
            {t('rescue.discard')}
          </button>
        </div>
      )}
      {phase.prompts.length === 0 ? (
        <p className="notice">{t('board.noColumns')}</p>
      ) : (
        <BoardColumns
          prompts={phase.prompts}
          cards={cards}
          readOnly={readOnly}
          draftPrefix={boardKey}
          editingId={editingId}
          editorsOf={editorsOf}
          votingOf={votingOf}
          handlers={handlers}
          onAdd={(columnId, text) => actions.add(columnId, text, identity.name, identity.color)}
          onDrop={(cardId, columnId, index) => fail(actions.move(cardId, columnId, index))}
        />
      )}
    </section>
  );
}
