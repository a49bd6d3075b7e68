import type http from 'node:http';
import type { ErrorCode } from '@plenum/shared/errors';

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
}

export const MAX_JSON_BYTES = 64 * 1024;

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: http.ServerResponse, error: HttpError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.field) body.field = error.field;
  if (error.limit !== undefined) body.limit = error.limit;
  sendJson(res, error.status, { error: body });
}

export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send JSON with content-type application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, 'too_large', `request body over ${MAX_JSON_BYTES} bytes`);
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
