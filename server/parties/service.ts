import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { LEADER_TITLE, type PartyRole } from '@/server/authz/roles';
import { partySubject, projectSubject } from '@/server/authz/subjects';
import type { Db, Tx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/ledger/record';
import type { LedgerEventInput } from '@/server/ledger/event';
import {
  addStaffInput,
  appointLeaderInput,
  assignPartyInput,
  changeLeaderInput,
  correctLeaderDetailsInput,
  endStaffInput,
  type AddStaffInput,
  type AppointLeaderInput,
  type AssignPartyInput,
  type ChangeLeaderInput,
  type CorrectLeaderDetailsInput,
} from './schemas';

/**
 * The five parties of a project, their 项目负责人 and staff. People are never
 * removed: a seat ends (endedAt) and a 变更 is its own immutable record, so who
 * answered for what, and when, stays queryable for the building's whole design life.
 * Project-level acts are events of every building of the project.
 */

export async function recordOnProject(tx: Tx, projectId: string, event: Omit<LedgerEventInput, 'buildingId'>) {
  const buildings = await tx.building.findMany({ where: { projectId }, select: { id: true }, orderBy: { code: 'asc' } });
  for (const { id } of buildings) await recordEvent(tx, { ...event, buildingId: id });
}

const actorRef = (actor: Actor) => ({ id: actor.userId, name: actor.name });

export async function assignParty(db: Db, actor: Actor, input: AssignPartyInput) {
  const { projectId, role, organizationId } = assignPartyInput.parse(input);
  authorize(actor, 'project.manage', await projectSubject(db, actor, projectId));
  const organization = await db.organization.findUnique({ where: { id: organizationId } });
  if (!organization) throw new DomainError('ORGANIZATION_NOT_FOUND', 'organizationId');
  if (organization.kind !== 'ENTERPRISE') throw new DomainError('ORGANIZATION_NOT_ENTERPRISE', 'organizationId');
  return db.$transaction(async (tx) => {
    const existing = await tx.projectParty.findUnique({ where: { projectId_role: { projectId, role } } });
    if (existing) throw new DomainError('PARTY_ALREADY_ASSIGNED', 'organizationId');
    await tx.projectParty.create({ data: { projectId, role, organizationId } });
    await recordOnProject(tx, projectId, {
      type: 'party.assigned',
      actor: actorRef(actor),
      subjects: { projectId, organizationId },
      data: { role, organizationName: organization.name, creditCode: organization.creditCode },
    });
    return { role, organizationId };
  });
}

/** The party's organization; the appointed person must work for it. */
async function partyOrganization(tx: Tx, projectId: string, role: PartyRole, userId: string) {
  const party = await tx.projectParty.findUnique({ where: { projectId_role: { projectId, role } } });
  if (!party) throw new DomainError('PARTY_NOT_ASSIGNED');
  const membership = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: party.organizationId } } });
  if (!membership) throw new DomainError('USER_NOT_IN_PARTY_ORGANIZATION', 'userId');
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, disabledAt: true } });
  if (user.disabledAt) throw new DomainError('USER_NOT_FOUND', 'userId');
  return { organizationId: party.organizationId, name: user.name };
}

/** Takes the per-project lock so two changes of the same party cannot both see "no current leader". */
const lockParty = (tx: Tx, projectId: string, role: PartyRole) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`party:${projectId}:${role}`}, 0))`;

export async function appointLeader(db: Db, actor: Actor, input: AppointLeaderInput) {
  const { projectId, role, userId, idNumber, qualificationType, qualificationNo } = appointLeaderInput.parse(input);
  authorize(actor, 'party.staff', await partySubject(db, actor, projectId, role));
  return db.$transaction(async (tx) => {
    await lockParty(tx, projectId, role);
    const person = await partyOrganization(tx, projectId, role, userId);
    const current = await tx.projectMember.findFirst({ where: { projectId, role, isLeader: true, endedAt: null } });
    if (current) throw new DomainError('LEADER_ALREADY_APPOINTED', 'userId');
    const seat = await tx.projectMember.create({
      data: { projectId, role, userId, isLeader: true, title: LEADER_TITLE[role], idNumber, qualificationType, qualificationNo },
    });
    await recordOnProject(tx, projectId, {
      type: 'leader.appointed',
      actor: actorRef(actor),
      subjects: { projectId, memberId: seat.id, userId },
      data: { role, title: LEADER_TITLE[role], name: person.name },
    });
    return { memberId: seat.id };
  });
}

/**
 * 变更 (124号 art 8): ends the current leader's seat and opens the new one in
 * one transaction, with the reason, date and approver as an immutable record.
 * The old leader's documents keep covering their period; the new leader must sign new ones.
 */
export async function changeLeader(db: Db, actor: Actor, input: ChangeLeaderInput) {
  const data = changeLeaderInput.parse(input);
  const { projectId, role, userId } = data;
  authorize(actor, 'party.staff', await partySubject(db, actor, projectId, role));
  return db.$transaction(async (tx) => {
    await lockParty(tx, projectId, role);
    const person = await partyOrganization(tx, projectId, role, userId);
    const current = await tx.projectMember.findFirst({ where: { projectId, role, isLeader: true, endedAt: null }, include: { user: { select: { name: true } } } });
    if (!current) throw new DomainError('NO_CURRENT_LEADER');
    if (current.userId === userId) throw new DomainError('SAME_LEADER', 'userId');
    const now = new Date();
    await tx.projectMember.update({ where: { id: current.id }, data: { endedAt: now } });
    const seat = await tx.projectMember.create({
      data: {
        projectId,
        role,
        userId,
        isLeader: true,
        title: LEADER_TITLE[role],
        idNumber: data.idNumber,
        qualificationType: data.qualificationType,
        qualificationNo: data.qualificationNo,
        startedAt: now,
      },
    });
    const change = await tx.leaderChange.create({
      data: {
        projectId,
        role,
        fromMemberId: current.id,
        toMemberId: seat.id,
        reason: data.reason,
        effectiveOn: new Date(`${data.effectiveOn}T00:00:00Z`),
        approvedBy: data.approvedBy,
        recordedById: actor.userId,
        createdAt: now,
      },
    });
    await recordOnProject(tx, projectId, {
      type: 'leader.changed',
      actor: actorRef(actor),
      at: now,
      subjects: { projectId, leaderChangeId: change.id, fromMemberId: current.id, toMemberId: seat.id },
      data: { role, title: LEADER_TITLE[role], from: current.user.name, to: person.name, reason: data.reason, effectiveOn: data.effectiveOn, approvedBy: data.approvedBy },
    });
    return { memberId: seat.id, leaderChangeId: change.id };
  });
}

/** Corrects the current leader's identity data; documents that state the old data become stale and must be signed again. */
export async function correctLeaderDetails(db: Db, actor: Actor, input: CorrectLeaderDetailsInput) {
  const { memberId, idNumber, qualificationType, qualificationNo } = correctLeaderDetailsInput.parse(input);
  const seat = await db.projectMember.findUnique({ where: { id: memberId } });
  if (!seat || !seat.isLeader || seat.endedAt) throw new DomainError('SEAT_NOT_FOUND');
  authorize(actor, 'party.staff', await partySubject(db, actor, seat.projectId, seat.role));
  return db.$transaction(async (tx) => {
    await tx.projectMember.update({ where: { id: memberId }, data: { idNumber, qualificationType, qualificationNo } });
    await recordOnProject(tx, seat.projectId, {
      type: 'leader.detailsCorrected',
      actor: actorRef(actor),
      subjects: { projectId: seat.projectId, memberId },
      // The ledger does not repeat ID numbers; the re-signed documents state them.
      data: { role: seat.role, fields: ['idNumber', 'qualificationType', 'qualificationNo'] },
    });
    return { memberId };
  });
}

export async function addStaff(db: Db, actor: Actor, input: AddStaffInput) {
  const { projectId, role, userId, title, position = null } = addStaffInput.parse(input);
  authorize(actor, 'party.staff', await partySubject(db, actor, projectId, role));
  return db.$transaction(async (tx) => {
    await lockParty(tx, projectId, role);
    const person = await partyOrganization(tx, projectId, role, userId);
    const seated = await tx.projectMember.findFirst({ where: { projectId, role, userId, endedAt: null } });
    if (seated) throw new DomainError('ALREADY_SEATED', 'userId');
    // One current holder per post: a 分部验收 names whoever holds it.
    if (position && (await tx.projectMember.findFirst({ where: { projectId, role, position, endedAt: null } }))) throw new DomainError('POSITION_TAKEN', 'position');
    const seat = await tx.projectMember.create({ data: { projectId, role, userId, title, position } });
    await recordOnProject(tx, projectId, {
      type: 'staff.assigned',
      actor: actorRef(actor),
      subjects: { projectId, memberId: seat.id, userId },
      data: { role, title, position, name: person.name },
    });
    return { memberId: seat.id };
  });
}

/** Ends a staff seat (a leader leaves only through a 变更). */
export async function endStaff(db: Db, actor: Actor, input: unknown) {
  const { memberId } = endStaffInput.parse(input);
  const seat = await db.projectMember.findUnique({ where: { id: memberId }, include: { user: { select: { name: true } } } });
  if (!seat || seat.isLeader || seat.endedAt) throw new DomainError('SEAT_NOT_FOUND');
  authorize(actor, 'party.staff', await partySubject(db, actor, seat.projectId, seat.role));
  return db.$transaction(async (tx) => {
    const { count } = await tx.projectMember.updateMany({ where: { id: memberId, endedAt: null }, data: { endedAt: new Date() } });
    if (count === 0) throw new DomainError('SEAT_NOT_FOUND');
    await recordOnProject(tx, seat.projectId, {
      type: 'staff.ended',
      actor: actorRef(actor),
      subjects: { projectId: seat.projectId, memberId },
      data: { role: seat.role, title: seat.title, name: seat.user.name },
    });
    return { memberId };
  });
}
