/**
 * Ledger benchmarks (bench/run.ts calls ledgerBenchmarks on a fresh database):
 * appends through recordEvent against the same rows through plain SQL, and
 * verification of a 100,000-event building against merely hashing its bytes.
 */
import { createHash, hash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import pg from 'pg';
import type { Db } from '@/server/db/client';
import { canonicalJson } from '@/server/ledger/canonical';
import { chainHash, verifyLines, ZERO_HASH, type LedgerLine } from '@/server/ledger/chain';
import { recordEvent } from '@/server/ledger/record';
import { readLedger, verifyChain } from '@/server/ledger/verify';
import type { BenchResult } from './result';
import { seedChain, type BenchEventBody } from './seed-chain';

const WRITERS = 8;
const APPENDS = 1600;
const VERIFY_EVENTS = 100_000;
const RUNS = 3;

export async function ledgerBenchmarks(db: Db): Promise<BenchResult[]> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const pool = new pg.Pool({ connectionString: url, max: WRITERS });
  try {
    const { buildings, actorId } = await setUp(db, 104);
    const [single, raw, verified, warmUp, ...spread] = buildings as [string, string, string, string, ...string[]];
    const actor = { id: actorId, name: '张工程师', role: 'SUPERVISION' };

    const throughRecordEvent = (buildingId: string, n: number) =>
      db.$transaction((tx) => recordEvent(tx, { buildingId, type: 'inspection.recorded', ...eventBody(n), actor }));

    // Untimed: compiles the code paths and opens both pools' connections
    await appendConcurrently(200, (n) => (n % 2 ? throughRecordEvent(warmUp, n) : appendThroughSql(pool, warmUp, actor, n)));
    const one = await appendConcurrently(APPENDS, (n) => throughRecordEvent(single, n));
    const many = await appendConcurrently(APPENDS, (n) => throughRecordEvent(spread[n % spread.length]!, n));
    const plain = await appendConcurrently(APPENDS, (n) => appendThroughSql(pool, raw, actor, n));
    const rawRate = { name: 'ledger.append.raw_sql.events_per_s', value: round(plain.rate), unit: 'events/s' };
    for (const buildingId of [warmUp, single, raw]) {
      const verdict = await verifyChain(db, buildingId);
      if (!verdict.ok) throw new Error(`appends broke the chain: ${JSON.stringify(verdict)}`);
    }

    await seedChain(pool, verified, actorId, VERIFY_EVENTS, eventBody);
    const verification = await verificationFigures(db, pool, verified);

    return [
      ...appendFigures('ledger.append.one_building', one),
      ...appendFigures('ledger.append.100_buildings', many),
      rawRate,
      { name: 'ledger.append.one_building.ratio_to_raw_sql', value: round(one.rate / plain.rate, 3), unit: 'ratio', baseline: rawRate },
      ...verification,
    ];
  } finally {
    await pool.end();
  }
}

interface AppendRun {
  rate: number;
  latencies: number[];
}

/** WRITERS concurrent writers share `count` appends; each append is timed from call to commit. */
async function appendConcurrently(count: number, append: (n: number) => Promise<unknown>): Promise<AppendRun> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let n = next++; n < count; n = next++) {
        const t = performance.now();
        await append(n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { rate: (count / (performance.now() - started)) * 1000, latencies: latencies.sort((a, b) => a - b) };
}

function appendFigures(prefix: string, run: AppendRun): BenchResult[] {
  const percentile = (p: number) => round(run.latencies[Math.min(run.latencies.length - 1, Math.floor(run.latencies.length * p))]!, 2);
  return [
    { name: `${prefix}.events_per_s`, value: round(run.rate), unit: 'events/s' },
    { name: `${prefix}.p50_ms`, value: percentile(0.5), unit: 'ms' },
    { name: `${prefix}.p95_ms`, value: percentile(0.95), unit: 'ms' },
  ];
}

/** What recordEvent does, in plain SQL: lock the building, read the head, insert the next event. */
async function appendThroughSql(pool: pg.Pool, buildingId: string, actor: { id: string }, n: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [buildingId]);
    const head = await client.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM "LedgerEvent" WHERE "buildingId" = $1 ORDER BY seq DESC LIMIT 1',
      [buildingId],
    );
    const previous = head.rows[0];
    const seq = (previous?.seq ?? 0) + 1;
    const at = new Date();
    const canonical = canonicalJson({ v: 1, seq, building: buildingId, type: 'inspection.recorded', actor, at: at.toISOString(), ...eventBody(n) });
    await client.query(
      'INSERT INTO "LedgerEvent" ("buildingId", seq, type, "actorId", "occurredAt", canonical, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      // The time as UTC text: pg would send a Date in local time, which timestamp(3) keeps without its zone
      [buildingId, seq, 'inspection.recorded', actor.id, at.toISOString(), canonical, chainHash(previous?.hash ?? ZERO_HASH, canonical)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** An event of about 1 KB, shaped like a real inspection record. */
function eventBody(n: number): BenchEventBody {
  const sha = (s: string) => hash('sha256', s, 'hex');
  return {
    subjects: { projectId: '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', inspectionId: `5f0c1d2e-3a4b-4c5d-8e6f-${String(n).padStart(12, '0')}`, batchId: `b-${n % 97}` },
    files: [sha(`photo-${n}-1`), sha(`photo-${n}-2`), sha(`photo-${n}-3`), sha(`report-${n}`)],
    data: {
      result: n % 13 === 0 ? 'FAIL' : 'PASS',
      location: { floor: (n % 30) + 1, axis: 'A-C/1-5' },
      note: `钢筋隐蔽工程验收（第${n}批）：钢筋规格、数量、间距符合设计要求，保护层厚度满足规范要求。`,
      measurements: [12.5, 200, 0.035, -3, n / 7],
      remark: 'Rebar spacing checked at 12 points; "max deviation" within ±10 mm.\nSee photos.',
    },
  };
}

async function setUp(db: Db, count: number) {
  const tag = randomUUID().slice(0, 8);
  const project = await db.project.create({
    data: {
      code: `BENCH-${tag}`,
      name: '基准测试项目',
      address: '福州市',
      regionCode: '350104',
      buildings: { create: Array.from({ length: count }, (_, k) => ({ code: `BENCH-${tag}-${k}`, name: `${k + 1}#楼` })) },
    },
    include: { buildings: true },
  });
  const user = await db.user.create({ data: { login: `bench-${tag}`, name: '张工程师', passwordHash: 'x' } });
  return { buildings: project.buildings.map((b) => b.id), actorId: user.id };
}

async function verificationFigures(db: Db, pool: pg.Pool, buildingId: string): Promise<BenchResult[]> {
  // A building's ledger is written over months: measure it settled (hint bits set, statistics known), not fresh from a bulk load
  await pool.query('VACUUM (ANALYZE) "LedgerEvent"');
  const { rows } = await pool.query<LedgerLine>('SELECT canonical, hash FROM "LedgerEvent" WHERE "buildingId" = $1 ORDER BY seq', [buildingId]);
  const bytes = rows.map((r) => Buffer.from(r.canonical, 'utf8'));
  const averageBytes = bytes.reduce((sum, b) => sum + b.length, 0) / bytes.length;

  // Rounds interleave the contenders, so load from elsewhere on the machine falls on all of them alike
  const seconds = await medians({
    // What the chain hashes per event (the previous hash's 32 bytes, then the event), hashed the usual way
    floor: () => {
      let previous = Buffer.alloc(32);
      for (const b of bytes) previous = createHash('sha256').update(previous).update(b).digest();
    },
    // One-shot crypto.hash over each event's bytes alone, the floor of earlier runs
    oneShot: () => {
      for (const b of bytes) hash('sha256', b);
    },
    // A Hash object per event over its bytes alone
    hashObjects: () => {
      for (const b of bytes) createHash('sha256').update(b).digest();
    },
    verify: async () => {
      const verdict = await verifyChain(db, buildingId);
      if (!verdict.ok || verdict.count !== VERIFY_EVENTS) throw new Error(`verification failed: ${JSON.stringify(verdict)}`);
    },
    library: () => verifyWithLibrary(db, buildingId),
    inMemory: async () => {
      if (!(await verifyLines(rows, buildingId)).ok) throw new Error('in-memory verification failed');
    },
    read: () => readOnly(db, buildingId),
  });

  const rate = (s: number) => round(VERIFY_EVENTS / s);
  const floorRate = { name: 'ledger.verify.sha256_floor.events_per_s', value: rate(seconds.floor), unit: 'events/s' };
  return [
    { name: 'ledger.verify.event_bytes', value: round(averageBytes), unit: 'bytes' },
    { name: 'ledger.verify.events_per_s', value: rate(seconds.verify), unit: 'events/s' },
    floorRate,
    { name: 'ledger.verify.sha256_oneshot.events_per_s', value: rate(seconds.oneShot), unit: 'events/s' },
    { name: 'ledger.verify.sha256_create_hash.events_per_s', value: rate(seconds.hashObjects), unit: 'events/s' },
    { name: 'ledger.verify.ratio_to_floor', value: round(seconds.floor / seconds.verify, 3), unit: 'ratio', baseline: floorRate },
    { name: 'ledger.verify.canonicalize_lib.events_per_s', value: rate(seconds.library), unit: 'events/s' },
    { name: 'ledger.verify.canonicalize_lib.ratio_to_floor', value: round(seconds.floor / seconds.library, 3), unit: 'ratio', baseline: floorRate },
    { name: 'ledger.verify.in_memory.events_per_s', value: rate(seconds.inMemory), unit: 'events/s' },
    { name: 'ledger.verify.in_memory.ratio_to_floor', value: round(seconds.floor / seconds.inMemory, 3), unit: 'ratio', baseline: floorRate },
    { name: 'ledger.verify.db_read_only.events_per_s', value: rate(seconds.read), unit: 'events/s' },
  ];
}

/** The rows as an off-the-shelf verifier reads them: a keyset page of rows, the canonical text as text. */
type Row = { seq: number; type: string; actorId: string | null; occurredAt: string; canonical: string; hash: string };
const page = (db: Db, buildingId: string, after: number) =>
  db.$queryRaw<Row[]>`
    SELECT seq, type, "actorId", to_char("occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt", canonical, hash
    FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND seq > ${after} ORDER BY seq LIMIT 5000`;

/** verifyChain's work done the off-the-shelf way: parse, re-serialize with the library, compare; a Hash object per event. */
async function verifyWithLibrary(db: Db, buildingId: string) {
  let previous = Buffer.alloc(32);
  let count = 0;
  for (let rows = await page(db, buildingId, 0); rows.length > 0; rows = await page(db, buildingId, count)) {
    for (const row of rows) {
      const event = JSON.parse(row.canonical);
      const sound =
        canonicalize(event) === row.canonical &&
        event.v === 1 &&
        event.seq === ++count &&
        row.seq === count &&
        event.building === buildingId &&
        event.type === row.type &&
        (event.actor.id ?? null) === row.actorId &&
        event.at === row.occurredAt;
      previous = createHash('sha256').update(previous).update(row.canonical).digest();
      if (!sound || previous.toString('hex') !== row.hash) throw new Error(`library verification failed at ${count}`);
    }
  }
  if (count !== VERIFY_EVENTS) throw new Error('library verification read too few events');
}

/** Reading alone, as verifyChain reads. */
async function readOnly(db: Db, buildingId: string) {
  let count = 0;
  for await (const ledgerPage of readLedger(db, buildingId)) count += ledgerPage.count;
  if (count !== VERIFY_EVENTS) throw new Error('reading read too few events');
}

/** Median seconds of each contender over RUNS rounds, after one untimed round to warm up. */
async function medians<K extends string>(contenders: Record<K, () => unknown>): Promise<Record<K, number>> {
  const entries = Object.entries(contenders) as [K, () => unknown][];
  const seconds = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, run] of entries) {
      const started = performance.now();
      await run();
      if (round > 0) seconds.get(name)!.push((performance.now() - started) / 1000);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, seconds.get(name)!.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!])) as Record<K, number>;
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
