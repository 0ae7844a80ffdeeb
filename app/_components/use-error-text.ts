'use client';

import { useMessages, useTranslations, type Messages } from 'next-intl';
import { TRPCClientError } from '@trpc/client';
import type { DomainErrorCode } from '@/server/errors';

type ErrorKey = keyof Messages['errors'];
type ValidationKey = keyof Messages['validation'];

/** Practice 11: every domain error code has a text; a code added on the server without one is a type error here. */
type UntranslatedCodes = Exclude<DomainErrorCode, ErrorKey>;
const everyCodeTranslated: [UntranslatedCodes] extends [never] ? true : UntranslatedCodes = true;
void everyCodeTranslated;

type FieldErrorLike = { type?: unknown; message?: unknown } | readonly (FieldErrorLike | undefined)[];

function firstError(error: FieldErrorLike | undefined): { type?: string; message?: string } | undefined {
  if (!error) return undefined;
  if (!Array.isArray(error)) {
    const e = error as { type?: unknown; message?: unknown };
    if (typeof e.message === 'string') return { type: typeof e.type === 'string' ? e.type : undefined, message: e.message };
  }
  if (Array.isArray(error)) {
    for (const item of error) {
      const found = firstError(item);
      if (found) return found;
    }
  }
  return undefined;
}

function isKeyOf<T extends object>(obj: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export type ServerErrorInfo = {
  /** Domain error code, or a tRPC code we have a text for, or NETWORK / UNKNOWN. */
  code: ErrorKey;
  /** The form field a domain error names. */
  field?: string;
  /** Facts the domain error's text names, e.g. {by, on} of the order that suspends the work. */
  params?: Record<string, string>;
  /** Zod issues from the server's input validation: path → message keys. */
  fieldErrors?: Record<string, string[]>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the error shape the server's errorFormatter adds (`data.domainError`, `data.fieldErrors`). */
export function parseServerError(error: unknown, knownCodes: object): ServerErrorInfo {
  if (!(error instanceof TRPCClientError)) return { code: 'UNKNOWN' };
  const data: unknown = error.data;
  if (!isRecord(data)) {
    // No error shape at all: the request did not reach the API (offline, proxy, crash).
    return { code: error.cause instanceof TypeError || error.message === 'Failed to fetch' ? 'NETWORK' : 'UNKNOWN' };
  }
  const info: ServerErrorInfo = { code: 'UNKNOWN' };
  const domain = data.domainError;
  if (isRecord(domain) && typeof domain.code === 'string') {
    if (isKeyOf(knownCodes, domain.code)) info.code = domain.code as ErrorKey;
    if (typeof domain.field === 'string') info.field = domain.field;
    if (isRecord(domain.params)) info.params = Object.fromEntries(Object.entries(domain.params).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } else if (typeof data.code === 'string' && isKeyOf(knownCodes, data.code)) {
    info.code = data.code as ErrorKey;
  }
  const fieldErrors = data.fieldErrors;
  if (isRecord(fieldErrors)) {
    info.fieldErrors = {};
    for (const [path, messages] of Object.entries(fieldErrors)) {
      if (Array.isArray(messages)) info.fieldErrors[path] = messages.filter((m): m is string => typeof m === 'string');
    }
  }
  return info;
}

/**
 * Turns the codes the server and the shared zod schemas speak into the user's language:
 * validation message keys ('validation.required') and domain error codes ('LOGIN_TAKEN').
 */
export function useErrorText() {
  const messages = useMessages();
  const tv = useTranslations('validation');
  const te = useTranslations('errors');

  /** A zod message key such as 'validation.required' (or bare 'required'); unknown ones read as "invalid". */
  function validation(message: string | undefined): string {
    const key = (message ?? '').replace(/^validation\./, '');
    return isKeyOf(messages.validation, key) ? tv(key as ValidationKey) : tv('invalid');
  }

  function code(value: string, params?: Record<string, string>): string {
    return isKeyOf(messages.errors, value) ? te(value as ErrorKey, params as never) : te('UNKNOWN');
  }

  /** One sentence for any failed call (for a toast when there is no form field to show it on). */
  function fromError(error: unknown): string {
    const info = parseServerError(error, messages.errors);
    const first = info.fieldErrors ? Object.values(info.fieldErrors).flat()[0] : undefined;
    if (info.code === 'UNKNOWN' && first) return validation(first);
    return code(info.code, info.params);
  }

  /**
   * The text to show under a field: errors put there by `useApplyServerError` (type 'server')
   * are already translated; the resolver's carry a zod message key. For an array field
   * (e.g. regionCodes) the first element's error counts when the array itself has none.
   */
  function field(error: FieldErrorLike | undefined): string | undefined {
    const found = firstError(error);
    if (!found) return undefined;
    if (found.type === 'server') return found.message ?? te('UNKNOWN');
    return validation(found.message);
  }

  return { validation, code, field, fromError, knownCodes: messages.errors };
}
