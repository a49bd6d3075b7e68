import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCards } from '@plenum/shared/board-doc';
import { translate } from '../src/i18n/dictionary.ts';
import { HomePage } from './pages/HomePage.ts';
import { BoardPage } from './pages/BoardPage.ts';
import { ModeratorPage } from './pages/ModeratorPage.ts';
import { launchBrowser, newPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/server.ts';

// Plenum behind nginx with TLS, as docs/deploy.md configures it (issue 13):
// nginx from Debian, a certificate made at test time, and Chromium that
// reaches the server over https:// and wss:// only. The proxy's access log
// holds paths, never the websocket token of the query string.

const NGINX = '/usr/sbin/nginx';
const PARTICIPANT_LINK_LABEL = translate('de', 'moderator.links.participantLink');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function untilListening(port: number, deadline = Date.now() + 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** The location blocks of docs/deploy.md, with test paths and ports. */
function nginxConf(dir: string, port: number, upstream: number): string {
  return `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }
  log_format plenum '$remote_addr [$time_local] "$request_method $uri" $status $body_bytes_sent';
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate     ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    access_log ${dir}/access.log plenum;
    client_max_body_size 17m;
    location /metrics {
      allow 127.0.0.1;
      deny all;
      proxy_pass http://127.0.0.1:${upstream};
    }
    location / {
      proxy_pass http://127.0.0.1:${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

describe('behind nginx with TLS', () => {
  let browser: Browser;
  let server: TestServer;
  let nginx: ChildProcess;
  let dir: string;
  let origin: string;

  beforeAll(async () => {
    if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (.ci/run does)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`,
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
    const port = await freePort();
    origin = `https://localhost:${port}`;
    server = await startTestServer(undefined, { host: '127.0.0.1', publicUrl: origin, trustProxy: 1 });
    fs.writeFileSync(`${dir}/nginx.conf`, nginxConf(dir, port, server.server.port));
    nginx = spawn(NGINX, ['-p', dir, '-c', `${dir}/nginx.conf`], { stdio: 'ignore' });
    await untilListening(port);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    nginx?.kill('SIGTERM');
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a moderator creates a workshop and a participant writes a card, over https:// and wss:// only; the proxy logs no token', async () => {
    const mod = await newPage(browser, { selfSignedTls: true });
    const sockets: string[] = [];
    mod.page.on('websocket', (ws) => sockets.push(ws.url()));
    const home = new HomePage(mod.page);
    await home.open(origin);
    await home.createWorkshop({ title: 'Fachtag über TLS', template: 'blank' }); // its first phase is group work
    // The links the server hands out carry the public https origin.
    expect(mod.page.url().startsWith(`${origin}/s/`)).toBe(true);
    await mod.page.locator('.moderator').waitFor();
    await mod.page.getByRole('heading', { name: 'Fachtag über TLS' }).waitFor();
    const moderator = new ModeratorPage(mod.page);
    await moderator.startPhase(); // the first phase is chosen; starting it is a write through wss://
    await moderator.showLinks();
    const participantLink = await moderator.link(PARTICIPANT_LINK_LABEL);
    expect(participantLink.startsWith(`${origin}/s/`)).toBe(true);

    const part = await newPage(browser, { selfSignedTls: true });
    part.page.on('websocket', (ws) => sockets.push(ws.url()));
    const board = new BoardPage(part.page);
    await board.open(participantLink);
    await board.addCard('Ideen', 'Verschlüsselt angekommen');
    const sessionId = new URL(participantLink).pathname.split('/')[2]!;
    await expect.poll(() => cardOnServer(server, sessionId, 'Verschlüsselt angekommen'), { timeout: 10_000 }).toBe(true);

    for (const url of [...mod.requests, ...part.requests]) expect(url.startsWith(`${origin}/`) || url.startsWith('data:'), url).toBe(true);
    expect(sockets.length).toBeGreaterThan(0);
    for (const url of sockets) expect(url.startsWith(`wss://localhost:${new URL(origin).port}/ws/`), url).toBe(true);
    const log = fs.readFileSync(`${dir}/access.log`, 'utf8');
    expect(log).toContain('GET /ws/');
    expect(log).not.toContain('token=');
  });
});

/** Whether a loaded board of the session holds a card with `text`. */
function cardOnServer(server: TestServer, sessionId: string, text: string): boolean {
  return server.server.rooms.roomsOf(sessionId).some((room) => room.address.kind === 'board' && readCards(room.doc).some((c) => c.text === text));
}
