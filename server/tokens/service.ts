import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import type { Db, DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import type { CreateTokenInput } from './schemas';

/**
 * Personal API tokens (Contract 7): `bl_` + 43 URL-safe characters (32 random
 * bytes), shown once, stored only as SHA-256. A request with the token acts
 * as its user, with exactly that user's rights.
 */
export const TOKEN_PATTERN = /^bl_[A-Za-z0-9_-]{32,}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newToken(): string {
  return `bl_${randomBytes(32).toString('base64url')}`;
}

const publicFields = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function createToken(db: Db, actor: Actor, input: CreateTokenInput) {
  authorize(actor, 'token.create', { kind: 'owned', ownerId: actor.userId });
  const token = newToken();
  const row = await db.apiToken.create({
    data: { userId: actor.userId, name: input.name.trim(), tokenHash: hashToken(token), prefix: token.slice(0, 9) },
    select: publicFields,
  });
  return { ...row, token };
}

export async function listTokens(db: DbOrTx, actor: Actor) {
  authorize(actor, 'token.list', { kind: 'owned', ownerId: actor.userId });
  return db.apiToken.findMany({ where: { userId: actor.userId }, select: publicFields, orderBy: { createdAt: 'desc' } });
}

export async function revokeToken(db: Db, actor: Actor, id: string) {
  const token = await db.apiToken.findUnique({ where: { id }, select: { userId: true, revokedAt: true } });
  // Someone else's token is reported as missing: its existence is not the caller's business.
  if (!token || token.userId !== actor.userId) throw new DomainError('TOKEN_NOT_FOUND');
  authorize(actor, 'token.revoke', { kind: 'owned', ownerId: token.userId });
  if (token.revokedAt) throw new DomainError('TOKEN_ALREADY_REVOKED');
  return db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: publicFields });
}

/** The user a bearer token acts for, or null when the token is unknown, revoked or its user disabled. */
export async function userIdForToken(db: DbOrTx, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  // Last use is informational; write it at most once a minute to spare hot tokens a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.userId;
}
