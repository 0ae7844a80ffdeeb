import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { verifyChain } from '@/server/ledger/verify';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeProject, makeSignedProject, makeUser, seat } from '@/tests/factories';

/**
 * 检验批 records end to end through the router: plan, self-check, reject, rework, accept; the
 * next lot unblocks; replays make one record; gating and immutability hold.
 */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, domain: (error as TRPCError).message };
}

const passingItems = [
  { kind: 'MAIN' as const, requirement: '受力钢筋的品种、级别、规格和数量符合设计要求', minSample: 5, sampled: 5, passed: 5 },
  { kind: 'GENERAL' as const, requirement: '钢筋安装位置允许偏差 ±10 mm', minSample: 5, sampled: 10, passed: 9, measured: [3, -4, 6, 2, 8, -1, 12, 5, 0, 4] },
];
const submission = (lotId: string, extra: Record<string, unknown> = {}) => ({
  lotId,
  items: passingItems,
  constructionBasis: '钢筋工程施工方案 SG-02',
  acceptanceBasis: 'GB 50204-2015',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
});

let rebar: string; // 3F 钢筋
let concrete: string; // 3F 混凝土, after 钢筋

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  rebar = (await as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020102', name: '3F 梁板钢筋', location: '3 层 1–8 轴', capacity: 120, capacityUnit: 't' })).id;
  concrete = (
    await as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020103', name: '3F 梁板混凝土', location: '3 层 1–8 轴', capacity: 380, capacityUnit: 'm³', predecessorIds: [rebar] })
  ).id;
});

describe('planning the division', () => {
  test('a 分项 outside its 子分部, an unknown 子分部 or a foreign predecessor is refused', async () => {
    const base = { buildingId: site.building.id, name: 'x', location: 'x', capacity: 10, capacityUnit: '件' };
    expect(await refusal(as(site.qc).inspections.createLot({ ...base, subdivisionCode: '0202', itemCode: '020102' }))).toMatchObject({ domain: 'ITEM_NOT_IN_CATALOG' });
    expect(await refusal(as(site.qc).inspections.createLot({ ...base, subdivisionCode: '0299', itemCode: '029901' }))).toMatchObject({ domain: 'SUBDIVISION_NOT_IN_CATALOG' });
    const other = await makeProject(db);
    const foreign = await db.inspectionLot.create({ data: { buildingId: other.buildings[0]!.id, subdivisionCode: '0201', itemCode: '020101', itemName: '模板', name: 'x', location: 'x', capacity: 1, capacityUnit: '件', createdById: site.qc.userId } });
    expect(await refusal(as(site.qc).inspections.createLot({ ...base, subdivisionCode: '0201', itemCode: '020101', predecessorIds: [foreign.id] }))).toMatchObject({ domain: 'PREDECESSOR_NOT_FOUND' });
  });

  test('a 分项 the catalog does not list gets a DDSS + X code, the same name the same code', async () => {
    const base = { buildingId: site.building.id, subdivisionCode: '0301', location: '1 层', capacity: 10, capacityUnit: '间' };
    const a = await as(site.qc).inspections.createLot({ ...base, itemName: '水泥砂浆面层', name: '1F 地面 A' });
    const b = await as(site.qc).inspections.createLot({ ...base, itemName: '水泥砂浆面层', name: '1F 地面 B' });
    const c = await as(site.qc).inspections.createLot({ ...base, itemName: '自流平面层', name: '1F 地面 C' });
    expect([a.itemCode, b.itemCode, c.itemCode]).toEqual(['0301X1', '0301X1', '0301X2']);
  });
});

describe('a 检验批 from self-check to acceptance', () => {
  test('the next lot is blocked by its predecessor, and says which', async () => {
    const progress = await as(inspector).inspections.progress({ buildingId: site.building.id });
    const lots = progress.divisions.flatMap((d) => d.subdivisions.flatMap((s) => s.items.flatMap((i) => i.lots)));
    expect(lots.find((l) => l.id === concrete)).toMatchObject({ status: 'BLOCKED', blockedBy: [{ id: rebar, name: '3F 梁板钢筋' }] });
    expect(await refusal(as(site.qc).inspections.submit(submission(concrete)))).toMatchObject({ domain: 'PREDECESSOR_NOT_ACCEPTED' });
  });

  test('a failing self-check cannot be submitted; nothing is written', async () => {
    const before = await db.inspectionRecord.count();
    const failing = [{ ...passingItems[0]!, passed: 4 }, passingItems[1]!];
    expect(await refusal(as(site.qc).inspections.submit(submission(rebar, { items: failing })))).toMatchObject({ domain: 'SELF_CHECK_FAILED' });
    expect(await db.inspectionRecord.count()).toBe(before);
  });

  test('submitted three times with one key: one record, one event', async () => {
    const events = await db.ledgerEvent.count({ where: { buildingId: site.building.id } });
    const input = submission(rebar);
    const results = await Promise.all([as(site.qc).inspections.submit(input), as(site.qc).inspections.submit(input)]);
    const third = await as(site.qc).inspections.submit(input);
    expect(new Set([...results, third].map((r) => r.id)).size).toBe(1);
    expect(await db.inspectionRecord.count({ where: { lotId: rebar } })).toBe(1);
    // submitted + signature.signed (+ the signer's key registered once)
    const added = await db.ledgerEvent.findMany({ where: { buildingId: site.building.id, seq: { gt: events } }, select: { type: true } });
    expect(added.map((e) => e.type).filter((t) => t === 'inspection.submitted')).toHaveLength(1);
    expect(await refusal(as(site.qc).inspections.submit(submission(rebar)))).toMatchObject({ domain: 'LOT_AWAITS_REVIEW' });
  });

  test('the contractor cannot review; the supervisor rejects with reasons (a rejection without reasons is refused)', async () => {
    const { records } = await as(site.engineer).inspections.lot({ lotId: rebar });
    const recordId = records[0]!.id;
    expect(await refusal(as(site.qc).inspections.review({ recordId, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(as(site.engineer).inspections.review({ recordId, decision: 'REJECTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(as(site.engineer).inspections.review({ recordId, decision: 'REJECTED', reasons: '保护层垫块不足', password: 'wrong', idempotencyKey: randomUUID() }))).toMatchObject({ domain: 'WRONG_PASSWORD' });
    await as(site.engineer).inspections.review({ recordId, decision: 'REJECTED', reasons: '保护层垫块间距过大，需整改后重新报验', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect(await refusal(as(site.engineer).inspections.review({ recordId, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toMatchObject({ domain: 'RECORD_ALREADY_REVIEWED' });
    expect((await as(site.qc).inspections.lot({ lotId: rebar })).state.status).toBe('REJECTED');
  });

  test('the rework is a new record pointing at the rejected one; accepted, it unblocks the next lot', async () => {
    const rework = await as(site.qc).inspections.submit(submission(rebar));
    const detail = await as(site.engineer).inspections.lot({ lotId: rebar });
    expect(detail.records).toHaveLength(2);
    expect(detail.records[1]).toMatchObject({ id: rework.id, supersedesId: detail.records[0]!.id, review: null });
    await as(site.engineer).inspections.review({ recordId: rework.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect((await as(site.qc).inspections.lot({ lotId: rebar })).state.status).toBe('ACCEPTED');
    expect((await as(site.qc).inspections.lot({ lotId: concrete })).state.blockedBy).toEqual([]);
    expect(await refusal(as(site.qc).inspections.submit(submission(rebar)))).toMatchObject({ domain: 'LOT_ALREADY_ACCEPTED' });
    await as(site.qc).inspections.submit(submission(concrete));

    const progress = await as(site.leaders.OWNER).inspections.progress({ buildingId: site.building.id });
    const concreteItem = progress.divisions[0]!.subdivisions[0]!.items.find((i) => i.code === '020103')!;
    expect(concreteItem.counts.SUBMITTED).toBe(1);
    expect(progress.divisions.find((d) => d.code === '02')!.counts).toMatchObject({ ACCEPTED: 1, SUBMITTED: 1 });
    expect((await verifyChain(db, site.building.id)).ok).toBe(true);
  });

  test('the 监理 reviews with photos: named in the signed content and the ledger event, shown with the review', async () => {
    const [record] = (await as(site.engineer).inspections.lot({ lotId: concrete })).records;
    const review = (photoIds: string[]) => as(site.engineer).inspections.review({ recordId: record!.id, decision: 'ACCEPTED', photoIds, password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    // A photo that is not this building's: refused, and nothing is written.
    const events = await db.ledgerEvent.count();
    expect(await refusal(review([randomUUID()]))).toMatchObject({ domain: 'PHOTO_NOT_FOUND' });
    expect(await db.inspectionReview.count({ where: { recordId: record!.id } })).toBe(0);
    expect(await db.ledgerEvent.count()).toBe(events);

    const photo = await uploadPhoto(db, site.engineer, { buildingId: site.building.id, bytes: await samplePhoto(31) });
    const { id } = await review([photo.id]);
    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'inspection.accepted', canonical: { contains: id } } });
    expect(JSON.parse(event.canonical).files).toContain(photo.sha256);
    const stored = await db.inspectionReview.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(stored.content)).toMatchObject({ photos: [photo.id], reviewedBy: { name: site.engineer.name, title: '专业监理工程师' } });
    const signature = await db.signature.findFirstOrThrow({ where: { subjectType: 'InspectionReview', subjectId: id } });
    expect(signature).toMatchObject({ capacity: 'SUPERVISION', contentSha256: stored.contentSha256 });
    const shown = (await as(inspector).inspections.lot({ lotId: concrete })).records[0]!.review;
    expect(shown).toMatchObject({ id, decision: 'ACCEPTED', photos: [{ id: photo.id, sha256: photo.sha256, flags: photo.flags }] });
    expect((await verifyChain(db, site.building.id)).ok).toBe(true);
  });

  test('a record carries its submission key to its submitter only: their draft knows it was delivered', async () => {
    const stored = await db.inspectionRecord.findFirstOrThrow({ where: { lotId: concrete } });
    expect((await as(site.qc).inspections.lot({ lotId: concrete })).records[0]!.ownIdempotencyKey).toBe(stored.idempotencyKey);
    for (const reader of [site.engineer, inspector, site.leaders.CONSTRUCTION]) {
      expect((await as(reader).inspections.lot({ lotId: concrete })).records[0]!.ownIdempotencyKey).toBeNull();
    }
  });

  test('every record, review and signature is in the ledger with the content hash it names', async () => {
    const types = (await db.ledgerEvent.findMany({ where: { buildingId: site.building.id }, orderBy: { seq: 'asc' }, select: { type: true } })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['inspection.lotPlanned', 'inspection.submitted', 'inspection.rejected', 'inspection.resubmitted', 'inspection.accepted']));
    const records = await db.inspectionRecord.findMany({ where: { lotId: rebar } });
    for (const record of records) {
      const signature = await db.signature.findFirstOrThrow({ where: { subjectType: 'InspectionRecord', subjectId: record.id } });
      expect(signature.contentSha256).toBe(record.contentSha256);
    }
  });
});

describe('who may do what, and the pledge gate', () => {
  test('inspectors and homeowners cannot plan; a token cannot submit; strangers cannot read', async () => {
    const base = { buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020101', name: '4F 模板', location: '4 层', capacity: 10, capacityUnit: '件' };
    expect(await refusal(as(inspector).inspections.createLot(base))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(as(site.engineer).inspections.createLot(base))).toMatchObject({ code: 'FORBIDDEN' });
    const lot = await as(site.leaders.CONSTRUCTION).inspections.createLot(base);
    expect(await refusal(as({ ...site.qc, via: 'token' }).inspections.submit(submission(lot.id)))).toMatchObject({ code: 'FORBIDDEN' });
    const stranger = await actorOf(db, (await makeUser(db)).id);
    expect(await refusal(as(stranger).inspections.progress({ buildingId: site.building.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('no record for a building whose pledges are incomplete', async () => {
    const project = await makeProject(db);
    const contractor = await makeUser(db);
    await seat(db, project.id, contractor.id, 'CONSTRUCTION');
    const actor = await actorOf(db, contractor.id);
    const lot = await as(actor).inspections.createLot({ buildingId: project.buildings[0]!.id, subdivisionCode: '0201', itemCode: '020101', name: '1F 模板', location: '1 层', capacity: 10, capacityUnit: '件' });
    expect(await refusal(as(actor).inspections.submit(submission(lot.id)))).toMatchObject({ domain: 'PLEDGES_MISSING' });
  });

  test('the database refuses to change or delete records and reviews', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "InspectionRecord" SET verdict = 'PASS'`)).rejects.toThrow(/refused/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "InspectionRecord"`)).rejects.toThrow(/refused/);
    await expect(db.$executeRawUnsafe(`UPDATE "InspectionReview" SET decision = 'ACCEPTED'`)).rejects.toThrow(/refused/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "InspectionReview"`)).rejects.toThrow(/refused/);
  });
});
