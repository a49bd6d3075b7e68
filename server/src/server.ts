import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '@plenum/shared/limits';
import { CLOSE, parseRoom } from '@plenum/shared/protocol';
import { mayOpen, mayWrite } from './access.ts';
import { handleApi, type ApiContext } from './api.ts';
import { Connection } from './connection.ts';
import { snapshotSession, stopTimerOfClosedPhase, watchPhaseClosures } from './phase-actions.ts';
import { HttpError, sendError } from './http-util.ts';
import { NotFound, Rooms } from './rooms.ts';
import { serveStatic } from './static-files.ts';
import { Storage } from './storage.ts';
import { hashToken, isTokenShaped } from './tokens.ts';
import { attachWebSocket } from './ws-adapter.ts';

export interface PlenumServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** The built client; defaults to client/dist beside this package. */
  staticDir?: string;
  /** Base of the links handed out; defaults to the request's own origin. */
  publicUrl?: string;
  idleUnloadMs?: number;
  compactEvery?: number;
  /** Interval of websocket pings; a socket that misses one is dropped. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface PlenumServer {
  readonly port: number;
  readonly url: string;
  readonly rooms: Rooms;
  readonly storage: Storage;
  listen(): Promise<void>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_STATIC = path.resolve(here, '../../client/dist');

function refuseUpgrade(socket: net.Socket, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createPlenumServer(options: PlenumServerOptions): PlenumServer {
  const storage = new Storage(options.dataDir);
  const rooms: Rooms = new Rooms(storage, {
    idleUnloadMs: options.idleUnloadMs ?? 30_000,
    compactEvery: options.compactEvery ?? 500,
    // Closing a phase keeps its boards as they were at that moment (named snapshot).
    onSessionLoaded: (room) =>
      watchPhaseClosures(room, (phase) => {
        stopTimerOfClosedPhase(room, phase.id);
        try {
          snapshotSession({ storage, rooms }, room.sessionId, `Phase geschlossen: ${phase.title}`);
        } catch (error) {
          console.error('plenum: could not take the phase snapshot', error);
        }
      }),
  });
  const log = options.log ?? (() => {});
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC);
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
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const api: ApiContext = {
    storage,
    rooms,
    publicUrl: options.publicUrl,
    closeConnections(filter, code, reason) {
      for (const conn of [...connections]) if (filter(conn)) conn.close(code, reason);
    },
  };

  const httpServer = http.createServer((req, res) => {
    // Paths only: tokens travel in headers, query strings and URL fragments, never in the log.
    const url = new URL(req.url ?? '/', 'http://localhost');
    log(`${req.method} ${url.pathname}`);
    const handle = async () => {
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        await handleApi(api, req, res, url);
      } else {
        serveStatic(staticDir, req, res, url.pathname);
      }
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendError(res, error);
      else if (error instanceof URIError) sendError(res, new HttpError(400, 'bad_request', 'malformed URL'));
      else {
        console.error('plenum: request failed', error);
        sendError(res, new HttpError(500, 'internal', 'internal error'));
      }
    });
  });

  httpServer.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    log(`UPGRADE ${url.pathname}`);
    if (!url.pathname.startsWith('/ws/')) return refuseUpgrade(socket, 404, 'not a websocket endpoint');
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/ws/'.length));
    } catch {
      return refuseUpgrade(socket, 400, 'malformed room name');
    }
    const address = parseRoom(name);
    if (!address || !storage.hasSession(address.sessionId)) return refuseUpgrade(socket, 404, 'no such session');
    const token = url.searchParams.get('token');
    if (!token) return refuseUpgrade(socket, 401, 'token missing');
    const grant = isTokenShaped(token) ? storage.findToken(hashToken(token)) : null;
    if (!grant) return refuseUpgrade(socket, 401, 'token invalid or revoked');
    if (grant.sessionId !== address.sessionId) return refuseUpgrade(socket, 403, 'token is for another session');
    if (!mayOpen(grant.role, address, url.searchParams.get('writer'))) {
      return refuseUpgrade(socket, 403, 'not your private document');
    }
    let room;
    try {
      room = rooms.open(name);
    } catch (error) {
      if (error instanceof NotFound) return refuseUpgrade(socket, 404, error.message);
      console.error('plenum: could not load document', error);
      return refuseUpgrade(socket, 503, 'document could not be loaded');
    }
    const wantsSaved = url.searchParams.get('saved') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      answered.set(ws, true);
      ws.on('pong', () => answered.set(ws, true));
      const conn = new Connection(room, attachWebSocket(ws, (data) => conn.receive(data), () => {
        connections.delete(conn);
        conn.onClosed();
      }), grant, wantsSaved, mayWrite);
      connections.add(conn);
      conn.open();
    });
  });

  let port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  let closed = false;

  return {
    get port() {
      return port;
    },
    get url() {
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    rooms,
    storage,
    listen() {
      return new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          port = (httpServer.address() as net.AddressInfo).port;
          resolve();
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      rooms.closeAll(CLOSE.goingAway, 'server shutting down');
      for (const client of wss.clients) client.terminate();
      wss.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      storage.close();
    },
  };
}
