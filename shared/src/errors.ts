// Errors with a stable code, so the server can answer with a status and the
// client can show a translated message (client/src/i18n: `error.<code>`).

// The codes are lists, not only types, so a test can walk them: every code has
// a translation (client/src/i18n/errors.test.ts), and a code added here without
// one fails the client's typecheck (i18n/errors.ts, errorKey).

/** Codes the model throws (ModelError); the server answers with them as they are. */
export const MODEL_ERROR_CODES = [
  'required',
  'too_long',
  'too_many',
  'invalid',
  'end_before_start',
  'not_found',
  'read_only',
  'schema_too_new',
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

/** Codes only the HTTP layer answers with (server/src/http-util.ts, docs/api.md). */
export const HTTP_ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'too_large',
  'unsupported_media_type',
  'internal',
  'storage_unavailable',
  'rate_limited',
  'secret_required',
  'capacity',
] as const;

/** Every code the server may answer with; HttpError is typed against it. */
export const ERROR_CODES = [...MODEL_ERROR_CODES, ...HTTP_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly field: string | undefined;
  readonly limit: number | undefined;

  constructor(code: ModelErrorCode, message: string, field?: string, limit?: number) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.field = field;
    this.limit = limit;
  }
}

export function requireText(field: string, value: unknown, max: number, options: { required?: boolean } = {}): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') throw new ModelError('invalid', `${field} must be a string`, field);
  const text = value.trim();
  if (options.required && text.length === 0) throw new ModelError('required', `${field} is required`, field);
  if (text.length > max) throw new ModelError('too_long', `${field} is longer than ${max} characters`, field, max);
  return text;
}
