import type { Actor } from '@/server/authz/actor';
import { authorize, can, visibleProjectsWhere } from '@/server/authz/policy';
import { LEADER_TITLE, PARTY_ROLES } from '@/server/authz/roles';
import { buildingSubject, projectSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/ledger/record';
import { activeSuspensions } from '@/server/suspensions/gate';
import { currentChainState } from '@/server/archive/chain-checks';
import { maskIdNumber } from '@/server/identity/mask';
import { projectGates } from '@/server/pledges/gate';
import { buildingFacts, dateOnly } from './building-facts';
import { createBuildingInput, createProjectInput, type CreateBuildingInput, type CreateProjectInput } from './schemas';

/**
 * The projects the actor may see, each with the buildings the actor may see
 * in it (a homeowner sees only the buildings of their own units).
 */
export async function listVisibleProjects(db: DbOrTx, actor: Actor) {
  const projects = await db.project.findMany({
    where: visibleProjectsWhere(actor),
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      code: true,
      name: true,
      address: true,
      regionCode: true,
      members: { where: { userId: actor.userId }, select: { role: true, isLeader: true, endedAt: true } },
      buildings: {
        orderBy: { code: 'asc' },
        select: {
          id: true,
          code: true,
          name: true,
          units: { where: { owners: { some: { userId: actor.userId } } }, select: { id: true } },
        },
      },
    },
  });
  return projects.flatMap((p) => {
    const scope = { kind: 'project', projectId: p.id, regionCode: p.regionCode, seats: p.members } as const;
    const buildings = p.buildings
      .filter((b) => can(actor, 'building.view', { ...scope, ownsUnit: b.units.length > 0 }))
      .map(({ units: _units, ...b }) => b);
    if (buildings.length === 0 && !can(actor, 'project.view', { ...scope, ownsUnit: false })) return [];
    const { members, buildings: _all, ...project } = p;
    return [{ ...project, myParties: [...new Set(members.map((m) => m.role))], buildings }];
  });
}

/** Contract 8: every building the actor may see, flat. */
export async function listVisibleBuildings(db: DbOrTx, actor: Actor) {
  const projects = await listVisibleProjects(db, actor);
  return projects.flatMap((p) => p.buildings.map((b) => ({ ...b, project: { id: p.id, name: p.name } })));
}

/**
 * Registers a project with its 建设单位: one of the creator's organizations
 * (ADMIN: any enterprise). A creator who works for it takes a seat in the
 * 建设单位 so they can run the project; its 项目负责人 is appointed next.
 */
export async function createProject(db: Db, actor: Actor, input: CreateProjectInput) {
  const data = createProjectInput.parse(input);
  authorize(actor, 'project.create', { kind: 'organization', organizationId: data.ownerOrganizationId });
  const owner = await db.organization.findUnique({ where: { id: data.ownerOrganizationId } });
  if (!owner) throw new DomainError('ORGANIZATION_NOT_FOUND', 'ownerOrganizationId');
  if (owner.kind !== 'ENTERPRISE') throw new DomainError('ORGANIZATION_NOT_ENTERPRISE', 'ownerOrganizationId');
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { code: data.code, name: data.name, address: data.address, regionCode: data.regionCode, createdById: actor.userId },
      });
      await tx.projectParty.create({ data: { projectId: project.id, role: 'OWNER', organizationId: owner.id } });
      if (actor.organizationIds.includes(owner.id)) {
        await tx.projectMember.create({ data: { projectId: project.id, role: 'OWNER', userId: actor.userId, title: '项目登记人' } });
      }
      return { id: project.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('PROJECT_CODE_TAKEN', 'code');
    throw error;
  }
}

/**
 * A new 单位工程, with its public code BL-<region>-<nnnn> (the /b/<code> of its
 * 永久性标牌). Its chain opens with `building.registered`, which states the
 * project's parties and leaders at that moment, so the chain is complete on its own.
 */
export async function createBuilding(db: Db, actor: Actor, input: CreateBuildingInput) {
  const data = createBuildingInput.parse(input);
  authorize(actor, 'project.manage', await projectSubject(db, actor, data.projectId));
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({
      where: { id: data.projectId },
      select: {
        regionCode: true,
        name: true,
        parties: { select: { role: true, organization: { select: { id: true, name: true } } } },
        members: { where: { isLeader: true, endedAt: null }, select: { id: true, role: true, user: { select: { name: true } } } },
      },
    });
    // Codes are numbered per region; the lock keeps two registrations from taking the same number.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`building-code:${project.regionCode}`}, 0))`;
    const prefix = `BL-${project.regionCode}-`;
    const [last] = await tx.building.findMany({ where: { code: { startsWith: prefix } }, orderBy: { code: 'desc' }, take: 1, select: { code: true } });
    const next = (last ? Number(last.code.slice(prefix.length)) || 0 : 0) + 1;
    const code = `${prefix}${String(next).padStart(4, '0')}`;
    const building = await tx.building.create({
      data: {
        projectId: data.projectId,
        code,
        name: data.name,
        address: data.address,
        structureType: data.structureType,
        floorsAbove: data.floorsAbove,
        floorsBelow: data.floorsBelow,
        grossArea: data.grossArea.toFixed(2),
        designWorkingLifeYears: data.designWorkingLifeYears,
        plannedStartOn: new Date(`${data.plannedStartOn}T00:00:00Z`),
        plannedCompletionOn: new Date(`${data.plannedCompletionOn}T00:00:00Z`),
      },
    });
    await recordEvent(tx, {
      buildingId: building.id,
      type: 'building.registered',
      actor: { id: actor.userId, name: actor.name },
      subjects: { projectId: data.projectId },
      data: {
        code,
        name: data.name,
        project: project.name,
        address: data.address,
        structureType: data.structureType,
        floorsAbove: data.floorsAbove,
        floorsBelow: data.floorsBelow,
        grossArea: data.grossArea.toFixed(2),
        designWorkingLifeYears: data.designWorkingLifeYears,
        plannedStartOn: data.plannedStartOn,
        plannedCompletionOn: data.plannedCompletionOn,
        parties: project.parties.map((p) => ({ role: p.role, organizationId: p.organization.id, organizationName: p.organization.name })),
        leaders: project.members.map((m) => ({ role: m.role, memberId: m.id, name: m.user.name })),
      },
    });
    return { id: building.id, code };
  });
}


/** The project page: its parties with their people (current and former), 变更, buildings with their gate. */
export async function getProject(db: DbOrTx, actor: Actor, projectId: string) {
  const subject = await projectSubject(db, actor, projectId);
  authorize(actor, 'project.view', subject);
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      code: true,
      name: true,
      address: true,
      regionCode: true,
      parties: { select: { role: true, organization: { select: { id: true, name: true, creditCode: true, legalRepresentative: true, memberships: { select: { user: { select: { id: true, name: true, login: true, disabledAt: true } } } } } } } },
      members: { orderBy: { startedAt: 'asc' }, select: { id: true, role: true, userId: true, isLeader: true, title: true, position: true, idNumber: true, qualificationType: true, qualificationNo: true, startedAt: true, endedAt: true, user: { select: { name: true } } } },
      leaderChanges: { orderBy: { createdAt: 'asc' } },
      buildings: { orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, supervisionRegisteredAt: true } },
    },
  });
  const gates = await projectGates(db, projectId);
  const canManage = can(actor, 'project.manage', subject);
  const memberName = new Map(project.members.map((m) => [m.id, m.user.name]));
  const parties = PARTY_ROLES.map((role) => {
    const party = project.parties.find((p) => p.role === role);
    const seats = project.members.filter((m) => m.role === role);
    const leader = seats.find((m) => m.isLeader && m.endedAt === null);
    const scoped = { ...subject, party: { role, organizationId: party?.organization.id ?? null } };
    return {
      role,
      leaderTitle: LEADER_TITLE[role],
      organization: party ? { id: party.organization.id, name: party.organization.name, creditCode: party.organization.creditCode, legalRepresentative: party.organization.legalRepresentative } : null,
      leader: leader
        ? {
            memberId: leader.id,
            userId: leader.userId,
            name: leader.user.name,
            idNumberMasked: leader.idNumber ? maskIdNumber(leader.idNumber) : null,
            qualificationType: leader.qualificationType,
            qualificationNo: leader.qualificationNo,
            startedAt: leader.startedAt,
          }
        : null,
      staff: seats.filter((m) => !m.isLeader && m.endedAt === null).map((m) => ({ memberId: m.id, userId: m.userId, name: m.user.name, title: m.title, position: m.position, startedAt: m.startedAt })),
      formerLeaders: seats.filter((m) => m.isLeader && m.endedAt !== null).map((m) => ({ memberId: m.id, name: m.user.name, startedAt: m.startedAt, endedAt: m.endedAt })),
      formerStaff: seats.filter((m) => !m.isLeader && m.endedAt !== null).map((m) => ({ memberId: m.id, name: m.user.name, title: m.title, startedAt: m.startedAt, endedAt: m.endedAt })),
      candidates: (party?.organization.memberships ?? [])
        .map((m) => m.user)
        .filter((u) => !u.disabledAt)
        .map((u) => ({ userId: u.id, name: u.name, login: u.login })),
      permissions: { canStaff: can(actor, 'party.staff', scoped), canSign: can(actor, 'pledge.sign', scoped), canAttachOriginal: can(actor, 'pledge.attachOriginal', scoped) },
    };
  });
  const organizations = canManage
    ? await db.organization.findMany({ where: { kind: 'ENTERPRISE' }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
    : [];
  return {
    project: { id: project.id, code: project.code, name: project.name, address: project.address, regionCode: project.regionCode },
    parties,
    changes: project.leaderChanges.map((c) => ({
      id: c.id,
      role: c.role,
      fromName: memberName.get(c.fromMemberId) ?? '',
      toName: memberName.get(c.toMemberId) ?? '',
      reason: c.reason,
      effectiveOn: dateOnly(c.effectiveOn)!,
      approvedBy: c.approvedBy,
      createdAt: c.createdAt,
    })),
    buildings: project.buildings.map((b) => {
      const gate = gates.find((g) => g.buildingId === b.id)!;
      return { ...b, ready: gate.ready, missing: gate.roles.filter((r) => r.missing.length > 0).length };
    }),
    organizations,
    permissions: { canManage },
  };
}

/** A building's page: its data, the pledge gate and documents (for those who may read pledges), the chain's state. */
export async function getBuilding(db: Db, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'building.view', subject);
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, include: { project: { select: { id: true, name: true, code: true } } } });
  const mayReadPledges = can(actor, 'pledge.read', subject);
  let gate = null;
  if (mayReadPledges) {
    const [buildingGate] = await projectGates(db, building.projectId, [buildingId]);
    const partyOrganizations = new Map(
      (await db.projectParty.findMany({ where: { projectId: building.projectId }, select: { role: true, organizationId: true } })).map((p) => [p.role, p.organizationId]),
    );
    const docs = await db.pledgeDocument.findMany({
      where: { buildingId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        role: true,
        kind: true,
        contentSha256: true,
        pdfSha256: true,
        createdAt: true,
        supersededBy: { select: { id: true } },
        member: { select: { endedAt: true, user: { select: { name: true } } } },
        originals: { orderBy: { createdAt: 'asc' }, select: { id: true, fileSha256: true, createdAt: true, supersededBy: { select: { id: true } } } },
      },
    });
    gate = {
      ready: buildingGate!.ready,
      roles: buildingGate!.roles.map((r) => ({
        role: r.role,
        leaderTitle: r.leaderTitle,
        organizationName: r.organizationName,
        leaderName: r.leader?.name ?? null,
        missing: r.missing,
        stale: r.stale,
        canAttachOriginal: can(actor, 'pledge.attachOriginal', { ...subject, party: { role: r.role, organizationId: partyOrganizations.get(r.role) ?? null } }),
        documents: docs
          .filter((d) => d.role === r.role)
          .map((d) => ({
            id: d.id,
            kind: d.kind,
            signerName: d.member.user.name,
            signedAt: d.createdAt,
            contentSha256: d.contentSha256,
            pdfSha256: d.pdfSha256,
            superseded: d.supersededBy !== null,
            /** Signed by a leader since replaced (变更): still covers that leader's period. */
            formerLeader: d.member.endedAt !== null,
            /** One of the documents the gate counts now. */
            current: d.id === r.authorizationId || d.id === r.pledgeId,
            originals: d.originals.map((o) => ({ id: o.id, fileSha256: o.fileSha256, createdAt: o.createdAt, superseded: o.supersededBy !== null })),
          })),
      })),
    };
  }
  const chain = await currentChainState(db, buildingId);
  // Read, like the gate, by those who read the supervision records: the alert of an active 暂停施工.
  const suspensions = mayReadPledges ? await activeSuspensions(db, buildingId) : [];
  return {
    building: {
      id: building.id,
      ...buildingFacts(building),
      supervisionRegisteredAt: building.supervisionRegisteredAt,
    },
    project: building.project,
    gate,
    chain,
    suspensions,
    permissions: {
      canManage: can(actor, 'project.manage', subject),
      canRegisterSupervision: can(actor, 'supervision.register', subject),
      canDownloadPlaque: can(actor, 'plaque.download', subject),
      canExportArchive: can(actor, 'archive.export', subject),
      canHandOverArchive: can(actor, 'archive.handover', subject),
    },
  };
}
