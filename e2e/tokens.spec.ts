import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';


test('a token is shown once, acts as its user, and stops working when revoked', async ({ page, request }) => {
  const name = `e2e-${Date.now().toString(36)}`;
  await signIn(page, 'construction.leader');
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'API 令牌' })).toBeVisible();

  await page.getByLabel('令牌名称').fill(name);
  await page.getByRole('button', { name: '创建', exact: true }).click();

  const tokenBox = page.getByLabel(/^新令牌/);
  await expect(tokenBox).toHaveValue(/^bl_[A-Za-z0-9_-]{32,}$/);
  await expect(page.getByText('令牌只显示这一次')).toBeVisible();
  await expect(page.getByRole('button', { name: '复制' })).toBeVisible();
  const token = await tokenBox.inputValue();

  // The token acts as construction.leader: the demo project's buildings.
  const auth = { Authorization: `Bearer ${token}` };
  const ok = await request.get('/api/buildings', { headers: auth });
  expect(ok.status()).toBe(200);
  const buildings = (await ok.json()) as { name: string }[];
  expect(buildings.map((b) => b.name)).toEqual(expect.arrayContaining(['1#住宅楼', '2#住宅楼']));

  // Shown once: after a reload only its prefix is left.
  await page.reload();
  const row = page.getByRole('listitem').filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 9));
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByLabel(/^新令牌/)).toHaveCount(0);

  await row.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByText(`撤销令牌“${name}”？`)).toBeVisible();
  await page.getByRole('button', { name: '确认撤销' }).click();
  await expect(row.getByText(/^已撤销于/)).toBeVisible();

  const refused = await request.get('/api/buildings', { headers: auth });
  expect(refused.status()).toBe(401);
});
