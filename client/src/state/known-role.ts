import { toBase64 } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import type { Role } from '@plenum/shared/protocol';

// The role the server last granted a participant's link, so a reload while
// the server is away can still open the board from this browser's local copy
// (sync/local-copy.ts). Only a SHA-256 fingerprint of the token is stored,
// never the token: the fingerprint ties the role to this link, and a
// different or mistyped link never falls back. It grants nothing: the server
// checks the token itself as soon as it is back. Only participants are
// remembered (moderators and viewers keep no local copy to show).

const storageKey = (sessionId: string) => `plenum.role.${sessionId}`;
const fingerprint = (token: string) => toBase64(digest(encodeUtf8(token)));

export function rememberRole(sessionId: string, token: string, role: Role): void {
  try {
    if (role === 'participant') localStorage.setItem(storageKey(sessionId), JSON.stringify({ token: fingerprint(token), role }));
    else localStorage.removeItem(storageKey(sessionId));
  } catch {
    // blocked storage: a reload while offline shows the network error instead
  }
}

export function knownRole(sessionId: string, token: string): Role | null {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(sessionId)) ?? 'null') as { token?: unknown; role?: unknown } | null;
    return stored?.token === fingerprint(token) && stored.role === 'participant' ? 'participant' : null;
  } catch {
    return null;
  }
}

export function forgetRole(sessionId: string): void {
  try {
    localStorage.removeItem(storageKey(sessionId));
  } catch {
    // nothing to forget
  }
}
