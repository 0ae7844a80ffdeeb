import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { addMonths, chinaDate, isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { ZERO_HASH } from '@/server/ledger/chain';
import { recordEvent } from '@/server/ledger/record';
import { serverPublicKey } from '@/server/ledger/server-key';
import { assertUploadedDocuments } from '@/server/storage/documents';
import { recordHandoverInput, type RecordHandoverInput } from './schemas';
import { readSealFile } from './verify';

/**
 * The hand-over of a building's archive to the 城建档案馆 (archive.md §6): a ledger event of the
 * 建设单位 naming the archive by its manifest's SHA-256, once the archive's seal.json proves it an
 * export of this building's own chain by this server. A later export is compared with it by
 * `verify-archive --against`, or by the manifest hash itself.
 */
export const HANDOVER_EVENT = 'archive.handedOver';

/**
 * The 建设单位 transfers the archive within 3 months of 竣工验收 (archive.md §1: GB/T 50328 and
 * 城市建设档案管理规定, content confirmed, clause numbers ⚠️); not transferring is fined (条例 art 59).
 */
export const HANDOVER_MONTHS = 3;
export const handoverDueOn = (completedOn: string) => addMonths(completedOn, HANDOVER_MONTHS);

export interface Handover {
  seq: number;
  at: string;
  by: string;
  manifestSha256: string;
  archiveAgency: string;
  receiptNo: string;
  handedOn: string;
  ledger: { count: number; head: string };
  /** The scanned 移交清单, when one was attached */
  transferListSha256: string | null;
}

export async function recordHandover(db: Db, actor: Actor, input: RecordHandoverInput): Promise<Handover> {
  const { buildingId, seal: sealText, archiveAgency, receiptNo, handedOn, transferListSha256 } = recordHandoverInput.parse(input);
  authorize(actor, 'archive.handover', await buildingSubject(db, actor, buildingId));
  if (handedOn > chinaDate()) throw new DomainError('DATE_IN_FUTURE', 'handedOn');
  const read = readSealFile(Buffer.from(sealText, 'utf8'));
  if (!read.ok || read.seal.publicKeyFingerprintSha256 !== serverPublicKey().fingerprintSha256) throw new DomainError('ARCHIVE_SEAL_INVALID', 'seal');
  const { checkpoint, manifestSha256 } = read.seal;
  if (checkpoint.building !== buildingId.toLowerCase() || !(await inChain(db, buildingId, checkpoint.count, checkpoint.head))) {
    throw new DomainError('ARCHIVE_NOT_OF_THIS_BUILDING', 'seal');
  }
  if (transferListSha256) await assertUploadedDocuments(db, [transferListSha256], 'transferListSha256');
  const ledger = { count: checkpoint.count, head: checkpoint.head };
  const row = await db.$transaction((tx) =>
    recordEvent(tx, {
      buildingId,
      type: HANDOVER_EVENT,
      actor: { id: actor.userId, name: actor.name, role: 'OWNER' },
      subjects: { buildingId },
      // The scan is named by the event, so every later archive carries it
      files: transferListSha256 ? [transferListSha256] : [],
      data: { manifestSha256, archiveAgency, receiptNo, handedOn, ledger, transferListSha256: transferListSha256 ?? null },
    }),
  );
  return { seq: row.seq, at: row.occurredAt.toISOString(), by: actor.name, manifestSha256, archiveAgency, receiptNo, handedOn, ledger, transferListSha256: transferListSha256 ?? null };
}

/** The archive's chain ends where this building's chain passed: its event `count` has hash `head`. */
async function inChain(db: DbOrTx, buildingId: string, count: number, head: string): Promise<boolean> {
  if (count === 0) return head === ZERO_HASH;
  const [event] = await db.$queryRaw<{ hash: string }[]>`
    SELECT hash FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND seq = ${count}`;
  return event?.hash === head;
}

/**
 * The hand-overs of a building, oldest first (read from its ledger, where they are recorded), and
 * the day the first is due: 3 months after 竣工验收; null before it.
 */
export async function buildingHandovers(db: Db, actor: Actor, buildingId: string): Promise<{ dueOn: string | null; handovers: Handover[] }> {
  authorize(actor, 'archive.export', await buildingSubject(db, actor, buildingId));
  const [building, handovers] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { completedOn: true } }),
    readHandovers(db, buildingId),
  ]);
  return { dueOn: building.completedOn ? handoverDueOn(isoDate(building.completedOn)) : null, handovers };
}

/** The hand-overs recorded in the building's ledger, oldest first (also report.pdf's last page). */
export async function readHandovers(db: DbOrTx, buildingId: string): Promise<Handover[]> {
  const rows = await db.$queryRaw<{ canonical: string }[]>`
    SELECT canonical FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND type = ${HANDOVER_EVENT} ORDER BY seq`;
  return rows.map(({ canonical }) => {
    const event = JSON.parse(canonical) as { seq: number; at: string; actor: { name?: string }; data: Omit<Handover, 'seq' | 'at' | 'by' | 'transferListSha256'> & { transferListSha256?: string | null } };
    // The ledger is kept for good: an event written before the 移交清单 could be attached has none
    return { seq: event.seq, at: event.at, by: event.actor.name ?? '', ...event.data, transferListSha256: event.data.transferListSha256 ?? null };
  });
}
