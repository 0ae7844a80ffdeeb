import { describe, expect, test } from 'vitest';
import { signInWithPassword } from '@/server/auth/sign-in';
import { THROTTLE } from '@/server/auth/throttle';
import { db } from '@/server/db/client';
import { actorOf, callerFor, FACTORY_PASSWORD, makeUser } from '@/tests/factories';

const NEW = 'a brand new passphrase';

describe('a user changes their own password', () => {
  test('the new password signs in, the old does not, and every session ends (epoch moves on)', async () => {
    const user = await makeUser(db);
    const caller = callerFor(db, await actorOf(db, user.id));
    await caller.me.changePassword({ currentPassword: FACTORY_PASSWORD, newPassword: NEW, confirmPassword: NEW });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.sessionEpoch).toBe(user.sessionEpoch + 1);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, null)).toMatchObject({ ok: false });
    expect(await signInWithPassword(db, { login: user.login, password: NEW }, null)).toMatchObject({ ok: true, sessionEpoch: row.sessionEpoch });
  });

  test('a wrong current password changes nothing and is counted like a failed sign-in', async () => {
    const user = await makeUser(db);
    const caller = callerFor(db, await actorOf(db, user.id));
    for (let i = 0; i < THROTTLE.perLogin; i++) {
      await expect(caller.me.changePassword({ currentPassword: `guess ${i}`, newPassword: NEW, confirmPassword: NEW })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'WRONG_PASSWORD',
      });
    }
    // Locked now: even the right current password is refused until the lock runs out.
    await expect(caller.me.changePassword({ currentPassword: FACTORY_PASSWORD, newPassword: NEW, confirmPassword: NEW })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'RATE_LIMITED',
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toBe(user.passwordHash);
    expect(row.sessionEpoch).toBe(user.sessionEpoch);
  });

  test.each([
    ['a short new password', { newPassword: 'short', confirmPassword: 'short' }, 'newPassword', 'validation.passwordLength'],
    ['a confirmation that differs', { confirmPassword: 'something else entirely' }, 'confirmPassword', 'validation.passwordMismatch'],
    ['the same password again', { newPassword: FACTORY_PASSWORD, confirmPassword: FACTORY_PASSWORD }, 'newPassword', 'validation.passwordUnchanged'],
  ])('%s is refused on its field, and nothing changes', async (_label, patch, field, key) => {
    const user = await makeUser(db);
    const caller = callerFor(db, await actorOf(db, user.id));
    const error = await caller.me
      .changePassword(Object.assign({ currentPassword: FACTORY_PASSWORD, newPassword: NEW, confirmPassword: NEW }, patch))
      .catch((e: { code: string; cause: { issues: { path: string[]; message: string }[] } }) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    const issues = (error as { cause: { issues: { path: string[]; message: string }[] } }).cause.issues;
    expect(issues).toContainEqual(expect.objectContaining({ path: [field], message: key }));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });
});
