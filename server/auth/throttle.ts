import type { DbOrTx } from '@/server/db/client';

/**
 * Failed sign-ins are counted per login and per client address in the
 * database (so every app instance sees them). Past the limit within the
 * window the key is locked for `lockMs`, whether the next password is right or not.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perLogin: 5,
  perAddress: 30,
} as const;

export const throttleKeys = (login: string, address: string | null) => ({
  login: `login:${login.toLowerCase()}`,
  address: address ? `ip:${address}` : null,
});

export async function isLocked(db: DbOrTx, keys: string[]): Promise<boolean> {
  const locked = await db.loginThrottle.count({ where: { key: { in: keys }, lockedUntil: { gt: new Date() } } });
  return locked > 0;
}

export async function recordFailure(db: DbOrTx, key: string, limit: number): Promise<void> {
  const window = `${THROTTLE.windowMs} milliseconds`;
  const lock = `${THROTTLE.lockMs} milliseconds`;
  // One statement, so concurrent failures cannot lose a count. Times are UTC
  // without zone, as Prisma stores DateTime.
  await db.$executeRaw`
    WITH clock AS (SELECT (now() AT TIME ZONE 'UTC') AS now)
    INSERT INTO "LoginThrottle" AS t ("key", "failures", "windowStart", "lockedUntil")
    SELECT ${key}, 1, clock.now, CASE WHEN 1 >= ${limit} THEN clock.now + ${lock}::interval END FROM clock
    ON CONFLICT ("key") DO UPDATE SET
      "failures"    = CASE WHEN t."windowStart" < (SELECT now FROM clock) - ${window}::interval THEN 1 ELSE t."failures" + 1 END,
      "windowStart" = CASE WHEN t."windowStart" < (SELECT now FROM clock) - ${window}::interval THEN (SELECT now FROM clock) ELSE t."windowStart" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN t."windowStart" < (SELECT now FROM clock) - ${window}::interval THEN 1 ELSE t."failures" + 1 END) >= ${limit}
        THEN (SELECT now FROM clock) + ${lock}::interval
        ELSE t."lockedUntil" END`;
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
