import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { can } from '@/server/authz/policy';
import { buildingSubject, projectSubject } from '@/server/authz/subjects';
import { db } from '@/server/db/client';
import { actorOf, callerFor, makeInspector, makeProject, makeUser, ownUnit, seat } from '@/tests/factories';

let fuzhou: Awaited<ReturnType<typeof makeProject>>;
let xiamen: Awaited<ReturnType<typeof makeProject>>;
const who = {} as Record<'admin' | 'fuzhouInspector' | 'provinceInspector' | 'xiamenInspector' | 'homeowner' | 'leader' | 'former' | 'stranger', Actor>;

beforeAll(async () => {
  fuzhou = await makeProject(db, { regionCode: '350104', buildings: 2 });
  xiamen = await makeProject(db, { regionCode: '350203', buildings: 1 });
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, fuzhou.buildings[1]!.id, homeowner.id);
  const leader = await makeUser(db);
  await seat(db, fuzhou.id, leader.id, 'CONSTRUCTION', { leader: true });
  const former = await makeUser(db);
  await seat(db, xiamen.id, former.id, 'SUPERVISION', { leader: true, ended: true });
  Object.assign(who, {
    admin: await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id),
    fuzhouInspector: await actorOf(db, (await makeInspector(db, ['350100'])).id),
    provinceInspector: await actorOf(db, (await makeInspector(db, ['350000'])).id),
    xiamenInspector: await actorOf(db, (await makeInspector(db, ['350203'])).id),
    homeowner: await actorOf(db, homeowner.id),
    leader: await actorOf(db, leader.id),
    former: await actorOf(db, former.id),
    stranger: await actorOf(db, (await makeUser(db)).id),
  });
});

const visible = async (actor: Actor) =>
  Object.fromEntries((await callerFor(db, actor).projects.list()).map((p) => [p.id, p.buildings.map((b) => b.code)]));

describe('projects.list shows each actor what the policy allows, and nothing else', () => {
  test('ADMIN sees every project', async () => {
    const seen = await visible(who.admin);
    expect(Object.keys(seen)).toEqual(expect.arrayContaining([fuzhou.id, xiamen.id]));
  });

  test('an INSPECTOR sees the projects in the jurisdiction of their 质监站 (city code covers its districts)', async () => {
    expect(Object.keys(await visible(who.fuzhouInspector))).toEqual([fuzhou.id]);
    expect(Object.keys(await visible(who.xiamenInspector))).toEqual([xiamen.id]);
    expect(Object.keys(await visible(who.provinceInspector)).sort()).toEqual([fuzhou.id, xiamen.id].sort());
  });

  test('a party member sees their project; a replaced leader still does (lifelong responsibility)', async () => {
    expect(Object.keys(await visible(who.leader))).toEqual([fuzhou.id]);
    expect(Object.keys(await visible(who.former))).toEqual([xiamen.id]);
  });

  test('a HOMEOWNER sees only the building of their own unit', async () => {
    expect(await visible(who.homeowner)).toEqual({ [fuzhou.id]: [fuzhou.buildings[1]!.code] });
  });

  test('someone with no role and no seat sees nothing', async () => {
    expect(await visible(who.stranger)).toEqual({});
  });

  test('the list query and can() agree for every actor, project and building', async () => {
    for (const actor of Object.values(who)) {
      const seen = await visible(actor);
      for (const project of [fuzhou, xiamen]) {
        for (const building of project.buildings) {
          const allowed = can(actor, 'building.view', await buildingSubject(db, actor, building.id));
          expect(seen[project.id]?.includes(building.code) ?? false, `${actor.login} ${building.code}`).toBe(allowed);
        }
        const projectAllowed = can(actor, 'project.view', await projectSubject(db, actor, project.id));
        if (projectAllowed) expect(seen[project.id]).toBeDefined();
      }
    }
  });
});
