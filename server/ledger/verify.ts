import type { DbOrTx } from '@/server/db/client';
import { broken, ChainCheck, type ChainVerdict, type EventHeader } from './chain';

export type ChainVerification = (ChainVerdict & { ok: true; verifiedAt: Date }) | (ChainVerdict & { ok: false });

/** Rows per read (keyset pages): memory stays flat whatever the chain's length. */
const PAGE_SIZE = 5000;

interface Row {
  seq: number;
  type: string;
  actorId: string | null;
  /** As ISO-8601 UTC text with milliseconds, the form the event carries */
  occurredAt: string;
  canonical: string;
  hash: string;
}

/**
 * Re-reads a building's ledger from the database and checks every event:
 * canonical form, agreement with the row's columns, and the hash chain.
 * Names the first broken seq.
 */
export async function verifyChain(db: DbOrTx, buildingId: string): Promise<ChainVerification> {
  const check = new ChainCheck<Row>(buildingId.toLowerCase(), rowDisagreement);
  for (let after = 0; ; ) {
    // Raw SQL: Prisma's model mapping costs more per row than hashing the row does.
    const rows = await db.$queryRaw<Row[]>`
      SELECT seq, type, "actorId", to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt", canonical, hash
      FROM "LedgerEvent"
      WHERE "buildingId" = ${buildingId}::uuid AND seq > ${after}
      ORDER BY seq LIMIT ${PAGE_SIZE}`;
    for (const row of rows) {
      const seq = check.count + 1;
      const reason = row.seq === seq ? check.next(row) : `seq ${seq} is missing`;
      if (reason !== null) return broken(seq, reason);
    }
    const last = rows.at(-1);
    if (rows.length < PAGE_SIZE || !last) {
      return { ok: true, count: check.count, head: check.head, verifiedAt: new Date() };
    }
    after = last.seq;
  }
}

function rowDisagreement(event: EventHeader, row: Row): string | null {
  if (event.type !== row.type) return `type column says ${row.type}, event says ${event.type}`;
  if (event.actorId !== row.actorId) return `actorId column says ${row.actorId}, event says ${event.actorId}`;
  if (event.at !== row.occurredAt) return `occurredAt column says ${row.occurredAt}, event says ${event.at}`;
  return null;
}
