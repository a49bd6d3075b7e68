import { toBase64 } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { isId } from './ids.ts';

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

// The wire: room names, roles and close codes shared by server and client.
// The sync itself is the standard y-websocket protocol (y-protocols sync and
// awareness), so the stock `y-websocket` client works unmodified.

export const PROTOCOL_VERSION = 1;

export type Role = 'moderator' | 'participant' | 'viewer';
export const ROLES: readonly Role[] = ['moderator', 'participant', 'viewer'];

/**
 * Message types (the first varUint of every message): the four of
 * y-websocket, plus Plenum's one opt-in extension.
 */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Sent only to a connection that opened with `saved=1`, after a commit that
   * held its updates: the server's state vector (varUint8Array). The client is
   * saved when its own clock in it reaches its local clock (docs/sync-spec.md, S3a).
   */
  saved: 100,
} as const;

/** The second varUint of a sync message (the same numbers as y-protocols/sync). */
export const SYNC = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/**
 * Close codes for websocket connections (docs/api.md#close-codes). A close
 * affects only that connection: the room and every other client stay up. The
 * stock client stops for good on 4400–4499 and reconnects on every other code.
 */
export const CLOSE = {
  /** Standard: the server is shutting down. */
  goingAway: 1001,
  /** Standard (ws): a frame larger than MAX_MESSAGE_BYTES. */
  tooLarge: 1009,
  /** Standard: the room was unloaded or reloaded from storage; reconnect. */
  unloaded: 1011,
  /** A message that is not a well-formed y-websocket message or Yjs update. */
  malformed: 4400,
  /** The token was revoked while connected. */
  revoked: 4401,
  /** The session was deleted while connected. */
  sessionDeleted: 4404,
  /** A permitted write that breaks the documented layout (docs/data-model.md) or the vote budget. */
  invalidWrite: 4422,
  /** More messages or bytes than the connection's token buckets allow (PEER_LIMITS). */
  tooManyMessages: 4429,
  /** The document could not be loaded or saved; try again later. */
  storageError: 4500,
  /** The connection did not read what it was sent: its send buffer passed PEER_LIMITS.sendBufferBytes. */
  slowConsumer: 4503,
} as const;

export type RoomName =
  | { kind: 'session'; sessionId: string }
  | { kind: 'board'; sessionId: string; phaseId: string; groupId: string }
  | { kind: 'private'; sessionId: string; phaseId: string; groupId: string; writerId: string };

export function sessionRoom(sessionId: string): string {
  return sessionId;
}

export function boardRoom(sessionId: string, phaseId: string, groupId: string): string {
  return `${sessionId}/board/${phaseId}/${groupId}`;
}

export function parseRoom(name: string): RoomName | null {
  const parts = name.split('/');
  if (parts.length === 1 && isId(parts[0])) return { kind: 'session', sessionId: parts[0] };
  if (parts.length === 4 && parts[1] === 'board') {
    const [sessionId, , phaseId, groupId] = parts as [string, string, string, string];
    if (isId(sessionId) && isId(phaseId) && isId(groupId)) return { kind: 'board', sessionId, phaseId, groupId };
  }
  if (parts.length === 5 && parts[1] === 'private') {
    const [sessionId, , phaseId, groupId, writerId] = parts as [string, string, string, string, string];
    if (isId(sessionId) && isId(phaseId) && isId(groupId) && isId(writerId)) {
      return { kind: 'private', sessionId, phaseId, groupId, writerId };
    }
  }
  return null;
}

// ---- private writing ---------------------------------------------------------
// While a phase has private writing on, each writer's cards live in a document
// of their own: `<sessionId>/private/<phaseId>/<groupId>/<writerId>`. The
// writer proves ownership with the `writer` connection parameter, a secret
// whose SHA-256 (base64url, 22 chars) is the writerId. The server lets only
// that writer and moderators open the room, and moves the cards onto the
// group's board at the reveal.

export function writerIdFor(secret: string): string {
  return toBase64Url(digest(encodeUtf8(secret))).slice(0, 22);
}

export function privateRoom(sessionId: string, phaseId: string, groupId: string, writerId: string): string {
  return `${sessionId}/private/${phaseId}/${groupId}/${writerId}`;
}
