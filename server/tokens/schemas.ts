import { z } from 'zod';

export const createTokenInput = z.object({
  name: z.string().trim().min(1, { error: 'validation.required' }).max(60, { error: 'validation.tooLong' }),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const revokeTokenInput = z.object({ id: z.uuid() });
