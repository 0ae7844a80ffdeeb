import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/** The tRPC error a call was refused with: its status code and the domain code (the message). */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, domain: (error as TRPCError).message };
}
