import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { storeFile } from '@/server/storage';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject, receiptInput } from '@/tests/factories';

/** 进场验收 and 见证取样 through the router: who signs what, and the witnessed share per kind. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
let certificate: string;
const as = (actor: Actor) => callerFor(db, actor);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, domain: (error as TRPCError).message };
}

const sample = (sampleNo: string, extra: Record<string, unknown> = {}) => ({
  buildingId: site.building.id,
  kind: 'REBAR' as const,
  sampleNo,
  location: '3 层梁板',
  sampledAt: '2026-11-24T10:00:00+08:00',
  lab: '福州市建筑工程检测中心',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
});

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  certificate = (await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 质量证明书 ${randomUUID()}`), mediaType: 'application/pdf' })).sha256;
});

describe('进场验收', () => {
  test('the contractor records the batch with its certificates; the 监理 approves it; both are signed', async () => {
    const input = receiptInput(site.building.id, certificate, '24-11-0873');
    expect(await refusal(as(site.engineer).materials.recordReceipt(input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(as(site.qc).materials.recordReceipt({ ...input, certificates: ['f'.repeat(64)] }))).toMatchObject({ domain: 'FILE_NOT_FOUND' });
    const receipt = await as(site.qc).materials.recordReceipt(input);
    expect((await as(site.qc).materials.recordReceipt(input)).id).toBe(receipt.id);
    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'material.received' } });
    expect(JSON.parse(event.canonical).files).toContain(certificate);

    expect(await refusal(as(site.qc).materials.approveReceipt({ receiptId: receipt.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD }))).toMatchObject({ code: 'FORBIDDEN' });
    await as(site.engineer).materials.approveReceipt({ receiptId: receipt.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD });
    expect(await refusal(as(site.engineer).materials.approveReceipt({ receiptId: receipt.id, decision: 'ACCEPTED', password: FACTORY_PASSWORD }))).toMatchObject({ domain: 'RECEIPT_ALREADY_REVIEWED' });
    const listed = await as(inspector).materials.list({ buildingId: site.building.id });
    expect(listed.receipts).toMatchObject([{ id: receipt.id, quantity: '32.5', recordedBy: site.qc.name, approval: { decision: 'ACCEPTED', reviewedBy: site.engineer.name } }]);
  });
});

describe('见证取样', () => {
  test('witnessed by the 监理 (naming the 施工单位 sampler) or taken unwitnessed; the share per kind against 30 %', async () => {
    expect(await refusal(as(site.engineer).materials.recordSample(sample('GJ-001')))).toMatchObject({ domain: 'SAMPLER_NOT_CONSTRUCTION' });
    expect(await refusal(as(site.engineer).materials.recordSample(sample('GJ-001', { samplerId: site.engineer.userId })))).toMatchObject({ domain: 'SAMPLER_NOT_CONSTRUCTION' });
    const witnessed = await as(site.engineer).materials.recordSample(sample('GJ-001', { samplerId: site.qc.userId }));
    for (const no of ['GJ-002', 'GJ-003', 'GJ-004']) await as(site.qc).materials.recordSample(sample(no));
    expect(await refusal(as(site.qc).materials.recordSample(sample('GJ-004')))).toMatchObject({ domain: 'SAMPLE_NO_TAKEN' });

    let share = (await as(inspector).materials.list({ buildingId: site.building.id })).shares.find((s) => s.kind === 'REBAR')!;
    expect(share).toMatchObject({ total: 4, witnessed: 1, share: 0.25, minimum: 0.3, meets: false });
    await as(site.leaders.OWNER).materials.recordSample(sample('GJ-005', { samplerId: site.qc.userId }));
    share = (await as(inspector).materials.list({ buildingId: site.building.id })).shares.find((s) => s.kind === 'REBAR')!;
    expect(share).toMatchObject({ total: 5, witnessed: 2, share: 0.4, meets: true });
    const cement = (await as(inspector).materials.list({ buildingId: site.building.id })).shares.find((s) => s.kind === 'CEMENT')!;
    expect(cement).toMatchObject({ total: 0, meets: false });

    const report = (await storeFile(db, { bytes: Buffer.from(`%PDF-1.7 检测报告 ${randomUUID()}`), mediaType: 'application/pdf' })).sha256;
    await as(site.engineer).materials.recordResult({ sampleId: witnessed.id, reportNo: 'JC-2026-0412', reportSha256: report, passed: true, reportedOn: '2026-11-25', password: FACTORY_PASSWORD });
    expect(await refusal(as(site.qc).materials.recordResult({ sampleId: witnessed.id, reportNo: 'x', reportSha256: report, passed: false, reportedOn: '2026-11-25', password: FACTORY_PASSWORD }))).toMatchObject({ domain: 'SAMPLE_ALREADY_REPORTED' });
    const signatures = await db.signature.findMany({ where: { subjectType: 'WitnessSample', subjectId: witnessed.id } });
    expect(signatures.map((s) => s.signerId)).toEqual([site.engineer.userId]);

    const { samples } = await as(inspector).materials.list({ buildingId: site.building.id });
    expect(samples.find((s) => s.id === witnessed.id)).toMatchObject({ sampler: site.qc.name, witness: site.engineer.name, result: { reportNo: 'JC-2026-0412', reportSha256: report, recordedBy: site.engineer.name } });
    expect(samples.find((s) => s.sampleNo === 'GJ-002')).toMatchObject({ witnessed: false, sampler: site.qc.name, witness: null, result: null });
  });

  test('the page names the 施工单位 people a witness may name as sampler, and what each actor may record', async () => {
    const list = (actor: Actor) => as(actor).materials.list({ buildingId: site.building.id });
    const { samplers, building } = await list(site.engineer);
    expect(building).toMatchObject({ id: site.building.id, name: expect.any(String) });
    expect(samplers.map((s) => s.userId)).toEqual([site.leaders.CONSTRUCTION.userId, site.qc.userId]);
    expect((await list(site.qc)).permissions).toEqual({ canRecordReceipt: true, canApprove: false, sampleAs: 'SAMPLER', canRecordResult: true });
    expect((await list(site.engineer)).permissions).toEqual({ canRecordReceipt: false, canApprove: true, sampleAs: 'WITNESS', canRecordResult: true });
    expect((await list(site.leaders.OWNER)).permissions).toEqual({ canRecordReceipt: false, canApprove: false, sampleAs: 'WITNESS', canRecordResult: false });
    expect((await list(inspector)).permissions).toEqual({ canRecordReceipt: false, canApprove: false, sampleAs: null, canRecordResult: false });
  });

  test('an inspector reads but cannot record; the database refuses changes', async () => {
    expect(await refusal(as(inspector).materials.recordSample(sample('GJ-100')))).toMatchObject({ code: 'FORBIDDEN' });
    for (const table of ['MaterialReceipt', 'MaterialApproval', 'WitnessSample', 'SampleResult']) {
      await expect(db.$executeRawUnsafe(`DELETE FROM "${table}"`)).rejects.toThrow(/refused/);
      await expect(db.$executeRawUnsafe(`UPDATE "${table}" SET id = id`)).rejects.toThrow(/refused/);
    }
  });
});
