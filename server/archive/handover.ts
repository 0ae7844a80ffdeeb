import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { chinaDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { ZERO_HASH } from '@/server/ledger/chain';
import { recordEvent } from '@/server/ledger/record';
import { serverPublicKey } from '@/server/ledger/server-key';
import { recordHandoverInput, type RecordHandoverInput } from './schemas';
import { readSealFile } from './verify';

/**
 * The hand-over of a building's archive to the 城建档案馆 (archive.md §6): a ledger event of the
 * 建设单位 naming the archive by its manifest's SHA-256, once the archive's seal.json proves it an
 * export of this building's own chain by this server. A later export is compared with it by
 * `verify-archive --against`, or by the manifest hash itself.
 */
export const HANDOVER_EVENT = 'archive.handedOver';

export interface Handover {
  seq: number;
  at: string;
  by: string;
  manifestSha256: string;
  archiveAgency: string;
  receiptNo: string;
  handedOn: string;
  ledger: { count: number; head: string };
}

export async function recordHandover(db: Db, actor: Actor, input: RecordHandoverInput): Promise<Handover> {
  const { buildingId, seal: sealText, archiveAgency, receiptNo, handedOn } = recordHandoverInput.parse(input);
  authorize(actor, 'archive.handover', await buildingSubject(db, actor, buildingId));
  if (handedOn > chinaDate()) throw new DomainError('DATE_IN_FUTURE', 'handedOn');
  const read = readSealFile(Buffer.from(sealText, 'utf8'));
  if (!read.ok || read.seal.publicKeyFingerprintSha256 !== serverPublicKey().fingerprintSha256) throw new DomainError('ARCHIVE_SEAL_INVALID', 'seal');
  const { checkpoint, manifestSha256 } = read.seal;
  if (checkpoint.building !== buildingId.toLowerCase() || !(await inChain(db, buildingId, checkpoint.count, checkpoint.head))) {
    throw new DomainError('ARCHIVE_NOT_OF_THIS_BUILDING', 'seal');
  }
  const ledger = { count: checkpoint.count, head: checkpoint.head };
  const row = await db.$transaction((tx) =>
    recordEvent(tx, {
      buildingId,
      type: HANDOVER_EVENT,
      actor: { id: actor.userId, name: actor.name, role: 'OWNER' },
      subjects: { buildingId },
      data: { manifestSha256, archiveAgency, receiptNo, handedOn, ledger },
    }),
  );
  return { seq: row.seq, at: row.occurredAt.toISOString(), by: actor.name, manifestSha256, archiveAgency, receiptNo, handedOn, ledger };
}

/** The archive's chain ends where this building's chain passed: its event `count` has hash `head`. */
async function inChain(db: DbOrTx, buildingId: string, count: number, head: string): Promise<boolean> {
  if (count === 0) return head === ZERO_HASH;
  const [event] = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND seq = ${count}`;
  return event?.hash === head;
}

/** The hand-overs of a building, oldest first: read from its ledger, where they are recorded. */
export async function buildingHandovers(db: Db, actor: Actor, buildingId: string): Promise<Handover[]> {
  authorize(actor, 'archive.export', await buildingSubject(db, actor, buildingId));
  const rows = await db.$queryRaw<{ canonical: string }[]>`
    SELECT canonical FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND type = ${HANDOVER_EVENT} ORDER BY seq`;
  return rows.map(({ canonical }) => {
    const event = JSON.parse(canonical) as { seq: number; at: string; actor: { name?: string }; data: Omit<Handover, 'seq' | 'at' | 'by'> };
    return { seq: event.seq, at: event.at, by: event.actor.name ?? '', ...event.data };
  });
}
