import type { Tx } from '@/server/db/client';
import type { LedgerEvent as LedgerEventRow } from '@/server/generated/prisma/client';
import { canonicalJson } from './canonical';
import { chainHash, ZERO_HASH } from './chain';
import { LEDGER_EVENT_VERSION, ledgerEventInput, type LedgerEvent, type LedgerEventInput } from './event';

/**
 * Appends an event to its building's chain: the one ledger writer, called by
 * every domain service inside its own transaction, so the event commits or
 * rolls back with the change it records.
 */
export async function recordEvent(tx: Tx, input: LedgerEventInput): Promise<LedgerEventRow> {
  const { buildingId, type, actor, at = new Date(), subjects, files, data } = ledgerEventInput.parse(input);

  // One writer per building at a time, until the caller's transaction ends. The head is read
  // after the lock, so at READ COMMITTED (the default) it is the head the previous writer
  // committed. A REPEATABLE READ caller whose snapshot predates the lock would read a stale
  // head; the (buildingId, seq) key then refuses its insert rather than forking the chain.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${buildingId}, 0))`;
  // Raw SQL for the two statements inside the lock: the lock is held for their round trips,
  // so their cost bounds one building's append rate, and Prisma's model layer doubled it.
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    SELECT seq, hash FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid ORDER BY seq DESC LIMIT 1`;

  const event: LedgerEvent = {
    v: LEDGER_EVENT_VERSION,
    seq: (head?.seq ?? 0) + 1,
    building: buildingId,
    type,
    actor,
    at: at.toISOString(),
    subjects,
    files,
    data,
  };
  const canonical = canonicalJson(event);
  const row: LedgerEventRow = {
    buildingId,
    seq: event.seq,
    type,
    actorId: 'id' in actor ? actor.id : null,
    occurredAt: at,
    canonical,
    hash: chainHash(head?.hash ?? ZERO_HASH, canonical),
  };
  // The time as UTC text: timestamp(3) keeps no zone, and Prisma stores DateTime as UTC.
  await tx.$executeRaw`
    INSERT INTO "LedgerEvent" ("buildingId", seq, type, "actorId", "occurredAt", canonical, hash)
    VALUES (${row.buildingId}::uuid, ${row.seq}, ${row.type}, ${row.actorId}::uuid, ${event.at}::timestamp, ${row.canonical}, ${row.hash})`;
  return row;
}
