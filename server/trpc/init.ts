import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Actor } from '@/server/authz/actor';
import type { Db } from '@/server/db/client';
import { DOMAIN_ERRORS, DomainError } from '@/server/errors';

export interface Context {
  db: Db;
  /** Null for an anonymous request; a request with a bad token never reaches a procedure. */
  actor: Actor | null;
}

/** Zod issues as { 'field.path': [message keys] }; the form shows each under its field. */
function fieldErrors(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : 'root';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Never ship server stack traces to clients.
        stack: undefined,
        domainError: cause instanceof DomainError ? { code: cause.code, field: cause.field, params: cause.params } : undefined,
        fieldErrors: cause instanceof ZodError ? fieldErrors(cause) : undefined,
      },
    };
  },
});

/** Services speak in DomainError codes (and zod); this maps them to tRPC codes once. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: DOMAIN_ERRORS[cause.code], message: cause.code, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'INVALID_INPUT', cause });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

/** Signed in (session or API token). Authorization per action happens in the service via server/authz. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
