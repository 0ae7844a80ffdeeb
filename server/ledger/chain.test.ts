import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { ChainCheck, chainHash, verifyLines, ZERO_HASH, type EventHeader, type LedgerLine } from './chain';

const BUILDING = '7d782b3e-c91d-4f80-bfc6-9dd810b29964';
const PHOTO = '55c64d0fcd6f9d5f7c828093857e3fdfda68478bb4e9bd24d481ef391c7804e8'; // SHA-256 of "photo"

// Two events as RFC 8785 text, written by hand
const E1 =
  '{"actor":{"id":"0b0a3c5e-6f1d-4d2a-9c4b-1e2f3a4b5c6d","name":"张三","role":"SUPERVISION"},"at":"2026-11-25T06:31:00.000Z",' +
  `"building":"${BUILDING}","data":{"note":"钢筋隐蔽验收 ✓ 😀"},"files":["${PHOTO}"],"seq":1,` +
  '"subjects":{"inspectionId":"5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f"},"type":"inspection.recorded","v":1}';
const E2 = `{"actor":{"system":true},"at":"2026-11-25T06:32:00.000Z","building":"${BUILDING}","data":{},"files":[],"seq":2,"subjects":{},"type":"archive.exported","v":1}`;
// Computed outside Node (Python hashlib) over 32 zero bytes || UTF-8(E1), then H1 bytes || UTF-8(E2)
const H1 = '47fee45ed46fdd9dc06cac63a504631e4d92ea1c5bcbb40e05e6ff779e59b381';
const H2 = '210f796af54812c1c3ec39b0b6644bb5e5b31ad68413fe1f8fe8b9f9ec20476b';

/** The chain rule spelled out on bytes, apart from the code under test. */
function sha256Chain(previousHex: string, canonical: string): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(previousHex, 'hex'), Buffer.from(canonical, 'utf8')]))
    .digest('hex');
}

function event(seq: number, overrides: Record<string, unknown> = {}) {
  return canonicalJson({
    v: 1,
    seq,
    building: BUILDING,
    type: 'pledge.signed',
    actor: { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: '李四' },
    at: new Date(Date.UTC(2026, 10, 25, 7, seq)).toISOString(),
    subjects: { pledgeId: `p${seq}` },
    files: [PHOTO],
    data: { n: seq / 3 },
    ...overrides,
  });
}

function chainOf(canonicals: string[]): LedgerLine[] {
  let previous = ZERO_HASH;
  return canonicals.map((canonical) => {
    previous = sha256Chain(previous, canonical);
    return { canonical, hash: previous };
  });
}

describe('chainHash', () => {
  it('hashes the raw bytes of the previous hash and the UTF-8 of the event, from 32 zero bytes', () => {
    expect(ZERO_HASH).toBe('00'.repeat(32));
    expect(chainHash(ZERO_HASH, E1)).toBe(H1);
    expect(chainHash(H1, E2)).toBe(H2);
    expect(sha256Chain(ZERO_HASH, E1)).toBe(H1);
  });

  it('refuses a previous hash that is not 64 hex digits', () => {
    expect(() => chainHash('abc', E1)).toThrow(TypeError);
    expect(() => chainHash(`${H1.slice(0, 62)}zz`, E1)).toThrow(TypeError);
  });

  it('matches the rule on events longer than its buffer, with characters of 1 to 4 UTF-8 bytes', () => {
    for (const text of ['a'.repeat(10_000), '楼'.repeat(5_000), '😀'.repeat(3_000), '']) {
      expect(chainHash(H1, text)).toBe(sha256Chain(H1, text));
    }
  });
});

describe('verifyLines', () => {
  const good = chainOf([E1, E2, event(3), event(4), event(5)]);

  it('accepts a sound chain and reports its length and head', async () => {
    expect(good[1]!.hash).toBe(H2);
    expect(await verifyLines(good)).toEqual({ ok: true, count: 5, head: good[4]!.hash });
    expect(await verifyLines(good, BUILDING)).toMatchObject({ ok: true, count: 5 });
    expect(await verifyLines([])).toEqual({ ok: true, count: 0, head: ZERO_HASH });
  });

  it('reads a stream', async () => {
    async function* stream() {
      yield* good;
    }
    expect(await verifyLines(stream())).toMatchObject({ ok: true, count: 5 });
  });

  const broken = (lines: LedgerLine[]) => verifyLines(lines);
  const replace = (at: number, line: LedgerLine) => good.map((l, k) => (k === at ? line : l));

  it('names the event whose text changed', async () => {
    const tampered = replace(2, { ...good[2]!, canonical: good[2]!.canonical.replace('李四', '王五') });
    expect(await broken(tampered)).toEqual({ ok: false, count: 2, brokenAt: 3, reason: 'hash does not match the chain' });
  });

  it('names the event whose hash changed', async () => {
    const tampered = replace(2, { ...good[2]!, hash: good[3]!.hash });
    expect(await broken(tampered)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('cannot see a chain rewritten from some seq on: only a head kept elsewhere (seal, archive) shows it', async () => {
    const rewritten = chainOf([E1, E2, event(3, { type: 'pledge.revoked' }), event(4), event(5)]);
    expect(await verifyLines(rewritten)).toMatchObject({ ok: true });
    expect(rewritten[4]!.hash).not.toBe(good[4]!.hash);
    expect(rewritten.findIndex((line, k) => line.hash !== good[k]!.hash)).toBe(2);
  });

  it('refuses text that is not canonical, even with a matching hash', async () => {
    const spaced = event(3).replace('"seq":3', '"seq": 3');
    const lines = chainOf([E1, E2, spaced]);
    expect(await broken(lines)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('not RFC 8785 canonical') });
  });

  it('refuses a gap, a repeat and a swap', async () => {
    expect(await broken([good[0]!, good[1]!, good[3]!])).toMatchObject({ ok: false, brokenAt: 3, reason: 'event says seq 4 where 3 belongs' });
    expect(await broken([good[0]!, good[1]!, good[1]!])).toMatchObject({ ok: false, brokenAt: 3 });
    expect(await broken([good[1]!, good[0]!])).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('refuses an event of another building, or of a shape it does not know', async () => {
    const other = 'b'.repeat(8) + BUILDING.slice(8);
    expect(await broken(chainOf([E1, E2, event(3, { building: other })]))).toMatchObject({ brokenAt: 3, reason: `event belongs to building ${other}` });
    expect(await verifyLines(good, other)).toMatchObject({ brokenAt: 1 });
    expect(await broken(chainOf([E1, event(2, { v: 2 })]))).toMatchObject({ brokenAt: 2, reason: 'unknown event version 2' });
    expect(await broken(chainOf([E1, event(2, { actor: 'me' })]))).toMatchObject({ brokenAt: 2, reason: 'event has no valid actor' });
    expect(await broken(chainOf([E1, event(2, { seq: '2' })]))).toMatchObject({ brokenAt: 2, reason: 'event has no valid seq' });
    expect(await broken(chainOf([E1, event(2, { at: 1 })]))).toMatchObject({ brokenAt: 2, reason: 'event has no at' });
    expect(await broken(chainOf(['[1]']))).toMatchObject({ brokenAt: 1 });
  });
});


describe('ChainCheck', () => {
  const ACTOR = 'a1b2c3d4-0000-4000-8000-000000000001';

  /** Checks lines given as UTF-8 bytes, back to back in one buffer, as verifyChain reads them. */
  function checkUtf8(lines: LedgerLine[], agrees?: (event: EventHeader, k: number) => string | null) {
    const utf8 = Buffer.concat(lines.map((line) => Buffer.from(line.canonical, 'utf8')));
    const check = new ChainCheck<number>(BUILDING, agrees);
    let start = 0;
    for (const [k, line] of lines.entries()) {
      const end = start + Buffer.byteLength(line.canonical, 'utf8');
      const reason = check.nextUtf8(utf8, start, end, line.hash, k);
      if (reason !== null) return { ok: false, count: k, brokenAt: k + 1, reason };
      start = end;
    }
    return check.verdict();
  }

  it('reaches the same verdicts from UTF-8 bytes as from text', async () => {
    const good = chainOf([E1, E2, event(3), event(4)]);
    expect(checkUtf8(good)).toEqual(await verifyLines(good, BUILDING));
    const broken = [
      good.map((line, k) => (k === 2 ? { ...line, canonical: line.canonical.replace('李四', '王五') } : line)),
      chainOf([E1, E2, event(3).replace('"seq":3', '"seq": 3')]),
      chainOf([E1, event(2, { v: 2 })]),
      chainOf([E1, E2, event(4)]),
      chainOf([E1, event(2, { building: 'b'.repeat(8) + BUILDING.slice(8) })]),
    ];
    for (const lines of broken) {
      const verdict = await verifyLines(lines, BUILDING);
      expect(verdict.ok).toBe(false);
      expect(checkUtf8(lines)).toEqual(verdict);
    }
  });

  it('refuses bytes that are not UTF-8, and text with a lone surrogate', async () => {
    const [line] = chainOf([E1]) as [LedgerLine];
    const utf8 = Buffer.from(line.canonical, 'utf8');
    utf8[utf8.indexOf('张')] = 0xff;
    expect(new ChainCheck(BUILDING).nextUtf8(utf8, 0, utf8.length, line.hash, line)).toMatch(/at character 62: not UTF-8$/);
    const lone = line.canonical.replace('😀', '\ud83d');
    expect(await verifyLines([{ ...line, canonical: lone }])).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringContaining('lone surrogate') });
  });

  it('compares string fields with the columns where they stand, escapes and all', () => {
    const types = ['pledge.signed', 'note.楼"\n', 'x\u0001y'];
    const lines = chainOf(types.map((type, k) => event(k + 1, { type })));
    const agreeWith = (columns: string[]) => (e: EventHeader, k: number) => (e.is('type', columns[k]!) ? null : `type ${e.get('type')}`);
    expect(checkUtf8(lines, agreeWith(types))).toMatchObject({ ok: true, count: 3 });
    expect(checkUtf8(lines, agreeWith(['pledge.signed', 'note.楼"\r', 'x\u0001y']))).toMatchObject({ brokenAt: 2, reason: 'type note.楼"\n' });
    expect(checkUtf8(lines, agreeWith(['pledge.signe', ...types.slice(1)]))).toMatchObject({ brokenAt: 1 });
    expect(checkUtf8(lines, agreeWith(['pledge.signed ', ...types.slice(1)]))).toMatchObject({ brokenAt: 1 });
  });

  it('reads the actor: the system, or a person by the id that comes first', () => {
    const actors = [{ system: true }, { id: ACTOR }, { id: ACTOR, name: '李四', role: 'SUPERVISION' }];
    const lines = chainOf(actors.map((actor, k) => event(k + 1, { actor })));
    const ids = [null, ACTOR, ACTOR];
    expect(checkUtf8(lines, (e, k) => (e.actorIs(ids[k]!) && e.actorId === ids[k] ? null : 'actor'))).toMatchObject({ ok: true, count: 3 });
    expect(checkUtf8(lines, (e) => (e.actorIs(ACTOR) ? null : `actor ${e.actorId}`))).toMatchObject({ brokenAt: 1, reason: 'actor null' });
    expect(checkUtf8(lines, (e) => (e.actorIs(null) ? null : `actor ${e.actorId}`))).toMatchObject({ brokenAt: 2, reason: `actor ${ACTOR}` });
  });

  it.each([
    ['an actor whose id is not first', { a: 1, id: ACTOR }],
    ['an id in capitals', { id: ACTOR.toUpperCase() }],
    ['an id too short', { id: ACTOR.slice(1) }],
    ['an id that is not a string', { id: 7 }],
    ['a system actor with more to it', { system: true, name: 'cron' }],
    ['a system actor that is not', { system: false }],
  ])('refuses %s', async (_, actor) => {
    expect(await verifyLines(chainOf([event(1, { actor })]))).toMatchObject({ brokenAt: 1, reason: 'event has no valid actor' });
  });

  it.each([[0], [-1], [1.5], ['1'], [1e15], [null]])('refuses seq %j', async (seq) => {
    expect(await verifyLines(chainOf([event(1, { seq })]))).toMatchObject({ brokenAt: 1, reason: 'event has no valid seq' });
  });
});
