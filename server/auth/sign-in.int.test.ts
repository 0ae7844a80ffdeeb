import { describe, expect, test } from 'vitest';
import { db } from '@/server/db/client';
import { FACTORY_PASSWORD, makeUser } from '@/tests/factories';
import { hashPassword } from './password';
import { signInWithPassword } from './sign-in';
import { THROTTLE } from './throttle';

describe('sign-in with account and password', () => {
  test('the right password signs in; the stored hash is argon2id, never the password', async () => {
    const user = await makeUser(db);
    const result = await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, '10.0.0.1');
    expect(result).toEqual({ ok: true, userId: user.id, sessionEpoch: 0 });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(FACTORY_PASSWORD);
  });

  test('a wrong password, an unknown login and a disabled user all get the same answer', async () => {
    const user = await makeUser(db);
    const disabled = await makeUser(db, { disabled: true });
    for (const attempt of [
      { login: user.login, password: 'wrong password' },
      { login: 'nobody-' + user.login, password: FACTORY_PASSWORD },
      { login: disabled.login, password: FACTORY_PASSWORD },
      { login: '', password: '' },
    ]) {
      expect(await signInWithPassword(db, attempt, null)).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
  });

  test(`after ${THROTTLE.perLogin} failures the login is locked, even for the right password`, async () => {
    const user = await makeUser(db);
    for (let i = 0; i < THROTTLE.perLogin; i++) {
      expect(await signInWithPassword(db, { login: user.login, password: `guess ${i}` }, `10.1.0.${i}`)).toMatchObject({ reason: 'invalid_credentials' });
    }
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, '10.2.0.1')).toEqual({ ok: false, reason: 'rate_limited' });
    // Logins are matched case-insensitively for the count, so changing case does not reset it.
    expect(await signInWithPassword(db, { login: user.login.toUpperCase(), password: 'x' }, '10.2.0.2')).toEqual({ ok: false, reason: 'rate_limited' });

    // When the lock has run out, the right password works again and clears the count.
    await db.loginThrottle.update({ where: { key: `login:${user.login}` }, data: { lockedUntil: new Date(Date.now() - 1000), windowStart: new Date(Date.now() - THROTTLE.windowMs - 1000) } });
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, '10.2.0.3')).toMatchObject({ ok: true });
    expect(await db.loginThrottle.findUnique({ where: { key: `login:${user.login}` } })).toBeNull();
  });

  test('failures below the limit do not lock, and concurrent failures are all counted', async () => {
    const user = await makeUser(db);
    await Promise.all(
      Array.from({ length: THROTTLE.perLogin - 1 }, (_, i) => signInWithPassword(db, { login: user.login, password: `bad ${i}` }, null)),
    );
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `login:${user.login}` } });
    expect(row.failures).toBe(THROTTLE.perLogin - 1);
    expect(row.lockedUntil).toBeNull();
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, null)).toMatchObject({ ok: true });
  });

  test(`one address guessing many logins is locked after ${THROTTLE.perAddress} failures`, async () => {
    const victim = await makeUser(db);
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      await signInWithPassword(db, { login: `spray-${i}`, password: 'Password1' }, '203.0.113.9');
    }
    expect(await signInWithPassword(db, { login: victim.login, password: FACTORY_PASSWORD }, '203.0.113.9')).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await signInWithPassword(db, { login: victim.login, password: FACTORY_PASSWORD }, '198.51.100.1')).toMatchObject({ ok: true });
  });

  test('password hashes are salted: the same password never hashes the same twice', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });
});
