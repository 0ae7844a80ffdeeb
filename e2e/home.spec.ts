import { expect, test } from '@playwright/test';
import { scrollWidth } from './support/page';
import { signIn } from './support/sign-in';

test.use({ viewport: { width: 375, height: 812 } });

test('a party sees where each of its buildings stands and opens its 检验批 from home', async ({ page }) => {
  await signIn(page, 'construction.qc');
  const counts = page.getByRole('list', { name: '1#住宅楼：各状态检验批数' });
  await expect(counts.getByText('已验收')).toBeVisible();
  await expect(counts.getByText('受阻')).toBeVisible();
  // 2# has no lots yet: no counts, only the way in.
  await expect(page.getByRole('list', { name: '2#住宅楼：各状态检验批数' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '2#住宅楼的检验批验收' })).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await page.getByRole('link', { name: '1#住宅楼的检验批验收' }).click();
  await expect(page.getByRole('heading', { name: '检验批验收' })).toBeVisible();
});

test('a homeowner gets no party progress on home', async ({ page }) => {
  await signIn(page, 'homeowner');
  await expect(page.getByText('1#住宅楼').first()).toBeVisible();
  await expect(page.getByRole('list', { name: /各状态检验批数/ })).toHaveCount(0);
});
