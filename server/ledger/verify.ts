import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DbOrTx } from '@/server/db/client';
import { broken, ChainCheck, type ChainVerdict, type EventHeader } from './chain';

export type ChainVerification = (ChainVerdict & { ok: true; verifiedAt: Date }) | (ChainVerdict & { ok: false });

/**
 * Events per read (keyset pages): memory stays flat whatever the chain's length. A page
 * is one value in PostgreSQL, under its 1 GB limit while events average under ~700 KB;
 * at ~1 KB per event it is ~1.4 MB of base64. Bigger pages measured no faster.
 */
const PAGE_SIZE = 1000;
/**
 * Events checked between turns of the event loop. While verifyChain checks a page, the
 * driver sends the next page's query only at a turn, and only at a turn reads the answer
 * off the socket, whose buffer (128 KB to a few MB) would otherwise fill and stall
 * PostgreSQL mid-page. 50 events take a few hundred microseconds to check.
 */
const YIELD_EVERY = 50;

/**
 * Re-reads a building's ledger from the database and checks every event:
 * canonical form, agreement with the row's columns, and the hash chain.
 * Names the first broken seq.
 */
export async function verifyChain(db: DbOrTx, buildingId: string): Promise<ChainVerification> {
  let page!: LedgerPage;
  // Rows are the page's index k: the columns stay columns, with no object per event
  const check = new ChainCheck<number>(buildingId.toLowerCase(), (event, k) => rowDisagreement(event, page, k));
  for await (page of readLedger(db, buildingId)) {
    const { seq: seqs, bytes, hash } = page;
    for (let k = 0, start = 0; k < page.count; k++) {
      // Lets the driver send the next page's query and take in its result meanwhile (see readLedger)
      if (k % YIELD_EVERY === 0) await yieldToEventLoop();
      const seq = check.count + 1;
      const end = start + (bytes[k] as number);
      const reason = seqs[k] === seq ? check.nextUtf8(page.utf8, start, end, hash[k] as string, k) : `seq ${seq} is missing`;
      if (reason !== null) return broken(seq, reason);
      start = end;
    }
  }
  return { ok: true, count: check.count, head: check.head, verifiedAt: new Date() };
}

/** Consecutive events of a building, each column's values in seq order. */
export interface LedgerPage {
  count: number;
  seq: number[];
  /** Length of each canonical text in UTF-8 bytes */
  bytes: number[];
  hash: string[];
  type: string[];
  actorId: (string | null)[];
  /** ISO-8601 UTC with milliseconds, the form events carry */
  occurredAt: string[];
  /** The canonical texts' UTF-8 bytes, back to back (valid until the next page is read) */
  utf8: Buffer;
}

/**
 * A building's ledger in pages, in seq order. Each page's query is sent before the
 * previous page is handed over, so PostgreSQL (another process, on another core)
 * prepares it while the caller works. The driver only sends it, and only reads its
 * result off the socket, when the event loop turns: a caller doing long synchronous
 * work per page should yield now and then.
 */
export async function* readLedger(db: DbOrTx, buildingId: string): AsyncGenerator<LedgerPage> {
  let utf8 = Buffer.alloc(0);
  let next = readPage(db, buildingId, 0);
  for (;;) {
    const page = await next;
    const [seq, bytes, hash, type, actorId, timestamps] = JSON.parse(page.columns) as Columns;
    const count = seq?.length ?? 0;
    if (count === PAGE_SIZE) {
      next = readPage(db, buildingId, seq[count - 1] as number);
      // Awaited later, if at all: meanwhile a failure must not count as an unhandled rejection
      next.catch(() => {});
    }
    const base64 = page.base64 ?? '';
    const size = Buffer.byteLength(base64, 'base64');
    if (utf8.length < size) utf8 = Buffer.alloc(size);
    utf8.write(base64, 'base64');
    if (count > 0) yield { count, seq, bytes, hash, type, actorId, occurredAt: timestamps.map(isoOf), utf8 };
    if (count < PAGE_SIZE) return;
  }
}

/** What readPage's query returns: one row for the whole page. */
interface AggregatedPage {
  /** JSON of Columns */
  columns: string;
  /** The canonical texts' UTF-8 bytes, back to back, in base64 (null for no rows) */
  base64: string | null;
}

/** Each column's values in seq order (every one null for no rows). */
type Columns = [seq: number[], bytes: number[], hash: string[], type: string[], actorId: (string | null)[], occurredAt: string[]];

/**
 * The event's form of a timestamp(3) as JSON has it: PostgreSQL writes 2026-11-25T06:31:00
 * or 2026-11-25T06:31:00.12 (no zone, no trailing zeros), events 2026-11-25T06:31:00.120Z.
 * Cheaper here than to_char() there, where the page is prepared.
 */
function isoOf(timestamp: string): string {
  return timestamp.length === 19 ? `${timestamp}.000Z` : `${timestamp.padEnd(23, '0')}Z`;
}

/**
 * The events with seq > `after`, as one aggregated row. Raw SQL: Prisma's model mapping
 * costs more per event than hashing the event does. One row for the page rather than a
 * row per event: the driver then parses two values per page instead of six per event,
 * and the canonical texts arrive as the bytes that are hashed (base64 of UTF-8), which
 * decode several times faster than UTF-8 into JS strings that would then be encoded back.
 */
async function readPage(db: DbOrTx, buildingId: string, after: number): Promise<AggregatedPage> {
  const [page] = await db.$queryRaw<AggregatedPage[]>`
    SELECT
      json_build_array(array_agg(seq ORDER BY seq), array_agg(octet_length(utf8) ORDER BY seq), array_agg(hash ORDER BY seq),
        array_agg(type ORDER BY seq), array_agg("actorId" ORDER BY seq), array_agg("occurredAt" ORDER BY seq))::text AS columns,
      encode(string_agg(utf8, ''::bytea ORDER BY seq), 'base64') AS base64
    FROM (
      SELECT seq, hash, type, "actorId", "occurredAt", convert_to(canonical, 'UTF8') AS utf8
      FROM "LedgerEvent"
      WHERE "buildingId" = ${buildingId}::uuid AND seq > ${after}
      ORDER BY seq LIMIT ${PAGE_SIZE}
    ) page`;
  return page as AggregatedPage;
}

function rowDisagreement(event: EventHeader, page: LedgerPage, k: number): string | null {
  const type = page.type[k] as string;
  const actorId = page.actorId[k] as string | null;
  const occurredAt = page.occurredAt[k] as string;
  if (!event.is('type', type)) return `type column says ${type}, event says ${event.get('type')}`;
  if (!event.actorIs(actorId)) return `actorId column says ${actorId}, event says ${event.actorId}`;
  if (!event.is('at', occurredAt)) return `occurredAt column says ${occurredAt}, event says ${event.get('at')}`;
  return null;
}
