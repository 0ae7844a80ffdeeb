import { z } from 'zod';
import { CATALOG, findSubdivision } from '@/server/inspections/catalog';

export const SUSPENSION_ISSUERS = ['INSPECTOR', 'CHIEF_SUPERVISOR'] as const;
export type SuspensionIssuer = (typeof SUSPENSION_ISSUERS)[number];
export const OWNER_CONSENTS = ['PRIOR', 'EMERGENCY'] as const;

const text = (max: number) => z.string().trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
/** A 分部 (DD) or 子分部 (DDSS) code as the catalog names it. */
export const scopeName = (code: string) => (code.length === 2 ? CATALOG.find((d) => d.code === code)?.name : findSubdivision(code)?.subdivision.name) ?? code;

/** A 分部 (DD) or 子分部 (DDSS) code of the GB 50300 catalog. */
const scopeCode = z.string().refine((code) => (code.length === 2 ? CATALOG.some((d) => d.code === code) : findSubdivision(code) !== null), { error: 'validation.invalid' });

/**
 * 局部暂停施工 (条例 art 48) by the inspector, or 工程暂停令 (GB/T 50319 6.2.1) by the 总监: the whole
 * building or the 分部/子分部 listed. The 总监 states the 建设单位's prior consent or the emergency
 * that left no time for it (6.2.3; docs/decisions/010).
 */
export const orderSuspensionInput = z
  .object({
    buildingId: z.uuid(),
    issuer: z.enum(SUSPENSION_ISSUERS),
    wholeBuilding: z.boolean().default(false),
    scopeCodes: z.array(scopeCode).max(40).default([]),
    reason: text(2000),
    basis: text(1000),
    ownerConsent: z.enum(OWNER_CONSENTS).optional(),
    ownerConsentNote: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
    password: z.string().min(1, { error: 'validation.required' }).max(256),
    idempotencyKey: z.uuid(),
  })
  .refine((s) => s.wholeBuilding || s.scopeCodes.length > 0, { error: 'validation.suspensionScopeRequired', path: ['scopeCodes'] })
  .refine((s) => s.issuer !== 'CHIEF_SUPERVISOR' || s.ownerConsent !== undefined, { error: 'validation.required', path: ['ownerConsent'] })
  .refine((s) => s.issuer !== 'CHIEF_SUPERVISOR' || s.ownerConsentNote.length > 0, { error: 'validation.required', path: ['ownerConsentNote'] });
export type OrderSuspensionInput = z.input<typeof orderSuspensionInput>;

/**
 * 复工: what the 复查 found (inspector) or what the 整改 did; for a 总监's order also the 建设单位's
 * approval of the contractor's 复工报审 (6.2.7), which the service requires for that kind.
 */
export const resumeWorkInput = z.object({
  suspensionId: z.uuid(),
  findings: text(2000),
  ownerApproval: z.string().trim().max(500, { error: 'validation.tooLong' }).default(''),
  password: z.string().min(1, { error: 'validation.required' }).max(256),
  idempotencyKey: z.uuid(),
});
export type ResumeWorkInput = z.input<typeof resumeWorkInput>;
