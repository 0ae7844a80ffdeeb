import type { DbOrTx } from '@/server/db/client';

/**
 * Where each 检验批 stands, from its records and reviews (nothing stored twice):
 * OPEN (no record yet), SUBMITTED (awaiting the 监理), REJECTED (rework due), ACCEPTED; and
 * which predecessors, not yet accepted, block it (process gating, acceptance-gb50300.md §8).
 */
export type LotStatus = 'OPEN' | 'SUBMITTED' | 'REJECTED' | 'ACCEPTED';
export type BlockReason = 'NOT_ACCEPTED' | 'CONCEALED_NOT_ACCEPTED' | 'SIDE_STATION_UNSIGNED';

export interface LotState {
  lotId: string;
  status: LotStatus;
  /** The record that counts now (the latest, not superseded) */
  currentRecordId: string | null;
  /**
   * Predecessors that hold it back: not accepted yet, their concealed work not accepted before
   * covering (§5), or a 旁站记录 of theirs not signed by both sides (§6).
   */
  blockedBy: { id: string; name: string; location: string; reason: BlockReason }[];
}

/** The state of the building's lots (all, or those named). */
export async function lotStates(db: DbOrTx, buildingId: string, lotIds?: string[]): Promise<LotState[]> {
  const lots = await db.inspectionLot.findMany({
    where: { buildingId, ...(lotIds ? { id: { in: lotIds } } : {}) },
    select: { id: true, predecessors: { select: { predecessorId: true } } },
  });
  const predecessorIds = [...new Set(lots.flatMap((l) => l.predecessors.map((p) => p.predecessorId)))];
  const relevant = [...new Set([...lots.map((l) => l.id), ...predecessorIds])];
  const [records, predecessorLots, concealed, sideStations] = await Promise.all([
    db.inspectionRecord.findMany({
      where: { lotId: { in: relevant }, supersededBy: null },
      select: { id: true, lotId: true, review: { select: { decision: true } } },
    }),
    db.inspectionLot.findMany({ where: { id: { in: predecessorIds } }, select: { id: true, name: true, location: true } }),
    db.concealedWork.findMany({ where: { lotId: { in: predecessorIds } }, orderBy: { notifiedAt: 'asc' }, select: { lotId: true, acceptance: { select: { decision: true } } } }),
    db.sideStationRecord.findMany({ where: { lotId: { in: predecessorIds }, confirmation: null }, select: { lotId: true } }),
  ]);
  // The latest concealed-work record of a lot decides: a refused one is recorded again.
  const latestConcealed = new Map(concealed.map((c) => [c.lotId, c.acceptance?.decision ?? null]));
  const unsignedSideStation = new Set(sideStations.map((s) => s.lotId));
  const blockReason = (predecessorId: string): BlockReason | null => {
    if (statusOf(predecessorId) !== 'ACCEPTED') return 'NOT_ACCEPTED';
    if (latestConcealed.has(predecessorId) && latestConcealed.get(predecessorId) !== 'ACCEPTED') return 'CONCEALED_NOT_ACCEPTED';
    if (unsignedSideStation.has(predecessorId)) return 'SIDE_STATION_UNSIGNED';
    return null;
  };
  const current = new Map(records.map((r) => [r.lotId, r]));
  const statusOf = (lotId: string): LotStatus => {
    const record = current.get(lotId);
    if (!record) return 'OPEN';
    if (!record.review) return 'SUBMITTED';
    return record.review.decision === 'ACCEPTED' ? 'ACCEPTED' : 'REJECTED';
  };
  const lotInfo = new Map(predecessorLots.map((l) => [l.id, l]));
  return lots.map((lot) => ({
    lotId: lot.id,
    status: statusOf(lot.id),
    currentRecordId: current.get(lot.id)?.id ?? null,
    blockedBy: lot.predecessors.flatMap((p) => {
      const reason = blockReason(p.predecessorId);
      return reason ? [{ ...lotInfo.get(p.predecessorId)!, reason }] : [];
    }),
  }));
}

export type ProgressCounts = Record<LotStatus | 'BLOCKED', number>;
const zero = (): ProgressCounts => ({ OPEN: 0, SUBMITTED: 0, REJECTED: 0, ACCEPTED: 0, BLOCKED: 0 });

/**
 * The building's progress by 分部 → 子分部 → 分项: counts per state (an open lot whose
 * predecessors are not accepted counts as BLOCKED), and each lot with what blocks it.
 */
export async function buildingProgressOf(db: DbOrTx, buildingId: string) {
  const [lots, states] = await Promise.all([
    db.inspectionLot.findMany({
      where: { buildingId },
      orderBy: [{ subdivisionCode: 'asc' }, { itemCode: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, subdivisionCode: true, itemCode: true, itemName: true, name: true, location: true, capacity: true, capacityUnit: true },
    }),
    lotStates(db, buildingId),
  ]);
  const stateOf = new Map(states.map((s) => [s.lotId, s]));
  const total = zero();
  const divisions = new Map<string, { code: string; counts: ProgressCounts; subdivisions: Map<string, { code: string; counts: ProgressCounts; items: Map<string, { code: string; name: string; counts: ProgressCounts; lots: unknown[] }> }> }>();
  const rows = lots.map((lot) => {
    const state = stateOf.get(lot.id)!;
    const shown: LotStatus | 'BLOCKED' = state.status === 'OPEN' && state.blockedBy.length > 0 ? 'BLOCKED' : state.status;
    return { ...lot, status: shown, blockedBy: state.blockedBy, currentRecordId: state.currentRecordId };
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
