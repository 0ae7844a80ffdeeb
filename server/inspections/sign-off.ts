import type { Actor } from '@/server/authz/actor';
import { LEADER_TITLE, type PartyRole } from '@/server/authz/roles';
import type { Db, Tx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { attachPhotos } from '@/server/evidence/service';
import { canonicalJson } from '@/server/ledger/canonical';
import { recordEvent } from '@/server/ledger/record';
import { signRecord, unlockSigner, type Signer } from '@/server/signatures/service';
import { sha256Of, storeFile } from '@/server/storage';

/**
 * The shape every signed site record shares (隐蔽工程, 旁站, materials, samples): after
 * `authorize`, open the signer with the re-entered password; then, in one transaction, store the
 * canonical content, attach the photos, write the ledger event naming content and photos, and sign.
 */

// Any of the five parties: a 整改通知单 may be addressed to 勘察 or 设计 too.
export type SignOffRole = PartyRole;

/** Checks the seat and opens the signer (after `authorize`): what every signed site record needs. */
export async function openSignOff(db: Db, actor: Actor, buildingId: string, role: SignOffRole, password: string) {
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { projectId: true } });
  const seat = await db.projectMember.findFirst({ where: { projectId: building.projectId, userId: actor.userId, role, endedAt: null }, orderBy: { isLeader: 'desc' } });
  if (!seat) throw new DomainError('FORBIDDEN');
  const signer = await unlockSigner(db, actor, password);
  return { signer, title: seat.title ?? LEADER_TITLE[role] };
}

/** Stores the canonical content, writes the event naming it and its photos, and signs it. */
export async function completeSignOff(
  tx: Tx,
  signer: Signer,
  args: { buildingId: string; role: SignOffRole | 'INSPECTOR'; title: string; type: string; subject: { type: string; id: string }; subjects: Record<string, string>; text: string; contentSha256: string; photoIds: string[]; at: Date; data: Record<string, string | number | boolean | null>;
    /** Other files the record refers to (certificates, lab reports), named in its event */
    files?: string[] },
) {
  await storeFile(tx, { bytes: Buffer.from(args.text, 'utf8'), mediaType: 'application/json', createdById: signer.actor.userId });
  const evidence = await attachPhotos(tx, { type: args.subject.type, id: args.subject.id, buildingId: args.buildingId }, args.photoIds);
  await recordEvent(tx, {
    buildingId: args.buildingId,
    type: args.type,
    actor: { id: signer.actor.userId, name: signer.actor.name, role: args.role },
    at: args.at,
    subjects: args.subjects,
    files: [...new Set([args.contentSha256, ...(args.files ?? []), ...evidence.sha256s])],
    data: { ...args.data, possiblyReusedPhotos: evidence.reused },
  });
  await signRecord(tx, signer, { buildingId: args.buildingId, capacity: args.role, title: args.title, subject: args.subject, contentSha256: args.contentSha256, at: args.at });
}

export const sealContent = (content: object) => {
  const text = canonicalJson(content);
  return { text, contentSha256: sha256Of(Buffer.from(text, 'utf8')) };
};

