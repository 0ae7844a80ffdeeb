import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { fileStore } from '@/server/storage';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject, makeUser } from '@/tests/factories';
import { samplePhoto } from './sample-photos';
import { uploadPhoto } from './service';

/**
 * Photo evidence through the service and the record that uses it: bytes once per SHA-256,
 * the three times apart, and a near copy used by another record is flagged as possibly reused.
 */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);

async function lot(name: string) {
  return (await as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020102', name, location: name, capacity: 20, capacityUnit: 't' })).id;
}
const submit = (lotId: string, photoIds: string[]) =>
  as(site.qc).inspections.submit({
    lotId,
    items: [{ kind: 'MAIN', requirement: '钢筋品种、级别、规格和数量', minSample: 3, sampled: 3, passed: 3 }],
    constructionBasis: '施工方案',
    acceptanceBasis: 'GB 50204-2015',
    photoIds,
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  });

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
});

describe('uploading a photo', () => {
  test('EXIF time (as written, with its offset), the phone\'s time and the receipt time are kept apart', async () => {
    const bytes = await samplePhoto(1, { takenAt: '2026:11:20 09:31:05', offset: '+08:00' });
    const deviceTakenAt = new Date('2026-11-20T01:31:40Z');
    const receipt = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes, deviceTakenAt });
    const photo = await db.photo.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(photo.exifTakenAtText).toBe('2026:11:20 09:31:05');
    expect(photo.exifOffset).toBe('+08:00');
    expect(photo.exifTakenAt?.toISOString()).toBe('2026-11-20T01:31:05.000Z');
    expect(photo.deviceTakenAt?.toISOString()).toBe(deviceTakenAt.toISOString());
    expect(photo.receivedAt.getTime()).toBeGreaterThan(deviceTakenAt.getTime());
    expect(photo.latitude).toBeCloseTo(26.05, 1);
    // Taken days before it arrived: flagged, not refused.
    expect(photo.flags).toContain('CAPTURE_TIME_FAR_FROM_RECEIPT');
    expect((await fileStore().get(photo.sha256)).equals(bytes)).toBe(true);
    expect(receipt.sha256).toBe(photo.sha256);
  });

  test('the same bytes twice: two uploads, one stored file; a retry with its key returns the first', async () => {
    const bytes = await samplePhoto(2);
    const key = randomUUID();
    const first = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes, idempotencyKey: key });
    const retry = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes, idempotencyKey: key });
    const again = await uploadPhoto(db, site.engineer, { buildingId: site.building.id, bytes });
    expect(retry.id).toBe(first.id);
    expect(again.id).not.toBe(first.id);
    expect(await db.storedFile.count({ where: { sha256: first.sha256 } })).toBe(1);
  });

  test('a screenshot without EXIF is flagged NO_EXIF', async () => {
    const bytes = await samplePhoto(3, { exif: false });
    const receipt = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes });
    expect(receipt.flags).toContain('NO_EXIF');
  });

  test('a non-image (by its bytes) is refused and nothing is stored; a stranger may not upload', async () => {
    const before = await db.photo.count();
    await expect(uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: Buffer.from('%PDF-1.7 not a photo') })).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const stranger = await actorOf(db, (await makeUser(db)).id);
    await expect(uploadPhoto(db, stranger, { buildingId: site.building.id, bytes: await samplePhoto(4) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.photo.count()).toBe(before);
  });
});

describe('photos as evidence in records', () => {
  test('the record names each photo\'s SHA-256 in its ledger event, and the lot page lists them', async () => {
    const photo = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: await samplePhoto(10) });
    const lotId = await lot('1F 柱钢筋');
    const record = await submit(lotId, [photo.id]);
    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'inspection.submitted' }, orderBy: { seq: 'desc' } });
    expect(JSON.parse(event.canonical).files).toContain(photo.sha256);
    const detail = await as(inspector).inspections.lot({ lotId });
    expect(detail.records[0]).toMatchObject({ id: record.id, photos: [{ id: photo.id, sha256: photo.sha256, possiblyReusedFrom: [] }] });
  });

  test('a re-encoded, slightly resized copy used for another lot is flagged as possibly reused', async () => {
    const original = await samplePhoto(20);
    const first = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: original });
    const firstLot = await lot('2F 柱钢筋');
    const firstRecord = await submit(firstLot, [first.id]);

    const copyBytes = await sharp(original).resize(1400).jpeg({ quality: 70 }).withExif({ IFD0: { Make: 'Other' } }).toBuffer();
    const copy = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: copyBytes });
    expect(copy.sha256).not.toBe(first.sha256);
    const secondLot = await lot('3F 柱钢筋');
    await submit(secondLot, [copy.id]);
    const detail = await as(site.engineer).inspections.lot({ lotId: secondLot });
    expect(detail.records[0]!.photos[0]!.possiblyReusedFrom).toEqual([`InspectionRecord:${firstRecord.id}`]);

    // A different scene is not flagged.
    const other = await uploadPhoto(db, site.qc, { buildingId: site.building.id, bytes: await samplePhoto(21) });
    const thirdLot = await lot('4F 柱钢筋');
    await submit(thirdLot, [other.id]);
    expect((await as(site.engineer).inspections.lot({ lotId: thirdLot })).records[0]!.photos[0]!.possiblyReusedFrom).toEqual([]);
  });

  test('a photo of another building cannot be attached', async () => {
    const elsewhere = await makeSignedProject(db);
    const theirs = await uploadPhoto(db, elsewhere.qc, { buildingId: elsewhere.building.id, bytes: await samplePhoto(30) });
    const lotId = await lot('5F 柱钢筋');
    await expect(submit(lotId, [theirs.id])).rejects.toMatchObject({ message: 'PHOTO_NOT_FOUND' });
  });

  test('the database refuses to change photos or their uses', async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "Photo" SET flags = '{}'`)).rejects.toThrow(/refused/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "RecordPhoto"`)).rejects.toThrow(/refused/);
  });
});
