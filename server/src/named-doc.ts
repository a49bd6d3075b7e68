import * as Y from 'yjs';

// A Y.Doc for the server's own use, named by its room. Yjs gives a document
// made without a guid a random UUID, drawn one hex digit at a time from the
// platform's random source: 31 synchronous calls into Node's crypto, about
// 70 µs per document. The card counts make one document per private room on
// every poll, and a phase of 300 writers paid almost half of each poll for
// them (docs/benchmarks.md, "Private writing at 300 writers"); an export or
// a backup copies every stored board of its session. The guid names
// a document to its subdocuments and to providers that sync by guid; the
// server's documents have neither and are named by their room everywhere, so
// the room's name serves, and costs nothing to draw.

export function namedDoc(room: string): Y.Doc {
  return new Y.Doc({ guid: room });
}
