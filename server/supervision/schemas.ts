import { z } from 'zod';
import { calendarDate } from '@/server/projects/schemas';

export const SUPERVISION_SCOPES = ['ENTITY_QUALITY', 'CONDUCT', 'DOCUMENTS', 'MATERIALS'] as const;
export const SUPERVISION_OUTCOMES = ['NO_ISSUES', 'CORRECTED_ON_SITE', 'RECTIFICATION_NOTICE', 'SUSPENSION'] as const;

/** 监督检查记录: what the inspector looked at, who was there, what was found, how it ended. */
export const recordSupervisionInspectionInput = z
  .object({
    buildingId: z.uuid(),
    inspectedOn: calendarDate,
    scopes: z.array(z.enum(SUPERVISION_SCOPES)).min(1, { error: 'validation.scopesRequired' }),
    presentMemberIds: z.array(z.uuid()).max(50).default([]),
    othersPresent: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
    findings: z.string().trim().min(1, { error: 'validation.required' }).max(5000, { error: 'validation.tooLong' }),
    outcome: z.enum(SUPERVISION_OUTCOMES, { error: 'validation.required' }),
    photoIds: z.array(z.uuid()).max(30, { error: 'validation.tooManyPhotos' }).default([]),
    password: z.string().min(1, { error: 'validation.required' }).max(256),
    idempotencyKey: z.uuid(),
  })
  // Someone of the parties must be named: an inspection with nobody present is not a site inspection.
  .refine((r) => r.presentMemberIds.length > 0 || r.othersPresent.length > 0, { error: 'validation.presentRequired', path: ['presentMemberIds'] });
export type RecordSupervisionInspectionInput = z.input<typeof recordSupervisionInspectionInput>;

/** 工程质量监督报告: the inspector's conclusion; the rest is generated from the records. */
export const issueSupervisionReportInput = z.object({
  buildingId: z.uuid(),
  conclusion: z.string().trim().min(1, { error: 'validation.required' }).max(5000, { error: 'validation.tooLong' }),
  password: z.string().min(1, { error: 'validation.required' }).max(256),
  idempotencyKey: z.uuid(),
});
export type IssueSupervisionReportInput = z.input<typeof issueSupervisionReportInput>;
