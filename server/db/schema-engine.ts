import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Prisma's own schema engine, in its WebAssembly build, used to turn
 * schema.prisma into SQL: the native engine that `prisma migrate` downloads
 * cannot be fetched on these machines (docs/decisions/001-migrations-offline.md).
 * The engine needs a reachable database even to diff two datamodels.
 */
type SchemaEngine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

const require = createRequire(import.meta.url);

async function loadEngineModule() {
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = bindingsPath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
  const bindings = await import(bindingsPath);
  // The package imports its .wasm as an ES module, which Node 20 only does behind a flag.
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bindings as { SchemaEngine: { new: (options: unknown, log: (s: string) => void, adapter: object) => Promise<SchemaEngine> } };
}

let engineModule: ReturnType<typeof loadEngineModule> | undefined;

/** A schema to diff: nothing (an empty database) or a datamodel (schema.prisma text). */
export type SchemaSource = { empty: true } | { datamodel: string };

/**
 * SQL that takes a database from `from` to `to`. `scratchUrl` is any
 * reachable PostgreSQL database: the engine insists on a connection but
 * writes nothing to it. (Introspecting a live database through the WASM
 * engine fails on PostgreSQL 18's catalogs, so drift is checked by comparing
 * catalogs instead: server/db/catalog.ts.)
 */
export async function diffSchemas(from: SchemaSource, to: SchemaSource, scratchUrl: string): Promise<string> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: scratchUrl }));
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  const target = (source: SchemaSource) =>
    'empty' in source
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: source.datamodel }] };
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/** What the engine prints for a diff with nothing in it. */
export const EMPTY_MIGRATION = /^\s*-- This is an empty migration\.\s*$/;
