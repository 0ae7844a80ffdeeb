import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { actorOf, bearerOf, makeInspector, makeSignedProject, makeUser, ownUnit } from '@/tests/factories';

/** POST /api/photos and GET /api/photos/<id> as each kind of actor, by token. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let photo: Buffer;
const who = {} as Record<'qc' | 'engineer' | 'ownerLeader' | 'inspector' | 'otherInspector' | 'homeowner' | 'stranger', Actor>;

const bearer = (actor: Actor | null) => bearerOf(db, actor);

async function upload(actor: Actor | null, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const { POST } = await import('./route');
  const form = new FormData();
  form.set('file', new File([bytes as BlobPart], 'IMG_0001.jpg'));
  form.set('buildingId', site.building.id);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return POST(new Request('http://localhost/api/photos', { method: 'POST', body: form, headers: await bearer(actor) }));
}

async function download(actor: Actor | null, id: string, size = '') {
  const { GET } = await import('./[id]/route');
  return GET(new Request(`http://localhost/api/photos/${id}${size}`, { headers: await bearer(actor) }), { params: Promise.resolve({ id }) });
}

beforeAll(async () => {
  site = await makeSignedProject(db);
  photo = await samplePhoto(7);
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, site.building.id, homeowner.id);
  Object.assign(who, {
    qc: site.qc,
    engineer: site.engineer,
    ownerLeader: site.leaders.OWNER,
    inspector: await actorOf(db, (await makeInspector(db, ['350100'])).id),
    otherInspector: await actorOf(db, (await makeInspector(db, ['350200'])).id),
    homeowner: await actorOf(db, homeowner.id),
    stranger: await actorOf(db, (await makeUser(db)).id),
  });
});

describe('POST /api/photos', () => {
  test.each([
    ['qc', 201],
    ['engineer', 201],
    ['ownerLeader', 201],
    ['inspector', 201],
    ['otherInspector', 403],
    // A homeowner of the building photographs the defects they report (warranty claims).
    ['homeowner', 201],
    ['stranger', 403],
  ] as const)('%s → %i', async (name, status) => {
    const res = await upload(who[name], photo);
    expect(res.status).toBe(status);
    if (status === 201) expect(await res.json()).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('anonymous 401; a PDF or text named .jpg 415 and nothing stored; a bad phone time 400', async () => {
    expect((await upload(null, photo)).status).toBe(401);
    const before = await db.photo.count();
    expect((await upload(who.qc, Buffer.from('%PDF-1.7 not a photo'))).status).toBe(415);
    expect((await upload(who.qc, Buffer.from('hello'))).status).toBe(415);
    expect((await upload(who.qc, photo, { deviceTakenAt: 'yesterday' })).status).toBe(400);
    expect(await db.photo.count()).toBe(before);
  });

  test('a retry with the same idempotency key returns the same receipt', async () => {
    const key = randomUUID();
    const a = await (await upload(who.qc, photo, { idempotencyKey: key })).json();
    const b = await (await upload(who.qc, photo, { idempotencyKey: key })).json();
    expect(b.id).toBe(a.id);
  });
});

describe('GET /api/photos/<id>', () => {
  test('the building\'s parties and inspector read it (and its thumbnail); others may not', async () => {
    const { id, sha256 } = (await (await upload(who.qc, photo)).json()) as { id: string; sha256: string };
    for (const name of ['qc', 'engineer', 'ownerLeader', 'inspector'] as const) {
      const res = await download(who[name], id);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-sha256')).toBe(sha256);
    }
    const thumb = await download(who.inspector, id, '?size=thumb');
    expect(thumb.status).toBe(200);
    expect((await thumb.arrayBuffer()).byteLength).toBeLessThan(photo.length);
    for (const name of ['otherInspector', 'homeowner', 'stranger'] as const) expect((await download(who[name], id)).status).toBe(403);
    expect((await download(null, id)).status).toBe(401);
    expect((await download(who.qc, randomUUID())).status).toBe(404);
  });
});
