import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startServer, tempDir } from './helpers.ts';

// The built client as a browser receives it: compressed when the browser
// accepts it (brotli or gzip, made at build time by client/precompress.ts),
// plain otherwise. Node's fetch would decompress on its own, so these read
// the raw bytes with node:http.

const BUILT = path.resolve(import.meta.dirname, '../../client/dist');

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

describe('the built client, compressed', () => {
  it('sends brotli or gzip as the browser accepts them, with their length, and the plain file otherwise; always with Vary: Accept-Encoding', async () => {
    const staticDir = tempDir();
    const script = `console.log(${JSON.stringify('Plenum '.repeat(500))});`;
    const index = '<!doctype html><title>Plenum</title><div id="root"></div>';
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), index);
    fs.writeFileSync(path.join(staticDir, 'index.html.gz'), zlib.gzipSync(index));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), script);
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js.gz'), zlib.gzipSync(script));
    // A file without compressed copies (an image, or a build without them) is sent as it is.
    fs.writeFileSync(path.join(staticDir, 'assets', 'plain-abc123.css'), 'body{margin:0}');
    const server = await startServer({ staticDir });
    const asset = `${server.url}/assets/app-abc123.js`;

    const decoded = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync, plain: (b: Buffer) => b };
    const cases: [accept: string, encoding: keyof typeof decoded][] = [
      ['gzip, deflate, br, zstd', 'br'], // Chromium
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['identity', 'plain'],
      ['gzip;q=0, br;q=0', 'plain'],
      ['', 'plain'],
    ];
    for (const [accept, encoding] of cases) {
      const res = await get(asset, accept ? { 'accept-encoding': accept } : {});
      expect([accept, res.status, res.headers['content-encoding'] ?? 'plain']).toEqual([accept, 200, encoding]);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(decoded[encoding](res.body).toString()).toBe(script);
    }
    // HEAD says the same without a body.
    const head = await get(asset, { 'accept-encoding': 'br' }, 'HEAD');
    expect([head.headers['content-encoding'], head.body.length]).toEqual(['br', 0]);
    expect(Number(head.headers['content-length'])).toBe(fs.statSync(path.join(staticDir, 'assets', 'app-abc123.js.br')).size);

    // index.html, also for app paths, keeps its security headers.
    for (const pathname of ['/', '/s/abc']) {
      const page = await get(`${server.url}${pathname}`, { 'accept-encoding': 'gzip, br' });
      expect(page.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(page.body).toString()).toBe(index);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const css = await get(`${server.url}/assets/plain-abc123.css`, { 'accept-encoding': 'gzip, br' });
    expect([css.headers['content-encoding'], css.body.toString()]).toEqual([undefined, 'body{margin:0}']);
  });

  it('the build writes a brotli and a gzip copy beside every script, style and page, each the same file (`npm run build`, which `npm test` runs first)', () => {
    const files = fs.readdirSync(BUILT, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html|svg)$/.test(f));
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
    for (const file of files) {
      const plain = fs.readFileSync(path.join(BUILT, file));
      expect([file, zlib.brotliDecompressSync(fs.readFileSync(path.join(BUILT, `${file}.br`))).equals(plain)]).toEqual([file, true]);
      expect([file, zlib.gunzipSync(fs.readFileSync(path.join(BUILT, `${file}.gz`))).equals(plain)]).toEqual([file, true]);
    }
  });
});
