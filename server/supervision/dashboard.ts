import { z } from 'zod';
import type { Actor } from '@/server/authz/actor';
import { authorize, regionPrefix } from '@/server/authz/policy';
import type { DbOrTx } from '@/server/db/client';
import { regionCode } from '@/server/orgs/schemas';

/**
 * The 质监站's desk (supervision.md §1: 抽查 of 实体质量 and 质量行为): every project in the
 * inspector's jurisdiction with the signals that say where to look first. Counts are read per
 * project in a few grouped statements, never per record in the app.
 *
 * The thresholds below are this product's judgement, not law: they pick out paperwork that is
 * least likely to be true (identical readings, signatures seconds apart, photos whose capture time
 * is far from their upload or that already stood for another record) and work that waits.
 */
export const SIGNAL_RULES = {
  /** A record awaiting the 监理 longer than this is flagged (no legal deadline; a week of work waits on it). */
  reviewOverdueDays: 7,
  /** Self-checks by the same person this close together were hardly checked on site one by one. */
  rapidSigningSeconds: 10,
  /** A measured item with at least this many readings, all identical, looks copied rather than measured. */
  identicalReadingsMin: 5,
  /** 竣工验收 planned within this many days: the 质监站 supervises it (171号 art 8). */
  completionSoonDays: 30,
} as const;

export const SIGNALS = [
  'SUSPENDED',
  'NOTICES_OVERDUE',
  'NOTICES_OPEN',
  'NOT_REGISTERED',
  'LOTS_REJECTED',
  'REVIEW_OVERDUE',
  'IDENTICAL_READINGS',
  'RAPID_SIGNING',
  'PHOTO_TIME_FLAGS',
  'PHOTOS_POSSIBLY_REUSED',
  'COMPLETION_SOON',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const dashboardInput = z.object({
  /** A region code (GB/T 2260): its province, city or district */
  regionCode: regionCode.optional(),
  signal: z.enum(SIGNALS).optional(),
  query: z.string().trim().max(100).optional(),
});
export type DashboardInput = z.input<typeof dashboardInput>;

type CountRow = { projectId: string; n: number };

export async function jurisdictionDashboard(db: DbOrTx, actor: Actor, input: DashboardInput) {
  const filters = dashboardInput.parse(input);
  authorize(actor, 'supervision.dashboard');
  // ADMIN sees every project; an inspector the projects of their 质监站's regions.
  const everywhere = actor.roles.includes('ADMIN');
  const patterns = actor.jurisdiction.map((code) => `${regionPrefix(code)}%`);
  const projectScope = (alias: string) => `(${everywhere} OR ${alias}."regionCode" LIKE ANY($1::text[]))`;
  const count = (sql: string, ...params: unknown[]) => db.$queryRawUnsafe<CountRow[]>(sql, patterns, ...params);
  const { reviewOverdueDays, rapidSigningSeconds, identicalReadingsMin, completionSoonDays } = SIGNAL_RULES;

  const [projects, buildings, lots, rapid, identical, photoFlags, reused, lastInspections, notices, suspended] = await Promise.all([
    db.$queryRawUnsafe<{ id: string; code: string; name: string; address: string; regionCode: string }[]>(
      `SELECT p.id::text, p.code, p.name, p.address, p."regionCode" FROM "Project" p WHERE ${projectScope('p')} ORDER BY p."regionCode", p.code`,
      patterns,
    ),
    db.$queryRawUnsafe<{ projectId: string; total: number; unregistered: number; completionSoon: number }[]>(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS total,
              count(*) FILTER (WHERE b."supervisionRegisteredAt" IS NULL)::int AS unregistered,
              count(*) FILTER (WHERE b."completedOn" IS NULL AND b."plannedCompletionOn" <= (now() AT TIME ZONE 'Asia/Shanghai')::date + $2::int)::int AS "completionSoon"
       FROM "Building" b JOIN "Project" p ON p.id = b."projectId" WHERE ${projectScope('p')} GROUP BY b."projectId"`,
      patterns,
      completionSoonDays,
    ),
    // The record that counts for each lot is the one no rework supersedes.
    db.$queryRawUnsafe<{ projectId: string; rejected: number; overdue: number }[]>(
      `SELECT b."projectId"::text AS "projectId",
              count(*) FILTER (WHERE v.decision = 'REJECTED')::int AS rejected,
              count(*) FILTER (WHERE v."recordId" IS NULL AND r."submittedAt" < now() - make_interval(days => $2::int))::int AS overdue
       FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId" JOIN "Project" p ON p.id = b."projectId"
       LEFT JOIN "InspectionReview" v ON v."recordId" = r.id
       WHERE ${projectScope('p')} AND NOT EXISTS (SELECT 1 FROM "InspectionRecord" n WHERE n."supersedesId" = r.id)
       GROUP BY b."projectId"`,
      patterns,
      reviewOverdueDays,
    ),
    count(
      `SELECT projectId AS "projectId", count(*)::int AS n FROM (
         SELECT b."projectId"::text AS projectId,
                r."submittedAt" - lag(r."submittedAt") OVER (PARTITION BY r."submittedById" ORDER BY r."submittedAt") AS gap
         FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId" JOIN "Project" p ON p.id = b."projectId"
         WHERE ${projectScope('p')}) s
       WHERE gap < make_interval(secs => $2::int) GROUP BY projectId`,
      rapidSigningSeconds,
    ),
    count(
      `SELECT b."projectId"::text AS "projectId", count(DISTINCT r.id)::int AS n
       FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId" JOIN "Project" p ON p.id = b."projectId",
            jsonb_array_elements(r.content::jsonb -> 'items') item
       WHERE ${projectScope('p')} AND jsonb_array_length(item -> 'measured') >= $2::int
         AND (SELECT count(DISTINCT m) FROM jsonb_array_elements(item -> 'measured') m) = 1
       GROUP BY b."projectId"`,
      identicalReadingsMin,
    ),
    count(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS n
       FROM "Photo" f JOIN "Building" b ON b.id = f."buildingId" JOIN "Project" p ON p.id = b."projectId"
       WHERE ${projectScope('p')} AND f.flags && ARRAY['CAPTURE_TIME_FAR_FROM_RECEIPT', 'CAPTURE_TIME_AFTER_RECEIPT', 'NO_CAPTURE_TIME']::text[]
       GROUP BY b."projectId"`,
    ),
    count(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS n
       FROM "RecordPhoto" u JOIN "Photo" f ON f.id = u."photoId" JOIN "Building" b ON b.id = f."buildingId" JOIN "Project" p ON p.id = b."projectId"
       WHERE ${projectScope('p')} AND cardinality(u."possiblyReusedFrom") > 0
       GROUP BY b."projectId"`,
    ),
    db.$queryRawUnsafe<{ projectId: string; last: Date }[]>(
      `SELECT b."projectId"::text AS "projectId", max(i."inspectedOn") AS last
       FROM "SupervisionInspection" i JOIN "Building" b ON b.id = i."buildingId" JOIN "Project" p ON p.id = b."projectId"
       WHERE ${projectScope('p')} GROUP BY b."projectId"`,
      patterns,
    ),
    // A notice is open while any item lacks a verified response (supervision.md §3); overdue past its deadline.
    db.$queryRawUnsafe<{ projectId: string; open: number; overdue: number; maxDaysLate: number | null }[]>(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS open,
              count(*) FILTER (WHERE n.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS overdue,
              max((now() AT TIME ZONE 'Asia/Shanghai')::date - n.deadline)::int AS "maxDaysLate"
       FROM "RectificationNotice" n JOIN "Building" b ON b.id = n."buildingId" JOIN "Project" p ON p.id = b."projectId"
       WHERE ${projectScope('p')} AND EXISTS (
         SELECT 1 FROM "RectificationItem" i WHERE i."noticeId" = n.id AND NOT EXISTS (
           SELECT 1 FROM "RectificationResponse" r JOIN "RectificationVerification" v ON v."responseId" = r.id
           WHERE r."itemId" = i.id AND v.decision = 'VERIFIED'))
       GROUP BY b."projectId"`,
      patterns,
    ),
    count(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS n
       FROM "Suspension" s JOIN "Building" b ON b.id = s."buildingId" JOIN "Project" p ON p.id = b."projectId"
       WHERE ${projectScope('p')} AND NOT EXISTS (SELECT 1 FROM "ResumeOrder" r WHERE r."suspensionId" = s.id)
       GROUP BY b."projectId"`,
    ),
  ]);

  const byProject = <Row extends { projectId: string }>(rows: Row[]) => new Map(rows.map((r) => [r.projectId, r]));
  const buildingsOf = byProject(buildings);
  const lotsOf = byProject(lots);
  const lastOf = byProject(lastInspections);
  const rapidOf = byProject(rapid);
  const identicalOf = byProject(identical);
  const photoFlagsOf = byProject(photoFlags);
  const reusedOf = byProject(reused);
  const noticesOf = byProject(notices);
  const suspendedOf = byProject(suspended);
  const rows = projects.map((project) => {
    const counts: Record<Signal, number> = {
      SUSPENDED: suspendedOf.get(project.id)?.n ?? 0,
      NOTICES_OVERDUE: noticesOf.get(project.id)?.overdue ?? 0,
      NOTICES_OPEN: noticesOf.get(project.id)?.open ?? 0,
      NOT_REGISTERED: buildingsOf.get(project.id)?.unregistered ?? 0,
      LOTS_REJECTED: lotsOf.get(project.id)?.rejected ?? 0,
      REVIEW_OVERDUE: lotsOf.get(project.id)?.overdue ?? 0,
      IDENTICAL_READINGS: identicalOf.get(project.id)?.n ?? 0,
      RAPID_SIGNING: rapidOf.get(project.id)?.n ?? 0,
      PHOTO_TIME_FLAGS: photoFlagsOf.get(project.id)?.n ?? 0,
      PHOTOS_POSSIBLY_REUSED: reusedOf.get(project.id)?.n ?? 0,
      COMPLETION_SOON: buildingsOf.get(project.id)?.completionSoon ?? 0,
    };
    const daysLate = noticesOf.get(project.id)?.maxDaysLate ?? 0;
    return { ...project, buildings: buildingsOf.get(project.id)?.total ?? 0, lastInspectedOn: lastOf.get(project.id)?.last ?? null, noticeMaxDaysLate: Math.max(0, daysLate), signals: counts };
  });
  const shown = rows
    .filter((r) => !filters.regionCode || r.regionCode.startsWith(regionPrefix(filters.regionCode)))
    .filter((r) => !filters.signal || r.signals[filters.signal] > 0)
    .filter((r) => !filters.query || r.name.includes(filters.query) || r.code.includes(filters.query) || r.address.includes(filters.query))
    // Where to look first: the projects with the most kinds of signal.
    .sort((a, b) => signalKinds(b) - signalKinds(a));
  return {
    projects: shown,
    totals: Object.fromEntries(SIGNALS.map((s) => [s, rows.filter((r) => r.signals[s] > 0).length])) as Record<Signal, number>,
    projectCount: rows.length,
    rules: SIGNAL_RULES,
  };
}

const signalKinds = (row: { signals: Record<Signal, number> }) => SIGNALS.filter((s) => row.signals[s] > 0).length;
