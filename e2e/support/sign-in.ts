import { expect, type Page } from '@playwright/test';

/** Demo data (prisma/seed.ts): every demo account has this password. */
export const DEMO_PASSWORD = 'BuildLedger2026';

/** Fills and submits the real sign-in form (no waiting: callers assert where it lands). */
export async function submitSignIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs in as a demo account and waits for the home page. */
export async function signIn(page: Page, login: string) {
  await submitSignIn(page, login);
  await expect(page).toHaveURL((url) => url.pathname === '/');
}
