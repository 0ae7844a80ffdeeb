import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { storeFile } from '@/server/storage';
import { actorOf, bearerOf, makeInspector, makeSignedProject, makeUser, ownUnit } from '@/tests/factories';
import { GET } from './route';

/** GET /api/buildings/<id>/supervision-report: the signed 工程质量监督报告 PDF, for those who read the milestones. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let bare: Awaited<ReturnType<typeof makeSignedProject>>;
let pdf: Buffer;
const who = {} as Record<'owner' | 'qc' | 'inspector' | 'otherInspector' | 'homeowner' | 'stranger', Actor>;

async function download(actor: Actor | null, buildingId = site.building.id) {
  return GET(new Request(`http://localhost/api/buildings/${buildingId}/supervision-report`, { headers: await bearerOf(db, actor) }), { params: Promise.resolve({ id: buildingId }) });
}

beforeAll(async () => {
  site = await makeSignedProject(db);
  bare = await makeSignedProject(db);
  // The report row as the service writes it (its signing is tested in server/milestones).
  pdf = Buffer.from(`%PDF-1.7 监督报告 ${randomUUID()}`);
  const { sha256 } = await storeFile(db, { bytes: pdf, mediaType: 'application/pdf' });
  const inspector = await makeInspector(db, ['350100']);
  await db.supervisionReport.create({
    data: { buildingId: site.building.id, milestoneId: randomUUID(), conclusion: '同意备案', content: '{}', contentSha256: '0'.repeat(64), pdfSha256: sha256, inspectorId: inspector.id, agencyId: inspector.id, signedAt: new Date() },
  });
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, site.building.id, homeowner.id);
  Object.assign(who, {
    owner: site.leaders.OWNER,
    qc: site.qc,
    inspector: await actorOf(db, inspector.id),
    otherInspector: await actorOf(db, (await makeInspector(db, ['440300'])).id),
    homeowner: await actorOf(db, homeowner.id),
    stranger: await actorOf(db, (await makeUser(db)).id),
  });
});

describe('GET /api/buildings/<id>/supervision-report', () => {
  test('the parties and the inspector of the region get the PDF (by API token, as scripts do)', async () => {
    for (const name of ['owner', 'qc', 'inspector'] as const) {
      const res = await download(who[name]);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    }
  });
  test('others are refused; signed out 401; no report or no building 404', async () => {
    for (const name of ['otherInspector', 'homeowner', 'stranger'] as const) expect((await download(who[name])).status).toBe(403);
    expect((await download(null)).status).toBe(401);
    expect((await download(bare.leaders.OWNER, bare.building.id)).status).toBe(404);
    expect((await download(who.owner, randomUUID())).status).toBe(404);
  });
});
