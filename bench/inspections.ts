/**
 * The building progress page at scale (bench/run.ts calls inspectionBenchmarks on a fresh
 * database): one building with 10,000 检验批 (records, reviews, chains of predecessors) and
 * 20,000 photos used as evidence, every submitted record naming one of 200 material batches (4 of
 * them with a failed sample, so their lots are flagged); p95 of buildingProgressOf, against the floor of merely reading
 * the same rows through `pg` in the same run.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Db } from '@/server/db/client';
import { buildingProgressOf } from '@/server/inspections/progress';
import { makeProject, makeUser } from '@/tests/factories';
import type { BenchResult } from './result';

const LOTS = 10_000;
const PHOTOS = 20_000;
const BATCHES = 200;
const RUNS = 20;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

export async function inspectionBenchmarks(db: Db): Promise<BenchResult[]> {
  const project = await makeProject(db, { buildings: 1 });
  const buildingId = project.buildings[0]!.id;
  const user = await makeUser(db);
  // Lots spread over seven 子分部 of 主体结构; the 8th of every ten (never submitted) waits for the 7th (not submitted either): blocked.
  await db.$executeRaw`
    INSERT INTO "InspectionLot" (id, "buildingId", "subdivisionCode", "itemCode", "itemName", name, location, capacity, "capacityUnit", "createdById")
    SELECT md5('lot' || i)::uuid, ${buildingId}::uuid, '020' || (i % 7 + 1), '020' || (i % 7 + 1) || '0' || (i % 5 + 1), '分项 ' || (i % 5 + 1),
           (i / 40 + 1) || 'F 检验批 ' || i, (i / 40 + 1) || ' 层', 20 + i % 100, 't', ${user.id}::uuid
    FROM generate_series(1, ${LOTS}) AS i`;
  await db.$executeRaw`
    INSERT INTO "LotDependency" ("lotId", "predecessorId")
    SELECT md5('lot' || i)::uuid, md5('lot' || (i - 1))::uuid FROM generate_series(2, ${LOTS}) AS i WHERE i % 10 = 8`;
  // 70 % submitted; of those, 6 in 7 reviewed (5 accepted, 1 rejected).
  await db.$executeRaw`
    INSERT INTO "InspectionRecord" (id, "lotId", "buildingId", content, "contentSha256", verdict, "submittedById", "submittedAt")
    SELECT md5('rec' || i)::uuid, md5('lot' || i)::uuid, ${buildingId}::uuid, '{}', encode(sha256(('rec' || i)::bytea), 'hex'), 'PASS', ${user.id}::uuid, now()
    FROM generate_series(1, ${LOTS}) AS i WHERE i % 10 < 7`;
  await db.$executeRaw`
    INSERT INTO "InspectionReview" (id, "recordId", decision, reasons, content, "contentSha256", "reviewedById", "reviewedAt")
    SELECT md5('rev' || i)::uuid, md5('rec' || i)::uuid, (CASE WHEN i % 7 = 0 THEN 'REJECTED' ELSE 'ACCEPTED' END)::"ReviewDecision",
           CASE WHEN i % 7 = 0 THEN '整改' END, '{}', encode(sha256(('rev' || i)::bytea), 'hex'), ${user.id}::uuid, now()
    FROM generate_series(1, ${LOTS}) AS i WHERE i % 10 < 6`;
  await db.$executeRaw`
    INSERT INTO "Photo" (id, "buildingId", sha256, "mediaType", bytes, width, height, "thumbnailSha256", "receivedAt", "perceptualHash", flags, "uploadedById")
    SELECT md5('photo' || i)::uuid, ${buildingId}::uuid, encode(sha256(('p' || i)::bytea), 'hex'), 'image/jpeg', 400000, 1600, 1200,
           encode(sha256(('t' || i)::bytea), 'hex'), now(), (hashtextextended('p' || i, 0)), '{}', ${user.id}::uuid
    FROM generate_series(1, ${PHOTOS}) AS i`;
  await db.$executeRaw`
    INSERT INTO "RecordPhoto" ("photoId", "recordType", "recordId", "buildingId", "possiblyReusedFrom")
    SELECT md5('photo' || i)::uuid, 'InspectionRecord', md5('rec' || ((i - 1) % ${LOTS} + 1))::uuid, ${buildingId}::uuid, '{}'
    FROM generate_series(1, ${PHOTOS}) AS i WHERE ((i - 1) % ${LOTS} + 1) % 10 < 7`;
  // Material batches, each sampled once (every 50th failed, batches the accepted lots used); each submitted record names one batch.
  await db.$executeRaw`
    INSERT INTO "MaterialReceipt" (id, "buildingId", kind, name, specification, "batchNo", quantity, unit, supplier, "receivedOn", certificates, content, "contentSha256", "recordedById", "recordedAt")
    SELECT md5('batch' || i)::uuid, ${buildingId}::uuid, 'REBAR', '热轧带肋钢筋', 'HRB400E', 'B-' || i, 30, 't', '三钢闽光', now(), '{}', '{}', encode(sha256(('batch' || i)::bytea), 'hex'), ${user.id}::uuid, now()
    FROM generate_series(1, ${BATCHES}) AS i`;
  await db.$executeRaw`
    INSERT INTO "WitnessSample" (id, "buildingId", "receiptId", kind, "sampleNo", location, "sampledAt", "samplerId", lab, content, "contentSha256")
    SELECT md5('sample' || i)::uuid, ${buildingId}::uuid, md5('batch' || i)::uuid, 'REBAR', 'GJ-' || i, '堆场', now(), ${user.id}::uuid, '检测中心', '{}', encode(sha256(('sample' || i)::bytea), 'hex')
    FROM generate_series(1, ${BATCHES}) AS i`;
  await db.$executeRaw`
    INSERT INTO "SampleResult" (id, "sampleId", "reportNo", "reportSha256", passed, "reportedOn", "recordedById", "recordedAt", "contentSha256")
    SELECT md5('result' || i)::uuid, md5('sample' || i)::uuid, 'JC-' || i, encode(sha256(('report' || i)::bytea), 'hex'), i % 50 <> 1, now(), ${user.id}::uuid, now(), encode(sha256(('result' || i)::bytea), 'hex')
    FROM generate_series(1, ${BATCHES}) AS i`;
  await db.$executeRaw`
    INSERT INTO "InspectionRecordMaterial" ("recordId", "receiptId")
    SELECT md5('rec' || i)::uuid, md5('batch' || (i % ${BATCHES} + 1))::uuid FROM generate_series(1, ${LOTS}) AS i WHERE i % 10 < 7`;
  await db.$executeRaw`ANALYZE`;

  const progress = await buildingProgressOf(db, buildingId); // warm
  if (progress.total.ACCEPTED === 0 || progress.total.BLOCKED === 0 || progress.lotsOnFailedMaterial === 0) throw new Error('bench data did not produce the expected states');
  const page: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await buildingProgressOf(db, buildingId);
    page.push(performance.now() - start);
  }

  // The floor: the same rows (lots, their current records with review, dependencies) read raw.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const raw: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await client.query(
        `SELECT l.id, l."subdivisionCode", l."itemCode", l."itemName", l.name, l.location, l.capacity, l."capacityUnit", r.id AS record, v.decision
         FROM "InspectionLot" l
         LEFT JOIN "InspectionRecord" r ON r."lotId" = l.id AND NOT EXISTS (SELECT 1 FROM "InspectionRecord" n WHERE n."supersedesId" = r.id)
         LEFT JOIN "InspectionReview" v ON v."recordId" = r.id
         WHERE l."buildingId" = $1`,
        [buildingId],
      );
      await client.query(`SELECT d."lotId", d."predecessorId" FROM "LotDependency" d JOIN "InspectionLot" l ON l.id = d."lotId" WHERE l."buildingId" = $1`, [buildingId]);
      raw.push(performance.now() - start);
    }
  } finally {
    await client.end();
  }
  const floor = { name: 'inspections.progress.raw_sql.p95_ms', value: Number(percentile(raw, 95).toFixed(1)), unit: 'ms' };
  return [
    { name: 'inspections.progress.p95_ms', value: Number(percentile(page, 95).toFixed(1)), unit: 'ms (10,000 lots, 20,000 photos, 7,000 material uses)', baseline: floor },
    { name: 'inspections.progress.p50_ms', value: Number(percentile(page, 50).toFixed(1)), unit: 'ms' },
    floor,
    { name: 'inspections.progress.p95_ratio_to_raw_sql', value: Number((percentile(page, 95) / floor.value).toFixed(2)), unit: 'ratio', baseline: floor },
  ];
}
