// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { DndContext, KeyboardSensor, useSensor, useSensors } from '@dnd-kit/core';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard, readCards, updateCardText, type Card } from '@plenum/shared/board-doc';
import { newId } from '@plenum/shared/ids';
import type { Presentation } from '@plenum/shared/presentation';
import { initSession, readSession, type Phase } from '@plenum/shared/session-doc';
import type { SummaryItem } from '@plenum/shared/summary-doc';
import { GroupBoards, type CardSink } from './GroupBoards.tsx';
import { keepUnchangedBoards } from './usePhaseBoards.ts';
import { useMenuItems } from './useMenuItems.ts';

// The plenum view while the groups still write: every card that arrives reads
// the boards and the summary again. One card written on one board must render
// that card only, not every card of every board (on twelve boards of 30 cards
// that cost the moderator's page about 40 ms per incoming card). The real
// components render with react-dom; every render of a card calls dnd-kit's
// useDraggable once with the card's id, so a pass-through spy names each card
// that rendered; a board that rendered is counted the same way.

const rendered = vi.hoisted(() => [] as string[]);
vi.mock('@dnd-kit/core', async (importOriginal) => {
  const real = await importOriginal<typeof import('@dnd-kit/core')>();
  return {
    ...real,
    useDraggable: (args: Parameters<typeof real.useDraggable>[0]) => {
      rendered.push(String(args.id).split('/').pop()!);
      return real.useDraggable(args);
    },
  };
});

// Every render of a board sorts its cards into columns once: a pass-through spy counts the boards that rendered.
const boardsRendered = vi.hoisted(() => ({ count: 0 }));
vi.mock('@plenum/shared/board-doc', async (importOriginal) => {
  const real = await importOriginal<typeof import('@plenum/shared/board-doc')>();
  return {
    ...real,
    groupCardsByColumn: (...args: Parameters<typeof real.groupCardsByColumn>) => {
      boardsRendered.count++;
      return real.groupCardsByColumn(...args);
    },
  };
});

// Every render of what a card shows shortens its text (and its menu's items) for its labels: a pass-through spy names those texts.
const shown = vi.hoisted(() => [] as string[]);
vi.mock('../board/card-label.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../board/card-label.ts')>();
  return {
    ...real,
    cardExcerpt: (...args: Parameters<typeof real.cardExcerpt>) => {
      shown.push(args[0]);
      return real.cardExcerpt(...args);
    },
  };
});

const CARDS_PER_BOARD = 30;
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  rendered.length = 0;
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function threeGroups(): Phase {
  const session = new Y.Doc();
  initSession(session, { title: 'Plenum' }, [
    {
      title: 'Bilanz',
      kind: 'groupwork',
      prompts: ['Was lief gut?', 'Was fehlt?'],
      groups: [{ name: 'Gruppe 1' }, { name: 'Gruppe 2' }, { name: 'Gruppe 3' }],
    },
  ]);
  return readSession(session).phases[0]!;
}

/** A summary item as readSummary makes it: a new object on every read. */
function item(id: string, text: string): SummaryItem {
  return { id, order: id, text, heading: '', highlight: false, createdAt: 0, sources: [], votes: 0 };
}

/** No card is merged yet (MergeView keeps its set while the session document is unchanged). */
const NONE_MERGED: ReadonlySet<string> = new Set();
const NO_SINK: CardSink = { newItem: () => {}, join: () => {} };
const noPresenting = () => {};

/** MergeView's part: the menu's items kept while their texts are, the boards as usePhaseBoards keeps them. */
function Harness(props: { phase: Phase; cards: ReadonlyMap<string, readonly Card[]>; items: SummaryItem[]; presentation: Presentation | null }) {
  const items = useMenuItems(props.items);
  const sensors = useSensors(useSensor(KeyboardSensor));
  return createElement(
    DndContext,
    { sensors },
    createElement(GroupBoards, {
      phase: props.phase,
      cards: props.cards,
      items,
      merged: NONE_MERGED,
      presentation: props.presentation,
      sink: NO_SINK,
      onPresent: noPresenting,
    }),
  );
}

describe('the plenum view of three boards of 30 cards', () => {
  it("renders only the card that arrived, changed or was presented; a summary item retitled renders every card (their menus list it); a drag renders each card's drag part and only the picked-up card's content", async () => {
    // Wide enough to show every board side by side (useWideScreen).
    (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width: 1600, height: 900 });
    const phase = threeGroups();
    const columns = phase.prompts.map((p) => p.id);
    const boards = phase.groups.map((group) => {
      const doc = new Y.Doc();
      initBoard(doc, { sessionId: newId(), phaseId: phase.id, groupId: group.id });
      for (let i = 0; i < CARDS_PER_BOARD; i++) addCard(doc, { columnId: columns[i % 2]!, text: `${group.name}, Karte ${i}` });
      return doc;
    });
    let last = new Map<string, readonly Card[]>();
    /** The boards read again, as usePhaseBoards does after any board changed. */
    const read = () => {
      last = keepUnchangedBoards(last, new Map(phase.groups.map((group, i) => [group.id, readCards(boards[i]!)])));
      return last;
    };
    const show = async (items: SummaryItem[], presentation: Presentation | null = null) => {
      rendered.length = 0;
      shown.length = 0;
      boardsRendered.count = 0;
      await act(async () => root.render(createElement(Harness, { phase, cards: read(), items, presentation })));
    };

    await show([item('i1', 'Kurze Wege')]);
    expect(container.querySelectorAll('[data-testid="plenum-board"]')).toHaveLength(3);
    expect(container.querySelectorAll('[data-testid="plenum-card"]')).toHaveLength(3 * CARDS_PER_BOARD);

    const added = addCard(boards[1]!, { columnId: columns[0]!, text: 'Neu in Gruppe 2' });
    await show([item('i1', 'Kurze Wege')]);
    expect(container.querySelectorAll('[data-testid="plenum-card"]')).toHaveLength(3 * CARDS_PER_BOARD + 1);
    expect(rendered).toEqual([added]);
    expect(boardsRendered.count).toBe(1);

    const changed = readCards(boards[2]!)[7]!;
    updateCardText(boards[2]!, changed.id, 'Geändert');
    await show([item('i1', 'Kurze Wege')]);
    expect(container.querySelector(`[data-card-id="${changed.id}"] .plenum-card-text`)?.textContent).toBe('Geändert');
    expect(rendered).toEqual([changed.id]);
    expect(boardsRendered.count).toBe(1);

    const presented = readCards(boards[0]!)[3]!;
    await show([item('i1', 'Kurze Wege')], { kind: 'card', phaseId: phase.id, groupId: phase.groups[0]!.id, cardId: presented.id, since: 1 });
    expect(rendered).toEqual([presented.id]);

    await show([item('i1', 'Kurze Wege zum Amt')], { kind: 'card', phaseId: phase.id, groupId: phase.groups[0]!.id, cardId: presented.id, since: 1 });
    expect(rendered).toHaveLength(3 * CARDS_PER_BOARD + 1);

    // A drag (picked up with the keys): dnd-kit hands every card new drag
    // context, so each card's drag part renders; what a card shows renders
    // for the picked-up card only.
    const picked = readCards(boards[1]!)[4]!;
    const handle = container.querySelector<HTMLElement>(`[data-card-id="${picked.id}"] .drag-handle`)!;
    rendered.length = 0;
    shown.length = 0;
    await act(async () => {
      handle.focus();
      handle.dispatchEvent(new KeyboardEvent('keydown', { code: 'Space', key: ' ', bubbles: true }));
    });
    expect(container.querySelector(`[data-card-id="${picked.id}"]`)?.className).toContain('plenum-card-dragging');
    expect(new Set(rendered).size).toBe(3 * CARDS_PER_BOARD + 1);
    // (Its menu shortens the summary item's text too.)
    expect(new Set(shown)).toEqual(new Set([picked.text, 'Kurze Wege zum Amt']));
  });
});
