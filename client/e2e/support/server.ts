import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPlenumServer, type PlenumServer, type PlenumServerOptions } from '../../../server/src/server.ts';
import { UNLIMITED } from '../../../server/src/admission.ts';
import { serveStatic } from '../../../server/src/static-files.ts';

// A real Plenum server on a free port, serving the built client (npm test
// builds it before the browser tests run), with SQLite in a temp dir.

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLIENT_DIST = path.resolve(here, '../../dist');

export interface TestServer {
  server: PlenumServer;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(dataDir?: string, options: Partial<PlenumServerOptions> = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  }
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-e2e-'));
  const server = createPlenumServer({ dataDir: dir, port: 0, staticDir: CLIENT_DIST, admission: UNLIMITED, ...options });
  await server.listen();
  return {
    server,
    url: server.url,
    dataDir: dir,
    async stop() {
      await server.close();
      if (!dataDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server that a test stops and starts again on the same port and data
 * directory, as a restart in production would ("while the server is away").
 */
export function restartableServer(prefix: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let current: PlenumServer | undefined;
  return {
    get current() {
      return current;
    },
    async start(port = 0): Promise<PlenumServer> {
      const started = createPlenumServer({ dataDir, port, staticDir: CLIENT_DIST, admission: UNLIMITED });
      await started.listen();
      current = started;
      return started;
    },
    async stop(): Promise<void> {
      const stopping = current;
      current = undefined;
      await stopping?.close();
    },
    async dispose(): Promise<void> {
      await this.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CreatedSession {
  id: string;
  links: { moderator: string; participant: string; viewer: string };
}

export async function createSession(url: string, body: Record<string, unknown> = {}): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Browser-Test', template: 'blank', ...body }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

/**
 * Only the page's files on `port`, as Plenum's own server would send them,
 * while the server itself (API and websocket) is down: API requests and
 * websocket upgrades find nobody and their connection is dropped. Lets a test
 * reload the page "while the server is away".
 */
export async function startFilesOnly(port: number): Promise<{ stop(): Promise<void> }> {
  const files = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://files').pathname;
    if (pathname.startsWith('/api/') || pathname.startsWith('/ws/')) req.socket.destroy();
    else serveStatic(CLIENT_DIST, req, res, pathname);
  });
  files.on('upgrade', (_req, socket: import('node:net').Socket) => socket.destroy());
  await new Promise<void>((resolve) => files.listen(port, '127.0.0.1', resolve));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        files.closeAllConnections();
        files.close(() => resolve());
      }),
  };
}
