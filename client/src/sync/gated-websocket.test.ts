import { describe, expect, it } from 'vitest';
import { ConnectGate, gatedWebSocket } from './gated-websocket.ts';

// The gate in front of the page's websockets (gated-websocket.ts), against a
// stand-in for the browser's WebSocket that records what is made and lets a
// test decide when each handshake ends.

class FakeSocket {
  static made: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: ((e: unknown) => void) | null = null;
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: unknown) {
    if (this.readyState !== 1) throw new DOMException('not open', 'InvalidStateError');
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({ code: 1000 });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({ type: 'open' });
  }
  refuse() {
    this.readyState = 3;
    this.onerror?.({ type: 'error' });
    this.onclose?.({ code: 1006 });
  }
}

function setUp(limit: number) {
  FakeSocket.made = [];
  const gate = new ConnectGate(limit);
  const Gated = gatedWebSocket(gate, () => FakeSocket as unknown as typeof WebSocket);
  const made = () => FakeSocket.made.map((s) => s.url);
  return { gate, Gated, made };
}

describe('the websocket gate', () => {
  it('lets at most `limit` handshakes run at once; the others start in order as one opens, is refused or closes', () => {
    const { gate, Gated, made } = setUp(3);
    const sockets = Array.from({ length: 8 }, (_, i) => new Gated(`ws://h/${i}`));
    expect(made()).toEqual(['ws://h/0', 'ws://h/1', 'ws://h/2']);
    expect(sockets.map((s) => s.readyState)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    FakeSocket.made[1]!.open();
    expect(made()).toEqual(['ws://h/0', 'ws://h/1', 'ws://h/2', 'ws://h/3']);
    FakeSocket.made[0]!.refuse();
    expect(made().at(-1)).toBe('ws://h/4');
    FakeSocket.made[2]!.close();
    expect(made().at(-1)).toBe('ws://h/5');
    // An open socket closing later frees no second place.
    FakeSocket.made[1]!.close();
    expect(made()).toHaveLength(6);
    expect(gate.connecting).toBe(3);
    for (const socket of FakeSocket.made.slice(3)) socket.open();
    expect(made()).toEqual(Array.from({ length: 8 }, (_, i) => `ws://h/${i}`));
    for (const socket of FakeSocket.made.slice(6)) socket.open();
    expect(gate.connecting).toBe(0);
  });

  it('a socket closed while it waits never connects: its turn goes to the next, and it reports closed as a socket that never connected', async () => {
    const { Gated, made } = setUp(1);
    const first = new Gated('ws://h/first');
    const waiting = new Gated('ws://h/waiting');
    const next = new Gated('ws://h/next');
    const closes: number[] = [];
    waiting.onclose = (event) => closes.push(event.code);
    waiting.close();
    waiting.close();
    expect(waiting.readyState).toBe(3);
    expect(closes).toEqual([]); // after the caller's turn, as a browser does
    await new Promise((resolve) => setTimeout(resolve));
    expect(closes).toEqual([1006]);
    FakeSocket.made[0]!.open();
    expect(made()).toEqual(['ws://h/first', 'ws://h/next']);
    expect([first.readyState, next.readyState]).toEqual([1, 0]);
  });

  it('passes on what the provider sets after constructing (binaryType, handlers) and what the socket reports, and sends only once it is open', () => {
    for (const waited of [true, false]) {
      const { Gated } = setUp(1);
      const ahead = waited ? new Gated('ws://h/ahead') : null;
      const socket = new Gated('ws://h/mine');
      // The provider sets binaryType right after constructing: before the real socket exists, or after.
      socket.binaryType = 'arraybuffer';
      expect(() => socket.send(new Uint8Array([1]))).toThrow(DOMException);
      if (ahead) FakeSocket.made[0]!.open();
      const real = FakeSocket.made.at(-1)!;
      expect([real.url, real.binaryType]).toEqual(['ws://h/mine', 'arraybuffer']);
      const seen: string[] = [];
      socket.onopen = () => seen.push('open');
      socket.onmessage = (event) => seen.push(`message ${String(event.data)}`);
      socket.onerror = () => seen.push('error');
      socket.onclose = (event) => seen.push(`close ${event.code}`);
      real.open();
      real.onmessage?.({ data: 'hallo' });
      socket.send('antwort');
      expect(real.sent).toEqual(['antwort']);
      expect(socket.readyState).toBe(1);
      // Replaced handlers are the ones called.
      socket.onmessage = () => seen.push('replaced');
      real.onmessage?.({ data: 'noch was' });
      real.refuse();
      expect([waited, seen]).toEqual([waited, ['open', 'message hallo', 'replaced', 'error', 'close 1006']]);
    }
  });
});
