import 'server-only';

import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';

/**
 * Awaits a server-side procedure call for a page; a record that does not exist, an id that is
 * not one, or a record the actor may not see all read as 404 (nothing is disclosed).
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(error.code)) notFound();
    throw error;
  }
}
