import type { Role } from '@plenum/shared/protocol';
import type { TimerAction, TimerState } from '@plenum/shared/timer';
import type { ProtocolOptions } from '@plenum/shared/protocol-draft/build';
import { api, download, type DownloadedFile, type Links } from '../sync/api.ts';

// The moderator's calls to the server's JSON API (docs/api.md). Everything
// else the moderator changes is written straight into the session document.
// Each call sends the moderator link's token as a bearer token.

export interface SessionRef {
  sessionId: string;
  token: string;
}

const base = (ref: SessionRef) => `/sessions/${encodeURIComponent(ref.sessionId)}`;

export function fetchLinks(ref: SessionRef): Promise<Links> {
  return api<Links>(`${base(ref)}/links`, { token: ref.token });
}

export function regenerateLink(ref: SessionRef, role: Role): Promise<{ role: Role; link: string }> {
  return api(`${base(ref)}/links/${role}/regenerate`, { method: 'POST', token: ref.token, body: {} });
}

export function timerAction(ref: SessionRef, phaseId: string, action: TimerAction): Promise<{ timer: TimerState }> {
  return api(`${base(ref)}/phases/${encodeURIComponent(phaseId)}/timer`, {
    method: 'POST',
    token: ref.token,
    body: { action },
  });
}

export function revealPrivateCards(ref: SessionRef, phaseId: string): Promise<{ moved: number }> {
  return api(`${base(ref)}/phases/${encodeURIComponent(phaseId)}/reveal`, { method: 'POST', token: ref.token, body: {} });
}

/** Cards of one group of a phase, counted by the server: never a text (docs/api.md, card-counts). */
export interface CardTally {
  cards: number;
  /** Per stored column id, also ids of removed columns (shown in the first column). */
  columns: Record<string, number>;
}
export interface GroupCounts {
  board: CardTally;
  private: CardTally & { writers: number };
}

export function fetchCardCounts(ref: SessionRef, phaseId: string): Promise<{ groups: Record<string, GroupCounts> }> {
  return api(`${base(ref)}/phases/${encodeURIComponent(phaseId)}/card-counts`, { token: ref.token });
}

export function deleteSession(ref: SessionRef): Promise<void> {
  return api<void>(base(ref), { method: 'DELETE', token: ref.token });
}

/** Asks the server to get its DOCX and PDF rendering ready for an export soon (docs/api.md, "Getting the export ready"). */
export function prepareExport(ref: SessionRef): Promise<unknown> {
  return api(`${base(ref)}/export/prepare`, { method: 'POST', token: ref.token });
}

/** The export formats of docs/api.md, in the order the "Protokoll" view offers them. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The protocol draft (or, for json, the backup) as a file (GET /api/sessions/:id/export). */
export function exportProtocol(ref: SessionRef, format: ExportFormat, options: ProtocolOptions): Promise<DownloadedFile> {
  const query = new URLSearchParams({
    format,
    lang: options.lang,
    authors: options.authors ? '1' : '0',
    dots: options.dots ? '1' : '0',
    unmerged: options.unmergedCards ? '1' : '0',
    sources: options.sources ? '1' : '0',
  });
  return download(`${base(ref)}/export?${query}`, ref.token);
}
