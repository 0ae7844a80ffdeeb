'use client';

import { Button, Result } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect } from 'react';

/** Unexpected failure in a page (the root layout and its providers still stand). */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations();
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="bl-center-page" role="alert">
      <Result
        status="error"
        title={<h1 style={{ margin: 0, fontSize: 24 }}>{t('error.title')}</h1>}
        subTitle={
          <>
            {t('error.description')}
            {digest && (
              <>
                <br />
                <span className="bl-mono">{t('error.reference', { digest })}</span>
              </>
            )}
          </>
        }
        extra={[
          <Button key="retry" type="primary" onClick={() => retry()}>
            {t('common.retry')}
          </Button>,
          <Link key="home" href="/">
            {t('common.backHome')}
          </Link>,
        ]}
      />
    </div>
  );
}
