import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE } from '@plenum/shared/protocol';

// Encoders for the messages the server sends. Sync and auth messages are
// written by y-protocols, so they are byte for byte what the stock client
// expects; Plenum's one extension (MESSAGE.saved) is written here. Reading
// stays by hand (connection.ts): every field is checked before anything is applied.

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncStep1(doc: Y.Doc): Uint8Array {
  return message(MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, doc));
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message(MESSAGE.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));
}

/** A sync step 2 that carries `update` as it is: an encoding of the whole document (a stored snapshot), or nothing. */
export function wholeSyncStep2(update: Uint8Array): Uint8Array {
  return message(MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A sync step 2 that carries nothing: the answer to a repeated request with nothing new (connection.ts). */
export function emptySyncStep2(): Uint8Array {
  return wholeSyncStep2(EMPTY_UPDATE);
}

/** A Yjs (v1) update with no structs and an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export function syncUpdate(update: Uint8Array): Uint8Array {
  return message(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return message(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, update));
}

/**
 * An awareness update with no state in it: the stock client applies it as
 * nothing, and counts it as a message received (the keep-alive, S12).
 */
export function emptyAwarenessMessage(): Uint8Array {
  return awarenessMessage(new Uint8Array([0]));
}

/** y-protocols auth "permission denied", which the stock client reports. */
export function permissionDenied(reason: string): Uint8Array {
  return message(MESSAGE.auth, (e) => authProtocol.writePermissionDenied(e, reason));
}

/** MESSAGE.saved: a state vector of the server's document whose state is on disk (S3a). */
export function savedMessage(stateVector: Uint8Array): Uint8Array {
  return message(MESSAGE.saved, (e) => encoding.writeVarUint8Array(e, stateVector));
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** Splits an awareness update into entries, so the server can filter by owner. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    });
  }
  return entries;
}

export function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
