import type { Actor } from '@/server/authz/actor';
import { loadActor } from '@/server/authz/actor';
import type { DbOrTx } from '@/server/db/client';
import { userIdForToken } from '@/server/tokens/service';

export type RequestIdentity =
  | { kind: 'anonymous' }
  | { kind: 'actor'; actor: Actor }
  /** An Authorization header was sent but names no live token: refused, never downgraded to the session. */
  | { kind: 'bad-token' };

/**
 * Who a request acts for: the bearer token when the request carries one,
 * else the session. `sessionUser` reads next-auth's session lazily so token
 * requests never touch cookies.
 */
export async function identify(
  db: DbOrTx,
  headers: Headers,
  sessionUser: () => Promise<{ id: string } | null | undefined>,
): Promise<RequestIdentity> {
  const authorization = headers.get('authorization');
  if (authorization) {
    const token = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
    const userId = token ? await userIdForToken(db, token) : null;
    const actor = userId ? await loadActor(db, userId, 'token') : null;
    return actor ? { kind: 'actor', actor } : { kind: 'bad-token' };
  }
  const user = await sessionUser();
  const actor = user?.id ? await loadActor(db, user.id, 'session') : null;
  return actor ? { kind: 'actor', actor } : { kind: 'anonymous' };
}
