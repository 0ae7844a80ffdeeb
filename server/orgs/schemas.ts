import { z } from 'zod';
import { isValidCreditCode } from './credit-code';

/** 6-digit administrative division code (GB/T 2260). */
export const regionCode = z.string().regex(/^\d{6}$/, { error: 'validation.regionCode' });

const legalRepresentative = z.string().trim().min(2, { error: 'validation.personName' }).max(50, { error: 'validation.tooLong' });

export const createOrganizationInput = z
  .object({
    name: z.string().trim().min(2, { error: 'validation.required' }).max(100, { error: 'validation.tooLong' }),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .length(18, { error: 'validation.creditCodeLength' })
      .refine(isValidCreditCode, { error: 'validation.creditCodeChecksum' }),
    kind: z.enum(['ENTERPRISE', 'QUALITY_AGENCY']),
    regionCodes: z.array(regionCode).max(200).default([]),
    /** 法定代表人: named in the 授权书 of the organization's 项目负责人; may be added later. */
    legalRepresentative: legalRepresentative.optional(),
  })
  .refine((o) => o.kind !== 'QUALITY_AGENCY' || o.regionCodes.length > 0, {
    error: 'validation.agencyNeedsRegion',
    path: ['regionCodes'],
  });
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export const setLegalRepresentativeInput = z.object({ organizationId: z.uuid(), legalRepresentative });
export type SetLegalRepresentativeInput = z.input<typeof setLegalRepresentativeInput>;
