import type { DbOrTx } from '@/server/db/client';
import { activeSuspensions, coveringSuspension, type ActiveSuspension } from '@/server/suspensions/gate';
import { failedMaterialsByRecord, type FailedMaterial } from './record-materials';

/**
 * Where each 检验批 stands, from its records and reviews (nothing stored twice):
 * OPEN (no record yet), SUBMITTED (awaiting the 监理), REJECTED (rework due), ACCEPTED; and
 * which predecessors, not yet accepted, block it (process gating, acceptance-gb50300.md §8).
 */
export type LotStatus = 'OPEN' | 'SUBMITTED' | 'REJECTED' | 'ACCEPTED';
export type BlockReason = 'NOT_ACCEPTED' | 'CONCEALED_NOT_ACCEPTED' | 'SIDE_STATION_UNSIGNED';

export interface LotState {
  lotId: string;
  subdivisionCode: string;
  status: LotStatus;
  /**
   * What would hold a successor back — and a 分部验收 too (§8: acceptance needs every lot accepted,
   * its concealed work accepted and its 旁站 signed); null when the lot is complete.
   */
  incomplete: BlockReason | null;
  /** The record that counts now (the latest, not superseded) */
  currentRecordId: string | null;
  /**
   * Predecessors that hold it back: not accepted yet, their concealed work not accepted before
   * covering (§5), or a 旁站记录 of theirs not signed by both sides (§6).
   */
  blockedBy: { id: string; name: string; location: string; reason: BlockReason }[];
  /**
   * 使用了不合格材料: failed samples of the batches its current record (submitted or accepted) used;
   * the records stay as signed, the lot is flagged (docs/decisions/008).
   */
  failedMaterials: FailedMaterial[];
  /** The active 局部暂停施工/工程暂停令 whose scope covers its 子分部: no new record until 复工 (supervision.md §4) */
  suspendedBy: ActiveSuspension | null;
}

/** One row per lot, as lotStates reads it: its state inputs and its display facts. */
interface LotRow {
  id: string;
  subdivisionCode: string;
  itemCode: string;
  itemName: string;
  name: string;
  location: string;
  capacity: number;
  capacityUnit: string;
  recordId: string | null;
  decision: 'ACCEPTED' | 'REJECTED' | null;
  /** Its latest concealed work: none, not reviewed (PENDING), or the decision */
  concealed: 'NONE' | 'PENDING' | 'ACCEPTED' | 'REJECTED';
  unsignedSideStation: boolean;
}

/**
 * The state of the building's lots (all, or those named). One statement reads the lots (and the
 * named lots' predecessors) with their current record, review, latest concealed work and unsigned
 * 旁站; one more reads the order, one the failed batches records used. A building of 10,000 lots is
 * three statements in parallel (bench: inspections).
 */
export async function lotStates(db: DbOrTx, buildingId: string, lotIds?: string[]): Promise<LotState[]> {
  return (await readLots(db, buildingId, lotIds)).states;
}

async function readLots(db: DbOrTx, buildingId: string, lotIds?: string[]) {
  const named = lotIds ?? null;
  const [rows, dependencies, failedByRecord, suspensions] = await Promise.all([
    db.$queryRaw<LotRow[]>`
      SELECT l.id::text, l."subdivisionCode", l."itemCode", l."itemName", l.name, l.location, l.capacity, l."capacityUnit", r.id::text AS "recordId", v.decision::text AS decision,
             COALESCE((SELECT COALESCE(a.decision::text, 'PENDING') FROM "ConcealedWork" c
                       LEFT JOIN "ConcealedAcceptance" a ON a."concealedWorkId" = c.id
                       WHERE c."lotId" = l.id ORDER BY c."notifiedAt" DESC LIMIT 1), 'NONE') AS concealed,
             EXISTS (SELECT 1 FROM "SideStationRecord" s
                     WHERE s."lotId" = l.id AND NOT EXISTS (SELECT 1 FROM "SideStationConfirmation" f WHERE f."recordId" = s.id)) AS "unsignedSideStation"
      FROM "InspectionLot" l
      LEFT JOIN "InspectionRecord" r ON r."lotId" = l.id AND NOT EXISTS (SELECT 1 FROM "InspectionRecord" n WHERE n."supersedesId" = r.id)
      LEFT JOIN "InspectionReview" v ON v."recordId" = r.id
      WHERE l."buildingId" = ${buildingId}::uuid
        AND (${named}::uuid[] IS NULL OR l.id = ANY(${named}::uuid[])
             OR l.id IN (SELECT "predecessorId" FROM "LotDependency" WHERE "lotId" = ANY(${named}::uuid[])))
      ORDER BY l."subdivisionCode", l."itemCode", l."createdAt", l.id`,
    db.$queryRaw<{ lotId: string; predecessorId: string }[]>`
      SELECT d."lotId"::text, d."predecessorId"::text FROM "LotDependency" d JOIN "InspectionLot" l ON l.id = d."lotId"
      WHERE l."buildingId" = ${buildingId}::uuid AND (${named}::uuid[] IS NULL OR d."lotId" = ANY(${named}::uuid[]))`,
    failedMaterialsByRecord(db, buildingId),
    activeSuspensions(db, buildingId),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const statusOf = (row: LotRow): LotStatus => (!row.recordId ? 'OPEN' : !row.decision ? 'SUBMITTED' : row.decision === 'ACCEPTED' ? 'ACCEPTED' : 'REJECTED');
  // The latest concealed-work record of a lot decides: a refused one is recorded again.
  const blockReason = (row: LotRow): BlockReason | null => {
    if (statusOf(row) !== 'ACCEPTED') return 'NOT_ACCEPTED';
    if (row.concealed !== 'NONE' && row.concealed !== 'ACCEPTED') return 'CONCEALED_NOT_ACCEPTED';
    if (row.unsignedSideStation) return 'SIDE_STATION_UNSIGNED';
    return null;
  };
  const predecessorsOf = new Map<string, string[]>();
  for (const d of dependencies) predecessorsOf.set(d.lotId, [...(predecessorsOf.get(d.lotId) ?? []), d.predecessorId]);
  const wanted = named ? named.filter((id) => byId.has(id)) : rows.map((r) => r.id);
  const states = wanted.map((id): LotState => {
    const row = byId.get(id)!;
    const status = statusOf(row);
    return {
      lotId: id,
      subdivisionCode: row.subdivisionCode,
      status,
      incomplete: blockReason(row),
      currentRecordId: row.recordId,
      blockedBy: (predecessorsOf.get(id) ?? []).flatMap((predecessorId) => {
        const predecessor = byId.get(predecessorId)!;
        const reason = blockReason(predecessor);
        return reason ? [{ id: predecessorId, name: predecessor.name, location: predecessor.location, reason }] : [];
      }),
      failedMaterials: row.recordId && status !== 'REJECTED' ? (failedByRecord.get(row.recordId) ?? []) : [],
      suspendedBy: suspensions.length > 0 ? coveringSuspension(suspensions, row.subdivisionCode) : null,
    };
  });
  return { rows, states, suspensions };
}

export type ShownStatus = LotStatus | 'BLOCKED' | 'SUSPENDED';
export type ProgressCounts = Record<ShownStatus, number>;
const zero = (): ProgressCounts => ({ OPEN: 0, SUBMITTED: 0, REJECTED: 0, ACCEPTED: 0, BLOCKED: 0, SUSPENDED: 0 });

/** A lot that would take a new record (open or rejected) under an active suspension shows 暂停施工; one predecessors hold back, BLOCKED. */
function shownStatus(state: LotState): ShownStatus {
  if (state.suspendedBy && (state.status === 'OPEN' || state.status === 'REJECTED')) return 'SUSPENDED';
  return state.status === 'OPEN' && state.blockedBy.length > 0 ? 'BLOCKED' : state.status;
}

/**
 * The building's progress by 分部 → 子分部 → 分项: counts per shown state, each lot with what
 * blocks it (the id of the order that suspends it: the orders themselves are listed once).
 */
export async function buildingProgressOf(db: DbOrTx, buildingId: string) {
  const { rows: all, states, suspensions } = await readLots(db, buildingId);
  const lots = all.map(({ id, subdivisionCode, itemCode, itemName, name, location, capacity, capacityUnit }) => ({ id, subdivisionCode, itemCode, itemName, name, location, capacity, capacityUnit }));
  const stateOf = new Map(states.map((s) => [s.lotId, s]));
  const total = zero();
  const divisions = new Map<string, { code: string; counts: ProgressCounts; subdivisions: Map<string, { code: string; counts: ProgressCounts; items: Map<string, { code: string; name: string; counts: ProgressCounts; lots: unknown[] }> }> }>();
  const rows = lots.map((lot) => {
    const state = stateOf.get(lot.id)!;
    return { ...lot, status: shownStatus(state), blockedBy: state.blockedBy, currentRecordId: state.currentRecordId, failedMaterials: state.failedMaterials, suspensionId: state.suspendedBy?.id ?? null };
  });
  for (const row of rows) {
    const divisionCode = row.subdivisionCode.slice(0, 2);
    let division = divisions.get(divisionCode);
    if (!division) divisions.set(divisionCode, (division = { code: divisionCode, counts: zero(), subdivisions: new Map() }));
    let subdivision = division.subdivisions.get(row.subdivisionCode);
    if (!subdivision) division.subdivisions.set(row.subdivisionCode, (subdivision = { code: row.subdivisionCode, counts: zero(), items: new Map() }));
    let item = subdivision.items.get(row.itemCode);
    if (!item) subdivision.items.set(row.itemCode, (item = { code: row.itemCode, name: row.itemName, counts: zero(), lots: [] }));
    for (const counts of [total, division.counts, subdivision.counts, item.counts]) counts[row.status]++;
    item.lots.push(row);
  }
  return {
    total,
    /** The active suspensions of the building, for the alert and the lots' 暂停施工 */
    suspensions,
    /** Lots whose current record used a batch that has since failed a sample */
    lotsOnFailedMaterial: rows.filter((r) => r.failedMaterials.length > 0).length,
    divisions: [...divisions.values()].map((d) => ({
      code: d.code,
      counts: d.counts,
      subdivisions: [...d.subdivisions.values()].map((s) => ({
        code: s.code,
        counts: s.counts,
        items: [...s.items.values()].map((i) => ({ code: i.code, name: i.name, counts: i.counts, lots: i.lots as typeof rows })),
      })),
    })),
  };
}
