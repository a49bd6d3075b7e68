import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ModelError } from '@plenum/shared/errors';
import { ApiError } from '../sync/api.ts';
import { dictionary, LOCALES, translate, type MessageKey } from './dictionary.ts';
import { CLIENT_ERROR_CODES, errorMessage, tryWrite } from './errors.ts';
import { messageText } from './message.ts';

// Error codes travel: ModelError → HttpError → `error.<code>` in the
// dictionary. A code without a string would show "something went wrong"
// instead of the reason, so every code the server can send must have one.

const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

describe('error messages', () => {
  it('has a string in every language for every code the server or client uses', () => {
    const codes = [...ERROR_CODES, ...CLIENT_ERROR_CODES];
    for (const locale of LOCALES) {
      const missing = codes.filter((code) => !(`error.${code}` in dictionary[locale]));
      expect(missing, locale).toEqual([]);
    }
  });

  it('names the field and the limit of a model error', () => {
    const error = new ModelError('too_long', 'text is longer than 500 characters', 'text', 500);
    expect(errorMessage(en, error)).toBe('Text is too long (at most 500 characters).');
    expect(errorMessage(en, error, 'Card')).toBe('Card is too long (at most 500 characters).');
  });

  it('translates the code of a server answer', () => {
    expect(errorMessage(en, new ApiError(401, 'unauthorized', 'token invalid or revoked'))).toBe(
      'The link is invalid or was replaced.',
    );
  });

  it('reads a code it does not know, or any other failure, as "something went wrong"', () => {
    expect(errorMessage(en, new ApiError(418, 'teapot', 'a newer server'))).toBe(en('error.internal'));
    expect(errorMessage(en, new Error('boom'))).toBe(en('error.internal'));
  });

  it('returns null for a write that succeeds and the failure for one the model refuses, worded in either language', () => {
    expect(tryWrite(() => {})).toBeNull();
    const failure = tryWrite(() => {
      throw new ModelError('required', 'title is required', 'title');
    });
    expect(failure).not.toBeNull();
    expect(messageText(en, failure!)).toBe('Please fill in: Title');
    const de = (key: MessageKey, params?: Record<string, string | number>) => translate('de', key, params);
    expect(messageText(de, failure!)).toBe(de('error.required', { field: de('field.title') }));
    expect(messageText(en, { key: 'moderator.links.regenerated', params: { role: { key: 'moderator.role.viewer' } } })).toBe(
      en('moderator.links.regenerated', { role: en('moderator.role.viewer') }),
    );
  });
});
