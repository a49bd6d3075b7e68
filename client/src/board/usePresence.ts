import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

// Presence on a board (Yjs awareness: who is here, not what was produced).
// Each tab publishes { user: { name, color }, editing: cardId | null }.

export interface Peer {
  clientId: number;
  /** '' when anonymous. */
  name: string;
  color: string;
  editing: string | null;
  self: boolean;
}

/** Dark enough for 3:1 against white and the card colours. */
export const PRESENCE_COLORS = ['#1f4e79', '#1d6b35', '#a4161a', '#6a3d9a', '#8a4b08', '#0b5f6e'] as const;

export function presenceColor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] as string;
}

function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: unknown }).user;
    if (typeof user !== 'object' || user === null) return; // viewers publish no user
    const { name, color } = user as { name?: unknown; color?: unknown };
    const editing = (state as { editing?: unknown }).editing;
    peers.push({
      clientId,
      name: typeof name === 'string' ? name.slice(0, 60) : '',
      color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : (PRESENCE_COLORS[0] as string),
      editing: typeof editing === 'string' ? editing : null,
      self: clientId === awareness.clientID,
    });
  });
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/**
 * Publishes this tab's presence (unless `user` is null: viewers stay silent)
 * and returns everyone on the board, this tab first.
 */
export function usePresence(awareness: Awareness | null, user: { name: string; color: string } | null, editing: string | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([]);
  const name = user?.name;
  const color = user?.color;
  useEffect(() => {
    if (!awareness) return;
    if (name === undefined || color === undefined) awareness.setLocalState(null);
    else awareness.setLocalStateField('user', { name, color });
  }, [awareness, name, color]);
  useEffect(() => {
    if (!awareness || name === undefined) return;
    awareness.setLocalStateField('editing', editing);
  }, [awareness, name, editing]);
  useEffect(() => {
    if (!awareness) return;
    const refresh = () => setPeers(readPeers(awareness));
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return peers;
}
