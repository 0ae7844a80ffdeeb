import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import type { Actor } from './actor';
import type { PartyRole } from './roles';
import type { Subject } from './policy';

/** A project as seen by `actor`: its region, the actor's seats, whether the actor owns a unit in it. */
export async function projectSubject(db: DbOrTx, actor: Actor, projectId: string): Promise<Extract<Subject, { kind: 'project' }>> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      regionCode: true,
      members: { where: { userId: actor.userId }, select: { role: true, isLeader: true, endedAt: true } },
      buildings: { select: { units: { where: { owners: { some: { userId: actor.userId } } }, select: { id: true } } } },
    },
  });
  if (!project) throw new DomainError('NOT_FOUND');
  return {
    kind: 'project',
    projectId: project.id,
    regionCode: project.regionCode,
    seats: project.members,
    ownsUnit: project.buildings.some((b) => b.units.length > 0),
  };
}

/** A building as seen by `actor`: its project's scope, with unit ownership narrowed to this building. */
export async function buildingSubject(db: DbOrTx, actor: Actor, buildingId: string): Promise<Extract<Subject, { kind: 'project' }>> {
  const building = await db.building.findUnique({
    where: { id: buildingId },
    select: {
      projectId: true,
      units: { where: { owners: { some: { userId: actor.userId } } }, select: { id: true } },
    },
  });
  if (!building) throw new DomainError('NOT_FOUND');
  const project = await projectSubject(db, actor, building.projectId);
  return { ...project, ownsUnit: building.units.length > 0 };
}

/** A project narrowed to one of its parties: the organization playing it, for `ownParty`/`partyLeader` rules. */
export async function partySubject(
  db: DbOrTx,
  actor: Actor,
  projectId: string,
  role: PartyRole,
): Promise<Extract<Subject, { kind: 'project' }>> {
  const project = await projectSubject(db, actor, projectId);
  const party = await db.projectParty.findUnique({ where: { projectId_role: { projectId, role } }, select: { organizationId: true } });
  return { ...project, party: { role, organizationId: party?.organizationId ?? null } };
}
