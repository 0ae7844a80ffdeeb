import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import type { Messages } from 'next-intl';
import type en from '../messages/en.json';
import { defaultLocale, isLocale, LOCALE_COOKIE, timeZone, type AppLocale } from './config';

/** en.json may not have keys zh-CN lacks (a key only in en would be dead or a typo). */
type Covers<Big extends Small, Small> = Big;
export type ZhCoversEn = Covers<Messages, typeof en>;

/**
 * Each catalog must have every key of zh-CN (the primary one, typed as `Messages`):
 * `satisfies` makes a key missing from en a type error; the line above, one only in en.
 */
const catalogs: Record<AppLocale, () => Promise<Messages>> = {
  'zh-CN': async () => (await import('../messages/zh-CN.json')).default,
  en: async () => {
    const en = (await import('../messages/en.json')).default satisfies Messages;
    return en;
  },
};

export default getRequestConfig(async () => {
  const store = await cookies();
  const requested = store.get(LOCALE_COOKIE)?.value;
  const locale: AppLocale = isLocale(requested) ? requested : defaultLocale;
  return { locale, messages: await catalogs[locale](), timeZone };
});
