import type { DbOrTx } from '@/server/db/client';
import { SIGNAL_RULES, SIGNALS, type Signal } from './dashboard';

export type ProjectSignals = { buildings: number; noticeMaxDaysLate: number } & Record<Signal, number>;

/**
 * Every project's signals computed the slow way, from the records themselves with grouped SQL (as
 * the desk did before docs/decisions/011): what the stored facts and counts must always equal. Not
 * used by the desk (seconds for a city); tests and `npm run bench` compare against it.
 */
export async function signalsFromRecords(db: DbOrTx): Promise<Map<string, ProjectSignals>> {
  const { reviewOverdueDays, rapidSigningSeconds, identicalReadingsMin, completionSoonDays, filingDays, claimResponseHours } = SIGNAL_RULES;
  const today = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
  const perProject = (sql: string, ...params: unknown[]) => db.$queryRawUnsafe<({ projectId: string } & Record<string, number>)[]>(sql, ...params);
  const parts = await Promise.all([
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS buildings,
              count(*) FILTER (WHERE b."supervisionRegisteredAt" IS NULL)::int AS "NOT_REGISTERED",
              count(*) FILTER (WHERE b."completedOn" IS NULL AND b."plannedCompletionOn" <= ${today} + $1::int)::int AS "COMPLETION_SOON"
       FROM "Building" b GROUP BY 1`,
      completionSoonDays,
    ),
    // The record that counts for each lot is the one no rework supersedes.
    perProject(
      `SELECT b."projectId"::text AS "projectId",
              count(*) FILTER (WHERE v.decision = 'REJECTED')::int AS "LOTS_REJECTED",
              count(*) FILTER (WHERE v."recordId" IS NULL AND r."submittedAt" < now() - make_interval(days => $1::int))::int AS "REVIEW_OVERDUE"
       FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId" LEFT JOIN "InspectionReview" v ON v."recordId" = r.id
       WHERE NOT EXISTS (SELECT 1 FROM "InspectionRecord" n WHERE n."supersedesId" = r.id)
       GROUP BY 1`,
      reviewOverdueDays,
    ),
    // Each signer's submissions in (time, id) order; a gap under the threshold marks the later one.
    perProject(
      `SELECT "projectId", count(*)::int AS "RAPID_SIGNING" FROM (
         SELECT b."projectId"::text AS "projectId",
                r."submittedAt" - lag(r."submittedAt") OVER (PARTITION BY r."submittedById" ORDER BY r."submittedAt", r.id) AS gap
         FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId") s
       WHERE gap < make_interval(secs => $1::int) GROUP BY 1`,
      rapidSigningSeconds,
    ),
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(DISTINCT r.id)::int AS "IDENTICAL_READINGS"
       FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId", jsonb_array_elements(r.content::jsonb -> 'items') item
       WHERE jsonb_array_length(item -> 'measured') >= $1::int AND (SELECT count(DISTINCT m) FROM jsonb_array_elements(item -> 'measured') m) = 1
       GROUP BY 1`,
      identicalReadingsMin,
    ),
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS "PHOTO_TIME_FLAGS"
       FROM "Photo" f JOIN "Building" b ON b.id = f."buildingId"
       WHERE f.flags && ARRAY['CAPTURE_TIME_FAR_FROM_RECEIPT', 'CAPTURE_TIME_AFTER_RECEIPT', 'NO_CAPTURE_TIME']::text[]
       GROUP BY 1`,
    ),
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS "PHOTOS_POSSIBLY_REUSED"
       FROM "RecordPhoto" u JOIN "Photo" f ON f.id = u."photoId" JOIN "Building" b ON b.id = f."buildingId"
       WHERE cardinality(u."possiblyReusedFrom") > 0 GROUP BY 1`,
    ),
    // A notice is open while any item lacks a verified response (supervision.md §3); overdue past its deadline.
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS "NOTICES_OPEN",
              count(*) FILTER (WHERE n.deadline < ${today})::int AS "NOTICES_OVERDUE",
              greatest(0, max(${today} - n.deadline))::int AS "noticeMaxDaysLate"
       FROM "RectificationNotice" n JOIN "Building" b ON b.id = n."buildingId"
       WHERE EXISTS (
         SELECT 1 FROM "RectificationItem" i WHERE i."noticeId" = n.id AND NOT EXISTS (
           SELECT 1 FROM "RectificationResponse" r JOIN "RectificationVerification" v ON v."responseId" = r.id
           WHERE r."itemId" = i.id AND v.decision = 'VERIFIED'))
       GROUP BY 1`,
    ),
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS "SUSPENDED"
       FROM "Suspension" s JOIN "Building" b ON b.id = s."buildingId"
       WHERE NOT EXISTS (SELECT 1 FROM "ResumeOrder" r WHERE r."suspensionId" = s.id) GROUP BY 1`,
    ),
    // Accepted, not filed, and past the last day to file.
    perProject(
      `SELECT b."projectId"::text AS "projectId", count(*)::int AS "FILING_OVERDUE"
       FROM "Building" b
       WHERE b."completedOn" IS NOT NULL AND b."completedOn" + $1::int < ${today}
         AND NOT EXISTS (SELECT 1 FROM "CompletionFiling" f WHERE f."buildingId" = b.id)
       GROUP BY 1`,
      filingDays,
    ),
    // Open claims with no visit, repair or refusal since filing (or the last reopening), past the response time.
    perProject(
      `SELECT "projectId", count(*)::int AS "CLAIMS_OVERDUE" FROM (
         SELECT b."projectId"::text AS "projectId", c.id, c.emergency,
                coalesce((SELECT max(s.at) FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind = 'REOPENED'), c."filedAt") AS clock
         FROM "WarrantyClaim" c JOIN "Building" b ON b.id = c."buildingId"
         WHERE NOT EXISTS (SELECT 1 FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind IN ('CONFIRMED', 'DECLINED'))) c
       WHERE NOT EXISTS (SELECT 1 FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind IN ('VISIT_SCHEDULED', 'REPAIRED', 'DECLINED') AND s.at >= c.clock)
         AND c.clock + make_interval(hours => CASE WHEN c.emergency THEN $1::int ELSE $2::int END) < now()
       GROUP BY 1`,
      claimResponseHours.emergency,
      claimResponseHours.normal,
    ),
  ]);
  const projects = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM "Project"`);
  const out = new Map<string, ProjectSignals>();
  for (const { id } of projects) {
    out.set(id, { buildings: 0, noticeMaxDaysLate: 0, ...(Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Record<Signal, number>) });
  }
  for (const rows of parts) {
    for (const { projectId, ...counts } of rows) Object.assign(out.get(projectId)!, counts);
  }
  return out;
}
