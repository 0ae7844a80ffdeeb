import { z } from 'zod';
import { sha256Hex } from '@/server/ledger/event';
import { calendarDate } from '@/server/projects/schemas';
import { MATERIAL_KIND_CODES } from './kinds';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const password = z.string().min(1, { error: 'validation.required' }).max(256);

/** 进场验收: a batch that arrived, with its certificates uploaded through POST /api/files. */
export const recordReceiptInput = z.object({
  buildingId: z.uuid(),
  kind: z.enum(MATERIAL_KIND_CODES, { error: 'validation.required' }),
  name: text(100),
  specification: text(100),
  batchNo: text(60),
  quantity: z.coerce.number({ error: 'validation.number' }).positive({ error: 'validation.quantity' }).max(1e9, { error: 'validation.quantity' }),
  unit: text(10),
  supplier: text(100),
  receivedOn: calendarDate,
  certificates: z.array(sha256Hex).min(1, { error: 'validation.certificatesRequired' }).max(20),
  password,
  idempotencyKey: z.uuid(),
});
export type RecordReceiptInput = z.input<typeof recordReceiptInput>;

export const approveReceiptInput = z
  .object({ receiptId: z.uuid(), decision: z.enum(['ACCEPTED', 'REJECTED']), reasons: z.string().trim().max(2000).optional(), password })
  .refine((r) => r.decision === 'ACCEPTED' || (r.reasons?.length ?? 0) >= 2, { error: 'validation.rejectionReasons', path: ['reasons'] });
export type ApproveReceiptInput = z.input<typeof approveReceiptInput>;

/**
 * A sample: recorded by its witness (the 监理's or 建设单位's technician, naming the sampler), or by
 * the 施工单位's sampler when it is not witnessed.
 */
export const recordSampleInput = z.object({
  buildingId: z.uuid(),
  receiptId: z.uuid().optional(),
  kind: z.enum(MATERIAL_KIND_CODES, { error: 'validation.required' }),
  sampleNo: text(60),
  location: text(100),
  sampledAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }),
  /** Set when the one recording is the witness: the 施工单位 person who took the sample */
  samplerId: z.uuid().optional(),
  lab: text(100),
  password,
  idempotencyKey: z.uuid(),
});
export type RecordSampleInput = z.input<typeof recordSampleInput>;

export const recordResultInput = z.object({
  sampleId: z.uuid(),
  reportNo: text(60),
  reportSha256: sha256Hex,
  passed: z.boolean(),
  reportedOn: calendarDate,
  password,
});
export type RecordResultInput = z.input<typeof recordResultInput>;
