import { hash } from 'node:crypto';
import { NotCanonicalError, readCanonicalUtf8, refuseLoneSurrogates, type CanonicalObject } from './canonical';
import { LEDGER_EVENT_VERSION } from './event';

/**
 * The hash chain of one building (DESIGN.md "The ledger"), with no database:
 * recordEvent and verifyChain use it on rows, the archive verifier on
 * ledger.jsonl.
 */

/** The predecessor of seq 1 (32 zero bytes), and the head of a building with no events. */
export const ZERO_HASH = '0'.repeat(64);

/**
 * What one chain hash is taken over, in one reused buffer: the 32 raw bytes
 * of the previous hash, then the event's UTF-8 bytes. The canonical check
 * reads the event where it lies, and a one-shot `crypto.hash` over the whole
 * is cheaper than a `createHash` object per event.
 */
class ChainInput {
  bytes = Buffer.alloc(4096);
  /** Where the event's bytes end; they start at 32. */
  end = 32;

  setText(previousHex: string, text: string): void {
    this.reserve(3 * text.length); // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.setPrevious(previousHex);
    this.end = 32 + this.bytes.write(text, 32, 'utf8');
  }

  setUtf8(previousHex: string, utf8: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.setPrevious(previousHex);
    this.end = 32 + utf8.copy(this.bytes, 32, start, end);
  }

  digest(): string {
    return hash('sha256', this.bytes.subarray(0, this.end), 'hex');
  }

  private reserve(eventBytes: number): void {
    if (this.bytes.length < 32 + eventBytes) this.bytes = Buffer.alloc(32 + eventBytes);
  }

  private setPrevious(previousHex: string): void {
    if (this.bytes.write(previousHex, 0, 32, 'hex') !== 32) throw new TypeError('previous hash is not 64 hex digits');
  }
}

const input = new ChainInput();

/** hash_n = SHA-256(raw bytes of hash_{n-1} || UTF-8 bytes of canonical_n), lowercase hex. */
export function chainHash(previousHex: string, canonical: string): string {
  input.setText(previousHex, canonical);
  return input.digest();
}

/** One stored event: its canonical text and the chain hash written with it. */
export interface LedgerLine {
  canonical: string;
  hash: string;
}

/**
 * The fields of an event that the database repeats in columns. They are compared where
 * they stand in the event's bytes, and decoded only on demand: decoding costs more than
 * comparing.
 */
export class EventHeader {
  constructor(
    private readonly event: CanonicalObject,
    readonly seq: number,
    /** The actor's canonical text, of a form readHeader checked */
    private readonly actor: Buffer,
  ) {}

  is(field: StringField, value: string): boolean {
    return this.event.stringIs(field, value);
  }

  get(field: StringField): string {
    return this.event.string(field) as string;
  }

  /** The person's id, or null for the system. */
  get actorId(): string | null {
    return isSystem(this.actor) ? null : this.actor.toString('latin1', PERSON_ID, PERSON_ID + 36);
  }

  actorIs(id: string | null): boolean {
    if (isSystem(this.actor)) return id === null;
    return id !== null && id.length === 36 && asciiAt(this.actor, PERSON_ID, id);
  }
}

type StringField = 'building' | 'type' | 'at';

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
export class ChainCheck<R = LedgerLine> {
  count = 0;
  head = ZERO_HASH;
  private readonly input = new ChainInput();

  constructor(
    private building?: string,
    private readonly agrees?: (event: EventHeader, row: R) => string | null,
  ) {}

  /**
   * Checks the next event, given as its canonical text, against `hash`, the chain hash
   * stored with it: null when it extends the chain, else why it does not (stop there).
   */
  next(canonical: string, hash: string, row: R): string | null {
    try {
      refuseLoneSurrogates(canonical);
    } catch (error) {
      if (error instanceof NotCanonicalError) return error.message;
      throw error;
    }
    this.input.setText(this.head, canonical);
    return this.check(hash, row);
  }

  /** The same for an event given as the UTF-8 bytes of its canonical text, utf8[start, end). */
  nextUtf8(utf8: Buffer, start: number, end: number, hash: string, row: R): string | null {
    this.input.setUtf8(this.head, utf8, start, end);
    return this.check(hash, row);
  }

  verdict(): ChainVerdict {
    return { ok: true, count: this.count, head: this.head };
  }

  private check(hash: string, row: R): string | null {
    const seq = this.count + 1;
    let event: EventHeader;
    try {
      event = readHeader(readCanonicalUtf8(this.input.bytes, 32, this.input.end));
    } catch (error) {
      if (error instanceof NotCanonicalError || error instanceof MalformedEvent) return error.message;
      throw error;
    }
    if (event.seq !== seq) return `event says seq ${event.seq} where ${seq} belongs`;
    this.building ??= event.get('building');
    if (!event.is('building', this.building)) return `event belongs to building ${event.get('building')}`;
    const disagreement = this.agrees?.(event, row);
    if (disagreement) return disagreement;
    const digest = this.input.digest();
    if (digest !== hash) return 'hash does not match the chain';
    this.head = digest;
    this.count = seq;
    return null;
  }
}

/** Verifies a whole chain given in order, e.g. the lines of an archive's ledger.jsonl. */
export async function verifyLines(
  lines: Iterable<LedgerLine> | AsyncIterable<LedgerLine>,
  buildingId?: string,
): Promise<ChainVerdict> {
  const check = new ChainCheck(buildingId);
  for await (const line of lines) {
    const reason = check.next(line.canonical, line.hash, line);
    if (reason !== null) return broken(check.count + 1, reason);
  }
  return check.verdict();
}

class MalformedEvent extends Error {}

/** Reads the header fields of a canonical event; throws MalformedEvent for a shape this code does not know. */
function readHeader(event: CanonicalObject): EventHeader {
  if (!event.textIs('v', VERSION)) throw new MalformedEvent(`unknown event version ${event.member('v')}`);
  const seq = event.integer('seq');
  if (seq === undefined || seq < 1) throw new MalformedEvent('event has no valid seq');
  requireString(event, 'building');
  requireString(event, 'type');
  const actor = event.raw('actor');
  if (actor === undefined || !(isSystem(actor) || isPerson(actor))) throw new MalformedEvent('event has no valid actor');
  requireString(event, 'at');
  return new EventHeader(event, seq, actor);
}

const VERSION = String(LEDGER_EVENT_VERSION);

function requireString(event: CanonicalObject, name: StringField): void {
  if (!event.isString(name)) throw new MalformedEvent(`event has no ${name}`);
}

const SYSTEM_ACTOR = '{"system":true}';
/** A person actor's canonical text begins with its id (the first name in sort order): {"id":"<36 of 0-9a-f->"…. */
const PERSON_PREFIX = '{"id":"';
const PERSON_ID = PERSON_PREFIX.length;

function isSystem(actor: Buffer): boolean {
  return actor.length === SYSTEM_ACTOR.length && asciiAt(actor, 0, SYSTEM_ACTOR);
}

/** {"id":"<36 of 0-9a-f->"} or {"id":"<36 of 0-9a-f->",…}. */
function isPerson(actor: Buffer): boolean {
  const idEnd = PERSON_ID + 36;
  if (actor.length < idEnd + 2 || !asciiAt(actor, 0, PERSON_PREFIX) || actor[idEnd] !== 0x22) return false;
  if (actor[idEnd + 1] !== 0x2c && actor[idEnd + 1] !== 0x7d) return false;
  for (let i = PERSON_ID; i < idEnd; i++) {
    const c = actor[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === 0x2d)) return false;
  }
  return true;
}

/** Whether `text` (ASCII) stands in `bytes` at `offset`. */
function asciiAt(bytes: Buffer, offset: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (bytes[offset + k] !== text.charCodeAt(k)) return false;
  return true;
}
