import { z } from 'zod';
import { isValidCreditCode } from './credit-code';

/** 6-digit administrative division code (GB/T 2260). */
export const regionCode = z.string().regex(/^\d{6}$/, { error: 'validation.regionCode' });

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
  })
  .refine((o) => o.kind !== 'QUALITY_AGENCY' || o.regionCodes.length > 0, {
    error: 'validation.agencyNeedsRegion',
    path: ['regionCodes'],
  });
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;
