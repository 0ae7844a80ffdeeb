import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { DomainError } from '@/server/errors';
import { Prisma } from '@/server/generated/prisma/client';
import { verifyChain } from '@/server/ledger/verify';
import type { AcknowledgeChainAlertInput } from './schemas';

/**
 * The app's verification of building ledgers (issue 8; docs/decisions/015): every check, on
 * demand or in a pass over all buildings, goes through `checkChain`, which stores the verdict as
 * the building's ChainState and raises (or clears) its ChainAlert. One place decides what a
 * check records.
 */

/** A verdict this recent, on a chain that has not grown since, is shown without verifying again. */
export const CHAIN_STATE_MAX_AGE_MS = 5 * 60_000;
/** A pass whose heartbeat is this old died with its process (a live one saves it every second): the next pass to start abandons it. */
export const RUN_STALE_AFTER_MS = 10 * 60_000;
/** Buildings read per page by a pass. */
const PASS_PAGE = 200;
/** How often a pass saves its progress (and heartbeat): what the ADMIN page shows while it runs. */
const PROGRESS_EVERY_MS = 1000;

export type ChainStateView =
  | { ok: true; length: number; head: string; checkedAt: Date }
  | { ok: false; length: number; brokenAt: number; reason: string; checkedAt: Date };

/** Verifies the building's chain now and records the verdict. `runId`: the pass doing it. */
export async function checkChain(db: Db, buildingId: string, options: { runId?: string } = {}): Promise<ChainStateView> {
  const verdict = await verifyChain(db, buildingId);
  const checkedAt = new Date();
  const state: ChainStateView = verdict.ok
    ? { ok: true, length: verdict.count, head: verdict.head, checkedAt }
    : { ok: false, length: verdict.count, brokenAt: verdict.brokenAt, reason: verdict.reason, checkedAt };
  const brokenAt = state.ok ? null : state.brokenAt;
  const reason = state.ok ? null : state.reason;
  // One statement each way (atomic, one round trip): the verdict, and the alert it raises or clears
  const stateWritten = Prisma.sql`
    INSERT INTO "ChainState" ("buildingId", "checkedAt", ok, length, head, "brokenAt", reason)
    VALUES (${buildingId}::uuid, ${checkedAt}, ${state.ok}, ${state.length}, ${state.ok ? state.head : null}, ${brokenAt}, ${reason})
    ON CONFLICT ("buildingId") DO UPDATE SET "checkedAt" = excluded."checkedAt", ok = excluded.ok, length = excluded.length,
      head = excluded.head, "brokenAt" = excluded."brokenAt", reason = excluded.reason`;
  if (state.ok) {
    // Whole again (restored from a backup): the open alert, if any, is cleared
    await db.$executeRaw`WITH state AS (${stateWritten})
      UPDATE "ChainAlert" SET "clearedAt" = ${checkedAt} WHERE "buildingId" = ${buildingId}::uuid AND "clearedAt" IS NULL`;
    return state;
  }
  const raised = await db.$executeRaw`WITH state AS (${stateWritten})
    INSERT INTO "ChainAlert" (id, "buildingId", "runId", "brokenAt", reason)
    VALUES (gen_random_uuid(), ${buildingId}::uuid, ${options.runId ?? null}::uuid, ${brokenAt}, ${reason})
    ON CONFLICT ("buildingId") WHERE "clearedAt" IS NULL DO NOTHING`;
  // The operator's logs carry it too, once per break (later checks find the alert open)
  if (raised > 0) console.error(JSON.stringify({ level: 'error', event: 'ledger.chain_broken', buildingId, brokenAt, reason }));
  return state;
}

/** Checks under way in this process, by building: a burst of views of one page verifies once. */
const checksUnderWay = new Map<string, Promise<ChainStateView>>();

/**
 * The chain's state for a page: the last verdict when it is younger than `maxAgeMs` and the
 * chain has not grown since; otherwise a check now. A broken verdict is always checked again
 * (a restore shows at once).
 */
export async function currentChainState(db: Db, buildingId: string, options: { maxAgeMs?: number } = {}): Promise<ChainStateView> {
  const maxAgeMs = options.maxAgeMs ?? CHAIN_STATE_MAX_AGE_MS;
  if (maxAgeMs > 0) {
    const [cached] = await db.$queryRaw<{ ok: boolean; length: number; head: string | null; checkedAt: Date; last: number }[]>`
      SELECT s.ok, s.length, s.head, s."checkedAt",
        coalesce((SELECT max(seq) FROM "LedgerEvent" e WHERE e."buildingId" = s."buildingId"), 0) AS last
      FROM "ChainState" s WHERE s."buildingId" = ${buildingId}::uuid`;
    if (cached?.ok && cached.head !== null && cached.last === cached.length && Date.now() - cached.checkedAt.getTime() < maxAgeMs) {
      return { ok: true, length: cached.length, head: cached.head, checkedAt: cached.checkedAt };
    }
  }
  const underWay = checksUnderWay.get(buildingId);
  if (underWay) return underWay;
  const check = checkChain(db, buildingId).finally(() => checksUnderWay.delete(buildingId));
  checksUnderWay.set(buildingId, check);
  return check;
}

/** A check now on the building page's request, by anyone who may view the building. */
export async function recheckBuildingChain(db: Db, actor: Actor, buildingId: string): Promise<ChainStateView> {
  authorize(actor, 'building.view', await buildingSubject(db, actor, buildingId));
  return currentChainState(db, buildingId, { maxAgeMs: 0 });
}

/**
 * Starts a pass over every building unless one is under way (then null). A pass whose process
 * died (no heartbeat for RUN_STALE_AFTER_MS) is marked abandoned first.
 */
export async function startChainCheckRun(db: Db, trigger: 'SCHEDULE' | 'ADMIN', requestedById?: string): Promise<{ id: string } | null> {
  await db.$executeRaw`
    UPDATE "ChainCheckRun" SET "finishedAt" = now(), error = 'abandoned: no progress since ' || to_char("heartbeatAt", 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    WHERE "finishedAt" IS NULL AND "heartbeatAt" < now() - make_interval(secs => ${RUN_STALE_AFTER_MS / 1000})`;
  try {
    return await db.chainCheckRun.create({
      data: { trigger, requestedById: requestedById ?? null, total: await db.building.count() },
      select: { id: true },
    });
  } catch (error) {
    // The partial unique index: another pass is unfinished
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Runs a started pass to its end: every building in id order, its progress saved every second. */
export async function runChainChecks(db: Db, runId: string): Promise<void> {
  let after: string | undefined;
  const progress = { checked: 0, events: 0, broken: 0 };
  let savedAt = Date.now();
  const saveProgress = async (finished = false) => {
    await db.chainCheckRun.update({ where: { id: runId }, data: { ...progress, heartbeatAt: new Date(), ...(finished ? { finishedAt: new Date() } : {}) } });
    savedAt = Date.now();
  };
  try {
    for (;;) {
      const page = await db.building.findMany({
        where: after ? { id: { gt: after } } : {},
        orderBy: { id: 'asc' },
        take: PASS_PAGE,
        select: { id: true },
      });
      for (const { id } of page) {
        const state = await checkChain(db, id, { runId });
        progress.checked++;
        progress.events += state.length;
        progress.broken += state.ok ? 0 : 1;
        if (Date.now() - savedAt >= PROGRESS_EVERY_MS) await saveProgress();
      }
      if (page.length < PASS_PAGE) break;
      after = page.at(-1)!.id;
    }
    await saveProgress(true);
  } catch (error) {
    await db.chainCheckRun
      .update({ where: { id: runId }, data: { ...progress, finishedAt: new Date(), error: (error as Error).message.slice(0, 500) } })
      .catch(() => {});
    throw error;
  }
}

/**
 * When the next scheduled pass is due: `everyHours` after the start of the last pass that did not
 * fail (an ADMIN's counts: it checked the same buildings), now if there is none; null when the
 * schedule is off. Kept in the database, so a restart or another instance sees the same answer.
 */
export async function nextChainCheckDue(db: Db, everyHours: number, now = new Date()): Promise<Date | null> {
  if (everyHours <= 0) return null;
  const last = await db.chainCheckRun.findFirst({ where: { error: null }, orderBy: { startedAt: 'desc' }, select: { startedAt: true } });
  return last ? new Date(last.startedAt.getTime() + everyHours * 3_600_000) : now;
}

/** An ADMIN starts a pass now; it runs on after the answer. */
export async function requestChainCheckRun(db: Db, actor: Actor): Promise<{ id: string }> {
  authorize(actor, 'chain.monitor');
  const run = await startChainCheckRun(db, 'ADMIN', actor.userId);
  if (!run) throw new DomainError('CHAIN_CHECK_RUNNING');
  void runChainChecks(db, run.id).catch((error: Error) =>
    console.error(JSON.stringify({ level: 'error', event: 'ledger.chain_check_failed', runId: run.id, message: error.message })),
  );
  return run;
}

/** An ADMIN records what was done about an alert (restored from a backup, reported to …). */
export async function acknowledgeChainAlert(db: Db, actor: Actor, input: AcknowledgeChainAlertInput): Promise<void> {
  authorize(actor, 'chain.monitor');
  const { count } = await db.chainAlert.updateMany({
    where: { id: input.alertId, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedById: actor.userId, acknowledgement: input.note },
  });
  if (count === 0) {
    const exists = await db.chainAlert.findUnique({ where: { id: input.alertId }, select: { id: true } });
    throw new DomainError(exists ? 'ALERT_ALREADY_ACKNOWLEDGED' : 'NOT_FOUND');
  }
}

/** What the ADMIN page shows: the schedule, recent passes, and the alerts (open first). */
export async function chainCheckOverview(db: Db, actor: Actor, schedule: { everyHours: number }) {
  authorize(actor, 'chain.monitor');
  const [runs, alerts, buildings, checked] = await Promise.all([
    db.chainCheckRun.findMany({
      orderBy: { startedAt: 'desc' },
      take: 20,
      select: {
        id: true, trigger: true, startedAt: true, finishedAt: true, total: true, checked: true, events: true, broken: true, error: true,
        requestedBy: { select: { name: true } },
      },
    }),
    db.chainAlert.findMany({
      orderBy: [{ clearedAt: { sort: 'desc', nulls: 'first' } }, { raisedAt: 'desc' }],
      take: 100,
      select: {
        id: true, raisedAt: true, runId: true, brokenAt: true, reason: true, acknowledgedAt: true, acknowledgement: true, clearedAt: true,
        acknowledgedBy: { select: { name: true } },
        building: { select: { id: true, code: true, name: true, project: { select: { name: true } } } },
      },
    }),
    db.building.count(),
    db.chainState.count(),
  ]);
  const nextDue = await nextChainCheckDue(db, schedule.everyHours);
  return { schedule: { everyHours: schedule.everyHours, nextDue }, runs, alerts, buildings, neverChecked: buildings - checked };
}

/** How many alerts no ADMIN has acknowledged yet: the banner of every ADMIN page. */
export async function unacknowledgedChainAlerts(db: Db, actor: Actor): Promise<number> {
  if (!can(actor, 'chain.monitor', { kind: 'none' })) return 0;
  return db.chainAlert.count({ where: { acknowledgedAt: null, clearedAt: null } });
}
