/** Locales the UI speaks. The locale is not in the URL: it comes from a cookie. */
export const locales = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof locales)[number];

export const defaultLocale: AppLocale = 'zh-CN';

/** Cookie holding the user's choice (next-intl's conventional name). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Dates are shown in China Standard Time whatever the server's zone. */
export const timeZone = 'Asia/Shanghai';

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
