import { z } from 'zod';
import { regionCode } from '@/server/orgs/schemas';

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
/** A calendar date as YYYY-MM-DD (the form's date picker gives exactly that). */
export const calendarDate = z.iso.date({ error: 'validation.date' });

/** 项目编号: as on the 施工许可证 or the owner's own register; letters, digits and - only. */
export const projectCode = z
  .string()
  .trim()
  .min(3, { error: 'validation.projectCode' })
  .max(40, { error: 'validation.projectCode' })
  .regex(/^[A-Za-z0-9-]+$/, { error: 'validation.projectCode' });

export const createProjectInput = z.object({
  name: text(100),
  code: projectCode,
  address: text(200),
  regionCode,
  /** The 建设单位: one of the creator's organizations (ADMIN: any enterprise). */
  ownerOrganizationId: z.uuid({ error: 'validation.required' }),
});
export type CreateProjectInput = z.input<typeof createProjectInput>;

export const projectIdInput = z.object({ projectId: z.uuid() });
export const buildingIdInput = z.object({ buildingId: z.uuid() });

/** 单位工程 / 子单位工程. Its public code (/b/<code>) is assigned by the server. */
export const createBuildingInput = z
  .object({
    projectId: z.uuid(),
    name: text(100),
    address: text(200),
    structureType: text(50),
    floorsAbove: z.coerce.number({ error: 'validation.number' }).int({ error: 'validation.integer' }).min(1, { error: 'validation.floors' }).max(200, { error: 'validation.floors' }),
    floorsBelow: z.coerce.number({ error: 'validation.number' }).int({ error: 'validation.integer' }).min(0, { error: 'validation.floors' }).max(20, { error: 'validation.floors' }),
    /** 建筑面积 m², two decimals */
    grossArea: z.coerce.number({ error: 'validation.number' }).positive({ error: 'validation.grossArea' }).max(10_000_000, { error: 'validation.grossArea' }).multipleOf(0.01, { error: 'validation.grossArea' }),
    /** 设计使用年限 as the design documents state it (条例 art 21); lifelong responsibility runs this long. */
    designWorkingLifeYears: z.coerce.number({ error: 'validation.number' }).int({ error: 'validation.integer' }).min(1, { error: 'validation.designWorkingLife' }).max(200, { error: 'validation.designWorkingLife' }),
    plannedStartOn: calendarDate,
    plannedCompletionOn: calendarDate,
  })
  .refine((b) => b.plannedCompletionOn > b.plannedStartOn, { error: 'validation.completionAfterStart', path: ['plannedCompletionOn'] });
export type CreateBuildingInput = z.input<typeof createBuildingInput>;
