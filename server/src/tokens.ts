import crypto from 'node:crypto';

// Capability tokens: 192 random bits, url-safe. Only their SHA-256 is stored,
// so a copy of the database does not hand out working links.

export function mintToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** Session ids appear in every link; they are random but not secret (the token is). */
export function newSessionId(): string {
  return crypto.randomBytes(12).toString('base64url');
}
