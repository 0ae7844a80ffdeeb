import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';
import { creditCodeCheckChar } from '@/server/orgs/credit-code';


/** A fresh, valid 统一社会信用代码 per run (the demo database outlives test runs). */
function uniqueCreditCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let i = 0; i < 9; i++) body += charset[Math.floor(Math.random() * charset.length)];
  const first17 = `91350100${body}`;
  return first17 + creditCodeCheckChar(first17);
}

function wrongCheckChar(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, 17) + last;
}

test('admin creates an organization and a user and sees them listed', async ({ page }) => {
  // The first test against a fresh server, with two argon2id hashes: on a loaded machine it ran past 60 s.
  test.slow();
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const orgName = `E2E 测试建设有限公司 ${suffix}`;
  const code = uniqueCreditCode();

  await signIn(page, 'admin');
  await page.goto('/admin/organizations');
  await expect(page.getByRole('heading', { level: 1, name: '单位' })).toBeVisible();

  // 1. An invalid credit code: the Chinese check-digit error, nothing created.
  await page.getByRole('button', { name: '新建单位' }).click();
  const orgDialog = page.getByRole('dialog', { name: '新建单位' });
  await orgDialog.getByLabel('单位名称').fill(orgName);
  await orgDialog.getByLabel('统一社会信用代码').fill(wrongCheckChar(code));
  await orgDialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(orgDialog.getByText('统一社会信用代码无效（校验位不正确）')).toBeVisible();
  await orgDialog.getByRole('button', { name: '取消' }).click();
  await expect(orgDialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole('cell', { name: orgName })).toHaveCount(0);

  // 2. A valid one: created, listed, form closed.
  await page.getByRole('button', { name: '新建单位' }).click();
  await orgDialog.getByLabel('单位名称').fill(orgName);
  await orgDialog.getByLabel('统一社会信用代码').fill(code);
  await orgDialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(orgDialog).toBeHidden();
  await expect(page.getByText(`已创建单位：${orgName}`)).toBeVisible();
  await expect(page.getByRole('cell', { name: orgName })).toBeVisible();
  await expect(page.getByRole('cell', { name: code })).toBeVisible();

  // 3. The same code again: the server's CREDIT_CODE_TAKEN, in Chinese, on the field.
  await page.getByRole('button', { name: '新建单位' }).click();
  await orgDialog.getByLabel('单位名称').fill(`${orgName} 重复`);
  await orgDialog.getByLabel('统一社会信用代码').fill(code);
  await orgDialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(orgDialog.getByText('该统一社会信用代码已登记')).toBeVisible();
  await orgDialog.getByRole('button', { name: '取消' }).click();

  // 4. A user in that organization.
  const login = `e2e.${suffix}`;
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: '用户' })).toBeVisible();
  await page.getByRole('button', { name: '新建用户' }).click();
  const userDialog = page.getByRole('dialog', { name: '新建用户' });
  await userDialog.getByLabel('账号').fill(login);
  await userDialog.getByLabel('姓名').fill('测试员');
  await userDialog.getByLabel('手机号').fill('13800138000');
  await userDialog.getByLabel('初始密码').fill('E2ePassword2026');
  const orgSelect = userDialog.getByLabel('所属单位');
  await orgSelect.click();
  await orgSelect.fill(suffix);
  await orgSelect.press('Enter');
  await userDialog.getByLabel('职务').fill('质检员');
  await userDialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(userDialog).toBeHidden();
  await expect(page.getByText(`已创建用户：测试员（${login}）`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: login });
  await expect(row).toBeVisible();
  await expect(row).toContainText(orgName);
  await expect(row).toContainText('138****8000');

  // 5. The same login again: LOGIN_TAKEN on the 账号 field.
  await page.getByRole('button', { name: '新建用户' }).click();
  await userDialog.getByLabel('账号').fill(login);
  await userDialog.getByLabel('姓名').fill('测试员二');
  await userDialog.getByLabel('初始密码').fill('E2ePassword2026');
  await userDialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(userDialog.getByText('该账号已被使用')).toBeVisible();
  await userDialog.getByRole('button', { name: '取消' }).click();

  // 6. Disable the new account: it is marked 已停用 and can no longer sign in.
  await row.getByRole('button', { name: `停用 ${login}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
  await expect(page.getByText('已停用：测试员')).toBeVisible();
  await expect(row).toContainText('已停用');
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill('E2ePassword2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '账号或密码不正确' })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/signin');
});

test('a 质监站 needs valid 6-digit division codes', async ({ page }) => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const orgName = `E2E 质监站 ${suffix}`;
  await signIn(page, 'admin');
  await page.goto('/admin/organizations');
  await page.getByRole('button', { name: '新建单位' }).click();
  const dialog = page.getByRole('dialog', { name: '新建单位' });
  await dialog.getByLabel('单位名称').fill(orgName);
  await dialog.getByLabel('统一社会信用代码').fill(uniqueCreditCode());
  await dialog.getByText('质监站', { exact: true }).click();
  await expect(dialog.getByRole('radio', { name: '质监站' })).toBeChecked();

  await dialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(dialog.getByText('质监站至少需要填写一个辖区行政区划代码')).toBeVisible();

  const regions = dialog.getByLabel('辖区行政区划代码');
  await regions.fill('350102, 3501');
  await dialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(dialog.getByText('行政区划代码应为 6 位数字')).toBeVisible();

  await regions.fill('350102, 350103');
  await dialog.getByRole('button', { name: '创建', exact: true }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: orgName });
  await expect(row).toContainText('质监站');
  await expect(row).toContainText('350102, 350103');
});

test('a non-admin opening /admin/users sees the 403 page', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await expect(page.getByText('此页面仅系统管理员可以使用')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});
