import { auth } from '@/server/auth';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { identify } from './request-actor';

/**
 * For route handlers outside tRPC: the actor, or the 401 response to send.
 * Session cookie and API token are accepted alike (Contract 7).
 */
export async function routeActor(req: Request): Promise<{ actor: Actor } | { response: Response }> {
  const identity = await identify(db, req.headers, async () => (await auth())?.user);
  if (identity.kind === 'actor') return { actor: identity.actor };
  return {
    response: Response.json(
      { error: identity.kind === 'bad-token' ? 'INVALID_TOKEN' : 'UNAUTHORIZED' },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="buildledger"' } },
    ),
  };
}
