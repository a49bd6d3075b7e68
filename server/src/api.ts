import type http from 'node:http';
import * as Y from 'yjs';
import { ModelError, requireText } from '@plenum/shared/errors';
import { CLOSE, ROLES, sessionRoom, type Role } from '@plenum/shared/protocol';
import { initSessionFromTemplate } from '@plenum/shared/templates';
import { isCreateSecret, type AddressLimiter } from './admission.ts';
import { authenticate } from './authenticate.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import { cardCounts } from './card-counts.ts';
import { bearerToken, HttpError, readJson, sendJson } from './http-util.ts';
import { revealPrivateCards, snapshotSession, timerAction } from './phase-actions.ts';
import { exportSession, parseExportQuery, parseSnapshotId, readSnapshot } from './export.ts';
import { isOperatorPage, isPageLang, type OperatorPageName, type PageLang, type RenderedPage } from './operator-pages.ts';
import { documentsOfBackup, MAX_BACKUP_BYTES, parseBackup } from './protocol/backup.ts';
import type { Renderer } from './protocol/renderer.ts';
import { deleteWorkshops } from './retention.ts';
import { NotFound, type Rooms } from './rooms.ts';
import { isStorageFault, type Storage, type TokenGrant } from './storage.ts';
import { hashToken, mintToken, newSessionId, sealToken, unsealToken } from './tokens.ts';

// The JSON API under /api (docs/api.md). Documents are changed through Yjs
// like everything else; this layer creates, authorises, and runs the few
// actions that need the server (its clock, documents no client may read).

export interface ApiContext {
  storage: Storage;
  rooms: Rooms;
  /** Base of the links handed out for this request (origin.ts: never a forged Host). */
  linkBase(req: http.IncomingMessage): string;
  /** The server's clock (injected in tests): creation times, which retention counts from. */
  now(): number;
  /** Renders DOCX and PDF exports in a worker thread. */
  renderer: Renderer;
  /** Keeps the rendering thread up for another while, and has it render the session's draft ahead once (server.ts, Renderer.prepare). */
  prepareRenderer(sessionId: string): void;
  /** Closes every open websocket whose grant matches (revoked links). */
  closeConnections(filter: (grant: TokenGrant) => boolean, code: number, reason: string): void;
  logger: Logger;
  metrics: Metrics;
  /** The operator's privacy notice, accessibility statement or imprint, rendered (operator-pages.ts). */
  operatorPage(page: OperatorPageName, lang: PageLang): RenderedPage;
  /** Who may create workshops, how fast, and how many (admission.ts). */
  creation: {
    secret: string | null;
    limiter: AddressLimiter;
    addressOf(req: http.IncomingMessage): string;
    maxSessions: number;
  };
}

type Req = http.IncomingMessage;
type Res = http.ServerResponse;

const META_FIELDS = ['title', 'subtitle', 'place', 'date', 'startTime', 'endTime', 'contact', 'address'] as const;

/** A link carries its token in the fragment, which browsers never send to a server. */
export function linkFor(base: string, sessionId: string, token: string): string {
  return `${base}/s/${sessionId}#t=${token}`;
}

function httpError(ctx: ApiContext, error: unknown): unknown {
  if (error instanceof ModelError) {
    const status = error.code === 'not_found' ? 404 : error.code === 'schema_too_new' ? 409 : 400;
    return new HttpError(status, error.code, error.message, error.field, error.limit);
  }
  if (error instanceof NotFound) return new HttpError(404, 'not_found', error.message);
  if (isStorageFault(error)) {
    ctx.logger.error({ err: error }, 'storage refused a request');
    return new HttpError(503, 'storage_unavailable', 'the server cannot store this now; try again later');
  }
  return error;
}

function authorise(ctx: ApiContext, req: Req, sessionId: string, roles: readonly Role[]): TokenGrant & { token: string } {
  const token = bearerToken(req);
  return { ...authenticate(ctx.storage, sessionId, token, roles), token: token as string };
}

/** May this request create a workshop? Throws 429, 401 or 503 otherwise. */
function admitCreation(ctx: ApiContext, req: Req): void {
  const { secret, limiter, addressOf, maxSessions } = ctx.creation;
  // Counted before the secret is checked, so guessing it is rate limited too.
  limiter.take(addressOf(req));
  if (secret !== null && !isCreateSecret(secret, bearerToken(req))) {
    throw new HttpError(401, 'secret_required', 'creating a workshop needs the access code of this server');
  }
  if (ctx.storage.countSessions() >= maxSessions) {
    throw new HttpError(503, 'capacity', `this server holds its maximum of ${maxSessions} workshops`);
  }
}

/**
 * Stores a new session with fresh tokens and answers 201 with its links.
 * `documents` gives every document of the session (the session document under
 * the session id) once the id is known; all are written in one transaction.
 */
function storeNewSession(ctx: ApiContext, req: Req, res: Res, documents: (sessionId: string) => Map<string, Uint8Array>): void {
  const id = newSessionId();
  const states = documents(id);
  const tokens = Object.fromEntries(ROLES.map((role) => [role, mintToken()])) as Record<Role, string>;
  const now = ctx.now();
  ctx.storage.transaction(() => {
    ctx.storage.createSession(
      id,
      ROLES.map((role) => ({
        role,
        hash: hashToken(tokens[role]),
        sealed: role === 'moderator' ? null : sealToken(tokens[role], tokens.moderator),
      })),
      states.get(id) as Uint8Array,
      now,
    );
    for (const [room, state] of states) if (room !== id) ctx.storage.compact(room, id, state, now);
  });
  const base = ctx.linkBase(req);
  sendJson(res, 201, { id, links: Object.fromEntries(ROLES.map((role) => [role, linkFor(base, id, tokens[role])])) });
}

async function createSession(ctx: ApiContext, req: Req, res: Res): Promise<void> {
  admitCreation(ctx, req);
  const body = await readJson(req);
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (body[field] !== undefined) meta[field] = body[field];
  const doc = new Y.Doc();
  initSessionFromTemplate(doc, body.template ?? 'blank', meta, body.lang === undefined ? 'de' : body.lang);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  storeNewSession(ctx, req, res, (id) => new Map([[id, state]]));
}

/** A new session from a JSON backup (docs/backup-format.md): checked whole before anything is stored. */
async function importSession(ctx: ApiContext, req: Req, res: Res): Promise<void> {
  admitCreation(ctx, req);
  const backup = parseBackup(await readJson(req, MAX_BACKUP_BYTES));
  storeNewSession(ctx, req, res, (id) => documentsOfBackup(backup, id));
}

function showLinks(ctx: ApiContext, req: Req, res: Res, sessionId: string): void {
  const grant = authorise(ctx, req, sessionId, ['moderator']);
  const base = ctx.linkBase(req);
  const links: Partial<Record<Role, string>> = { moderator: linkFor(base, sessionId, grant.token) };
  for (const row of ctx.storage.sealedTokens(sessionId)) {
    const token = unsealToken(row.sealed, grant.token);
    if (token) links[row.role] = linkFor(base, sessionId, token);
  }
  sendJson(res, 200, links);
}

function regenerateLink(ctx: ApiContext, req: Req, res: Res, sessionId: string, role: string): void {
  const grant = authorise(ctx, req, sessionId, ['moderator']);
  if (!(ROLES as readonly string[]).includes(role)) throw new HttpError(404, 'not_found', 'no such role');
  const token = mintToken();
  let revoked: Set<string>;
  if (role === 'moderator') {
    // The other links stay valid; they are sealed again under the new moderator token.
    const others = ctx.storage.sealedTokens(sessionId);
    revoked = ctx.storage.transaction(() => {
      const gone = new Set(ctx.storage.replaceToken(sessionId, 'moderator', hashToken(token), null));
      for (const row of others) {
        const plain = unsealToken(row.sealed, grant.token);
        if (plain) ctx.storage.reseal(row.hash, sealToken(plain, token));
      }
      return gone;
    });
  } else {
    const sealed = sealToken(token, grant.token);
    revoked = new Set(ctx.storage.replaceToken(sessionId, role as Role, hashToken(token), sealed));
  }
  ctx.closeConnections((grant) => revoked.has(grant.tokenHash), CLOSE.revoked, 'link revoked');
  sendJson(res, 200, { role, link: linkFor(ctx.linkBase(req), sessionId, token) });
}

async function takeSnapshot(ctx: ApiContext, req: Req, res: Res, sessionId: string): Promise<void> {
  authorise(ctx, req, sessionId, ['moderator']);
  const body = await readJson(req);
  const label = requireText('label', body.label, 200, { required: true });
  sendJson(res, 201, snapshotSession(ctx, sessionId, label));
}

async function sendExport(ctx: ApiContext, req: Req, res: Res, sessionId: string, url: URL): Promise<void> {
  authorise(ctx, req, sessionId, ['moderator']);
  const query = parseExportQuery(url.searchParams);
  const stopTimer = ctx.metrics.exportSeconds.startTimer({ format: query.format });
  const file = await exportSession(ctx, sessionId, query);
  stopTimer();
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-disposition': file.disposition,
    'cache-control': 'no-store',
    // Opened rather than saved, an exported page runs nothing and loads nothing.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  res.end(file.body);
}

function showSnapshot(ctx: ApiContext, req: Req, res: Res, sessionId: string, snapshotId: string): void {
  authorise(ctx, req, sessionId, ['moderator']);
  const id = parseSnapshotId(snapshotId);
  if (id === null) throw new HttpError(404, 'not_found', 'no such snapshot');
  sendJson(res, 200, readSnapshot(ctx.storage, sessionId, id));
}

/** A page anyone may read, without a token: it is linked from every page, the start page too. */
function sendOperatorPage(ctx: ApiContext, res: Res, name: string, url: URL): void {
  if (!isOperatorPage(name)) throw new HttpError(404, 'not_found', 'no such page');
  const lang = url.searchParams.get('lang') ?? 'de';
  if (!isPageLang(lang)) throw new HttpError(400, 'invalid', 'lang must be de or en', 'lang');
  sendJson(res, 200, ctx.operatorPage(name, lang));
}

async function route(ctx: ApiContext, req: Req, res: Res, url: URL): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
  const method = req.method ?? 'GET';
  // Odd path segments are ids: "POST sessions/:/links/:/regenerate".
  const shape = `${method} ${parts.map((p, i) => (i % 2 === 1 ? ':' : p)).join('/')}`;
  const [, sessionId = '', , sub = ''] = parts;
  switch (shape) {
    case 'GET time':
      return sendJson(res, 200, { now: Date.now() });
    case 'GET settings':
      return sendJson(res, 200, { createSecretRequired: ctx.creation.secret !== null });
    case 'GET pages/:':
      return sendOperatorPage(ctx, res, parts[1] as string, url);
    case 'POST sessions':
      return createSession(ctx, req, res);
    case 'POST sessions/:': // "import" is no session id (tokens.ts: 16 characters)
      if (sessionId === 'import') return importSession(ctx, req, res);
      break;
    case 'GET sessions/:': {
      const grant = authorise(ctx, req, sessionId, ROLES);
      return sendJson(res, 200, { id: sessionId, role: grant.role, room: sessionRoom(sessionId) });
    }
    case 'DELETE sessions/:':
      authorise(ctx, req, sessionId, ['moderator']);
      deleteWorkshops(ctx, [sessionId]);
      res.writeHead(204).end();
      return;
    case 'GET sessions/:/links':
      return showLinks(ctx, req, res, sessionId);
    case 'POST sessions/:/links/:/regenerate':
      return regenerateLink(ctx, req, res, sessionId, sub);
    case 'POST sessions/:/snapshots':
      return takeSnapshot(ctx, req, res, sessionId);
    case 'GET sessions/:/snapshots':
      authorise(ctx, req, sessionId, ['moderator']);
      return sendJson(res, 200, { snapshots: ctx.storage.listSnapshots(sessionId) });
    case 'GET sessions/:/snapshots/:':
      return showSnapshot(ctx, req, res, sessionId, sub);
    case 'GET sessions/:/export':
      return sendExport(ctx, req, res, sessionId, url);
    case 'POST sessions/:/export/:': // "prepare" is no id
      if (sub !== 'prepare') break;
      // The protocol view asks while it is open: the DOCX or PDF it may ask
      // for then need not wait for the rendering thread to start, nor pay for
      // the thread's first render of the session (docs/api.md).
      authorise(ctx, req, sessionId, ['moderator']);
      ctx.prepareRenderer(sessionId);
      res.writeHead(202).end();
      return;
    case 'POST sessions/:/phases/:/timer': {
      authorise(ctx, req, sessionId, ['moderator']);
      const body = await readJson(req);
      return sendJson(res, 200, { timer: timerAction(ctx.rooms, sessionId, sub, body.action, body.minutes) });
    }
    case 'POST sessions/:/phases/:/reveal':
      authorise(ctx, req, sessionId, ['moderator']);
      return sendJson(res, 200, { moved: revealPrivateCards(ctx.rooms, ctx.storage, sessionId, sub) });
    case 'GET sessions/:/phases/:/card-counts':
      authorise(ctx, req, sessionId, ['moderator']);
      return sendJson(res, 200, { groups: cardCounts(ctx, sessionId, sub) });
  }
  throw new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`);
}

export async function handleApi(ctx: ApiContext, req: Req, res: Res, url: URL): Promise<void> {
  // Answers without a body (204) too: no browser may guess another type than the one sent.
  res.setHeader('x-content-type-options', 'nosniff');
  try {
    await route(ctx, req, res, url);
  } catch (error) {
    throw httpError(ctx, error);
  }
}
