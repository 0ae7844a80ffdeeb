import type { Actor } from '@/server/authz/actor';
import { can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx } from '@/server/db/client';
import { fileStore } from '@/server/storage';
import { homeownerMaySeePhoto } from '@/server/warranty/evidence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bytes of a photo or its thumbnail, if the actor may read the building's inspection records (or, a homeowner, that photo). */
export async function photoFile(db: DbOrTx, actor: Actor, photoId: string, thumbnail: boolean) {
  if (!UUID.test(photoId)) return { error: 'NOT_FOUND', status: 404 } as const;
  const photo = await db.photo.findUnique({ where: { id: photoId }, select: { id: true, buildingId: true, sha256: true, thumbnailSha256: true, mediaType: true, uploadedById: true } });
  if (!photo) return { error: 'NOT_FOUND', status: 404 } as const;
  const subject = await buildingSubject(db, actor, photo.buildingId);
  const allowed = can(actor, 'inspection.read', subject) || (can(actor, 'warranty.read', subject) && subject.ownsUnit && (await homeownerMaySeePhoto(db, actor, photo)));
  if (!allowed) return { error: 'FORBIDDEN', status: 403 } as const;
  const sha256 = thumbnail ? photo.thumbnailSha256 : photo.sha256;
  const stored = await db.storedFile.findUniqueOrThrow({ where: { sha256 } });
  return { bytes: await fileStore().get(sha256), sha256, mediaType: stored.mediaType };
}
