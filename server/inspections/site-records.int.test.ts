import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject } from '@/tests/factories';

/** 隐蔽工程 and 旁站: each side signs its part, and the lots after them wait for both. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);
let rebar: string;
let concrete: string;
let curing: string;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, domain: (error as TRPCError).message };
}
const organizationName = async (role: 'CONSTRUCTION' | 'SUPERVISION') => (await db.organization.findUniqueOrThrow({ where: { id: site.orgs[role] } })).name;
const blockers = async (lotId: string) => (await as(inspector).inspections.lot({ lotId })).state.blockedBy.map((b) => b.reason);

async function accept(lotId: string) {
  const record = await as(site.qc).inspections.submit({
    lotId,
    items: [{ kind: 'MAIN', requirement: '主控项目', minSample: 2, sampled: 2, passed: 2 }],
    constructionBasis: '施工方案',
    acceptanceBasis: 'GB 50204-2015',
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  });
  await as(site.engineer).inspections.review({ recordId: record.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
}

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  const plan = (itemCode: string, name: string, predecessorIds: string[] = []) =>
    as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode, name, location: '6 层', capacity: 20, capacityUnit: 't', predecessorIds }).then((l) => l.id);
  rebar = await plan('020102', '6F 梁柱钢筋');
  concrete = await plan('020103', '6F 梁柱混凝土', [rebar]);
  curing = await plan('020105', '6F 现浇结构', [concrete]);
  await accept(rebar);
});

describe('隐蔽工程', () => {
  test('recorded before covering, it holds back the next lot until the 监理 accepts it', async () => {
    expect(await blockers(concrete)).toEqual([]);
    const work = await as(site.qc).inspections.recordConcealed({
      lotId: rebar,
      location: '6 层 1–12/A–F 轴梁柱节点',
      description: '梁柱节点钢筋绑扎完成，箍筋加密区间距、锚固长度自检合格，申请隐蔽验收',
      references: '结施-06, 钢筋复试报告 GJ-2026-118',
      plannedCoverAt: '2026-11-26T08:00:00+08:00',
      photoIds: [],
      password: FACTORY_PASSWORD,
      idempotencyKey: randomUUID(),
    });
    expect(await blockers(concrete)).toEqual(['CONCEALED_NOT_ACCEPTED']);
    // The record is the notice to the 建设单位 and the 质监站: both read it now.
    const seen = await as(inspector).inspections.lot({ lotId: rebar });
    expect(seen.concealedWorks).toMatchObject([{ id: work.id, location: '6 层 1–12/A–F 轴梁柱节点', acceptance: null }]);
    expect((await as(site.leaders.OWNER).inspections.lot({ lotId: rebar })).concealedWorks).toHaveLength(1);

    expect(await refusal(as(site.qc).inspections.reviewConcealed({ concealedWorkId: work.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD }))).toMatchObject({ code: 'FORBIDDEN' });
    await as(site.engineer).inspections.reviewConcealed({ concealedWorkId: work.id, decision: 'REJECTED', reasons: '节点核心区箍筋缺失两道，补齐后重新报验', password: FACTORY_PASSWORD });
    expect(await blockers(concrete)).toEqual(['CONCEALED_NOT_ACCEPTED']);
    expect(await refusal(as(site.engineer).inspections.reviewConcealed({ concealedWorkId: work.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD }))).toMatchObject({ domain: 'CONCEALED_WORK_ALREADY_REVIEWED' });

    const before = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: await samplePhoto(39) });
    const againKey = randomUUID();
    const again = await as(site.qc).inspections.recordConcealed({
      lotId: rebar,
      location: '6 层 1–12/A–F 轴梁柱节点',
      description: '已补齐节点核心区箍筋，重新申请隐蔽验收',
      photoIds: [before.id],
      password: FACTORY_PASSWORD,
      idempotencyKey: againKey,
    });
    const photo = await uploadPhoto(db, site.engineer, { buildingId: site.building.id, bytes: await samplePhoto(40) });
    await as(site.engineer).inspections.reviewConcealed({ concealedWorkId: again.id, decision: 'ACCEPTED', photoIds: [photo.id], password: FACTORY_PASSWORD });
    expect(await blockers(concrete)).toEqual([]);

    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'concealed.accepted' } });
    expect(JSON.parse(event.canonical).files).toContain(photo.sha256);

    // The lot page names who signed each part (as signed: name, title, party) and shows the photos.
    const shown = (await as(inspector).inspections.lot({ lotId: rebar })).concealedWorks.find((w) => w.id === again.id)!;
    expect(shown.recordedBy).toEqual({ name: site.qc.name, title: '项目专业质量检查员', capacity: 'CONSTRUCTION', organization: await organizationName('CONSTRUCTION'), signedAt: shown.notifiedAt });
    expect(shown.photos).toMatchObject([{ id: before.id, sha256: before.sha256, flags: before.flags }]);
    expect(shown.acceptance).toMatchObject({
      decision: 'ACCEPTED',
      reviewedBy: { name: site.engineer.name, title: '专业监理工程师', capacity: 'SUPERVISION', organization: await organizationName('SUPERVISION') },
      photos: [{ id: photo.id, sha256: photo.sha256 }],
    });
    expect(shown.photos[0]!.receivedAt).toEqual(before.receivedAt);
    // Its submission key goes to the one who recorded it (their draft), to no one else.
    expect(shown.ownIdempotencyKey).toBeNull();
    expect((await as(site.qc).inspections.lot({ lotId: rebar })).concealedWorks.find((w) => w.id === again.id)!.ownIdempotencyKey).toBe(againKey);
  });
});

describe('旁站', () => {
  test('the 监理 records it; until the 质检员 countersigns, the next lot may not proceed', async () => {
    await accept(concrete);
    expect(await refusal(as(site.qc).inspections.recordSideStation({
      lotId: concrete, process: '混凝土浇筑', location: '6 层', startedAt: '2026-11-26T08:00:00+08:00', endedAt: '2026-11-26T14:30:00+08:00', observations: 'x', password: FACTORY_PASSWORD, idempotencyKey: randomUUID(),
    }))).toMatchObject({ code: 'FORBIDDEN' });
    const base = {
      lotId: concrete,
      process: '混凝土浇筑',
      location: '6 层梁板柱',
      observations: '浇筑顺序、振捣、坍落度抽测符合方案；留置标养试块 3 组、同条件试块 2 组',
      problems: '局部振捣不足',
      actions: '已要求补振并复查',
      password: FACTORY_PASSWORD,
    };
    expect(await refusal(as(site.engineer).inspections.recordSideStation({ ...base, startedAt: '2026-11-26T14:00:00+08:00', endedAt: '2026-11-26T08:00:00+08:00', idempotencyKey: randomUUID() }))).toMatchObject({ code: 'BAD_REQUEST' });
    const key = randomUUID();
    const photo = await uploadPhoto(db, site.engineer, { buildingId: site.building.id, bytes: await samplePhoto(42) });
    const record = await as(site.engineer).inspections.recordSideStation({ ...base, startedAt: '2026-11-26T08:00:00+08:00', endedAt: '2026-11-26T14:30:00+08:00', photoIds: [photo.id], idempotencyKey: key });
    const replay = await as(site.engineer).inspections.recordSideStation({ ...base, startedAt: '2026-11-26T08:00:00+08:00', endedAt: '2026-11-26T14:30:00+08:00', photoIds: [photo.id], idempotencyKey: key });
    expect(replay.id).toBe(record.id);
    expect(await blockers(curing)).toEqual(['SIDE_STATION_UNSIGNED']);

    expect(await refusal(as(site.engineer).inspections.confirmSideStation({ recordId: record.id, password: FACTORY_PASSWORD }))).toMatchObject({ code: 'FORBIDDEN' });
    await as(site.qc).inspections.confirmSideStation({ recordId: record.id, password: FACTORY_PASSWORD });
    expect(await refusal(as(site.qc).inspections.confirmSideStation({ recordId: record.id, password: FACTORY_PASSWORD }))).toMatchObject({ domain: 'SIDE_STATION_ALREADY_CONFIRMED' });
    expect(await blockers(curing)).toEqual([]);
    const signatures = await db.signature.findMany({ where: { subjectType: 'SideStationRecord', subjectId: record.id } });
    expect(signatures.map((s) => s.capacity).sort()).toEqual(['CONSTRUCTION', 'SUPERVISION']);

    const shown = (await as(site.leaders.OWNER).inspections.lot({ lotId: concrete })).sideStations.find((r) => r.id === record.id)!;
    expect(shown.recordedBy).toMatchObject({ name: site.engineer.name, title: '专业监理工程师', capacity: 'SUPERVISION', organization: await organizationName('SUPERVISION') });
    expect(shown.confirmation?.confirmedBy).toMatchObject({ name: site.qc.name, title: '项目专业质量检查员', capacity: 'CONSTRUCTION', organization: await organizationName('CONSTRUCTION') });
    expect(shown.confirmation?.confirmedBy?.signedAt).toEqual(shown.confirmation?.confirmedAt);
    expect(shown.photos).toMatchObject([{ id: photo.id, sha256: photo.sha256 }]);
    expect(shown.ownIdempotencyKey).toBeNull();
    expect((await as(site.engineer).inspections.lot({ lotId: concrete })).sideStations.find((r) => r.id === record.id)!.ownIdempotencyKey).toBe(key);
  });
});

test('the lot read names people, never their ID numbers or phones', async () => {
  await db.user.update({ where: { id: site.qc.userId }, data: { phone: '13800138000' } });
  for (const lotId of [rebar, concrete]) {
    const text = JSON.stringify(await as(inspector).inspections.lot({ lotId }));
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13800138000');
  }
});

test('the database refuses to change or delete concealed-work and 旁站 records', async () => {
  for (const table of ['ConcealedWork', 'ConcealedAcceptance', 'SideStationRecord', 'SideStationConfirmation']) {
    await expect(db.$executeRawUnsafe(`DELETE FROM "${table}"`)).rejects.toThrow(/refused/);
    await expect(db.$executeRawUnsafe(`UPDATE "${table}" SET id = id`)).rejects.toThrow(/refused/);
  }
});
