/**
 * The 质监站's desk at city scale (bench/run.ts calls dashboardBenchmarks with a database of its
 * own, dropped afterwards): a jurisdiction of 1,000 projects (1,200 buildings) holding about
 * 1,000,000 records — 检验批, self-check records (reworks included), the 监理's reviews, photos and
 * their uses as evidence, material receipts, 监督检查, 整改通知单 with items, answers and
 * verifications, 局部暂停施工 and 复工 — plus 100 projects of another city that must stay out of
 * sight. Every signal of the desk is raised somewhere, spread over the projects by residues of the
 * project number. The rows are written set-wise (INSERT … SELECT generate_series), ten chunks of
 * projects, through whatever the schema does on insert (its triggers included).
 *
 * Then 20 inspectors call supervision.dashboard through the real tRPC caller at once, each one
 * after the other for a while (first pages, signal filters, later pages, a text search); p50/p95
 * of those calls, against the floor of one raw grouped statement through `pg` under the same 20
 * concurrent clients in the same run.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '@/server/authz/actor';
import type { Db } from '@/server/db/client';
import { SIGNALS, type DashboardInput } from '@/server/supervision/dashboard';
import { signalsFromRecords } from '@/server/supervision/signals-from-records';
import { createCaller } from '@/server/trpc/root';
import type { BenchResult } from './result';

const PROJECTS = 1_000;
const OUTSIDE = 100;
const CHUNK = 100;
const LOTS_PER_BUILDING = 180;
const INSPECTORS = 20;
const CALLS_PER_INSPECTOR = 15;
const DISTRICTS = ['350102', '350103', '350104', '350105', '350111', '350112', '350121', '350122', '350123', '350124', '350125', '350128', '350181'];

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
const round = (ms: number) => Number(ms.toFixed(1));

/** Writes the jurisdiction; returns the row count per table and how long it took. */
export async function generateJurisdiction(db: Db): Promise<{ rows: Record<string, number>; seconds: number }> {
  const started = performance.now();
  await db.$executeRawUnsafe(`
    INSERT INTO "Organization" (id, name, "creditCode", kind, "regionCodes")
    VALUES (md5('bd-agency')::uuid, '福州市建设工程质量安全监督站（基准）', 'BENCH-AGENCY-350100', 'QUALITY_AGENCY', '{350100}')`);
  await db.$executeRawUnsafe(`
    INSERT INTO "User" (id, login, name, "passwordHash") SELECT md5('bd-inspector:' || i)::uuid, 'bench.inspector' || i, '监督员 ' || i, 'x' FROM generate_series(1, ${INSPECTORS}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "UserRole" ("userId", role) SELECT md5('bd-inspector:' || i)::uuid, 'INSPECTOR' FROM generate_series(1, ${INSPECTORS}) i`);
  await db.$executeRawUnsafe(`INSERT INTO "Membership" ("userId", "organizationId") SELECT md5('bd-inspector:' || i)::uuid, md5('bd-agency')::uuid FROM generate_series(1, ${INSPECTORS}) i`);
  for (let from = 1; from <= PROJECTS + OUTSIDE; from += CHUNK) {
    await generateChunk(db, from, Math.min(from + CHUNK - 1, PROJECTS + OUTSIDE));
  }
  // As autovacuum would after a bulk load: the facts a review settles (REVIEW_PENDING) came and went.
  await db.$executeRawUnsafe('VACUUM ANALYZE');
  const tables = ['Project', 'Building', 'User', 'InspectionLot', 'InspectionRecord', 'InspectionReview', 'Photo', 'RecordPhoto', 'MaterialReceipt', 'SupervisionInspection', 'RectificationNotice', 'RectificationItem', 'RectificationResponse', 'RectificationVerification', 'Suspension', 'ResumeOrder'];
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/**
 * Projects from..to. Project p has building 1, and a building 2 when p % 5 = 0; each building
 * 180 检验批, one a day, the last two not yet submitted, the three before them awaiting the 监理.
 * Signals: p % 20 = 3 building 1 not registered; p % 25 = 7 completion within 30 days; p % 13 = 4
 * two records awaiting review for 10 days; every 37th record rejected (reworked unless p % 3 = 0);
 * p % 31 = 9 identical readings on every 20th record; p % 29 = 5 every 10th record signed 5 s after
 * the one before; p % 17 = 2 every 10th photo taken far from its upload; p % 23 = 11 every 15th
 * photo possibly reused; p % 6 = 1 one notice open (overdue when p % 12 = 1); p % 10 = 0 a
 * suspension, lifted unless p % 40 = 0. Projects past PROJECTS lie in 厦门 (outside).
 */
async function generateChunk(db: Db, from: number, to: number) {
  const districts = `ARRAY[${DISTRICTS.map((d) => `'${d}'`).join(',')}]`;
  const projects = `generate_series(${from}, ${to}) p`;
  const buildings = `${projects}, generate_series(1, 1 + (p % 5 = 0)::int) k`;
  const lots = `${buildings}, generate_series(1, ${LOTS_PER_BUILDING}) i`;
  const bid = `md5('bd-b:' || p || '-' || k)::uuid`;
  const qc = `md5('bd-qc:' || p)::uuid`;
  const engineer = `md5('bd-eng:' || p)::uuid`;
  const inspector = `md5('bd-inspector:' || (p % ${INSPECTORS} + 1))::uuid`;
  // The day lot i was submitted (lot 180 would be today); a rapid project's every 10th record 5 s after the previous one.
  const submittedAt = `(CASE WHEN p % 29 = 5 AND i % 10 = 0
      THEN date_trunc('hour', now()) - make_interval(days => ${LOTS_PER_BUILDING} - i + 1, hours => k) + interval '5 seconds'
      ELSE date_trunc('hour', now()) - make_interval(days => ${LOTS_PER_BUILDING} - i, hours => k) END)`;
  const submitted = `i <= ${LOTS_PER_BUILDING - 2}`;
  const awaiting = `(i > ${LOTS_PER_BUILDING - 5} OR (p % 13 = 4 AND i IN (170, 171)))`;
  const rejected = `(i % 37 = 0)`;
  const reworked = `(i % 37 = 0 AND p % 3 <> 0)`;
  const sha = (seed: string) => `encode(sha256((${seed})::bytea), 'hex')`;
  const statements = [
    `INSERT INTO "Project" (id, code, name, address, "regionCode")
     SELECT md5('bd-p:' || p)::uuid, 'BD-' || lpad(p::text, 4, '0'), '基准项目 ' || p || ' 号地块', '福州市示范路 ' || p || ' 号',
            CASE WHEN p > ${PROJECTS} THEN '350203' ELSE (${districts})[p % ${DISTRICTS.length} + 1] END
     FROM ${projects}`,
    `INSERT INTO "User" (id, login, name, "passwordHash")
     SELECT md5('bd-' || who || ':' || p)::uuid, 'bench.' || who || p, who || ' ' || p, 'x' FROM ${projects}, unnest(ARRAY['qc', 'eng']) who`,
    `INSERT INTO "Building" (id, "projectId", code, name, "plannedCompletionOn", "supervisionRegisteredAt")
     SELECT ${bid}, md5('bd-p:' || p)::uuid, 'BD-' || p || '-' || k, k || '#楼',
            CASE WHEN p % 25 = 7 THEN current_date + 20 ELSE current_date + 400 END,
            CASE WHEN p % 20 = 3 AND k = 1 THEN NULL ELSE now() - interval '300 days' END
     FROM ${buildings}`,
    `INSERT INTO "InspectionLot" (id, "buildingId", "subdivisionCode", "itemCode", "itemName", name, location, capacity, "capacityUnit", "createdById")
     SELECT md5('bd-l:' || p || '-' || k || '-' || i)::uuid, ${bid}, '020' || (i % 7 + 1), '020' || (i % 7 + 1) || '0' || (i % 5 + 1), '分项 ' || (i % 5 + 1),
            (i / 6 + 1) || 'F 检验批 ' || i, (i / 6 + 1) || ' 层', 20 + i % 100, 't', ${qc}
     FROM ${lots}`,
    `INSERT INTO "InspectionRecord" (id, "lotId", "buildingId", content, "contentSha256", verdict, "submittedById", "submittedAt")
     SELECT md5('bd-r:' || p || '-' || k || '-' || i)::uuid, md5('bd-l:' || p || '-' || k || '-' || i)::uuid, ${bid},
            '{"acceptanceBasis":"GB 50204-2015","constructionBasis":"施工方案","items":[{"kind":"MAIN","minSample":5,"passed":5,"requirement":"受力钢筋的品种、级别、规格和数量","sampled":5},{"kind":"GENERAL","measured":'
              || CASE WHEN p % 31 = 9 AND i % 20 = 0 THEN '[4,4,4,4,4,4,4,4,4,4]' ELSE '[2,-3,5,1,4,-2,6,3,0,' || (i % 9) || ']' END
              || ',"minSample":5,"passed":10,"requirement":"允许偏差（mm）","sampled":10}],"lot":"' || p || '-' || k || '-' || i || '"}',
            ${sha(`'bd-r:' || p || '-' || k || '-' || i`)}, 'PASS', ${qc}, ${submittedAt}
     FROM ${lots} WHERE ${submitted}`,
    `INSERT INTO "InspectionReview" (id, "recordId", decision, reasons, content, "contentSha256", "reviewedById", "reviewedAt")
     SELECT md5('bd-v:' || p || '-' || k || '-' || i)::uuid, md5('bd-r:' || p || '-' || k || '-' || i)::uuid,
            (CASE WHEN ${rejected} THEN 'REJECTED' ELSE 'ACCEPTED' END)::"ReviewDecision", CASE WHEN ${rejected} THEN '箍筋间距超差' END,
            '{}', ${sha(`'bd-v:' || p || '-' || k || '-' || i`)}, ${engineer}, ${submittedAt} + interval '3 hours'
     FROM ${lots} WHERE ${submitted} AND NOT ${awaiting}`,
    // Reworks of rejected records, submitted the next day and accepted.
    `INSERT INTO "InspectionRecord" (id, "lotId", "buildingId", content, "contentSha256", verdict, "supersedesId", "submittedById", "submittedAt")
     SELECT md5('bd-r2:' || p || '-' || k || '-' || i)::uuid, md5('bd-l:' || p || '-' || k || '-' || i)::uuid, ${bid},
            '{"items":[{"kind":"GENERAL","measured":[1,2,-1,3,0],"requirement":"允许偏差（mm）"}],"rework":true}',
            ${sha(`'bd-r2:' || p || '-' || k || '-' || i`)}, 'PASS', md5('bd-r:' || p || '-' || k || '-' || i)::uuid, ${qc}, ${submittedAt} + interval '20 hours'
     FROM ${lots} WHERE ${submitted} AND ${reworked}`,
    `INSERT INTO "InspectionReview" (id, "recordId", decision, content, "contentSha256", "reviewedById", "reviewedAt")
     SELECT md5('bd-v2:' || p || '-' || k || '-' || i)::uuid, md5('bd-r2:' || p || '-' || k || '-' || i)::uuid, 'ACCEPTED', '{}',
            ${sha(`'bd-v2:' || p || '-' || k || '-' || i`)}, ${engineer}, ${submittedAt} + interval '22 hours'
     FROM ${lots} WHERE ${submitted} AND ${reworked}`,
    `INSERT INTO "Photo" (id, "buildingId", sha256, "mediaType", bytes, width, height, "thumbnailSha256", "receivedAt", "perceptualHash", flags, "uploadedById")
     SELECT md5('bd-f:' || p || '-' || k || '-' || i)::uuid, ${bid}, ${sha(`'bd-f:' || p || '-' || k || '-' || i`)}, 'image/jpeg', 400000, 1600, 1200,
            ${sha(`'bd-t:' || p || '-' || k || '-' || i`)}, ${submittedAt} - interval '5 minutes', hashtextextended('bd-f:' || p || '-' || k || '-' || i, 0),
            CASE WHEN p % 17 = 2 AND i % 10 = 0 THEN '{CAPTURE_TIME_FAR_FROM_RECEIPT}'::text[] ELSE '{}'::text[] END, ${qc}
     FROM ${lots} WHERE ${submitted}`,
    `INSERT INTO "RecordPhoto" ("photoId", "recordType", "recordId", "buildingId", "possiblyReusedFrom")
     SELECT md5('bd-f:' || p || '-' || k || '-' || i)::uuid, 'InspectionRecord', md5('bd-r:' || p || '-' || k || '-' || i)::uuid, ${bid},
            CASE WHEN p % 23 = 11 AND i % 15 = 0 THEN ARRAY['InspectionRecord:' || md5('bd-r:' || p || '-' || k || '-' || (i - 1))::uuid] ELSE '{}'::text[] END
     FROM ${lots} WHERE ${submitted}`,
    `INSERT INTO "MaterialReceipt" (id, "buildingId", kind, name, specification, "batchNo", quantity, unit, supplier, "receivedOn", certificates, content, "contentSha256", "recordedById", "recordedAt")
     SELECT md5('bd-m:' || p || '-' || k || '-' || j)::uuid, ${bid}, 'REBAR', '热轧带肋钢筋', 'HRB400E', 'SG-' || p || '-' || k || '-' || j, 30, 't', '三钢闽光',
            current_date - 9 * j, '{}', '{}', ${sha(`'bd-m:' || p || '-' || k || '-' || j`)}, ${qc}, now() - make_interval(days => 9 * j)
     FROM ${buildings}, generate_series(1, 20) j`,
    `INSERT INTO "SupervisionInspection" (id, "buildingId", "inspectedOn", scopes, "presentMemberIds", "othersPresent", findings, outcome, content, "contentSha256", "inspectorId", "agencyId", "recordedAt")
     SELECT md5('bd-s:' || p || '-' || j)::uuid, md5('bd-b:' || p || '-1')::uuid, current_date - 20 * j, '{ENTITY_QUALITY,CONDUCT}', '{}', '', '抽查钢筋工程', 'NO_ISSUES', '{}',
            ${sha(`'bd-s:' || p || '-' || j`)}, ${inspector}, md5('bd-agency')::uuid, now() - make_interval(days => 20 * j)
     FROM ${projects}, generate_series(1, 8) j`,
    `INSERT INTO "RectificationNotice" (id, "buildingId", number, "partyRole", basis, "issuedOn", deadline, content, "contentSha256", "inspectorId", "agencyId", "recordedAt")
     SELECT md5('bd-n:' || p || '-' || j)::uuid, md5('bd-b:' || p || '-1')::uuid, '整改-2026-' || j, 'CONSTRUCTION', '条例 第四十八条',
            current_date - 30 * (5 - j), CASE WHEN j = 4 AND p % 12 = 1 THEN current_date - 6 WHEN j = 4 THEN current_date + 10 ELSE current_date - 30 * (5 - j) + 14 END,
            '{}', ${sha(`'bd-n:' || p || '-' || j`)}, ${inspector}, md5('bd-agency')::uuid, now() - make_interval(days => 30 * (5 - j))
     FROM ${projects}, generate_series(1, 4) j`,
    `INSERT INTO "RectificationItem" (id, "noticeId", position, finding, basis, "requiredAction", "lotIds", "photoIds", "receiptIds", "concealedWorkIds")
     SELECT md5('bd-ni:' || p || '-' || j || '-' || e)::uuid, md5('bd-n:' || p || '-' || j)::uuid, e, '箍筋间距超差', 'GB 50204-2015', '返工', '{}', '{}', '{}', '{}'
     FROM ${projects}, generate_series(1, 4) j, generate_series(1, 2) e`,
    `INSERT INTO "RectificationResponse" (id, "itemId", "buildingId", "actionTaken", "partyRole", content, "contentSha256", "respondedById", "respondedAt")
     SELECT md5('bd-nr:' || p || '-' || j || '-' || e)::uuid, md5('bd-ni:' || p || '-' || j || '-' || e)::uuid, md5('bd-b:' || p || '-1')::uuid, '已返工', 'CONSTRUCTION', '{}',
            ${sha(`'bd-nr:' || p || '-' || j || '-' || e`)}, ${qc}, now() - make_interval(days => 30 * (5 - j) - 5)
     FROM ${projects}, generate_series(1, 4) j, generate_series(1, 2) e WHERE NOT (j = 4 AND p % 6 = 1 AND e = 2)`,
    `INSERT INTO "RectificationVerification" (id, "responseId", "buildingId", decision, reason, content, "contentSha256", "verifiedById", "verifiedAt")
     SELECT md5('bd-nv:' || p || '-' || j || '-' || e)::uuid, md5('bd-nr:' || p || '-' || j || '-' || e)::uuid, md5('bd-b:' || p || '-1')::uuid, 'VERIFIED', '', '{}',
            ${sha(`'bd-nv:' || p || '-' || j || '-' || e`)}, ${inspector}, now() - make_interval(days => 30 * (5 - j) - 6)
     FROM ${projects}, generate_series(1, 4) j, generate_series(1, 2) e WHERE NOT (j = 4 AND p % 6 = 1 AND e = 2)`,
    `INSERT INTO "Suspension" (id, "buildingId", issuer, "wholeBuilding", "scopeCodes", reason, basis, content, "contentSha256", "issuedById", "issuedAt")
     SELECT md5('bd-z:' || p)::uuid, md5('bd-b:' || p || '-1')::uuid, 'INSPECTOR', false, '{0202}', '砂浆试块不合格', '条例 第四十八条', '{}',
            ${sha(`'bd-z:' || p`)}, ${inspector}, now() - interval '12 days'
     FROM ${projects} WHERE p % 10 = 0`,
    `INSERT INTO "ResumeOrder" (id, "suspensionId", findings, content, "contentSha256", "issuedById", "issuedAt")
     SELECT md5('bd-zr:' || p)::uuid, md5('bd-z:' || p)::uuid, '复查合格', '{}', ${sha(`'bd-zr:' || p`)}, ${inspector}, now() - interval '3 days'
     FROM ${projects} WHERE p % 10 = 0 AND p % 40 <> 0`,
  ];
  for (const sql of statements) await db.$executeRawUnsafe(sql);
}

/** One inspector's view as the page asks for it: mostly first pages, some signal filters, later pages, a search. */
const VIEWS: DashboardInput[] = [{}, { signal: 'NOTICES_OVERDUE' }, {}, { page: 2 }, { signal: 'RAPID_SIGNING' }, { query: '基准项目 42' }, { regionCode: '350104' }, { signal: 'SUSPENDED' }];

export async function dashboardBenchmarks(db: Db): Promise<BenchResult[]> {
  const generated = await generateJurisdiction(db);
  const total = Object.values(generated.rows).reduce((a, b) => a + b, 0);
  const { loadActor } = await import('@/server/authz/actor');
  const inspectors: Actor[] = [];
  for (let i = 1; i <= INSPECTORS; i++) {
    const [row] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT md5('bd-inspector:' || $1::int)::uuid::text AS id`, i);
    inspectors.push((await loadActor(db, row!.id, 'session'))!);
  }

  const first = await createCaller({ db, actor: inspectors[0]! }).supervision.dashboard({});
  if (first.projectCount !== PROJECTS) throw new Error(`the desk shows ${first.projectCount} projects, not ${PROJECTS}`);
  // The counts the triggers kept while the million rows went in equal the records, recomputed the slow way.
  const recomputeStart = performance.now();
  const truth = await signalsFromRecords(db);
  const recomputeMs = performance.now() - recomputeStart;
  const inside = new Set((await db.project.findMany({ where: { regionCode: { startsWith: '3501' } }, select: { id: true } })).map((p) => p.id));
  for (const signal of SIGNALS) {
    if (first.totals[signal] === 0) throw new Error(`bench data raised no ${signal}`);
    const expected = [...truth].filter(([id, t]) => inside.has(id) && t[signal] > 0).length;
    if (first.totals[signal] !== expected) throw new Error(`the desk counts ${first.totals[signal]} projects with ${signal}, the records ${expected}`);
  }
  for (const p of first.projects) {
    if (JSON.stringify({ ...p.signals }) !== JSON.stringify(Object.fromEntries(SIGNALS.map((s) => [s, truth.get(p.id)![s]])))) throw new Error(`the desk's signals of ${p.code} differ from the records`);
  }

  // 20 inspectors at once, each calling the desk CALLS_PER_INSPECTOR times in a row.
  const timings: number[] = [];
  await Promise.all(
    inspectors.map(async (actor, n) => {
      const api = createCaller({ db, actor });
      for (let c = 0; c < CALLS_PER_INSPECTOR; c++) {
        const start = performance.now();
        await api.supervision.dashboard(VIEWS[(n + c) % VIEWS.length]!);
        timings.push(performance.now() - start);
      }
    }),
  );

  // The floor: one raw grouped statement over the per-project counts, by 20 `pg` clients at once.
  const raw: number[] = [];
  const clients = await Promise.all(
    inspectors.map(async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }),
  );
  try {
    await Promise.all(
      clients.map(async (client) => {
        for (let c = 0; c < CALLS_PER_INSPECTOR; c++) {
          const start = performance.now();
          await client.query(RAW_FLOOR_SQL, [['3501%']]);
          raw.push(performance.now() - start);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }

  const floor = { name: 'supervision.dashboard.raw_sql.p95_ms', value: round(percentile(raw, 95)), unit: 'ms (one grouped statement, 20 concurrent pg clients)' };
  const size = `${PROJECTS} projects, ${generated.rows.Building} buildings, ${(total / 1e6).toFixed(2)} M rows, ${INSPECTORS} concurrent inspectors`;
  return [
    { name: 'supervision.dashboard.p95_ms', value: round(percentile(timings, 95)), unit: `ms (${size})`, baseline: floor },
    { name: 'supervision.dashboard.p50_ms', value: round(percentile(timings, 50)), unit: 'ms' },
    floor,
    { name: 'supervision.dashboard.p95_ratio_to_raw_sql', value: Number((percentile(timings, 95) / floor.value).toFixed(2)), unit: 'ratio', baseline: floor },
    { name: 'supervision.dashboard.generate_s', value: Number(generated.seconds.toFixed(1)), unit: `s (${total} rows, through the desk's triggers)` },
    { name: 'supervision.dashboard.from_records_ms', value: round(recomputeMs), unit: 'ms (the same signals recomputed from the records, one caller)' },
  ];
}

/** The raw floor: the per-project counts of the jurisdiction summed per district, in one grouped statement. */
const RAW_FLOOR_SQL = `
  SELECT p."regionCode", count(*) AS projects, sum(c."lotsRejected") AS rejected, sum(c."noticesOpen") AS notices
  FROM "ProjectSignalCount" c JOIN "Project" p ON p.id = c."projectId"
  WHERE p."regionCode" LIKE ANY($1::text[]) GROUP BY 1`;
