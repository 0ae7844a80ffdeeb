import { z } from 'zod';
import { PARTY_ROLES } from '@/server/authz/roles';
import { calendarDate } from '@/server/projects/schemas';

/** 整改通知单 (supervision.md §2–3): the inputs the forms and the procedures share. */

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const ids = z.array(z.uuid()).max(30, { error: 'validation.tooManyRecords' }).default([]);
const password = z.string().min(1, { error: 'validation.required' }).max(256);

/** One numbered item: what was found, on which basis, what must be done, and the records it concerns. */
export const noticeItemInput = z.object({
  finding: text(2000),
  basis: text(500),
  requiredAction: text(2000),
  lotIds: ids,
  photoIds: ids,
  receiptIds: ids,
  concealedWorkIds: ids,
});

/** The inspector issues a notice to one party of the building, with a deadline. */
export const issueNoticeInput = z
  .object({
    buildingId: z.uuid(),
    partyRole: z.enum(PARTY_ROLES, { error: 'validation.required' }),
    basis: text(500),
    issuedOn: calendarDate,
    deadline: calendarDate,
    supervisionInspectionId: z.uuid().optional(),
    items: z.array(noticeItemInput).min(1, { error: 'validation.itemsRequired' }).max(50),
    password,
    idempotencyKey: z.uuid(),
  })
  // The party needs at least the day the notice is written on (supervision.md §3: no national default).
  .refine((n) => n.deadline >= n.issuedOn, { error: 'validation.deadlineBeforeIssue', path: ['deadline'] });
export type IssueNoticeInput = z.input<typeof issueNoticeInput>;

/** The addressed party's answer to one open item: what was done, with at least one new photo. */
export const respondNoticeItemInput = z.object({
  itemId: z.uuid(),
  actionTaken: text(2000),
  // Closure without new evidence is refused (supervision.md §3: evidence, photos with hash/time/GPS).
  photoIds: z.array(z.uuid()).min(1, { error: 'validation.photoRequired' }).max(30, { error: 'validation.tooManyPhotos' }),
  password,
  idempotencyKey: z.uuid(),
});
export type RespondNoticeItemInput = z.input<typeof respondNoticeItemInput>;

export const RECTIFICATION_DECISIONS = ['VERIFIED', 'RETURNED'] as const;

/** The inspector's check of one response: verified, or returned with the reason. */
export const verifyNoticeResponseInput = z
  .object({
    responseId: z.uuid(),
    decision: z.enum(RECTIFICATION_DECISIONS),
    reason: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
    /** Photos of a 复查 on site, if any */
    photoIds: z.array(z.uuid()).max(30, { error: 'validation.tooManyPhotos' }).default([]),
    password,
    idempotencyKey: z.uuid(),
  })
  .refine((v) => v.decision === 'VERIFIED' || v.reason.length >= 2, { error: 'validation.returnReason', path: ['reason'] });
export type VerifyNoticeResponseInput = z.input<typeof verifyNoticeResponseInput>;

export const noticeIdInput = z.object({ noticeId: z.uuid() });
