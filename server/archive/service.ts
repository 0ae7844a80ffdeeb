import type { Actor } from '@/server/authz/actor';
import { can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { sealBytes, serverPublicKey } from '@/server/ledger/server-key';
import { exportArchive, type ArchiveExport } from './export';
import type { SealKey } from './format';

/** The server's own seal key (server/ledger/server-key.ts) seals every archive. */
export function serverSealKey(): SealKey {
  const { publicKeyPem, fingerprintSha256 } = serverPublicKey();
  return { publicKeyPem, fingerprintSha256, seal: sealBytes };
}

/**
 * A building's archive for `actor`: refused as the other building routes refuse (404 for a
 * building that does not exist, 403 for one the actor may not export).
 */
export async function buildingArchive(
  db: Db,
  actor: Actor,
  buildingId: string,
  options: { publicBaseUrl: string; signal?: AbortSignal },
): Promise<ArchiveExport | { error: 'NOT_FOUND' | 'FORBIDDEN'; status: 404 | 403 }> {
  let subject;
  try {
    subject = await buildingSubject(db, actor, buildingId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return { error: 'NOT_FOUND', status: 404 };
    throw error;
  }
  if (!can(actor, 'archive.export', subject)) return { error: 'FORBIDDEN', status: 403 };
  return exportArchive(db, buildingId, { key: serverSealKey(), ...options });
}
