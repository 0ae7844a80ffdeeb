import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inMemory } from '@/tests/archives';
import { openZip } from '@/server/archive/zip-source';
import { verifyArchive } from '@/server/archive/verify';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { actorOf, bearerOf, makeInspector, makeSignedProject, makeUser, ownUnit, seat } from '@/tests/factories';
import { GET } from './route';

// Requests carry tokens: outside Next there is no request scope for next-auth's cookie reader,
// so the session-cookie and signed-out browser cases are in e2e/archive.spec.ts.

const ACTORS = ['ownerLeader', 'constructionLeader', 'supervisionStaff', 'formerSurvey', 'inspector', 'admin', 'foreignInspector', 'homeowner', 'noRole', 'deadToken'] as const;
type ActorName = (typeof ACTORS)[number];
const ALLOWED = new Set<ActorName>(['ownerLeader', 'constructionLeader', 'supervisionStaff', 'formerSurvey', 'inspector', 'admin']);

let buildingId: string;
const headers = {} as Record<ActorName, Record<string, string>>;

beforeAll(async () => {
  const signed = await makeSignedProject(db, { regionCode: '350104' });
  buildingId = signed.building.id;
  const projectId = signed.project.id;
  const formerSurvey = await makeUser(db);
  await seat(db, projectId, formerSurvey.id, 'SURVEY', { ended: true });
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, buildingId, homeowner.id);
  const actors: Record<ActorName, Actor | null> = {
    ownerLeader: signed.leaders.OWNER,
    constructionLeader: signed.leaders.CONSTRUCTION,
    supervisionStaff: signed.engineer,
    formerSurvey: await actorOf(db, formerSurvey.id),
    inspector: await actorOf(db, (await makeInspector(db, ['350100'])).id),
    admin: await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id),
    // A 质监站 of another city
    foreignInspector: await actorOf(db, (await makeInspector(db, ['350200'])).id),
    homeowner: await actorOf(db, homeowner.id),
    noRole: await actorOf(db, (await makeUser(db)).id),
    deadToken: null,
  };
  for (const name of ACTORS) headers[name] = await bearerOf(db, actors[name]);
}, 120_000);

const get = (id: string, name: ActorName, signal?: AbortSignal) =>
  GET(new Request(`http://localhost/api/buildings/${id}/archive`, { headers: headers[name], signal }), { params: Promise.resolve({ id }) });

describe('GET /api/buildings/<id>/archive', () => {
  it.each(ACTORS)('%s', async (name) => {
    const res = await get(buildingId, name);
    if (ALLOWED.has(name)) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="B-[0-9a-f]+-1-archive\.zip"/);
      // Reading the first bytes is enough here; the whole ZIP is checked once below
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(Buffer.from(first.value!).subarray(0, 4).toString('hex')).toBe('504b0304');
      await reader.cancel();
    } else if (name === 'deadToken') {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'INVALID_TOKEN' });
    } else {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'FORBIDDEN' });
    }
  });

  it('streams an archive that verifies, with the five pledges, their signatures and the originals', async () => {
    const res = await get(buildingId, 'inspector');
    const zip = await openZip(Buffer.from(await res.arrayBuffer()));
    const verdict = await verifyArchive(zip);
    zip.close();
    const events = await db.ledgerEvent.count({ where: { buildingId } });
    expect(verdict).toMatchObject({ ok: true, count: events, signatures: 10 });
    expect(res.headers.get('x-ledger-count')).toBe(String(events));
  });

  it('is 404 for an unknown building id, well-formed or not', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await get(id, 'admin');
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'NOT_FOUND' });
    }
  });

  it('fails the download, rather than sending other bytes, when a stored file no longer matches its SHA-256', async () => {
    const { fileSha256 } = await db.legalRepOriginal.findFirstOrThrow({ where: { document: { buildingId } } });
    const file = path.join(env.DATA_DIR, 'files', fileSha256.slice(0, 2), fileSha256);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from(' ')]));
    try {
      const res = await get(buildingId, 'admin');
      expect(res.status).toBe(200); // the headers went out before the file was reached
      await expect(res.arrayBuffer()).rejects.toThrow(`stored file ${fileSha256} is corrupt`);
    } finally {
      fs.writeFileSync(file, bytes);
    }
  });

  it('stops the export when the client goes away', async () => {
    const controller = new AbortController();
    const res = await get(buildingId, 'admin', controller.signal);
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow('archive export aborted');
  });
});
