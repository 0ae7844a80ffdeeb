import type { Actor } from '@/server/authz/actor';
import type { DbOrTx } from '@/server/db/client';
import { photosOfRecords } from '@/server/evidence/service';
import { lotStates } from '@/server/inspections/progress';
import type { WarrantyCategory } from './terms';

/**
 * The construction evidence behind a warranty category: the accepted 检验批 of the 分部/子分部 that
 * built it, with their self-check and concealed-works photos — for a leaking bathroom, the accepted
 * waterproofing lots and the photos taken before they were covered.
 */

/** GB 50300 分部 (DD) and 子分部 (DDSS) codes of each category's work (acceptance-gb50300.md §2). */
export const CATEGORY_SCOPE: Record<WarrantyCategory, string[]> = {
  FOUNDATION_STRUCTURE: ['01', '02'],
  // 地下防水, 建筑地面 (its 厕浴间防水隔离层, GB 50209), 外墙防水, 屋面防水与密封
  WATERPROOFING: ['0107', '0301', '0303', '0403'],
  // 室内供暖系统, 室外供热管网, 热源及辅助设备, 通风与空调
  HEATING_COOLING: ['0505', '0508', '0513', '06'],
  // 给水排水, 建筑电气
  MEP_INSTALLATION: ['0501', '0502', '0503', '0504', '07'],
  DECORATION: ['03'],
  OTHER: [],
};

/** Record types whose photos are construction evidence a homeowner of the building may see (no personal data). */
const CONSTRUCTION_EVIDENCE = ['InspectionRecord', 'InspectionReview', 'ConcealedWork', 'ConcealedAcceptance'];

export async function constructionEvidence(db: DbOrTx, buildingId: string, category: WarrantyCategory) {
  const scope = CATEGORY_SCOPE[category];
  if (scope.length === 0) return [];
  const accepted = (await lotStates(db, buildingId)).filter((l) => l.status === 'ACCEPTED' && scope.some((code) => l.subdivisionCode.startsWith(code)) && l.currentRecordId);
  const lots = await db.inspectionLot.findMany({
    where: { id: { in: accepted.map((l) => l.lotId) } },
    select: { id: true, name: true, location: true, itemName: true, subdivisionCode: true, concealedWorks: { select: { id: true, acceptance: { select: { id: true, decision: true } } } } },
    orderBy: [{ subdivisionCode: 'asc' }, { createdAt: 'asc' }],
    take: 30,
  });
  const recordOf = new Map(accepted.map((l) => [l.lotId, l.currentRecordId!]));
  const photosOf = await photosOfRecords(db, [
    ...lots.map((l) => ({ type: 'InspectionRecord', id: recordOf.get(l.id)! })),
    ...lots.flatMap((l) => l.concealedWorks.map((c) => ({ type: 'ConcealedWork', id: c.id }))),
  ]);
  return lots.map((lot) => ({
    lotId: lot.id,
    name: lot.name,
    location: lot.location,
    itemName: lot.itemName,
    subdivisionCode: lot.subdivisionCode,
    selfCheckPhotos: photosOf('InspectionRecord', recordOf.get(lot.id)!).map((p) => p.id),
    concealedPhotos: lot.concealedWorks.filter((c) => c.acceptance?.decision === 'ACCEPTED').flatMap((c) => photosOf('ConcealedWork', c.id).map((p) => p.id)),
  }));
}

/** A homeowner may see a photo of their building they took, one of construction evidence, or one of their own units' claims. */
export async function homeownerMaySeePhoto(db: DbOrTx, actor: Actor, photo: { id: string; uploadedById: string }) {
  if (photo.uploadedById === actor.userId) return true;
  const uses = await db.recordPhoto.findMany({ where: { photoId: photo.id }, select: { recordType: true, recordId: true } });
  if (uses.some((u) => CONSTRUCTION_EVIDENCE.includes(u.recordType))) return true;
  const claimIds = uses.filter((u) => u.recordType === 'WarrantyClaim').map((u) => u.recordId);
  const stepIds = uses.filter((u) => u.recordType === 'WarrantyClaimStep').map((u) => u.recordId);
  if (claimIds.length === 0 && stepIds.length === 0) return false;
  const own = await db.warrantyClaim.count({
    where: { OR: [{ id: { in: claimIds } }, { steps: { some: { id: { in: stepIds } } } }], unit: { owners: { some: { userId: actor.userId } } } },
  });
  return own > 0;
}
