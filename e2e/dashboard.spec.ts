import { expect, test } from '@playwright/test';
import { scrollWidth } from './support/page';
import { signIn } from './support/sign-in';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test('the inspector opens the supervision desk from the menu, sees the demo project with its signals and filters them', async ({ page }) => {
  await signIn(page, 'inspector');
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('link', { name: '监督工作台' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '监督工作台' })).toBeVisible();
  const signals = page.getByRole('list', { name: '滨江花园二期的提示' });
  // The demo's 2# is not registered and its 1# has a rejected 检验批.
  await expect(signals.getByText(/^未办理质量监督登记 1$/)).toBeVisible();
  await expect(signals.getByText(/^检验批被退回 \d+$/)).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  await page.getByRole('textbox', { name: '搜索项目' }).fill('不存在的项目');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page.getByText('没有符合条件的项目。')).toBeVisible();
  await expect(page).toHaveURL(/q=/);
});

test('a contractor has no supervision desk', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.getByRole('button', { name: '菜单' }).click();
  await expect(page.getByRole('link', { name: '监督工作台' })).toHaveCount(0);
  await page.goto('/supervision');
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await expect(page.getByText('此页面仅质量监督员和系统管理员可以使用')).toBeVisible();
});
