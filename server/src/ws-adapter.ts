import type { WebSocket } from 'ws';
import { CLOSE } from '@plenum/shared/protocol';
import type { PeerSocket } from './transport.ts';

// Adapts a `ws` socket to PeerSocket. Text frames are not part of the
// y-websocket protocol: they close the connection as malformed.

/** How long a closed socket may take to finish its closing handshake before it is dropped. */
const CLOSE_GRACE_MS = 2000;

export function attachWebSocket(
  ws: WebSocket,
  onMessage: (data: Uint8Array) => void,
  onClose: () => void,
): PeerSocket {
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      ws.close(CLOSE.malformed, 'binary frames only');
      return;
    }
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    onMessage(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  });
  ws.on('close', onClose);
  // ws closes the socket itself on protocol errors (e.g. 1009 for oversized frames).
  ws.on('error', () => {});
  return {
    send(data) {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
      // A peer that does not read never answers the close either: drop the
      // socket, and with it everything still buffered for it, soon after.
      const drop = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
      drop.unref();
      ws.once('close', () => clearTimeout(drop));
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}
