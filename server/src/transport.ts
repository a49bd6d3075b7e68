// The room sees peers through this small interface, so tests can use an
// in-memory pair and production uses `ws` (see ws-adapter.ts).

export interface PeerSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes sent but not yet handed to the network (the peer is not reading fast enough). */
  readonly bufferedAmount: number;
}
