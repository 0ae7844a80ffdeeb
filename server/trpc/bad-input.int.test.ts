import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { actorOf, callerFor, makeOrganization, makeUser } from '@/tests/factories';

/** Malformed input is refused with a field-level message key, and nothing is written. */

let admin: Actor;
beforeAll(async () => {
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
});

async function counts() {
  const [organizations, users, memberships, roles, tokens] = await Promise.all([
    db.organization.count(),
    db.user.count(),
    db.membership.count(),
    db.userRole.count(),
    db.apiToken.count(),
  ]);
  return { organizations, users, memberships, roles, tokens };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause: unknown };
}

/** The field errors as the HTTP formatter sends them. */
async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await refusal(promise);
  expect(error.code).toBe('BAD_REQUEST');
  const { ZodError } = await import('zod');
  expect(error.cause).toBeInstanceOf(ZodError);
  const out: Record<string, string[]> = {};
  for (const issue of (error.cause as InstanceType<typeof ZodError>).issues) (out[issue.path.join('.') || 'root'] ??= []).push(issue.message);
  return out;
}

describe('orgs.create', () => {
  const valid = { name: '福州测试建设有限公司', creditCode: '91350100M000100Y43', kind: 'ENTERPRISE' as const, regionCodes: [] };
  test.each([
    ['a credit code with a wrong check digit', { creditCode: '91350100M000100Y44' }, 'creditCode', 'validation.creditCodeChecksum'],
    ['a credit code of the wrong length', { creditCode: '9135010' }, 'creditCode', 'validation.creditCodeLength'],
    ['an empty name', { name: ' ' }, 'name', 'validation.required'],
    ['a 质监站 without jurisdiction', { kind: 'QUALITY_AGENCY', regionCodes: [] }, 'regionCodes', 'validation.agencyNeedsRegion'],
    ['a region code that is not 6 digits', { kind: 'QUALITY_AGENCY', regionCodes: ['3501'] }, 'regionCodes.0', 'validation.regionCode'],
  ])('%s', async (_label, patch, field, key) => {
    const before = await counts();
    const errors = await fieldErrorsOf(callerFor(db, admin).orgs.create({ ...valid, ...patch } as never));
    expect(errors[field]).toContain(key);
    expect(await counts()).toEqual(before);
  });

  test('a wrong type of value', async () => {
    const before = await counts();
    await fieldErrorsOf(callerFor(db, admin).orgs.create({ ...valid, kind: 'GOVERNMENT' } as never));
    expect(await counts()).toEqual(before);
  });
});

describe('users.create', () => {
  let enterpriseId: string;
  beforeAll(async () => {
    enterpriseId = (await makeOrganization(db)).id;
  });
  const valid = { login: 'zhang.san', name: '张三', password: 'a-long-enough-password', roles: [] as ('ADMIN' | 'INSPECTOR' | 'HOMEOWNER')[] };
  test.each([
    ['a short password', { password: 'short' }, 'password', 'validation.passwordLength'],
    ['a login with spaces', { login: 'zhang san' }, 'login', 'validation.loginChars'],
    ['a phone that is not a mainland mobile', { phone: '12345' }, 'phone', 'validation.phone'],
    ['an INSPECTOR without a 质监站', { roles: ['INSPECTOR'] }, 'organizationId', 'validation.inspectorNeedsAgency'],
    ['an unknown role', { roles: ['ROOT'] }, 'roles.0', undefined],
  ])('%s', async (_label, patch, field, key) => {
    const before = await counts();
    const errors = await fieldErrorsOf(callerFor(db, admin).users.create({ ...valid, ...patch } as never));
    expect(errors[field]).toBeDefined();
    if (key) expect(errors[field]).toContain(key);
    expect(await counts()).toEqual(before);
  });

  test('an INSPECTOR placed in an ordinary company (not a 质监站) is refused on that field', async () => {
    const before = await counts();
    const error = await refusal(callerFor(db, admin).users.create({ ...valid, roles: ['INSPECTOR'], organizationId: enterpriseId }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'INSPECTOR_NEEDS_AGENCY' });
    expect(await counts()).toEqual(before);
  });

  test('a login already taken is refused on the login field', async () => {
    const existing = await makeUser(db);
    const before = await counts();
    const error = await refusal(callerFor(db, admin).users.create({ ...valid, login: existing.login }));
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'LOGIN_TAKEN' });
    expect(await counts()).toEqual(before);
  });
});

describe('tokens', () => {
  test('create needs a name; revoke needs a uuid', async () => {
    const before = await counts();
    expect((await fieldErrorsOf(callerFor(db, admin).tokens.create({ name: '' }))).name).toContain('validation.required');
    expect((await fieldErrorsOf(callerFor(db, admin).tokens.create({ name: 'x'.repeat(61) }))).name).toContain('validation.tooLong');
    await fieldErrorsOf(callerFor(db, admin).tokens.revoke({ id: 'not-a-uuid' }));
    expect(await counts()).toEqual(before);
  });
});
