import { z } from 'zod';
import { GLOBAL_ROLES } from '@/server/authz/roles';

// Forms list the roles from here; the one list lives in server/authz/roles.ts.
export { GLOBAL_ROLES };

export const login = z
  .string()
  .trim()
  .min(3, { error: 'validation.loginLength' })
  .max(64, { error: 'validation.loginLength' })
  .regex(/^[A-Za-z0-9._@-]+$/, { error: 'validation.loginChars' });

/** Passwords: long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const newPassword = z
  .string()
  .min(10, { error: 'validation.passwordLength' })
  .max(256, { error: 'validation.passwordLength' });

export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, { error: 'validation.phone' });

export const createUserInput = z
  .object({
    login,
    name: z.string().trim().min(1, { error: 'validation.required' }).max(50, { error: 'validation.tooLong' }),
    phone: mobilePhone.optional(),
    password: newPassword,
    roles: z.array(z.enum(GLOBAL_ROLES)).max(3).default([]),
    organizationId: z.uuid({ error: 'validation.required' }).optional(),
    title: z.string().trim().max(50, { error: 'validation.tooLong' }).optional(),
  })
  .refine((u) => !u.roles.includes('INSPECTOR') || u.organizationId !== undefined, {
    error: 'validation.inspectorNeedsAgency',
    path: ['organizationId'],
  });
export type CreateUserInput = z.input<typeof createUserInput>;

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, { error: 'validation.required' }).max(256, { error: 'validation.tooLong' }),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine((p) => p.newPassword === p.confirmPassword, { error: 'validation.passwordMismatch', path: ['confirmPassword'] })
  .refine((p) => p.newPassword !== p.currentPassword, { error: 'validation.passwordUnchanged', path: ['newPassword'] });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const setUserDisabledInput = z.object({ userId: z.uuid(), disabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledInput>;
