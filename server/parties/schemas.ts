import { z } from 'zod';
import { STAFF_POSITIONS } from '@/server/authz/roles';
import { PARTY_ROLES } from '@/server/authz/roles';
import { idNumber, qualificationNo, qualificationType } from '@/server/identity/schemas';
import { calendarDate } from '@/server/projects/schemas';

const partyRole = z.enum(PARTY_ROLES);

export const assignPartyInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  organizationId: z.uuid({ error: 'validation.required' }),
});
export type AssignPartyInput = z.input<typeof assignPartyInput>;

/** The leader's identity data, as the 授权书 and 承诺书 state it. */
const leaderDetails = {
  idNumber,
  qualificationType,
  qualificationNo,
};

export const appointLeaderInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  userId: z.uuid({ error: 'validation.required' }),
  ...leaderDetails,
});
export type AppointLeaderInput = z.input<typeof appointLeaderInput>;

/** 变更 of a 项目负责人 (124号 art 8): the new person, why, from when, approved by whom. */
export const changeLeaderInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  userId: z.uuid({ error: 'validation.required' }),
  ...leaderDetails,
  reason: z.string().trim().min(2, { error: 'validation.required' }).max(500, { error: 'validation.tooLong' }),
  effectiveOn: calendarDate,
  approvedBy: z.string().trim().min(2, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }),
});
export type ChangeLeaderInput = z.input<typeof changeLeaderInput>;

/** Corrects the current leader's identity data; documents already signed must then be signed again. */
export const correctLeaderDetailsInput = z.object({ memberId: z.uuid(), ...leaderDetails });
export type CorrectLeaderDetailsInput = z.input<typeof correctLeaderDetailsInput>;

export const addStaffInput = z.object({
  projectId: z.uuid(),
  role: partyRole,
  userId: z.uuid({ error: 'validation.required' }),
  /** e.g. 质检员, 专业监理工程师 */
  title: z.string().trim().min(2, { error: 'validation.required' }).max(50, { error: 'validation.tooLong' }),
  /** A post 分部验收 names (GB 55032 4.3.3): both are the 施工单位's. */
  position: z.enum(STAFF_POSITIONS).optional(),
}).refine((s) => s.position === undefined || s.role === 'CONSTRUCTION', { error: 'validation.positionConstructionOnly', path: ['position'] });
export type AddStaffInput = z.input<typeof addStaffInput>;

export const endStaffInput = z.object({ memberId: z.uuid() });
