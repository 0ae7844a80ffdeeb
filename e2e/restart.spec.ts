import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request, test, type APIRequestContext } from '@playwright/test';

/**
 * Start, write, stop, start again: the data is there. Runs a second app as
 * `npm start` does (its own data dir and port), next to the suite's server;
 * the production build made for the suite is reused.
 */
const PORT = 3199;
const base = `http://127.0.0.1:${PORT}`;

function start(dataDir: string): Promise<ChildProcess> {
  const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[buildledger] ready at')) resolve(app);
    };
    app.stdout!.on('data', onData);
    app.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    app.once('exit', (code) => reject(new Error(`app exited (${code}) before it was ready:\n${output}`)));
  });
}

function stop(app: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    app.once('exit', (code) => resolve(code));
    app.kill('SIGTERM');
  });
}

async function signIn(login: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const { csrfToken } = await (await api.get('/api/auth/csrf')).json();
  const res = await api.post('/api/auth/callback/credentials', { form: { csrfToken, login, password }, maxRedirects: 0 });
  expect(res.status()).toBe(302);
  expect(res.headers()['location']).not.toContain('error');
  return api;
}

const trpc = {
  mutation: (api: APIRequestContext, name: string, input: unknown) => api.post(`/api/trpc/${name}`, { data: { json: input } }),
  query: async (api: APIRequestContext, name: string) => (await (await api.get(`/api/trpc/${name}`)).json()).result.data.json,
};

test('data written before a stop is there after the next start, and the database stops cleanly', async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'buildledger-restart-'));
  try {
    let app = await start(dataDir);
    let api = await signIn('admin', 'BuildLedger2026');
    const org = { name: '重启测试建设有限公司', creditCode: '91350100M000100Y43', kind: 'ENTERPRISE', regionCodes: [] };
    expect((await trpc.mutation(api, 'orgs.create', org)).status()).toBe(200);
    await api.dispose();

    expect(await stop(app)).toBe(0);
    // PostgreSQL removes its pid file only on a clean shutdown.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    app = await start(dataDir);
    api = await signIn('admin', 'BuildLedger2026');
    const orgs = (await trpc.query(api, 'orgs.list')) as { creditCode: string }[];
    expect(orgs.map((o) => o.creditCode)).toContain(org.creditCode);
    // The demo seed ran once only: one admin account, not two.
    const users = (await trpc.query(api, 'users.list')) as { login: string }[];
    expect(users.filter((u) => u.login === 'admin')).toHaveLength(1);
    await api.dispose();
    expect(await stop(app)).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
