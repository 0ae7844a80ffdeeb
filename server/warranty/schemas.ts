import { z } from 'zod';
import { login, mobilePhone, newPassword } from '@/server/users/schemas';
import { WARRANTY_CATEGORIES } from './terms';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

/** 户号 as the sales plan writes it, e.g. 1-1201 or 2单元1201. */
export const unitNumber = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .max(30, { error: 'validation.tooLong' })
  .regex(/^[0-9A-Za-z\u4e00-\u9fff\-_#()（）]+$/, { error: 'validation.unitNumber' });

/** Units of a building, entered by hand or pasted from a CSV whose first column is the 户号 (a header row is skipped). */
export const importUnitsInput = z.object({
  buildingId: z.uuid(),
  csv: z.string().max(200_000, { error: 'validation.tooLong' }).refine((s) => s.trim().length > 0, { error: 'validation.required' }),
});
export type ImportUnitsInput = z.input<typeof importUnitsInput>;

export const issueInvitationInput = z.object({ unitId: z.uuid() });
export type IssueInvitationInput = z.input<typeof issueInvitationInput>;

/** A homeowner joins with the code the 建设单位 gave for their unit, creating their own account. */
export const redeemInvitationInput = z
  .object({
    code: z.string().trim().toUpperCase().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/, { error: 'validation.invitationCode' }),
    name: text(50),
    phone: mobilePhone,
    login,
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((r) => r.password === r.confirmPassword, { error: 'validation.passwordMismatch', path: ['confirmPassword'] });
export type RedeemInvitationInput = z.input<typeof redeemInvitationInput>;

/** 保修通知 from a phone: where in the unit, which kind of work, what is wrong, photos. */
export const fileClaimInput = z.object({
  unitId: z.uuid(),
  category: z.enum(WARRANTY_CATEGORIES, { error: 'validation.required' }),
  location: text(100),
  description: text(2000),
  emergency: z.boolean().default(false),
  photoIds: z.array(z.uuid()).max(10, { error: 'validation.tooManyPhotos' }).default([]),
  idempotencyKey: z.uuid(),
});
export type FileClaimInput = z.input<typeof fileClaimInput>;

export const CLAIM_ACTIONS = ['ACKNOWLEDGED', 'VISIT_SCHEDULED', 'REPAIRED', 'CONFIRMED', 'REOPENED', 'DECLINED', 'MESSAGE'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** A step on a claim: the 施工单位 acknowledges, schedules, repairs (with photos) or declines; the homeowner confirms or reopens; anyone involved writes. */
export const claimStepInput = z
  .object({
    claimId: z.uuid(),
    kind: z.enum(CLAIM_ACTIONS),
    text: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
    visitAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }).optional(),
    photoIds: z.array(z.uuid()).max(10, { error: 'validation.tooManyPhotos' }).default([]),
    idempotencyKey: z.uuid(),
  })
  .refine((s) => (s.kind === 'VISIT_SCHEDULED') === (s.visitAt !== undefined), { error: 'validation.visitAtRequired', path: ['visitAt'] })
  .refine((s) => !['MESSAGE', 'REOPENED', 'DECLINED', 'REPAIRED'].includes(s.kind) || s.text.length >= 2, { error: 'validation.required', path: ['text'] })
  .refine((s) => s.kind !== 'REPAIRED' || s.photoIds.length > 0, { error: 'validation.repairPhotosRequired', path: ['photoIds'] });
export type ClaimStepInput = z.input<typeof claimStepInput>;
