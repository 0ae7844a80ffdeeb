import { beforeAll, describe, expect, test } from 'vitest';
import { GET as buildingsRoute } from '@/app/api/buildings/route';
import { GET as trpcGet, POST as trpcPost } from '@/app/api/trpc/[trpc]/route';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { hashToken, TOKEN_PATTERN } from '@/server/tokens/service';
import { actorOf, callerFor, makeInspector, makeProject, makeUser, seat } from '@/tests/factories';

/** Contract 7 and 8 through the real route handlers: a bearer token acts as its user, nothing more. */

let member: Actor;
let admin: Actor;
let project: Awaited<ReturnType<typeof makeProject>>;

beforeAll(async () => {
  project = await makeProject(db, { buildings: 2 });
  await makeProject(db, { regionCode: '440305' }); // someone else's project
  const user = await makeUser(db);
  await seat(db, project.id, user.id, 'CONSTRUCTION');
  member = await actorOf(db, user.id);
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
});

const get = (path: string, token?: string) =>
  new Request(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('personal API tokens', () => {
  test('are bl_ + at least 32 URL-safe characters, shown once, stored only as a hash', async () => {
    const created = await callerFor(db, member).tokens.create({ name: '质监平台对接' });
    expect(created.token).toMatch(TOKEN_PATTERN);
    expect(created.token.length).toBeGreaterThanOrEqual(35);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    const listed = await callerFor(db, member).tokens.list();
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(9));
  });

  test('GET /api/buildings with a token lists exactly what its user may see; after revocation it is refused', async () => {
    const { token, id } = await callerFor(db, member).tokens.create({ name: 'script' });
    const res = await buildingsRoute(get('/api/buildings', token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; code: string; name: string; project: { id: string; name: string } }[];
    expect(body.map((b) => b.id).sort()).toEqual(project.buildings.map((b) => b.id).sort());
    expect(body[0]).toEqual({
      id: expect.any(String),
      code: expect.any(String),
      name: expect.any(String),
      project: { id: project.id, name: project.name },
    });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    await callerFor(db, member).tokens.revoke({ id });
    const after = await buildingsRoute(get('/api/buildings', token));
    expect(after.status).toBe(401);
  });

  test('a made-up or malformed token is refused, never treated as anonymous', async () => {
    for (const token of ['bl_' + 'x'.repeat(43), 'not-a-token', '']) {
      const res = await buildingsRoute(new Request('http://localhost/api/buildings', { headers: { authorization: `Bearer ${token}` } }));
      expect(res.status).toBe(401);
    }
  });

  test('a disabled user’s token stops working', async () => {
    const user = await makeUser(db);
    const { token } = await callerFor(db, await actorOf(db, user.id)).tokens.create({ name: 'x' });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await buildingsRoute(get('/api/buildings', token))).status).toBe(401);
  });

  test('an inspector token sees the jurisdiction, through the same route', async () => {
    const inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
    const { token } = await callerFor(db, inspector).tokens.create({ name: '质监站平台' });
    const body = (await (await buildingsRoute(get('/api/buildings', token))).json()) as { project: { id: string } }[];
    expect(new Set(body.map((b) => b.project.id))).toEqual(new Set([project.id]));
  });
});

describe('the tRPC HTTP handler with a token', () => {
  const call = async (procedure: string, token: string, input?: unknown) => {
    const res = await trpcPost(
      new Request(`http://localhost/api/trpc/${procedure}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ json: input }),
      }),
    );
    return { status: res.status, body: (await res.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } } };
  };

  test('acts with the user’s rights: an admin token creates, a member token is forbidden (403)', async () => {
    const adminToken = (await callerFor(db, admin).tokens.create({ name: 'admin script' })).token;
    const memberToken = (await callerFor(db, member).tokens.create({ name: 'member script' })).token;
    const input = { name: '令牌创建单位有限公司', creditCode: '91350100M000100Y43', kind: 'ENTERPRISE', regionCodes: [] };
    expect((await call('orgs.create', memberToken, input)).status).toBe(403);
    expect(await db.organization.count({ where: { creditCode: input.creditCode } })).toBe(0);
    expect((await call('orgs.create', adminToken, input)).status).toBe(200);
    expect(await db.organization.count({ where: { creditCode: input.creditCode } })).toBe(1);
  });

  test('a token cannot mint more tokens (a leaked token must not outlive its revocation)', async () => {
    const token = (await callerFor(db, member).tokens.create({ name: 'x' })).token;
    const before = await db.apiToken.count();
    const res = await call('tokens.create', token, { name: 'more' });
    expect(res.status).toBe(403);
    expect(res.body.error?.json.data.domainError).toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.apiToken.count()).toBe(before);
  });

  test('invalid input comes back as 400 with message keys per field', async () => {
    const token = (await callerFor(db, admin).tokens.create({ name: 'x' })).token;
    const res = await call('users.create', token, { login: 'a b', name: '', password: 'short', roles: [] });
    expect(res.status).toBe(400);
    expect(res.body.error?.json.data.fieldErrors).toMatchObject({
      login: ['validation.loginChars'],
      name: ['validation.required'],
      password: ['validation.passwordLength'],
    });
    expect(res.body.error?.json.data.stack ?? null).toBeNull(); // superjson sends undefined as null
  });

  test('a revoked token gets 401 from tRPC too', async () => {
    const { token, id } = await callerFor(db, member).tokens.create({ name: 'x' });
    await callerFor(db, member).tokens.revoke({ id });
    const res = await trpcGet(new Request('http://localhost/api/trpc/me.get', { headers: { authorization: `Bearer ${token}` } }));
    expect(res.status).toBe(401);
  });
});
