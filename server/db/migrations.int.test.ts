import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, test } from 'vitest';
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from '@/server/db/migrations';
import { diffSchemas } from '@/server/db/schema-engine';
import { readCatalog } from '@/tests/integration/catalog';

const pattern = inject('databaseUrlPattern');

async function emptyDatabase(): Promise<string> {
  const name = `e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pattern.replace('{db}', 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return pattern.replace('{db}', name);
}

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  test('replaying every migration on an empty database gives exactly what schema.prisma describes', async () => {
    const migrated = await emptyDatabase();
    const applied = await applyMigrations(migrated);
    expect(applied).toEqual((await listMigrations()).map((m) => m.name));

    const fromSchema = await emptyDatabase();
    const schema = await readFile(path.resolve('prisma/schema.prisma'), 'utf8');
    await exec(fromSchema, await diffSchemas({ empty: true }, { datamodel: schema }, fromSchema));

    const [a, b] = await Promise.all([readCatalog(migrated), readCatalog(fromSchema)]);
    expect(a.enums).toEqual(b.enums);
    expect(a.columns).toEqual(b.columns);
    expect(a.constraints).toEqual(b.constraints);
    expect(a.indexes).toEqual(b.indexes);
    expect(a.columns.length).toBeGreaterThan(20);
    // What Prisma cannot express comes only from the hand-written part of the migrations.
    expect(b.handWritten).toEqual([]);
    expect(a.handWritten).toEqual(expect.arrayContaining(['trigger LedgerEvent LedgerEvent_immutable', 'function refuse_change']));
  });

  test('the last migration snapshot is the current schema.prisma (no change waits for a migration)', async () => {
    const last = (await listMigrations()).at(-1)!;
    const schema = await readFile(path.resolve('prisma/schema.prisma'), 'utf8');
    const snapshot = await readFile(last.schemaPath, 'utf8');
    const scratch = await emptyDatabase();
    expect(await diffSchemas({ datamodel: snapshot }, { datamodel: schema }, scratch)).toMatch(/^\s*-- This is an empty migration\.\s*$/);
  });

  test('a second run applies nothing and records each migration once, as Prisma does', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    expect(await applyMigrations(url)).toEqual([]);
    const { rows } = await exec(url, 'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"');
    const migrations = await listMigrations();
    expect(rows).toHaveLength(migrations.length);
    for (const m of migrations) {
      expect(rows).toContainEqual(expect.objectContaining({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 }));
    }
  });

  test('a migration edited after it was applied is refused, and nothing runs', async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const first = (await listMigrations(dir))[0]!;
    await writeFile(path.join(dir, first.name, 'migration.sql'), first.sql + '\n-- edited\n');
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/changed after it was applied/);
  });

  test('a failing migration rolls back whole and is not recorded', async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, '99990101000000_broken');
    await import('node:fs/promises').then((fs) => fs.mkdir(broken));
    await writeFile(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" (id int);\nSELECT no_such_function();\n');
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/99990101000000_broken failed/);
    const tables = await exec(url, `SELECT to_regclass('public."Half"') AS t`);
    expect(tables.rows[0].t).toBeNull();
    const recorded = await exec(url, `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`);
    expect(recorded.rows[0].n).toBe(0);
  });
});
