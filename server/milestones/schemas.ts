import { z } from 'zod';
import { PARTY_ROLES, STAFF_POSITIONS } from '@/server/authz/roles';
import { sha256Hex } from '@/server/ledger/event';
import { calendarDate } from '@/server/projects/schemas';

const password = z.string().min(1, { error: 'validation.required' }).max(256);
const opinion = z.string().trim().max(2000, { error: 'validation.tooLong' }).default('');
const required = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
/** A box the signer must tick: the fact is theirs to declare, and the record says they did. */
const declared = z.literal(true, { error: 'validation.mustDeclare' });

export const DIVISION_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
/** 观感质量 (表H.0.1-4): 差 items are repaired before acceptance, so only 好 and 一般 open one. */
export const APPEARANCE_GRADES = ['GOOD', 'FAIR'] as const;

/** 分部工程验收, opened and signed first by the 总监理工程师 (GB 55032 4.3.3; GB 50300 5.0.3). */
export const openDivisionAcceptanceInput = z.object({
  buildingId: z.uuid(),
  divisionCode: z.enum(DIVISION_CODES, { error: 'validation.required' }),
  heldOn: calendarDate,
  qualityDocumentsComplete: declared,
  functionalTestsConform: declared,
  appearance: z.enum(APPEARANCE_GRADES, { error: 'validation.required' }),
  opinion,
  password,
  idempotencyKey: z.uuid(),
});
export type OpenDivisionAcceptanceInput = z.input<typeof openDivisionAcceptanceInput>;

/** 单位工程竣工验收, organized and signed first by the 建设单位项目负责人 (GB 55032 4.3.4(5)). */
export const openCompletionAcceptanceInput = z.object({
  buildingId: z.uuid(),
  heldOn: calendarDate,
  designAndContractDone: declared,
  paymentSettled: declared,
  householdAcceptance: z.enum(['PASSED', 'NOT_HOUSING'], { error: 'validation.required' }),
  otherConditions: declared,
  opinion,
  password,
  idempotencyKey: z.uuid(),
});
export type OpenCompletionAcceptanceInput = z.input<typeof openCompletionAcceptanceInput>;

/** A required signatory's signature: agrees, or not with the reason. */
export const signMilestoneInput = z
  .object({
    milestoneId: z.uuid(),
    role: z.enum(PARTY_ROLES),
    position: z.enum(['LEADER', ...STAFF_POSITIONS]),
    agrees: z.boolean({ error: 'validation.required' }),
    opinion,
    password,
    idempotencyKey: z.uuid(),
  })
  .refine((s) => s.agrees || s.opinion.length >= 2, { error: 'validation.rejectionReasons', path: ['opinion'] });
export type SignMilestoneInput = z.input<typeof signMilestoneInput>;

export const COMPLETION_DOCUMENT_KINDS = ['CONSTRUCTION_REPORT', 'QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'DESIGN_CHECK', 'WARRANTY_CERTIFICATE', 'ACCEPTANCE_NOTICE'] as const;

/** A document on the way to 竣工验收, signed by its party's 项目负责人; a notice names the date announced. */
export const fileCompletionDocumentInput = z
  .object({
    buildingId: z.uuid(),
    kind: z.enum(COMPLETION_DOCUMENT_KINDS, { error: 'validation.required' }),
    summary: required(5000),
    fileSha256: sha256Hex.optional(),
    issuedOn: calendarDate,
    plannedOn: calendarDate.optional(),
    password,
    idempotencyKey: z.uuid(),
  })
  .refine((d) => (d.kind === 'ACCEPTANCE_NOTICE') === (d.plannedOn !== undefined), { error: 'validation.plannedOnRequired', path: ['plannedOn'] });
export type FileCompletionDocumentInput = z.input<typeof fileCompletionDocumentInput>;

/** 竣工验收备案: the 备案机关, its 备案编号, the day filed and the stamped 备案表. */
export const recordFilingInput = z.object({
  buildingId: z.uuid(),
  filedOn: calendarDate,
  authority: required(100),
  filingNumber: required(60),
  fileSha256: sha256Hex.optional(),
  password,
  idempotencyKey: z.uuid(),
});
export type RecordFilingInput = z.input<typeof recordFilingInput>;
