import { Result } from 'antd';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notFound');
  return { title: t('metaTitle') };
}

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="bl-center-page" id="main">
      <Result
        status="404"
        title={<h1 style={{ margin: 0, fontSize: 24 }}>{t('notFound.title')}</h1>}
        subTitle={t('notFound.description')}
        extra={<Link href="/">{t('common.backHome')}</Link>}
      />
    </main>
  );
}
