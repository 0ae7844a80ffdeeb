import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { verifyChain } from '@/server/ledger/verify';
import { storeFile } from '@/server/storage';
import { callerFor, FACTORY_PASSWORD, makeProject, makeSignedProject, receiptInput } from '@/tests/factories';
import { refusal } from '@/tests/refusal';

/**
 * Lots name the material batches they used, and the batches gate them (条例 arts 29, 37;
 * docs/decisions/008): only approved batches with no failed or pending sample; the 监理's
 * acceptance checks them again; a batch failing later flags the lots that used it.
 */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let certificate: string;
const as = (actor: Actor) => callerFor(db, actor);

const items = [{ kind: 'MAIN' as const, requirement: '钢筋的品种、级别、规格和数量符合设计要求', minSample: 5, sampled: 5, passed: 5 }];
const submission = (lotId: string, receiptIds: string[]) => ({
  lotId,
  items,
  constructionBasis: '钢筋工程施工方案 SG-02',
  acceptanceBasis: 'GB 50204-2015',
  receiptIds,
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
});
const accept = (recordId: string) => ({ recordId, decision: 'ACCEPTED' as const, password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });

let lotNo = 0;
async function newLot() {
  lotNo++;
  return (await as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020102', name: `${lotNo}F 梁板钢筋`, location: `${lotNo} 层`, capacity: 60, capacityUnit: 't' })).id;
}

let batchNo = 0;
/** A batch received by the 施工单位 and, unless `approval` is null, reviewed by the 监理. */
async function batch(approval: 'ACCEPTED' | 'REJECTED' | null = 'ACCEPTED') {
  batchNo++;
  const { id } = await as(site.qc).materials.recordReceipt(receiptInput(site.building.id, certificate, `B-${batchNo}`));
  if (approval) await as(site.engineer).materials.approveReceipt({ receiptId: id, decision: approval, ...(approval === 'REJECTED' ? { reasons: '质量证明书与炉批号不符' } : {}), password: FACTORY_PASSWORD });
  return id;
}

/** A witnessed sample of the batch; with `passed`, its lab result too. */
async function sampleOf(receiptId: string, passed?: boolean) {
  const sampleNo = `GJ-${randomUUID().slice(0, 8)}`;
  const sample = await as(site.engineer).materials.recordSample({
    buildingId: site.building.id,
    receiptId,
    kind: 'REBAR',
    sampleNo,
    location: '钢筋堆场',
    sampledAt: '2026-11-24T10:00:00+08:00',
    samplerId: site.qc.userId,
    lab: '福州市建筑工程检测中心',
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  });
  const reportNo = `JC-${sampleNo}`;
  if (passed !== undefined) await resultOf(sample.id, passed, reportNo);
  return { id: sample.id, sampleNo, reportNo };
}

async function resultOf(sampleId: string, passed: boolean, reportNo: string) {
  const report = (await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 检测报告 ${randomUUID()}`), mediaType: 'application/pdf' })).sha256;
  await as(site.engineer).materials.recordResult({ sampleId, reportNo, reportSha256: report, passed, reportedOn: '2026-11-26', password: FACTORY_PASSWORD });
}

/** What a refused call must leave untouched. */
const written = async () => ({
  records: await db.inspectionRecord.count(),
  reviews: await db.inspectionReview.count(),
  materials: await db.inspectionRecordMaterial.count(),
  events: await db.ledgerEvent.count({ where: { buildingId: site.building.id } }),
});

beforeAll(async () => {
  site = await makeSignedProject(db);
  certificate = (await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 质量证明书 ${randomUUID()}`), mediaType: 'application/pdf' })).sha256;
});

describe('a self-check names the batches it used', () => {
  test('approved, tested batches: named in the signed content, its ledger event and the record (each once)', async () => {
    const tested = await batch();
    await sampleOf(tested, true);
    const untested = await batch(); // approved, no sample: the 监理's approval is its check
    const lot = await newLot();
    const { id } = await as(site.qc).inspections.submit(submission(lot, [tested, untested, tested]));

    const record = await db.inspectionRecord.findUniqueOrThrow({ where: { id }, include: { materials: true } });
    const receipts = await db.materialReceipt.findMany({ where: { id: { in: [tested, untested] } } });
    const sha = (receiptId: string) => receipts.find((r) => r.id === receiptId)!.contentSha256;
    expect(record.materials.map((m) => m.receiptId).sort()).toEqual([tested, untested].sort());
    expect(JSON.parse(record.content).materials).toMatchObject([
      { id: tested, contentSha256: sha(tested), batchNo: receipts.find((r) => r.id === tested)!.batchNo },
      { id: untested, contentSha256: sha(untested) },
    ]);
    const events = await db.ledgerEvent.findMany({ where: { buildingId: site.building.id, type: 'inspection.submitted' } });
    const canonical = events.map((e) => JSON.parse(e.canonical)).find((e) => e.subjects.inspectionRecordId === id);
    expect(canonical.files).toEqual(expect.arrayContaining([record.contentSha256, sha(tested), sha(untested)]));
    expect(canonical.data.materials).toEqual([
      { receiptId: tested, contentSha256: sha(tested) },
      { receiptId: untested, contentSha256: sha(untested) },
    ]);
    expect((await verifyChain(db, site.building.id)).ok).toBe(true);

    const page = await as(site.engineer).inspections.lot({ lotId: lot });
    expect(page.records[0]!.materials.map((m) => m.batchNo).sort()).toEqual(receipts.map((r) => r.batchNo).sort());
  });

  test('without materials (e.g. 模板) the record names none', async () => {
    const { id } = await as(site.qc).inspections.submit({ ...submission(await newLot(), []), receiptIds: undefined });
    const record = await db.inspectionRecord.findUniqueOrThrow({ where: { id }, include: { materials: true } });
    expect(record.materials).toEqual([]);
    expect(JSON.parse(record.content).materials).toEqual([]);
  });

  test('a batch not of the building, unknown, not approved, failed or still at the lab is refused; nothing is written', async () => {
    const lot = await newLot();
    const other = (await makeProject(db)).buildings[0]!;
    const foreign = await db.materialReceipt.create({
      data: { buildingId: other.id, kind: 'REBAR', name: 'x', specification: 'x', batchNo: 'x', quantity: '1', unit: 't', supplier: 'x', receivedOn: new Date('2026-11-20'), certificates: [], content: '{}', contentSha256: '0'.repeat(64), recordedById: site.qc.userId, recordedAt: new Date() },
    });
    const awaiting = await batch(null);
    const refused = await batch('REJECTED');
    const failed = await batch();
    await sampleOf(failed, true);
    await sampleOf(failed, false);
    const atLab = await batch();
    await sampleOf(atLab);
    const good = await batch();

    const before = await written();
    const cases: [string[], string][] = [
      [[good, foreign.id], 'MATERIAL_OF_OTHER_BUILDING'],
      [[good, randomUUID()], 'RECEIPT_NOT_FOUND'],
      [[awaiting], 'MATERIAL_NOT_APPROVED'],
      [[good, refused], 'MATERIAL_NOT_APPROVED'],
      [[failed], 'MATERIAL_SAMPLE_FAILED'],
      [[atLab], 'MATERIAL_SAMPLE_PENDING'],
    ];
    for (const [receiptIds, domain] of cases) expect(await refusal(as(site.qc).inspections.submit(submission(lot, receiptIds)))).toMatchObject({ domain });
    expect(await written()).toEqual(before);
    expect((await as(site.qc).inspections.lot({ lotId: lot })).state.status).toBe('OPEN');
  });
});

describe('the 监理 accepts only on material that still passes', () => {
  test('a batch sent back to the lab or failed since the self-check stops the acceptance (nothing written); a rejection stays possible', async () => {
    const receipt = await batch();
    await sampleOf(receipt, true);
    const { id } = await as(site.qc).inspections.submit(submission(await newLot(), [receipt]));

    const retest = await sampleOf(receipt);
    let before = await written();
    expect(await refusal(as(site.engineer).inspections.review(accept(id)))).toMatchObject({ domain: 'MATERIAL_SAMPLE_PENDING' });
    expect(await written()).toEqual(before);
    await resultOf(retest.id, false, retest.reportNo);
    before = await written();
    expect(await refusal(as(site.engineer).inspections.review(accept(id)))).toMatchObject({ domain: 'MATERIAL_SAMPLE_FAILED' });
    expect(await written()).toEqual(before);

    await as(site.engineer).inspections.review({ recordId: id, decision: 'REJECTED', reasons: '所用钢筋复试不合格，需更换批次后重新报验', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect(await db.inspectionReview.findUniqueOrThrow({ where: { recordId: id } })).toMatchObject({ decision: 'REJECTED' });
  });
});

describe('a batch that fails after the lot was accepted', () => {
  test('flags the lot in the progress and on its page, naming the sample; no record changes', async () => {
    const receipt = await batch();
    await sampleOf(receipt, true);
    const lot = await newLot();
    const { id } = await as(site.qc).inspections.submit(submission(lot, [receipt]));
    await as(site.engineer).inspections.review(accept(id));
    const progressOf = async () => (await as(site.leaders.OWNER).inspections.progress({ buildingId: site.building.id }));
    const rowOf = (p: Awaited<ReturnType<typeof progressOf>>) => p.divisions.flatMap((d) => d.subdivisions.flatMap((s) => s.items.flatMap((i) => i.lots))).find((l) => l.id === lot)!;
    expect(rowOf(await progressOf())).toMatchObject({ status: 'ACCEPTED', failedMaterials: [] });
    const flaggedBefore = (await progressOf()).lotsOnFailedMaterial;
    const signed = await db.inspectionRecord.findUniqueOrThrow({ where: { id } });

    const failed = await sampleOf(receipt, false);

    const progress = await progressOf();
    expect(rowOf(progress)).toMatchObject({ status: 'ACCEPTED', failedMaterials: [{ receiptId: receipt, sampleNo: failed.sampleNo, reportNo: failed.reportNo, materialName: '热轧带肋钢筋' }] });
    expect(progress.lotsOnFailedMaterial).toBe(flaggedBefore + 1);
    const page = await as(site.engineer).inspections.lot({ lotId: lot });
    expect(page.state).toMatchObject({ status: 'ACCEPTED', failedMaterials: [{ sampleNo: failed.sampleNo }] });
    expect(page.records[0]!.materials).toMatchObject([{ id: receipt, failedSamples: [failed.sampleNo] }]);
    expect(await db.inspectionRecord.findUniqueOrThrow({ where: { id } })).toEqual(signed);
    expect((await verifyChain(db, site.building.id)).ok).toBe(true);
  });
});

test('the database refuses to change or remove the materials a record names', async () => {
  expect(await db.inspectionRecordMaterial.count()).toBeGreaterThan(0);
  await expect(db.$executeRawUnsafe(`UPDATE "InspectionRecordMaterial" SET "receiptId" = "receiptId"`)).rejects.toThrow(/refused/);
  await expect(db.$executeRawUnsafe(`DELETE FROM "InspectionRecordMaterial"`)).rejects.toThrow(/refused/);
  await expect(db.$executeRawUnsafe(`TRUNCATE "InspectionRecordMaterial"`)).rejects.toThrow(/refused/);
});
