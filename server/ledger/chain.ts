import { hash } from 'node:crypto';
import { canonicalString, NotCanonicalError, readCanonical, type CanonicalObject } from './canonical';
import { LEDGER_EVENT_VERSION } from './event';

/**
 * The hash chain of one building (DESIGN.md "The ledger"), with no database:
 * recordEvent and verifyChain use it on rows, the archive verifier on
 * ledger.jsonl.
 */

/** The predecessor of seq 1 (32 zero bytes), and the head of a building with no events. */
export const ZERO_HASH = '0'.repeat(64);

/**
 * Computes chain hashes in one reused buffer: a one-shot `crypto.hash` over
 * predecessor and event is cheaper than a `createHash` object per event.
 */
class ChainHasher {
  private buffer = Buffer.alloc(4096);

  next(previousHex: string, canonical: string): string {
    const most = 32 + 3 * canonical.length; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.buffer.length < most) this.buffer = Buffer.alloc(most);
    if (this.buffer.write(previousHex, 0, 32, 'hex') !== 32) throw new TypeError('previous hash is not 64 hex digits');
    const length = 32 + this.buffer.write(canonical, 32, 'utf8');
    return hash('sha256', this.buffer.subarray(0, length), 'hex');
  }
}

const hasher = new ChainHasher();

/** hash_n = SHA-256(raw bytes of hash_{n-1} || UTF-8 bytes of canonical_n), lowercase hex. */
export function chainHash(previousHex: string, canonical: string): string {
  return hasher.next(previousHex, canonical);
}

/** One stored event: its canonical text and the chain hash written with it. */
export interface LedgerLine {
  canonical: string;
  hash: string;
}

/** The fields of an event that the database repeats in columns. */
export interface EventHeader {
  seq: number;
  building: string;
  type: string;
  actorId: string | null;
  at: string;
}

/** `count` is how many events verified; on a break, those before `brokenAt`. */
export type ChainVerdict =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenAt: number; reason: string };

export function broken(seq: number, reason: string): ChainVerdict & { ok: false } {
  return { ok: false, count: seq - 1, brokenAt: seq, reason };
}

/**
 * Verifies a building's events one at a time, in order, from seq 1.
 * `agrees` adds checks of the event against where it came from (a row's columns).
 */
export class ChainCheck<L extends LedgerLine = LedgerLine> {
  count = 0;
  head = ZERO_HASH;
  private readonly hasher = new ChainHasher();

  constructor(
    private building?: string,
    private readonly agrees?: (event: EventHeader, line: L) => string | null,
  ) {}

  /** Checks the next event: null when it extends the chain, else why it does not (stop there). */
  next(line: L): string | null {
    const seq = this.count + 1;
    let event: EventHeader;
    try {
      event = readHeader(readCanonical(line.canonical));
    } catch (error) {
      if (error instanceof NotCanonicalError || error instanceof MalformedEvent) return error.message;
      throw error;
    }
    if (event.seq !== seq) return `event says seq ${event.seq} where ${seq} belongs`;
    this.building ??= event.building;
    if (event.building !== this.building) return `event belongs to building ${event.building}`;
    const disagreement = this.agrees?.(event, line);
    if (disagreement) return disagreement;
    const hash = this.hasher.next(this.head, line.canonical);
    if (hash !== line.hash) return 'hash does not match the chain';
    this.head = hash;
    this.count = seq;
    return null;
  }

  verdict(): ChainVerdict {
    return { ok: true, count: this.count, head: this.head };
  }
}

/** Verifies a whole chain given in order, e.g. the lines of an archive's ledger.jsonl. */
export async function verifyLines(
  lines: Iterable<LedgerLine> | AsyncIterable<LedgerLine>,
  buildingId?: string,
): Promise<ChainVerdict> {
  const check = new ChainCheck(buildingId);
  for await (const line of lines) {
    const reason = check.next(line);
    if (reason !== null) return broken(check.count + 1, reason);
  }
  return check.verdict();
}

class MalformedEvent extends Error {}

/** Reads the header fields of a canonical event; throws MalformedEvent for a shape this code does not know. */
function readHeader(event: CanonicalObject): EventHeader {
  const v = event.member('v');
  if (v !== String(LEDGER_EVENT_VERSION)) throw new MalformedEvent(`unknown event version ${v}`);
  const seqText = event.member('seq');
  if (seqText === undefined || !/^[1-9]\d{0,14}$/.test(seqText)) throw new MalformedEvent('event has no valid seq');
  return {
    seq: Number(seqText),
    building: stringMember(event, 'building'),
    type: stringMember(event, 'type'),
    actorId: actorId(event.member('actor')),
    at: stringMember(event, 'at'),
  };
}

function stringMember(event: CanonicalObject, name: string): string {
  const raw = event.member(name);
  if (raw === undefined || raw.charCodeAt(0) !== 0x22) throw new MalformedEvent(`event has no ${name}`);
  return canonicalString(raw);
}

const SYSTEM_ACTOR = '{"system":true}';
/** A person actor's canonical text begins with its id (the first name in sort order), e.g. {"id":"…","name":"…"}. */
const PERSON_ACTOR = /^\{"id":"([0-9a-f-]{36})"[,}]/;

function actorId(raw: string | undefined): string | null {
  if (raw === SYSTEM_ACTOR) return null;
  const id = raw === undefined ? undefined : PERSON_ACTOR.exec(raw)?.[1];
  if (id === undefined) throw new MalformedEvent('event has no valid actor');
  return id;
}
