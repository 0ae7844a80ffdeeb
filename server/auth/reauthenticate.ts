import type { Actor } from '@/server/authz/actor';
import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { verifyPassword } from './password';
import { isLocked, recordFailure, THROTTLE, throttleKeys } from './throttle';

/**
 * The signed-in user proves it is them again by re-entering their password
 * (a password change, a signature). Failures count against the same per-login
 * limit as sign-in, so re-entry cannot be used to guess a password.
 */
export async function reauthenticate(db: DbOrTx, actor: Actor, password: string, field: string): Promise<void> {
  const key = throttleKeys(actor.login, null).login;
  if (await isLocked(db, [key])) throw new DomainError('RATE_LIMITED', field);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(db, key, THROTTLE.perLogin);
    throw new DomainError('WRONG_PASSWORD', field);
  }
}
