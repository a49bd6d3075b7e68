// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCard, initBoard, readCards, updateCardText, vote } from '@plenum/shared/board-doc';
import { newId } from '@plenum/shared/ids';
import { initSession, readSession, type Phase } from '@plenum/shared/session-doc';
import { useUi } from '../state/ui-store.ts';
import { BoardView } from './BoardView.tsx';

// Issue 7: on a big board, one remote change must re-render only the card it
// changed, not all of them. The real board components render with react-dom
// over a real pair of Yjs documents; every render of a card calls dnd-kit's
// useSortable once with the card's id, so a pass-through spy on it names each
// card that rendered.

const rendered = vi.hoisted(() => [] as string[]);
vi.mock('@dnd-kit/sortable', async (importOriginal) => {
  const real = await importOriginal<typeof import('@dnd-kit/sortable')>();
  return {
    ...real,
    useSortable: (args: Parameters<typeof real.useSortable>[0]) => {
      rendered.push(String(args.id));
      return real.useSortable(args);
    },
  };
});

// Every render of what a card shows formats its time once: a pass-through spy names those cards.
const shown = vi.hoisted(() => [] as number[]);
vi.mock('./card-label.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./card-label.ts')>();
  return {
    ...real,
    formatTime: (timestamp: number, locale: string) => {
      shown.push(timestamp);
      return real.formatTime(timestamp, locale);
    },
  };
});

const CARDS = 500;
const REMOTE = { remote: true };
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
let remote: Y.Doc;
let local: Y.Doc;

function phaseWithVoting(): Phase {
  const session = new Y.Doc();
  initSession(session, { title: 'Renders' }, [
    { title: 'Sammlung', kind: 'groupwork', prompts: ['Ideen', 'Fragen', 'Nächste Schritte'], groups: [{ name: 'Gruppe 1' }], votingEnabled: true },
  ]);
  return readSession(session).phases[0]!;
}

async function renderBoard(phase: Phase): Promise<void> {
  await act(async () => {
    root.render(
      createElement(BoardView, {
        phase,
        groupName: 'Gruppe 1',
        boardKey: `${phase.id}/g`,
        doc: local,
        awareness: null,
        readOnly: false,
        privateMode: false,
        identity: { name: 'Ada', voterKey: newId(), color: 'yellow', presenceColor: '#123456' },
        onColorChange: () => {},
      }),
    );
  });
}

/** Another participant's change, arriving as a Yjs update from the network. */
async function remotely(change: (doc: Y.Doc) => void): Promise<void> {
  rendered.length = 0;
  await act(async () => change(remote));
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  remote = new Y.Doc();
  local = new Y.Doc();
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(local, update, REMOTE);
  });
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(remote, update, REMOTE);
  });
});

afterEach(() => {
  act(() => root.unmount());
  useUi.setState({ locale: 'de' });
  container.remove();
  rendered.length = 0;
  shown.length = 0;
});

describe('a board of 500 cards', () => {
  // Rendering 500 cards in happy-dom takes seconds of CPU, and a minute or more on a busy 2-core machine.
  it('re-renders only the card another participant edited or voted on, and only the column of a card added or deleted', { timeout: 300_000 }, async () => {
    const phase = phaseWithVoting();
    const columns = phase.prompts.map((p) => p.id);
    initBoard(remote, { sessionId: newId(), phaseId: phase.id, groupId: newId() });
    remote.transact(() => {
      for (let i = 0; i < CARDS; i++) addCard(remote, { columnId: columns[i % columns.length]!, text: `Karte ${i}` });
    });
    await renderBoard(phase);
    expect(container.querySelectorAll('li.card')).toHaveLength(CARDS);
    const cards = readCards(remote);
    const [edited, voted] = [cards[250]!, cards[100]!];
    const deleted = cards.findLast((c) => c.columnId === columns[2])!;

    await remotely((doc) => updateCardText(doc, edited.id, 'Geändert'));
    expect(container.querySelector(`[data-card-id="${edited.id}"] .card-text`)?.textContent).toBe('Geändert');
    expect(new Set(rendered)).toEqual(new Set([edited.id]));

    await remotely((doc) => vote(doc, voted.id, newId(), 1, 3));
    expect(new Set(rendered)).toEqual(new Set([voted.id]));

    // A card added or deleted changes the order of its column. dnd-kit's
    // SortableContext hands each card of a column its place through context,
    // so that column's cards render; no card of another column does.
    const columnOf = (id: string) => readCards(remote).find((c) => c.id === id)?.columnId ?? deleted.columnId;
    let added = '';
    await remotely((doc) => {
      added = addCard(doc, { columnId: columns[0]!, text: 'Neu' });
    });
    expect(container.querySelectorAll('li.card')).toHaveLength(CARDS + 1);
    expect(rendered).toContain(added);
    expect(new Set(rendered.map(columnOf))).toEqual(new Set([columns[0]]));

    await remotely((doc) => deleteCard(doc, deleted.id));
    expect(container.querySelectorAll('li.card')).toHaveLength(CARDS);
    expect(container.querySelector(`[data-card-id="${deleted.id}"]`)).toBeNull();
    expect(new Set(rendered.map(columnOf))).toEqual(new Set([deleted.columnId]));
  });

  // dnd-kit hands every card new drag context when a drag starts, crosses
  // into another column and ends, so each card's drag state renders again;
  // what the cards show must not (on a big board that took seconds per drag).
  it('renders again what only the dragged card shows when a keyboard drag starts', { timeout: 300_000 }, async () => {
    const phase = phaseWithVoting();
    const columns = phase.prompts.map((p) => p.id);
    initBoard(remote, { sessionId: newId(), phaseId: phase.id, groupId: newId() });
    remote.transact(() => {
      for (let i = 0; i < 60; i++) addCard(remote, { columnId: columns[i % columns.length]!, text: `Karte ${i}`, createdAt: 1_700_000_000_000 + i * 60_000 });
    });
    await renderBoard(phase);
    const dragged = readCards(remote)[7]!;
    const handle = container.querySelector<HTMLElement>(`[data-card-id="${dragged.id}"] .drag-handle`)!;
    const key = (code: string) => act(async () => handle.dispatchEvent(new KeyboardEvent('keydown', { code, key: code === 'Space' ? ' ' : code, bubbles: true })));
    handle.focus();
    rendered.length = 0;
    shown.length = 0;
    await key('Space');
    expect(handle.getAttribute('aria-pressed')).toBe('true');
    expect(new Set(rendered).size).toBeGreaterThan(1);
    expect(new Set(shown)).toEqual(new Set([dragged.createdAt]));
  });

  // Cards take the column's `t` and language as props instead of each
  // subscribing to the UI store (500 subscriptions were a measurable part of
  // the first render): a language switch must still reach every card.
  it('re-words every card, its time and its menus when the language changes', { timeout: 300_000 }, async () => {
    const phase = phaseWithVoting();
    const columns = phase.prompts.map((p) => p.id);
    initBoard(remote, { sessionId: newId(), phaseId: phase.id, groupId: newId() });
    remote.transact(() => {
      for (let i = 0; i < 30; i++) addCard(remote, { columnId: columns[i % columns.length]!, text: `Karte ${i}`, createdAt: 1_700_000_000_000 + i * 60_000 });
    });
    await renderBoard(phase);
    const names = (selector: string) => [...container.querySelectorAll(`li.card ${selector}`)].map((el) => el.getAttribute('aria-label') ?? '');
    expect(names('.edit-button').every((name) => name.startsWith('Bearbeiten '))).toBe(true);
    rendered.length = 0;
    shown.length = 0;
    await act(async () => useUi.getState().setLocale('en'));
    expect(new Set(rendered).size).toBe(30);
    expect(shown).toHaveLength(30);
    expect(names('.edit-button').every((name) => name.startsWith('Edit '))).toBe(true);
    expect(names('.drag-handle').every((name) => name.startsWith('Drag to move: '))).toBe(true);
    expect(names('.move-menu-button').every((name) => /^Move to\b/i.test(name))).toBe(true);
  });
});
