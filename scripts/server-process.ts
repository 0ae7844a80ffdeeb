/**
 * Environment of the process that serves the app (`npm start` gives it to `next start`), and of
 * the benchmark that measures the archive export in a process of its own.
 *
 * MALLOC_ARENA_MAX: glibc gives each thread that allocates its own malloc arena, and memory freed
 * in an arena mostly stays resident. An export reads thousands of stored files and deflates on
 * libuv's worker threads; with the default (8 × cores arenas) its peak RSS measured ~35 MB higher
 * than with 2, for no difference in speed (docs/decisions/012-archive-export.md). Read by glibc at
 * process start, so it is set for the child, not here. An operator's own value wins.
 */
export const SERVER_PROCESS_ENV: Record<string, string> = {
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
};
