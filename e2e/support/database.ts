import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * A connection to the embedded PostgreSQL of the server under test, found as anyone with access
 * to its data dir would find it (the cluster's password file, the port in postmaster.pid): for
 * tests that play an intruder changing rows behind the app's back.
 */
export async function serverDatabase(): Promise<pg.Client> {
  const dataDir = path.resolve(process.env.E2E_DATA_DIR || '.data-e2e');
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  // postmaster.pid: pid, data dir, start time, port, …
  const port = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'buildledger' });
  await client.connect();
  return client;
}
