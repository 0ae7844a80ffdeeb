import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import type { DomainErrorCode } from '@/server/errors';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { requiredSignatories } from '@/server/milestones/signatories';
import { storeFile } from '@/server/storage';
import {
  actorOf,
  callerFor,
  makeInspector,
  makeOrganization,
  makeProject,
  makeUser,
  ownUnit,
  seat,
  validCreditCode,
} from '@/tests/factories';

/**
 * Every procedure so far × every kind of actor, including the ones that must
 * be refused; a refusal must leave the database exactly as it was.
 */

type Caller = ReturnType<typeof callerFor>;
type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN';

const ACTORS = ['anonymous', 'admin', 'adminViaToken', 'inspector', 'foreignInspector', 'homeowner', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'noRole', 'memberViaToken'] as const;
type ActorName = (typeof ACTORS)[number];

const actors = {} as Record<ActorName, Actor | null>;
let revocableTokenOf: (actor: Actor) => Promise<string>;
let projectId: string;
let buildingId: string;
let lotId: string;
let recordId: string;
let concealedWorkId: string;
let sideStationId: string;
let receiptId: string;
let sampleId: string;
let reportSha256: string;
let photoId: string;
/** An inspector's active 局部暂停施工 of the second building (the first stays open for the lot rows) */
let suspensionId: string;
let noticeId: string;
let openItemId: string;
let responseId: string;
/** An open 竣工验收 of the first building, for the sign row */
let milestoneId: string;
/** The homeowner's unit of the first building, and a claim of it */
let unitId: string;
let claimId: string;
const orgs = {} as Record<'owner' | 'design' | 'construction', string>;
/** A person who works for `organizationId` and holds no seat yet. */
const newMember = async (organizationId: string) => (await makeUser(db, { organizationId })).id;
const LEADER_DETAILS = { idNumber: '11010519491231002X', qualificationType: '一级注册建造师', qualificationNo: '闽1350608001' };

beforeAll(async () => {
  const project = await makeProject(db, { regionCode: '350104', buildings: 2 });
  projectId = project.id;
  buildingId = project.buildings[0]!.id;
  for (const key of ['owner', 'design', 'construction'] as const) {
    const org = await makeOrganization(db);
    orgs[key] = (await db.organization.update({ where: { id: org.id }, data: { legalRepresentative: '林国栋' } })).id;
  }
  await db.projectParty.createMany({
    data: [
      { projectId, role: 'OWNER', organizationId: orgs.owner },
      { projectId, role: 'DESIGN', organizationId: orgs.design },
      { projectId, role: 'CONSTRUCTION', organizationId: orgs.construction },
    ],
  });
  const admin = await makeUser(db, { roles: ['ADMIN'] });
  const inspector = await makeInspector(db, ['350100']);
  // A 质监站 of another city: sees nothing of this project
  const foreignInspector = await makeInspector(db, ['350200']);
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, project.buildings[0]!.id, homeowner.id);
  const ownerLeader = await makeUser(db, { organizationId: orgs.owner });
  const ownerSeat = await seat(db, project.id, ownerLeader.id, 'OWNER', { leader: true });
  await db.projectMember.update({ where: { id: ownerSeat.id }, data: LEADER_DETAILS });
  const staff = await makeUser(db);
  await seat(db, project.id, staff.id, 'CONSTRUCTION');
  const engineer = await makeUser(db);
  await seat(db, project.id, engineer.id, 'SUPERVISION');
  lotId = (
    await db.inspectionLot.create({
      data: { buildingId, subdivisionCode: '0201', itemCode: '020102', itemName: '钢筋', name: '1F 钢筋', location: '1 层', capacity: 20, capacityUnit: 't', createdById: staff.id },
    })
  ).id;
  recordId = (
    await db.inspectionRecord.create({
      data: { lotId, buildingId, content: '{}', contentSha256: '0'.repeat(64), verdict: 'PASS', submittedById: staff.id, submittedAt: new Date() },
    })
  ).id;
  concealedWorkId = (
    await db.concealedWork.create({
      data: { buildingId, lotId, location: '1 层', description: '钢筋隐蔽', references: '', notifiedAt: new Date(), content: '{}', contentSha256: '0'.repeat(64), createdById: staff.id },
    })
  ).id;
  sideStationId = (
    await db.sideStationRecord.create({
      data: { buildingId, lotId, process: '混凝土浇筑', location: '1 层', startedAt: new Date(), endedAt: new Date(), observations: '—', problems: '', actions: '', content: '{}', contentSha256: '0'.repeat(64), recordedById: engineer.id, recordedAt: new Date() },
    })
  ).id;
  receiptId = (
    await db.materialReceipt.create({
      data: { buildingId, kind: 'REBAR', name: '钢筋', specification: 'HRB400', batchNo: 'B1', quantity: '1', unit: 't', supplier: 's', receivedOn: new Date('2026-11-20'), certificates: [], content: '{}', contentSha256: '0'.repeat(64), recordedById: staff.id, recordedAt: new Date() },
    })
  ).id;
  sampleId = (
    await db.witnessSample.create({
      data: { buildingId, kind: 'REBAR', sampleNo: 'M-1', location: '1 层', sampledAt: new Date(), samplerId: staff.id, lab: '检测中心', content: '{}', contentSha256: '0'.repeat(64) },
    })
  ).id;
  reportSha256 = (await storeFile(db, { bytes: Buffer.from('%PDF-1.7 matrix report'), mediaType: 'application/pdf' })).sha256;
  suspensionId = (
    await db.suspension.create({
      data: { buildingId: project.buildings[1]!.id, issuer: 'INSPECTOR', wholeBuilding: true, scopeCodes: [], reason: '—', basis: '—', content: '{"issuedBy":{"name":"m","title":"m"}}', contentSha256: '0'.repeat(64), issuedById: inspector.id, issuedAt: new Date() },
    })
  ).id;
  const former = await makeUser(db);
  await seat(db, project.id, former.id, 'SUPERVISION', { leader: true, ended: true });
  const noRole = await makeUser(db);

  Object.assign(actors, {
    anonymous: null,
    admin: await actorOf(db, admin.id),
    adminViaToken: await actorOf(db, admin.id, 'token'),
    inspector: await actorOf(db, inspector.id),
    foreignInspector: await actorOf(db, foreignInspector.id),
    homeowner: await actorOf(db, homeowner.id),
    ownerLeader: await actorOf(db, ownerLeader.id),
    constructionStaff: await actorOf(db, staff.id),
    supervisionEngineer: await actorOf(db, engineer.id),
    formerSupervisor: await actorOf(db, former.id),
    noRole: await actorOf(db, noRole.id),
    memberViaToken: await actorOf(db, staff.id, 'token'),
  } satisfies Record<ActorName, Actor | null>);
  photoId = (await uploadPhoto(db, actors.supervisionEngineer!, { buildingId, bytes: await samplePhoto(7) })).id;
  // A 整改通知单 to the 建设单位: one item answered (awaiting the inspector), one still open.
  const notice = await db.rectificationNotice.create({
    data: {
      buildingId, number: '整改-2026-001', partyRole: 'OWNER', basis: '条例 第四十八条', issuedOn: new Date('2026-11-28'), deadline: new Date('2026-12-31'), content: '{"agency":{"name":"质监站"},"party":{"role":"OWNER","organization":"建设单位"},"inspector":{"name":"监督员","title":"质量监督员"}}', contentSha256: '0'.repeat(64), inspectorId: inspector.id, agencyId: inspector.id, recordedAt: new Date(),
      items: { create: [1, 2].map((position) => ({ position, finding: '问题', basis: '依据', requiredAction: '整改' })) },
    },
    include: { items: { orderBy: { position: 'asc' } } },
  });
  noticeId = notice.id;
  openItemId = notice.items[1]!.id;
  responseId = (
    await db.rectificationResponse.create({
      data: { itemId: notice.items[0]!.id, buildingId, actionTaken: '已整改', partyRole: 'OWNER', content: '{}', contentSha256: '0'.repeat(64), respondedById: ownerLeader.id, respondedAt: new Date() },
    })
  ).id;

  milestoneId = (
    await db.milestone.create({
      data: { buildingId, kind: 'COMPLETION', heldOn: new Date('2026-12-01'), required: requiredSignatories('COMPLETION') as object[], content: '{}', contentSha256: '0'.repeat(64), openedById: ownerLeader.id, openedAt: new Date() },
    })
  ).id;

  unitId = (await db.unit.findFirstOrThrow({ where: { buildingId, owners: { some: { userId: homeowner.id } } } })).id;
  claimId = (
    await db.warrantyClaim.create({
      data: { buildingId, unitId, category: 'WATERPROOFING', location: '主卫', description: '渗水', emergency: false, filedOn: new Date('2026-12-01'), inWarranty: true, content: '{}', contentSha256: '0'.repeat(64), filedById: homeowner.id, filedAt: new Date() },
    })
  ).id;

  revocableTokenOf = async (actor) => {
    const row = await db.apiToken.create({ data: { userId: actor.userId, name: 'm', tokenHash: validCreditCode() + Math.random(), prefix: 'bl_x' } });
    return row.id;
  };
});

/** Row counts of every table: a refused call must not change any of them. */
async function snapshot() {
  const tables = [
    'organization', 'user', 'userRole', 'membership', 'project', 'building', 'projectParty', 'projectMember', 'unit', 'unitOwner', 'apiToken', 'ledgerEvent',
    'storedFile', 'signingKey', 'pledgeDocument', 'legalRepOriginal', 'signature', 'leaderChange', 'inspectionLot', 'lotDependency', 'inspectionRecord', 'inspectionReview',
    'photo', 'recordPhoto', 'concealedWork', 'concealedAcceptance', 'sideStationRecord', 'sideStationConfirmation',
    'materialReceipt', 'materialApproval', 'witnessSample', 'sampleResult', 'supervisionInspection',
    'suspension', 'resumeOrder',
    'rectificationNotice', 'rectificationItem', 'rectificationResponse', 'rectificationVerification',
    'milestone', 'milestoneSignoff', 'completionDocument', 'completionFiling', 'supervisionReport',
    'unitInvitation', 'warrantyClaim', 'warrantyClaimStep',
    'chainState', 'chainCheckRun', 'chainAlert',
  ] as const;
  const counts = await Promise.all(tables.map((t) => (db[t] as unknown as { count(): Promise<number> }).count()));
  const revoked = await db.apiToken.count({ where: { revokedAt: { not: null } } });
  const endedSeats = await db.projectMember.count({ where: { endedAt: { not: null } } });
  const registered = await db.building.count({ where: { supervisionRegisteredAt: { not: null } } });
  return { ...Object.fromEntries(tables.map((t, i) => [t, counts[i]])), revoked, endedSeats, registered };
}

interface Case {
  procedure: string;
  /** Rows the call needs (made before the snapshot), e.g. a token to revoke. */
  prepare?: (actor: Actor | null) => Promise<string>;
  call: (caller: Caller, prepared: string) => Promise<unknown>;
  expect: Record<ActorName, Outcome>;
  /** 'ok' means: allowed through, then refused by this rule of the service (e.g. the password check). */
  allowedThen?: DomainErrorCode;
}

const everyoneSignedIn = (except: Partial<Record<ActorName, Outcome>> = {}): Record<ActorName, Outcome> => ({
  ...(Object.fromEntries(ACTORS.map((a) => [a, 'ok'])) as Record<ActorName, Outcome>),
  anonymous: 'UNAUTHORIZED',
  ...except,
});
const adminOnly = everyoneSignedIn(
  Object.fromEntries(ACTORS.filter((a) => a !== 'admin' && a !== 'adminViaToken' && a !== 'anonymous').map((a) => [a, 'FORBIDDEN'])),
);
const sessionOnly = everyoneSignedIn({ adminViaToken: 'FORBIDDEN', memberViaToken: 'FORBIDDEN' });
/** Only these actors; every other signed-in one is FORBIDDEN. */
const only = (...allowed: ActorName[]) =>
  everyoneSignedIn(Object.fromEntries(ACTORS.filter((a) => a !== 'anonymous' && !allowed.includes(a)).map((a) => [a, 'FORBIDDEN'])));
/** project.view / pledge.read: ADMIN, every seat (past ones too), the inspector of the region. */
const projectReaders = only('admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken');
/** project.manage: ADMIN and the 建设单位's current seats. */
const projectManagers = only('admin', 'adminViaToken', 'ownerLeader');
/** party.staff for the 施工单位: the managers, and the 施工单位's own seats. */
const constructionStaffers = only('admin', 'adminViaToken', 'ownerLeader', 'constructionStaff', 'memberViaToken');

/** A current 施工单位 leader (made if there is none); returns the seat. */
async function currentConstructionLeader() {
  const current = await db.projectMember.findFirst({ where: { projectId, role: 'CONSTRUCTION', isLeader: true, endedAt: null } });
  if (current) return current;
  return db.projectMember.create({ data: { projectId, role: 'CONSTRUCTION', userId: await newMember(orgs.construction), isLeader: true, ...LEADER_DETAILS } });
}

const CASES: Case[] = [
  { procedure: 'me.get', call: (c) => c.me.get(), expect: everyoneSignedIn() },
  {
    procedure: 'me.changePassword (wrong current password)',
    call: (c) => c.me.changePassword({ currentPassword: 'not the password', newPassword: 'a-new-long-password', confirmPassword: 'a-new-long-password' }),
    // Signed-in session users reach the password check (BAD_REQUEST, tested apart); tokens may not try.
    expect: everyoneSignedIn({ adminViaToken: 'FORBIDDEN', memberViaToken: 'FORBIDDEN' }),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'projects.list', call: (c) => c.projects.list(), expect: everyoneSignedIn() },
  { procedure: 'orgs.list', call: (c) => c.orgs.list(), expect: adminOnly },
  {
    procedure: 'orgs.create',
    call: (c) => c.orgs.create({ name: '新单位有限公司', creditCode: validCreditCode(), kind: 'ENTERPRISE', regionCodes: [] }),
    expect: adminOnly,
  },
  {
    procedure: 'orgs.setLegalRepresentative',
    prepare: async () => (await makeOrganization(db)).id,
    call: (c, organizationId) => c.orgs.setLegalRepresentative({ organizationId, legalRepresentative: '林国栋' }),
    expect: adminOnly,
  },
  { procedure: 'users.list', call: (c) => c.users.list(), expect: adminOnly },
  {
    procedure: 'users.create',
    call: (c) => c.users.create({ login: `new-${Math.random().toString(36).slice(2, 10)}`, name: '新用户', password: 'a-long-password', roles: [] }),
    expect: adminOnly,
  },
  {
    procedure: 'users.setDisabled',
    prepare: async () => (await makeUser(db)).id,
    call: (c, userId) => c.users.setDisabled({ userId, disabled: true }),
    expect: adminOnly,
  },
  { procedure: 'tokens.list', call: (c) => c.tokens.list(), expect: everyoneSignedIn() },
  { procedure: 'tokens.create', call: (c) => c.tokens.create({ name: '脚本' }), expect: sessionOnly },
  {
    procedure: 'tokens.revoke (own token)',
    prepare: async (actor) => (actor ? revocableTokenOf(actor) : '00000000-0000-4000-8000-000000000000'),
    call: (c, id) => c.tokens.revoke({ id }),
    expect: sessionOnly,
  },
  { procedure: 'projects.get', call: (c) => c.projects.get({ projectId }), expect: projectReaders },
  {
    procedure: 'projects.building',
    call: (c) => c.projects.building({ buildingId }),
    expect: only('admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken', 'homeowner'),
  },
  {
    procedure: 'projects.create (as the 建设单位 of the owner organization)',
    prepare: async () => `M-${Math.random().toString(36).slice(2, 10)}`,
    call: (c, code) => c.projects.create({ name: '矩阵项目', code, address: '福州市仓山区', regionCode: '350104', ownerOrganizationId: orgs.owner }),
    // ADMIN, or someone who works for that organization
    expect: only('admin', 'adminViaToken', 'ownerLeader'),
  },
  {
    procedure: 'projects.createBuilding',
    call: (c) =>
      c.projects.createBuilding({
        projectId,
        name: '3#楼',
        address: '福州市仓山区',
        structureType: '框架结构',
        floorsAbove: 6,
        floorsBelow: 1,
        grossArea: 5230.5,
        designWorkingLifeYears: 50,
        plannedStartOn: '2026-12-01',
        plannedCompletionOn: '2028-06-30',
      }),
    expect: projectManagers,
  },
  {
    procedure: 'projects.registerSupervision (pledges not signed)',
    call: (c) => c.projects.registerSupervision({ buildingId }),
    expect: only('ownerLeader'),
    allowedThen: 'PLEDGES_MISSING',
  },
  // The archive (Contract 5): read by whoever may export it; handed over by the 建设单位
  { procedure: 'archive.handovers', call: (c) => c.archive.handovers({ buildingId }), expect: projectReaders },
  {
    procedure: 'archive.handOver (a seal that is not one)',
    call: (c) => c.archive.handOver({ buildingId, seal: '{}', archiveAgency: '福州市城市建设档案馆', receiptNo: 'FZCJ-1', handedOn: '2026-12-01' }),
    expect: only('ownerLeader'),
    allowedThen: 'ARCHIVE_SEAL_INVALID',
  },
  // The ledger's verification: again on demand by whoever views the building; the passes and alerts are ADMIN's
  {
    procedure: 'archive.recheckChain',
    call: (c) => c.archive.recheckChain({ buildingId }),
    expect: only('admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken', 'homeowner'),
  },
  { procedure: 'archive.chainChecks', call: (c) => c.archive.chainChecks(), expect: adminOnly },
  { procedure: 'archive.unacknowledgedChainAlerts', call: (c) => c.archive.unacknowledgedChainAlerts(), expect: everyoneSignedIn() },
  {
    procedure: 'archive.startChainCheck (one under way)',
    // An unfinished pass: an allowed call is refused for it and starts nothing in the background
    prepare: async () => ((await db.chainCheckRun.count({ where: { finishedAt: null } })) || (await db.chainCheckRun.create({ data: { trigger: 'SCHEDULE', total: 0 } })), ''),
    call: (c) => c.archive.startChainCheck(),
    expect: adminOnly,
    allowedThen: 'CHAIN_CHECK_RUNNING',
  },
  {
    procedure: 'archive.acknowledgeChainAlert (no such alert)',
    call: (c) => c.archive.acknowledgeChainAlert({ alertId: crypto.randomUUID(), note: '已从备份恢复' }),
    expect: adminOnly,
    allowedThen: 'NOT_FOUND',
  },
  {
    procedure: 'parties.assign',
    // The 勘察 party is unassigned before each call
    prepare: async () => (await db.projectParty.deleteMany({ where: { projectId, role: 'SURVEY' } }), (await makeOrganization(db)).id),
    call: (c, organizationId) => c.parties.assign({ projectId, role: 'SURVEY', organizationId }),
    expect: projectManagers,
  },
  {
    procedure: 'parties.appointLeader (设计单位)',
    prepare: async () => {
      await db.projectMember.updateMany({ where: { projectId, role: 'DESIGN', isLeader: true, endedAt: null }, data: { endedAt: new Date() } });
      return newMember(orgs.design);
    },
    call: (c, userId) => c.parties.appointLeader({ projectId, role: 'DESIGN', userId, ...LEADER_DETAILS }),
    expect: projectManagers,
  },
  {
    procedure: 'parties.changeLeader (施工单位)',
    prepare: async () => (await currentConstructionLeader(), newMember(orgs.construction)),
    call: (c, userId) =>
      c.parties.changeLeader({ projectId, role: 'CONSTRUCTION', userId, ...LEADER_DETAILS, reason: '调任', effectiveOn: '2026-11-20', approvedBy: '建设单位' }),
    expect: constructionStaffers,
  },
  {
    procedure: 'parties.correctLeaderDetails (施工单位)',
    prepare: async () => (await currentConstructionLeader()).id,
    call: (c, memberId) => c.parties.correctLeaderDetails({ memberId, ...LEADER_DETAILS }),
    expect: constructionStaffers,
  },
  {
    procedure: 'parties.addStaff (施工单位)',
    prepare: async () => newMember(orgs.construction),
    call: (c, userId) => c.parties.addStaff({ projectId, role: 'CONSTRUCTION', userId, title: '质检员' }),
    expect: constructionStaffers,
  },
  {
    procedure: 'parties.endStaff (施工单位)',
    prepare: async () => (await db.projectMember.create({ data: { projectId, role: 'CONSTRUCTION', userId: await newMember(orgs.construction), title: '资料员' } })).id,
    call: (c, memberId) => c.parties.endStaff({ memberId }),
    expect: constructionStaffers,
  },
  { procedure: 'supervision.building', call: (c) => c.supervision.building({ buildingId }), expect: projectReaders },
  // The desk lists each inspector's own jurisdiction (asserted in dashboard.int.test.ts); ADMIN sees all.
  { procedure: 'supervision.dashboard', call: (c) => c.supervision.dashboard({}), expect: only('admin', 'adminViaToken', 'inspector', 'foreignInspector') },
  {
    procedure: 'supervision.recordInspection (wrong password)',
    call: (c) =>
      c.supervision.recordInspection({ buildingId, inspectedOn: '2026-11-28', scopes: ['CONDUCT'], othersPresent: '施工单位 项目经理', findings: '资料齐全', outcome: 'NO_ISSUES', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    // Only the 质监站 whose jurisdiction covers the project, in a session
    expect: only('inspector'),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'suspensions.building', call: (c) => c.suspensions.building({ buildingId }), expect: projectReaders },
  {
    procedure: 'suspensions.order as the 质监站 (wrong password)',
    call: (c) => c.suspensions.order({ buildingId, issuer: 'INSPECTOR', scopeCodes: ['02'], reason: '箍筋间距超差', basis: '条例第四十八条', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    // Only the 质监站 whose jurisdiction covers the project, in a session
    expect: only('inspector'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'suspensions.order as 总监 (wrong password)',
    call: (c) =>
      c.suspensions.order({ buildingId, issuer: 'CHIEF_SUPERVISOR', wholeBuilding: true, reason: '模板支撑失稳', basis: 'GB/T 50319 6.2.2', ownerConsent: 'PRIOR', ownerConsentNote: '建设单位同意', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    // Only the 监理's current 项目负责人 in person: not its staff, not a former 总监, not the inspector
    expect: only(),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: "suspensions.resume of the 质监站's order (wrong password)",
    call: (c) => c.suspensions.resume({ suspensionId, findings: '复查合格', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    expect: only('inspector'),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'notices.building', call: (c) => c.notices.building({ buildingId }), expect: projectReaders },
  { procedure: 'notices.get', call: (c) => c.notices.get({ noticeId }), expect: projectReaders },
  {
    procedure: 'notices.issue (wrong password)',
    call: (c) =>
      c.notices.issue({ buildingId, partyRole: 'OWNER', basis: '条例 第四十八条', issuedOn: '2026-11-28', deadline: '2026-12-31', items: [{ finding: '问题', basis: '依据', requiredAction: '整改', lotIds: [lotId] }], password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    // Only the 质监站 whose jurisdiction covers the project, in a session
    expect: only('inspector'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'notices.respond (建设单位, wrong password)',
    call: (c) => c.notices.respond({ itemId: openItemId, actionTaken: '已整改', photoIds: [photoId], password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    // Only the addressed party's current 项目负责人, in a session
    expect: only('ownerLeader'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'notices.verify (wrong password)',
    call: (c) => c.notices.verify({ responseId, decision: 'VERIFIED', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    expect: only('inspector'),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'pledges.tasks', call: (c) => c.pledges.tasks(), expect: everyoneSignedIn() },
  { procedure: 'pledges.preview (建设单位)', call: (c) => c.pledges.preview({ projectId, role: 'OWNER' }), expect: projectReaders },
  {
    procedure: 'pledges.sign (建设单位, wrong password)',
    call: (c) => c.pledges.sign({ projectId, role: 'OWNER', password: 'not the password' }),
    // Only the 建设单位项目负责人 in person, in a session
    expect: only('ownerLeader'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'pledges.attachOriginal (建设单位, nothing signed yet)',
    prepare: async (actor) => (await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 matrix ${Math.random()}`), mediaType: 'application/pdf', createdById: actor?.userId })).sha256,
    call: (c, fileSha256) => c.pledges.attachOriginal({ projectId, role: 'OWNER', fileSha256 }),
    expect: only('ownerLeader'),
    allowedThen: 'NOTHING_AWAITS_ORIGINAL',
  },
  { procedure: 'inspections.progress', call: (c) => c.inspections.progress({ buildingId }), expect: projectReaders },
  { procedure: 'inspections.lot', call: (c) => c.inspections.lot({ lotId }), expect: projectReaders },
  {
    procedure: 'inspections.createLot',
    call: (c) => c.inspections.createLot({ buildingId, subdivisionCode: '0201', itemCode: '020101', name: '2F 模板', location: '2 层', capacity: 30, capacityUnit: '件' }),
    // The 施工单位's current seats (staff too; planning needs no signature, so a token may)
    expect: only('constructionStaff', 'memberViaToken'),
  },
  {
    procedure: 'inspections.submit (pledges not signed)',
    call: (c) => c.inspections.submit({ lotId, items: [{ kind: 'MAIN', requirement: '钢筋品种', minSample: 5, sampled: 5, passed: 5 }], constructionBasis: '方案', acceptanceBasis: 'GB 50204', password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('constructionStaff'),
    allowedThen: 'PLEDGES_MISSING',
  },
  {
    procedure: 'inspections.review with a photo (wrong password)',
    call: (c) => c.inspections.review({ recordId, decision: 'ACCEPTED', photoIds: [photoId], password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    expect: only('supervisionEngineer'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'inspections.recordConcealed (pledges not signed)',
    call: (c) => c.inspections.recordConcealed({ lotId, location: '1 层', description: '钢筋隐蔽', password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('constructionStaff'),
    allowedThen: 'PLEDGES_MISSING',
  },
  {
    procedure: 'inspections.reviewConcealed (wrong password)',
    call: (c) => c.inspections.reviewConcealed({ concealedWorkId, decision: 'ACCEPTED', password: 'not the password' }),
    expect: only('supervisionEngineer'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'inspections.recordSideStation (wrong password)',
    call: (c) =>
      c.inspections.recordSideStation({
        lotId,
        process: '混凝土浇筑',
        location: '1 层',
        startedAt: '2026-11-26T08:00:00+08:00',
        endedAt: '2026-11-26T12:00:00+08:00',
        observations: '浇筑过程符合方案',
        password: 'not the password',
        idempotencyKey: crypto.randomUUID(),
      }),
    expect: only('supervisionEngineer'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'inspections.confirmSideStation (wrong password)',
    call: (c) => c.inspections.confirmSideStation({ recordId: sideStationId, password: 'not the password' }),
    expect: only('constructionStaff'),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'materials.list', call: (c) => c.materials.list({ buildingId }), expect: projectReaders },
  {
    procedure: 'materials.recordReceipt (pledges not signed)',
    call: (c) =>
      c.materials.recordReceipt({ buildingId, kind: 'CEMENT', name: '水泥', specification: 'P.O 42.5', batchNo: 'C-1', quantity: 30, unit: 't', supplier: '供应商', receivedOn: '2026-11-20', certificates: [reportSha256], password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('constructionStaff'),
    allowedThen: 'PLEDGES_MISSING',
  },
  {
    procedure: 'materials.approveReceipt (wrong password)',
    call: (c) => c.materials.approveReceipt({ receiptId, decision: 'ACCEPTED', password: 'not the password' }),
    expect: only('supervisionEngineer'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'materials.recordSample (pledges not signed)',
    call: (c) => c.materials.recordSample({ buildingId, kind: 'REBAR', sampleNo: `S-${crypto.randomUUID()}`, location: '1 层', sampledAt: '2026-11-24T10:00:00+08:00', lab: '检测中心', password: 'x', idempotencyKey: crypto.randomUUID() }),
    // The 施工单位 samples; the 监理 or the 建设单位 witnesses
    expect: only('constructionStaff', 'supervisionEngineer', 'ownerLeader'),
    allowedThen: 'PLEDGES_MISSING',
  },
  {
    procedure: 'materials.recordResult (wrong password)',
    call: (c) => c.materials.recordResult({ sampleId, reportNo: 'R-1', reportSha256, passed: true, reportedOn: '2026-11-25', password: 'not the password' }),
    expect: only('constructionStaff', 'supervisionEngineer'),
    allowedThen: 'WRONG_PASSWORD',
  },
  { procedure: 'milestones.building', call: (c) => c.milestones.building({ buildingId }), expect: projectReaders },
  {
    procedure: 'milestones.openDivision',
    call: (c) => c.milestones.openDivision({ buildingId, divisionCode: '02', heldOn: '2026-12-01', qualityDocumentsComplete: true, functionalTestsConform: true, appearance: 'GOOD', password: 'x', idempotencyKey: crypto.randomUUID() }),
    // The 总监 in person (the 监理's 项目负责人): the former one and the 专业监理工程师 may not.
    expect: only(),
  },
  {
    procedure: 'milestones.openCompletion (preconditions unmet)',
    call: (c) =>
      c.milestones.openCompletion({ buildingId, heldOn: '2026-12-01', designAndContractDone: true, paymentSettled: true, householdAcceptance: 'PASSED', otherConditions: true, password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('ownerLeader'),
    allowedThen: 'COMPLETION_PRECONDITIONS_UNMET',
  },
  {
    procedure: 'milestones.sign (as the 建设单位项目负责人, wrong password)',
    call: (c) => c.milestones.sign({ milestoneId, role: 'OWNER', position: 'LEADER', agrees: false, opinion: '资料不全', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    expect: only('ownerLeader'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'milestones.fileDocument (验收通知, wrong password)',
    call: (c) => c.milestones.fileDocument({ buildingId, kind: 'ACCEPTANCE_NOTICE', summary: '定于该日组织竣工验收', issuedOn: '2026-12-01', plannedOn: '2026-12-31', password: 'not the password', idempotencyKey: crypto.randomUUID() }),
    expect: only('ownerLeader'),
    allowedThen: 'WRONG_PASSWORD',
  },
  {
    procedure: 'milestones.recordFiling (not accepted)',
    call: (c) => c.milestones.recordFiling({ buildingId, filedOn: '2026-12-01', authority: '住建局', filingNumber: 'BA-1', password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('ownerLeader'),
    allowedThen: 'COMPLETION_NOT_ACCEPTED',
  },
  {
    procedure: 'supervision.issueReport (not accepted)',
    call: (c) => c.supervision.issueReport({ buildingId, conclusion: '—', password: 'x', idempotencyKey: crypto.randomUUID() }),
    expect: only('inspector'),
    allowedThen: 'COMPLETION_NOT_ACCEPTED',
  },
  // Warranty: the building's readers and its homeowners; the 建设单位 keeps units; the homeowner or the 建设单位 files.
  { procedure: 'warranty.building', call: (c) => c.warranty.building({ buildingId }), expect: only('admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken', 'homeowner') },
  { procedure: 'warranty.myUnits', call: (c) => c.warranty.myUnits(), expect: everyoneSignedIn() },
  { procedure: 'warranty.importUnits', call: (c) => c.warranty.importUnits({ buildingId, csv: `M-${Math.random().toString(36).slice(2, 8)}` }), expect: projectManagers },
  { procedure: 'warranty.issueInvitation', call: (c) => c.warranty.issueInvitation({ unitId }), expect: projectManagers },
  {
    procedure: 'warranty.redeemInvitation (unknown code)',
    call: (c) => c.warranty.redeemInvitation({ code: 'AAAA-BBBB-CCCC', name: '某', phone: '13912345678', login: 'nobody-here', password: 'a-long-password', confirmPassword: 'a-long-password' }),
    // Public: anyone may try a code; an unknown one changes nothing.
    expect: Object.fromEntries(ACTORS.map((a) => [a, 'ok'])) as Record<ActorName, Outcome>,
    allowedThen: 'INVITATION_INVALID',
  },
  {
    procedure: 'warranty.fileClaim (building not accepted yet)',
    call: (c) => c.warranty.fileClaim({ unitId, category: 'WATERPROOFING', location: '主卫', description: '渗水', idempotencyKey: crypto.randomUUID() }),
    expect: only('ownerLeader', 'homeowner'),
    allowedThen: 'NOT_COMPLETED',
  },
  {
    procedure: 'warranty.claim',
    call: (c) => c.warranty.claim({ claimId }),
    expect: only('admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken', 'homeowner'),
  },
  {
    procedure: 'warranty.addStep (a message)',
    call: (c) => c.warranty.addStep({ claimId, kind: 'MESSAGE', text: '请尽快处理', idempotencyKey: crypto.randomUUID() }),
    // The unit's homeowner, the 施工单位 and the 建设单位, in a session.
    expect: only('ownerLeader', 'constructionStaff', 'homeowner'),
  },
];

describe.each(CASES)('$procedure', ({ prepare, call, expect: expected, allowedThen }) => {
  test.each(ACTORS)('%s', async (name) => {
    const actor = actors[name];
    const outcome = expected[name];
    const prepared = (await prepare?.(actor)) ?? '';
    if (outcome === 'ok' && allowedThen) {
      // Many rows try a wrong password as the same people: start each from a clean sign-in throttle.
      await db.loginThrottle.deleteMany();
      await expect(call(callerFor(db, actor), prepared)).rejects.toMatchObject({ message: allowedThen });
      return;
    }
    if (outcome === 'ok') {
      await expect(call(callerFor(db, actor), prepared)).resolves.toBeDefined();
      return;
    }
    const before = await snapshot();
    const error = await call(callerFor(db, actor), prepared).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(outcome);
    expect(await snapshot()).toEqual(before);
  });
});

describe('tokens of someone else', () => {
  test('cannot be revoked, and look missing', async () => {
    const owner = actors.ownerLeader!;
    const id = await revocableTokenOf(owner);
    const error = await callerFor(db, actors.constructionStaff).tokens.revoke({ id }).catch((e: TRPCError) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'TOKEN_NOT_FOUND' });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  test('are not listed', async () => {
    const mine = await callerFor(db, actors.constructionStaff).tokens.list();
    const owners = await db.apiToken.findMany({ where: { id: { in: mine.map((t) => t.id) } }, select: { userId: true } });
    expect(owners.every((o) => o.userId === actors.constructionStaff!.userId)).toBe(true);
  });
});

test('an admin-created organization of the same credit code is refused with a field error', async () => {
  const org = await makeOrganization(db);
  const caller = callerFor(db, actors.admin);
  const error = await caller.orgs.create({ name: '重复单位', creditCode: org.creditCode, kind: 'ENTERPRISE', regionCodes: [] }).catch((e: TRPCError) => e);
  expect(error).toMatchObject({ code: 'CONFLICT', message: 'CREDIT_CODE_TAKEN' });
});

describe('GET /api/buildings (Contract 8) as each actor, through a token of theirs', () => {
  test.each(ACTORS)('%s', async (name) => {
    const { GET } = await import('@/app/api/buildings/route');
    const actor = actors[name];
    const headers: Record<string, string> = {};
    if (actor) {
      const { token } = await callerFor(db, { ...actor, via: 'session' }).tokens.create({ name: 'matrix' });
      headers.authorization = `Bearer ${token}`;
    } else {
      headers.authorization = 'Bearer bl_' + 'n'.repeat(43); // no token of anyone's
    }
    const res = await GET(new Request('http://localhost/api/buildings', { headers }));
    if (!actor) {
      expect(res.status).toBe(401);
      return;
    }
    expect(res.status).toBe(200);
    const listed = ((await res.json()) as { id: string }[]).map((b) => b.id).sort();
    const expected = (await callerFor(db, actor).projects.list()).flatMap((p) => p.buildings.map((b) => b.id)).sort();
    expect(listed).toEqual(expected);
    const shouldSee = ['admin', 'adminViaToken', 'inspector', 'ownerLeader', 'constructionStaff', 'supervisionEngineer', 'formerSupervisor', 'memberViaToken', 'homeowner'].includes(name);
    expect(listed.length > 0).toBe(shouldSee);
  });
});
