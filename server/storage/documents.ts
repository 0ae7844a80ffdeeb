import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { UPLOAD_MEDIA_TYPES } from './upload';

/** Files a record binds by SHA-256 must have been uploaded (POST /api/files) as a document type. */
export async function assertUploadedDocuments(db: DbOrTx, sha256s: string[], field: string) {
  const files = await db.storedFile.findMany({ where: { sha256: { in: sha256s } }, select: { sha256: true, mediaType: true } });
  if (files.length !== new Set(sha256s).size) throw new DomainError('FILE_NOT_FOUND', field);
  if (files.some((f) => !(UPLOAD_MEDIA_TYPES as readonly string[]).includes(f.mediaType))) throw new DomainError('FILE_TYPE_NOT_ALLOWED', field);
}
