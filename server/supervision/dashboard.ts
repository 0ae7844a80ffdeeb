import { z } from 'zod';
import type { Actor } from '@/server/authz/actor';
import { authorize, regionPrefix } from '@/server/authz/policy';
import type { DbOrTx } from '@/server/db/client';
import { FILING_DAYS } from '@/server/milestones/state';
import { regionCode } from '@/server/orgs/schemas';
import { RESPONSE_HOURS } from '@/server/warranty/claim-state';

/**
 * The 质监站's desk (supervision.md §1: 抽查 of 实体质量 and 质量行为): every project in the
 * inspector's jurisdiction with the signals that say where to look first, a page at a time.
 *
 * A city holds a million records, so the desk never reads them (docs/decisions/011): triggers of
 * the records keep one fact per subject that raises a signal ("SignalFact") and their counts per
 * project ("ProjectSignalCount") in the record's own transaction. The desk reads the counts, and
 * evaluates what depends on the clock (a notice past its deadline, a record waiting for the 监理
 * too long, completion planned soon, a 备案 past its 15 days, a warranty claim past its response
 * time) from the facts' stored instants against now(), in one statement.
 *
 * The thresholds below are this product's judgement, not law: they pick out paperwork that is
 * least likely to be true (identical readings, signatures seconds apart, photos whose capture time
 * is far from their upload or that already stood for another record) and work that waits.
 */
export const SIGNAL_RULES = {
  /** A record awaiting the 监理 longer than this is flagged (no legal deadline; a week of work waits on it). Read time. */
  reviewOverdueDays: 7,
  /** Self-checks by the same person this close together were hardly checked on site one by one. Stored at insert (SQL desk_rapid_signing_seconds()). */
  rapidSigningSeconds: 10,
  /** A measured item with at least this many readings, all identical, looks copied rather than measured. Stored at insert (SQL desk_identical_readings_min()). */
  identicalReadingsMin: 5,
  /** 竣工验收 planned within this many days: the 质监站 supervises it (171号 art 8). Read time. */
  completionSoonDays: 30,
  /** 竣工验收备案 within this many days of acceptance (条例 art 49; the law's number). Stored at insert (SQL desk_filing_days()). */
  filingDays: FILING_DAYS,
  /** A warranty claim unanswered this long (hours; contractual, warranty.md §4) is overdue. Stored at insert (SQL desk_response_hours()). */
  claimResponseHours: RESPONSE_HOURS,
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
  'FILING_OVERDUE',
  'CLAIMS_OVERDUE',
] as const;
export type Signal = (typeof SIGNALS)[number];

/** Projects per page: a phone on a weak connection gets a page, never the whole city. */
export const DASHBOARD_PAGE_SIZE = 20;

export const dashboardInput = z.object({
  /** A region code (GB/T 2260): its province, city or district */
  regionCode: regionCode.optional(),
  signal: z.enum(SIGNALS).optional(),
  query: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
});
export type DashboardInput = z.input<typeof dashboardInput>;

/** The per-project counts kept by the triggers (columns of "ProjectSignalCount"), by the signal they stand for. */
const STORED: Partial<Record<Signal, string>> = {
  SUSPENDED: 'suspended',
  NOTICES_OPEN: 'noticesOpen',
  NOT_REGISTERED: 'notRegistered',
  LOTS_REJECTED: 'lotsRejected',
  IDENTICAL_READINGS: 'identicalReadings',
  RAPID_SIGNING: 'rapidSigning',
  PHOTO_TIME_FLAGS: 'photoTimeFlags',
  PHOTOS_POSSIBLY_REUSED: 'photosPossiblyReused',
};

type ProjectRow = {
  id: string;
  code: string;
  name: string;
  address: string;
  regionCode: string;
  buildings: number;
  lastInspectedOn: string | null;
  noticeMaxDaysLate: number;
} & Record<Signal, number>;
type DeskRow = { summary: { projectCount: number; regions: string[] | null } & Record<Signal, number>; matched: number; page: ProjectRow[] };

export async function jurisdictionDashboard(db: DbOrTx, actor: Actor, input: DashboardInput) {
  const filters = dashboardInput.parse(input);
  authorize(actor, 'supervision.dashboard');
  // ADMIN sees every project; an inspector the projects of their 质监站's regions.
  const everywhere = actor.roles.includes('ADMIN');
  const patterns = actor.jurisdiction.map((code) => `${regionPrefix(code)}%`);
  const { reviewOverdueDays, completionSoonDays } = SIGNAL_RULES;
  const today = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
  const has = (signal: Signal) => `("${signal}" > 0)`;
  const column = (signal: Signal) => (STORED[signal] ? `c."${STORED[signal]}"` : `t."${signal}"`);

  const [desk] = await db.$queryRawUnsafe<DeskRow[]>(
    `WITH scope AS MATERIALIZED (
       SELECT p.id, p.code, p.name, p.address, p."regionCode" FROM "Project" p WHERE ($1 OR p."regionCode" LIKE ANY($2::text[]))
     ), t AS (
       -- What depends on the clock, from the stored instants: notices past their deadline (and how
       -- late the latest), records awaiting the 监理 too long, completion planned soon (or past).
       SELECT f."projectId",
              count(*) FILTER (WHERE f.signal = 'NOTICE_OPEN')::int AS "NOTICES_OVERDUE",
              max(${today} - f.at::date) FILTER (WHERE f.signal = 'NOTICE_OPEN')::int AS "noticeMaxDaysLate",
              count(*) FILTER (WHERE f.signal = 'REVIEW_PENDING')::int AS "REVIEW_OVERDUE",
              count(*) FILTER (WHERE f.signal = 'COMPLETION_PLANNED')::int AS "COMPLETION_SOON",
              count(*) FILTER (WHERE f.signal = 'FILING_DUE')::int AS "FILING_OVERDUE",
              count(*) FILTER (WHERE f.signal = 'CLAIM_RESPONSE_DUE')::int AS "CLAIMS_OVERDUE"
       FROM "SignalFact" f JOIN scope s ON s.id = f."projectId"
       WHERE (f.signal = 'NOTICE_OPEN' AND f.at < ${today})
          OR (f.signal = 'REVIEW_PENDING' AND f.at < now() - make_interval(days => $4::int))
          OR (f.signal = 'COMPLETION_PLANNED' AND f.at <= ${today} + $3::int)
          OR (f.signal = 'FILING_DUE' AND f.at < ${today})
          OR (f.signal = 'CLAIM_RESPONSE_DUE' AND f.at < now())
       GROUP BY 1
     ), rows AS MATERIALIZED (
       SELECT s.*, coalesce(c.buildings, 0) AS buildings, coalesce(t."noticeMaxDaysLate", 0) AS "noticeMaxDaysLate",
              ${SIGNALS.map((signal) => `coalesce(${column(signal)}, 0) AS "${signal}"`).join(', ')}
       FROM scope s LEFT JOIN "ProjectSignalCount" c ON c."projectId" = s.id LEFT JOIN t ON t."projectId" = s.id
     ), shown AS (
       SELECT *, ${SIGNALS.map((signal) => `${has(signal)}::int`).join(' + ')} AS kinds FROM rows
       WHERE ($5::text IS NULL OR "regionCode" LIKE $5 || '%')
         AND ($6::text IS NULL OR strpos(name, $6) > 0 OR strpos(code, $6) > 0 OR strpos(address, $6) > 0)
         ${filters.signal ? `AND ${has(filters.signal)}` : ''}
     )
     SELECT (SELECT json_build_object('projectCount', count(*), 'regions', array_agg(DISTINCT "regionCode"), ${SIGNALS.map((s) => `'${s}', count(*) FILTER (WHERE ${has(s)})`).join(', ')}) FROM rows) AS summary,
            (SELECT count(*)::int FROM shown) AS matched,
            (SELECT coalesce(json_agg(p ORDER BY p.kinds DESC, p."regionCode", p.code, p.id), '[]') FROM (
               SELECT shown.*, (SELECT max(i."inspectedOn") FROM "SupervisionInspection" i JOIN "Building" b ON b.id = i."buildingId" WHERE b."projectId" = shown.id) AS "lastInspectedOn"
               FROM shown ORDER BY kinds DESC, "regionCode", code, id LIMIT $7 OFFSET $8) p) AS page`,
    everywhere,
    patterns,
    completionSoonDays,
    reviewOverdueDays,
    filters.regionCode ? regionPrefix(filters.regionCode) : null,
    filters.query || null,
    DASHBOARD_PAGE_SIZE,
    (filters.page - 1) * DASHBOARD_PAGE_SIZE,
  );
  const { summary, matched, page } = desk!;
  return {
    // Where to look first: the projects with the most kinds of signal.
    projects: page.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      address: row.address,
      regionCode: row.regionCode,
      buildings: row.buildings,
      lastInspectedOn: row.lastInspectedOn ? new Date(`${row.lastInspectedOn}T00:00:00Z`) : null,
      noticeMaxDaysLate: row.noticeMaxDaysLate,
      signals: Object.fromEntries(SIGNALS.map((s) => [s, row[s]])) as Record<Signal, number>,
    })),
    totals: Object.fromEntries(SIGNALS.map((s) => [s, summary[s]])) as Record<Signal, number>,
    projectCount: summary.projectCount,
    regions: (summary.regions ?? []).sort(),
    /** Projects matching the filters, over all pages */
    matched,
    page: filters.page,
    pageSize: DASHBOARD_PAGE_SIZE,
    rules: SIGNAL_RULES,
  };
}
