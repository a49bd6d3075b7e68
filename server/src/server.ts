import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLOSE } from '@plenum/shared/protocol';
import { handleApi, type ApiContext } from './api.ts';
import { snapshotSession, watchPhaseClosures } from './phase-actions.ts';
import { HttpError, sendError } from './http-util.ts';
import { Rooms } from './rooms.ts';
import { serveStatic } from './static-files.ts';
import { Storage } from './storage.ts';
import { createWebSocketGateway } from './upgrade.ts';

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

export function createPlenumServer(options: PlenumServerOptions): PlenumServer {
  const storage = new Storage(options.dataDir);
  const rooms: Rooms = new Rooms(storage, {
    idleUnloadMs: options.idleUnloadMs ?? 30_000,
    compactEvery: options.compactEvery ?? 500,
    // Closing a phase keeps its boards as they were at that moment (named snapshot).
    onSessionLoaded: (room) =>
      watchPhaseClosures(room, (phase) => {
        try {
          snapshotSession({ storage, rooms }, room.sessionId, `Phase geschlossen: ${phase.title}`);
        } catch (error) {
          console.error('plenum: could not take the phase snapshot', error);
        }
      }),
  });
  const log = options.log ?? (() => {});
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC);
  const gateway = createWebSocketGateway({ storage, rooms, log, heartbeatMs: options.heartbeatMs ?? 30_000 });

  const api: ApiContext = {
    storage,
    rooms,
    publicUrl: options.publicUrl,
    closeConnections: (filter, code, reason) => gateway.closeConnections(filter, code, reason),
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

  httpServer.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) =>
    gateway.handleUpgrade(req, socket, head),
  );

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
      rooms.closeAll(CLOSE.goingAway, 'server shutting down');
      gateway.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      storage.close();
    },
  };
}
