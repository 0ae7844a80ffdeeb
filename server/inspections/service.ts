import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { canonicalJson } from '@/server/ledger/canonical';
import { recordEvent } from '@/server/ledger/record';
import { attachPhotos, photosOfRecords } from '@/server/evidence/service';
import { assertPledgeGate } from '@/server/pledges/gate';
import { signRecord, unlockSigner } from '@/server/signatures/service';
import { assertNotSuspended } from '@/server/suspensions/gate';
import { sha256Of, storeFile } from '@/server/storage';
import { lotVerdict, minimumSample } from './acceptance';
import { findItem, findSubdivision } from './catalog';
import { buildingProgressOf, lotStates, type LotState } from './progress';
import { lockUsableMaterials, usableMaterials } from './record-materials';
import { completeSignOff, openSignOff, sealContent } from './sign-off';
import { siteRecordsOf } from './site-records';
import type { z } from 'zod';
import { createLotInput, inspectionItemInput, reviewRecordInput, submitRecordInput, type CreateLotInput, type ReviewRecordInput, type SubmitRecordInput } from './schemas';

/** What a submitted record's canonical JSON holds (the signed content), as the lot page reads it. */
export interface InspectionRecordContent {
  items: z.output<typeof inspectionItemInput>[];
  constructionBasis: string;
  acceptanceBasis: string;
  notes: string;
  photos: { id: string; sha256: string }[];
  /** The batches used, as signed; absent in records signed before materials were named */
  materials?: { id: string; contentSha256: string; name: string; specification: string; batchNo: string }[];
  verdict: 'PASS' | 'FAIL';
}

/**
 * 检验批 records (GB 50300 5.0.1, GB 55032 4.3.1): the 施工单位 declares its lots and their
 * order, self-checks and signs each record; the 专业监理工程师 accepts or rejects it, signed.
 * A rejected lot is reworked as a new record pointing at the rejected one. Nothing of either
 * is ever updated.
 */

/** The actor's current seat in `role` of the building's project: the title they sign under. */
async function currentSeat(db: DbOrTx, actor: Actor, buildingId: string, role: 'CONSTRUCTION' | 'SUPERVISION') {
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { projectId: true } });
  const seat = await db.projectMember.findFirst({
    where: { projectId: building.projectId, userId: actor.userId, role, endedAt: null },
    orderBy: { isLeader: 'desc' },
  });
  if (!seat) throw new DomainError('FORBIDDEN');
  return seat;
}

function catalogItem(subdivisionCode: string, itemCode: string) {
  const listed = findItem(itemCode);
  if (!listed || !itemCode.startsWith(subdivisionCode)) throw new DomainError('ITEM_NOT_IN_CATALOG', 'itemCode');
  return listed;
}

/**
 * A 分项 named by the contractor: the catalog's own if the name is listed for this 子分部;
 * else the code it already has in this building; else the next DDSS + X + n.
 */
async function namedItem(db: DbOrTx, buildingId: string, subdivisionCode: string, name: string) {
  const listed = findSubdivision(subdivisionCode)?.subdivision.items.find((i) => i.name === name);
  if (listed) return listed;
  const custom = await db.inspectionLot.findMany({
    where: { buildingId, itemCode: { startsWith: `${subdivisionCode}X` } },
    distinct: ['itemCode'],
    select: { itemCode: true, itemName: true },
  });
  const same = custom.find((c) => c.itemName === name);
  return same ? { code: same.itemCode, name } : { code: `${subdivisionCode}X${custom.length + 1}`, name };
}

export async function createLot(db: Db, actor: Actor, input: CreateLotInput) {
  const data = createLotInput.parse(input);
  authorize(actor, 'inspection.plan', await buildingSubject(db, actor, data.buildingId));
  const subdivision = findSubdivision(data.subdivisionCode);
  if (!subdivision) throw new DomainError('SUBDIVISION_NOT_IN_CATALOG', 'subdivisionCode');
  await assertNotSuspended(db, data.buildingId, data.subdivisionCode);
  const item = data.itemCode ? catalogItem(data.subdivisionCode, data.itemCode) : await namedItem(db, data.buildingId, data.subdivisionCode, data.itemName!);
  return db.$transaction(async (tx) => {
    const predecessors = await tx.inspectionLot.findMany({ where: { id: { in: data.predecessorIds }, buildingId: data.buildingId }, select: { id: true } });
    if (predecessors.length !== new Set(data.predecessorIds).size) throw new DomainError('PREDECESSOR_NOT_FOUND', 'predecessorIds');
    const lot = await tx.inspectionLot.create({
      data: {
        buildingId: data.buildingId,
        subdivisionCode: data.subdivisionCode,
        itemCode: item.code,
        itemName: item.name,
        name: data.name,
        location: data.location,
        capacity: data.capacity,
        capacityUnit: data.capacityUnit,
        createdById: actor.userId,
        predecessors: { create: predecessors.map((p) => ({ predecessorId: p.id })) },
      },
    });
    await recordEvent(tx, {
      buildingId: data.buildingId,
      type: 'inspection.lotPlanned',
      actor: { id: actor.userId, name: actor.name, role: 'CONSTRUCTION' },
      subjects: { lotId: lot.id },
      data: {
        division: subdivision.division.name,
        subdivisionCode: data.subdivisionCode,
        subdivision: subdivision.subdivision.name,
        itemCode: item.code,
        item: item.name,
        name: data.name,
        location: data.location,
        capacity: data.capacity,
        capacityUnit: data.capacityUnit,
        predecessors: predecessors.map((p) => p.id),
      },
    });
    return { id: lot.id, itemCode: item.code };
  });
}

/** Refuses unless the lot may take a new record now: pledges signed, predecessors accepted, nothing pending. */
function assertSubmittable(state: LotState) {
  if (state.status === 'ACCEPTED') throw new DomainError('LOT_ALREADY_ACCEPTED');
  if (state.status === 'SUBMITTED') throw new DomainError('LOT_AWAITS_REVIEW');
  if (state.blockedBy.length > 0) throw new DomainError('PREDECESSOR_NOT_ACCEPTED');
}

export async function submitRecord(db: Db, actor: Actor, input: SubmitRecordInput) {
  const data = submitRecordInput.parse(input);
  const lot = await db.inspectionLot.findUnique({ where: { id: data.lotId } });
  if (!lot) throw new DomainError('LOT_NOT_FOUND');
  authorize(actor, 'inspection.submit', await buildingSubject(db, actor, lot.buildingId));

  const replay = await db.inspectionRecord.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.lotId !== lot.id || replay.submittedById !== actor.userId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, verdict: replay.verdict, replayed: true };
  }

  await assertPledgeGate(db, lot.buildingId);
  await assertNotSuspended(db, lot.buildingId, lot.subdivisionCode);
  const [state] = await lotStates(db, lot.buildingId, [lot.id]);
  assertSubmittable(state!);
  const verdict = lotVerdict(data);
  // The contractor submits only a self-check that passes (GB 50300 3.0.6: acceptance after a passed self-check).
  if (verdict.verdict !== 'PASS') throw new DomainError('SELF_CHECK_FAILED', 'items');
  const seat = await currentSeat(db, actor, lot.buildingId, 'CONSTRUCTION');

  const photos = await db.photo.findMany({ where: { id: { in: data.photoIds }, buildingId: lot.buildingId }, select: { id: true, sha256: true } });
  if (photos.length !== new Set(data.photoIds).size) throw new DomainError('PHOTO_NOT_FOUND', 'photoIds');
  const materials = (await usableMaterials(db, lot.buildingId, data.receiptIds)).map(({ id, contentSha256, name, specification, batchNo }) => ({ id, contentSha256, name, specification, batchNo }));

  const signer = await unlockSigner(db, actor, data.password);
  const at = new Date();
  const supersedes = state!.status === 'REJECTED' ? state!.currentRecordId : null;
  const content = {
    v: 1,
    kind: 'inspection-record',
    building: lot.buildingId,
    lot: { id: lot.id, subdivisionCode: lot.subdivisionCode, itemCode: lot.itemCode, itemName: lot.itemName, name: lot.name, location: lot.location, capacity: lot.capacity, capacityUnit: lot.capacityUnit },
    items: data.items,
    constructionBasis: data.constructionBasis,
    acceptanceBasis: data.acceptanceBasis,
    notes: data.notes,
    photos: data.photoIds.map((id) => ({ id, sha256: photos.find((p) => p.id === id)!.sha256 })),
    materials,
    verdict: verdict.verdict,
    supersedes,
    submittedBy: { id: actor.userId, name: actor.name, title: seat.title ?? '' },
    submittedAt: at.toISOString(),
  };
  const text = canonicalJson(content);
  const contentSha256 = sha256Of(Buffer.from(text, 'utf8'));

  try {
    return await db.$transaction(async (tx) => {
      // Re-checked under the building's ledger lock order: two submissions of the same lot cannot both pass.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lot:${lot.id}`}, 0))`;
      const [fresh] = await lotStates(tx, lot.buildingId, [lot.id]);
      assertSubmittable(fresh!);
      await lockUsableMaterials(tx, lot.buildingId, data.receiptIds);
      await storeFile(tx, { bytes: Buffer.from(text, 'utf8'), mediaType: 'application/json', createdById: actor.userId });
      const record = await tx.inspectionRecord.create({
        data: {
          lotId: lot.id,
          buildingId: lot.buildingId,
          content: text,
          contentSha256,
          verdict: verdict.verdict,
          supersedesId: supersedes,
          submittedById: actor.userId,
          submittedAt: at,
          idempotencyKey: data.idempotencyKey,
          materials: { create: data.receiptIds.map((receiptId) => ({ receiptId })) },
        },
      });
      // Reworks of this lot may show the same pictures again; any other record may not.
      const lotRecords = await tx.inspectionRecord.findMany({ where: { lotId: lot.id }, select: { id: true } });
      const evidence = await attachPhotos(tx, { type: 'InspectionRecord', id: record.id, buildingId: lot.buildingId, exclude: { type: 'InspectionRecord', ids: lotRecords.map((r) => r.id) } }, data.photoIds);
      await recordEvent(tx, {
        buildingId: lot.buildingId,
        type: supersedes ? 'inspection.resubmitted' : 'inspection.submitted',
        actor: { id: actor.userId, name: actor.name, role: 'CONSTRUCTION' },
        at,
        subjects: { lotId: lot.id, inspectionRecordId: record.id, ...(supersedes ? { supersedesId: supersedes } : {}) },
        files: [contentSha256, ...materials.map((m) => m.contentSha256), ...evidence.sha256s],
        data: {
          verdict: verdict.verdict,
          itemCode: lot.itemCode,
          name: lot.name,
          location: lot.location,
          materials: materials.map((m) => ({ receiptId: m.id, contentSha256: m.contentSha256 })),
          possiblyReusedPhotos: evidence.reused,
        },
      });
      await signRecord(tx, signer, {
        buildingId: lot.buildingId,
        capacity: 'CONSTRUCTION',
        title: seat.title ?? '施工单位',
        subject: { type: 'InspectionRecord', id: record.id },
        contentSha256,
        at,
      });
      return { id: record.id, verdict: verdict.verdict, replayed: false };
    });
  } catch (error) {
    // A concurrent replay of the same key won the race: answer with its record.
    const raced = await db.inspectionRecord.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
    if (raced && raced.lotId === lot.id && raced.submittedById === actor.userId) return { id: raced.id, verdict: raced.verdict, replayed: true };
    throw error;
  }
}

export async function reviewRecord(db: Db, actor: Actor, input: ReviewRecordInput) {
  const data = reviewRecordInput.parse(input);
  const record = await db.inspectionRecord.findUnique({ where: { id: data.recordId }, include: { supersededBy: { select: { id: true } }, lot: true, materials: { select: { receiptId: true } } } });
  if (!record) throw new DomainError('RECORD_NOT_FOUND');
  authorize(actor, 'inspection.review', await buildingSubject(db, actor, record.buildingId));

  const replay = await db.inspectionReview.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.recordId !== record.id || replay.reviewedById !== actor.userId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, decision: replay.decision, replayed: true };
  }
  const existing = await db.inspectionReview.findUnique({ where: { recordId: record.id } });
  if (existing || record.supersededBy) throw new DomainError('RECORD_ALREADY_REVIEWED');
  // The app computed the verdict; the signer confirms it — a failing record cannot be accepted.
  if (data.decision === 'ACCEPTED' && record.verdict !== 'PASS') throw new DomainError('VERDICT_NOT_PASS', 'decision');
  // Nor on material that failed (or went back to the lab) since the self-check was signed.
  const receiptIds = data.decision === 'ACCEPTED' ? record.materials.map((m) => m.receiptId) : [];
  await usableMaterials(db, record.buildingId, receiptIds);
  const { signer, title } = await openSignOff(db, actor, record.buildingId, 'SUPERVISION', data.password);

  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'inspection-review',
    building: record.buildingId,
    record: { id: record.id, contentSha256: record.contentSha256, verdict: record.verdict },
    lot: { id: record.lotId, itemCode: record.lot.itemCode, name: record.lot.name, location: record.lot.location },
    decision: data.decision,
    reasons: data.reasons ?? null,
    photos: data.photoIds,
    reviewedBy: { id: actor.userId, name: actor.name, title },
    reviewedAt: at.toISOString(),
  });
  try {
    return await db.$transaction(async (tx) => {
      await lockUsableMaterials(tx, record.buildingId, receiptIds);
      // recordId is unique: a second review of the same record fails here, whoever wins.
      const review = await tx.inspectionReview.create({
        data: { id, recordId: record.id, decision: data.decision, reasons: data.reasons ?? null, content: text, contentSha256, reviewedById: actor.userId, reviewedAt: at, idempotencyKey: data.idempotencyKey },
      });
      await completeSignOff(tx, signer, {
        buildingId: record.buildingId,
        role: 'SUPERVISION',
        title,
        type: data.decision === 'ACCEPTED' ? 'inspection.accepted' : 'inspection.rejected',
        subject: { type: 'InspectionReview', id },
        subjects: { lotId: record.lotId, inspectionRecordId: record.id, inspectionReviewId: id },
        text,
        contentSha256,
        photoIds: data.photoIds,
        at,
        data: { decision: data.decision, reasons: data.reasons ?? null },
      });
      return { id: review.id, decision: review.decision, replayed: false };
    });
  } catch (error) {
    const raced = await db.inspectionReview.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
    if (raced && raced.recordId === record.id && raced.reviewedById === actor.userId) return { id: raced.id, decision: raced.decision, replayed: true };
    const other = await db.inspectionReview.findUnique({ where: { recordId: record.id } });
    if (other) throw new DomainError('RECORD_ALREADY_REVIEWED');
    throw error;
  }
}

/** The building's 检验批 progress, for every party, its inspectors and ADMIN. */
export async function buildingProgress(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'inspection.read', subject);
  const [progress, building] = await Promise.all([
    buildingProgressOf(db, buildingId),
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true, code: true, name: true, project: { select: { id: true, name: true } } } }),
  ]);
  return { building, ...progress, permissions: { canPlan: can(actor, 'inspection.plan', subject), canSubmit: can(actor, 'inspection.submit', subject), canReview: can(actor, 'inspection.review', subject) } };
}

/** One 检验批: its place in the division, its state, and every record and review, oldest first. */
export async function getLot(db: DbOrTx, actor: Actor, lotId: string) {
  const lot = await db.inspectionLot.findUnique({
    where: { id: lotId },
    include: {
      predecessors: { select: { predecessor: { select: { id: true, name: true, location: true } } } },
      records: {
        orderBy: { submittedAt: 'asc' },
        include: {
          review: true,
          materials: { select: { receipt: { select: { id: true, kind: true, name: true, specification: true, batchNo: true, samples: { select: { sampleNo: true, result: { select: { passed: true } } } } } } } },
        },
      },
    },
  });
  if (!lot) throw new DomainError('LOT_NOT_FOUND');
  const subject = await buildingSubject(db, actor, lot.buildingId);
  authorize(actor, 'inspection.read', subject);
  const [state] = await lotStates(db, lot.buildingId, [lot.id]);
  const people = await db.user.findMany({
    where: { id: { in: lot.records.flatMap((r) => [r.submittedById, ...(r.review ? [r.review.reviewedById] : [])]) } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const place = findSubdivision(lot.subdivisionCode);
  const photosOf = await photosOfRecords(db, lot.records.flatMap((r) => [{ type: 'InspectionRecord', id: r.id }, ...(r.review ? [{ type: 'InspectionReview', id: r.review.id }] : [])]));
  return {
    lot: {
      id: lot.id,
      buildingId: lot.buildingId,
      division: place?.division.name ?? '',
      subdivisionCode: lot.subdivisionCode,
      subdivision: place?.subdivision.name ?? '',
      itemCode: lot.itemCode,
      itemName: lot.itemName,
      name: lot.name,
      location: lot.location,
      capacity: lot.capacity,
      capacityUnit: lot.capacityUnit,
      minimumSample: minimumSample(lot.capacity),
      predecessors: lot.predecessors.map((p) => p.predecessor),
    },
    state: state!,
    records: lot.records.map((r) => ({
      id: r.id,
      verdict: r.verdict,
      supersedesId: r.supersedesId,
      contentSha256: r.contentSha256,
      content: JSON.parse(r.content) as InspectionRecordContent,
      submittedBy: nameOf.get(r.submittedById) ?? '',
      submittedAt: r.submittedAt,
      photos: photosOf('InspectionRecord', r.id),
      // The batches as they stand now: a sample may have failed since the record was signed.
      materials: r.materials.map(({ receipt: { samples, ...receipt } }) => ({ ...receipt, failedSamples: samples.filter((s) => s.result?.passed === false).map((s) => s.sampleNo) })),
      // Only the submitter's own: their draft on the phone is delivered when its key is here.
      ownIdempotencyKey: r.submittedById === actor.userId ? r.idempotencyKey : null,
      review: r.review
        ? {
            id: r.review.id,
            decision: r.review.decision,
            reasons: r.review.reasons,
            reviewedBy: nameOf.get(r.review.reviewedById) ?? '',
            reviewedAt: r.review.reviewedAt,
            contentSha256: r.review.contentSha256,
            photos: photosOf('InspectionReview', r.review.id),
          }
        : null,
    })),
    ...(await siteRecordsOf(db, actor, lot)),
    permissions: {
      canSubmit: can(actor, 'inspection.submit', subject),
      canReview: can(actor, 'inspection.review', subject),
      canRecordConcealed: can(actor, 'concealed.record', subject),
      canReviewConcealed: can(actor, 'concealed.review', subject),
      canRecordSideStation: can(actor, 'sideStation.record', subject),
      canConfirmSideStation: can(actor, 'sideStation.confirm', subject),
    },
  };
}
