import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { storeFile } from '@/server/storage';
import { actorOf, bearerOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject, makeUser, ownUnit } from '@/tests/factories';
import { GET } from './route';

/** GET /api/buildings/<id>/material-files/<sha256>: certificates and lab reports, by token. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let certificate: Buffer;
let certificateSha256: string;
let reportSha256: string;
let unrelatedSha256: string;
const who = {} as Record<'qc' | 'engineer' | 'inspector' | 'otherInspector' | 'homeowner' | 'stranger', Actor>;

async function download(actor: Actor | null, sha256: string, buildingId = site.building.id) {
  return GET(new Request(`http://localhost/api/buildings/${buildingId}/material-files/${sha256}`, { headers: await bearerOf(db, actor) }), {
    params: Promise.resolve({ id: buildingId, sha256 }),
  });
}

const pdf = (text: string) => Buffer.from(`%PDF-1.7 ${text} ${randomUUID()}`);

beforeAll(async () => {
  site = await makeSignedProject(db);
  certificate = pdf('质量证明书');
  certificateSha256 = (await storeFile(db, { bytes: certificate, mediaType: 'application/pdf' })).sha256;
  reportSha256 = (await storeFile(db, { bytes: pdf('检测报告'), mediaType: 'application/pdf' })).sha256;
  unrelatedSha256 = (await storeFile(db, { bytes: pdf('别的文件'), mediaType: 'application/pdf' })).sha256;
  const as = (actor: Actor) => callerFor(db, actor).materials;
  const receipt = await as(site.qc).recordReceipt({
    buildingId: site.building.id, kind: 'CEMENT', name: '普通硅酸盐水泥', specification: 'P.O 42.5', batchNo: 'SN-1', quantity: 30, unit: 't', supplier: '炼石水泥',
    receivedOn: '2026-11-23', certificates: [certificateSha256], password: FACTORY_PASSWORD, idempotencyKey: randomUUID(),
  });
  const sample = await as(site.engineer).recordSample({
    buildingId: site.building.id, receiptId: receipt.id, kind: 'CEMENT', sampleNo: 'SN-S-1', location: '搅拌站', sampledAt: '2026-11-24T10:00:00+08:00',
    samplerId: site.qc.userId, lab: '福州市建筑工程检测中心', password: FACTORY_PASSWORD, idempotencyKey: randomUUID(),
  });
  await as(site.engineer).recordResult({ sampleId: sample.id, reportNo: 'JC-1', reportSha256, passed: true, reportedOn: '2026-11-25', password: FACTORY_PASSWORD });
  const homeowner = await makeUser(db, { roles: ['HOMEOWNER'] });
  await ownUnit(db, site.building.id, homeowner.id);
  Object.assign(who, {
    qc: site.qc,
    engineer: site.engineer,
    inspector: await actorOf(db, (await makeInspector(db, ['350100'])).id),
    otherInspector: await actorOf(db, (await makeInspector(db, ['350200'])).id),
    homeowner: await actorOf(db, homeowner.id),
    stranger: await actorOf(db, (await makeUser(db)).id),
  });
});

describe('material files', () => {
  test.each([
    ['qc', 200],
    ['engineer', 200],
    ['inspector', 200],
    ['otherInspector', 403],
    ['homeowner', 403],
    ['stranger', 403],
  ] as const)('%s → %i', async (name, status) => {
    const res = await download(who[name], certificateSha256);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(Buffer.from(await res.arrayBuffer())).toEqual(certificate);
      expect(res.headers.get('x-content-sha256')).toBe(certificateSha256);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="certificate-[0-9a-f]{12}\.pdf"$/);
    }
  });

  test('the lab report too; anonymous 401; a file no record of the building names, or another building, 404', async () => {
    const report = await download(who.inspector, reportSha256);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toMatch(/filename="report-/);
    expect((await download(null, certificateSha256)).status).toBe(401);
    expect((await download(who.inspector, unrelatedSha256)).status).toBe(404);
    expect((await download(who.inspector, 'not-a-hash')).status).toBe(404);
    const other = await makeSignedProject(db);
    expect((await download(other.qc, certificateSha256, other.building.id)).status).toBe(404);
  });
});
