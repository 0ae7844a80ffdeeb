'use client';

import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import type { AppLocale } from '@/i18n/config';
import { theme } from './theme';

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', en: 'en' } as const;

/** antd theme + locale (and dayjs's, which antd's date pickers use) + the App context for message/notification. */
export function AntdProvider({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  // dayjs's locale is process-global: set it only in the browser, never across server requests.
  if (typeof window !== 'undefined') dayjs.locale(DAYJS_LOCALES[locale]);
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", which screen readers (and tests) read as two words.
    <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme} button={{ autoInsertSpace: false }}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
