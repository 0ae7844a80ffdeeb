import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { attachOriginal, signPledges } from '@/server/pledges/service';
import { actorOf, bearerOf, FACTORY_PASSWORD, makeInspector, makeOrganization, makeProject, makeUser, ownUnit, seat } from '@/tests/factories';

/** The file routes: upload (POST /api/files) and the signed pledge files, as each kind of actor, by token. */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let documentId: string;
let originalId: string;
const who = {} as Record<'leader' | 'inspector' | 'otherInspector' | 'homeowner' | 'stranger' | 'admin', Actor>;

const bearer = (actor: Actor | null) => bearerOf(db, actor);

async function upload(actor: Actor | null, bytes: Uint8Array, name = 'scan.pdf') {
  const { POST } = await import('@/app/api/files/route');
  const form = new FormData();
  form.set('file', new File([bytes as BlobPart], name));
  return POST(new Request('http://localhost/api/files', { method: 'POST', body: form, headers: await bearer(actor) }));
}

async function download(actor: Actor | null, id: string, file: string) {
  const { GET } = await import('@/app/api/pledge-documents/[id]/[file]/route');
  return GET(new Request(`http://localhost/api/pledge-documents/${id}/${file}`, { headers: await bearer(actor) }), {
    params: Promise.resolve({ id, file }),
  });
}

beforeAll(async () => {
  const project = await makeProject(db, { regionCode: '350104', buildings: 1 });
  const org = await makeOrganization(db);
  await db.organization.update({ where: { id: org.id }, data: { legalRepresentative: '林国栋' } });
  await db.projectParty.create({ data: { projectId: project.id, role: 'OWNER', organizationId: org.id } });
  const leader = await makeUser(db, { organizationId: org.id });
  const leaderSeat = await seat(db, project.id, leader.id, 'OWNER', { leader: true });
  await db.projectMember.update({ where: { id: leaderSeat.id }, data: { idNumber: '11010519491231002X', qualificationType: '工程师', qualificationNo: 'FZJS-2019-0312' } });
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, project.buildings[0]!.id, homeowner.id);
  Object.assign(who, {
    leader: await actorOf(db, leader.id),
    inspector: await actorOf(db, (await makeInspector(db, ['350100'])).id),
    otherInspector: await actorOf(db, (await makeInspector(db, ['350200'])).id),
    homeowner: await actorOf(db, homeowner.id),
    stranger: await actorOf(db, (await makeUser(db)).id),
    admin: await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id),
  });
  await signPledges(db, who.leader, { projectId: project.id, role: 'OWNER', password: FACTORY_PASSWORD });
  const res = await upload(who.leader, Buffer.from('%PDF-1.7\n% the stamped original\n'));
  const { sha256: fileSha256 } = (await res.json()) as { sha256: string };
  await attachOriginal(db, who.leader, { projectId: project.id, role: 'OWNER', fileSha256 });
  const doc = await db.pledgeDocument.findFirstOrThrow({ where: { kind: 'AUTHORIZATION' }, include: { originals: true } });
  documentId = doc.id;
  originalId = doc.originals[0]!.id;
});

describe('POST /api/files', () => {
  test('anyone signed in uploads a PDF, JPEG or PNG and gets its SHA-256; the same bytes are stored once', async () => {
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n rest of a png', 'latin1');
    const res = await upload(who.stranger, bytes, 'photo.png');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256: sha256(bytes), bytes: bytes.length, mediaType: 'image/png' });
    expect((await upload(who.homeowner, bytes)).status).toBe(201);
    expect(await db.storedFile.count({ where: { sha256: sha256(bytes) } })).toBe(1);
  });

  test('anonymous is 401; a type recognised by its bytes only (a .pdf name is not enough) is 415; empty is 400', async () => {
    expect((await upload(null, Buffer.from('%PDF-1.7'))).status).toBe(401);
    const before = await db.storedFile.count();
    const res = await upload(who.leader, Buffer.from('MZ not a pdf at all'), 'evil.pdf');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'FILE_TYPE_NOT_ALLOWED' });
    expect((await upload(who.leader, new Uint8Array())).status).toBe(400);
    expect(await db.storedFile.count()).toBe(before);
  });
});

describe('GET /api/pledge-documents/<id>/<file>', () => {
  test.each([
    ['leader', 200],
    ['admin', 200],
    ['inspector', 200],
    ['otherInspector', 403],
    ['homeowner', 403],
    ['stranger', 403],
  ] as const)('%s → %i', async (name, status) => {
    const res = await download(who[name], documentId, 'pdf');
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(res.headers.get('x-content-sha256')).toBe(sha256(bytes));
    }
  });

  test('the JSON is the canonical content that was signed; the original is the uploaded scan', async () => {
    const doc = await db.pledgeDocument.findUniqueOrThrow({ where: { id: documentId } });
    const json = await download(who.leader, documentId, 'json');
    expect(await json.text()).toBe(doc.content);
    const original = await download(who.inspector, documentId, `original-${originalId}`);
    expect(original.status).toBe(200);
    expect(await original.text()).toContain('the stamped original');
  });

  test('anonymous is 401; an unknown document or file is 404', async () => {
    expect((await download(null, documentId, 'pdf')).status).toBe(401);
    expect((await download(who.admin, '00000000-0000-4000-8000-000000000000', 'pdf')).status).toBe(404);
    expect((await download(who.admin, documentId, 'original-00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await download(who.admin, documentId, '../../etc/passwd')).status).toBe(404);
  });
});
