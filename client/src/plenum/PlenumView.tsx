import { useEffect, useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import type * as Y from 'yjs';
import { present, readPresentation, stopPresenting, type PresentationTarget } from '@plenum/shared/presentation';
import type { Phase } from '@plenum/shared/session-doc';
import { mergedCardKeys, readSummary, SUMMARY_LAYOUTS } from '@plenum/shared/summary-doc';
import { cardExcerpt } from '../board/card-label.ts';
import { RedoIcon, UndoIcon } from '../board/Icons.tsx';
import { useStableHandlers } from '../board/useStableHandlers.ts';
import { messageText } from '../i18n/message.ts';
import { useT } from '../state/ui-store.ts';
import { useDocView } from '../sync/hooks.ts';
import type { SessionRef } from '../moderator/moderator-api.ts';
import { GroupBoards, type CardSink, type DraggedCard } from './GroupBoards.tsx';
import './plenum.css';
import { SimilarCards } from './SimilarCards.tsx';
import { useAutoScrollBesideZones, ZonesMeasuredOnScroll } from './summary-in-view.ts';
import { createSummaryActions, type SummaryResult } from './summary-actions.ts';
import { itemDropId, NEW_ITEM_DROP, SummaryPanel, type Reveal } from './SummaryPanel.tsx';
import { StatementsEditor } from './StatementsEditor.tsx';
import { useDocVersion } from './useDocVersion.ts';
import { useMenuItems } from './useMenuItems.ts';
import { usePhaseBoards } from './usePhaseBoards.ts';
import { useSummaryUndo } from './useSummaryUndo.ts';

// The moderator's plenum view of one phase: every group's board next to the
// phase's summary, the protocol layout, similar-card suggestions and the
// presenter controls. A statements phase gets the speakers' note-taking instead.

const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };

// Drop targets are the summary's zones; the pointer decides, else overlap.
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

export function PlenumView({
  doc,
  sessionRef,
  phase,
  onClose,
}: {
  doc: Y.Doc;
  sessionRef: SessionRef;
  phase: Phase;
  onClose(): void;
}) {
  const t = useT();
  return (
    <section className="plenum" aria-labelledby="plenum-title" data-testid="plenum">
      <header className="plenum-head">
        <h2 id="plenum-title">{t('plenum.title', { title: phase.title })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('plenum.close')}
        </button>
      </header>
      {phase.kind === 'statements' ? (
        <StatementsEditor doc={doc} sessionRef={sessionRef} phase={phase} />
      ) : (
        <MergeView doc={doc} sessionRef={sessionRef} phase={phase} />
      )}
    </section>
  );
}

function MergeView({ doc, sessionRef, phase }: { doc: Y.Doc; sessionRef: SessionRef; phase: Phase }) {
  const t = useT();
  const boards = usePhaseBoards(sessionRef.sessionId, sessionRef.token, phase);
  const version = useDocVersion(doc);
  const summary = useMemo(() => {
    void version;
    return readSummary(doc, phase.id, boards.cards);
  }, [doc, phase.id, boards.cards, version]);
  const merged = useMemo(() => {
    void version;
    return mergedCardKeys(doc, phase.id);
  }, [doc, phase.id, version]);
  const presentation = useDocView(doc, readPresentation);
  const undo = useSummaryUndo(doc);
  const actions = useMemo(() => createSummaryActions(doc, phase.id, undo.origin), [doc, phase.id, undo.origin]);
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  const [dragged, setDragged] = useState<DraggedCard | null>(null);
  const [overZone, setOverZone] = useState(false);
  const autoScroll = useAutoScrollBesideZones(overZone);

  const say = (text: string) => setNotice((previous) => ({ id: (previous?.id ?? 0) + 1, text }));
  const report = (result: SummaryResult, done?: string) => {
    if (!result.ok) say(messageText(t, { cause: result.error }));
    else if (done) say(done);
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (target instanceof HTMLElement && target.matches('input, textarea, select')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo]);

  const itemNumber = (itemId: string) => summary.items.findIndex((i) => i.id === itemId) + 1;
  // The point a step wrote into is brought into view in the summary.
  const [reveal, setReveal] = useState<Reveal | null>(null);
  // The same objects for the view's life (the cards are memoised), each calling this render's version.
  const sink = useStableHandlers<CardSink>({
    newItem: (card, heading) => {
      const result = actions.newItem(card, heading);
      report(result, t('plenum.merged.new', { card: cardExcerpt(card.text), n: summary.items.length + 1 }));
      if (result.ok && result.id) setReveal({ itemId: result.id });
    },
    join: (itemId, card) => {
      const result = actions.join(itemId, card);
      report(result, t('plenum.merged.join', { card: cardExcerpt(card.text), n: itemNumber(itemId) }));
      if (result.ok) setReveal({ itemId });
    },
  });
  const { onPresent } = useStableHandlers({
    onPresent: (target: PresentationTarget | null) => {
      try {
        if (target) present(doc, target);
        else stopPresenting(doc);
      } catch (error) {
        say(messageText(t, { cause: error }));
      }
    },
  });
  const menuItems = useMenuItems(summary.items);

  const sensors = useSensors(useSensor(MouseSensor, POINTER_OPTIONS), useSensor(TouchSensor, POINTER_OPTIONS), useSensor(KeyboardSensor));
  const overName = (id: string | number) => {
    const key = String(id);
    if (key === NEW_ITEM_DROP) return t('plenum.toSummary.new');
    const item = summary.items.find((i) => itemDropId(i.id) === key);
    return item ? t('plenum.toSummary.item', { n: itemNumber(item.id), text: cardExcerpt(item.text) }) : '';
  };
  const cardOf = (data: unknown) => (data as DraggedCard | undefined)?.source.text ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('plenum.dnd.pickedUp', { card: cardExcerpt(cardOf(active.data.current)) }),
    onDragOver: ({ over }) => (over ? t('plenum.dnd.over', { target: overName(over.id) }) : t('plenum.dnd.outside')),
    onDragEnd: ({ active, over }) =>
      over
        ? t('plenum.dnd.dropped', { card: cardExcerpt(cardOf(active.data.current)), target: overName(over.id) })
        : t('plenum.dnd.cancelled', { card: cardExcerpt(cardOf(active.data.current)) }),
    onDragCancel: ({ active }) => t('plenum.dnd.cancelled', { card: cardExcerpt(cardOf(active.data.current)) }),
  };
  const onDragStart = ({ active }: DragStartEvent) => setDragged((active.data.current as DraggedCard | undefined) ?? null);
  const onDragOver = ({ over }: DragOverEvent) => setOverZone(over !== null);
  const endDrag = () => {
    setDragged(null);
    setOverZone(false);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    endDrag();
    const data = active.data.current as DraggedCard | undefined;
    if (!data || !over) return;
    const overId = String(over.id);
    if (overId === NEW_ITEM_DROP) sink.newItem(data.source, data.heading);
    else {
      const item = summary.items.find((i) => itemDropId(i.id) === overId);
      if (item) sink.join(item.id, data.source);
    }
  };

  return (
    <>
      <div className="plenum-toolbar">
        <fieldset className="plenum-layout-switch">
          <legend>{t('plenum.layout.legend')}</legend>
          {SUMMARY_LAYOUTS.map((layout) => (
            <label key={layout} className="checkbox">
              <input
                type="radio"
                name={`layout-${phase.id}`}
                value={layout}
                checked={summary.layout === layout}
                onChange={() => report(actions.setLayout(layout))}
              />
              {t(layout === 'merged' ? 'plenum.layout.merged' : 'plenum.layout.perGroup')}
            </label>
          ))}
        </fieldset>
        <div className="undo-buttons">
          <button type="button" className="secondary undo-button" aria-disabled={!undo.canUndo} onClick={undo.undo} title={t('undo.undoKeys')}>
            <UndoIcon />
            {t('plenum.undo')}
          </button>
          <button type="button" className="secondary redo-button" aria-disabled={!undo.canRedo} onClick={undo.redo} title={t('undo.redoKeys')}>
            <RedoIcon />
            {t('plenum.redo')}
          </button>
        </div>
      </div>
      <div className="plenum-announcer" role="status" data-testid="plenum-notice">
        {notice && <span key={notice.id}>{notice.text}</span>}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('plenum.dnd.instructions') } }}
        autoScroll={autoScroll}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={endDrag}
      >
        <ZonesMeasuredOnScroll />
        <div className="plenum-layout">
          <GroupBoards
            phase={phase}
            cards={boards.cards}
            items={menuItems}
            merged={merged}
            presentation={presentation}
            sink={sink}
            onPresent={onPresent}
          />
          <SummaryPanel
            phase={phase}
            summary={summary}
            actions={actions}
            presentation={presentation}
            reveal={reveal}
            report={report}
            onPresent={onPresent}
          />
        </div>
        {/* No drop animation: the card does not travel back, it lands in the summary (and stays on its board). */}
        <DragOverlay dropAnimation={null}>
          {dragged ? (
            <div className="plenum-card plenum-card-overlay" aria-hidden="true">
              {dragged.source.text}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <SimilarCards doc={doc} phase={phase} cards={boards.cards} items={summary.items} merged={merged} actions={actions} report={report} />
    </>
  );
}
