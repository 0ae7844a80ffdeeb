import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/app/_components/locale-switcher';
import { JoinForm } from './join-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('join');
  return { title: t('title') };
}

/** 业主注册: a buyer joins with the invitation code the 建设单位 gave for their unit (no account needed first). */
export default async function JoinPage() {
  const t = await getTranslations();
  return (
    <div className="bl-auth-page">
      <div className="bl-auth-top">
        <LocaleSwitcher size="small" />
      </div>
      <main className="bl-auth-center" id="main">
        <div className="bl-auth-card">
          <div className="bl-auth-brand">
            <h1>{t('join.title')}</h1>
            <p>{t('join.hint')}</p>
          </div>
          <JoinForm />
        </div>
      </main>
    </div>
  );
}
