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
