import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import type { PartyRole } from '@/server/authz/roles';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { chinaDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { completeSignOff, sealContent } from '@/server/inspections/sign-off';
import { unlockSigner } from '@/server/signatures/service';
import { inspectorAgency } from './agency';
import { recordSupervisionInspectionInput, type RecordSupervisionInspectionInput } from './schemas';

/**
 * 监督检查 (令5号 arts 5–6; supervision.md §1–2): the 质监站's inspector records a site inspection of
 * a building in their jurisdiction, signed with their own key; the record names the people of the
 * parties who were present and the photos taken, and is a ledger event of the building.
 */

export async function recordSupervisionInspection(db: Db, actor: Actor, input: RecordSupervisionInspectionInput) {
  const data = recordSupervisionInspectionInput.parse(input);
  const subject = await buildingSubject(db, actor, data.buildingId);
  authorize(actor, 'supervision.inspect', subject);
  const replay = await db.supervisionInspection.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.inspectorId !== actor.userId || replay.buildingId !== data.buildingId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  if (data.inspectedOn > chinaDate()) throw new DomainError('DATE_IN_FUTURE', 'inspectedOn');
  const agency = await inspectorAgency(db, actor, subject.regionCode);
  const present = await db.projectMember.findMany({
    where: { id: { in: data.presentMemberIds }, projectId: subject.projectId, endedAt: null },
    include: { user: { select: { name: true } } },
    orderBy: [{ role: 'asc' }, { isLeader: 'desc' }],
  });
  if (present.length !== new Set(data.presentMemberIds).size) throw new DomainError('PRESENT_MEMBER_UNKNOWN', 'presentMemberIds');

  const signer = await unlockSigner(db, actor, data.password);
  const at = new Date();
  const id = randomUUID();
  const title = agency.title;
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'supervision-inspection',
    id,
    building: data.buildingId,
    agency: { id: agency.id, name: agency.name },
    inspectedOn: data.inspectedOn,
    scopes: data.scopes,
    present: present.map((m) => ({ id: m.id, name: m.user.name, party: m.role, title: m.isLeader ? null : m.title })),
    othersPresent: data.othersPresent,
    findings: data.findings,
    outcome: data.outcome,
    photos: data.photoIds,
    inspector: { id: actor.userId, name: actor.name, title },
    recordedAt: at.toISOString(),
  });
  return db.$transaction(async (tx) => {
    await tx.supervisionInspection.create({
      data: {
        id,
        buildingId: data.buildingId,
        inspectedOn: new Date(`${data.inspectedOn}T00:00:00Z`),
        scopes: data.scopes,
        presentMemberIds: present.map((m) => m.id),
        othersPresent: data.othersPresent,
        findings: data.findings,
        outcome: data.outcome,
        content: text,
        contentSha256,
        inspectorId: actor.userId,
        agencyId: agency.id,
        recordedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role: 'INSPECTOR',
      title,
      type: 'supervision.inspected',
      subject: { type: 'SupervisionInspection', id },
      subjects: { supervisionInspectionId: id },
      text,
      contentSha256,
      photoIds: data.photoIds,
      at,
      data: { inspectedOn: data.inspectedOn, outcome: data.outcome, agency: agency.name },
    });
    return { id, replayed: false };
  });
}

interface InspectionContent {
  agency: { name: string };
  present: { id: string; name: string; party: PartyRole; title: string | null }[];
  inspector: { name: string; title: string };
}

/** A building's 监督检查记录, newest first, as the parties, the inspectors and ADMIN read them. */
export async function buildingSupervision(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'supervision.read', subject);
  const [building, inspections, seats] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true, code: true, name: true, project: { select: { id: true, name: true } } } }),
    db.supervisionInspection.findMany({ where: { buildingId }, orderBy: [{ inspectedOn: 'desc' }, { recordedAt: 'desc' }] }),
    // Whom the form may name as present: the project's current seats.
    db.projectMember.findMany({
      where: { projectId: subject.projectId, endedAt: null },
      select: { id: true, role: true, isLeader: true, title: true, user: { select: { name: true } } },
      orderBy: [{ role: 'asc' }, { isLeader: 'desc' }, { startedAt: 'asc' }],
    }),
  ]);
  const canRecord = can(actor, 'supervision.inspect', subject);
  return {
    building,
    inspections: inspections.map(({ content, idempotencyKey: _k, ...row }) => {
      const facts = JSON.parse(content) as InspectionContent;
      return { ...row, agency: facts.agency.name, present: facts.present, inspector: facts.inspector };
    }),
    seats: canRecord ? seats.map((s) => ({ id: s.id, role: s.role, isLeader: s.isLeader, title: s.title, name: s.user.name })) : [],
    permissions: { canRecord },
  };
}
