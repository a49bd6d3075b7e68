import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

// Serves the built client. Unknown paths that are not files get index.html,
// so links like /s/<id> open the app. Everything the page needs comes from
// here: no third-party origins (see the Content-Security-Policy below).

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Plenum: the client is not built. Run `npm run build` (npm start does it for you).\n');
    return;
  }
  let file = path.normalize(path.join(root, decodeURIComponent(pathname)));
  let size = file.startsWith(root + path.sep) ? fileSize(file) : null;
  if (size === null) {
    file = index;
    size = fileSize(index) ?? 0;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  const copySizes = new Map<Coding, number>();
  const encoding = preferredEncoding(req.headers['accept-encoding'], (coding) => {
    const copy = fileSize(`${file}${SUFFIX[coding]}`);
    if (copy !== null) copySizes.set(coding, copy);
    return copy !== null;
  });
  const sent = encoding ? `${file}${SUFFIX[encoding]}` : file;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-length': encoding ? (copySizes.get(encoding) as number) : size,
    // Caches in between must keep the copies apart.
    vary: 'Accept-Encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(sent).pipe(res);
}

/**
 * The size of a regular file, or null if there is none at `file`: one stat,
 * not an exists and a stat. A path no file can have (a NUL byte from the
 * URL) is none too, as `existsSync` would say, not a throw.
 */
function fileSize(file: string): number | null {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

// The build writes a compressed copy beside each script, style and page
// (client/precompress.ts): about 170 kB reach a browser instead of 630, and
// the server compresses nothing while 300 people open the page at once.
type Coding = 'br' | 'gzip';
const SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };
/** Ours first, so a browser that takes both gets the smaller one. */
const CODINGS: readonly Coding[] = ['br', 'gzip'];

/**
 * The coding to send for an Accept-Encoding header (RFC 9110, 12.5.3): the
 * one with the highest weight among those the browser takes (q > 0) and
 * `exists` has a copy for, ours first among equals; null for the plain file.
 */
export function preferredEncoding(header: string | undefined, exists: (coding: Coding) => boolean): Coding | null {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name) weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const coding of CODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight && exists(coding)) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
