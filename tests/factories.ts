import { randomBytes, randomUUID } from 'node:crypto';
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

/**
 * Headers that make a route handler see this actor: a fresh API token of theirs (no session
 * cookie exists outside a request; a token of nobody's is how anonymity looks here).
 */
export async function bearerOf(db: Db, actor: Actor | null): Promise<Record<string, string>> {
  if (!actor) return { authorization: `Bearer bl_${'n'.repeat(43)}` };
  const { token } = await callerFor(db, { ...actor, via: 'session' }).tokens.create({ name: 'route test' });
  return { authorization: `Bearer ${token}` };
}

/**
 * A project whose five leaders have signed their pledges (through the signing service) and
 * attached the originals, so its building's pledge gate is open; with a 质检员 of the 施工单位
 * and a 专业监理工程师. Everyone's password is FACTORY_PASSWORD.
 */
export async function makeSignedProject(db: Db, opts: { regionCode?: string } = {}) {
  const { signPledges, attachOriginal } = await import('@/server/pledges/service');
  const { storeFile } = await import('@/server/storage');
  const { PARTY_ROLES } = await import('@/server/authz/roles');
  const project = await makeProject(db, { regionCode: opts.regionCode ?? '350104', buildings: 1 });
  const leaders = {} as Record<PartyRole, Actor>;
  const orgs = {} as Record<PartyRole, string>;
  for (const [i, role] of PARTY_ROLES.entries()) {
    const org = await makeOrganization(db);
    await db.organization.update({ where: { id: org.id }, data: { legalRepresentative: `法人${i}` } });
    orgs[role] = org.id;
    await db.projectParty.create({ data: { projectId: project.id, role, organizationId: org.id } });
    const user = await makeUser(db, { organizationId: org.id });
    await db.projectMember.create({
      data: { projectId: project.id, role, userId: user.id, isLeader: true, idNumber: '11010519491231002X', qualificationType: '一级注册建造师', qualificationNo: `闽135060${i}001` },
    });
    leaders[role] = await actorOf(db, user.id);
    await signPledges(db, leaders[role], { projectId: project.id, role, password: FACTORY_PASSWORD });
    const scan = await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 original ${role} ${tag()}`), mediaType: 'application/pdf' });
    await attachOriginal(db, leaders[role], { projectId: project.id, role, fileSha256: scan.sha256 });
  }
  const staffOf = async (role: PartyRole, title: string) => {
    const user = await makeUser(db, { organizationId: orgs[role] });
    await db.projectMember.create({ data: { projectId: project.id, role, userId: user.id, title } });
    return actorOf(db, user.id);
  };
  return {
    project,
    building: project.buildings[0]!,
    leaders,
    orgs,
    qc: await staffOf('CONSTRUCTION', '项目专业质量检查员'),
    engineer: await staffOf('SUPERVISION', '专业监理工程师'),
  };
}

/** A batch of rebar at 进场验收, as the 施工单位 records it; `certificate` is a stored file's SHA-256. */
export function receiptInput(buildingId: string, certificate: string, batchNo: string) {
  return {
    buildingId,
    kind: 'REBAR' as const,
    name: '热轧带肋钢筋',
    specification: 'HRB400E Φ25',
    batchNo,
    quantity: 32.5,
    unit: 't',
    supplier: '三钢闽光',
    receivedOn: '2026-11-23',
    certificates: [certificate],
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  };
}

/**
 * A passing 检验批 self-check of rebar whose deviations are `measured` (what the desk's
 * identical-readings signal reads), signed with the factory password.
 */
export function rebarSelfCheck(lotId: string, measured: number[], photoIds: string[] = []) {
  return {
    lotId,
    items: [
      { kind: 'MAIN' as const, requirement: '受力钢筋品种', minSample: 5, sampled: 5, passed: 5 },
      { kind: 'GENERAL' as const, requirement: '钢筋间距 ±10 mm', minSample: 5, sampled: measured.length, passed: measured.length, measured },
    ],
    constructionBasis: '施工方案',
    acceptanceBasis: 'GB 50204-2015',
    photoIds,
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  };
}
