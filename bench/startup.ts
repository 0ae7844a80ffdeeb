import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './result';

const root = path.resolve(import.meta.dirname, '..');

/** Runs `npm start`'s script and resolves with the seconds until it reports healthy. */
function startApp(dataDir: string, port: number): Promise<{ app: ChildProcess; seconds: number }> {
  const started = performance.now();
  const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    app.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[buildledger] ready at')) resolve({ app, seconds: (performance.now() - started) / 1000 });
    });
    app.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.once('exit', (code) => reject(new Error(`start exited (${code}):\n${output.slice(-2000)}`)));
  });
}

const stopApp = (app: ChildProcess) =>
  new Promise<void>((resolve) => {
    app.once('exit', () => resolve());
    app.kill('SIGTERM');
  });

/**
 * First start after install: production build + everything below.
 * Cold start: an empty data dir (initdb, migrations, demo seed, keys) to a
 * healthy /api/health, with the build already made; warm: the same data dir again.
 */
export async function startupBenchmarks(): Promise<BenchResult[]> {
  const port = 3190;
  const first = mkdtempSync(path.join(os.tmpdir(), 'bench-start-first-'));
  let firstStart: number;
  try {
    rmSync(path.join(root, '.next', 'buildledger-source'), { force: true }); // forces the build
    const run = await startApp(first, port);
    firstStart = run.seconds;
    await stopApp(run.app);
  } finally {
    rmSync(first, { recursive: true, force: true });
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  try {
    const cold = await startApp(dataDir, port);
    await stopApp(cold.app);
    const warm = await startApp(dataDir, port);
    await stopApp(warm.app);
    return [
      { name: 'start.first_with_build_to_healthy_s', value: round(firstStart), unit: 's' },
      { name: 'start.cold_to_healthy_s', value: round(cold.seconds), unit: 's' },
      { name: 'start.warm_to_healthy_s', value: round(warm.seconds), unit: 's' },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
