import { beforeAll, describe, expect, test } from 'vitest';
import { GET as buildingsRoute } from '@/app/api/buildings/route';
import type { Actor } from '@/server/authz/actor';
import { loadActor } from '@/server/authz/actor';
import { signInWithPassword } from '@/server/auth/sign-in';
import { db } from '@/server/db/client';
import { actorOf, callerFor, FACTORY_PASSWORD, makeUser } from '@/tests/factories';

let admin: Actor;
beforeAll(async () => {
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
});

describe('an admin disables an account', () => {
  test('its sessions end (epoch moves on), its tokens stop, it cannot sign in; enabling restores sign-in', async () => {
    const user = await makeUser(db);
    const { token } = await callerFor(db, await actorOf(db, user.id)).tokens.create({ name: 'x' });
    const bearer = () => buildingsRoute(new Request('http://localhost/api/buildings', { headers: { authorization: `Bearer ${token}` } }));
    expect((await bearer()).status).toBe(200);

    await callerFor(db, admin).users.setDisabled({ userId: user.id, disabled: true });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.disabledAt).not.toBeNull();
    expect(row.sessionEpoch).toBe(user.sessionEpoch + 1);
    expect(await loadActor(db, user.id, 'session')).toBeNull();
    expect((await bearer()).status).toBe(401);
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, null)).toMatchObject({ ok: false });
    expect((await callerFor(db, admin).users.list()).find((u) => u.id === user.id)?.disabled).toBe(true);

    await callerFor(db, admin).users.setDisabled({ userId: user.id, disabled: false });
    expect(await signInWithPassword(db, { login: user.login, password: FACTORY_PASSWORD }, null)).toMatchObject({ ok: true });
    // Its old tokens work again: they were never revoked, only their user was stopped.
    expect((await bearer()).status).toBe(200);
  });

  test('an admin cannot disable themselves, and nothing changes', async () => {
    const error = await callerFor(db, admin).users.setDisabled({ userId: admin.userId, disabled: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'CANNOT_DISABLE_SELF' });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).disabledAt).toBeNull();
  });

  test('an unknown user is NOT_FOUND; a malformed id is BAD_REQUEST', async () => {
    await expect(callerFor(db, admin).users.setDisabled({ userId: '00000000-0000-4000-8000-000000000000', disabled: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(db, admin).users.setDisabled({ userId: 'nope', disabled: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
