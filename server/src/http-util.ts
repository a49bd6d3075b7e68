import type http from 'node:http';
import type { ErrorCode } from '@plenum/shared/errors';
import type net from 'node:net';
import type { Logger } from './logger.ts';

// Small helpers for the JSON API: every error is `{ error: { code, message, field? } }`
// with a fitting status, so the client can translate `code`.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly limit?: number,
  ) {
    super(message);
  }

  /** Headers the answer carries besides the JSON body (a 429's Retry-After). */
  get headers(): Record<string, string> {
    return {};
  }
}

export const MAX_JSON_BYTES = 64 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: HttpError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.field) body.field = error.field;
  if (error.limit !== undefined) body.limit = error.limit;
  sendJson(res, error.status, { error: body }, error.headers);
}

/** The body as a JSON object; `maxBytes` is larger only for a session's backup (docs/api.md). */
export async function readJson(req: http.IncomingMessage, maxBytes = MAX_JSON_BYTES): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  // Exactly application/json, with parameters: \b would also take application/json-patch+json.
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send JSON with content-type application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, 'too_large', `request body over ${maxBytes} bytes`, undefined, maxBytes);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_json', 'request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? (match[1] as string) : null;
}

/**
 * The request's target as a URL. Node's parser lets through absolute-form
 * targets whose host or port is no URL (`GET http://[::1:99999/`); those
 * are the client's fault, so a 400, never a thrown TypeError.
 */
export function requestTarget(req: http.IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'bad_request', 'malformed request target');
  }
}

/** The one place a failed request becomes an answer: its own status for an HttpError, else a logged 500. */
export function replyWithError(res: http.ServerResponse, error: unknown, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) sendError(res, error);
  else if (error instanceof URIError) sendError(res, new HttpError(400, 'bad_request', 'malformed URL'));
  else {
    logQuietly(logger, error, 'request failed');
    sendError(res, new HttpError(500, 'internal', 'internal error'));
  }
}

/** Logs a fault; a logger that fails in turn must not take the answer down with it. */
function logQuietly(logger: Logger, error: unknown, message: string): void {
  try {
    logger.error({ err: error }, message);
  } catch {
    // Nothing left to tell it to.
  }
}

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type UpgradeHandler = (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => void;

/**
 * Node turns an exception thrown by a request listener into an uncaught
 * exception, which ends the process: one bad request must not stop the
 * server for everyone, so every listener runs inside this guard.
 */
export function guardRequest(handler: RequestHandler, logger: Logger): RequestHandler {
  return (req, res) => {
    try {
      handler(req, res);
    } catch (error) {
      replyWithError(res, error, logger);
    }
  };
}

/** The same guard for upgrades, which answer on the raw socket through `refuse`. */
export function guardUpgrade(
  refuse: (socket: net.Socket, status: number, message: string) => void,
  handler: UpgradeHandler,
  logger: Logger,
): UpgradeHandler {
  return (req, socket, head) => {
    try {
      handler(req, socket, head);
    } catch (error) {
      if (!(error instanceof HttpError)) logQuietly(logger, error, 'upgrade failed');
      if (socket.destroyed) return;
      if (error instanceof HttpError) refuse(socket, error.status, error.message);
      else refuse(socket, 500, 'internal error');
    }
  };
}
