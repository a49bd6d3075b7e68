import { buildProtocol, storedSummaries, type ProtocolOptions } from '@plenum/shared/protocol-draft/build';
import { toCsv } from '@plenum/shared/protocol-draft/csv';
import { protocolFileName } from '@plenum/shared/protocol-draft/file-name';
import { toHtml } from '@plenum/shared/protocol-draft/html';
import { toMarkdown } from '@plenum/shared/protocol-draft/markdown';
import type { Lang, ProtocolTree } from '@plenum/shared/protocol-draft/tree';
import { readSession } from '@plenum/shared/session-doc';
import { HttpError } from './http-util.ts';
import { backupOf } from './protocol/backup.ts';
import { currentDocuments, documentsFrom, type SessionDocuments } from './protocol/documents.ts';
import type { Renderer } from './protocol/renderer.ts';
import type { Rooms } from './rooms.ts';
import type { SnapshotInfo, Storage } from './storage.ts';

// The protocol draft over HTTP (docs/protocol-export.md, issue 11): the
// documents of a session, now or as of a named snapshot, through the pure
// model in shared/src/protocol-draft to one of its writers (DOCX and PDF in
// ./protocol, where their libraries are), or whole as a JSON backup
// (docs/backup-format.md). Reads documents, never writes them: a snapshot is
// migrated in a copy, never in storage.

interface ExportContext {
  storage: Storage;
  rooms: Rooms;
  /** The server's clock, for the backup's `exportedAt`. */
  now(): number;
  /** Renders DOCX and PDF off the event loop (protocol/renderer.ts). */
  renderer: Renderer;
}

interface Writer {
  contentType: string;
  write(tree: ProtocolTree, ctx: ExportContext): string | Promise<Buffer>;
}

const WRITERS: Record<string, Writer> = {
  md: { contentType: 'text/markdown; charset=utf-8', write: (tree) => toMarkdown(tree) },
  html: { contentType: 'text/html; charset=utf-8', write: (tree) => toHtml(tree) },
  csv: { contentType: 'text/csv; charset=utf-8', write: (tree) => toCsv(tree) },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    write: (tree, ctx) => ctx.renderer.render('docx', tree),
  },
  pdf: { contentType: 'application/pdf', write: (tree, ctx) => ctx.renderer.render('pdf', tree) },
};
/** The backup is no rendering of the protocol tree: the whole session, as data. */
const BACKUP = 'json';
const FORMATS = [...Object.keys(WRITERS), BACKUP];
/** The backup's file name starts with this instead of "Protokoll". */
const BACKUP_PREFIX: Record<Lang, string> = { de: 'Sicherung', en: 'Backup' };

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
  if (!FORMATS.includes(format)) throw invalid('format', `format must be one of ${FORMATS.join(', ')}`);
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

export interface ExportFile {
  body: string | Buffer;
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

/**
 * The session's draft as it is now, with the export's default options (German,
 * no names, dots, leftovers or sources): what a prepare has the rendering
 * thread render ahead (Renderer.prepare). Its words are the cards' words,
 * whatever the options the moderator then picks.
 */
export function currentDraft(ctx: { storage: Storage; rooms: Rooms }, sessionId: string): ProtocolTree {
  const docs = currentDocuments(ctx, sessionId);
  try {
    return draftOf(docs, { lang: 'de' });
  } finally {
    docs.destroy();
  }
}

function draftOf(docs: SessionDocuments, options: ExportRequest['options']): ProtocolTree {
  return buildProtocol({ session: docs.session, boards: docs.boards, summaries: storedSummaries(docs.session) }, options);
}

export async function exportSession(ctx: ExportContext, sessionId: string, request: ExportRequest): Promise<ExportFile> {
  if (request.snapshotId !== null) findSnapshot(ctx.storage, sessionId, request.snapshotId);
  const docs =
    request.snapshotId === null
      ? currentDocuments(ctx, sessionId)
      : documentsFrom(ctx.storage.snapshotDocuments(sessionId, request.snapshotId));
  let tree: ProtocolTree;
  let meta: { title: string; date: string };
  try {
    meta = readSession(docs.session).meta;
    if (request.format === BACKUP) {
      const backup = backupOf(docs, ctx.storage.listSnapshots(sessionId), ctx.now());
      return {
        body: `${JSON.stringify(backup, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        disposition: attachment(protocolFileName(meta.title, meta.date, request.options.lang, 'json', BACKUP_PREFIX[request.options.lang])),
      };
    }
    tree = draftOf(docs, request.options);
  } finally {
    // The tree is plain data: the copies can go before the (asynchronous) writing.
    docs.destroy();
  }
  const writer = WRITERS[request.format] as Writer;
  return {
    body: await writer.write(tree, ctx),
    contentType: writer.contentType,
    disposition: attachment(protocolFileName(meta.title, meta.date, request.options.lang, request.format)),
  };
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
