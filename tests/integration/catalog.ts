import pg from 'pg';

/**
 * A normalized description of the `public` schema: what Prisma manages
 * (enums, tables, columns, keys, unique and foreign constraints, indexes) and,
 * listed apart, what only hand-written SQL adds (checks, triggers, functions).
 */
export interface Catalog {
  enums: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  handWritten: string[];
}

export async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lines = async (sql: string) => (await client.query<{ line: string }>(sql)).rows.map((r) => r.line);
  try {
    return {
      enums: await lines(`
        SELECT t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`),
      columns: await lines(`
        SELECT table_name || '.' || column_name || ' ' || udt_name || COALESCE('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
               || COALESCE(' DEFAULT ' || column_default, '') AS line
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`),
      constraints: await lines(`
        SELECT rel.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
        FROM pg_constraint c JOIN pg_class rel ON rel.oid = c.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
        WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f') AND rel.relname <> '_prisma_migrations' ORDER BY 1`),
      // Partial indexes (… WHERE …) are beyond schema.prisma: they count as hand-written.
      indexes: await lines(`
        SELECT indexdef AS line FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %' ORDER BY 1`),
      handWritten: await lines(`
        SELECT 'check ' || rel.relname || ' ' || c.conname AS line
          FROM pg_constraint c JOIN pg_class rel ON rel.oid = c.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
          WHERE n.nspname = 'public' AND c.contype = 'c'
        UNION ALL
        SELECT 'trigger ' || event_object_table || ' ' || trigger_name FROM information_schema.triggers
          WHERE trigger_schema = 'public'
        UNION ALL
        SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'partial index ' || indexname FROM pg_indexes
          WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %'
        ORDER BY 1`),
    };
  } finally {
    await client.end();
  }
}
