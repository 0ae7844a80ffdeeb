import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx, Tx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { storeFile } from '@/server/storage';
import { analyzePhoto, NEAR_COPY_DISTANCE, PhotoRejectedError } from './ingest';

/**
 * Photo evidence: each upload is analysed (SHA-256, EXIF, thumbnail, perceptual hash, flags),
 * its bytes stored once per SHA-256, and recorded as a Photo of the building. Records then
 * attach photos by id; attaching checks whether a near copy already stands as evidence in
 * another record, so one picture cannot prove two places.
 */

/** The perceptual hash's 16 hex digits as the signed 64-bit integer PostgreSQL stores. */
const hashToBigInt = (hex: string) => BigInt.asIntN(64, BigInt(`0x${hex}`));

export interface PhotoUpload {
  buildingId: string;
  bytes: Uint8Array;
  deviceTakenAt?: Date | null;
  idempotencyKey?: string | null;
}

export async function uploadPhoto(db: DbOrTx, actor: Actor, upload: PhotoUpload) {
  authorize(actor, 'evidence.upload', await buildingSubject(db, actor, upload.buildingId));
  if (upload.idempotencyKey) {
    const replay = await db.photo.findUnique({ where: { idempotencyKey: upload.idempotencyKey } });
    if (replay) {
      if (replay.uploadedById !== actor.userId || replay.buildingId !== upload.buildingId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      return photoReceipt(replay);
    }
  }
  const receivedAt = new Date();
  let analysis;
  try {
    analysis = await analyzePhoto(upload.bytes, { receivedAt, deviceTakenAt: upload.deviceTakenAt ?? null });
  } catch (error) {
    if (error instanceof PhotoRejectedError) throw new DomainError(error.code, 'file');
    throw error;
  }
  await storeFile(db, { bytes: upload.bytes, mediaType: analysis.mediaType, createdById: actor.userId });
  const thumbnail = await storeFile(db, { bytes: analysis.thumbnail.bytes, mediaType: analysis.thumbnail.mediaType, createdById: actor.userId });
  try {
    const photo = await db.photo.create({
      data: {
        buildingId: upload.buildingId,
        sha256: analysis.sha256,
        mediaType: analysis.mediaType,
        bytes: analysis.bytes,
        width: analysis.width,
        height: analysis.height,
        thumbnailSha256: thumbnail.sha256,
        exifTakenAtText: analysis.exif?.takenAtText ?? null,
        exifOffset: analysis.exif?.offset ?? null,
        exifTakenAt: analysis.exif?.takenAt ?? null,
        latitude: analysis.exif?.latitude ?? null,
        longitude: analysis.exif?.longitude ?? null,
        cameraMake: analysis.exif?.make ?? null,
        cameraModel: analysis.exif?.model ?? null,
        deviceTakenAt: upload.deviceTakenAt ?? null,
        receivedAt,
        perceptualHash: hashToBigInt(analysis.perceptualHash),
        flags: analysis.flags,
        uploadedById: actor.userId,
        idempotencyKey: upload.idempotencyKey ?? null,
      },
    });
    return photoReceipt(photo);
  } catch (error) {
    // A concurrent retry with the same key got there first.
    const raced = upload.idempotencyKey ? await db.photo.findUnique({ where: { idempotencyKey: upload.idempotencyKey } }) : null;
    if (raced && raced.uploadedById === actor.userId) return photoReceipt(raced);
    throw error;
  }
}

/** What the phone keeps as proof the server has the photo: its id and the SHA-256 the server computed. */
export function photoReceipt(photo: { id: string; sha256: string; thumbnailSha256: string; flags: string[]; exifTakenAtText: string | null; latitude: number | null; longitude: number | null; receivedAt: Date }) {
  return {
    id: photo.id,
    sha256: photo.sha256,
    thumbnailSha256: photo.thumbnailSha256,
    flags: photo.flags,
    exifTakenAtText: photo.exifTakenAtText,
    latitude: photo.latitude,
    longitude: photo.longitude,
    receivedAt: photo.receivedAt,
  };
}

/**
 * Attaches photos to a record inside its transaction; the photos must belong to the building.
 * Each use notes the other records (of other lots) whose photos are the same picture or a near
 * copy (Hamming distance ≤ NEAR_COPY_DISTANCE) within the project. Returns the photos' SHA-256s
 * for the record's ledger event.
 */
export async function attachPhotos(
  tx: Tx,
  record: { type: string; id: string; buildingId: string; exclude?: { type: string; ids: string[] } },
  photoIds: string[],
): Promise<{ sha256s: string[]; reused: Record<string, string[]> }> {
  if (photoIds.length === 0) return { sha256s: [], reused: {} };
  const photos = await tx.photo.findMany({ where: { id: { in: photoIds }, buildingId: record.buildingId } });
  if (photos.length !== new Set(photoIds).size) throw new DomainError('PHOTO_NOT_FOUND', 'photoIds');
  const reused: Record<string, string[]> = {};
  for (const photo of photos) {
    const excluded = record.exclude?.ids ?? [];
    const near = await tx.$queryRaw<{ recordType: string; recordId: string }[]>`
      SELECT DISTINCT u."recordType", u."recordId"
      FROM "RecordPhoto" u
      JOIN "Photo" p ON p.id = u."photoId"
      JOIN "Building" b ON b.id = u."buildingId"
      WHERE b."projectId" = (SELECT "projectId" FROM "Building" WHERE id = ${record.buildingId}::uuid)
        AND NOT (u."recordType" = ${record.type} AND u."recordId" = ${record.id}::uuid)
        AND NOT (u."recordType" = ${record.exclude?.type ?? ''} AND u."recordId" = ANY(${excluded}::uuid[]))
        AND (p.sha256 = ${photo.sha256} OR bit_count((p."perceptualHash" # ${photo.perceptualHash})::bit(64)) <= ${NEAR_COPY_DISTANCE})`;
    const sources = near.map((n) => `${n.recordType}:${n.recordId}`);
    if (sources.length > 0) reused[photo.id] = sources;
    await tx.recordPhoto.create({
      data: { photoId: photo.id, recordType: record.type, recordId: record.id, buildingId: record.buildingId, possiblyReusedFrom: sources },
    });
  }
  return { sha256s: photos.map((p) => p.sha256), reused };
}

/**
 * The photos of these records as a record's page shows them: SHA-256, the three times kept
 * apart, the flags and the possible reuse found when each was attached. Looked up by the
 * record's type and id; oldest use first.
 */
export async function photosOfRecords(db: DbOrTx, records: { type: string; id: string }[]) {
  const uses =
    records.length === 0
      ? []
      : await db.recordPhoto.findMany({
          where: { OR: records.map((r) => ({ recordType: r.type, recordId: r.id })) },
          include: { photo: true },
          orderBy: { createdAt: 'asc' },
        });
  return (type: string, id: string) =>
    uses
      .filter((u) => u.recordType === type && u.recordId === id)
      .map(({ photo, possiblyReusedFrom }) => ({
        id: photo.id,
        sha256: photo.sha256,
        flags: photo.flags,
        possiblyReusedFrom,
        exifTakenAtText: photo.exifTakenAtText,
        exifOffset: photo.exifOffset,
        deviceTakenAt: photo.deviceTakenAt,
        receivedAt: photo.receivedAt,
        latitude: photo.latitude,
        longitude: photo.longitude,
      }));
}
