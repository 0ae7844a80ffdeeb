'use client';

import { Segmented } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/i18n/actions';
import { locales, type AppLocale } from '@/i18n/config';

/** 中文 / English: stores the choice in the NEXT_LOCALE cookie and re-renders the page. */
export function LocaleSwitcher({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const t = useTranslations('locale');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <Segmented<AppLocale>
      aria-label={t('label')}
      size={size}
      value={locale}
      disabled={pending}
      options={locales.map((value) => ({ value, label: <span lang={value}>{t(value)}</span> }))}
      onChange={(value) =>
        startTransition(async () => {
          await setLocaleAction(value);
          router.refresh();
        })
      }
    />
  );
}
