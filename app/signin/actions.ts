'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/server/auth';
import { signInInput } from '@/server/auth/schemas';
import { safeRedirectPath } from './safe-redirect';
import type { SignInErrorCode } from './sign-in-errors';

export type SignInResult = { error: SignInErrorCode };

/**
 * Signs in with the credentials provider. On success next-auth throws NEXT_REDIRECT
 * (to `callbackUrl` when it is a same-site path, else home), which we let through;
 * on failure we return a code the form translates.
 */
export async function signInAction(values: unknown, callbackUrl?: unknown): Promise<SignInResult> {
  const parsed = signInInput.safeParse(values);
  if (!parsed.success) return { error: 'invalid_input' };
  try {
    await signIn('credentials', {
      login: parsed.data.login,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(callbackUrl),
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { error: error.code === 'rate_limited' ? 'rate_limited' : 'invalid_credentials' };
    }
    if (error instanceof AuthError) return { error: 'unknown' };
    throw error; // NEXT_REDIRECT on success, or a real failure for error.tsx
  }
  // signIn always redirects; reaching here would be a next-auth change.
  return { error: 'unknown' };
}

/**
 * The same, for a native form post (the script has not loaded yet on a slow phone
 * connection): failures come back as `/signin?error=<code>` for the page to show.
 */
export async function signInFormAction(formData: FormData): Promise<void> {
  const callbackUrl = formData.get('callbackUrl');
  const result = await signInAction(
    { login: formData.get('login') ?? '', password: formData.get('password') ?? '' },
    callbackUrl,
  );
  const params = new URLSearchParams({ error: result.error });
  const target = safeRedirectPath(callbackUrl, '');
  if (target) params.set('callbackUrl', target);
  redirect(`/signin?${params}`);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}
