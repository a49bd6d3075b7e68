import * as Y from 'yjs';
import { boardKey, buildProtocol, storedSummaries, type ProtocolOptions } from '@plenum/shared/protocol-draft/build';
import { toCsv } from '@plenum/shared/protocol-draft/csv';
import { protocolFileName } from '@plenum/shared/protocol-draft/file-name';
import { toHtml } from '@plenum/shared/protocol-draft/html';
import { toMarkdown } from '@plenum/shared/protocol-draft/markdown';
import type { Lang, ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { parseRoom } from '@plenum/shared/protocol';
import { migrate } from '@plenum/shared/schema';
import { readSession } from '@plenum/shared/session-doc';
import { HttpError } from './http-util.ts';
import { sessionStates } from './phase-actions.ts';
import type { Rooms } from './rooms.ts';
import type { SnapshotInfo, Storage } from './storage.ts';

// The protocol draft over HTTP (docs/protocol-export.md, issue 11): the
// documents of a session, now or as of a named snapshot, through the pure
// model in shared/src/protocol-draft to one of its writers. Reads documents,
// never writes them: a snapshot is migrated in a copy, never in storage.

interface ExportContext {
  storage: Storage;
  rooms: Rooms;
}

interface Writer {
  contentType: string;
  write(tree: ProtocolTree): string;
}

const WRITERS: Record<string, Writer> = {
  md: { contentType: 'text/markdown; charset=utf-8', write: (tree) => toMarkdown(tree) },
  html: { contentType: 'text/html; charset=utf-8', write: (tree) => toHtml(tree) },
  csv: { contentType: 'text/csv; charset=utf-8', write: (tree) => toCsv(tree) },
};
/** Named in issue 11, answered with a clear 400 until they are built. */
const NOT_YET = ['docx', 'pdf', 'json'];

/** Query flags ('1' on, '0' off) and the option each one sets. */
const FLAGS: Record<string, keyof ProtocolOptions> = {
  authors: 'authors',
  dots: 'dots',
  unmerged: 'unmergedCards',
  sources: 'sources',
};
const LANGS: readonly Lang[] = ['de', 'en'];

export interface ExportRequest {
  format: string;
  options: Partial<ProtocolOptions> & { lang: Lang };
  snapshotId: number | null;
}

function invalid(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid', message, field);
}

/** A snapshot id as it appears in a URL, or null if it cannot be one. */
export function parseSnapshotId(text: string): number | null {
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;
}

/** Reads and checks the query: an unknown parameter, a repeated one or a bad value is a 400 naming it. */
export function parseExportQuery(params: URLSearchParams): ExportRequest {
  const known = new Set(['format', 'lang', 'snapshot', ...Object.keys(FLAGS)]);
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) throw invalid(key, `unknown parameter ${key}`);
    if (params.getAll(key).length > 1) throw invalid(key, `${key} given more than once`);
  }
  const format = params.get('format') ?? '';
  if (NOT_YET.includes(format)) throw invalid('format', `format ${format} is not yet available; use md, html or csv`);
  if (!Object.hasOwn(WRITERS, format)) throw invalid('format', 'format must be md, html or csv');
  const lang = params.get('lang') ?? 'de';
  if (!(LANGS as readonly string[]).includes(lang)) throw invalid('lang', 'lang must be de or en');
  const options: ExportRequest['options'] = { lang: lang as Lang };
  for (const [key, option] of Object.entries(FLAGS)) {
    const value = params.get(key);
    if (value === null) continue;
    if (value !== '0' && value !== '1') throw invalid(key, `${key} must be 0 or 1`);
    (options as Record<string, unknown>)[option] = value === '1';
  }
  const snapshotText = params.get('snapshot');
  const snapshotId = snapshotText === null ? null : parseSnapshotId(snapshotText);
  if (snapshotText !== null && snapshotId === null) throw invalid('snapshot', 'snapshot must be a snapshot id');
  return { format, options, snapshotId };
}

/** A named snapshot of this session, or 404: another session's snapshot is as unknown as none. */
export function findSnapshot(storage: Storage, sessionId: string, snapshotId: number): SnapshotInfo {
  const info = storage.listSnapshots(sessionId).find((s) => s.id === snapshotId);
  if (!info) throw new HttpError(404, 'not_found', 'no such snapshot');
  return info;
}

/**
 * The session and board documents from stored states, each migrated to this
 * code's schema (a snapshot keeps the version it was taken with). Private
 * rooms are left out: cards not yet revealed are nobody else's to read.
 */
function documentsFrom(states: Map<string, Uint8Array>): { session: Y.Doc; boards: Map<string, Y.Doc> } {
  const session = new Y.Doc();
  const boards = new Map<string, Y.Doc>();
  for (const [name, state] of states) {
    const address = parseRoom(name);
    if (address?.kind === 'session') {
      Y.applyUpdate(session, state);
      migrate(session, 'session');
    } else if (address?.kind === 'board') {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      migrate(doc, 'board');
      boards.set(boardKey(address.phaseId, address.groupId), doc);
    }
  }
  return { session, boards };
}

export interface ExportFile {
  body: string;
  contentType: string;
  /** The `Content-Disposition` header value. */
  disposition: string;
}

/** RFC 5987 ext-value: percent-encoded UTF-8, with the marks encodeURIComponent leaves but attr-char forbids. */
function extValue(text: string): string {
  return `UTF-8''${encodeURIComponent(text).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** An attachment named in both forms RFC 6266 knows; the names hold no quote, backslash or line break (file-name.ts). */
export function attachment(name: { name: string; ascii: string }): string {
  return `attachment; filename="${name.ascii}"; filename*=${extValue(name.name)}`;
}

export function exportSession(ctx: ExportContext, sessionId: string, request: ExportRequest): ExportFile {
  if (request.snapshotId !== null) findSnapshot(ctx.storage, sessionId, request.snapshotId);
  const states =
    request.snapshotId === null
      ? sessionStates(ctx, sessionId)
      : ctx.storage.snapshotDocuments(sessionId, request.snapshotId);
  const { session, boards } = documentsFrom(states);
  try {
    const tree = buildProtocol({ session, boards, summaries: storedSummaries(session) }, request.options);
    const writer = WRITERS[request.format] as Writer;
    const { meta } = readSession(session);
    return {
      body: writer.write(tree),
      contentType: writer.contentType,
      disposition: attachment(protocolFileName(meta.title, meta.date, request.options.lang, request.format)),
    };
  } finally {
    session.destroy();
    for (const doc of boards.values()) doc.destroy();
  }
}

/** A snapshot for scripts: every document's stored state as one base64 Yjs update, as it was taken. */
export function readSnapshot(storage: Storage, sessionId: string, snapshotId: number) {
  const info = findSnapshot(storage, sessionId, snapshotId);
  const documents = [...storage.snapshotDocuments(sessionId, snapshotId)].map(([room, state]) => ({
    room,
    update: Buffer.from(state).toString('base64'),
  }));
  return { id: info.id, label: info.label, createdAt: info.createdAt, documents };
}
