import type pg from 'pg';
import { canonicalJson } from '@/server/ledger/canonical';
import { chainHash, ZERO_HASH } from '@/server/ledger/chain';
import type { LedgerEventInput } from '@/server/ledger/event';

/** What an `inspection.recorded` event of a benchmark carries besides its header. */
export type BenchEventBody = Required<Pick<LedgerEventInput, 'subjects' | 'files' | 'data'>>;

/**
 * Writes a sound chain of `count` events fast: correct hashes, 5,000 rows per multi-row INSERT,
 * one event a minute from 2026-01-01. `body` gives each event's subjects, files and data.
 */
export async function seedChain(pool: pg.Pool, buildingId: string, actorId: string, count: number, body: (seq: number) => BenchEventBody) {
  const actor = { id: actorId, name: '张工程师', role: 'SUPERVISION' };
  let previous = ZERO_HASH;
  for (let first = 1; first <= count; first += 5000) {
    const columns: [number[], string[], string[], string[]] = [[], [], [], []];
    for (let seq = first; seq < Math.min(first + 5000, count + 1); seq++) {
      const at = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
      const canonical = canonicalJson({ v: 1, seq, building: buildingId, type: 'inspection.recorded', actor, at, ...body(seq) });
      previous = chainHash(previous, canonical);
      columns[0].push(seq);
      columns[1].push(at);
      columns[2].push(canonical);
      columns[3].push(previous);
    }
    await pool.query(
      `INSERT INTO "LedgerEvent" ("buildingId", seq, type, "actorId", "occurredAt", canonical, hash)
       SELECT $1, seq, 'inspection.recorded', $2, at, canonical, hash
       FROM unnest($3::int[], $4::timestamp(3)[], $5::text[], $6::text[]) AS t(seq, at, canonical, hash)`,
      [buildingId, actorId, ...columns],
    );
  }
}
