import { ROLES, type Role } from '@plenum/shared/protocol';
import { HttpError } from './http-util.ts';
import type { Storage, TokenGrant } from './storage.ts';
import { hashToken, isTokenShaped } from './tokens.ts';

// The one check of a capability token, for the API (Authorization header) and
// the websocket upgrade (query parameter) alike (docs/api.md, docs/threat-model.md).
//
// The token is looked up before anything about the session is: a token grants
// exactly one session, and a deleted session takes its tokens along. So an
// unknown session and a wrong token for an existing one are the same answer
// (401 unauthorized), and a stranger cannot probe which session ids exist.

export function authenticate(
  storage: Storage,
  sessionId: string,
  token: string | null,
  roles: readonly Role[] = ROLES,
): TokenGrant {
  if (!token) throw new HttpError(401, 'unauthorized', 'token missing');
  const grant = isTokenShaped(token) ? storage.findToken(hashToken(token)) : null;
  if (!grant) throw new HttpError(401, 'unauthorized', 'token invalid or revoked');
  if (grant.sessionId !== sessionId) throw new HttpError(403, 'forbidden', 'token is for another session');
  if (!roles.includes(grant.role)) throw new HttpError(403, 'forbidden', `needs role ${roles.join(' or ')}`);
  return grant;
}
