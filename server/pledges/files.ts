import type { Actor } from '@/server/authz/actor';
import { can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx } from '@/server/db/client';
import { fileStore } from '@/server/storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'application/json': 'json' };

/** The bytes of one file of a pledge document, if the actor may read pledges of its building. */
export async function pledgeFile(db: DbOrTx, actor: Actor, documentId: string, which: string) {
  const originalId = which.startsWith('original-') ? which.slice('original-'.length) : null;
  if (!UUID.test(documentId) || (which !== 'pdf' && which !== 'json' && !(originalId && UUID.test(originalId)))) {
    return { error: 'NOT_FOUND', status: 404 } as const;
  }
  const doc = await db.pledgeDocument.findUnique({
    where: { id: documentId },
    select: { buildingId: true, kind: true, contentSha256: true, pdfSha256: true, originals: { where: { id: originalId ?? undefined }, select: { id: true, fileSha256: true } } },
  });
  if (!doc) return { error: 'NOT_FOUND', status: 404 } as const;
  if (!can(actor, 'pledge.read', await buildingSubject(db, actor, doc.buildingId))) return { error: 'FORBIDDEN', status: 403 } as const;
  const sha256 = which === 'pdf' ? doc.pdfSha256 : which === 'json' ? doc.contentSha256 : doc.originals[0]?.fileSha256;
  if (!sha256) return { error: 'NOT_FOUND', status: 404 } as const;
  const stored = await db.storedFile.findUniqueOrThrow({ where: { sha256 } });
  const bytes = await fileStore().get(sha256);
  const base = doc.kind === 'AUTHORIZATION' ? 'authorization' : 'pledge';
  return { bytes, sha256, mediaType: stored.mediaType, filename: `${base}-${documentId.slice(0, 8)}-${which}.${EXTENSION[stored.mediaType] ?? 'bin'}` };
}
