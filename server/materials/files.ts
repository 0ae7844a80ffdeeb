import type { Actor } from '@/server/authz/actor';
import { can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx } from '@/server/db/client';
import { fileStore } from '@/server/storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * A 质量证明文件 of a receipt or a lab report of a sample result in this building, for those who
 * may read its inspection records. A file no record of the building names is not found, so a
 * SHA-256 alone opens nothing.
 */
export async function materialFile(db: DbOrTx, actor: Actor, buildingId: string, sha256: string) {
  if (!UUID.test(buildingId) || !SHA256.test(sha256)) return { error: 'NOT_FOUND', status: 404 } as const;
  const building = await db.building.findUnique({ where: { id: buildingId }, select: { id: true } });
  if (!building) return { error: 'NOT_FOUND', status: 404 } as const;
  if (!can(actor, 'inspection.read', await buildingSubject(db, actor, buildingId))) return { error: 'FORBIDDEN', status: 403 } as const;
  const [certificate, report] = await Promise.all([
    db.materialReceipt.findFirst({ where: { buildingId, certificates: { has: sha256 } }, select: { id: true } }),
    db.sampleResult.findFirst({ where: { reportSha256: sha256, sample: { buildingId } }, select: { id: true } }),
  ]);
  if (!certificate && !report) return { error: 'NOT_FOUND', status: 404 } as const;
  const stored = await db.storedFile.findUniqueOrThrow({ where: { sha256 } });
  const base = certificate ? 'certificate' : 'report';
  return { bytes: await fileStore().get(sha256), sha256, mediaType: stored.mediaType, filename: `${base}-${sha256.slice(0, 12)}.${EXTENSION[stored.mediaType] ?? 'bin'}` };
}
