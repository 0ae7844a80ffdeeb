import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, submitSignIn } from './support/sign-in';

/** Changes a demo account's password and back, so the demo data is as it was afterwards. */
test('a user changes their password, is signed out, and signs in with the new one', async ({ page }) => {
  const login = 'supervision.engineer';
  const next = 'E2e-new-passphrase-2026';
  await signIn(page, login);
  await page.goto('/settings/password');
  await expect(page.getByRole('heading', { level: 1, name: '修改密码' })).toBeVisible();
  const form = page.getByRole('form', { name: '修改密码' });

  // Bad input: Chinese messages on the fields, nothing changed.
  await form.getByLabel('当前密码').fill('not-my-password');
  await form.getByRole('textbox', { name: /^新密码/ }).fill(next);
  await form.getByLabel('确认新密码').fill(next + 'x');
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(form.getByText('两次输入的新密码不一致')).toBeVisible();
  await form.getByLabel('确认新密码').fill(next);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(form.getByText('当前密码不正确')).toBeVisible();

  // The change: signed out everywhere, back to /signin.
  await form.getByLabel('当前密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/signin');
  await submitSignIn(page, login, DEMO_PASSWORD);
  await expect(page.getByRole('alert').filter({ hasText: '账号或密码不正确' })).toBeVisible();
  await submitSignIn(page, login, next);
  await expect(page).toHaveURL((url) => url.pathname === '/');

  // And back, for the other specs and the README's demo accounts.
  await page.goto('/settings/password');
  await form.getByLabel('当前密码').fill(next);
  await form.getByRole('textbox', { name: /^新密码/ }).fill(DEMO_PASSWORD);
  await form.getByLabel('确认新密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/signin');
  await signIn(page, login);
});
