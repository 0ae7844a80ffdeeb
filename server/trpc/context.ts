import { TRPCError } from '@trpc/server';
import { auth } from '@/server/auth';
import { identify } from '@/server/auth/request-actor';
import { db } from '@/server/db/client';
import type { Context } from './init';

/** The request's actor, from its bearer token or its session cookie. */
export async function createContext(headers: Headers): Promise<Context> {
  const identity = await identify(db, headers, async () => (await auth())?.user);
  if (identity.kind === 'bad-token') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'INVALID_TOKEN' });
  return { db, actor: identity.kind === 'actor' ? identity.actor : null };
}
