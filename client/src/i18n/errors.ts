import { ERROR_CODES, ModelError, type ErrorCode } from '@plenum/shared/errors';
import type { Translate } from '../state/ui-store.ts';
import { ApiError } from '../sync/api.ts';
import { dictionary, type MessageKey } from './dictionary.ts';

// Turns a ModelError (from a shared accessor) or an ApiError (from the server,
// which answers with the same codes) into one translated sentence.

/** Codes only the client makes up: the server never answered (client/src/sync/api.ts). */
export const CLIENT_ERROR_CODES = ['network'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

const KNOWN_CODES: readonly string[] = [...ERROR_CODES, ...CLIENT_ERROR_CODES];

/**
 * The dictionary key of a code. The return type makes a code in
 * shared/src/errors.ts without an `error.<code>` string a typecheck error.
 */
export function errorKey(code: ErrorCode | ClientErrorCode): MessageKey {
  return `error.${code}`;
}

function isKnownCode(code: string): code is ErrorCode | ClientErrorCode {
  return KNOWN_CODES.includes(code);
}

function isKey(key: string): key is MessageKey {
  return key in dictionary.de;
}

/** `fieldLabel` names the control the user touched; else the error's field is looked up. */
export function errorMessage(t: Translate, error: unknown, fieldLabel?: string): string {
  let code = 'internal';
  let field: string | undefined;
  let limit: number | undefined;
  if (error instanceof ModelError || error instanceof ApiError) {
    code = error.code;
    field = error.field;
    limit = error.limit;
  }
  const fieldKey = `field.${field ?? ''}`;
  const label = fieldLabel ?? (isKey(fieldKey) ? t(fieldKey) : (field ?? ''));
  // A code from a newer server that this client does not know yet reads as "something went wrong".
  return t(isKnownCode(code) ? errorKey(code) : 'error.internal', { field: label, limit: limit ?? '', count: limit ?? '' });
}

/**
 * Runs a model write; returns its failure, or null. The failure is kept as it
 * is and put into words when shown (message.ts), in the language shown then.
 */
export function tryWrite(write: () => void, label?: MessageKey): { cause: unknown; label?: MessageKey } | null {
  try {
    write();
    return null;
  } catch (error) {
    if (!(error instanceof ModelError)) console.error(error);
    return label ? { cause: error, label } : { cause: error };
  }
}
