import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createPlenumServer, type PlenumServer, type PlenumServerOptions } from '../src/server.ts';

// Real parts only: a real server on a random port with SQLite in a temp dir,
// and the stock y-websocket client. Everything started here is stopped after
// each test.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-test-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startServer(options: Partial<PlenumServerOptions> = {}): Promise<PlenumServer> {
  const server = createPlenumServer({ dataDir: options.dataDir ?? tempDir(), port: 0, ...options });
  await server.listen();
  onCleanup(() => server.close());
  return server;
}

export interface CreatedSession {
  id: string;
  links: { moderator: string; participant: string; viewer: string };
}

export async function createSession(baseUrl: string, body: Record<string, unknown> = {}): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Testwerkstatt', template: 'blank', ...body }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

export function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/t=([^&]+)/)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws`;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

/** The stock y-websocket client, as a script or the browser would use it. */
export function connect(baseUrl: string, room: string, token: string, params: Record<string, string> = {}): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl(baseUrl), room, doc, {
    params: { token, ...params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  const client = {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  onCleanup(() => client.destroy());
  return client;
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens a raw websocket and resolves once it is open, or with the HTTP status it was refused with. */
export function rawSocket(url: string): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => {
      onCleanup(() => ws.terminate());
      resolve({ ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}
