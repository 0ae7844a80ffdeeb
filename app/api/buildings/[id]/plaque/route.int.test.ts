import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { plaqueSvg } from '@/server/plaque/render';
import { publicBuildingRecord } from '@/server/plaque/service';
import { actorOf, callerFor, makeInspector, makeOrganization, makeProject, makeUser, ownUnit, seat } from '@/tests/factories';
import { GET } from './route';

// Requests here carry tokens: outside Next there is no request scope for next-auth's cookie
// reader, so the signed-out browser case (no token, no cookie → 401) is in e2e/public-page.spec.ts.

let project: Awaited<ReturnType<typeof makeProject>>;
let building: { id: string; code: string };
const tokens = {} as Record<'ownerStaff' | 'ownerLeader' | 'admin' | 'constructionLeader' | 'formerOwner' | 'inspector' | 'homeowner', string>;

async function tokenOf(actor: Actor): Promise<string> {
  const { token } = await callerFor(db, { ...actor, via: 'session' }).tokens.create({ name: 'plaque test' });
  return token;
}

beforeAll(async () => {
  project = await makeProject(db, { regionCode: '350104' });
  building = project.buildings[0]!;
  const ownerOrg = await makeOrganization(db);
  await db.projectParty.create({ data: { projectId: project.id, role: 'OWNER', organizationId: ownerOrg.id } });

  const ownerLeader = await makeUser(db, { organizationId: ownerOrg.id });
  await seat(db, project.id, ownerLeader.id, 'OWNER', { leader: true });
  const ownerStaff = await makeUser(db, { organizationId: ownerOrg.id });
  await seat(db, project.id, ownerStaff.id, 'OWNER');
  const formerOwner = await makeUser(db);
  await seat(db, project.id, formerOwner.id, 'OWNER', { ended: true });
  const constructionLeader = await makeUser(db);
  await seat(db, project.id, constructionLeader.id, 'CONSTRUCTION', { leader: true });
  const inspector = await makeInspector(db, ['350100']);
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, building.id, homeowner.id);
  const admin = await makeUser(db, { roles: ['ADMIN'] });

  const users = { ownerStaff, ownerLeader, admin, constructionLeader, formerOwner, inspector, homeowner };
  for (const [name, user] of Object.entries(users) as [keyof typeof tokens, { id: string }][]) {
    tokens[name] = await tokenOf(await actorOf(db, user.id));
  }
});

function get(id: string, opts: { token?: string; format?: string } = {}) {
  const url = new URL(`http://localhost/api/buildings/${id}/plaque`);
  if (opts.format) url.searchParams.set('format', opts.format);
  const headers: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  return GET(new Request(url, { headers }), { params: Promise.resolve({ id }) });
}

describe('GET /api/buildings/<id>/plaque', () => {
  it('gives the 建设单位 a PDF by default, as a download named after the building code', async () => {
    const res = await get(building.id, { token: tokens.ownerStaff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="plaque-${building.code}\\.pdf"`));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it('gives the SVG on ?format=svg, its QR code pointing at the public page on the request origin', async () => {
    const res = await get(building.id, { token: tokens.ownerLeader, format: 'svg' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="plaque-${building.code}\\.svg"`));
    const svg = await res.text();
    expect(svg).toContain(project.name);
    expect(svg).toContain(building.code);
    // The drawing does not depend on the verification time: equal to the plaque of the expected URL
    const record = await publicBuildingRecord(db, building.code);
    const base = env.PUBLIC_BASE_URL ?? 'http://localhost';
    expect(svg).toBe(plaqueSvg(record!, `${base}/b/${building.code}`));
    expect(svg).not.toBe(plaqueSvg(record!, `${base}/b/OTHER`));
  });

  it('lets ADMIN download too', async () => {
    expect((await get(building.id, { token: tokens.admin, format: 'svg' })).status).toBe(200);
  });

  it.each(['constructionLeader', 'formerOwner', 'inspector', 'homeowner'] as const)('refuses %s with 403 FORBIDDEN', async (name) => {
    for (const format of ['pdf', 'svg']) {
      const res = await get(building.id, { token: tokens[name], format });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'FORBIDDEN' });
    }
  });

  it('is 401 with a dead token', async () => {
    const dead = await get(building.id, { token: `bl_${'n'.repeat(43)}` });
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual({ error: 'INVALID_TOKEN' });
  });

  it('is 404 for an unknown building id, well-formed or not', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await get(id, { token: tokens.ownerStaff });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'NOT_FOUND' });
    }
  });

  it('is 400 for an unknown format', async () => {
    const res = await get(building.id, { token: tokens.ownerStaff, format: 'png' });
    expect(res.status).toBe(400);
  });
});
