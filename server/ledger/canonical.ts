import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON.
 *
 * Writing goes through the maintained `canonicalize` library. Reading a stored
 * event back goes through `readCanonical`, a single-pass checker that accepts
 * a text only if it is exactly what that library would write for the value it
 * denotes. It exists for speed: verification reads every event, and JSON.parse
 * plus re-serializing costs several times the SHA-256 of the same bytes.
 * canonical.test.ts proves it equal to the library (RFC 8785 vectors, fuzzing).
 */

/** The canonical text of a JSON value; throws on what JSON cannot hold (NaN, lone surrogates, undefined). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export class NotCanonicalError extends Error {
  constructor(
    readonly position: number,
    problem: string,
  ) {
    super(`not RFC 8785 canonical JSON at character ${position}: ${problem}`);
    this.name = 'NotCanonicalError';
  }
}

export function isCanonicalJson(text: string): boolean {
  try {
    scan(text, null);
    return true;
  } catch (error) {
    if (error instanceof NotCanonicalError) return false;
    throw error;
  }
}

/** A canonical JSON object whose members are read unparsed, so a caller parses only the few it needs. */
export class CanonicalObject {
  constructor(
    private readonly text: string,
    /** Per member: where its name starts, where its value starts and ends. */
    private readonly spans: readonly number[],
  ) {}

  /** The canonical text of a member's value, e.g. `'17'` or `'"pledge.signed"'`; `name` must need no escaping. */
  member(name: string): string | undefined {
    const { text, spans } = this;
    for (let k = 0; k < spans.length; k += 3) {
      const nameStart = spans[k] as number;
      const valueStart = spans[k + 1] as number;
      // "name": takes the name's length plus three characters
      if (valueStart - nameStart === name.length + 3 && text.startsWith(name, nameStart + 1)) {
        return text.slice(valueStart, spans[k + 2]);
      }
    }
    return undefined;
  }
}

/** Checks that `text` is a canonical JSON object; throws NotCanonicalError otherwise. */
export function readCanonical(text: string): CanonicalObject {
  if (text.charCodeAt(0) !== LBRACE) throw new NotCanonicalError(0, 'not an object');
  const spans: number[] = [];
  scan(text, spans);
  return new CanonicalObject(text, spans);
}

/** The string a canonical string literal (quotes included) denotes. */
export function canonicalString(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SHORT_ESCAPES = '"\\bfnrt';
/** Control characters JSON.stringify writes with a short escape, never as \u00xx. */
const SHORT_ESCAPED_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);
const NO_KEY = -1;

/**
 * One pass over the text, without building the value: iterative, so nesting
 * depth is bounded by memory only (as in the library), and member names are
 * compared where they stand in the text. `spans` (when given) collects where
 * the root object's members stand. Reads past the end as -1: charCodeAt's
 * NaN would turn every comparison into a floating-point one.
 */
function scan(text: string, spans: number[] | null): void {
  const end = text.length;
  // Open containers, innermost last: whether each is an object, and where its last member name stands.
  const isObject: boolean[] = [];
  const lastKeyStart: number[] = [];
  const lastKeyEnd: number[] = [];
  const lastKeyEscaped: boolean[] = [];
  let depth = 0;
  let i = 0;
  let expectKey = false;

  for (;;) {
    if (expectKey) {
      // "name":value inside an object; names sorted by UTF-16 code units, each once
      if (charAt(text, i) !== QUOTE) throw new NotCanonicalError(i, 'expected a member name');
      const keyEnd = scanString(text, i);
      const escaped = lastString.escaped;
      const top = depth - 1;
      const previous = lastKeyStart[top] as number;
      if (previous !== NO_KEY) {
        const order = compareNames(text, previous, lastKeyEnd[top] as number, lastKeyEscaped[top] as boolean, i, keyEnd, escaped);
        if (order >= 0) throw new NotCanonicalError(i, order === 0 ? 'duplicate member name' : 'members out of order');
      }
      lastKeyStart[top] = i;
      lastKeyEnd[top] = keyEnd;
      lastKeyEscaped[top] = escaped;
      if (charAt(text, keyEnd) !== COLON) throw new NotCanonicalError(keyEnd, 'expected ":"');
      if (depth === 1 && spans !== null) spans.push(i, keyEnd + 1);
      i = keyEnd + 1;
      expectKey = false;
    }

    // A value starts at i
    const c = charAt(text, i);
    if (c === QUOTE) {
      i = scanString(text, i);
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      i = scanNumber(text, i);
    } else if (c === LBRACE || c === LBRACKET) {
      if (charAt(text, i + 1) === (c === LBRACE ? RBRACE : RBRACKET)) {
        i += 2;
      } else {
        isObject[depth] = c === LBRACE;
        lastKeyStart[depth] = NO_KEY;
        depth += 1;
        i += 1;
        expectKey = c === LBRACE;
        continue;
      }
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      throw new NotCanonicalError(i, i >= end ? 'unexpected end' : 'expected a value');
    }

    // A value ended at i: close containers, or move to the next element or member
    for (;;) {
      if (depth === 0) {
        if (i !== end) throw new NotCanonicalError(i, 'text after the value');
        return;
      }
      if (depth === 1 && spans !== null) spans.push(i);
      const inObject = isObject[depth - 1] as boolean;
      const next = charAt(text, i);
      if (next === COMMA) {
        i += 1;
        expectKey = inObject;
        break;
      }
      if (next !== (inObject ? RBRACE : RBRACKET)) throw new NotCanonicalError(i, `expected "," or "${inObject ? '}' : ']'}"`);
      depth -= 1;
      i += 1;
    }
  }
}

function charAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** Whether the string scanString last read holds an escape (a result on the side, to keep the hot path free of allocation). */
const lastString = { escaped: false };

/** Returns the index after the closing quote of the string literal opening at `start`. */
function scanString(text: string, start: number): number {
  const end = text.length;
  lastString.escaped = false;
  let i = start + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      lastString.escaped = true;
      i = scanEscape(text, i);
    } else if (c < 0x20 || (c & 0xf800) === 0xd800) {
      i = scanSurrogatePair(text, i);
    } else {
      i += 1;
    }
  }
  throw new NotCanonicalError(start, 'unterminated string');
}

/** A surrogate (or control character) at `start` is canonical only as a high surrogate followed by a low one. */
function scanSurrogatePair(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c < 0x20) throw new NotCanonicalError(start, 'unescaped control character');
  const low = start + 1 < text.length ? text.charCodeAt(start + 1) : 0;
  if (c > 0xdbff || (low & 0xfc00) !== 0xdc00) throw new NotCanonicalError(start, 'lone surrogate');
  return start + 2;
}

/** Returns the index after the escape at `start`, which must be one JSON.stringify writes. */
function scanEscape(text: string, start: number): number {
  const e = text.charAt(start + 1);
  if (e !== '' && SHORT_ESCAPES.includes(e)) return start + 2;
  // Only the control characters without a short escape are written as \u00xx (lowercase hex)
  const hex = e === 'u' ? text.slice(start + 2, start + 6) : '';
  const code = /^00[01][0-9a-f]$/.test(hex) ? parseInt(hex, 16) : -1;
  if (code < 0 || SHORT_ESCAPED_CONTROLS.has(code)) throw new NotCanonicalError(start, 'escape that canonical form does not use');
  return start + 6;
}

/** Returns the index after the number at `start`, which must be written as ECMAScript writes that double. */
function scanNumber(text: string, start: number): number {
  const end = text.length;
  const firstDigit = text.charCodeAt(start) === MINUS ? start + 1 : start;
  let i = firstDigit;
  while (i < end && text.charCodeAt(i) >= DIGIT_0 && text.charCodeAt(i) <= DIGIT_9) i += 1;
  const next = i < end ? text.charCodeAt(i) : -1;
  const digits = i - firstDigit;
  // A plain integer of up to 15 digits is exact and written as itself, save "-0" and leading zeros
  if (digits > 0 && digits <= 15 && next !== 0x2e && next !== 0x45 && next !== 0x65) {
    if (text.charCodeAt(firstDigit) !== DIGIT_0 || i - start === 1) return i;
  }
  // Anything else must round-trip exactly ("1.0", "1e2", "1E+21", "0.1e1", "1e400" and excess digits do not)
  NUMBER.lastIndex = start;
  if (!NUMBER.test(text)) throw new NotCanonicalError(start, 'malformed number');
  const token = text.slice(start, NUMBER.lastIndex);
  if (String(Number(token)) !== token) throw new NotCanonicalError(start, 'number not in canonical form');
  return NUMBER.lastIndex;
}

/** Orders two member names (string literals at [aStart, aEnd) and [bStart, bEnd)) by the UTF-16 code units of their values. */
function compareNames(text: string, aStart: number, aEnd: number, aEscaped: boolean, bStart: number, bEnd: number, bEscaped: boolean): number {
  if (aEscaped || bEscaped) {
    const a = canonicalString(text.slice(aStart, aEnd));
    const b = canonicalString(text.slice(bStart, bEnd));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // Without escapes a literal's characters are its value's; on a common prefix the shorter name sorts first
  const length = Math.min(aEnd - aStart, bEnd - bStart) - 1;
  for (let k = 1; k < length; k++) {
    const d = text.charCodeAt(aStart + k) - text.charCodeAt(bStart + k);
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}
