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

// Participant and viewer tokens are also kept sealed (AES-256-GCM) under a key
// derived from the moderator token, so the moderator can be shown every link
// again, while a copy of the database alone still opens nothing.

function sealKey(moderatorToken: string): Buffer {
  return crypto.createHash('sha256').update('plenum-link-seal\0').update(moderatorToken).digest();
}

export function sealToken(token: string, moderatorToken: string): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', sealKey(moderatorToken), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The sealed token, or null if it was sealed under another moderator token. */
export function unsealToken(sealed: Uint8Array, moderatorToken: string): string | null {
  const data = Buffer.from(sealed);
  if (data.length < 29) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', sealKey(moderatorToken), data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
