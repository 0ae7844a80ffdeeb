/**
 * Errors a service raises on purpose. The code is the contract: tRPC maps it
 * to an HTTP status once (server/trpc), the UI translates it (messages errors.<CODE>).
 */
export const DOMAIN_ERROR_STATUS = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  BAD_REQUEST: 'BAD_REQUEST',
} as const;

export const DOMAIN_ERRORS = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  LOGIN_TAKEN: 'CONFLICT',
  CREDIT_CODE_TAKEN: 'CONFLICT',
  ORGANIZATION_NOT_FOUND: 'NOT_FOUND',
  INSPECTOR_NEEDS_AGENCY: 'BAD_REQUEST',
  TOKEN_NOT_FOUND: 'NOT_FOUND',
  TOKEN_ALREADY_REVOKED: 'CONFLICT',
} as const satisfies Record<string, keyof typeof DOMAIN_ERROR_STATUS>;

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
