import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { TEMPLATE_DB } from './global-setup';

/**
 * Runs before each integration test file: copies the migrated template into a
 * fresh database and points DATABASE_URL (and so the app's one db client) at it.
 */
const pattern = inject('databaseUrlPattern');
const name = `t_${randomBytes(6).toString('hex')}`;

const admin = new pg.Client({ connectionString: pattern.replace('{db}', 'postgres') });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
await admin.end();

process.env.DATABASE_URL = pattern.replace('{db}', name);
// The client is cached on globalThis; a previous file in this worker must not leak its connection.
(globalThis as { prisma?: unknown }).prisma = undefined;

afterAll(async () => {
  const client = (globalThis as { prisma?: { $disconnect(): Promise<void> } }).prisma;
  await client?.$disconnect();
  (globalThis as { prisma?: unknown }).prisma = undefined;
});
