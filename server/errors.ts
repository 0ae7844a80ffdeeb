/**
 * Errors a service raises on purpose. The code is the contract: tRPC maps it
 * to a tRPC/HTTP status once (server/trpc/init.ts), the UI translates it (messages errors.<CODE>).
 */
export const DOMAIN_ERRORS = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  LOGIN_TAKEN: 'CONFLICT',
  CREDIT_CODE_TAKEN: 'CONFLICT',
  ORGANIZATION_NOT_FOUND: 'NOT_FOUND',
  USER_NOT_FOUND: 'NOT_FOUND',
  CANNOT_DISABLE_SELF: 'BAD_REQUEST',
  WRONG_PASSWORD: 'BAD_REQUEST',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INSPECTOR_NEEDS_AGENCY: 'BAD_REQUEST',
  TOKEN_NOT_FOUND: 'NOT_FOUND',
  TOKEN_ALREADY_REVOKED: 'CONFLICT',
} as const satisfies Record<string, 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST' | 'TOO_MANY_REQUESTS'>;

export type DomainErrorCode = keyof typeof DOMAIN_ERRORS;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly field?: string,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
