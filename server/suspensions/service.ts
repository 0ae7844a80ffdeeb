import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can, type Action } from '@/server/authz/policy';
import { buildingSubject, partySubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { completeSignOff, openSignOff, sealContent } from '@/server/inspections/sign-off';
import { unlockSigner } from '@/server/signatures/service';
import { inspectorAgency } from '@/server/supervision/agency';
import { orderSuspensionInput, resumeWorkInput, scopeName, type OrderSuspensionInput, type ResumeWorkInput, type SuspensionIssuer } from './schemas';

/**
 * 局部暂停施工 and 复工 (supervision.md §4). The inspector of the region orders a stoppage as a
 * form of 责令改正 (条例 art 48) and lifts it after 复查; the 总监 issues the 工程暂停令 (GB/T 50319
 * 6.2.1–6.2.3) and, once the 建设单位 has approved the contractor's 复工报审, the 工程复工令 (6.2.7).
 * Each is signed with the password, a ledger event of the building, and immutable; the gate that
 * refuses new work under an active one is gate.ts.
 */

const ACTION: Record<SuspensionIssuer, Action> = { INSPECTOR: 'suspension.inspector', CHIEF_SUPERVISOR: 'suspension.chiefSupervisor' };

/** The building seen from the actor, narrowed to the 监理 (for the 总监's `partyLeader` rule). */
async function suspensionSubject(db: DbOrTx, actor: Actor, buildingId: string) {
  const building = await buildingSubject(db, actor, buildingId);
  const supervision = await partySubject(db, actor, building.projectId, 'SUPERVISION');
  return { ...building, party: supervision.party };
}

/** Opens the signer in the issuer's capacity: the inspector for their 质监站, the 总监 in their seat. */
async function openIssuer(db: Db, actor: Actor, issuer: SuspensionIssuer, building: { id: string; regionCode: string }, password: string) {
  if (issuer === 'CHIEF_SUPERVISOR') {
    const { signer, title } = await openSignOff(db, actor, building.id, 'SUPERVISION', password);
    return { signer, role: 'SUPERVISION' as const, issuedBy: { id: actor.userId, name: actor.name, title }, agency: null };
  }
  const agency = await inspectorAgency(db, actor, building.regionCode);
  const signer = await unlockSigner(db, actor, password);
  return { signer, role: 'INSPECTOR' as const, issuedBy: { id: actor.userId, name: actor.name, title: agency.title }, agency: { id: agency.id, name: agency.name } };
}

export async function orderSuspension(db: Db, actor: Actor, input: OrderSuspensionInput) {
  const data = orderSuspensionInput.parse(input);
  const subject = await suspensionSubject(db, actor, data.buildingId);
  authorize(actor, ACTION[data.issuer], subject);
  const replay = await db.suspension.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.issuedById !== actor.userId || replay.buildingId !== data.buildingId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  const scopeCodes = data.wholeBuilding ? [] : [...new Set(data.scopeCodes)].sort();
  const { signer, role, issuedBy, agency } = await openIssuer(db, actor, data.issuer, { id: data.buildingId, regionCode: subject.regionCode }, data.password);
  const at = new Date();
  const id = randomUUID();
  // The consent belongs to the 总监's order only (6.2.3); the inspector needs none.
  const ownerConsent = data.issuer === 'CHIEF_SUPERVISOR' ? { kind: data.ownerConsent!, note: data.ownerConsentNote } : null;
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'suspension',
    id,
    building: data.buildingId,
    issuer: data.issuer,
    agency,
    scope: data.wholeBuilding ? { wholeBuilding: true } : { codes: scopeCodes.map((code) => ({ code, name: scopeName(code) })) },
    reason: data.reason,
    basis: data.basis,
    ownerConsent,
    issuedBy,
    issuedAt: at.toISOString(),
  });
  return db.$transaction(async (tx) => {
    await tx.suspension.create({
      data: {
        id,
        buildingId: data.buildingId,
        issuer: data.issuer,
        wholeBuilding: data.wholeBuilding,
        scopeCodes,
        reason: data.reason,
        basis: data.basis,
        ownerConsent: ownerConsent?.kind ?? null,
        ownerConsentNote: ownerConsent?.note ?? null,
        content: text,
        contentSha256,
        issuedById: actor.userId,
        issuedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role,
      title: issuedBy.title,
      type: 'suspension.ordered',
      subject: { type: 'Suspension', id },
      subjects: { suspensionId: id },
      text,
      contentSha256,
      photoIds: [],
      at,
      data: { issuer: data.issuer, scope: data.wholeBuilding ? 'building' : scopeCodes.join(','), ownerConsent: ownerConsent?.kind ?? null },
    });
    return { id, replayed: false };
  });
}

export async function resumeWork(db: Db, actor: Actor, input: ResumeWorkInput) {
  const data = resumeWorkInput.parse(input);
  const suspension = await db.suspension.findUnique({ where: { id: data.suspensionId }, include: { resumeOrder: true } });
  if (!suspension) throw new DomainError('SUSPENSION_NOT_FOUND');
  const subject = await suspensionSubject(db, actor, suspension.buildingId);
  // Who ordered it lifts it: the 质监站 its own order, the 总监 the 工程暂停令.
  authorize(actor, ACTION[suspension.issuer], subject);
  const replay = await db.resumeOrder.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.issuedById !== actor.userId || replay.suspensionId !== suspension.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  if (suspension.resumeOrder) throw new DomainError('SUSPENSION_ALREADY_LIFTED');
  // The 复工令 follows the 建设单位's approval of the 复工报审 (6.2.7): the 总监 names it.
  const chief = suspension.issuer === 'CHIEF_SUPERVISOR';
  if (chief && !data.ownerApproval) throw new DomainError('OWNER_APPROVAL_MISSING', 'ownerApproval');
  const { signer, role, issuedBy, agency } = await openIssuer(db, actor, suspension.issuer, { id: suspension.buildingId, regionCode: subject.regionCode }, data.password);
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'resume-order',
    id,
    building: suspension.buildingId,
    suspension: { id: suspension.id, contentSha256: suspension.contentSha256 },
    agency,
    findings: data.findings,
    ownerApproval: chief ? data.ownerApproval : null,
    issuedBy,
    issuedAt: at.toISOString(),
  });
  try {
    return await db.$transaction(async (tx) => {
      // suspensionId is unique: a second 复工 of the same order fails here, whoever wins.
      await tx.resumeOrder.create({
        data: { id, suspensionId: suspension.id, findings: data.findings, ownerApproval: chief ? data.ownerApproval : null, content: text, contentSha256, issuedById: actor.userId, issuedAt: at, idempotencyKey: data.idempotencyKey },
      });
      await completeSignOff(tx, signer, {
        buildingId: suspension.buildingId,
        role,
        title: issuedBy.title,
        type: 'suspension.resumed',
        subject: { type: 'ResumeOrder', id },
        subjects: { suspensionId: suspension.id, resumeOrderId: id },
        text,
        contentSha256,
        photoIds: [],
        at,
        data: { issuer: suspension.issuer },
      });
      return { id, replayed: false };
    });
  } catch (error) {
    if (await db.resumeOrder.findUnique({ where: { suspensionId: suspension.id } })) throw new DomainError('SUSPENSION_ALREADY_LIFTED');
    throw error;
  }
}

interface SignedBy {
  issuedBy: { name: string; title: string };
  agency: { name: string } | null;
}

/** A building's suspensions, newest first, each with its 复工 if lifted; and in which capacity the reader may act. */
export async function buildingSuspensions(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await suspensionSubject(db, actor, buildingId);
  authorize(actor, 'supervision.read', subject);
  const rows = await db.suspension.findMany({ where: { buildingId }, orderBy: { issuedAt: 'desc' }, include: { resumeOrder: true } });
  return {
    suspensions: rows.map(({ content, idempotencyKey: _k, resumeOrder, ...row }) => {
      const facts = JSON.parse(content) as SignedBy;
      return {
        ...row,
        issuedBy: facts.issuedBy,
        agency: facts.agency?.name ?? null,
        scopeNames: row.scopeCodes.map(scopeName),
        resumeOrder: resumeOrder
          ? { id: resumeOrder.id, findings: resumeOrder.findings, ownerApproval: resumeOrder.ownerApproval, issuedAt: resumeOrder.issuedAt, contentSha256: resumeOrder.contentSha256, issuedBy: (JSON.parse(resumeOrder.content) as SignedBy).issuedBy }
          : null,
      };
    }),
    permissions: { asInspector: can(actor, 'suspension.inspector', subject), asChiefSupervisor: can(actor, 'suspension.chiefSupervisor', subject) },
  };
}
