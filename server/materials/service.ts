import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx, Tx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { assertUploadedDocuments } from '@/server/storage/documents';
import { assertPledgeGate } from '@/server/pledges/gate';
import { completeSignOff, openSignOff, sealContent, type SignOffRole } from '@/server/inspections/sign-off';
import { MATERIAL_KIND_CODES, MATERIAL_KINDS, witnessedShare } from './kinds';
import {
  approveReceiptInput,
  recordReceiptInput,
  recordResultInput,
  recordSampleInput,
  type ApproveReceiptInput,
  type RecordReceiptInput,
  type RecordResultInput,
  type RecordSampleInput,
} from './schemas';

/**
 * Materials on site (条例 arts 29, 31, 37; acceptance-gb50300.md §7): 进场验收 with certificates
 * (施工单位, signed) and the 监理's approval; samples, witnessed or not, and the lab's result.
 * The building's witnessed share per kind is computed from the samples, never stored.
 */

/**
 * One advisory lock per batch: records that use batches (self-check, acceptance) hold it shared while
 * they check and write; a new sample or a lab result of the batch holds it alone, so it cannot land
 * between another transaction's check and its write (docs/decisions/008).
 */
const batchLockKey = (receiptId: string) => `material:${receiptId}`;

export async function lockBatchesForUse(tx: Tx, receiptIds: string[]) {
  for (const id of [...receiptIds].sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${batchLockKey(id)}, 0))`;
}

async function lockBatchForTest(tx: Tx, receiptId: string | null) {
  if (receiptId) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${batchLockKey(receiptId)}, 0))`;
}

/** The seat role the actor records in: the first of `roles` they hold now in the building's project. */
async function seatRole(db: DbOrTx, actor: Actor, buildingId: string, roles: SignOffRole[]): Promise<SignOffRole> {
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { projectId: true } });
  const seats = await db.projectMember.findMany({ where: { projectId: building.projectId, userId: actor.userId, endedAt: null }, select: { role: true } });
  const role = roles.find((r) => seats.some((s) => s.role === r));
  if (!role) throw new DomainError('FORBIDDEN');
  return role;
}

export async function recordReceipt(db: Db, actor: Actor, input: RecordReceiptInput) {
  const data = recordReceiptInput.parse(input);
  authorize(actor, 'material.record', await buildingSubject(db, actor, data.buildingId));
  const replay = await db.materialReceipt.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.recordedById !== actor.userId || replay.buildingId !== data.buildingId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  await assertPledgeGate(db, data.buildingId);
  await assertUploadedDocuments(db, data.certificates, 'certificates');
  const { signer, title } = await openSignOff(db, actor, data.buildingId, 'CONSTRUCTION', data.password);
  const at = new Date();
  const id = randomUUID();
  const { password: _p, idempotencyKey: _k, kind: materialKind, ...facts } = data;
  const { text, contentSha256 } = sealContent({ v: 1, kind: 'material-receipt', id, building: data.buildingId, materialKind, materialKindName: MATERIAL_KINDS[materialKind].name, ...facts, recordedBy: { id: actor.userId, name: actor.name, title }, recordedAt: at.toISOString() });
  return db.$transaction(async (tx) => {
    await tx.materialReceipt.create({
      data: {
        id,
        buildingId: data.buildingId,
        kind: data.kind,
        name: data.name,
        specification: data.specification,
        batchNo: data.batchNo,
        quantity: data.quantity.toString(),
        unit: data.unit,
        supplier: data.supplier,
        receivedOn: new Date(`${data.receivedOn}T00:00:00Z`),
        certificates: data.certificates,
        content: text,
        contentSha256,
        recordedById: actor.userId,
        recordedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role: 'CONSTRUCTION',
      title,
      type: 'material.received',
      subject: { type: 'MaterialReceipt', id },
      subjects: { materialReceiptId: id },
      text,
      contentSha256,
      photoIds: [],
      at,
      data: { kind: data.kind, name: data.name, batchNo: data.batchNo },
      files: data.certificates,
    });
    return { id, replayed: false };
  });
}

export async function approveReceipt(db: Db, actor: Actor, input: ApproveReceiptInput) {
  const data = approveReceiptInput.parse(input);
  const receipt = await db.materialReceipt.findUnique({ where: { id: data.receiptId }, include: { approval: true } });
  if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND');
  authorize(actor, 'material.approve', await buildingSubject(db, actor, receipt.buildingId));
  if (receipt.approval) throw new DomainError('RECEIPT_ALREADY_REVIEWED');
  const { signer, title } = await openSignOff(db, actor, receipt.buildingId, 'SUPERVISION', data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({ v: 1, kind: 'material-approval', id, receipt: { id: receipt.id, contentSha256: receipt.contentSha256 }, decision: data.decision, reasons: data.reasons ?? null, reviewedBy: { id: actor.userId, name: actor.name, title }, reviewedAt: at.toISOString() });
  try {
    return await db.$transaction(async (tx) => {
      await tx.materialApproval.create({ data: { id, receiptId: receipt.id, decision: data.decision, reasons: data.reasons ?? null, content: text, contentSha256, reviewedById: actor.userId, reviewedAt: at } });
      await completeSignOff(tx, signer, {
        buildingId: receipt.buildingId,
        role: 'SUPERVISION',
        title,
        type: data.decision === 'ACCEPTED' ? 'material.approved' : 'material.refused',
        subject: { type: 'MaterialApproval', id },
        subjects: { materialReceiptId: receipt.id, materialApprovalId: id },
        text,
        contentSha256,
        photoIds: [],
        at,
        data: { decision: data.decision, reasons: data.reasons ?? null },
      });
      return { id, decision: data.decision };
    });
  } catch (error) {
    if (await db.materialApproval.findUnique({ where: { receiptId: receipt.id } })) throw new DomainError('RECEIPT_ALREADY_REVIEWED');
    throw error;
  }
}

/**
 * A sample. Recorded by a 监理 or 建设单位 person, it is witnessed by them and names the 施工单位's
 * sampler; recorded by the 施工单位, it is an unwitnessed sample (it still counts in the total).
 */
export async function recordSample(db: Db, actor: Actor, input: RecordSampleInput) {
  const data = recordSampleInput.parse(input);
  authorize(actor, 'sample.record', await buildingSubject(db, actor, data.buildingId));
  const replay = await db.witnessSample.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) return { id: replay.id, replayed: true };
  await assertPledgeGate(db, data.buildingId);
  const role = await seatRole(db, actor, data.buildingId, ['SUPERVISION', 'OWNER', 'CONSTRUCTION']);
  const witnessed = role !== 'CONSTRUCTION';
  const samplerId = witnessed ? data.samplerId : actor.userId;
  if (!samplerId) throw new DomainError('SAMPLER_NOT_CONSTRUCTION', 'samplerId');
  const building = await db.building.findUniqueOrThrow({ where: { id: data.buildingId }, select: { projectId: true } });
  const samplerSeat = await db.projectMember.findFirst({ where: { projectId: building.projectId, userId: samplerId, role: 'CONSTRUCTION', endedAt: null }, include: { user: { select: { name: true } } } });
  if (!samplerSeat) throw new DomainError('SAMPLER_NOT_CONSTRUCTION', 'samplerId');
  if (data.receiptId && !(await db.materialReceipt.findFirst({ where: { id: data.receiptId, buildingId: data.buildingId } }))) throw new DomainError('RECEIPT_NOT_FOUND', 'receiptId');
  if (await db.witnessSample.findUnique({ where: { buildingId_sampleNo: { buildingId: data.buildingId, sampleNo: data.sampleNo } } })) throw new DomainError('SAMPLE_NO_TAKEN', 'sampleNo');

  const { signer, title } = await openSignOff(db, actor, data.buildingId, role, data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'sample',
    id,
    building: data.buildingId,
    receipt: data.receiptId ?? null,
    materialKind: data.kind,
    sampleNo: data.sampleNo,
    location: data.location,
    sampledAt: new Date(data.sampledAt).toISOString(),
    sampler: { id: samplerId, name: samplerSeat.user.name },
    witness: witnessed ? { id: actor.userId, name: actor.name, title, party: role } : null,
    lab: data.lab,
  });
  try {
    return await db.$transaction(async (tx) => {
      await lockBatchForTest(tx, data.receiptId ?? null);
      await tx.witnessSample.create({
        data: {
          id,
          buildingId: data.buildingId,
          receiptId: data.receiptId ?? null,
          kind: data.kind,
          sampleNo: data.sampleNo,
          location: data.location,
          sampledAt: new Date(data.sampledAt),
          samplerId,
          witnessId: witnessed ? actor.userId : null,
          lab: data.lab,
          content: text,
          contentSha256,
          idempotencyKey: data.idempotencyKey,
        },
      });
      await completeSignOff(tx, signer, {
        buildingId: data.buildingId,
        role,
        title,
        type: witnessed ? 'sample.witnessed' : 'sample.taken',
        subject: { type: 'WitnessSample', id },
        subjects: { witnessSampleId: id },
        text,
        contentSha256,
        photoIds: [],
        at,
        data: { kind: data.kind, sampleNo: data.sampleNo, lab: data.lab },
      });
      return { id, replayed: false };
    });
  } catch (error) {
    if (await db.witnessSample.findUnique({ where: { buildingId_sampleNo: { buildingId: data.buildingId, sampleNo: data.sampleNo } } })) throw new DomainError('SAMPLE_NO_TAKEN', 'sampleNo');
    throw error;
  }
}

/** The lab's report on a sample (uploaded through POST /api/files) and its result. */
export async function recordResult(db: Db, actor: Actor, input: RecordResultInput) {
  const data = recordResultInput.parse(input);
  const sample = await db.witnessSample.findUnique({ where: { id: data.sampleId }, include: { result: true } });
  if (!sample) throw new DomainError('SAMPLE_NOT_FOUND');
  authorize(actor, 'sample.result', await buildingSubject(db, actor, sample.buildingId));
  if (sample.result) throw new DomainError('SAMPLE_ALREADY_REPORTED');
  await assertUploadedDocuments(db, [data.reportSha256], 'reportSha256');
  const role = await seatRole(db, actor, sample.buildingId, ['SUPERVISION', 'CONSTRUCTION']);
  const { signer, title } = await openSignOff(db, actor, sample.buildingId, role, data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({ v: 1, kind: 'sample-result', id, sample: { id: sample.id, contentSha256: sample.contentSha256 }, reportNo: data.reportNo, reportSha256: data.reportSha256, passed: data.passed, reportedOn: data.reportedOn, recordedBy: { id: actor.userId, name: actor.name, title } });
  try {
    return await db.$transaction(async (tx) => {
      await lockBatchForTest(tx, sample.receiptId);
      await tx.sampleResult.create({ data: { id, sampleId: sample.id, reportNo: data.reportNo, reportSha256: data.reportSha256, passed: data.passed, reportedOn: new Date(`${data.reportedOn}T00:00:00Z`), recordedById: actor.userId, recordedAt: at, contentSha256 } });
      await completeSignOff(tx, signer, {
        buildingId: sample.buildingId,
        role,
        title,
        type: data.passed ? 'sample.passed' : 'sample.failed',
        subject: { type: 'SampleResult', id },
        subjects: { witnessSampleId: sample.id, sampleResultId: id },
        text,
        contentSha256,
        photoIds: [],
        at,
        data: { reportNo: data.reportNo },
        files: [data.reportSha256],
      });
      return { id, passed: data.passed };
    });
  } catch (error) {
    if (await db.sampleResult.findUnique({ where: { sampleId: sample.id } })) throw new DomainError('SAMPLE_ALREADY_REPORTED');
    throw error;
  }
}

/**
 * The building's materials page: receipts with approval, samples with results, the witnessed
 * share per kind, the people named (recorder, sampler, witness, reviewer), the 施工单位's current
 * people a witness may name as sampler, and what the actor may record here.
 */
export async function buildingMaterials(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'inspection.read', subject);
  const [building, receipts, samples] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true, code: true, name: true, projectId: true } }),
    db.materialReceipt.findMany({ where: { buildingId }, orderBy: { recordedAt: 'asc' }, include: { approval: { select: { decision: true, reasons: true, reviewedById: true, reviewedAt: true } } } }),
    db.witnessSample.findMany({ where: { buildingId }, orderBy: { sampledAt: 'asc' }, include: { result: { select: { passed: true, reportNo: true, reportSha256: true, reportedOn: true, recordedById: true } } } }),
  ]);
  const samplerSeats = await db.projectMember.findMany({
    where: { projectId: building.projectId, role: 'CONSTRUCTION', endedAt: null },
    orderBy: [{ isLeader: 'desc' }, { startedAt: 'asc' }],
    select: { userId: true, title: true, isLeader: true, user: { select: { name: true } } },
  });
  const people = await db.user.findMany({
    where: {
      id: {
        in: [
          ...receipts.flatMap((r) => [r.recordedById, ...(r.approval ? [r.approval.reviewedById] : [])]),
          ...samples.flatMap((s) => [s.samplerId, ...(s.witnessId ? [s.witnessId] : []), ...(s.result ? [s.result.recordedById] : [])]),
        ],
      },
    },
    select: { id: true, name: true },
  });
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? '';
  // The service records a sample as a witness when the actor sits for the 监理 or 建设单位 (seatRole's order).
  const witnessSeat = subject.seats.some((s) => s.endedAt === null && (s.role === 'SUPERVISION' || s.role === 'OWNER'));
  const canRecordSample = can(actor, 'sample.record', subject);
  return {
    building: { id: building.id, code: building.code, name: building.name },
    receipts: receipts.map(({ content: _c, idempotencyKey: _k, quantity, approval, ...r }) => ({
      ...r,
      quantity: quantity.toString(),
      recordedBy: nameOf(r.recordedById),
      approval: approval && { ...approval, reviewedBy: nameOf(approval.reviewedById) },
    })),
    samples: samples.map(({ content: _c, idempotencyKey: _k, result, ...s }) => ({
      ...s,
      witnessed: s.witnessId !== null,
      sampler: nameOf(s.samplerId),
      witness: s.witnessId ? nameOf(s.witnessId) : null,
      result: result && { ...result, recordedBy: nameOf(result.recordedById) },
    })),
    shares: MATERIAL_KIND_CODES.filter((kind) => MATERIAL_KINDS[kind].witnessRequired || samples.some((s) => s.kind === kind)).map((kind) =>
      witnessedShare(kind, samples.filter((s) => s.kind === kind).map((s) => ({ witnessed: s.witnessId !== null }))),
    ),
    samplers: samplerSeats.map((s) => ({ userId: s.userId, name: s.user.name, title: s.title, isLeader: s.isLeader })),
    permissions: {
      canRecordReceipt: can(actor, 'material.record', subject),
      canApprove: can(actor, 'material.approve', subject),
      /** 'WITNESS': records witnessed samples naming the sampler; 'SAMPLER': records its own, unwitnessed. */
      sampleAs: canRecordSample ? (witnessSeat ? ('WITNESS' as const) : ('SAMPLER' as const)) : null,
      canRecordResult: can(actor, 'sample.result', subject),
    },
  };
}
