import * as encoding from 'lib0/encoding';

// Hand-written Yjs (v1) updates that Y.decodeUpdate accepts but whose
// application throws: what a peer holding a participant link can send. Written
// with lib0 against the update format (yjs src/utils/encoding.js,
// Item.write): per client a struct count, the client id, the first clock,
// then each struct: an info byte (content ref | 0x80 origin | 0x40 right
// origin | 0x20 parentSub), the ids it names, its parent if it names neither,
// and its content; then the delete set.

/** Yjs content refs used here. */
const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;
const HAS_PARENT_SUB = 0x20;

/** An encoder at the first struct of an update that holds `count` structs of one client, from its clock 0. */
function structsOf(client: number, count: number): encoding.Encoder {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, count);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // first clock
  return e;
}

/**
 * Two structs of one client: the first sets `root[key] = text` (valid on its
 * own), the second names as its left origin a clock of its own client that
 * does not exist yet. Yjs does not ask for a missing origin of the struct's own
 * client, so it looks the id up, finds nothing, and throws — after the first
 * struct is integrated (and, unguarded, emitted as a document update).
 */
export function updateWithOriginAhead(client: number, root: string, key: string, text: string): Uint8Array {
  const e = structsOf(client, 2);
  // struct 1: a string under root[key]
  encoding.writeUint8(e, CONTENT_STRING | HAS_PARENT_SUB);
  encoding.writeVarUint(e, 1); // parent is a root type, by name
  encoding.writeVarString(e, root);
  encoding.writeVarString(e, key);
  encoding.writeVarString(e, text);
  // struct 2 (clock = text length): origin at a clock of this client far ahead
  encoding.writeUint8(e, CONTENT_STRING | HAS_ORIGIN);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1000);
  encoding.writeVarString(e, 'x');
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** Yjs content ref of ContentJSON (a list of JSON values). */
const CONTENT_JSON = 2;

/**
 * One struct of `client` at clock 0, right of the item `origin` names (in a
 * list or a text), whose content is a JSON list of no values: an item of
 * length 0. Yjs never writes one; once integrated, a later transaction that
 * deletes it (the card's deletion, say) throws while Yjs merges its delete
 * set, and the update that carries such a deletion does not apply again.
 */
export function updateWithEmptyItem(client: number, origin: { client: number; clock: number }): Uint8Array {
  const e = structsOf(client, 1);
  encoding.writeUint8(e, CONTENT_JSON | HAS_ORIGIN);
  encoding.writeVarUint(e, origin.client);
  encoding.writeVarUint(e, origin.clock);
  encoding.writeVarUint(e, 0); // no values
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
