// Errors with a stable code, so the server can answer with a status and the
// client can show a translated message (client/src/i18n: `error.<code>`).

export type ModelErrorCode =
  | 'required'
  | 'too_long'
  | 'too_many'
  | 'invalid'
  | 'end_before_start'
  | 'not_found'
  | 'read_only'
  | 'schema_too_new';

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
