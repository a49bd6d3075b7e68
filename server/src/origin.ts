import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';

// Which origins this server trusts, for two decisions:
// - the base of the links it hands out: a forged Host header must not make
//   it hand out links to another site;
// - which pages may open websockets: a browser sends the victim's cookies
//   and lets any page open a websocket anywhere, so a page elsewhere that
//   learnt a token could act as that token (cross-site websocket hijacking).
// Trusted: PUBLIC_URL's origin, the addresses the server listens on, and
// ALLOWED_ORIGINS. A request that arrives over loopback from a loopback page
// (the vite dev server's proxy, a local script) is local already.

export interface OriginPolicyOptions {
  /** Base of every link when set (PUBLIC_URL); its origin is trusted. */
  publicUrl?: string;
  /** Further trusted origins (ALLOWED_ORIGINS), as `scheme://host[:port]`. */
  allowedOrigins?: readonly string[];
  /** Where the server listens; asked per request, since the port is known only after listen. */
  listening(): { host: string; port: number };
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

function isLoopbackName(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopbackName(address.replace(/^::ffff:/, ''));
}

function hostPart(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** `ALLOWED_ORIGINS`: comma-separated origins; throws on anything that is not exactly an http(s) origin. */
export function parseOriginList(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry) => {
    const trimmed = entry.trim().replace(/\/+$/, '');
    let url: URL | null = null;
    try {
      url = new URL(trimmed);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== trimmed.toLowerCase()) {
      throw new Error(`not an origin (scheme://host[:port], nothing after it): ${JSON.stringify(entry.trim())}`);
    }
    return url.origin;
  });
}

export class OriginPolicy {
  private readonly configured: string[];
  private readonly publicBase: string | undefined;

  constructor(private readonly options: OriginPolicyOptions) {
    this.publicBase = options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : undefined;
    this.configured = [
      ...(this.publicBase ? [new URL(this.publicBase).origin] : []),
      ...parseOriginList((options.allowedOrigins ?? []).join(',')),
    ];
  }

  /** The addresses the server answers on, as origins; a wildcard address stands for every interface. */
  private listeningOrigins(): string[] {
    const { host, port } = this.options.listening();
    let hosts: string[];
    if (WILDCARDS.has(host)) {
      hosts = ['localhost', ...Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))];
    } else if (isLoopbackName(host)) {
      hosts = [host, 'localhost'];
    } else {
      hosts = [host];
    }
    return hosts
      .map((h) => `http://${hostPart(h)}:${port}`)
      .filter((origin) => URL.canParse(origin)) // a scoped IPv6 address (fe80::1%eth0) is no URL host
      .map((origin) => new URL(origin).origin);
  }

  private trusted(): string[] {
    return [...this.configured, ...this.listeningOrigins()];
  }

  /** A loopback page reaching the server over loopback: local already, whatever its port (the vite dev server). */
  private isLocal(req: http.IncomingMessage, hostname: string): boolean {
    return isLoopbackName(hostname) && isLoopbackAddress(req.socket.remoteAddress);
  }

  /** Base of the links handed out for this request: PUBLIC_URL, else the trusted origin the Host header names, else the listening address. */
  linkBase(req: http.IncomingMessage): string {
    if (this.publicBase) return this.publicBase;
    const host = (req.headers.host ?? '').toLowerCase();
    const named = this.trusted().find((origin) => new URL(origin).host === host);
    if (named) return named;
    if (host && URL.canParse(`http://${host}`)) {
      const url = new URL(`http://${host}`);
      if (url.host === host && this.isLocal(req, url.hostname)) return url.origin;
    }
    const { host: bound, port } = this.options.listening();
    return `http://${WILDCARDS.has(bound) ? 'localhost' : hostPart(bound)}:${port}`;
  }

  /** Whether a websocket upgrade may go on: a client that sends no Origin (a script) may; a page only from a trusted origin. */
  allowsSocket(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (!URL.canParse(origin)) return false;
    const url = new URL(origin);
    return this.trusted().includes(url.origin) || this.isLocal(req, url.hostname);
  }
}
