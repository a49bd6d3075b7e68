import type http from 'node:http';
import * as Y from 'yjs';
import { CLOSE, ROLES, sessionRoom, type Role } from '@plenum/shared/protocol';
import { initSessionFromTemplate } from '@plenum/shared/templates';
import { ModelError, requireText } from '@plenum/shared/errors';
import type { Connection } from './connection.ts';
import { bearerToken, HttpError, readJson, sendJson } from './http-util.ts';
import type { Rooms } from './rooms.ts';
import type { Storage, TokenGrant } from './storage.ts';
import { hashToken, isTokenShaped, mintToken, newSessionId } from './tokens.ts';

// The JSON API under /api (docs/api.md). Session documents are written through
// Yjs like everything else; this layer only creates, authorises and deletes.

export interface ApiContext {
  storage: Storage;
  rooms: Rooms;
  publicUrl: string | undefined;
  closeConnections(filter: (conn: Connection) => boolean, code: number, reason: string): void;
}

const META_FIELDS = ['title', 'subtitle', 'place', 'date', 'startTime', 'endTime', 'contact'] as const;

function origin(ctx: ApiContext, req: http.IncomingMessage): string {
  if (ctx.publicUrl) return ctx.publicUrl.replace(/\/+$/, '');
  const host = req.headers.host ?? 'localhost';
  return `http://${host}`;
}

/** A link carries its token in the fragment, which browsers never send to a server. */
export function linkFor(base: string, sessionId: string, token: string): string {
  return `${base}/s/${sessionId}#t=${token}`;
}

function modelErrorToHttp(error: ModelError): HttpError {
  const status = error.code === 'not_found' ? 404 : error.code === 'schema_too_new' ? 409 : 400;
  return new HttpError(status, error.code, error.message, error.field, error.limit);
}

function authorise(ctx: ApiContext, req: http.IncomingMessage, sessionId: string, roles: readonly Role[]): TokenGrant {
  if (!ctx.storage.hasSession(sessionId)) throw new HttpError(404, 'not_found', 'no such session');
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'unauthorized', 'send the link token as Authorization: Bearer <token>');
  const grant = isTokenShaped(token) ? ctx.storage.findToken(hashToken(token)) : null;
  if (!grant) throw new HttpError(401, 'unauthorized', 'token invalid or revoked');
  if (grant.sessionId !== sessionId) throw new HttpError(403, 'forbidden', 'token is for another session');
  if (!roles.includes(grant.role)) throw new HttpError(403, 'forbidden', `needs role ${roles.join(' or ')}`);
  return grant;
}

async function createSession(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readJson(req);
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (body[field] !== undefined) meta[field] = body[field];
  const doc = new Y.Doc();
  try {
    initSessionFromTemplate(doc, body.template ?? 'blank', meta);
  } catch (error) {
    if (error instanceof ModelError) throw modelErrorToHttp(error);
    throw error;
  }
  const id = newSessionId();
  const tokens = Object.fromEntries(ROLES.map((role) => [role, mintToken()])) as Record<Role, string>;
  ctx.storage.createSession(
    id,
    ROLES.map((role) => ({ role, hash: hashToken(tokens[role]) })),
    Y.encodeStateAsUpdate(doc),
  );
  doc.destroy();
  const base = origin(ctx, req);
  sendJson(res, 201, {
    id,
    links: Object.fromEntries(ROLES.map((role) => [role, linkFor(base, id, tokens[role])])),
  });
}

async function regenerateLink(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse, sessionId: string, role: string) {
  authorise(ctx, req, sessionId, ['moderator']);
  if (!(ROLES as readonly string[]).includes(role)) throw new HttpError(404, 'not_found', 'no such role');
  const token = mintToken();
  const revoked = new Set(ctx.storage.replaceToken(sessionId, role as Role, hashToken(token)));
  ctx.closeConnections((conn) => revoked.has(conn.grant.tokenHash), CLOSE.revoked, 'link revoked');
  sendJson(res, 200, { role, link: linkFor(origin(ctx, req), sessionId, token) });
}

async function takeSnapshot(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse, sessionId: string) {
  authorise(ctx, req, sessionId, ['moderator']);
  const body = await readJson(req);
  let label: string;
  try {
    label = requireText('label', body.label, 200, { required: true });
  } catch (error) {
    throw error instanceof ModelError ? modelErrorToHttp(error) : error;
  }
  sendJson(res, 201, snapshotSession(ctx, sessionId, label));
}

/** Saves the current state of every document of a session under one label. */
export function snapshotSession(ctx: Pick<ApiContext, 'storage' | 'rooms'>, sessionId: string, label: string) {
  ctx.rooms.commits.flush();
  const states = new Map<string, Uint8Array>();
  for (const name of ctx.storage.documentNames(sessionId)) {
    const loaded = ctx.rooms.loaded(name);
    const state = loaded ? Y.encodeStateAsUpdate(loaded.doc) : ctx.storage.loadDocument(name);
    if (state) states.set(name, state);
  }
  return ctx.storage.saveSnapshot(sessionId, label, states);
}

export async function handleApi(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
  const method = req.method ?? 'GET';
  // Odd path segments are ids: "POST sessions/:/links/:/regenerate".
  const route = `${method} ${parts.map((p, i) => (i % 2 === 1 ? ':' : p)).join('/')}`;
  const [, sessionId = '', , sub = ''] = parts;
  switch (route) {
    case 'GET time':
      return sendJson(res, 200, { now: Date.now() });
    case 'POST sessions':
      return createSession(ctx, req, res);
    case 'GET sessions/:': {
      const grant = authorise(ctx, req, sessionId, ROLES);
      return sendJson(res, 200, { id: sessionId, role: grant.role, room: sessionRoom(sessionId) });
    }
    case 'DELETE sessions/:': {
      authorise(ctx, req, sessionId, ['moderator']);
      ctx.rooms.dropSession(sessionId, CLOSE.sessionDeleted, 'session deleted');
      ctx.storage.deleteSession(sessionId);
      res.writeHead(204).end();
      return;
    }
    case 'POST sessions/:/links/:/regenerate':
      return regenerateLink(ctx, req, res, sessionId, sub);
    case 'POST sessions/:/snapshots':
      return takeSnapshot(ctx, req, res, sessionId);
    case 'GET sessions/:/snapshots':
      authorise(ctx, req, sessionId, ['moderator']);
      return sendJson(res, 200, { snapshots: ctx.storage.listSnapshots(sessionId) });
  }
  throw new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`);
}
