import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const count = z.coerce.number({ error: 'validation.number' }).int({ error: 'validation.integer' }).min(0, { error: 'validation.count' }).max(100_000, { error: 'validation.count' });

/** A new 检验批 in the building's division, with the lots that must be accepted before it. */
export const createLotInput = z.object({
  buildingId: z.uuid(),
  subdivisionCode: z.string().regex(/^\d{4}$/, { error: 'validation.subdivision' }),
  /** A catalog 分项 of that 子分部; or, for one the catalog does not list, empty with itemName */
  itemCode: z.string().regex(/^\d{6}$/, { error: 'validation.item' }).optional(),
  itemName: z.string().trim().min(2, { error: 'validation.required' }).max(50, { error: 'validation.tooLong' }).optional(),
  name: text(100),
  location: text(100),
  capacity: z.coerce.number({ error: 'validation.number' }).int({ error: 'validation.integer' }).min(1, { error: 'validation.capacity' }).max(1_000_000, { error: 'validation.capacity' }),
  capacityUnit: text(10),
  predecessorIds: z.array(z.uuid()).max(20).default([]),
}).refine((lot) => lot.itemCode !== undefined || lot.itemName !== undefined, { error: 'validation.item', path: ['itemCode'] });
export type CreateLotInput = z.input<typeof createLotInput>;

export const inspectionItemInput = z
  .object({
    kind: z.enum(['MAIN', 'GENERAL']),
    /** 设计要求及规范规定 */
    requirement: text(300),
    minSample: count.min(1, { error: 'validation.count' }),
    sampled: count,
    passed: count,
    severeDefect: z.boolean().default(false),
    passRate: z.number().min(0).max(1).optional(),
    /** Measured values (允许偏差 items), in the unit of the requirement */
    measured: z.array(z.number().finite()).max(500).default([]),
    note: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
  })
  .refine((item) => item.passed <= item.sampled, { error: 'validation.passedExceedsSampled', path: ['passed'] });

/** The 施工单位's self-check of a 检验批, signed with the password re-entered now. */
export const submitRecordInput = z.object({
  lotId: z.uuid(),
  items: z.array(inspectionItemInput).min(1, { error: 'validation.itemsRequired' }).max(100),
  /** 施工依据 (施工方案, 技术交底) */
  constructionBasis: text(200),
  /** 验收依据 (the specialty acceptance code) */
  acceptanceBasis: text(200),
  notes: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
  /** Photos uploaded for this building (POST /api/photos), as evidence of the check */
  photoIds: z.array(z.uuid()).max(30, { error: 'validation.tooManyPhotos' }).default([]),
  /** The material batches (进场验收 records) the lot used; none for work without material (e.g. 模板) */
  receiptIds: z
    .array(z.uuid())
    .max(30, { error: 'validation.tooManyMaterials' })
    .default([])
    .transform((ids) => [...new Set(ids)]),
  password: z.string().min(1, { error: 'validation.required' }).max(256),
  /** Made by the client once per submission; a replay returns the first record */
  idempotencyKey: z.uuid(),
});
export type SubmitRecordInput = z.input<typeof submitRecordInput>;

/** The 专业监理工程师's acceptance or rejection (with reasons), signed with the password. */
export const reviewRecordInput = z
  .object({
    recordId: z.uuid(),
    decision: z.enum(['ACCEPTED', 'REJECTED']),
    reasons: z.string().trim().max(2000, { error: 'validation.tooLong' }).optional(),
    /** Photos the 监理 took on site (POST /api/photos), named with the review in its ledger event */
    photoIds: z.array(z.uuid()).max(30, { error: 'validation.tooManyPhotos' }).default([]),
    password: z.string().min(1, { error: 'validation.required' }).max(256),
    idempotencyKey: z.uuid(),
  })
  .refine((r) => r.decision === 'ACCEPTED' || (r.reasons?.length ?? 0) >= 2, { error: 'validation.rejectionReasons', path: ['reasons'] });
export type ReviewRecordInput = z.input<typeof reviewRecordInput>;

export const lotIdInput = z.object({ lotId: z.uuid() });

const photoIds = z.array(z.uuid()).max(30, { error: 'validation.tooManyPhotos' }).default([]);
const password = z.string().min(1, { error: 'validation.required' }).max(256);

/** 隐蔽工程: the 施工单位 records the work before covering; the record is the notice to the 建设单位 and the 质监站. */
export const recordConcealedWorkInput = z.object({
  lotId: z.uuid(),
  location: text(100),
  description: text(1000),
  references: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
  plannedCoverAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }).optional(),
  photoIds,
  password,
  idempotencyKey: z.uuid(),
});
export type RecordConcealedWorkInput = z.input<typeof recordConcealedWorkInput>;

/** The 监理 accepts the concealed work (with photos) or refuses it with reasons. */
export const reviewConcealedWorkInput = z
  .object({
    concealedWorkId: z.uuid(),
    decision: z.enum(['ACCEPTED', 'REJECTED']),
    reasons: z.string().trim().max(2000, { error: 'validation.tooLong' }).optional(),
    photoIds,
    password,
  })
  .refine((r) => r.decision === 'ACCEPTED' || (r.reasons?.length ?? 0) >= 2, { error: 'validation.rejectionReasons', path: ['reasons'] });
export type ReviewConcealedWorkInput = z.input<typeof reviewConcealedWorkInput>;

/** 旁站记录 of a key part or process, by the 监理 on site. */
export const recordSideStationInput = z
  .object({
    lotId: z.uuid(),
    process: text(100),
    location: text(100),
    startedAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }),
    endedAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }),
    observations: text(2000),
    problems: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
    actions: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
    photoIds,
    password,
    idempotencyKey: z.uuid(),
  })
  .refine((r) => new Date(r.endedAt) >= new Date(r.startedAt), { error: 'validation.endBeforeStart', path: ['endedAt'] });
export type RecordSideStationInput = z.input<typeof recordSideStationInput>;

/** The 施工单位 现场质检员 countersigns a 旁站记录. */
export const confirmSideStationInput = z.object({ recordId: z.uuid(), password });
export type ConfirmSideStationInput = z.input<typeof confirmSideStationInput>;
