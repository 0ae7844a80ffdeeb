import type { DbOrTx, Tx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { lockBatchesForUse } from '@/server/materials/service';
import { materialRefusal } from '@/server/materials/usability';

/**
 * The material batches a self-check record names (条例 arts 29, 37; docs/decisions/008): each must
 * be of the record's building and usable (materialRefusal) when the 施工单位 signs the record and
 * again when the 监理 accepts it.
 */

const receiptForUse = {
  id: true,
  buildingId: true,
  contentSha256: true,
  name: true,
  specification: true,
  batchNo: true,
  approval: { select: { decision: true } },
  samples: { select: { sampleNo: true, result: { select: { passed: true } } } },
} as const;

/** The named batches in the order named, or the refusal of the first that may not be used. */
export async function usableMaterials(db: DbOrTx, buildingId: string, receiptIds: string[]) {
  if (receiptIds.length === 0) return [];
  const receipts = await db.materialReceipt.findMany({ where: { id: { in: receiptIds } }, select: receiptForUse });
  if (receipts.length !== receiptIds.length) throw new DomainError('RECEIPT_NOT_FOUND', 'receiptIds');
  if (receipts.some((r) => r.buildingId !== buildingId)) throw new DomainError('MATERIAL_OF_OTHER_BUILDING', 'receiptIds');
  for (const receipt of receipts) {
    const refusal = materialRefusal(receipt);
    if (refusal) throw new DomainError(refusal.code, 'receiptIds');
  }
  return receiptIds.map((id) => receipts.find((r) => r.id === id)!);
}

/** usableMaterials inside the writing transaction, holding the batches so no sample or result lands meanwhile. */
export async function lockUsableMaterials(tx: Tx, buildingId: string, receiptIds: string[]) {
  await lockBatchesForUse(tx, receiptIds);
  return usableMaterials(tx, buildingId, receiptIds);
}

/** A failed sample of a batch a record used: what the lot page and the progress name. */
export interface FailedMaterial {
  receiptId: string;
  materialName: string;
  batchNo: string;
  sampleNo: string;
  reportNo: string;
}

/**
 * The failed samples of the batches each record of the building used, by record. It starts from
 * the building's failed results (few), so its cost does not grow with the number of lots.
 */
export async function failedMaterialsByRecord(db: DbOrTx, buildingId: string): Promise<Map<string, FailedMaterial[]>> {
  const rows = await db.$queryRaw<(FailedMaterial & { recordId: string })[]>`
    SELECT m."recordId"::text, m."receiptId"::text, rc.name AS "materialName", rc."batchNo", s."sampleNo", sr."reportNo"
    FROM "WitnessSample" s
    JOIN "SampleResult" sr ON sr."sampleId" = s.id AND NOT sr.passed
    JOIN "MaterialReceipt" rc ON rc.id = s."receiptId"
    JOIN "InspectionRecordMaterial" m ON m."receiptId" = s."receiptId"
    WHERE s."buildingId" = ${buildingId}::uuid
    ORDER BY s."sampleNo"`;
  const byRecord = new Map<string, FailedMaterial[]>();
  for (const { recordId, ...failed } of rows) byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), failed]);
  return byRecord;
}
