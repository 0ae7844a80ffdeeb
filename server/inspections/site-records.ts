import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/ledger/record';
import { photosOfRecords } from '@/server/evidence/service';
import { assertPledgeGate } from '@/server/pledges/gate';
import { signRecord } from '@/server/signatures/service';
import { signersOf } from '@/server/signatures/signers';
import { assertNotSuspended } from '@/server/suspensions/gate';
import {
  confirmSideStationInput,
  recordConcealedWorkInput,
  recordSideStationInput,
  reviewConcealedWorkInput,
  type ConfirmSideStationInput,
  type RecordConcealedWorkInput,
  type RecordSideStationInput,
  type ReviewConcealedWorkInput,
} from './schemas';
import { completeSignOff, openSignOff, sealContent } from './sign-off';

/**
 * Site records around a 检验批: 隐蔽工程 (the 施工单位 records and notifies, the 监理 accepts
 * before covering) and 旁站 (the 监理 records, the 施工单位's 质检员 countersigns). Each is
 * signed, immutable, a ledger event naming its content and photos; the lots after them are
 * gated on them (progress.ts).
 */

export async function recordConcealedWork(db: Db, actor: Actor, input: RecordConcealedWorkInput) {
  const data = recordConcealedWorkInput.parse(input);
  const lot = await db.inspectionLot.findUnique({ where: { id: data.lotId } });
  if (!lot) throw new DomainError('LOT_NOT_FOUND');
  authorize(actor, 'concealed.record', await buildingSubject(db, actor, lot.buildingId));
  const replay = await db.concealedWork.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.createdById !== actor.userId || replay.lotId !== lot.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  await assertPledgeGate(db, lot.buildingId);
  await assertNotSuspended(db, lot.buildingId, lot.subdivisionCode);
  const { signer, title } = await openSignOff(db, actor, lot.buildingId, 'CONSTRUCTION', data.password);
  const at = new Date();
  const id = randomUUID();
  const content = {
    v: 1,
    kind: 'concealed-work',
    id,
    building: lot.buildingId,
    lot: { id: lot.id, itemCode: lot.itemCode, name: lot.name, location: lot.location },
    location: data.location,
    description: data.description,
    references: data.references,
    plannedCoverAt: data.plannedCoverAt ?? null,
    photos: data.photoIds,
    // The record is the notice: the 建设单位 and the 质监站 see it from this moment (条例 art 30).
    notifiedAt: at.toISOString(),
    notified: ['OWNER', 'QUALITY_AGENCY'],
    recordedBy: { id: actor.userId, name: actor.name, title },
  };
  const { text, contentSha256 } = sealContent(content);
  return db.$transaction(async (tx) => {
    await tx.concealedWork.create({
      data: {
        id,
        buildingId: lot.buildingId,
        lotId: lot.id,
        location: data.location,
        description: data.description,
        references: data.references,
        plannedCoverAt: data.plannedCoverAt ? new Date(data.plannedCoverAt) : null,
        notifiedAt: at,
        content: text,
        contentSha256,
        createdById: actor.userId,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: lot.buildingId,
      role: 'CONSTRUCTION',
      title,
      type: 'concealed.notified',
      subject: { type: 'ConcealedWork', id },
      subjects: { lotId: lot.id, concealedWorkId: id },
      text,
      contentSha256,
      photoIds: data.photoIds,
      at,
      data: { location: data.location, plannedCoverAt: data.plannedCoverAt ?? null },
    });
    return { id, replayed: false };
  });
}

export async function reviewConcealedWork(db: Db, actor: Actor, input: ReviewConcealedWorkInput) {
  const data = reviewConcealedWorkInput.parse(input);
  const work = await db.concealedWork.findUnique({ where: { id: data.concealedWorkId }, include: { acceptance: true, lot: { select: { subdivisionCode: true } } } });
  if (!work) throw new DomainError('CONCEALED_WORK_NOT_FOUND');
  authorize(actor, 'concealed.review', await buildingSubject(db, actor, work.buildingId));
  if (work.acceptance) throw new DomainError('CONCEALED_WORK_ALREADY_REVIEWED');
  // Accepting lets the work be covered, i.e. go on; refusing it changes nothing on site and stays allowed.
  if (data.decision === 'ACCEPTED') await assertNotSuspended(db, work.buildingId, work.lot.subdivisionCode);
  const { signer, title } = await openSignOff(db, actor, work.buildingId, 'SUPERVISION', data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'concealed-acceptance',
    id,
    building: work.buildingId,
    concealedWork: { id: work.id, contentSha256: work.contentSha256 },
    decision: data.decision,
    reasons: data.reasons ?? null,
    photos: data.photoIds,
    reviewedBy: { id: actor.userId, name: actor.name, title },
    reviewedAt: at.toISOString(),
  });
  try {
    return await db.$transaction(async (tx) => {
      await tx.concealedAcceptance.create({
        data: { id, concealedWorkId: work.id, decision: data.decision, reasons: data.reasons ?? null, content: text, contentSha256, reviewedById: actor.userId, reviewedAt: at },
      });
      await completeSignOff(tx, signer, {
        buildingId: work.buildingId,
        role: 'SUPERVISION',
        title,
        type: data.decision === 'ACCEPTED' ? 'concealed.accepted' : 'concealed.rejected',
        subject: { type: 'ConcealedAcceptance', id },
        subjects: { lotId: work.lotId, concealedWorkId: work.id, concealedAcceptanceId: id },
        text,
        contentSha256,
        photoIds: data.photoIds,
        at,
        data: { decision: data.decision, reasons: data.reasons ?? null },
      });
      return { id, decision: data.decision };
    });
  } catch (error) {
    if (await db.concealedAcceptance.findUnique({ where: { concealedWorkId: work.id } })) throw new DomainError('CONCEALED_WORK_ALREADY_REVIEWED');
    throw error;
  }
}

export async function recordSideStation(db: Db, actor: Actor, input: RecordSideStationInput) {
  const data = recordSideStationInput.parse(input);
  const lot = await db.inspectionLot.findUnique({ where: { id: data.lotId } });
  if (!lot) throw new DomainError('LOT_NOT_FOUND');
  authorize(actor, 'sideStation.record', await buildingSubject(db, actor, lot.buildingId));
  const replay = await db.sideStationRecord.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.recordedById !== actor.userId || replay.lotId !== lot.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  await assertNotSuspended(db, lot.buildingId, lot.subdivisionCode);
  const { signer, title } = await openSignOff(db, actor, lot.buildingId, 'SUPERVISION', data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'side-station-record',
    id,
    building: lot.buildingId,
    lot: { id: lot.id, itemCode: lot.itemCode, name: lot.name, location: lot.location },
    process: data.process,
    location: data.location,
    startedAt: new Date(data.startedAt).toISOString(),
    endedAt: new Date(data.endedAt).toISOString(),
    observations: data.observations,
    problems: data.problems,
    actions: data.actions,
    photos: data.photoIds,
    recordedBy: { id: actor.userId, name: actor.name, title },
    recordedAt: at.toISOString(),
  });
  return db.$transaction(async (tx) => {
    await tx.sideStationRecord.create({
      data: {
        id,
        buildingId: lot.buildingId,
        lotId: lot.id,
        process: data.process,
        location: data.location,
        startedAt: new Date(data.startedAt),
        endedAt: new Date(data.endedAt),
        observations: data.observations,
        problems: data.problems,
        actions: data.actions,
        content: text,
        contentSha256,
        recordedById: actor.userId,
        recordedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: lot.buildingId,
      role: 'SUPERVISION',
      title,
      type: 'sideStation.recorded',
      subject: { type: 'SideStationRecord', id },
      subjects: { lotId: lot.id, sideStationRecordId: id },
      text,
      contentSha256,
      photoIds: data.photoIds,
      at,
      data: { process: data.process, location: data.location, problems: data.problems || null },
    });
    return { id, replayed: false };
  });
}

export async function confirmSideStation(db: Db, actor: Actor, input: ConfirmSideStationInput) {
  const data = confirmSideStationInput.parse(input);
  const record = await db.sideStationRecord.findUnique({ where: { id: data.recordId }, include: { confirmation: true } });
  if (!record) throw new DomainError('SIDE_STATION_NOT_FOUND');
  authorize(actor, 'sideStation.confirm', await buildingSubject(db, actor, record.buildingId));
  if (record.confirmation) throw new DomainError('SIDE_STATION_ALREADY_CONFIRMED');
  const { signer, title } = await openSignOff(db, actor, record.buildingId, 'CONSTRUCTION', data.password);
  const at = new Date();
  const id = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      // The countersignature signs the 旁站记录's own content, as it stands.
      await tx.sideStationConfirmation.create({ data: { id, recordId: record.id, contentSha256: record.contentSha256, confirmedById: actor.userId, confirmedAt: at } });
      await recordEvent(tx, {
        buildingId: record.buildingId,
        type: 'sideStation.confirmed',
        actor: { id: actor.userId, name: actor.name, role: 'CONSTRUCTION' },
        at,
        subjects: { lotId: record.lotId, sideStationRecordId: record.id, sideStationConfirmationId: id },
        files: [record.contentSha256],
      });
      await signRecord(tx, signer, { buildingId: record.buildingId, capacity: 'CONSTRUCTION', title, subject: { type: 'SideStationRecord', id: record.id }, contentSha256: record.contentSha256, at });
      return { id };
    });
  } catch (error) {
    if (await db.sideStationConfirmation.findUnique({ where: { recordId: record.id } })) throw new DomainError('SIDE_STATION_ALREADY_CONFIRMED');
    throw error;
  }
}

/**
 * A lot's concealed works and 旁站 records, for its page: who signed each part (name, title,
 * party, time), their photos, and — to the reader who submitted it only — the record's
 * idempotency key, by which their drafts on a phone know they were delivered.
 */
export async function siteRecordsOf(db: DbOrTx, actor: Actor, lot: { id: string; buildingId: string }) {
  const [concealed, sideStations] = await Promise.all([
    db.concealedWork.findMany({ where: { lotId: lot.id }, orderBy: { notifiedAt: 'asc' }, include: { acceptance: true } }),
    db.sideStationRecord.findMany({ where: { lotId: lot.id }, orderBy: { startedAt: 'asc' }, include: { confirmation: true } }),
  ]);
  const subjects = [
    ...concealed.flatMap((w) => [{ type: 'ConcealedWork', id: w.id }, ...(w.acceptance ? [{ type: 'ConcealedAcceptance', id: w.acceptance.id }] : [])]),
    ...sideStations.map((r) => ({ type: 'SideStationRecord', id: r.id })),
  ];
  const [signedBy, photosOf] = await Promise.all([signersOf(db, lot.buildingId, subjects), photosOfRecords(db, subjects)]);
  return {
    concealedWorks: concealed.map(({ content: _c, idempotencyKey, acceptance, ...w }) => ({
      ...w,
      recordedBy: signedBy('ConcealedWork', w.id, 'CONSTRUCTION'),
      photos: photosOf('ConcealedWork', w.id),
      ownIdempotencyKey: w.createdById === actor.userId ? idempotencyKey : null,
      acceptance: acceptance
        ? {
            id: acceptance.id,
            decision: acceptance.decision,
            reasons: acceptance.reasons,
            reviewedAt: acceptance.reviewedAt,
            reviewedById: acceptance.reviewedById,
            reviewedBy: signedBy('ConcealedAcceptance', acceptance.id, 'SUPERVISION'),
            photos: photosOf('ConcealedAcceptance', acceptance.id),
          }
        : null,
    })),
    sideStations: sideStations.map(({ content: _c, idempotencyKey, confirmation, ...r }) => ({
      ...r,
      recordedBy: signedBy('SideStationRecord', r.id, 'SUPERVISION'),
      photos: photosOf('SideStationRecord', r.id),
      ownIdempotencyKey: r.recordedById === actor.userId ? idempotencyKey : null,
      // The countersignature signs the record itself: its signature in the 施工单位's capacity.
      confirmation: confirmation ? { confirmedAt: confirmation.confirmedAt, confirmedById: confirmation.confirmedById, confirmedBy: signedBy('SideStationRecord', r.id, 'CONSTRUCTION') } : null,
    })),
  };
}
