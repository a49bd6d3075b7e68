import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { LIMITS } from '@plenum/shared/limits';
import { sameTarget, type Presentation, type PresentationTarget } from '@plenum/shared/presentation';
import type { Group, Phase } from '@plenum/shared/session-doc';
import { sourceGroupNames, type ResolvedSource, type Summary, type SummaryItem } from '@plenum/shared/summary-doc';
import { cardExcerpt } from '../board/card-label.ts';
import { useT } from '../state/ui-store.ts';
import { PresentButton } from './PresentButton.tsx';
import type { SummaryActions, SummaryResult } from './summary-actions.ts';
import { revealInPanel } from './summary-in-view.ts';

// The phase's summary: the list that goes into the protocol. Cards dropped on
// the "new item" zone start an item, cards dropped on an item join it. Each
// item can be edited, moved, highlighted, shown to everyone, split or
// deleted; its sources (which group's card, what it said) open on demand.

export const NEW_ITEM_DROP = 'summary-new';
export const itemDropId = (itemId: string) => `item:${itemId}`;

/** A point to bring into view, once: a new object each time it is asked for. */
export interface Reveal {
  itemId: string;
}

export function SummaryPanel({
  phase,
  summary,
  actions,
  presentation,
  reveal,
  report,
  onPresent,
}: {
  phase: Phase;
  summary: Summary;
  actions: SummaryActions;
  presentation: Presentation | null;
  /** The point the moderator's last drop or menu choice wrote into. */
  reveal: Reveal | null;
  /** Says what a step did or why it was refused (the view's live region). */
  report(result: SummaryResult, done?: string): void;
  onPresent(target: PresentationTarget | null): void;
}) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: NEW_ITEM_DROP });
  const summaryTarget: PresentationTarget = { kind: 'summary', phaseId: phase.id };
  const panel = useRef<HTMLElement>(null);
  // The write and the reveal come from one event, so the render that has
  // the reveal shows the point already (useDocVersion updates in the same event).
  useEffect(() => {
    const node = panel.current;
    const item = reveal && node?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(reveal.itemId)}"]`);
    if (node && item) revealInPanel(node, item, node.querySelector<HTMLElement>('.summary-drop'));
  }, [reveal]);
  return (
    <section ref={panel} className="summary-panel" aria-labelledby="summary-heading" data-testid="summary">
      <header className="summary-head">
        <h3 id="summary-heading">{t('plenum.summary.heading')}</h3>
        <PresentButton
          what={t('plenum.summary.heading')}
          active={sameTarget(presentation, summaryTarget)}
          onPresent={(on) => onPresent(on ? summaryTarget : null)}
        />
      </header>
      {summary.items.length === 0 ? (
        <p className="field-hint">{t('plenum.summary.empty')}</p>
      ) : (
        <ol className="summary-items">
          {summary.items.map((item, i) => (
            <SummaryItemView
              key={item.id}
              phase={phase}
              item={item}
              index={i}
              count={summary.items.length}
              actions={actions}
              presentation={presentation}
              report={report}
              onPresent={onPresent}
            />
          ))}
        </ol>
      )}
      <div ref={setNodeRef} className={`summary-drop${isOver ? ' summary-drop-over' : ''}`} data-testid="summary-new">
        {t('plenum.summary.dropNew')}
      </div>
    </section>
  );
}

function SummaryItemView({
  phase,
  item,
  index,
  count,
  actions,
  presentation,
  report,
  onPresent,
}: {
  phase: Phase;
  item: SummaryItem;
  index: number;
  count: number;
  actions: SummaryActions;
  presentation: Presentation | null;
  report(result: SummaryResult, done?: string): void;
  onPresent(target: PresentationTarget | null): void;
}) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: itemDropId(item.id) });
  const [editing, setEditing] = useState(false);
  const n = index + 1;
  const label = t('plenum.item.label', { n, text: cardExcerpt(item.text) });
  const groups = sourceGroupNames(item, phase.groups);
  const itemTarget: PresentationTarget = { kind: 'item', phaseId: phase.id, itemId: item.id };
  const focusItem = (id: string, control: string) =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-item-id="${id}"] ${control}`)?.focus());
  return (
    <li
      ref={setNodeRef}
      className={`summary-item${item.highlight ? ' summary-highlight' : ''}${isOver ? ' summary-item-over' : ''}`}
      data-item-id={item.id}
      data-testid="summary-item"
    >
      {editing ? (
        <ItemEditor
          item={item}
          onCancel={() => {
            setEditing(false);
            focusItem(item.id, '.item-edit');
          }}
          onSave={(text, heading) => {
            const result = actions.setText(item.id, text);
            if (result.ok && heading !== item.heading) report(actions.setHeading(item.id, heading));
            report(result);
            if (result.ok) {
              setEditing(false);
              focusItem(item.id, '.item-edit');
            }
          }}
        />
      ) : (
        <>
          {item.heading && <p className="summary-item-heading">{item.heading}</p>}
          <p className="summary-item-text">
            {item.highlight && <span className="visually-hidden">{t('plenum.item.highlighted')}: </span>}
            <span className="summary-item-body">{item.text}</span>
          </p>
        </>
      )}
      <p className="summary-item-meta">
        {groups.length > 0 && <span data-testid="item-groups">{t('plenum.item.from', { groups: groups.join(', ') })}</span>}
        {phase.votingEnabled && item.votes > 0 && <span className="plenum-votes">{t('plenum.votes', { count: item.votes })}</span>}
      </p>
      {!editing && (
        <div className="summary-item-actions">
          <button type="button" className="secondary item-edit" aria-label={`${t('plenum.item.edit')}: ${label}`} onClick={() => setEditing(true)}>
            {t('plenum.item.edit')}
          </button>
          <button
            type="button"
            className="secondary item-up"
            aria-label={`${t('plenum.item.up')}: ${label}`}
            aria-disabled={index === 0}
            onClick={() => {
              if (index === 0) return;
              report(actions.move(item.id, index - 1), t('plenum.item.moved', { n: index }));
              focusItem(item.id, '.item-up');
            }}
          >
            ↑ {t('plenum.item.up')}
          </button>
          <button
            type="button"
            className="secondary item-down"
            aria-label={`${t('plenum.item.down')}: ${label}`}
            aria-disabled={index === count - 1}
            onClick={() => {
              if (index === count - 1) return;
              report(actions.move(item.id, index + 1), t('plenum.item.moved', { n: index + 2 }));
              focusItem(item.id, '.item-down');
            }}
          >
            ↓ {t('plenum.item.down')}
          </button>
          <button
            type="button"
            className="secondary item-highlight"
            aria-pressed={item.highlight}
            aria-label={`${t('plenum.item.highlight')}: ${label}`}
            onClick={() => report(actions.setHighlight(item.id, !item.highlight))}
          >
            {t('plenum.item.highlight')}
          </button>
          <PresentButton what={label} active={sameTarget(presentation, itemTarget)} onPresent={(on) => onPresent(on ? itemTarget : null)} />
          <button
            type="button"
            className="secondary danger-text item-delete"
            aria-label={`${t('plenum.item.delete')}: ${label}`}
            onClick={() => report(actions.remove(item.id), t('plenum.item.deleted', { text: cardExcerpt(item.text) }))}
          >
            {t('plenum.item.delete')}
          </button>
        </div>
      )}
      {item.sources.length > 0 && (
        <details className="summary-sources">
          <summary>{t('plenum.sources', { count: item.sources.length })}</summary>
          <ul>
            {item.sources.map((source) => (
              <SourceView
                key={source.key}
                source={source}
                groups={phase.groups}
                canSplit={item.sources.length > 1}
                onSplit={() => report(actions.split(item.id, source.key), t('plenum.source.splitDone'))}
                onRemove={() => report(actions.removeSource(item.id, source.key), t('plenum.source.removed'))}
              />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function SourceView({
  source,
  groups,
  canSplit,
  onSplit,
  onRemove,
}: {
  source: ResolvedSource;
  groups: readonly Group[];
  canSplit: boolean;
  onSplit(): void;
  onRemove(): void;
}) {
  const t = useT();
  const group = groups.find((g) => g.id === source.groupId)?.name ?? t('plenum.source.unknownGroup');
  const label = t('plenum.card.quoted', { text: cardExcerpt(source.text), name: group });
  return (
    <li className="summary-source" data-testid="summary-source" data-state={source.state}>
      <p className="summary-source-text">
        <span className="summary-source-group">{group}:</span> {source.text}
      </p>
      {source.state === 'edited' && (
        <p className="summary-source-state">{t('plenum.source.edited', { text: source.currentText ?? '' })}</p>
      )}
      {source.state === 'deleted' && <p className="summary-source-state">{t('plenum.source.deleted')}</p>}
      <div className="summary-source-actions">
        {canSplit && (
          <button type="button" className="secondary" aria-label={`${t('plenum.source.split')}: ${label}`} onClick={onSplit}>
            {t('plenum.source.split')}
          </button>
        )}
        <button type="button" className="secondary" aria-label={`${t('plenum.source.remove')}: ${label}`} onClick={onRemove}>
          {t('plenum.source.remove')}
        </button>
      </div>
    </li>
  );
}

function ItemEditor({ item, onSave, onCancel }: { item: SummaryItem; onSave(text: string, heading: string): void; onCancel(): void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(item.text);
  const [heading, setHeading] = useState(item.heading);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(text, heading);
  };
  return (
    <form
      className="summary-item-editor"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-heading`}>{t('plenum.item.heading')}</label>
        <input
          id={`${id}-heading`}
          value={heading}
          maxLength={LIMITS.summaryHeadingLength}
          onChange={(e) => setHeading(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('plenum.item.text')}</label>
        <textarea
          id={`${id}-text`}
          value={text}
          rows={3}
          maxLength={LIMITS.summaryTextLength}
          autoFocus
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit">{t('plenum.item.save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('plenum.item.cancel')}
        </button>
      </div>
    </form>
  );
}
