import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { refusedWith } from '@/tests/refusal';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeProject, makeSignedProject, makeUser, rebarSelfCheck } from '@/tests/factories';
import { chinaDate } from '@/server/dates';
import { DASHBOARD_PAGE_SIZE } from './dashboard';
import { signalsFromRecords } from './signals-from-records';

/** The 质监站's desk: its jurisdiction's projects only, each with the signals its records raise. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let quiet: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);

const selfCheck = (lotId: string, measured: number[]) => as(site.qc).inspections.submit(rebarSelfCheck(lotId, measured));

beforeAll(async () => {
  site = await makeSignedProject(db, { regionCode: '350104' });
  quiet = await makeSignedProject(db, { regionCode: '350102' });
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  const plan = (name: string) =>
    as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020102', name, location: '3 层', capacity: 20, capacityUnit: 't' }).then((l) => l.id);
  // Two self-checks a moment apart, one with five identical readings; the 监理 rejects one.
  const first = await selfCheck(await plan('3F 梁钢筋'), [4, 4, 4, 4, 4]);
  await selfCheck(await plan('3F 板钢筋'), [2, -3, 5, 1, 4]);
  await as(site.engineer).inspections.review({ recordId: first.id, decision: 'REJECTED', reasons: '箍筋间距超差', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
  // A photo taken two days before it reached the server.
  await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: await samplePhoto(8101, { takenAt: new Date(Date.now() - 2 * 86400_000) }) });
  // A record awaiting the 监理 for ten days (written directly: the service stamps the present).
  const old = await plan('2F 梁钢筋');
  await db.inspectionRecord.create({
    data: { lotId: old, buildingId: site.building.id, content: '{"items":[]}', contentSha256: '0'.repeat(64), verdict: 'PASS', submittedById: site.qc.userId, submittedAt: new Date(Date.now() - 10 * 86400_000) },
  });
  await db.building.update({ where: { id: quiet.building.id }, data: { supervisionRegisteredAt: new Date() } });
  // An overdue 整改通知单 and a 局部暂停施工 in force.
  await as(inspector).notices.issue({
    buildingId: site.building.id,
    partyRole: 'CONSTRUCTION',
    basis: '条例 第四十八条',
    issuedOn: '2026-11-01',
    deadline: '2026-11-10',
    items: [{ finding: '箍筋间距超差', basis: 'GB 50204-2015', requiredAction: '返工' }],
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  });
  await as(inspector).suspensions.order({ buildingId: site.building.id, issuer: 'INSPECTOR', scopeCodes: ['0202'], reason: '砂浆试块不合格', basis: '条例 第四十八条', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
});

describe('the supervision desk', () => {
  test('raises each signal on the project whose records show it, and none on a quiet one', async () => {
    const desk = await as(inspector).supervision.dashboard({});
    const busy = desk.projects.find((p) => p.id === site.project.id)!;
    expect(busy.signals).toMatchObject({ SUSPENDED: 1, NOTICES_OPEN: 1, NOTICES_OVERDUE: 1, NOT_REGISTERED: 1, LOTS_REJECTED: 1, REVIEW_OVERDUE: 1, IDENTICAL_READINGS: 1, RAPID_SIGNING: 1, PHOTO_TIME_FLAGS: 1, PHOTOS_POSSIBLY_REUSED: 0 });
    expect(busy.noticeMaxDaysLate).toBeGreaterThanOrEqual(1);
    const calm = desk.projects.find((p) => p.id === quiet.project.id)!;
    expect(Object.values(calm.signals).every((n) => n === 0)).toBe(true);
    // Where to look first comes first.
    expect(desk.projects.findIndex((p) => p.id === site.project.id)).toBeLessThan(desk.projects.findIndex((p) => p.id === quiet.project.id));
  });

  test('备案 past its 15 days and warranty claims past their response time, as the records show them', async () => {
    // A project of another city, with its own inspector, so the paging below counts only its own.
    const done = await makeSignedProject(db, { regionCode: '350302' });
    const ptInspector = await actorOf(db, (await makeInspector(db, ['350300'])).id);
    const row = async () => (await as(ptInspector).supervision.dashboard({})).projects.find((p) => p.id === done.project.id)!;
    const truth = async () => (await signalsFromRecords(db)).get(done.project.id)!;
    // Accepted 15 days ago: the last day to file is today, not yet overdue; a day more and it is.
    const daysAgo = (d: number) => new Date(`${chinaDate(new Date(Date.now() - d * 86_400_000))}T00:00:00Z`);
    await db.building.update({ where: { id: done.building.id }, data: { completedOn: daysAgo(15) } });
    expect((await row()).signals.FILING_OVERDUE).toBe(0);
    await db.building.update({ where: { id: done.building.id }, data: { completedOn: daysAgo(16) } });
    expect((await row()).signals.FILING_OVERDUE).toBe(1);
    expect((await truth()).FILING_OVERDUE).toBe(1);
    // An emergency claim filed 25 hours ago and unanswered is overdue; a scheduled visit answers it.
    const [unit] = await db.unit.createManyAndReturn({ data: [{ buildingId: done.building.id, number: '7-101' }] });
    const owner = await makeUser(db, { roles: ['HOMEOWNER'] });
    await db.unitOwner.create({ data: { unitId: unit!.id, userId: owner.id } });
    const homeowner = await actorOf(db, owner.id);
    const { id: claimId } = await as(homeowner).warranty.fileClaim({ unitId: unit!.id, category: 'WATERPROOFING', location: '主卫', description: '渗水', emergency: true, idempotencyKey: randomUUID() });
    expect((await row()).signals.CLAIMS_OVERDUE).toBe(0);
    const { fileClaim, addClaimStep } = await import('@/server/warranty/service');
    await fileClaim(db, homeowner, { unitId: unit!.id, category: 'DECORATION', location: '客厅', description: '墙面开裂', emergency: true, idempotencyKey: randomUUID() }, new Date(Date.now() - 25 * 3_600_000));
    expect((await row()).signals.CLAIMS_OVERDUE).toBe(1);
    expect((await truth()).CLAIMS_OVERDUE).toBe(1);
    const overdue = (await db.warrantyClaim.findMany({ where: { unitId: unit!.id, category: 'DECORATION' } }))[0]!;
    await addClaimStep(db, done.leaders.CONSTRUCTION, { claimId: overdue.id, kind: 'VISIT_SCHEDULED', visitAt: new Date().toISOString(), idempotencyKey: randomUUID() });
    expect((await row()).signals.CLAIMS_OVERDUE).toBe(0);
    // Filed: no longer a 备案 signal.
    await db.completionFiling.create({ data: { buildingId: done.building.id, milestoneId: randomUUID(), filedOn: daysAgo(0), authority: '住建局', filingNumber: 'BA-1', content: '{}', contentSha256: '0'.repeat(64), recordedById: owner.id, recordedAt: new Date() } });
    expect((await row()).signals.FILING_OVERDUE).toBe(0);
    expect(await truth()).toMatchObject({ FILING_OVERDUE: 0, CLAIMS_OVERDUE: 0 });
    expect(claimId).toBeTruthy();
  });

  test('filters by signal, region and text', async () => {
    const ids = async (filters: Parameters<ReturnType<typeof as>['supervision']['dashboard']>[0]) => (await as(inspector).supervision.dashboard(filters)).projects.map((p) => p.id);
    expect(await ids({ signal: 'RAPID_SIGNING' })).toEqual([site.project.id]);
    expect(await ids({ regionCode: '350102' })).toEqual([quiet.project.id]);
    expect(await ids({ query: quiet.project.code })).toEqual([quiet.project.id]);
  });

  test('an inspector sees only the jurisdiction; ADMIN sees all; a party or a homeowner is refused', async () => {
    const xiamen = await actorOf(db, (await makeInspector(db, ['350200'])).id);
    const theirs = (await as(xiamen).supervision.dashboard({})).projects.map((p) => p.id);
    expect(theirs).not.toContain(site.project.id);
    expect(theirs).not.toContain(quiet.project.id);
    const admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
    expect((await as(admin).supervision.dashboard({})).projects.map((p) => p.id)).toEqual(expect.arrayContaining([site.project.id, quiet.project.id]));
    for (const actor of [site.leaders.CONSTRUCTION, await actorOf(db, (await makeUser(db, { roles: ['HOMEOWNER'] })).id)]) {
      expect(await refusedWith(as(actor).supervision.dashboard({}))).toBe('FORBIDDEN');
    }
  });

  test('answers a page at a time with the total; the filters apply before the paging', async () => {
    for (let i = 0; i < DASHBOARD_PAGE_SIZE + 3; i++) await makeProject(db, { regionCode: '350105' });
    const first = await as(inspector).supervision.dashboard({});
    const second = await as(inspector).supervision.dashboard({ page: 2 });
    expect(first.projectCount).toBe(DASHBOARD_PAGE_SIZE + 5);
    expect([first.matched, first.projects.length, second.projects.length]).toEqual([DASHBOARD_PAGE_SIZE + 5, DASHBOARD_PAGE_SIZE, 5]);
    const ids = [...first.projects, ...second.projects].map((p) => p.id);
    expect(new Set(ids).size).toBe(DASHBOARD_PAGE_SIZE + 5);
    expect(first.projects[0]!.id).toBe(site.project.id);
    expect(first.regions).toEqual(['350102', '350104', '350105']);
    // Totals count the whole jurisdiction, whatever the page.
    expect(second.totals).toEqual(first.totals);
    const district = await as(inspector).supervision.dashboard({ regionCode: '350105', page: 2 });
    expect([district.matched, district.projects.length]).toEqual([DASHBOARD_PAGE_SIZE + 3, 3]);
    expect((await as(inspector).supervision.dashboard({ signal: 'SUSPENDED', page: 1 })).projects.map((p) => p.id)).toEqual([site.project.id]);
    expect((await as(inspector).supervision.dashboard({ page: 9 })).projects).toEqual([]);
  });
});
