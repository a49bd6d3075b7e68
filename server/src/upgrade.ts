import http from 'node:http';
import type net from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES, type PeerLimits } from '@plenum/shared/limits';
import { parseRoom } from '@plenum/shared/protocol';
import { mayOpen } from './access.ts';
import { authenticate } from './authenticate.ts';
import { Connection } from './connection.ts';
import { HttpError, requestTarget } from './http-util.ts';
import { NotFound, type Rooms } from './rooms.ts';
import type { Storage, TokenGrant } from './storage.ts';
import { attachWebSocket } from './ws-adapter.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

// Websocket upgrades under /ws/<room> (docs/api.md#websocket-rooms): who asks
// is checked (authenticate, then mayOpen) and the room is loaded completely
// (S1) before the websocket opens; a refusal is a plain HTTP answer.

export interface WebSocketGatewayOptions {
  storage: Storage;
  rooms: Rooms;
  /** Interval of websocket pings; a socket that misses one is dropped. */
  heartbeatMs: number;
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
    if (open >= options.maxConnectionsPerSession) {
      return refuseUpgrade(socket, 503, `capacity: at most ${options.maxConnectionsPerSession} connections per workshop`);
    }
    let room;
    try {
      room = rooms.open(name);
    } catch (error) {
      if (error instanceof NotFound) return refuseUpgrade(socket, 404, `not_found: ${error.message}`);
      logger.error({ err: error }, 'could not load a document');
      return refuseUpgrade(socket, 503, 'document could not be loaded');
    }
    const wantsSaved = url.searchParams.get('saved') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      answered.set(ws, true);
      ws.on('pong', () => answered.set(ws, true));
      const conn = new Connection(
        room,
        attachWebSocket(ws, (data) => conn.receive(data), () => {
          connections.delete(conn);
          conn.onClosed();
        }),
        grant,
        wantsSaved,
        options.peerLimits,
        {
          applied: (bytes) => {
            options.metrics.updates.inc();
            options.metrics.updateBytes.inc(bytes);
          },
          rejected: (reason) => options.metrics.rejected.inc({ reason }),
        },
      );
      connections.add(conn);
      conn.open();
    });
  }

  return {
    handleUpgrade,
    connectionCount: () => connections.size,
    closeConnections(filter, code, reason) {
      for (const conn of [...connections]) if (filter(conn.grant)) conn.close(code, reason);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
