import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';

export const TEMPLATE_DB = 'bl_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test cluster's maintenance database; `{db}` is replaced per file. */
    databaseUrlPattern: string;
  }
}

/**
 * One real PostgreSQL for the whole integration run: migrations are applied
 * once to a template database, and each test file gets a copy of it
 * (tests/integration/database.ts), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const dataDir = path.join(os.tmpdir(), `buildledger-test-${process.pid}-${Date.now()}`);
  const pg = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DB });
  await applyMigrations(pg.url(TEMPLATE_DB));
  project.provide('databaseUrlPattern', pg.url('{db}'));
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
