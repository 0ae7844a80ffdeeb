/**
 * Archive benchmarks (bench/run.ts calls archiveBenchmarks on a fresh database, DATA_DIR in a
 * scratch dir): the export of a building with 10,000 events and 2,000 photos (MB/s, events/s,
 * the exporting process's peak memory), and the offline verification of that ZIP beside the
 * raw SHA-256 rate over the same bytes, measured in the same run; and the scheduled pass that
 * verifies every building's chain (docs/decisions/015) beside the bare verification of the same chains.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import pg from 'pg';
import { runChainChecks, startChainCheckRun } from '@/server/archive/chain-checks';
import { verifyArchive } from '@/server/archive/verify';
import { openZip } from '@/server/archive/zip-source';
import type { Db } from '@/server/db/client';
import { verifyChain } from '@/server/ledger/verify';
import { fileStore } from '@/server/storage';
import { SERVER_PROCESS_ENV } from '@/scripts/server-process';
import type { BenchResult } from './result';
import { seedChain } from './seed-chain';

const EVENTS = 10_000;
const PHOTOS = 2_000;
/** Incompressible bytes per photo: a phone photo is 2–4 MB; this keeps the scratch dir small while the file count is real. */
const PHOTO_BYTES = 96 * 1024;
/** The scheduled pass: a district's buildings, each with a chain of a building under way. */
const PASS_BUILDINGS = 400;
const PASS_EVENTS = 250;
const MB = 1024 * 1024;
const run = promisify(execFile);

export async function archiveBenchmarks(db: Db): Promise<BenchResult[]> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'buildledger-bench-archive-'));
  try {
    const exporter = await compiledExport();
    const exportOf = async (buildingId: string, zipPath: string) => {
      const { stdout } = await run(process.execPath, [exporter, buildingId, zipPath], { env: { ...process.env, ...SERVER_PROCESS_ENV } });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as { seconds: number; maxRssBytes: number; rssBefore: number };
    };
    // A tenth of the building first: the export's memory must not grow with the building
    const small = await exportOf(await seedBuilding(db, pool, { events: EVENTS / 10, photos: PHOTOS / 10 }), path.join(scratch, 'small.zip'));

    const buildingId = await seedBuilding(db, pool, { events: EVENTS, photos: PHOTOS });
    const zipPath = path.join(scratch, 'archive.zip');
    const { seconds: exportSeconds, maxRssBytes, rssBefore } = await exportOf(buildingId, zipPath);
    const zipBytes = fs.statSync(zipPath).size;

    const verifyStarted = performance.now();
    const zip = await openZip(zipPath);
    const verdict = await verifyArchive(zip);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!verdict.ok || verdict.count !== EVENTS) throw new Error(`the benchmark archive does not verify: ${JSON.stringify(verdict)}`);

    // The floor: SHA-256 over every file's bytes as they come out of the ZIP, nothing else
    const rawStarted = performance.now();
    let rawBytes = 0;
    for (const p of zip.paths) {
      const bytes = await zip.read(p);
      createHash('sha256').update(bytes).digest();
      rawBytes += bytes.length;
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    zip.close();

    const raw = { name: 'archive.verify.raw_sha256.mb_per_s', value: round(rawBytes / MB / rawSeconds), unit: 'MB/s' };
    const verifyRate = rawBytes / MB / verifySeconds;
    return [
      { name: 'archive.export.mb_per_s', value: round(zipBytes / MB / exportSeconds), unit: 'MB/s' },
      { name: 'archive.export.events_per_s', value: round(EVENTS / exportSeconds), unit: 'events/s' },
      { name: 'archive.export.seconds', value: round(exportSeconds, 2), unit: 's' },
      { name: 'archive.export.peak_rss_mb', value: round(maxRssBytes / MB), unit: 'MB' },
      { name: 'archive.export.rss_growth_mb', value: round((maxRssBytes - rssBefore) / MB), unit: 'MB' },
      { name: 'archive.export.tenth_size.peak_rss_mb', value: round(small.maxRssBytes / MB), unit: 'MB' },
      { name: 'archive.verify.events_per_s', value: round(EVENTS / verifySeconds), unit: 'events/s' },
      { name: 'archive.verify.mb_per_s', value: round(verifyRate), unit: 'MB/s' },
      raw,
      { name: 'archive.verify.ratio_to_raw_sha256', value: round(verifyRate / raw.value, 3), unit: 'ratio', baseline: raw },
      ...(await chainPassBenchmarks(db, pool)),
    ];
  } finally {
    await pool.end();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The scheduled pass of docs/decisions/015 over PASS_BUILDINGS more buildings of PASS_EVENTS events
 * each (and the one above): its rate beside verifying the same chains while recording nothing.
 */
async function chainPassBenchmarks(db: Db, pool: pg.Pool): Promise<BenchResult[]> {
  for (let k = 0; k < PASS_BUILDINGS; k++) await seedBuilding(db, pool, { events: PASS_EVENTS, photos: 0 });
  const buildings = await db.building.findMany({ select: { id: true } });
  const verifyAll = async () => {
    let events = 0;
    for (const { id } of buildings) events += (await verifyChain(db, id)).count;
    return events;
  };
  await verifyAll(); // warm: both measurements below read a cached database
  const rawStarted = performance.now();
  const events = await verifyAll();
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  const passStarted = performance.now();
  const run = await startChainCheckRun(db, 'SCHEDULE');
  if (!run) throw new Error('a chain check pass is already under way');
  await runChainChecks(db, run.id);
  const passSeconds = (performance.now() - passStarted) / 1000;
  const done = await db.chainCheckRun.findUniqueOrThrow({ where: { id: run.id } });
  if (done.checked !== buildings.length || done.events !== events || done.broken !== 0) throw new Error(`the pass did not check what was seeded: ${JSON.stringify(done)}`);

  const raw = { name: 'archive.chain_pass.verify_only.events_per_s', value: round(events / rawSeconds), unit: 'events/s' };
  return [
    { name: 'archive.chain_pass.buildings', value: buildings.length, unit: 'buildings' },
    { name: 'archive.chain_pass.events', value: events, unit: 'events' },
    { name: 'archive.chain_pass.seconds', value: round(passSeconds, 2), unit: 's' },
    { name: 'archive.chain_pass.buildings_per_s', value: round(buildings.length / passSeconds), unit: 'buildings/s' },
    { name: 'archive.chain_pass.events_per_s', value: round(events / passSeconds), unit: 'events/s' },
    raw,
    { name: 'archive.chain_pass.ratio_to_verify_only', value: round(rawSeconds / passSeconds, 3), unit: 'ratio', baseline: raw },
  ];
}

/** A building whose chain of `events` events names `photos` stored photos (every fifth event one of them). */
async function seedBuilding(db: Db, pool: pg.Pool, size: { events: number; photos: number }): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const project = await db.project.create({
    data: { code: `BENCH-A-${tag}`, name: '档案基准测试项目', address: '福州市', regionCode: '350104', buildings: { create: { code: `BENCH-A-${tag}-1`, name: '1#楼' } } },
    include: { buildings: true },
  });
  const buildingId = project.buildings[0]!.id;
  const user = await db.user.create({ data: { login: `bench-archive-${tag}`, name: '张工程师', passwordHash: 'x' } });

  const photos: string[] = [];
  const bytes = randomBytes(PHOTO_BYTES);
  for (let k = 0; k < size.photos; k++) {
    bytes.writeUInt32BE(k, 0); // distinct files, still incompressible
    photos.push(await fileStore().put(bytes));
  }
  await pool.query(
    `INSERT INTO "StoredFile" (sha256, bytes, "mediaType") SELECT unnest($1::text[]), $2, 'image/jpeg'`,
    [photos, PHOTO_BYTES],
  );

  // Every fifth event names one of the photos
  await seedChain(pool, buildingId, user.id, size.events, (seq) => ({
    subjects: { inspectionId: randomUUID() },
    files: seq % 5 === 0 && photos.length > 0 ? [photos[(seq / 5 - 1) % photos.length]!] : [],
    data: { result: seq % 13 === 0 ? 'FAIL' : 'PASS', note: `钢筋隐蔽工程验收（第${seq}批）：钢筋规格、数量、间距符合设计要求。`, measurements: [12.5, 200, seq / 7] },
  }));
  return buildingId;
}

/**
 * bench/archive-export.ts compiled to one JavaScript file (packages left to node_modules), so
 * that its process is plain Node running compiled code, as the app's server is: under tsx the
 * same export measures ~40 MB more, all of it the TypeScript loader's.
 */
async function compiledExport(): Promise<string> {
  const outfile = path.resolve('node_modules/.cache/buildledger-bench/archive-export.mjs');
  await build({
    entryPoints: ['bench/archive-export.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    // The app's modules call require.resolve (fonts), which an ES module lacks
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
