import { Result } from 'antd';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

/** 403 for a signed-in user on a page their roles do not open (the procedures refuse too). */
export async function Forbidden({ only = 'admin' }: { only?: 'admin' | 'supervision' }) {
  const t = await getTranslations();
  return (
    <Result
      status="403"
      title={<h1 style={{ margin: 0, fontSize: 24 }}>{t('forbidden.title')}</h1>}
      subTitle={only === 'admin' ? t('forbidden.description') : t('forbidden.supervisionOnly')}
      extra={<Link href="/">{t('common.backHome')}</Link>}
    />
  );
}
