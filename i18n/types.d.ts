import type zhCN from '../messages/zh-CN.json';
import type { AppLocale } from './config';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    /** zh-CN is the primary catalog: a key missing there is a type error. */
    Messages: typeof zhCN;
  }
}
