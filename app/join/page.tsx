import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/app/_components/auth-card';
import { JoinForm } from './join-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('join');
  return { title: t('title') };
}

/** 业主注册: a buyer joins with the invitation code the 建设单位 gave for their unit (no account needed first). */
export default async function JoinPage() {
  const t = await getTranslations();
  return (
    <AuthCard title={t('join.title')} subtitle={t('join.hint')}>
      <JoinForm />
    </AuthCard>
  );
}
