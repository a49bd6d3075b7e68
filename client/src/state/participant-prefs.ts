import { useCallback, useState } from 'react';
import { CARD_COLORS, type CardColor } from '@plenum/shared/board-doc';
import { isId, newId } from '@plenum/shared/ids';
import { LIMITS } from '@plenum/shared/limits';

// What this browser remembers about one session, so a reload goes straight
// back to the board: the display name, the group chosen per phase, the key its
// dots are counted under, the secret that proves it owns its private
// writing room, and the board shown last. Kept in localStorage under the session id; nothing here is
// workshop content (that is in Yjs).

/** A board by its ids, and whether this writer's private writing was on there (not yet revealed). */
export interface BoardRef {
  phaseId: string;
  groupId: string;
  privateWriting: boolean;
}

export interface ParticipantPrefs {
  /** The join step was completed (the name may still be empty: anonymous). */
  joined: boolean;
  name: string;
  /** phaseId → groupId */
  groups: Record<string, string>;
  /** Dot-voting identity for this browser in this session. */
  voterKey: string;
  /** Opens this browser's private writing rooms; only its hash is ever a room name. */
  writerSecret: string;
  /** Colour of new cards. */
  color: CardColor;
  /**
   * The board shown last: a reload opens it at once, beside the session
   * document, instead of after that has said which board is current. Only a
   * hint: nothing is shown before the session document agrees.
   */
  lastBoard: BoardRef | null;
}

const storageKey = (sessionId: string) => `plenum.participant.${sessionId}`;

function fresh(): ParticipantPrefs {
  return { joined: false, name: '', groups: {}, voterKey: newId(), writerSecret: newId(32), color: 'yellow', lastBoard: null };
}

/** Reads what is stored, repairing anything missing or malformed (and creating keys on first use). */
export function loadPrefs(sessionId: string): ParticipantPrefs {
  const prefs = fresh();
  try {
    const raw = localStorage.getItem(storageKey(sessionId));
    const stored = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (typeof stored.joined === 'boolean') prefs.joined = stored.joined;
    if (typeof stored.name === 'string') prefs.name = stored.name.slice(0, LIMITS.authorNameLength);
    if (isId(stored.voterKey)) prefs.voterKey = stored.voterKey;
    if (isId(stored.writerSecret) && stored.writerSecret.length >= 32) prefs.writerSecret = stored.writerSecret;
    if (CARD_COLORS.includes(stored.color as CardColor)) prefs.color = stored.color as CardColor;
    const last = stored.lastBoard as Partial<BoardRef> | null | undefined;
    if (last && isId(last.phaseId) && isId(last.groupId) && typeof last.privateWriting === 'boolean') {
      prefs.lastBoard = { phaseId: last.phaseId, groupId: last.groupId, privateWriting: last.privateWriting };
    }
    if (typeof stored.groups === 'object' && stored.groups !== null) {
      for (const [phaseId, groupId] of Object.entries(stored.groups)) {
        if (isId(phaseId) && isId(groupId)) prefs.groups[phaseId] = groupId;
      }
    }
  } catch {
    // unreadable or blocked storage: start fresh, it is only a convenience
  }
  savePrefs(sessionId, prefs);
  return prefs;
}

export function savePrefs(sessionId: string, prefs: ParticipantPrefs): void {
  try {
    localStorage.setItem(storageKey(sessionId), JSON.stringify(prefs));
  } catch {
    // private mode or full storage: the board still works, a reload asks again
  }
}

/** The prefs of one session, with an update that persists at once. */
export function useParticipantPrefs(sessionId: string): [ParticipantPrefs, (patch: Partial<ParticipantPrefs>) => void] {
  const [prefs, setPrefs] = useState(() => loadPrefs(sessionId));
  const update = useCallback(
    (patch: Partial<ParticipantPrefs>) => {
      setPrefs((current) => {
        const next = { ...current, ...patch };
        savePrefs(sessionId, next);
        return next;
      });
    },
    [sessionId],
  );
  return [prefs, update];
}
