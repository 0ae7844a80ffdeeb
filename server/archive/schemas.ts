import { z } from 'zod';
import { sha256Hex } from '@/server/ledger/event';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

/**
 * The 建设单位 hands the archive to the 城建档案馆 (条例 art 17; archive.md §6): it names the
 * archive by its seal.json, which carries the manifest's SHA-256 and the sealed checkpoint.
 */
export const recordHandoverInput = z.object({
  buildingId: z.uuid(),
  /** The content of the handed-over archive's seal.json */
  seal: z.string().min(1, { error: 'validation.required' }).max(20_000, { error: 'validation.tooLong' }),
  /** e.g. 福州市城市建设档案馆 */
  archiveAgency: text(200),
  /** The 城建档案馆's receipt (接收) number */
  receiptNo: text(100),
  handedOn: z.iso.date({ error: 'validation.invalid' }),
  /** The 移交清单 signed and stamped by both sides, scanned (archive.md §1, §6) */
  transferListSha256: sha256Hex.optional(),
});
export type RecordHandoverInput = z.input<typeof recordHandoverInput>;

/** An ADMIN's acknowledgement of a broken ledger: what was done about it (restored, reported, …). */
export const acknowledgeChainAlertInput = z.object({
  alertId: z.uuid(),
  note: text(1000),
});
export type AcknowledgeChainAlertInput = z.input<typeof acknowledgeChainAlertInput>;
