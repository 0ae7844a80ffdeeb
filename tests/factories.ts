import { randomBytes } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { loadActor } from '@/server/authz/actor';
import type { GlobalRole, PartyRole } from '@/server/authz/roles';
import type { Db } from '@/server/db/client';
import { creditCodeCheckChar } from '@/server/orgs/credit-code';
import { createCaller } from '@/server/trpc/root';

/** Small factories for integration tests: each makes just what it names, with unique keys. */

const tag = () => randomBytes(4).toString('hex');

/** A fixed, already-hashed password (argon2id of "correct horse battery staple") keeps factories fast. */
export const FACTORY_PASSWORD = 'correct horse battery staple';
let factoryHash: Promise<string> | undefined;
async function passwordHash() {
  const { hashPassword } = await import('@/server/auth/password');
  factoryHash ??= hashPassword(FACTORY_PASSWORD);
  return factoryHash;
}

export function validCreditCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const org = Array.from(randomBytes(9), (b) => charset[b % charset.length]).join('');
  const first17 = `91350104${org}`;
  return first17 + creditCodeCheckChar(first17);
}

export async function makeOrganization(db: Db, data: { kind?: 'ENTERPRISE' | 'QUALITY_AGENCY'; regionCodes?: string[] } = {}) {
  return db.organization.create({
    data: { name: `测试单位 ${tag()}`, creditCode: validCreditCode(), kind: data.kind ?? 'ENTERPRISE', regionCodes: data.regionCodes ?? [] },
  });
}

export async function makeUser(db: Db, opts: { roles?: GlobalRole[]; organizationId?: string; login?: string; disabled?: boolean } = {}) {
  return db.user.create({
    data: {
      login: opts.login ?? `user-${tag()}`,
      name: `用户${tag()}`,
      passwordHash: await passwordHash(),
      disabledAt: opts.disabled ? new Date() : null,
      roles: opts.roles?.length ? { create: opts.roles.map((role) => ({ role })) } : undefined,
      memberships: opts.organizationId ? { create: { organizationId: opts.organizationId } } : undefined,
    },
  });
}

export async function makeInspector(db: Db, regionCodes: string[]) {
  const agency = await makeOrganization(db, { kind: 'QUALITY_AGENCY', regionCodes });
  return makeUser(db, { roles: ['INSPECTOR'], organizationId: agency.id });
}

export async function makeProject(db: Db, opts: { regionCode?: string; buildings?: number } = {}) {
  const t = tag();
  return db.project.create({
    data: {
      code: `P-${t}`,
      name: `测试项目 ${t}`,
      address: '福州市仓山区',
      regionCode: opts.regionCode ?? '350104',
      buildings: { create: Array.from({ length: opts.buildings ?? 1 }, (_, i) => ({ code: `B-${t}-${i + 1}`, name: `${i + 1}#楼` })) },
    },
    include: { buildings: true },
  });
}

export async function seat(db: Db, projectId: string, userId: string, role: PartyRole, opts: { leader?: boolean; ended?: boolean } = {}) {
  return db.projectMember.create({
    data: { projectId, userId, role, isLeader: opts.leader ?? false, endedAt: opts.ended ? new Date() : null },
  });
}

export async function ownUnit(db: Db, buildingId: string, userId: string) {
  const unit = await db.unit.create({ data: { buildingId, number: `U-${tag()}` } });
  await db.unitOwner.create({ data: { unitId: unit.id, userId } });
  return unit;
}

export async function actorOf(db: Db, userId: string, via: Actor['via'] = 'session'): Promise<Actor> {
  const actor = await loadActor(db, userId, via);
  if (!actor) throw new Error('user cannot act');
  return actor;
}

/** The real router, called as this actor (or anonymously). */
export function callerFor(db: Db, actor: Actor | null) {
  return createCaller({ db, actor });
}
