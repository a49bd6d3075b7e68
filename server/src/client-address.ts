import type http from 'node:http';

// Who is asking, for the per-address limits (admission.ts). The address is
// used in memory only, never logged or stored (docs/privacy.md).
//
// Behind a reverse proxy every request comes from the proxy, and the client's
// address is in X-Forwarded-For, which anyone can also send. TRUST_PROXY says
// how many proxies in front of the server append to it; the client is the
// entry that many places from the end. Without it, the header is ignored.

export function clientAddress(req: http.IncomingMessage, trustedProxies: number): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return direct;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // [client, proxy 1, …]: each trusted proxy appended the address it saw.
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? direct;
}
