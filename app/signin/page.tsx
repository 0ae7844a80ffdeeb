import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/app/_components/auth-card';
import { auth } from '@/server/auth';
import { SIGN_IN_ERRORS } from './sign-in-errors';
import { safeRedirectPath } from './safe-redirect';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin');
  return { title: t('title') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const requested = params.callbackUrl ?? params.redirectTo;
  const callbackUrl = safeRedirectPath(Array.isArray(requested) ? requested[0] : requested);

  const error = SIGN_IN_ERRORS.find((code) => code === params.error);

  const session = await auth();
  if (session?.user) redirect(callbackUrl);

  const t = await getTranslations();
  return (
    <AuthCard title={t('app.name')} subtitle={t('app.nameEn')}>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
    </AuthCard>
  );
}
