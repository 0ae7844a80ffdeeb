/** Runs once when a Next.js server instance starts (Next's instrumentation hook). */
export async function register() {
  // The Node.js server only: the schedule needs the database
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ db }, { env }, { startChainCheckSchedule }] = await Promise.all([
    import('@/server/db/client'),
    import('@/server/env'),
    import('@/server/archive/chain-schedule'),
  ]);
  startChainCheckSchedule(db, env.CHAIN_CHECK_EVERY_HOURS);
}
