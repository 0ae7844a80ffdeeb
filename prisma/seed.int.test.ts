import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/server/db/client';
import { buildingGate } from '@/server/pledges/gate';
import { verifyChain } from '@/server/ledger/verify';
import { buildingProgressOf } from '@/server/inspections/progress';
import { actorOf, callerFor } from '@/tests/factories';
import { readFile } from 'node:fs/promises';
import { chinaDate } from '@/server/dates';
import { refusedWith } from '@/tests/refusal';
import { DEMO_ACCOUNTS, DEMO_BUILDINGS, DEMO_MISSING_PLEDGE, DEMO_PROJECT, seedDemoIfEmpty } from './seed';
import { DELIVERED_BUILDING, DELIVERED_DAYS_AGO, DELIVERED_UNITS, OLDER_BUILDING } from './seed-delivered';
import { DEMO_BUILDING_2, DEMO_PROJECT_2, GENERATED_PROJECT_COUNT } from './seed-jurisdiction';

/** The demo data README promises: the accounts, 1# with all five pledges, 2# showing the gate, a second project and a jurisdiction with variety. */

beforeAll(async () => {
  expect(await seedDemoIfEmpty(db)).toBe(true);
}, 120_000);

describe('demo seed', () => {
  test('every README account exists, and a second run changes nothing', async () => {
    const logins = (await db.user.findMany({ select: { login: true } })).map((u) => u.login).sort();
    expect(logins).toEqual(DEMO_ACCOUNTS.map((a) => a.login).sort());
    expect(await seedDemoIfEmpty(db)).toBe(false);
  });

  test('1# has all five parties signed and is registered for supervision', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
    const gate = await buildingGate(db, building.id);
    expect(gate.roles.map((r) => [r.role, r.missing])).toEqual(gate.roles.map((r) => [r.role, []]));
    expect(building.supervisionRegisteredAt).not.toBeNull();
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('1# has 检验批 in every state: accepted (one after a rework), rejected, awaiting the 监理, open, blocked', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
    const progress = await buildingProgressOf(db, building.id);
    expect(progress.total).toEqual({ ACCEPTED: 3, REJECTED: 1, SUBMITTED: 1, OPEN: 1, BLOCKED: 2, SUSPENDED: 0 });
    expect(progress.divisions.map((d) => d.code)).toEqual(['01', '02']);
    expect(await db.photo.count({ where: { buildingId: building.id } })).toBe(17);
    expect(await db.inspectionRecord.count({ where: { buildingId: building.id, supersededBy: { isNot: null } } })).toBe(1);
  });

  test('1# has 隐蔽工程 accepted and refused, a countersigned 旁站, materials and samples of every outcome, a 监督检查', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
    const concealed = await db.concealedWork.findMany({ where: { buildingId: building.id }, include: { acceptance: true } });
    expect(concealed.map((w) => w.acceptance?.decision).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'REJECTED']);
    const sideStations = await db.sideStationRecord.findMany({ where: { buildingId: building.id }, include: { confirmation: true } });
    expect(sideStations.map((r) => r.confirmation !== null)).toEqual([true]);
    const receipts = await db.materialReceipt.findMany({ where: { buildingId: building.id }, include: { approval: true } });
    expect(receipts.map((r) => [r.kind, r.approval?.decision ?? null]).sort()).toEqual([['CEMENT', null], ['REBAR', 'ACCEPTED']]);
    const samples = await db.witnessSample.findMany({ where: { buildingId: building.id }, include: { result: true }, orderBy: { sampleNo: 'asc' } });
    expect(samples.map((s) => [s.sampleNo, s.witnessId !== null, s.result?.passed ?? null])).toEqual([
      ['GJ-2026-001', true, true],
      ['SJ-2026-001', false, false],
      ['TK-2026-001', true, true],
      ['TK-2026-002', true, null],
      ['TK-2026-003', false, true],
    ]);
    const inspections = await db.supervisionInspection.findMany({ where: { buildingId: building.id } });
    expect(inspections.map((i) => [i.outcome, i.presentMemberIds.length])).toEqual([['CORRECTED_ON_SITE', 2]]);
    // One 局部暂停施工 of 砌体结构, lifted: nothing on 1# is suspended now.
    const suspensions = await db.suspension.findMany({ where: { buildingId: building.id }, include: { resumeOrder: true } });
    expect(suspensions.map((s) => [s.issuer, s.scopeCodes, s.resumeOrder !== null])).toEqual([['INSPECTOR', ['0202'], true]]);
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('1# has two 整改通知单 to the 施工单位: one open and overdue, one closed after a return', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
    const inspector = await db.user.findUniqueOrThrow({ where: { login: 'inspector' } });
    const { notices } = await callerFor(db, await actorOf(db, inspector.id)).notices.building({ buildingId: building.id });
    expect(notices.map((n) => [n.partyRole, n.closed, n.overdueDays, n.itemCount])).toEqual([
      ['CONSTRUCTION', false, 3, 1],
      ['CONSTRUCTION', true, 0, 2],
    ]);
    expect(await db.rectificationVerification.count({ where: { buildingId: building.id, decision: 'RETURNED' } })).toBe(1);
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('1#: 地基与基础 is ready for its 分部验收, whose five signatories other than the 总监 hold their posts', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
    const chief = await db.user.findUniqueOrThrow({ where: { login: 'supervision.leader' } });
    const { divisions } = await callerFor(db, await actorOf(db, chief.id)).milestones.building({ buildingId: building.id });
    expect(divisions.map((d) => [d.code, d.ready, d.canOpen])).toEqual([
      ['01', true, true],
      ['02', false, false],
    ]);
    const posts = await db.projectMember.findMany({ where: { projectId: building.projectId, position: { not: null }, endedAt: null }, include: { user: { select: { login: true } } } });
    expect(posts.map((p) => [p.user.login, p.position]).sort()).toEqual([
      ['construction.quality', 'TECH_QUALITY_HEAD'],
      ['construction.tech', 'TECHNICAL_LEAD'],
    ]);
  });

  test('5# of 滨江花园一期 passed 竣工验收 ten days ago: 备案 due, the 监督报告 to write, units and two homeowners with claims closed, open and overdue', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DELIVERED_BUILDING.code } });
    expect(building.completedOn?.toISOString().slice(0, 10)).toBe(chinaDate(new Date(Date.now() - DELIVERED_DAYS_AGO * 86_400_000)));
    const chief = await db.user.findUniqueOrThrow({ where: { login: 'supervision.leader' } });
    const milestones = await callerFor(db, await actorOf(db, chief.id)).milestones.building({ buildingId: building.id });
    expect(milestones.divisions.map((d) => [d.code, d.current?.state])).toEqual([
      ['01', 'ACCEPTED'],
      ['02', 'ACCEPTED'],
      ['03', 'ACCEPTED'],
    ]);
    expect(milestones.completion.current?.state).toBe('ACCEPTED');
    expect(milestones.filing).toMatchObject({ done: false, overdueDays: 0 });
    expect(milestones.report).toMatchObject({ done: false });
    expect(await db.unit.count({ where: { buildingId: building.id } })).toBe(DELIVERED_UNITS.length);
    const owner = await db.user.findUniqueOrThrow({ where: { login: 'owner.leader' } });
    const { claims } = await callerFor(db, await actorOf(db, owner.id)).warranty.building({ buildingId: building.id });
    expect(claims.map((c) => [c.unit, c.category, c.state, c.overdue])).toEqual([
      ['5-0602', 'MEP_INSTALLATION', 'OPEN', false],
      ['5-0602', 'DECORATION', 'CLOSED', false],
      ['5-1101', 'WATERPROOFING', 'OPEN', true],
    ]);
    // The leaking bathroom's claim points at the accepted waterproofing and its concealed-works photos.
    const homeowner2 = await db.user.findUniqueOrThrow({ where: { login: 'homeowner2' } });
    const leak = await callerFor(db, await actorOf(db, homeowner2.id)).warranty.claim({ claimId: claims[2]!.id });
    expect(leak.evidence.map((e) => [e.name, e.concealedPhotos.length > 0])).toEqual([['厕浴间防水隔离层', true]]);
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('6# was accepted long ago, filed within 15 days and reported on; its two-year and two-season terms are over', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: OLDER_BUILDING.code } });
    const inspector = await db.user.findUniqueOrThrow({ where: { login: 'inspector' } });
    const milestones = await callerFor(db, await actorOf(db, inspector.id)).milestones.building({ buildingId: building.id });
    expect(milestones.filing).toMatchObject({ done: true, late: false });
    expect(milestones.report).toMatchObject({ done: true });
    const homeowner2 = await db.user.findUniqueOrThrow({ where: { login: 'homeowner2' } });
    const units = await callerFor(db, await actorOf(db, homeowner2.id)).warranty.myUnits();
    const older = units.find((u) => u.building.code === OLDER_BUILDING.code)!;
    expect(older.terms!.filter((t) => t.coversToday === false).map((t) => t.category)).toEqual(['HEATING_COOLING', 'MEP_INSTALLATION', 'DECORATION']);
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('2# misses exactly one party\'s documents, so it shows the gate', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[1]!.code } });
    const gate = await buildingGate(db, building.id);
    expect(gate.ready).toBe(false);
    const missing = gate.roles.filter((r) => r.missing.length > 0);
    expect(missing.map((r) => r.role)).toEqual([DEMO_MISSING_PLEDGE]);
    expect(missing[0]!.missing).toEqual(['authorization', 'original', 'pledge']);
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test('the second project has its own 建设单位 and 施工单位, five signed pledges, rejected work and a suspension in force', async () => {
    const building = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDING_2.code }, include: { project: { include: { parties: true } } } });
    expect(building.project.code).toBe(DEMO_PROJECT_2.code);
    const first = await db.project.findUniqueOrThrow({ where: { code: DEMO_PROJECT.code }, include: { parties: true } });
    const orgOf = (parties: { role: string; organizationId: string }[], role: string) => parties.find((p) => p.role === role)!.organizationId;
    for (const role of ['OWNER', 'CONSTRUCTION']) expect(orgOf(building.project.parties, role)).not.toBe(orgOf(first.parties, role));
    expect((await buildingGate(db, building.id)).ready).toBe(true);
    expect(building.supervisionRegisteredAt).not.toBeNull();
    const reviews = await db.inspectionReview.findMany({ where: { record: { buildingId: building.id } }, select: { decision: true } });
    expect(reviews.map((r) => r.decision).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'REJECTED']);
    // The rejected lot lies in the suspended 混凝土结构: it waits for the 复工.
    expect((await buildingProgressOf(db, building.id)).total).toMatchObject({ ACCEPTED: 2, REJECTED: 0, SUSPENDED: 1 });
    expect(await db.suspension.count({ where: { buildingId: building.id, resumeOrder: null } })).toBe(1);
    // The suspension is real: its qc cannot plan new 混凝土结构 work.
    const qc = await db.user.findUniqueOrThrow({ where: { login: 'construction2.qc' } });
    const planned = callerFor(db, await actorOf(db, qc.id)).inspections.createLot({ buildingId: building.id, subdivisionCode: '0201', itemCode: '020102', name: '3F 柱墙钢筋', location: '3 层', capacity: 40, capacityUnit: 't' });
    expect(await refusedWith(planned)).toBe('WORK_SUSPENDED');
    expect(await verifyChain(db, building.id)).toMatchObject({ ok: true });
  });

  test("the inspector's desk shows the whole jurisdiction with every kind of signal that matters", async () => {
    const inspector = await db.user.findUniqueOrThrow({ where: { login: 'inspector' } });
    const desk = await callerFor(db, await actorOf(db, inspector.id)).supervision.dashboard({});
    expect(desk.projectCount).toBe(3 + GENERATED_PROJECT_COUNT);
    expect(desk.totals).toMatchObject({ SUSPENDED: 1, NOTICES_OVERDUE: 4, NOTICES_OPEN: 7, LOTS_REJECTED: 2, IDENTICAL_READINGS: 1, PHOTO_TIME_FLAGS: 1, COMPLETION_SOON: 2, FILING_OVERDUE: 0, CLAIMS_OVERDUE: 1 });
    expect(desk.totals.NOT_REGISTERED).toBe(GENERATED_PROJECT_COUNT + 1);
    expect(desk.regions).toEqual(['350102', '350103', '350104', '350105', '350111', '350112']);
    // Every building's chain holds, the generated ones' included.
    for (const { id } of await db.building.findMany({ select: { id: true } })) expect(await verifyChain(db, id)).toMatchObject({ ok: true });
  });

  test('README names every demo account and the public page of every demo building', async () => {
    const readme = await readFile('README.md', 'utf8');
    for (const { login } of DEMO_ACCOUNTS) expect(readme).toContain(`\`${login}\``);
    const codes = (await db.building.findMany({ select: { code: true }, orderBy: { code: 'asc' } })).map((b) => b.code);
    expect(codes).toHaveLength(2 + 2 + 1 + 38);
    // Listed one by one, or within a range "/b/<first>` … `/b/<last>" of one district.
    const ranges = [...readme.matchAll(/`\/b\/BL-(\d{6})-(\d{4})` … `\/b\/BL-(\d{6})-(\d{4})`/g)].map((m) => ({ region: m[1]!, from: Number(m[2]), to: Number(m[4]) }));
    for (const code of codes) {
      const [, region, n] = code.split('-');
      const inRange = ranges.some((r) => r.region === region && Number(n) >= r.from && Number(n) <= r.to);
      expect(readme.includes(`/b/${code}\``) || inRange, code).toBe(true);
    }
    // …and every code a range claims exists.
    for (const r of ranges) for (let n = r.from; n <= r.to; n++) expect(codes).toContain(`BL-${r.region}-${String(n).padStart(4, '0')}`);
  });
});
