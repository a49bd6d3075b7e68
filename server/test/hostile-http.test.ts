import { describe, expect, it } from 'vitest';
import { captureLogger, startServer, tempDir } from './helpers.ts';
import { rawHttp } from './raw-http.ts';
import { spawnServer } from './server-process.ts';

// What a peer without any token can send over plain HTTP. The real server
// process, so "the server keeps serving" means the process did not exit.

const MALFORMED_TARGETS = [
  'http://[::1:99999/',
  'http://[::1]:99999/healthz',
  'http://exa mple/',
  'http://host:port/',
  'http://%zz/',
  'https://[/api/time',
];

describe('malformed request targets', () => {
  it.each(['GET', 'POST'])('a %s with an unparsable absolute-form target gets 400, and the server keeps serving', async (method) => {
    const server = await spawnServer(tempDir());
    for (const target of MALFORMED_TARGETS) {
      const res = await rawHttp(server.url, `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res.status, target).toBe(400);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status, `after ${target}`).toBe(200);
    }
    expect(server.child.exitCode).toBeNull();
  });

  it('an upgrade with an unparsable target gets 400, and the server keeps serving', async () => {
    const server = await spawnServer(tempDir());
    for (const target of MALFORMED_TARGETS) {
      const res = await rawHttp(
        server.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      expect(res.status, target).toBe(400);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status, `after ${target}`).toBe(200);
    }
    expect(server.child.exitCode).toBeNull();
  });
});

describe('a listener that throws', () => {
  it('answers 500 on HTTP and on an upgrade instead of ending the process, and the server keeps serving', async () => {
    // A log destination that throws stands for any fault inside a listener:
    // the upgrade's first line logs, and a request logs when it is answered.
    const capture = captureLogger('debug');
    const server = await startServer({ logger: capture.logger });
    capture.fail(true);
    const plain = await rawHttp(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(plain.status).toBe(500);
    expect(plain.text).toContain('"internal"');
    const upgrade = await rawHttp(
      server.url,
      'GET /ws/x HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade.status).toBe(500);
    capture.fail(false);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
