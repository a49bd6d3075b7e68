// Chromium holds back a page's new websockets to a host while many others to
// it are still in their opening handshake: 30 opened at once took up to 4.8 s
// to open, 6 at a time all 30 in 0.45 s (docs/architecture.md, "Many boards
// on one page"). A moderator's views open a board per group, up to 30 a phase,
// and every board is a websocket of the stock y-websocket provider. So each
// socket of the page is made through a gate that lets at most a few handshakes
// run at once, including the provider's own reconnects: the class below is
// what the provider gets as its WebSocket (its `WebSocketPolyfill` option).

/** Lets at most `limit` handshakes run at once; the others wait their turn, in order. */
export class ConnectGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /**
   * Runs `start` once a place is free and gives it `done`, to call when its
   * handshake has ended (opened, refused or closed; later calls do nothing).
   * Returns a cancel for a start that has not run yet.
   */
  enter(start: (done: () => void) => void): () => void {
    let cancelled = false;
    const run = () => {
      if (cancelled) return this.next();
      this.running++;
      let ended = false;
      start(() => {
        if (ended) return;
        ended = true;
        this.running--;
        this.next();
      });
    };
    if (this.running < this.limit) run();
    else this.waiting.push(run);
    return () => {
      cancelled = true;
    };
  }

  /** Handshakes running now (for tests). */
  get connecting(): number {
    return this.running;
  }

  private next(): void {
    if (this.running < this.limit) this.waiting.shift()?.();
  }
}

type Handler<E> = ((event: E) => void) | null;

/**
 * A WebSocket class whose sockets open through `gate`: what the provider
 * uses of a WebSocket (the four handlers, `binaryType`, `readyState`, `send`,
 * `close`), with the real socket made once the gate lets it.
 */
export function gatedWebSocket(gate: ConnectGate, native: () => typeof WebSocket = () => WebSocket): typeof WebSocket {
  class GatedWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;

    onopen: Handler<Event> = null;
    onmessage: Handler<MessageEvent> = null;
    onerror: Handler<Event> = null;
    onclose: Handler<CloseEvent> = null;
    private socket: WebSocket | null = null;
    private closedWaiting = false;
    // The provider sets it after constructing, when the real socket may exist already.
    private type: BinaryType = 'blob';
    private readonly cancel: () => void;

    constructor(
      readonly url: string,
      protocols?: string | string[],
    ) {
      this.cancel = gate.enter((done) => {
        const socket = new (native())(url, protocols);
        socket.binaryType = this.type;
        // Handlers are read when an event comes: the provider replaces them.
        socket.onopen = (event) => {
          done();
          this.onopen?.(event);
        };
        socket.onclose = (event) => {
          done();
          this.onclose?.(event);
        };
        socket.onerror = (event) => this.onerror?.(event);
        socket.onmessage = (event) => this.onmessage?.(event);
        this.socket = socket;
      });
    }

    get binaryType(): BinaryType {
      return this.type;
    }

    set binaryType(type: BinaryType) {
      this.type = type;
      if (this.socket) this.socket.binaryType = type;
    }

    get readyState(): number {
      return this.socket?.readyState ?? (this.closedWaiting ? GatedWebSocket.CLOSED : GatedWebSocket.CONNECTING);
    }

    get bufferedAmount(): number {
      return this.socket?.bufferedAmount ?? 0;
    }

    send(data: string | ArrayBufferLike | ArrayBufferView | Blob): void {
      // As a real socket that is still connecting does.
      if (!this.socket) throw new DOMException('still connecting', 'InvalidStateError');
      this.socket.send(data);
    }

    close(code?: number, reason?: string): void {
      if (this.socket) return this.socket.close(code, reason);
      if (this.closedWaiting) return;
      // Never started: it leaves the queue, and closes as a real socket that
      // never connected would, after the caller's turn.
      this.closedWaiting = true;
      this.cancel();
      setTimeout(() => this.onclose?.({ type: 'close', code: 1006, reason: '', wasClean: false } as CloseEvent));
    }
  }
  return GatedWebSocket as unknown as typeof WebSocket;
}
