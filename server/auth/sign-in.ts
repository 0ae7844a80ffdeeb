import type { DbOrTx } from '@/server/db/client';
import { signInInput } from './schemas';
import { burnPasswordCheck, verifyPassword } from './password';
import { clearFailures, isLocked, recordFailure, THROTTLE, throttleKeys } from './throttle';

export type SignInResult =
  | { ok: true; userId: string; sessionEpoch: number }
  | { ok: false; reason: 'invalid_credentials' | 'rate_limited' };

/**
 * Checks a login and password, counting failures per login and per client
 * address. A locked key is refused before the password is even checked, so a
 * guesser learns nothing while it lasts.
 */
export async function signInWithPassword(db: DbOrTx, raw: unknown, address: string | null): Promise<SignInResult> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid_credentials' };
  const { login, password } = parsed.data;
  const keys = throttleKeys(login, address);
  if (await isLocked(db, [keys.login, ...(keys.address ? [keys.address] : [])])) {
    return { ok: false, reason: 'rate_limited' };
  }
  const user = await db.user.findUnique({
    where: { login },
    select: { id: true, passwordHash: true, disabledAt: true, sessionEpoch: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || user.disabledAt) {
    await recordFailure(db, keys.login, THROTTLE.perLogin);
    if (keys.address) await recordFailure(db, keys.address, THROTTLE.perAddress);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await clearFailures(db, keys.login);
  return { ok: true, userId: user.id, sessionEpoch: user.sessionEpoch };
}

/** The client address as the nearest proxy reports it, else null (then only the per-login count applies). */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || null;
}
