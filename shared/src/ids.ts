// Ids for cards, phases, groups and prompts. They only need to be unique, not
// secret: capability tokens are minted on the server with node:crypto.

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function newId(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
