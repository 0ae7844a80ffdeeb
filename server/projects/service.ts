import type { Actor } from '@/server/authz/actor';
import { can, visibleProjectsWhere } from '@/server/authz/policy';
import type { DbOrTx } from '@/server/db/client';

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
