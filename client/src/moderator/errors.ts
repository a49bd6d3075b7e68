import { ModelError } from '@plenum/shared/errors';
import { dictionary, type MessageKey } from '../i18n/dictionary.ts';
import type { Translate } from '../state/ui-store.ts';
import { ApiError } from '../sync/api.ts';

// Turns a ModelError (from a shared accessor) or an ApiError (from the server,
// which answers with the same codes) into one translated sentence.

function known(key: string): key is MessageKey {
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
  const key = `error.${code}`;
  const fieldKey = `field.${field ?? ''}`;
  const label = fieldLabel ?? (known(fieldKey) ? t(fieldKey) : (field ?? ''));
  return t(known(key) ? key : 'error.internal', { field: label, limit: limit ?? '' });
}

/** Runs a model write; returns the translated message of a failure, or null. */
export function tryWrite(t: Translate, write: () => void, fieldLabel?: string): string | null {
  try {
    write();
    return null;
  } catch (error) {
    if (!(error instanceof ModelError)) console.error(error);
    return errorMessage(t, error, fieldLabel);
  }
}
