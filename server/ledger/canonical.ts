import { isUtf8 } from 'node:buffer';
import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON.
 *
 * Writing goes through the maintained `canonicalize` library. Reading a stored
 * event back goes through `readCanonicalUtf8`, a single-pass checker that
 * accepts UTF-8 bytes only if they are exactly what that library would write
 * for the value they denote. It exists for speed: verification reads every
 * event, and JSON.parse plus re-serializing costs several times the SHA-256 of
 * the same bytes. It reads the bytes that are hashed, so an event is never
 * decoded to a JS string and encoded back. canonical.test.ts proves it equal
 * to the library (RFC 8785 vectors, fuzzing).
 */

/** The canonical text of a JSON value; throws on what JSON cannot hold (NaN, lone surrogates, undefined). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export class NotCanonicalError extends Error {
  constructor(
    /** In UTF-16 code units (JS string indexes), whether the checker read a string or bytes. */
    readonly position: number,
    problem: string,
  ) {
    super(`not RFC 8785 canonical JSON at character ${position}: ${problem}`);
    this.name = 'NotCanonicalError';
  }
}

export function isCanonicalJson(text: string): boolean {
  try {
    const bytes = utf8Of(text);
    check(bytes, 0, bytes.length, null);
    return true;
  } catch (error) {
    if (error instanceof NotCanonicalError) return false;
    throw error;
  }
}

/** A canonical JSON object whose members are read unparsed, so a caller decodes only the few it needs. */
export class CanonicalObject {
  constructor(
    private readonly bytes: Buffer,
    /** Per member: where its name starts, where its value starts and ends (byte offsets). */
    private readonly spans: readonly number[],
  ) {}

  /** The canonical text of a member's value, e.g. `'17'` or `'"pledge.signed"'`; `name` must be ASCII needing no escaping. */
  member(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : this.bytes.toString('utf8', this.spans[k + 1], this.spans[k + 2]);
  }

  /** The value of a member that is a string; undefined when it is absent or not a string. */
  string(name: string): string | undefined {
    const k = this.find(name);
    if (k < 0) return undefined;
    const { bytes } = this;
    const start = this.spans[k + 1] as number;
    const end = this.spans[k + 2] as number;
    if (bytes[start] !== QUOTE) return undefined;
    // Without an escape the characters between the quotes are the value
    for (let i = start + 1; i < end; i++) {
      if (bytes[i] === BACKSLASH) return JSON.parse(bytes.toString('utf8', start, end)) as string;
    }
    return bytes.toString('utf8', start + 1, end - 1);
  }

  /** A member's canonical text as bytes (a view, not a copy), e.g. for a caller to check its form in place. */
  raw(name: string): Buffer | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : this.bytes.subarray(this.spans[k + 1], this.spans[k + 2]);
  }

  /** The value of a member written as a non-negative integer of up to 15 digits, which is exact; else undefined. */
  integer(name: string): number | undefined {
    const k = this.find(name);
    if (k < 0) return undefined;
    const start = this.spans[k + 1] as number;
    const end = this.spans[k + 2] as number;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = (this.bytes[i] as number) - DIGIT_0;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
    }
    return end > start && end - start <= 15 ? value : undefined;
  }

  /** Whether a member's canonical text is `text` (ASCII), compared where it stands. */
  textIs(name: string, text: string): boolean {
    const k = this.find(name);
    if (k < 0 || (this.spans[k + 2] as number) - (this.spans[k + 1] as number) !== text.length) return false;
    const start = this.spans[k + 1] as number;
    let j = 0;
    while (j < text.length && this.bytes[start + j] === text.charCodeAt(j)) j += 1;
    return j === text.length;
  }

  /** Whether a member is a string. */
  isString(name: string): boolean {
    const k = this.find(name);
    return k >= 0 && this.bytes[this.spans[k + 1] as number] === QUOTE;
  }

  /** Whether a member is the string `value`: compared where it stands, decoded only if its literal has an escape or non-ASCII. */
  stringIs(name: string, value: string): boolean {
    const k = this.find(name);
    if (k < 0) return false;
    const { bytes } = this;
    const start = (this.spans[k + 1] as number) + 1;
    if (bytes[start - 1] !== QUOTE) return false;
    // A literal of plain ASCII stands for its very bytes
    if ((this.spans[k + 2] as number) - 1 - start === value.length) {
      let j = 0;
      for (; j < value.length; j++) {
        const b = bytes[start + j] as number;
        if (b !== value.charCodeAt(j) || b >= 0x80 || b === BACKSLASH) break;
      }
      if (j === value.length) return true;
    }
    return this.string(name) === value;
  }

  private find(name: string): number {
    const { bytes, spans } = this;
    for (let k = 0; k < spans.length; k += 3) {
      const nameStart = spans[k] as number;
      // "name": takes the name's length plus three bytes
      if ((spans[k + 1] as number) - nameStart !== name.length + 3) continue;
      let j = 0;
      while (j < name.length && bytes[nameStart + 1 + j] === name.charCodeAt(j)) j += 1;
      if (j === name.length) return k;
    }
    return -1;
  }
}

/** Checks that `text` is a canonical JSON object; throws NotCanonicalError otherwise. */
export function readCanonical(text: string): CanonicalObject {
  const bytes = utf8Of(text);
  return readObject(bytes, 0, bytes.length);
}

/**
 * Checks that bytes[start, end) are the UTF-8 of a canonical JSON object; throws NotCanonicalError otherwise.
 * `isUtf8` (one native pass) checks the encoding first, so the scan takes multi-byte characters as they come.
 */
export function readCanonicalUtf8(bytes: Buffer, start: number, end: number): CanonicalObject {
  if (!isUtf8(bytes.subarray(start, end))) {
    const at = firstMalformedUtf8(bytes, start, end);
    throw new NotCanonicalError(bytes.toString('utf8', start, at).length, 'not UTF-8');
  }
  return readObject(bytes, start, end);
}

/**
 * Throws NotCanonicalError if `text` holds a lone surrogate, which UTF-8
 * cannot encode (Buffer would write U+FFFD in its place).
 */
export function refuseLoneSurrogates(text: string): void {
  if (!text.isWellFormed()) throw new NotCanonicalError(text.search(LONE_SURROGATE), 'lone surrogate');
}

declare global {
  interface String {
    /** ES2024, in Node since 20; the project's TypeScript lib (ES2023) predates it. */
    isWellFormed(): boolean;
  }
}

function utf8Of(text: string): Buffer {
  refuseLoneSurrogates(text);
  return Buffer.from(text, 'utf8');
}

function readObject(bytes: Buffer, start: number, end: number): CanonicalObject {
  const spans: number[] = [];
  check(bytes, start, end, spans);
  return new CanonicalObject(bytes, spans);
}

/** Runs the scan, turning a byte offset in a refusal into a character position. */
function check(bytes: Buffer, start: number, end: number, spans: number[] | null): void {
  try {
    if (spans !== null && bytes[start] !== LBRACE) throw new Refusal(start, 'not an object');
    scan(bytes, start, end, spans);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    // Refusals stand at ASCII bytes or at the start of a literal, so the prefix decodes whole
    throw new NotCanonicalError(bytes.toString('utf8', start, error.at).length, error.problem);
  }
}

/** A refusal at a byte offset, before check() translates it. */
class Refusal {
  constructor(
    readonly at: number,
    readonly problem: string,
  ) {}
}

/** /u matches code points, so a well-formed pair is one and only a lone surrogate is \p{Cs}. */
const LONE_SURROGATE = /\p{Cs}/u;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** The characters after a backslash that JSON.stringify writes: " \ b f n r t, and u for \u00xx. */
const SHORT_ESCAPES = new Set([0x22, 0x5c, 0x62, 0x66, 0x6e, 0x72, 0x74]);
/** Control characters JSON.stringify writes with a short escape, never as \u00xx. */
const SHORT_ESCAPED_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const NO_KEY = -1;

/** What each byte inside a string literal is, for scanString and scanName. */
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const CONTROL = 3;
const NON_ASCII = 4;
const STRING_BYTE = new Uint8Array(256).map((_, b) =>
  b === QUOTE ? END : b === BACKSLASH ? ESCAPE : b < 0x20 ? CONTROL : b >= 0x80 ? NON_ASCII : PLAIN,
);

/**
 * One pass over the bytes, without building the value: iterative, so nesting
 * depth is bounded by memory only (as in the library), and member names are
 * compared where they stand. `spans` (when given) collects where the root
 * object's members stand. Bytes past `end` read as -1.
 */
function scan(bytes: Buffer, start: number, end: number, spans: number[] | null): void {
  // Open containers, innermost last: whether each is an object, and where its last member name stands.
  const isObject: boolean[] = [];
  const lastKeyStart: number[] = [];
  const lastKeyEnd: number[] = [];
  const lastKeyPlain: boolean[] = [];
  let depth = 0;
  let i = start;
  let expectKey = false;

  for (;;) {
    if (expectKey) {
      // "name":value inside an object; names sorted by UTF-16 code units, each once
      if (byteAt(bytes, i, end) !== QUOTE) throw new Refusal(i, 'expected a member name');
      const keyEnd = scanName(bytes, i, end);
      const plain = lastName.plain;
      const top = depth - 1;
      const previous = lastKeyStart[top] as number;
      if (previous !== NO_KEY) {
        const order = compareNames(bytes, previous, lastKeyEnd[top] as number, lastKeyPlain[top] as boolean, i, keyEnd, plain);
        if (order >= 0) throw new Refusal(i, order === 0 ? 'duplicate member name' : 'members out of order');
      }
      lastKeyStart[top] = i;
      lastKeyEnd[top] = keyEnd;
      lastKeyPlain[top] = plain;
      if (byteAt(bytes, keyEnd, end) !== COLON) throw new Refusal(keyEnd, 'expected ":"');
      if (depth === 1 && spans !== null) spans.push(i, keyEnd + 1);
      i = keyEnd + 1;
      expectKey = false;
    }

    // A value starts at i
    const c = byteAt(bytes, i, end);
    if (c === QUOTE) {
      i = scanString(bytes, i, end);
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      i = scanNumber(bytes, i, end);
    } else if (c === LBRACE || c === LBRACKET) {
      if (byteAt(bytes, i + 1, end) === (c === LBRACE ? RBRACE : RBRACKET)) {
        i += 2;
      } else {
        isObject[depth] = c === LBRACE;
        lastKeyStart[depth] = NO_KEY;
        depth += 1;
        i += 1;
        expectKey = c === LBRACE;
        continue;
      }
    } else if (wordAt(bytes, i, end, 'true') || wordAt(bytes, i, end, 'null')) {
      i += 4;
    } else if (wordAt(bytes, i, end, 'false')) {
      i += 5;
    } else {
      throw new Refusal(i, i >= end ? 'unexpected end' : 'expected a value');
    }

    // A value ended at i: close containers, or move to the next element or member
    for (;;) {
      if (depth === 0) {
        if (i !== end) throw new Refusal(i, 'text after the value');
        return;
      }
      if (depth === 1 && spans !== null) spans.push(i);
      const inObject = isObject[depth - 1] as boolean;
      const next = byteAt(bytes, i, end);
      if (next === COMMA) {
        i += 1;
        expectKey = inObject;
        break;
      }
      if (next !== (inObject ? RBRACE : RBRACKET)) throw new Refusal(i, `expected "," or "${inObject ? '}' : ']'}"`);
      depth -= 1;
      i += 1;
    }
  }
}

function byteAt(bytes: Buffer, i: number, end: number): number {
  return i < end ? (bytes[i] as number) : -1;
}

/** Whether `word` (ASCII) stands at i. */
function wordAt(bytes: Buffer, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** Returns the index after the closing quote of the string literal (a value) opening at `start`. */
function scanString(bytes: Buffer, start: number, end: number): number {
  const words = wordsOf(bytes);
  const wordsEnd = Math.min(end >>> 2, words.length);
  let i = start + 1;
  while (i < end) {
    // Most of a string is plain bytes: skip them four at a time where the bytes are word-aligned
    if ((i & 3) === 0) {
      let w = i >>> 2;
      while (w < wordsEnd && !special(words[w] as number)) w += 1;
      i = w << 2;
      if (i >= end) break;
    }
    const kind = STRING_BYTE[bytes[i] as number];
    if (kind === PLAIN || kind === NON_ASCII) {
      i += 1;
    } else if (kind === END) {
      return i + 1;
    } else if (kind === ESCAPE) {
      i = scanEscape(bytes, i, end);
    } else {
      throw new Refusal(i, 'unescaped control character');
    }
  }
  throw new Refusal(start, 'unterminated string');
}

/**
 * Whether any of the four bytes in `word` is a quote, a backslash or below 0x20. Each term
 * sets the high bit of a byte below 0x80 that is special: subtracting 0x20 from it, or 1
 * from it XOR the quote (or the backslash), borrows into its high bit. Bytes of 0x80 and
 * above (UTF-8 the caller has checked) never borrow. A borrow may also flag a byte above a
 * special one, never hide one, so a false alarm only costs a byte-by-byte look, in either
 * byte order.
 */
function special(word: number): boolean {
  return (((word - 0x20202020) | ((word ^ 0x22222222) - 0x01010101) | ((word ^ 0x5c5c5c5c) - 0x01010101)) & ~word & 0x80808080) !== 0;
}

/**
 * Whether the name scanName last read is plain: no escape and only ASCII, so its bytes
 * are its UTF-16 code units (a result on the side, to keep the hot path free of allocation).
 */
const lastName = { plain: true };

/** scanString for a member name, byte by byte (names are short), noting whether it is plain. */
function scanName(bytes: Buffer, start: number, end: number): number {
  lastName.plain = true;
  let i = start + 1;
  while (i < end) {
    const kind = STRING_BYTE[bytes[i] as number];
    if (kind === PLAIN) {
      i += 1;
    } else if (kind === END) {
      return i + 1;
    } else if (kind === ESCAPE) {
      lastName.plain = false;
      i = scanEscape(bytes, i, end);
    } else if (kind === NON_ASCII) {
      lastName.plain = false;
      i += 1;
    } else {
      throw new Refusal(i, 'unescaped control character');
    }
  }
  throw new Refusal(start, 'unterminated string');
}

/** Int32 words over the bytes (empty where they do not start on a 4-byte boundary); the last buffer's view is kept. */
function wordsOf(bytes: Buffer): Int32Array {
  if (lastWords.bytes !== bytes) {
    lastWords.bytes = bytes;
    lastWords.words = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : new Int32Array(0);
  }
  return lastWords.words;
}

const lastWords: { bytes: Buffer | null; words: Int32Array } = { bytes: null, words: new Int32Array(0) };

/** Returns the index after the escape at `start`, which must be one JSON.stringify writes. */
function scanEscape(bytes: Buffer, start: number, end: number): number {
  const e = byteAt(bytes, start + 1, end);
  if (SHORT_ESCAPES.has(e)) return start + 2;
  // Only the control characters without a short escape are written as \u00xx (lowercase hex)
  if (e === 0x75 && start + 6 <= end && bytes[start + 2] === DIGIT_0 && bytes[start + 3] === DIGIT_0) {
    const high = bytes[start + 4] as number;
    const low = bytes[start + 5] as number;
    const lowValue = low >= DIGIT_0 && low <= DIGIT_9 ? low - DIGIT_0 : low >= 0x61 && low <= 0x66 ? low - 0x61 + 10 : -1;
    const code = (high === DIGIT_0 || high === DIGIT_0 + 1) && lowValue >= 0 ? (high - DIGIT_0) * 16 + lowValue : -1;
    if (code >= 0 && !SHORT_ESCAPED_CONTROLS.has(code)) return start + 6;
  }
  throw new Refusal(start, 'escape that canonical form does not use');
}

/** Returns the index after the number at `start`, which must be written as ECMAScript writes that double. */
function scanNumber(bytes: Buffer, start: number, end: number): number {
  const firstDigit = bytes[start] === MINUS ? start + 1 : start;
  const intEnd = skipDigits(bytes, firstDigit, end);
  const intDigits = intEnd - firstDigit;
  const leadingZero = bytes[firstDigit] === DIGIT_0;
  const next = byteAt(bytes, intEnd, end);
  if (intDigits > 0 && (!leadingZero || intDigits === 1)) {
    // A plain integer of up to 15 digits is exact and written as itself, save "-0"
    if (intDigits <= 15 && next !== DOT && next !== LOWER_E && next !== UPPER_E && (!leadingZero || intEnd - start === 1)) return intEnd;
    // So is a decimal of up to 15 significant digits without trailing zeros, from 0.000001 on:
    // 15 digits identify a double, so they are its shortest form, which ECMAScript writes
    // in fixed notation from 1e-6 up to 1e21. ("0.0000001" is 1e-7, too small for this.)
    if (next === DOT) {
      const fractionEnd = skipDigits(bytes, intEnd + 1, end);
      const after = byteAt(bytes, fractionEnd, end);
      const zeros = leadingZero ? skipZeros(bytes, intEnd + 1, fractionEnd) - intEnd - 1 : 0;
      const significant = (leadingZero ? 0 : intDigits) + fractionEnd - intEnd - 1 - zeros;
      if (fractionEnd > intEnd + 1 && bytes[fractionEnd - 1] !== DIGIT_0 && after !== LOWER_E && after !== UPPER_E && zeros <= 5 && significant <= 15) {
        return fractionEnd;
      }
    }
  }
  // Anything else must round-trip exactly ("1.0", "1e2", "1E+21", "0.1e1", "1e400" and excess digits do not).
  // The token runs over every byte a number may hold: what follows a number must be none of them.
  let i = intEnd;
  while (i < end && isNumberByte(bytes[i] as number)) i += 1;
  const token = bytes.toString('latin1', start, i);
  if (!NUMBER.test(token)) throw new Refusal(start, 'malformed number');
  if (String(Number(token)) !== token) throw new Refusal(start, 'number not in canonical form');
  return i;
}

function skipDigits(bytes: Buffer, i: number, end: number): number {
  while (i < end && isDigit(bytes[i] as number)) i += 1;
  return i;
}

function skipZeros(bytes: Buffer, i: number, end: number): number {
  while (i < end && bytes[i] === DIGIT_0) i += 1;
  return i;
}

function isDigit(b: number): boolean {
  return b >= DIGIT_0 && b <= DIGIT_9;
}

function isNumberByte(b: number): boolean {
  return isDigit(b) || b === DOT || b === LOWER_E || b === UPPER_E || b === PLUS || b === MINUS;
}

/** Orders two member names (string literals at [aStart, aEnd) and [bStart, bEnd)) by the UTF-16 code units of their values. */
function compareNames(bytes: Buffer, aStart: number, aEnd: number, aPlain: boolean, bStart: number, bEnd: number, bPlain: boolean): number {
  if (!aPlain || !bPlain) {
    // UTF-8 order is code point order, which differs from UTF-16 order past U+FFFF: compare the strings
    const a = JSON.parse(bytes.toString('utf8', aStart, aEnd)) as string;
    const b = JSON.parse(bytes.toString('utf8', bStart, bEnd)) as string;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // ASCII without escapes: bytes are code units; on a common prefix the shorter name sorts first
  const length = Math.min(aEnd - aStart, bEnd - bStart) - 1;
  for (let k = 1; k < length; k++) {
    const d = (bytes[aStart + k] as number) - (bytes[bStart + k] as number);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/**
 * Where the first byte sequence that is not UTF-8 starts (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF; the second byte's range narrows after E0, ED, F0 and F4).
 */
function firstMalformedUtf8(bytes: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const lead = bytes[i] as number;
    const length = lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
    const second = byteAt(bytes, i + 1, end);
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (length === 0 || i + length > end || (length > 1 && (second < low || second > high))) return i;
    for (let k = 2; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return end;
}
