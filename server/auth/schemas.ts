import { z } from 'zod';

/** Sign-in form; deliberately loose (no length rules) so a wrong guess looks like any other. */
export const signInInput = z.object({
  login: z.string().trim().min(1, { error: 'validation.required' }).max(64, { error: 'validation.tooLong' }),
  password: z.string().min(1, { error: 'validation.required' }).max(256, { error: 'validation.tooLong' }),
});
export type SignInInput = z.infer<typeof signInInput>;
