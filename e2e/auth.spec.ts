import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD as PASSWORD, submitSignIn as signIn } from './support/sign-in';

const PROJECT = '滨江花园二期';

const atPath = (path: string) => (url: URL) => url.pathname === path;

type Account = { login: string; heading: string; admin?: boolean; homeowner?: boolean };

const ACCOUNTS: Account[] = [
  { login: 'admin', heading: '全部项目', admin: true },
  { login: 'owner.leader', heading: '我参与的项目' },
  { login: 'survey.leader', heading: '我参与的项目' },
  { login: 'design.leader', heading: '我参与的项目' },
  { login: 'construction.leader', heading: '我参与的项目' },
  { login: 'supervision.leader', heading: '我参与的项目' },
  { login: 'construction.qc', heading: '我参与的项目' },
  { login: 'supervision.engineer', heading: '我参与的项目' },
  { login: 'inspector', heading: '辖区内项目' },
  { login: 'homeowner', heading: '我的房屋', homeowner: true },
];

for (const account of ACCOUNTS) {
  test(`${account.login} signs in, sees their home page and signs out`, async ({ page }) => {
    await signIn(page, account.login);

    await expect(page).toHaveURL(atPath('/'));
    await expect(page.getByRole('heading', { level: 1, name: account.heading })).toBeVisible();
    const project = page.getByRole('region', { name: PROJECT });
    await expect(project.getByRole('heading', { level: 2, name: PROJECT })).toBeVisible();

    if (account.homeowner) {
      // Their own building, with a link to its public page (codes are generated: read them from the page).
      const publicLink = project.getByRole('link', { name: /的公开页$/ }).first();
      await expect(publicLink).toBeVisible();
      await expect(publicLink).toHaveAttribute('href', /^\/b\/[^/]+$/);
    } else {
      for (const building of ['1#住宅楼', '2#住宅楼']) {
        await expect(project.getByRole('link', { name: `${building} 的公开页` })).toHaveAttribute('href', /^\/b\/[^/]+$/);
      }
    }

    const nav = page.getByRole('navigation', { name: '主导航' });
    if (account.admin) {
      await expect(nav.getByText('管理', { exact: true })).toBeVisible();
    } else {
      await expect(nav.getByText('管理', { exact: true })).toHaveCount(0);
    }

    // Signed in, /signin sends you home.
    await page.goto('/signin');
    await expect(page).toHaveURL(atPath('/'));

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(atPath('/signin'));
    await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();

    // The session is gone: home sends you back to sign in.
    await page.goto('/');
    await expect(page).toHaveURL(atPath('/signin'));
  });
}

test('empty fields show Chinese validation messages', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('此项为必填项')).toHaveCount(2);
  await expect(page).toHaveURL(atPath('/signin'));
});

test('a wrong password shows the Chinese error and stays on /signin', async ({ page }) => {
  await signIn(page, 'survey.leader', 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: '账号或密码不正确' })).toBeVisible();
  await expect(page).toHaveURL(atPath('/signin'));

  // The right password still works afterwards (and clears the failure count for the next run).
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(atPath('/'));
});

test('after too many failures the sign-in is refused for a while, in Chinese', async ({ page }) => {
  // A login of its own per run: the lock (per login, 15 min) must not touch the demo accounts.
  const login = `locked.${Date.now().toString(36)}`;
  await page.goto('/signin');
  await page.getByLabel('账号', { exact: true }).fill(login);
  const alert = page.getByRole('alert').filter({ hasText: /账号或密码不正确|登录失败次数过多/ });
  const password = page.getByLabel('密码', { exact: true });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await password.fill(`wrong-${attempt}`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    // The form clears the password once the answer is in: only then try again.
    await expect(password).toHaveValue('');
    await expect(alert).toHaveText('账号或密码不正确');
  }
  await password.fill('wrong-6');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(alert).toHaveText('登录失败次数过多，请稍后再试');
  await expect(page).toHaveURL(atPath('/signin'));
});

test('an unauthenticated visit to / goes to /signin', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(atPath('/signin'));
  await expect(page.getByRole('heading', { name: '工程质量终身责任档案' })).toBeVisible();
});

test('a signed-out visit to a page comes back to that page after signing in', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fusers$/);
  await page.getByLabel('账号', { exact: true }).fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(atPath('/admin/users'));
});

test('callbackUrl brings you back to a page of this site, never elsewhere', async ({ page }) => {
  await page.goto('/signin?callbackUrl=%2Fsettings%2Ftokens');
  await page.getByLabel('账号', { exact: true }).fill('owner.leader');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(atPath('/settings/tokens'));

  await page.goto('/signin?callbackUrl=https%3A%2F%2Fexample.com%2F');
  await expect(page).toHaveURL(atPath('/'));
});
