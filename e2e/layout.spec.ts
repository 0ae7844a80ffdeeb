import { expect, test } from '@playwright/test';
import { scrollWidth } from './support/page';
import { signIn } from './support/sign-in';



test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the sign-in page fits', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  });

  test('home and admin pages have no horizontal overflow, and the menu opens', async ({ page }) => {
    await signIn(page, 'admin');
    for (const [path, heading] of [
      ['/', '全部项目'],
      ['/admin/organizations', '单位'],
      ['/admin/users', '用户'],
      ['/settings/tokens', 'API 令牌'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await scrollWidth(page), path).toBeLessThanOrEqual(375);
    }

    // The inline nav is hidden on phones; the 菜单 button opens a drawer with the same links.
    await expect(page.getByRole('button', { name: '退出登录' })).toBeHidden();
    await page.getByRole('button', { name: '菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '导航' });
    await expect(drawer.getByRole('link', { name: '首页' })).toBeVisible();
    await expect(drawer.getByRole('link', { name: '单位' })).toBeVisible();
    await expect(drawer.getByRole('link', { name: 'API 令牌' })).toBeVisible();
    await expect(drawer.getByRole('button', { name: '退出登录' })).toBeVisible();
    await drawer.getByRole('link', { name: '用户' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/admin/users');
    await expect(drawer).toBeHidden();
  });
});

test('switching to English and back to 中文', async ({ page }) => {
  await signIn(page, 'owner.leader');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '我参与的项目' })).toBeVisible();

  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My projects' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice is remembered (cookie), across a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'My projects' })).toBeVisible();

  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: '我参与的项目' })).toBeVisible();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
