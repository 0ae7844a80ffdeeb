import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ZodError } from 'zod';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { verifyChain } from '@/server/ledger/verify';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject } from '@/tests/factories';

/** 局部暂停施工 and 复工 (supervision.md §4): the order, the gate it sets on new work, the lifting. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
let foreignInspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);
/** 0201 混凝土结构 (主体结构) lots, and one of 0105 土方 (地基与基础) outside a 02 suspension */
let rebar: string;
let formwork: string;
let earthwork: string;
let concealedWorkId: string;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  return { domain: (error as TRPCError).message, params: cause instanceof DomainError ? cause.params : undefined };
}
async function fieldErrors(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return Object.fromEntries(((error as TRPCError).cause as unknown as ZodError).issues.map((i) => [i.path.join('.'), i.message]));
}
const counts = async () => ({
  lots: await db.inspectionLot.count(),
  records: await db.inspectionRecord.count(),
  concealed: await db.concealedWork.count(),
  acceptances: await db.concealedAcceptance.count(),
  sideStations: await db.sideStationRecord.count(),
  suspensions: await db.suspension.count(),
  resumes: await db.resumeOrder.count(),
  events: await db.ledgerEvent.count(),
  signatures: await db.signature.count(),
});

const selfCheck = (lotId: string) => ({
  lotId,
  items: [{ kind: 'MAIN' as const, requirement: '主控项目', minSample: 2, sampled: 2, passed: 2 }],
  constructionBasis: '施工方案',
  acceptanceBasis: 'GB 50204-2015',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
});
const plan = (subdivisionCode: string, itemCode: string, name: string) =>
  as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode, itemCode, name, location: '6 层', capacity: 20, capacityUnit: 't' });
const concealed = (lotId: string) => ({ lotId, location: '6 层梁柱节点', description: '钢筋绑扎完成，申请隐蔽验收', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
const sideStation = (lotId: string) => ({
  lotId,
  process: '混凝土浇筑',
  location: '6 层',
  startedAt: '2026-11-26T08:00:00+08:00',
  endedAt: '2026-11-26T12:00:00+08:00',
  observations: '浇筑过程符合方案',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
});
const order = (issuer: 'INSPECTOR' | 'CHIEF_SUPERVISOR', scope: { wholeBuilding?: boolean; scopeCodes?: string[] }) => ({
  buildingId: site.building.id,
  issuer,
  ...scope,
  reason: '6 层梁柱节点箍筋间距严重超差',
  basis: '《建设工程质量管理条例》第四十八条',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
});
const shown = async (lotId: string) => {
  const progress = await as(inspector).inspections.progress({ buildingId: site.building.id });
  return progress.divisions.flatMap((d) => d.subdivisions.flatMap((s) => s.items.flatMap((i) => i.lots))).find((l) => l.id === lotId)!;
};

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  foreignInspector = await actorOf(db, (await makeInspector(db, ['350200'])).id);
  rebar = (await plan('0201', '020102', '6F 梁柱钢筋')).id;
  formwork = (await plan('0201', '020101', '6F 模板')).id;
  earthwork = (await plan('0105', '010501', '基槽开挖')).id;
  concealedWorkId = (await as(site.qc).inspections.recordConcealed(concealed(rebar))).id;
});

describe('局部暂停施工 by the inspector', () => {
  let suspensionId: string;

  test('the inspector of the region suspends 主体结构: signed, a ledger event; the lots there show 暂停施工 with the order', async () => {
    const before = await counts();
    const input = order('INSPECTOR', { scopeCodes: ['02'] });
    suspensionId = (await as(inspector).suspensions.order(input)).id;
    expect(await as(inspector).suspensions.order(input)).toEqual({ id: suspensionId, replayed: true });
    expect(await counts()).toMatchObject({ suspensions: before.suspensions + 1, signatures: before.signatures + 1 });

    const row = await db.suspension.findUniqueOrThrow({ where: { id: suspensionId } });
    expect(row).toMatchObject({ issuer: 'INSPECTOR', wholeBuilding: false, scopeCodes: ['02'], ownerConsent: null });
    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'suspension.ordered' } });
    expect(JSON.parse(event.canonical)).toMatchObject({ actor: { id: inspector.userId, role: 'INSPECTOR' }, files: [row.contentSha256] });
    expect(await db.signature.findFirstOrThrow({ where: { subjectType: 'Suspension', subjectId: suspensionId } })).toMatchObject({ capacity: 'INSPECTOR', contentSha256: row.contentSha256 });

    expect(await shown(rebar)).toMatchObject({ status: 'SUSPENDED', suspensionId });
    expect(await shown(earthwork)).toMatchObject({ status: 'OPEN', suspensionId: null });
    const lot = await as(site.qc).inspections.lot({ lotId: formwork });
    expect(lot.state.suspendedBy).toMatchObject({ id: suspensionId, issuer: 'INSPECTOR', issuedBy: { name: inspector.name } });
    const list = await as(site.leaders.OWNER).suspensions.building({ buildingId: site.building.id });
    expect(list.suspensions).toMatchObject([{ id: suspensionId, scopeNames: ['主体结构'], resumeOrder: null }]);
    expect(list.permissions).toEqual({ asInspector: false, asChiefSupervisor: false });
    expect(list.suspensions[0]).not.toHaveProperty('content');
  });

  test('inside the scope every new record of work is refused, naming the order, and nothing is written', async () => {
    const before = await counts();
    const refusals = [
      await refusal(plan('0201', '020103', '6F 混凝土')),
      await refusal(as(site.qc).inspections.submit(selfCheck(rebar))),
      await refusal(as(site.qc).inspections.recordConcealed(concealed(formwork))),
      await refusal(as(site.engineer).inspections.reviewConcealed({ concealedWorkId, decision: 'ACCEPTED', password: FACTORY_PASSWORD })),
      await refusal(as(site.engineer).inspections.recordSideStation(sideStation(rebar))),
    ];
    for (const r of refusals) expect(r).toEqual({ domain: 'WORK_SUSPENDED', params: { issuer: 'INSPECTOR', by: `质量监督员 ${inspector.name}`, on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(await counts()).toEqual(before);
  });

  test('outside the scope work goes on', async () => {
    await plan('0105', '010502', '基槽回填');
    await as(site.qc).inspections.submit(selfCheck(earthwork));
    await as(site.qc).inspections.recordConcealed(concealed(earthwork));
  });

  test('only the 质监站 of the region lifts its order, after 复查; then the work goes on', async () => {
    const resume = { suspensionId, findings: '超差节点已返工，复查 12 处均符合设计要求', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() };
    const before = await counts();
    for (const actor of [site.leaders.SUPERVISION, site.qc, foreignInspector]) expect((await refusal(as(actor).suspensions.resume({ ...resume, idempotencyKey: randomUUID() }))).domain).toBe('FORBIDDEN');
    expect((await refusal(as(inspector).suspensions.resume({ ...resume, password: 'not the password' }))).domain).toBe('WRONG_PASSWORD');
    expect(await counts()).toEqual(before);

    const { id } = await as(inspector).suspensions.resume(resume);
    expect(await as(inspector).suspensions.resume(resume)).toEqual({ id, replayed: true });
    expect((await refusal(as(inspector).suspensions.resume({ ...resume, idempotencyKey: randomUUID() }))).domain).toBe('SUSPENSION_ALREADY_LIFTED');
    expect(await db.signature.findFirstOrThrow({ where: { subjectType: 'ResumeOrder', subjectId: id } })).toMatchObject({ capacity: 'INSPECTOR', signerId: inspector.userId });
    expect(JSON.parse((await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'suspension.resumed' } })).canonical)).toMatchObject({ subjects: { suspensionId, resumeOrderId: id } });

    expect(await shown(rebar)).toMatchObject({ status: 'OPEN', suspensionId: null });
    await plan('0201', '020103', '6F 混凝土');
    await as(site.qc).inspections.submit(selfCheck(rebar));
    await as(site.engineer).inspections.reviewConcealed({ concealedWorkId, decision: 'ACCEPTED', password: FACTORY_PASSWORD });
    await as(site.engineer).inspections.recordSideStation(sideStation(rebar));
    const list = await as(site.qc).suspensions.building({ buildingId: site.building.id });
    expect(list.suspensions[0]!.resumeOrder).toMatchObject({ id, issuedBy: { name: inspector.name } });
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });
});

describe('工程暂停令 by the 总监', () => {
  test("the 总监 alone orders it in that capacity, stating the 建设单位's consent", async () => {
    const input = order('CHIEF_SUPERVISOR', { wholeBuilding: true });
    expect(await fieldErrors(as(site.leaders.SUPERVISION).suspensions.order(input))).toEqual({ ownerConsent: 'validation.required', ownerConsentNote: 'validation.required' });
    expect(await fieldErrors(as(site.leaders.SUPERVISION).suspensions.order({ ...input, wholeBuilding: false }))).toMatchObject({ scopeCodes: 'validation.suspensionScopeRequired' });
    const consented = { ...input, ownerConsent: 'EMERGENCY' as const, ownerConsentNote: '模板支撑失稳，险情紧急，当日书面报告建设单位' };
    const before = await counts();
    for (const actor of [site.engineer, inspector, site.leaders.OWNER]) expect((await refusal(as(actor).suspensions.order({ ...consented, idempotencyKey: randomUUID() }))).domain).toBe('FORBIDDEN');
    expect((await refusal(as(site.leaders.SUPERVISION).suspensions.order({ ...consented, issuer: 'INSPECTOR', idempotencyKey: randomUUID() }))).domain).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    const { id } = await as(site.leaders.SUPERVISION).suspensions.order(consented);
    expect(await db.suspension.findUniqueOrThrow({ where: { id } })).toMatchObject({ issuer: 'CHIEF_SUPERVISOR', wholeBuilding: true, scopeCodes: [], ownerConsent: 'EMERGENCY' });
    expect(await db.signature.findFirstOrThrow({ where: { subjectType: 'Suspension', subjectId: id } })).toMatchObject({ capacity: 'SUPERVISION', signerId: site.leaders.SUPERVISION.userId });
    // The whole building: even outside 主体结构 nothing new is recorded.
    expect(await refusal(plan('0105', '010503', '场地平整'))).toMatchObject({ domain: 'WORK_SUSPENDED', params: { issuer: 'CHIEF_SUPERVISOR' } });
    expect((await as(site.leaders.SUPERVISION).suspensions.building({ buildingId: site.building.id })).permissions).toEqual({ asInspector: false, asChiefSupervisor: true });

    const resume = { suspensionId: id, findings: '支撑体系已加固并验收', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() };
    expect((await refusal(as(inspector).suspensions.resume(resume))).domain).toBe('FORBIDDEN');
    expect((await refusal(as(site.leaders.SUPERVISION).suspensions.resume(resume))).domain).toBe('OWNER_APPROVAL_MISSING');
    await as(site.leaders.SUPERVISION).suspensions.resume({ ...resume, ownerApproval: '施工单位 12 月 8 日复工报审，建设单位项目负责人 12 月 9 日批准' });
    await plan('0105', '010503', '场地平整');
  });
});

test('the database refuses to change or delete a suspension or its 复工', async () => {
  const suspension = await db.suspension.findFirstOrThrow();
  const resume = await db.resumeOrder.findFirstOrThrow();
  await expect(db.$executeRaw`UPDATE "Suspension" SET reason = 'x' WHERE id = ${suspension.id}::uuid`).rejects.toThrow();
  await expect(db.$executeRaw`DELETE FROM "Suspension" WHERE id = ${suspension.id}::uuid`).rejects.toThrow();
  await expect(db.$executeRaw`UPDATE "ResumeOrder" SET findings = 'x' WHERE id = ${resume.id}::uuid`).rejects.toThrow();
  await expect(db.$executeRaw`DELETE FROM "ResumeOrder" WHERE id = ${resume.id}::uuid`).rejects.toThrow();
  await expect(db.$executeRaw`TRUNCATE "ResumeOrder"`).rejects.toThrow();
  await expect(db.$executeRaw`TRUNCATE "Suspension" CASCADE`).rejects.toThrow();
});
