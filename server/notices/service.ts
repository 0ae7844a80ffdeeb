import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import type { PartyRole } from '@/server/authz/roles';
import { buildingSubject, partySubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { chinaDate, isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { photosOfRecords } from '@/server/evidence/service';
import { completeSignOff, openSignOff, sealContent } from '@/server/inspections/sign-off';
import { signersOf } from '@/server/signatures/signers';
import { unlockSigner } from '@/server/signatures/service';
import { inspectorAgency } from '@/server/supervision/agency';
import {
  issueNoticeInput,
  respondNoticeItemInput,
  verifyNoticeResponseInput,
  type IssueNoticeInput,
  type RespondNoticeItemInput,
  type VerifyNoticeResponseInput,
} from './schemas';
import { itemState, noticeState } from './state';

/**
 * 整改通知单 (条例 art 48(三); supervision.md §2–3): the inspector of the region orders one party
 * to put numbered items right by a deadline; the party's 项目负责人 answers each item with new
 * photos; the inspector verifies each answer or returns it with the reason, and the party answers
 * again. Every step is signed and a ledger event of the building; nothing is ever changed.
 */

const NOTICE = 'RectificationNotice';
const RESPONSE = 'RectificationResponse';
const VERIFICATION = 'RectificationVerification';

const atMidnight = (date: string) => new Date(`${date}T00:00:00Z`);

export async function issueNotice(db: Db, actor: Actor, input: IssueNoticeInput) {
  const data = issueNoticeInput.parse(input);
  const subject = await buildingSubject(db, actor, data.buildingId);
  authorize(actor, 'notice.issue', subject);
  const replay = await db.rectificationNotice.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.inspectorId !== actor.userId || replay.buildingId !== data.buildingId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, number: replay.number, replayed: true };
  }
  if (data.issuedOn > chinaDate()) throw new DomainError('DATE_IN_FUTURE', 'issuedOn');
  const agency = await inspectorAgency(db, actor, subject.regionCode);
  const party = await db.projectParty.findUnique({ where: { projectId_role: { projectId: subject.projectId, role: data.partyRole } }, include: { organization: { select: { name: true } } } });
  if (!party) throw new DomainError('PARTY_NOT_ASSIGNED', 'partyRole');
  if (data.supervisionInspectionId) {
    const found = await db.supervisionInspection.count({ where: { id: data.supervisionInspectionId, buildingId: data.buildingId } });
    if (!found) throw new DomainError('SUPERVISION_INSPECTION_NOT_FOUND', 'supervisionInspectionId');
  }
  const boundPhotos = await assertRecordsOfBuilding(db, data.buildingId, data.items);

  const signer = await unlockSigner(db, actor, data.password);
  const at = new Date();
  const id = randomUUID();
  const title = agency.title;
  const items = data.items.map((item, i) => ({ id: randomUUID(), position: i + 1, ...item }));
  return db.$transaction(async (tx) => {
    // Numbered per building and year; the unique index refuses a number taken meanwhile.
    const year = data.issuedOn.slice(0, 4);
    const earlier = await tx.rectificationNotice.count({ where: { buildingId: data.buildingId, number: { startsWith: `整改-${year}-` } } });
    const number = `整改-${year}-${String(earlier + 1).padStart(3, '0')}`;
    const { text, contentSha256 } = sealContent({
      v: 1,
      kind: 'rectification-notice',
      id,
      number,
      building: data.buildingId,
      agency: { id: agency.id, name: agency.name },
      party: { role: data.partyRole, organization: party.organization.name },
      basis: data.basis,
      issuedOn: data.issuedOn,
      deadline: data.deadline,
      supervisionInspection: data.supervisionInspectionId ?? null,
      items,
      inspector: { id: actor.userId, name: actor.name, title },
      recordedAt: at.toISOString(),
    });
    await tx.rectificationNotice.create({
      data: {
        id,
        buildingId: data.buildingId,
        number,
        partyRole: data.partyRole,
        basis: data.basis,
        issuedOn: atMidnight(data.issuedOn),
        deadline: atMidnight(data.deadline),
        supervisionInspectionId: data.supervisionInspectionId ?? null,
        content: text,
        contentSha256,
        inspectorId: actor.userId,
        agencyId: agency.id,
        recordedAt: at,
        idempotencyKey: data.idempotencyKey,
        items: { create: items },
      },
    });
    // The photos the items point at are named in the event, not attached: they belong to their own records.
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role: 'INSPECTOR',
      title,
      type: 'notice.issued',
      subject: { type: NOTICE, id },
      subjects: { rectificationNoticeId: id },
      text,
      contentSha256,
      photoIds: [],
      files: boundPhotos,
      at,
      data: { number, party: data.partyRole, deadline: data.deadline, items: String(items.length) },
    });
    return { id, number, replayed: false };
  });
}

/** Refuses an item that points at a record of another building (or none); returns the bound photos' SHA-256s. */
async function assertRecordsOfBuilding(db: DbOrTx, buildingId: string, items: { lotIds: string[]; photoIds: string[]; receiptIds: string[]; concealedWorkIds: string[] }[]) {
  const all = (key: 'lotIds' | 'photoIds' | 'receiptIds' | 'concealedWorkIds') => [...new Set(items.flatMap((i) => i[key]))];
  const where = (key: 'lotIds' | 'photoIds' | 'receiptIds' | 'concealedWorkIds') => ({ where: { id: { in: all(key) }, buildingId } });
  const [lots, photos, receipts, works] = await Promise.all([
    db.inspectionLot.count(where('lotIds')),
    db.photo.findMany({ ...where('photoIds'), select: { sha256: true } }),
    db.materialReceipt.count(where('receiptIds')),
    db.concealedWork.count(where('concealedWorkIds')),
  ]);
  const found = [lots, photos.length, receipts, works];
  const wanted = [all('lotIds'), all('photoIds'), all('receiptIds'), all('concealedWorkIds')].map((ids) => ids.length);
  if (found.some((n, i) => n !== wanted[i])) throw new DomainError('NOTICE_RECORD_NOT_FOUND', 'items');
  return photos.map((p) => p.sha256);
}

/** The item with its notice's building, party and project, and its responses in order. */
async function loadItem(db: DbOrTx, itemId: string) {
  const item = await db.rectificationItem.findUnique({
    where: { id: itemId },
    include: {
      notice: { select: { id: true, buildingId: true, partyRole: true, number: true, building: { select: { projectId: true } } } },
      responses: { orderBy: { respondedAt: 'asc' }, include: { verification: { select: { decision: true } } } },
    },
  });
  if (!item) throw new DomainError('NOTICE_ITEM_NOT_FOUND');
  return item;
}

/** Refuses an answer unless the item awaits one (none yet, or the last one returned). */
function assertAwaitsResponse(responses: { verification: { decision: 'VERIFIED' | 'RETURNED' } | null }[]) {
  const state = itemState(responses);
  if (state === 'RESPONDED') throw new DomainError('NOTICE_ITEM_AWAITS_VERIFICATION');
  if (state === 'VERIFIED') throw new DomainError('NOTICE_ITEM_ALREADY_VERIFIED');
}

export async function respondNoticeItem(db: Db, actor: Actor, input: RespondNoticeItemInput) {
  const data = respondNoticeItemInput.parse(input);
  const item = await loadItem(db, data.itemId);
  const { notice } = item;
  authorize(actor, 'notice.respond', await partySubject(db, actor, notice.building.projectId, notice.partyRole));
  const replay = await db.rectificationResponse.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.respondedById !== actor.userId || replay.itemId !== item.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  assertAwaitsResponse(item.responses);
  // New evidence only: a photo already of a record, or one the notice itself points at, proves nothing done since.
  const used = await db.recordPhoto.count({ where: { photoId: { in: data.photoIds } } });
  if (used > 0 || data.photoIds.some((p) => item.photoIds.includes(p))) throw new DomainError('NOTICE_PHOTO_NOT_NEW', 'photoIds');

  const { signer, title } = await openSignOff(db, actor, notice.buildingId, notice.partyRole, data.password);
  const at = new Date();
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    // Items are never updated, so the lock only serializes two answers to the same item.
    await tx.$executeRaw`SELECT 1 FROM "RectificationItem" WHERE id = ${item.id}::uuid FOR UPDATE`;
    const responses = await tx.rectificationResponse.findMany({ where: { itemId: item.id }, orderBy: { respondedAt: 'asc' }, include: { verification: { select: { decision: true } } } });
    assertAwaitsResponse(responses);
    const previousId = responses.at(-1)?.id ?? null;
    const { text, contentSha256 } = sealContent({
      v: 1,
      kind: 'rectification-response',
      id,
      notice: { id: notice.id, number: notice.number },
      item: { id: item.id, position: item.position },
      previous: previousId,
      actionTaken: data.actionTaken,
      photos: data.photoIds,
      party: notice.partyRole,
      respondedBy: { id: actor.userId, name: actor.name, title },
      respondedAt: at.toISOString(),
    });
    await tx.rectificationResponse.create({
      data: { id, itemId: item.id, buildingId: notice.buildingId, previousId, actionTaken: data.actionTaken, partyRole: notice.partyRole, content: text, contentSha256, respondedById: actor.userId, respondedAt: at, idempotencyKey: data.idempotencyKey },
    });
    await completeSignOff(tx, signer, {
      buildingId: notice.buildingId,
      role: notice.partyRole,
      title,
      type: 'notice.responded',
      subject: { type: RESPONSE, id },
      subjects: { rectificationNoticeId: notice.id, rectificationItemId: item.id, rectificationResponseId: id },
      text,
      contentSha256,
      photoIds: data.photoIds,
      at,
      data: { number: notice.number, item: String(item.position), previous: previousId },
    });
    return { id, replayed: false };
  });
}

export async function verifyNoticeResponse(db: Db, actor: Actor, input: VerifyNoticeResponseInput) {
  const data = verifyNoticeResponseInput.parse(input);
  const response = await db.rectificationResponse.findUnique({
    where: { id: data.responseId },
    include: { verification: { select: { id: true } }, item: { select: { id: true, position: true, notice: { select: { id: true, number: true } } } } },
  });
  if (!response) throw new DomainError('NOTICE_RESPONSE_NOT_FOUND');
  const subject = await buildingSubject(db, actor, response.buildingId);
  authorize(actor, 'notice.verify', subject);
  const replay = await db.rectificationVerification.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.verifiedById !== actor.userId || replay.responseId !== response.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  if (response.verification) throw new DomainError('NOTICE_RESPONSE_ALREADY_VERIFIED');
  const agency = await inspectorAgency(db, actor, subject.regionCode);

  const signer = await unlockSigner(db, actor, data.password);
  const at = new Date();
  const id = randomUUID();
  const title = agency.title;
  const { notice } = response.item;
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'rectification-verification',
    id,
    notice: { id: notice.id, number: notice.number },
    item: { id: response.item.id, position: response.item.position },
    response: { id: response.id, contentSha256: response.contentSha256 },
    decision: data.decision,
    reason: data.reason,
    photos: data.photoIds,
    agency: { id: agency.id, name: agency.name },
    inspector: { id: actor.userId, name: actor.name, title },
    verifiedAt: at.toISOString(),
  });
  return db.$transaction(async (tx) => {
    // One verification per response: the unique index refuses a second one made meanwhile.
    await tx.rectificationVerification.create({
      data: { id, responseId: response.id, buildingId: response.buildingId, decision: data.decision, reason: data.reason, content: text, contentSha256, verifiedById: actor.userId, verifiedAt: at, idempotencyKey: data.idempotencyKey },
    });
    await completeSignOff(tx, signer, {
      buildingId: response.buildingId,
      role: 'INSPECTOR',
      title,
      type: data.decision === 'VERIFIED' ? 'notice.verified' : 'notice.returned',
      subject: { type: VERIFICATION, id },
      subjects: { rectificationNoticeId: notice.id, rectificationItemId: response.item.id, rectificationResponseId: response.id },
      text,
      contentSha256,
      photoIds: data.photoIds,
      at,
      data: { number: notice.number, item: String(response.item.position), decision: data.decision },
    });
    return { id, replayed: false };
  });
}

const noticeInclude = {
  items: {
    orderBy: { position: 'asc' },
    include: { responses: { orderBy: { respondedAt: 'asc' }, include: { verification: true } } },
  },
} as const;

/** The derived state of a notice read with `noticeInclude`, on today's date in China. */
function stateOf(notice: { deadline: Date; items: { responses: { verification: { decision: 'VERIFIED' | 'RETURNED' } | null }[] }[] }) {
  const items = notice.items.map((i) => itemState(i.responses));
  return { items, ...noticeState(items, isoDate(notice.deadline), chinaDate()) };
}

/** The numbers of the building's 整改通知单 not closed: each blocks 竣工验收 (supervision.md §3, C10). */
export async function openNoticeNumbers(db: DbOrTx, buildingId: string): Promise<string[]> {
  const notices = await db.rectificationNotice.findMany({ where: { buildingId }, orderBy: { issuedOn: 'asc' }, include: noticeInclude });
  return notices.filter((n) => !stateOf(n).closed).map((n) => n.number);
}

/**
 * A building's 整改通知单 with their derived state, newest first; for the inspector who may issue
 * one, the records an item may point at and the 监督检查记录 it may come from.
 */
export async function buildingNotices(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'supervision.read', subject);
  const canIssue = can(actor, 'notice.issue', subject);
  const [notices, parties] = await Promise.all([
    db.rectificationNotice.findMany({ where: { buildingId }, orderBy: [{ issuedOn: 'desc' }, { recordedAt: 'desc' }], include: noticeInclude }),
    db.projectParty.findMany({ where: { projectId: subject.projectId }, select: { role: true, organization: { select: { name: true } } } }),
  ]);
  return {
    notices: notices.map((n) => {
      const state = stateOf(n);
      return {
        id: n.id,
        number: n.number,
        partyRole: n.partyRole,
        issuedOn: isoDate(n.issuedOn),
        deadline: isoDate(n.deadline),
        closed: state.closed,
        overdueDays: state.overdueDays,
        itemCount: n.items.length,
        verifiedCount: state.items.filter((s) => s === 'VERIFIED').length,
        respondedCount: state.items.filter((s) => s === 'RESPONDED').length,
      };
    }),
    parties: parties.map((p) => ({ role: p.role, organization: p.organization.name })),
    records: canIssue ? await bindableRecords(db, buildingId) : null,
    permissions: { canIssue },
  };
}

/** What an item may point at: the building's lots, photos, material batches, 隐蔽工程 and 监督检查记录. */
async function bindableRecords(db: DbOrTx, buildingId: string) {
  const [lots, photos, receipts, concealedWorks, inspections] = await Promise.all([
    db.inspectionLot.findMany({ where: { buildingId }, select: { id: true, name: true, location: true }, orderBy: { createdAt: 'asc' } }),
    // The newest photos: what the inspector just took on site comes first.
    db.photo.findMany({ where: { buildingId }, select: { id: true, sha256: true, receivedAt: true }, orderBy: { receivedAt: 'desc' }, take: 100 }),
    db.materialReceipt.findMany({ where: { buildingId }, select: { id: true, name: true, batchNo: true }, orderBy: { receivedOn: 'asc' } }),
    db.concealedWork.findMany({ where: { buildingId }, select: { id: true, location: true }, orderBy: { notifiedAt: 'asc' } }),
    db.supervisionInspection.findMany({ where: { buildingId }, select: { id: true, inspectedOn: true }, orderBy: { inspectedOn: 'desc' } }),
  ]);
  return { lots, photos, receipts, concealedWorks, inspections: inspections.map((i) => ({ id: i.id, inspectedOn: isoDate(i.inspectedOn) })) };
}

interface NoticeContent {
  agency: { name: string };
  party: { role: PartyRole; organization: string };
  inspector: { name: string; title: string };
}

/** One notice as its page shows it: items, the records each points at, responses with photos and signers, verifications. */
export async function getNotice(db: DbOrTx, actor: Actor, noticeId: string) {
  const notice = await db.rectificationNotice.findUnique({ where: { id: noticeId }, include: { ...noticeInclude, building: { select: { id: true, code: true, name: true, project: { select: { id: true, name: true } } } } } });
  if (!notice) throw new DomainError('NOTICE_NOT_FOUND');
  const subject = await buildingSubject(db, actor, notice.buildingId);
  authorize(actor, 'supervision.read', subject);
  const party = await partySubject(db, actor, subject.projectId, notice.partyRole);
  const responses = notice.items.flatMap((i) => i.responses);
  const verifications = responses.flatMap((r) => (r.verification ? [r.verification] : []));
  const records = [...responses.map((r) => ({ type: RESPONSE, id: r.id })), ...verifications.map((v) => ({ type: VERIFICATION, id: v.id }))];
  const bound = (key: 'lotIds' | 'photoIds' | 'receiptIds' | 'concealedWorkIds') => notice.items.flatMap((i) => i[key]);
  const [photosOf, signerOf, lots, boundPhotos, receipts, works] = await Promise.all([
    photosOfRecords(db, records),
    signersOf(db, notice.buildingId, [{ type: NOTICE, id: notice.id }, ...records]),
    db.inspectionLot.findMany({ where: { id: { in: bound('lotIds') } }, select: { id: true, name: true, location: true } }),
    db.photo.findMany({ where: { id: { in: bound('photoIds') } }, select: { id: true, sha256: true } }),
    db.materialReceipt.findMany({ where: { id: { in: bound('receiptIds') } }, select: { id: true, name: true, batchNo: true } }),
    db.concealedWork.findMany({ where: { id: { in: bound('concealedWorkIds') } }, select: { id: true, location: true, lotId: true } }),
  ]);
  const pick = <T extends { id: string }>(rows: T[], ids: string[]) => ids.flatMap((id) => rows.filter((r) => r.id === id));
  const facts = JSON.parse(notice.content) as NoticeContent;
  const state = stateOf(notice);
  const canRespond = can(actor, 'notice.respond', party);
  return {
    notice: {
      id: notice.id,
      number: notice.number,
      building: notice.building,
      partyRole: notice.partyRole,
      partyOrganization: facts.party.organization,
      basis: notice.basis,
      issuedOn: isoDate(notice.issuedOn),
      deadline: isoDate(notice.deadline),
      supervisionInspectionId: notice.supervisionInspectionId,
      agency: facts.agency.name,
      inspector: facts.inspector,
      contentSha256: notice.contentSha256,
      recordedAt: notice.recordedAt,
      closed: state.closed,
      overdueDays: state.overdueDays,
    },
    items: notice.items.map((item, i) => ({
      id: item.id,
      position: item.position,
      finding: item.finding,
      basis: item.basis,
      requiredAction: item.requiredAction,
      state: state.items[i]!,
      lots: pick(lots, item.lotIds),
      photos: pick(boundPhotos, item.photoIds),
      receipts: pick(receipts, item.receiptIds),
      concealedWorks: pick(works, item.concealedWorkIds),
      responses: item.responses.map((r) => ({
        id: r.id,
        previousId: r.previousId,
        actionTaken: r.actionTaken,
        contentSha256: r.contentSha256,
        respondedBy: signerOf(RESPONSE, r.id, notice.partyRole),
        photos: photosOf(RESPONSE, r.id),
        verification: r.verification
          ? {
              id: r.verification.id,
              decision: r.verification.decision,
              reason: r.verification.reason,
              contentSha256: r.verification.contentSha256,
              verifiedBy: signerOf(VERIFICATION, r.verification.id, 'INSPECTOR'),
              photos: photosOf(VERIFICATION, r.verification.id),
            }
          : null,
      })),
    })),
    permissions: { canRespond, canVerify: can(actor, 'notice.verify', subject) },
  };
}
