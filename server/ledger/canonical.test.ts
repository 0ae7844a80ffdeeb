import { isUtf8 } from 'node:buffer';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isCanonicalJson, NotCanonicalError, readCanonical, readCanonicalUtf8 } from './canonical';
import { seededRandom } from '@/tests/random';

/** The library's verdict, the definition the fast checker must match: text is canonical iff it is what the library writes for the value it denotes. */
function libraryAccepts(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

function double(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

describe('RFC 8785 examples', () => {
  it('§3.2.4: the worked example, byte for byte', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = Buffer.from(
      '7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e' +
        '756d62657273223a5b3333333333333333332e333333333333332c31652b3330' +
        '2c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac24' +
        '5c75303030665c6e4127425c225c5c5c5c5c222f227d',
      'hex',
    ).toString('utf8');

    expect(canonicalJson(JSON.parse(input))).toBe(expected);
    expect(isCanonicalJson(expected)).toBe(true);
    expect(isCanonicalJson(input)).toBe(false);
  });

  it('§3.2.3: members sorted by UTF-16 code units', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const names = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(JSON.parse(input)[name])}`).join(',')}}`;

    expect(canonicalJson(JSON.parse(input))).toBe(expected);
    expect(isCanonicalJson(expected)).toBe(true);
    // Every adjacent pair swapped is out of order
    const members = expected.slice(1, -1).split(/,(?=")/);
    for (let k = 0; k + 1 < members.length; k++) {
      const swapped = [...members];
      [swapped[k], swapped[k + 1]] = [swapped[k + 1]!, swapped[k]!];
      expect(isCanonicalJson(`{${swapped.join(',')}}`)).toBe(false);
    }
  });

  it('orders other names by code unit: surrogate pairs before U+E000–U+FFFF, prefixes first, the empty name first', () => {
    const names = ['', 'A', 'Z', 'a', 'ab', 'abc', '\u0435', '\ud800\udc00', '\ud83d\ude00', '\ue000', '\ufb33', '\uffff'];
    const text = `{${names.map((name) => `${JSON.stringify(name)}:0`).join(',')}}`;
    expect(canonicalJson(Object.fromEntries(names.map((name) => [name, 0])))).toBe(text);
    expect(isCanonicalJson(text)).toBe(true);
    expect(isCanonicalJson('{"ab":0,"a":0}')).toBe(false);
    expect(isCanonicalJson('{"\ufb33":0,"\ud83d\ude00":0}')).toBe(false);
  });

  // Appendix B: IEEE 754 bit patterns and the text JCS writes for each
  const appendixB: [bigint, string][] = [
    [0x0000000000000000n, '0'],
    [0x8000000000000000n, '0'],
    [0x0000000000000001n, '5e-324'],
    [0x8000000000000001n, '-5e-324'],
    [0x7fefffffffffffffn, '1.7976931348623157e+308'],
    [0xffefffffffffffffn, '-1.7976931348623157e+308'],
    [0x4340000000000000n, '9007199254740992'],
    [0xc340000000000000n, '-9007199254740992'],
    [0x4430000000000000n, '295147905179352830000'],
    [0x44b52d02c7e14af5n, '9.999999999999997e+22'],
    [0x44b52d02c7e14af6n, '1e+23'],
    [0x44b52d02c7e14af7n, '1.0000000000000001e+23'],
    [0x444b1ae4d6e2ef4en, '999999999999999700000'],
    [0x444b1ae4d6e2ef4fn, '999999999999999900000'],
    [0x444b1ae4d6e2ef50n, '1e+21'],
    [0x3eb0c6f7a0b5ed8cn, '9.999999999999997e-7'],
    [0x3eb0c6f7a0b5ed8dn, '0.000001'],
    [0x41b3de4355555553n, '333333333.3333332'],
    [0x41b3de4355555554n, '333333333.33333325'],
    [0x41b3de4355555555n, '333333333.3333333'],
    [0x41b3de4355555556n, '333333333.3333334'],
    [0x41b3de4355555557n, '333333333.33333343'],
    [0xbecbf647612f3696n, '-0.0000033333333333333333'],
    [0x43143ff3c1cb0959n, '1424953923781206.2'],
  ];

  it.each(appendixB)('Appendix B: %s is written %s, and only so', (bits, text) => {
    const value = double(bits);
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson([value])).toBe(`[${text}]`);
    expect(isCanonicalJson(text)).toBe(true);
    expect(isCanonicalJson(`{"n":${text}}`)).toBe(true);
    // The same double spelled otherwise
    for (const other of [value.toExponential(), value.toPrecision(17), `${text}0`, text.toUpperCase(), `${text}e0`]) {
      if (other !== text && Number(other) === value) expect(isCanonicalJson(`[${other}]`), other).toBe(false);
    }
  });

  it('Appendix B: NaN and the infinities have no canonical form', () => {
    for (const bits of [0x7fffffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n]) {
      expect(() => canonicalJson(double(bits))).toThrow();
    }
    for (const text of ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400']) expect(isCanonicalJson(`[${text}]`), text).toBe(false);
  });
});

describe('numbers', () => {
  it.each([
    ['1e+21', true],
    ['1e21', false],
    ['1E+21', false],
    ['1e-7', true],
    ['0.0000001', false],
    ['1e-07', false],
    ['0', true],
    ['-0', false],
    ['0.0', false],
    ['-0.0', false],
    ['5e-324', true],
    ['4.9e-324', false],
    ['100', true],
    ['1e2', false],
    ['100.0', false],
    ['1.5', true],
    ['1.50', false],
    ['0.1', true],
    ['.1', false],
    ['1.', false],
    ['01', false],
    ['+1', false],
    ['-', false],
    ['1e', false],
    ['9007199254740992', true],
    ['9007199254740993', false],
    ['123456789012345', true],
    ['1234567890123456789', false],
    ['1234567890123456800', true],
    ['-12', true],
    ['-012', false],
  ])('%s canonical: %s', (text, canonical) => {
    expect(isCanonicalJson(text)).toBe(canonical);
    expect(isCanonicalJson(`[${text}]`)).toBe(canonical);
    expect(libraryAccepts(text)).toBe(canonical);
  });
});

describe('strings', () => {
  it('writes control characters as JSON.stringify does: five short escapes, the rest \\u00xx in lowercase', () => {
    for (let code = 0; code < 0x20; code++) {
      const text = canonicalJson(String.fromCharCode(code));
      expect(isCanonicalJson(text)).toBe(true);
      expect(isCanonicalJson(`"${String.fromCharCode(code)}"`)).toBe(false); // raw
      const long = `"\\u${code.toString(16).padStart(4, '0')}"`;
      expect(isCanonicalJson(long)).toBe(text === long);
      expect(isCanonicalJson(long.toUpperCase().replace('\\U', '\\u'))).toBe(text === long && !/[a-f]/.test(long));
    }
    expect(canonicalJson('\b\t\n\f\r')).toBe(String.raw`"\b\t\n\f\r"`);
  });

  it.each([
    [String.raw`"\/"`, false],
    ['"/"', true],
    [String.raw`"\u0041"`, false],
    [String.raw`"\u20ac"`, false],
    ['"€"', true],
    ['"\u007f"', true],
    [String.raw`"\u007f"`, false],
    ['"\u2028\u2029"', true],
    [String.raw`"\""`, true],
    [String.raw`"\\"`, true],
    [String.raw`"\\u0041"`, true],
    [String.raw`"\x41"`, false],
    [String.raw`"\'"`, false],
    [String.raw`"\u00e9"`, false],
    [String.raw`"\u001g"`, false],
    [String.raw`"\u00`, false],
    ['"\ud83d\ude00"', true],
    [String.raw`"\ud83d\ude00"`, false],
    [String.raw`"\ud800"`, false],
    ['"\ud800"', false],
    ['"\udc00"', false],
    ['"\ude00\ud83d"', false],
    ['"\ud83d"', false],
    ["'a'", false],
    ['"abc', false],
  ])('%s canonical: %s', (text, canonical) => {
    expect(isCanonicalJson(text)).toBe(canonical);
    expect(libraryAccepts(text)).toBe(canonical);
  });

  it('refuses to write a lone surrogate', () => {
    expect(() => canonicalJson('\ud800')).toThrow();
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow();
  });
});

describe('refuses what is not canonical', () => {
  it.each([
    ['{"a":1,"b":2}', true],
    [' {"a":1,"b":2}', false],
    ['{"a":1,"b":2} ', false],
    ['{"a":1,"b":2}\n', false],
    ['{ "a":1,"b":2}', false],
    ['{"a" :1,"b":2}', false],
    ['{"a": 1,"b":2}', false],
    ['{"a":1, "b":2}', false],
    ['{"a":1,"b":2 }', false],
    ['{"a":1,\t"b":2}', false],
    ['[1, 2]', false],
    ['{"b":2,"a":1}', false],
    ['{"a":1,"a":1}', false],
    ['{"a":1,"a":2}', false],
    [String.raw`{"a":1,"\u0061":2}`, false],
    ['{"a":{"y":1,"x":2}}', false],
    ['{"a":[{"b":1,"b":1}]}', false],
    ['{"a":1,}', false],
    ['[1,]', false],
    ['[,1]', false],
    ['{a:1}', false],
    ['{"a"}', false],
    ['{"a":}', false],
    ['[tru]', false],
    ['[True]', false],
    ['[nul]', false],
    ['[undefined]', false],
    ['\ufeff{}', false],
    ['', false],
    ['{}{}', false],
    ['[', false],
    ['{"a":1', false],
    ['{}', true],
    ['[]', true],
    ['[[],{}]', true],
    ['[ ]', false],
    ['{ }', false],
    ['null', true],
    ['"x"', true],
    ['{"__proto__":1,"a":[true,false,null]}', true],
  ])('%j canonical: %s', (text, canonical) => {
    expect(isCanonicalJson(text)).toBe(canonical);
    expect(libraryAccepts(text)).toBe(canonical);
  });

  it('names where and why', () => {
    expect(() => readCanonical('{"b":1,"a":2}')).toThrow(new NotCanonicalError(7, 'members out of order'));
    expect(() => readCanonical('{"a":1,"a":2}')).toThrow(new NotCanonicalError(7, 'duplicate member name'));
    expect(() => readCanonical('[1]')).toThrow(NotCanonicalError);
  });

  it('handles nesting deeper than the call stack would allow', () => {
    const depth = 100_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    expect(isCanonicalJson(deep)).toBe(true);
    expect(isCanonicalJson(deep.slice(1))).toBe(false);
  });
});

describe('readCanonical', () => {
  it('gives each member of the root object as its canonical text', () => {
    const value = { actor: { id: 'x', name: '张三' }, at: '2026-11-25T06:31:00.000Z', files: [], seq: 17, v: 1, z: [{ a: [1, { b: 'c' }] }] };
    const text = canonicalJson(value);
    const object = readCanonical(text);
    for (const [name, member] of Object.entries(value)) expect(object.member(name)).toBe(canonicalJson(member));
    expect(object.member('missing')).toBeUndefined();
    expect(object.member('a')).toBeUndefined(); // a nested name is not a member of the root
  });
});

const PIECES = ['a', 'b', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u0080', 'é', '€', '中', '楼', '\u2028', '\ufeff', '\ufb33', '\uffff', '\ud83d\ude00', '\ud800\udc00', '\udbff\udfff', 'é'];

function randomValue(r: ReturnType<typeof seededRandom>, depth: number): unknown {
  const kind = depth > 4 ? r.int(4) : r.int(6);
  if (kind === 0) return r.pick([null, true, false]);
  if (kind === 1) return randomNumber(r);
  if (kind === 2 || kind === 3) return randomString(r, 12);
  if (kind === 4) return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
  const object: Record<string, unknown> = {};
  for (let k = r.int(6); k > 0; k--) object[randomName(r)] = randomValue(r, depth + 1);
  return object;
}

function randomString(r: ReturnType<typeof seededRandom>, most: number): string {
  let s = '';
  for (let k = r.int(most); k > 0; k--) s += r.pick(PIECES);
  return s;
}

/** Names that share prefixes, look like array indexes (which objects order first), or sort differently by code point. */
const NAMES = ['', 'a', 'aa', 'ab', 'b', 'B', '1', '2', '10', 'é', '€', '\ufb33', '\ud83d\ude00', '__proto__', 'a\n', 'a"'];

function randomName(r: ReturnType<typeof seededRandom>): string {
  return r.next() < 0.8 ? r.pick(NAMES) : randomString(r, 4);
}

function randomNumber(r: ReturnType<typeof seededRandom>): number {
  switch (r.int(7)) {
    case 0:
      return r.int(2_000_001) - 1_000_000;
    case 1:
      return (r.next() - 0.5) * 10 ** (r.int(60) - 30);
    case 2:
      return r.pick([0, -0, 5e-324, -5e-324, Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e-7, 1e-6, 333333333.3333333, 0.1 + 0.2]);
    case 3:
      return Number.parseFloat(r.next().toPrecision(r.int(17) + 1));
    default: {
      // any finite double, from random bits
      let bits = 0n;
      for (let k = 0; k < 4; k++) bits = (bits << 16n) | BigInt(r.int(0x10000));
      const value = double(bits);
      return Number.isFinite(value) ? value : 0;
    }
  }
}

/** Ways to make a canonical text (usually) not canonical; some keep it canonical, and the verdicts must still agree. */
const MUTATIONS: ((text: string, r: ReturnType<typeof seededRandom>) => string)[] = [
  (t, r) => insertAt(t, r.int(t.length + 1), r.pick([' ', '\n', '\t', '\r'])),
  (t, r) => insertAt(t, r.int(t.length + 1), r.pick(['"', ',', ':', '{', '}', '[', ']', '0', '-', 'e', '.', '\\', 'a', '\u0000'])),
  (t, r) => removeAt(t, r.int(t.length)),
  (t, r) => replaceAt(t, r.int(t.length), r.pick(['a', 'b', 'A', '1', '9', '.', 'E', '+', '"', '\\u0041', '\\/', '\\u00e9', '\\u000A'])),
  (t) => t.replace(/(\d)(,|]|}|$)/, '$1.0$2'),
  (t) => t.replace(/(\d)e([+-])/, '$1E$2'),
  (t) => t.replace(/"([^"\\]*)":([^,{}[\]]+),"([^"\\]*)":([^,{}[\]]+)/, '"$3":$4,"$1":$2'), // swap two members
  (t) => t.replace(/("[^"\\]*":[^,{}[\]]+)/, '$1,$1'), // duplicate a member
  (t) => t.replace(/\\n/, '\\u000a'),
  (t) => t.replace(/é/, '\\u00e9'),
];

function insertAt(text: string, at: number, piece: string) {
  return text.slice(0, at) + piece + text.slice(at);
}
function removeAt(text: string, at: number) {
  return text.slice(0, at) + text.slice(at + 1);
}
function replaceAt(text: string, at: number, piece: string) {
  return text.slice(0, at) + piece + text.slice(at + 1);
}

describe('fuzzed against the library', () => {
  it('accepts exactly what `canonicalize` writes, on 5,000 random values and 50,000 mutations of them', () => {
    const r = seededRandom(8785);
    const verdicts = { accepted: 0, refused: 0 };
    for (let k = 0; k < 5000; k++) {
      const value = randomValue(r, 0);
      const text = canonicalize(value) as string;
      expect(isCanonicalJson(text), text).toBe(true);
      for (let m = 0; m < 10; m++) {
        const mutated = r.pick(MUTATIONS)(text, r);
        const expected = libraryAccepts(mutated);
        expect(isCanonicalJson(mutated), JSON.stringify({ text, mutated })).toBe(expected);
        verdicts[expected ? 'accepted' : 'refused'] += 1;
      }
    }
    // Both verdicts were exercised in earnest
    expect(verdicts.refused).toBeGreaterThan(20_000);
    expect(verdicts.accepted).toBeGreaterThan(5_000);
  });

  it('agrees on random JSON-ish text', () => {
    const r = seededRandom(20);
    const alphabet = ['{', '}', '[', ']', '"', ',', ':', '0', '1', '-', '.', 'e', 'a', '\\', 'n', 'u', 't', ' ', '"a"', '"b"', 'null', 'true', '1e+21'];
    let accepted = 0;
    for (let k = 0; k < 50_000; k++) {
      let text = '';
      for (let n = r.int(12); n > 0; n--) text += r.pick(alphabet);
      const expected = libraryAccepts(text);
      expect(isCanonicalJson(text), text).toBe(expected);
      if (expected) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(500);
  });
});

describe('numbers written as short decimals', () => {
  // The checker accepts these without asking ECMAScript how it writes them: it must agree with it
  it('agrees with the library on 50,000 decimals of every shape near the shortcut', () => {
    const r = seededRandom(1e-6);
    const digits = (n: number) => Array.from({ length: n }, () => r.int(10)).join('');
    let canonical = 0;
    for (let k = 0; k < 50_000; k++) {
      const sign = r.next() < 0.2 ? '-' : '';
      const integer = r.next() < 0.4 ? '0' : String(1 + r.int(9)) + digits(r.int(17));
      const fraction = '0'.repeat(r.next() < 0.5 ? r.int(8) : 0) + digits(r.int(18)) + (r.next() < 0.1 ? '0' : '');
      const text = fraction === '' ? `${sign}${integer}` : `${sign}${integer}.${fraction}`;
      const expected = libraryAccepts(text);
      expect(isCanonicalJson(`[${text}]`), text).toBe(expected);
      if (expected) canonical += 1;
    }
    expect(canonical).toBeGreaterThan(10_000);
  });
});

describe('readCanonicalUtf8', () => {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');

  it('reads an object where it lies in a larger buffer', () => {
    const text = canonicalJson({ a: '楼', b: [1, 2.5, '😀'], c: { d: null } });
    const bytes = Buffer.concat([utf8('xx{"'), utf8(text), utf8('"}yy')]);
    const object = readCanonicalUtf8(bytes, 4, 4 + Buffer.byteLength(text));
    expect(object.member('b')).toBe('[1,2.5,"😀"]');
    expect(object.string('a')).toBe('楼');
    expect(() => readCanonicalUtf8(bytes, 4, 5 + Buffer.byteLength(text))).toThrow(NotCanonicalError);
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an overlong form', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte UTF-8 never uses', [0xf5, 0x80, 0x80, 0x80]],
    ['a character cut short', [0xe6, 0xa5]],
  ])('refuses %s, naming where it is', (_, sequence) => {
    const bytes = Buffer.concat([utf8('{"楼":"ab'), Buffer.from(sequence), utf8('"}')]);
    expect(isUtf8(bytes)).toBe(false);
    expect(() => readCanonicalUtf8(bytes, 0, bytes.length)).toThrow(new NotCanonicalError(8, 'not UTF-8'));
  });

  it('agrees with the text checker and with isUtf8 on 20,000 random byte changes', () => {
    const r = seededRandom(3629);
    let refused = 0;
    for (let k = 0; k < 20_000; k++) {
      const bytes = utf8(canonicalize({ a: randomValue(r, 1), [randomName(r)]: randomString(r, 8) }) as string);
      for (let n = 1 + r.int(2); n > 0; n--) bytes[r.int(bytes.length)] = r.pick([0x22, 0x5c, 0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc3, 0xe6, 0xed, 0xf0, 0xff, r.int(256)]);
      const expected = isUtf8(bytes) && bytes[0] === 0x7b && isCanonicalJson(bytes.toString('utf8'));
      let accepted = true;
      try {
        readCanonicalUtf8(bytes, 0, bytes.length);
      } catch (error) {
        if (!(error instanceof NotCanonicalError)) throw error;
        accepted = false;
      }
      expect(accepted, bytes.toString('hex')).toBe(expected);
      if (!accepted) refused += 1;
    }
    expect(refused).toBeGreaterThan(10_000);
  });

  it('reads strings four bytes at a time wherever they start, and still finds every special byte', () => {
    // Every alignment of the string, every place in it for a byte that must be escaped or ends it
    for (let offset = 0; offset < 8; offset++) {
      for (let at = 0; at < 12; at++) {
        for (const special of ['"', '\\', '\n', '\u001f', '\\n', '\\u0000', '楼', '😀', '\u007f']) {
          const content = 'abcdefghijkl'.slice(0, at) + special + 'mnopqrstuvwx'.slice(at);
          const text = `{"k":"${content}"}`;
          const bytes = Buffer.alloc(64 + offset + Buffer.byteLength(text));
          const end = 32 + offset + bytes.write(text, 32 + offset);
          let accepted = true;
          try {
            readCanonicalUtf8(bytes, 32 + offset, end);
          } catch (error) {
            if (!(error instanceof NotCanonicalError)) throw error;
            accepted = false;
          }
          expect(accepted, JSON.stringify({ offset, text })).toBe(libraryAccepts(text));
        }
      }
    }
  });
});

describe('CanonicalObject', () => {
  const object = readCanonical(canonicalJson({ n: 17, big: 1234567890123456, neg: -3, s: 'a"b楼', plain: 'pledge.signed', t: true }));

  it('reads integers, strings and raw text where they stand', () => {
    expect(object.integer('n')).toBe(17);
    expect(object.integer('big')).toBeUndefined(); // more than 15 digits
    expect(object.integer('neg')).toBeUndefined();
    expect(object.integer('s')).toBeUndefined();
    expect(object.raw('s')?.toString()).toBe('"a\\"b楼"');
    expect(object.textIs('t', 'true')).toBe(true);
    expect(object.textIs('t', 'tru')).toBe(false);
    expect(object.isString('s')).toBe(true);
    expect(object.isString('n')).toBe(false);
    expect(object.isString('missing')).toBe(false);
  });

  it('compares a string with a value, decoding only what it must', () => {
    expect(object.stringIs('plain', 'pledge.signed')).toBe(true);
    expect(object.stringIs('plain', 'pledge.signeD')).toBe(false);
    expect(object.stringIs('s', 'a"b楼')).toBe(true);
    expect(object.stringIs('s', 'a"b')).toBe(false);
    expect(object.stringIs('n', '17')).toBe(false);
    expect(object.stringIs('missing', '')).toBe(false);
  });
});
