/**
 * npm run bench (Contract 9): every benchmark against a real PostgreSQL
 * (DATABASE_URL, else a fresh embedded one), printed as a table and written
 * to bench-results.json as [{name, value, unit, baseline?}].
 * `npm run bench -- ledger`, `-- signing`, `-- inspections`, `-- dashboard`, `-- evidence`, `-- archive` or `-- startup` runs one group.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';
import pg from 'pg';
import type { BenchResult } from './result';

const only = process.argv.slice(2).find((a) => !a.startsWith('-'));
const results: BenchResult[] = [];

let embedded: EmbeddedDatabase | undefined;
let tmp: string | undefined;
if (!process.env.DATABASE_URL) {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'buildledger-bench-'));
  embedded = await startEmbeddedPostgres({ dataDir: tmp });
  process.env.DATABASE_URL = embedded.url();
}

try {
  await applyMigrations(process.env.DATABASE_URL!);
  if (!only || only === 'ledger') {
    const { db } = await import('@/server/db/client');
    const { ledgerBenchmarks } = await import('./ledger');
    results.push(...(await ledgerBenchmarks(db)));
    await db.$disconnect();
  }
  if (!only || only === 'signing') {
    process.env.DATA_DIR ??= path.join(tmp ?? os.tmpdir(), 'data');
    const { db } = await import('@/server/db/client');
    const { signingBenchmarks } = await import('./signing');
    results.push(...(await signingBenchmarks(db)));
    await db.$disconnect();
  }
  if (!only || only === 'inspections') {
    const { db } = await import('@/server/db/client');
    const { inspectionBenchmarks } = await import('./inspections');
    results.push(...(await inspectionBenchmarks(db)));
    await db.$disconnect();
  }
  if (!only || only === 'dashboard') {
    // A database of its own on the same server (a million rows and a jurisdiction no other group
    // may share), dropped afterwards.
    const server = process.env.DATABASE_URL!;
    const name = `bench_dashboard_${process.pid}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const cached = globalThis as { prisma?: unknown };
    try {
      await applyMigrations(url.toString());
      process.env.DATABASE_URL = url.toString();
      cached.prisma = undefined;
      const { db } = await import('@/server/db/client');
      const { dashboardBenchmarks } = await import('./dashboard');
      try {
        results.push(...(await dashboardBenchmarks(db)));
      } finally {
        await db.$disconnect();
      }
    } finally {
      cached.prisma = undefined;
      process.env.DATABASE_URL = server;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  if (!only || only === 'evidence') {
    const { evidenceBenchmarks } = await import('./evidence');
    results.push(...(await evidenceBenchmarks()));
  }
  if (!only || only === 'archive') {
    // Stored files go to a scratch dir, never the app's ./.data (env reads DATA_DIR once, at import)
    process.env.DATA_DIR ??= path.join(tmp ?? os.tmpdir(), 'data');
    const { db } = await import('@/server/db/client');
    const { archiveBenchmarks } = await import('./archive');
    results.push(...(await archiveBenchmarks(db)));
    await db.$disconnect();
  }
  if (!only || only === 'startup') {
    const { startupBenchmarks } = await import('./startup');
    results.push(...(await startupBenchmarks()));
  }
} finally {
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit`);
for (const r of results) {
  const base = r.baseline ? `   (baseline ${r.baseline.name} = ${r.baseline.value} ${r.baseline.unit})` : '';
  console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit}${base}`);
}
writeFileSync('bench-results.json', JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten to bench-results.json');
