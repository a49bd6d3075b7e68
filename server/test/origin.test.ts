import { describe, expect, it } from 'vitest';
import { ROLES } from '@plenum/shared/protocol';
import { createSession, rawSocket, startServer, tokenOf, wsUrl } from './helpers.ts';
import { rawHttp } from './raw-http.ts';

/** 'open', or the status the upgrade was refused with. */
async function upgrade(url: string, origin?: string): Promise<'open' | number> {
  const result = await rawSocket(url, origin === undefined ? {} : { origin });
  return 'ws' in result ? 'open' : result.status;
}

// Which origins the server trusts: for the links it hands out (never one a
// forged Host header names) and for websockets (cross-site websocket
// hijacking: a page elsewhere must not open a room with a victim's token).

function postSession(baseUrl: string, host: string) {
  const body = JSON.stringify({ title: 'Host' });
  return rawHttp(
    baseUrl,
    `POST /api/sessions HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function linksOf(text: string): string[] {
  return Object.values((JSON.parse(text) as { links: Record<string, string> }).links);
}

describe('links', () => {
  it('a forged Host header does not choose the origin of the links: they point to the listening address', async () => {
    const server = await startServer();
    for (const host of ['evil.example', `evil.example:${server.port}`, 'evil.example@127.0.0.1', '127.0.0.1.evil.example']) {
      const res = await postSession(server.url, host);
      expect([host, res.status]).toEqual([host, 201]);
      for (const link of linksOf(res.text)) expect(link.startsWith(`${server.url}/s/`), `${host}: ${link}`).toBe(true);
    }
  });

  it('a Host header naming the server itself, or an allowed origin, is used for the links', async () => {
    const server = await startServer({ allowedOrigins: ['https://plenum.example.org'] });
    for (const [host, base] of [
      [`127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port}`],
      [`localhost:${server.port}`, `http://localhost:${server.port}`],
      ['plenum.example.org', 'https://plenum.example.org'],
    ] as const) {
      const res = await postSession(server.url, host);
      const links = linksOf(res.text);
      expect(links).toHaveLength(ROLES.length);
      for (const link of links) expect(link.startsWith(`${base}/s/`), `${host}: ${link}`).toBe(true);
    }
  });

  it('PUBLIC_URL wins over any Host header', async () => {
    const server = await startServer({ publicUrl: 'https://plenum.example.org/werkstatt/' });
    const res = await postSession(server.url, `127.0.0.1:${server.port}`);
    for (const link of linksOf(res.text)) expect(link.startsWith('https://plenum.example.org/werkstatt/s/')).toBe(true);
  });
});

describe('websocket origins', () => {
  it("refuses an upgrade from another site's page with 403; its own origin and clients without Origin get in", async () => {
    const server = await startServer();
    const session = await createSession(server.url);
    const url = `${wsUrl(server.url)}/${session.id}?token=${tokenOf(session.links.viewer)}`;
    for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, 'null', 'https://127.0.0.1.evil.example']) {
      expect([origin, await upgrade(url, origin)]).toEqual([origin, 403]);
    }
    for (const origin of [server.url, `http://localhost:${server.port}`, undefined]) {
      expect([origin, await upgrade(url, origin)]).toEqual([origin, 'open']);
    }
  });

  it('ALLOWED_ORIGINS adds origins; PUBLIC_URL is its own origin', async () => {
    const server = await startServer({ publicUrl: 'https://plenum.example.org/werkstatt', allowedOrigins: ['https://intranet.example'] });
    const session = await createSession(server.url);
    const url = `${wsUrl(server.url)}/${session.id}?token=${tokenOf(session.links.viewer)}`;
    for (const origin of ['https://plenum.example.org', 'https://intranet.example']) {
      expect([origin, await upgrade(url, origin)]).toEqual([origin, 'open']);
    }
    for (const origin of ['http://plenum.example.org', 'https://intranet.example:8443', 'https://evil.example']) {
      expect([origin, await upgrade(url, origin)]).toEqual([origin, 403]);
    }
  });
});
