import http from 'node:http';
import type net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, type PeerLimits } from '@plenum/shared/limits';
import { CLOSE, parseRoom } from '@plenum/shared/protocol';
import { mayOpen } from './access.ts';
import { authenticate } from './authenticate.ts';
import { Connection, type ConnectionObserver } from './connection.ts';
import { HttpError, requestTarget } from './http-util.ts';
import type { Room } from './room.ts';
import { NotFound, type Rooms } from './rooms.ts';
import { storedAnswer, type SentState, type StoredAnswer } from './stored-answer.ts';
import type { Storage, TokenGrant } from './storage.ts';
import { attachWebSocket } from './ws-adapter.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

// Websocket upgrades under /ws/<room> (docs/api.md#websocket-rooms): who asks
// is checked (authenticate, then mayOpen), and the room is loaded completely
// (S1) before a connection is attached to it; a refusal is a plain HTTP
// answer. A room that is not loaded yet and has a stored state that loads
// unchanged sends that state as soon as the websocket opens, and loads after.

export interface WebSocketGatewayOptions {
  storage: Storage;
  rooms: Rooms;
  /** Interval of websocket pings; a socket that misses one is dropped. */
  heartbeatMs: number;
  /** A connection sent nothing for one to two of these is sent an empty awareness update (S12). */
  keepAliveMs: number;
  peerLimits: PeerLimits;
  /** Throws an HttpError (a 429 with Retry-After) if this client may not open another connection now. */
  admit(req: http.IncomingMessage): void;
  /** Open connections per workshop at most. */
  maxConnectionsPerSession: number;
  logger: Logger;
  metrics: Metrics;
  /** Whether the page that asks may open a websocket here (origin.ts: ALLOWED_ORIGINS). */
  allowsOrigin(req: http.IncomingMessage): boolean;
}

export interface WebSocketGateway {
  handleUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void;
  /** Closes every open connection whose grant matches (a revoked link). */
  closeConnections(filter: (grant: TokenGrant) => boolean, code: number, reason: string): void;
  /** Open websocket connections now. */
  connectionCount(): number;
  /** Stops the heartbeat and drops every socket (rooms are closed by their owner). */
  close(): void;
}

export function refuseUpgrade(socket: net.Socket, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${message}\n`;
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n${extra}` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createWebSocketGateway(options: WebSocketGatewayOptions): WebSocketGateway {
  const { storage, rooms, logger } = options;
  const connections = new Set<Connection>();
  /** Sockets sent their room's stored document, waiting for the room to load (their grants). */
  const waiting = new Map<WebSocket, TokenGrant>();
  /**
   * The stored answer of each room whose first clients are being sent it,
   * until the first of them is handed to the network: a group that
   * reconnects together after a restart merges its board's log once, not
   * once per person. (Nothing writes a room that is not loaded, and an
   * answer older than the room's load is still answered correctly:
   * stored-answer.ts, sentVector.)
   */
  const answers = new Map<string, StoredAnswer>();
  const answerFor = (name: string, stored: Uint8Array[]) => {
    const answer = storedAnswer(stored);
    answers.set(name, answer);
    return answer;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  // A laptop that closes its lid leaves a socket that never closes by itself:
  // ping every socket, and drop the ones that did not answer the last ping, so
  // their presence disappears and idle rooms can unload.
  const answered = new WeakMap<object, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (answered.get(ws) === false) ws.terminate();
      else {
        answered.set(ws, false);
        ws.ping();
      }
    }
  }, options.heartbeatMs);
  heartbeat.unref();
  // Pings are answered by the browser itself, unseen by the page's code; the
  // stock client needs a message (S12).
  const keepAlive = setInterval(() => {
    for (const conn of connections) conn.keepAlive();
  }, options.keepAliveMs);
  keepAlive.unref();

  /** What connections count (metrics.ts). */
  const observer: ConnectionObserver = {
    applied: (bytes) => {
      options.metrics.updates.inc();
      options.metrics.updateBytes.inc(bytes);
    },
    rejected: (reason) => options.metrics.rejected.inc({ reason }),
  };

  function handleUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = requestTarget(req);
    logger.debug({ path: url.pathname }, 'upgrade');
    if (!url.pathname.startsWith('/ws/')) return refuseUpgrade(socket, 404, 'not a websocket endpoint');
    if (!options.allowsOrigin(req)) return refuseUpgrade(socket, 403, 'origin not allowed');
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/ws/'.length));
    } catch {
      return refuseUpgrade(socket, 400, 'malformed room name');
    }
    const address = parseRoom(name);
    if (!address) return refuseUpgrade(socket, 404, 'not a room name');
    try {
      options.admit(req);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return refuseUpgrade(socket, error.status, `${error.code}: ${error.message}`, error.headers);
    }
    let grant: TokenGrant;
    try {
      grant = authenticate(storage, address.sessionId, url.searchParams.get('token'));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return refuseUpgrade(socket, error.status, `${error.code}: ${error.message}`);
    }
    if (!mayOpen(grant.role, address, url.searchParams.get('writer'))) {
      return refuseUpgrade(socket, 403, 'forbidden: not your private document');
    }
    let open = 0;
    for (const conn of connections) if (conn.grant.sessionId === grant.sessionId) open++;
    for (const waitingGrant of waiting.values()) if (waitingGrant.sessionId === grant.sessionId) open++;
    if (open >= options.maxConnectionsPerSession) {
      return refuseUpgrade(socket, 503, `capacity: at most ${options.maxConnectionsPerSession} connections per workshop`);
    }
    // A room that is loaded already is joined at once. One that is not is
    // read from disk now, and its stored document sent before it loads (S1,
    // stored-answer.ts); a room with nothing stored loads now, as before.
    let target: { room: Room } | { answer: StoredAnswer };
    try {
      // Another first client is being sent this room's answer: share it, without reading the room again
      // (were the room deleted meanwhile, its load after the send says so, as for that client).
      const shared = answers.get(name);
      if (shared) target = { answer: shared };
      else {
        const stored = rooms.storedState(name);
        target = stored === null ? { room: rooms.open(name) } : { answer: answerFor(name, stored) };
      }
    } catch (error) {
      if (error instanceof NotFound) return refuseUpgrade(socket, 404, `not_found: ${error.message}`);
      logger.error({ err: error }, 'could not load a document');
      return refuseUpgrade(socket, 503, 'document could not be loaded');
    }
    const wantsSaved = url.searchParams.get('saved') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      answered.set(ws, true);
      ws.on('pong', () => answered.set(ws, true));
      let conn: Connection | null = null;
      // What the peer sends before its connection opens, read once it has (bounded like a burst, S10).
      const early: Uint8Array[] = [];
      let earlyBytes = 0;
      const peer = attachWebSocket(
        ws,
        (data) => {
          if (conn) return conn.receive(data);
          early.push(data);
          earlyBytes += data.length;
          if (early.length > options.peerLimits.burstMessages || earlyBytes > options.peerLimits.burstBytes) {
            peer.close(CLOSE.tooManyMessages, 'too many messages');
          }
        },
        () => {
          waiting.delete(ws);
          if (!conn) return;
          connections.delete(conn);
          conn.onClosed();
        },
      );
      const start = (loaded: Room, sent: SentState | null) => {
        const opened = new Connection(loaded, peer, grant, wantsSaved, options.peerLimits, observer);
        conn = opened;
        connections.add(opened);
        opened.open(sent);
        for (const data of early.splice(0)) opened.receive(data);
      };
      if ('room' in target) return start(target.room, null);
      const answer = target.answer;
      const { messages, sent } = answer;
      waiting.set(ws, grant);
      const last = messages.length - 1;
      // The room loads once the stored document is handed to the network,
      // so the client applies it while the server loads the same bytes.
      messages.forEach((message, i) =>
        ws.send(message, { binary: true }, i < last ? undefined : () => {
          if (answers.get(name) === answer) answers.delete(name);
          if (!waiting.delete(ws) || ws.readyState !== ws.OPEN) return;
          let loaded: Room;
          try {
            loaded = rooms.open(name);
          } catch (error) {
            if (!(error instanceof NotFound)) {
              logger.error({ err: error }, 'could not load a document');
              return peer.close(CLOSE.storageError, 'document could not be loaded');
            }
            // Deleted meanwhile (the session, or the board with its group): as for connections already open.
            if (!storage.hasSession(address.sessionId)) return peer.close(CLOSE.sessionDeleted, 'session deleted');
            return peer.close(CLOSE.unloaded, `not_found: ${error.message}`);
          }
          start(loaded, sent);
        }),
      );
    });
  }

  return {
    handleUpgrade,
    connectionCount: () => connections.size,
    closeConnections(filter, code, reason) {
      for (const conn of [...connections]) if (filter(conn.grant)) conn.close(code, reason);
      for (const [ws, grant] of [...waiting]) if (filter(grant)) {
        waiting.delete(ws);
        ws.close(code, reason);
      }
    },
    close() {
      waiting.clear();
      clearInterval(heartbeat);
      clearInterval(keepAlive);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
