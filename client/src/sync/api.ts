import type { Role } from '@plenum/shared/protocol';

// Calls to the server's JSON API. Errors carry the server's stable `code`, so
// the UI can show a translated message (i18n key `error.<code>`).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly limit?: number,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, options: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string; limit?: number } };
  if (!res.ok) {
    const e = data.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.field, e?.limit);
  }
  return data as T;
}

/** A file the API answers with (an export): its bytes and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** GETs a file from the API; errors come as the JSON error body, like `api`'s. */
export async function download(path: string, token: string): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? res.statusText, data.error?.field);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  // RFC 6266: the UTF-8 form if given, else the plain one.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : (plain ?? 'download');
  return { blob: await res.blob(), fileName };
}

export interface Links {
  moderator: string;
  participant: string;
  viewer: string;
}

export interface CreatedSession {
  id: string;
  links: Links;
}

export interface WhoAmI {
  id: string;
  role: Role;
}
