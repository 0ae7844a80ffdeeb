import type { Db } from '@/server/db/client';
import { nextChainCheckDue, runChainChecks, startChainCheckRun } from './chain-checks';

/** How often each app instance asks whether a pass is due. */
const POLL_MS = 60_000;

/** Whether a scheduled pass is due at `now` (never when the schedule is off). */
export async function chainCheckDue(db: Db, everyHours: number, now = new Date()): Promise<boolean> {
  const due = await nextChainCheckDue(db, everyHours, now);
  return due !== null && due.getTime() <= now.getTime();
}

/** One tick of the schedule: starts and runs a pass when one is due and none is under way. */
export async function scheduledChainCheck(db: Db, everyHours: number): Promise<'ran' | 'not-due' | 'under-way'> {
  if (!(await chainCheckDue(db, everyHours))) return 'not-due';
  const run = await startChainCheckRun(db, 'SCHEDULE');
  if (!run) return 'under-way';
  await runChainChecks(db, run.id);
  return 'ran';
}

/**
 * Starts the schedule in this server process (instrumentation.ts): every minute, a pass if one
 * is due. Several instances may poll: the database lets one pass run at a time.
 */
export function startChainCheckSchedule(db: Db, everyHours: number): () => void {
  if (everyHours <= 0) return () => {};
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      await scheduledChainCheck(db, everyHours);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', event: 'ledger.chain_check_failed', message: (error as Error).message }));
    } finally {
      ticking = false;
    }
  };
  // Not at once: the first requests of a fresh start come first
  const first = setTimeout(tick, 15_000);
  const timer = setInterval(tick, POLL_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
