import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { makeProject } from '@/tests/factories';
import { canonicalJson } from './canonical';
import { chainHash, ZERO_HASH } from './chain';
import { recordEvent } from './record';
import { verifyChain } from './verify';

const PHOTO = '55c64d0fcd6f9d5f7c828093857e3fdfda68478bb4e9bd24d481ef391c7804e8';

async function newBuilding(): Promise<string> {
  const project = await makeProject(db);
  return project.buildings[0]!.id;
}

async function newUser(): Promise<string> {
  const user = await db.user.create({ data: { login: `ledger-${randomUUID()}`, name: '张三', passwordHash: 'x' } });
  return user.id;
}

const append = (buildingId: string, actorId: string, n: number) =>
  db.$transaction((tx) =>
    recordEvent(tx, {
      buildingId,
      type: 'inspection.recorded',
      actor: { id: actorId, name: '张三', role: 'SUPERVISION' },
      subjects: { inspectionId: randomUUID() },
      files: [PHOTO],
      data: { n, note: '钢筋隐蔽验收' },
    }),
  );

const ledgerOf = (buildingId: string) => db.ledgerEvent.findMany({ where: { buildingId }, orderBy: { seq: 'asc' } });

describe('recordEvent', () => {
  it('stores the canonical event, its columns and its chain hash', async () => {
    const buildingId = await newBuilding();
    const actorId = await newUser();
    const at = new Date('2026-11-25T06:31:00.123Z');
    const row = await db.$transaction((tx) =>
      recordEvent(tx, { buildingId, type: 'pledge.signed', actor: { id: actorId, name: '张三' }, at, subjects: { pledgeId: 'p1' }, files: [PHOTO], data: { ok: true } }),
    );
    expect(row).toMatchObject({ buildingId, seq: 1, type: 'pledge.signed', actorId, occurredAt: at });
    expect(JSON.parse(row.canonical)).toEqual({
      v: 1,
      seq: 1,
      building: buildingId,
      type: 'pledge.signed',
      actor: { id: actorId, name: '张三' },
      at: '2026-11-25T06:31:00.123Z',
      subjects: { pledgeId: 'p1' },
      files: [PHOTO],
      data: { ok: true },
    });

    const system = await db.$transaction((tx) => recordEvent(tx, { buildingId, type: 'archive.exported', actor: { system: true } }));
    expect(system).toMatchObject({ seq: 2, actorId: null });
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: 2, head: system.hash });
  });

  it('refuses malformed input and writes nothing for it', async () => {
    const buildingId = await newBuilding();
    const actor = { id: await newUser() };
    const attempt = (input: Record<string, unknown>) =>
      db.$transaction((tx) => recordEvent(tx, { buildingId, type: 'pledge.signed', actor, ...input } as Parameters<typeof recordEvent>[1]));
    await expect(attempt({ files: ['ABC'] })).rejects.toThrow();
    await expect(attempt({ files: [PHOTO.toUpperCase()] })).rejects.toThrow();
    await expect(attempt({ type: 'Pledge Signed' })).rejects.toThrow();
    await expect(attempt({ actor: { id: 'not-a-uuid' } })).rejects.toThrow();
    await expect(attempt({ actor: { system: true, id: actor.id } })).rejects.toThrow();
    await expect(attempt({ data: { bad: Number.NaN } })).rejects.toThrow();
    await expect(attempt({ data: { bad: '\ud800' } })).rejects.toThrow();
    expect(await ledgerOf(buildingId)).toHaveLength(0);
    // The same input, well formed, is recorded: each refusal above was for its one flaw
    await expect(attempt({ files: [PHOTO], data: { good: '\ud83d\ude00' } })).resolves.toMatchObject({ seq: 1 });
  });

  it('keeps one chain under 50 concurrent writers: seq 1..50, no fork, no gap', async () => {
    const buildingId = await newBuilding();
    const actorId = await newUser();
    const rows = await Promise.all(Array.from({ length: 50 }, (_, n) => append(buildingId, actorId, n)));

    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    const stored = await ledgerOf(buildingId);
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    expect(new Set(stored.map((r) => JSON.parse(r.canonical).data.n)).size).toBe(50);
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: 50, head: stored[49]!.hash });
  });

  it('serializes writers per building only', async () => {
    const [a, b] = [await newBuilding(), await newBuilding()];
    const actorId = await newUser();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Holds building a's lock until released
    const holder = db.$transaction(async (tx) => {
      await recordEvent(tx, { buildingId: a, type: 'test.held', actor: { id: actorId } });
      await gate;
    });
    await waitFor(async () => (await lockedBuildings()) > 0);

    const other = append(b, actorId, 1);
    const queued = append(a, actorId, 2);
    expect(await other).toMatchObject({ buildingId: b, seq: 1 });
    expect(await Promise.race([queued.then(() => 'done'), sleep(300).then(() => 'waiting')])).toBe('waiting');

    release();
    await holder;
    expect(await queued).toMatchObject({ buildingId: a, seq: 2 });
  });

  it('leaves no event and no gap when the transaction rolls back', async () => {
    const buildingId = await newBuilding();
    const actorId = await newUser();
    await append(buildingId, actorId, 1);
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, { buildingId, type: 'pledge.signed', actor: { id: actorId } });
        throw new Error('the service failed after recording');
      }),
    ).rejects.toThrow('the service failed after recording');
    expect(await ledgerOf(buildingId)).toHaveLength(1);

    const next = await append(buildingId, actorId, 2);
    expect(next.seq).toBe(2);
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: 2 });
  });
});

describe('the database refuses to change the ledger', () => {
  let buildingId: string;
  beforeAll(async () => {
    buildingId = await newBuilding();
    const actorId = await newUser();
    for (let n = 1; n <= 3; n++) await append(buildingId, actorId, n);
  });

  it.each([
    ['UPDATE', `UPDATE "LedgerEvent" SET type = 'x.tampered' WHERE "buildingId" = $1::uuid AND seq = 2`],
    ['UPDATE of the canonical text', `UPDATE "LedgerEvent" SET canonical = canonical || ' ' WHERE "buildingId" = $1::uuid AND seq = 2`],
    ['DELETE', `DELETE FROM "LedgerEvent" WHERE "buildingId" = $1::uuid AND seq = 2`],
    ['DELETE of the head', `DELETE FROM "LedgerEvent" WHERE "buildingId" = $1::uuid AND seq = 3`],
  ])('%s', async (_, sql) => {
    const before = await ledgerOf(buildingId);
    await expect(db.$executeRawUnsafe(sql, buildingId)).rejects.toThrow(/refused/);
    expect(await ledgerOf(buildingId)).toEqual(before);
  });

  it('TRUNCATE', async () => {
    const before = await ledgerOf(buildingId);
    await expect(db.$executeRawUnsafe('TRUNCATE "LedgerEvent"')).rejects.toThrow(/refused/);
    expect(await ledgerOf(buildingId)).toEqual(before);
  });
});

describe('verifyChain', () => {
  /** A building with 20 events. */
  async function chainOf20(): Promise<string> {
    const buildingId = await newBuilding();
    const actorId = await newUser();
    for (let n = 1; n <= 20; n++) await append(buildingId, actorId, n);
    return buildingId;
  }

  it('accepts an untouched chain', async () => {
    const buildingId = await chainOf20();
    const rows = await ledgerOf(buildingId);
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: 20, head: rows[19]!.hash, verifiedAt: expect.any(Date) });
    expect(await verifyChain(db, await newBuilding())).toMatchObject({ ok: true, count: 0, head: ZERO_HASH });
  });

  it.each([
    ['canonical', `canonical = replace(canonical, '"n":17', '"n":71')`, 'hash does not match the chain'],
    ['canonical (made non-canonical)', `canonical = replace(canonical, '"n":17', '"n": 17')`, 'not RFC 8785 canonical'],
    ['hash', `hash = repeat('ab', 32)`, 'hash does not match the chain'],
    ['type', `type = 'inspection.deleted'`, 'type column'],
    ['occurredAt', `"occurredAt" = "occurredAt" + interval '1 second'`, 'occurredAt column'],
    ['actorId', `"actorId" = '${randomUUID()}'`, 'actorId column'],
    ['seq', `seq = 99`, 'seq 17 is missing'],
    ['buildingId', `"buildingId" = :another`, 'seq 17 is missing'],
  ])('names seq 17 when its %s changed', async (_, set, reason) => {
    const buildingId = await chainOf20();
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true });
    await tamper(buildingId, 17, set.replace(':another', `'${await newBuilding()}'`));
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: false, count: 16, brokenAt: 17, reason: expect.stringContaining(reason) });
  });

  it('names the head when its seq column changed, though the order of rows did not', async () => {
    const buildingId = await chainOf20();
    await tamper(buildingId, 20, 'seq = 21');
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: false, brokenAt: 20, reason: 'seq 20 is missing' });
  });
});

describe('verifyChain over several pages', () => {
  const EVENTS = 2345; // pages of 1,000: two full, one not
  let buildingId: string;
  let head: string;

  beforeAll(async () => {
    ({ buildingId, head } = await seededChain(EVENTS));
  });

  it('accepts the chain, also inside a transaction', async () => {
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: EVENTS, head });
    expect(await db.$transaction((tx) => verifyChain(tx, buildingId))).toMatchObject({ ok: true, count: EVENTS, head });
  });

  it.each([
    [1000, 'canonical', `canonical = replace(canonical, '"n":1000', '"n":1001')`, 'hash does not match the chain'],
    [1001, 'hash', `hash = repeat('ab', 32)`, 'hash does not match the chain'],
    [2000, 'occurredAt', `"occurredAt" = "occurredAt" + interval '1 millisecond'`, 'occurredAt column'],
    [2001, 'actorId', `"actorId" = NULL`, 'actorId column'],
    [2002, 'actorId of a system event', `"actorId" = '${randomUUID()}'`, 'actorId column'],
    [2003, 'type', `type = E'x"\\n\\u00e9'`, 'type column says x"\né, event says inspection.recorded'],
    [EVENTS, 'canonical (made non-canonical)', `canonical = replace(canonical, '"v":1', '"v":1.0')`, 'not RFC 8785 canonical'],
    [1500, 'seq', `seq = ${EVENTS + 10}`, 'seq 1500 is missing'],
  ])('names seq %i when its %s changed, and verifies again once it is restored', async (seq, _, set, reason) => {
    const before = await rowOf(buildingId, seq);
    await tamper(buildingId, seq, set);
    try {
      expect(await verifyChain(db, buildingId)).toMatchObject({ ok: false, count: seq - 1, brokenAt: seq, reason: expect.stringContaining(reason) });
    } finally {
      await restore(buildingId, before);
    }
    expect(await verifyChain(db, buildingId)).toMatchObject({ ok: true, count: EVENTS, head });
  });

  it('names the next seq when the chain stops at a page boundary and goes on after a gap', async () => {
    const before = await rowOf(buildingId, 2000);
    await asSuperuser(`DELETE FROM "LedgerEvent" WHERE "buildingId" = '${buildingId}' AND seq = 2000`);
    try {
      expect(await verifyChain(db, buildingId)).toMatchObject({ ok: false, count: 1999, brokenAt: 2000, reason: 'seq 2000 is missing' });
    } finally {
      await restore(buildingId, before);
    }
  });
});

interface StoredRow {
  seq: number;
  type: string;
  actorId: string | null;
  occurredAt: Date;
  canonical: string;
  hash: string;
}

/**
 * A building with `count` events written straight into the table, as recordEvent would
 * write them (it would take minutes): every 7th by the system, timestamps with every
 * kind of millisecond (.000, .100, .120, .123), text that is not ASCII.
 */
async function seededChain(count: number): Promise<{ buildingId: string; head: string }> {
  const buildingId = await newBuilding();
  const actorId = await newUser();
  const rows: StoredRow[] = [];
  let head = ZERO_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const occurredAt = new Date(Date.UTC(2026, 0, 1) + seq * 1000 + [0, 100, 120, 123][seq % 4]!);
    const actor = seq % 7 === 0 ? { system: true as const } : { id: actorId, name: '张三', role: 'SUPERVISION' };
    const canonical = canonicalJson({
      v: 1,
      seq,
      building: buildingId,
      type: 'inspection.recorded',
      actor,
      at: occurredAt.toISOString(),
      subjects: { inspectionId: randomUUID() },
      files: [PHOTO],
      data: { n: seq, x: seq / 7, note: '钢筋隐蔽验收 ✓ 😀', quote: 'say "hi"\n' },
    });
    head = chainHash(head, canonical);
    rows.push({ seq, type: 'inspection.recorded', actorId: 'id' in actor ? actorId : null, occurredAt, canonical, hash: head });
  }
  await db.$executeRaw`
    INSERT INTO "LedgerEvent" ("buildingId", seq, type, "actorId", "occurredAt", canonical, hash)
    SELECT ${buildingId}::uuid, seq, type, "actorId"::uuid, "occurredAt"::timestamp(3), canonical, hash
    FROM unnest(${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.actorId)}::text[],
      ${rows.map((r) => r.occurredAt.toISOString())}::text[], ${rows.map((r) => r.canonical)}::text[], ${rows.map((r) => r.hash)}::text[])
      AS t(seq, type, "actorId", "occurredAt", canonical, hash)`;
  return { buildingId, head };
}

async function rowOf(buildingId: string, seq: number): Promise<StoredRow> {
  return db.ledgerEvent.findUniqueOrThrow({ where: { buildingId_seq: { buildingId, seq } } });
}

/** Puts a row back as it was, in place of whatever holds its seq now, or of itself moved to another seq. */
async function restore(buildingId: string, row: StoredRow) {
  await asSuperuser(`DELETE FROM "LedgerEvent" WHERE "buildingId" = '${buildingId}' AND (seq = ${row.seq} OR hash = '${row.hash}')`);
  await asSuperuser(
    `INSERT INTO "LedgerEvent" ("buildingId", seq, type, "actorId", "occurredAt", canonical, hash) VALUES ('${buildingId}', ${row.seq}, ` +
      `${quote(row.type)}, ${row.actorId === null ? 'NULL' : `'${row.actorId}'`}, '${row.occurredAt.toISOString()}', ${quote(row.canonical)}, '${row.hash}')`,
  );
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Changes one stored row behind the triggers' back, as someone with superuser access could. */
const tamper = (buildingId: string, seq: number, set: string) =>
  asSuperuser(`UPDATE "LedgerEvent" SET ${set} WHERE "buildingId" = '${buildingId}' AND seq = ${seq}`);

async function asSuperuser(sql: string) {
  // One transaction: the triggers are off only for this statement, and for no other session
  await db.$transaction([
    db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" DISABLE TRIGGER ALL'),
    db.$executeRawUnsafe(sql),
    db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" ENABLE TRIGGER ALL'),
  ]);
}

/** Advisory locks held in this test file's database (pg_locks spans the cluster, shared with other files). */
async function lockedBuildings(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  return row?.n ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>) {
  for (let k = 0; k < 100 && !(await condition()); k++) await sleep(20);
}
