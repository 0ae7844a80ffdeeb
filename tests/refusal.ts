import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { ZodError } from 'zod';

/** The tRPC error a call was refused with: its status code and the domain code (the message). */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, domain: (error as TRPCError).message };
}

/** Only the domain code a call was refused with. */
export async function refusedWith(promise: Promise<unknown>) {
  return (await refusal(promise)).domain;
}

/** The message keys of the input's field errors, by field. */
export async function fieldErrors(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const issues = ((error as TRPCError).cause as unknown as ZodError).issues;
  return Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]));
}
