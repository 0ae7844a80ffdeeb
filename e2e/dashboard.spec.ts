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

test('on a phone the desk of a whole jurisdiction comes a page at a time, and the filters ask the server', async ({ page }) => {
  await signIn(page, 'inspector');
  await page.goto('/supervision');
  const projects = page.getByRole('list', { name: '辖区项目' }).locator(':scope > li');
  const pager = page.getByText(/^第 \d+\/\d+ 页 · 符合条件的项目 \d+ 个$/);
  // The 33 projects of the demo jurisdiction (more if another journey registered one): the
  // first 20 with the total, and nothing wider than the phone.
  await expect(pager).toHaveText(/^第 1\/2 页 · 符合条件的项目 3\d 个$/);
  const total = Number((await pager.textContent())!.match(/项目 (\d+) 个/)![1]);
  expect(total).toBeGreaterThanOrEqual(33);
  await expect(projects).toHaveCount(20);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await page.getByRole('button', { name: '下一页' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toHaveText(`第 2/2 页 · 符合条件的项目 ${total} 个`);
  await expect(projects).toHaveCount(total - 20);
  await expect(page.getByRole('button', { name: '下一页' })).toBeDisabled();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // A filter starts again from the first page: the suspended sites, the second demo project among them.
  await page.getByRole('combobox', { name: '按提示筛选' }).click();
  await page.getByTitle(/^局部暂停施工中 \d+$/).click();
  await expect(page).toHaveURL(/signal=SUSPENDED/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager).toHaveText(/^第 1\/1 页 · 符合条件的项目 \d 个$/);
  await expect(page.getByRole('list', { name: '晋安湖学府里的提示' }).getByText(/^局部暂停施工中 1$/)).toBeVisible();
  await expect(projects.filter({ hasNotText: '局部暂停施工中' })).toHaveCount(0);
  // 晋安区 with an open notice: one generated project.
  await page.goto('/supervision?region=350111&signal=NOTICES_OPEN');
  await expect(page.getByText('第 1/1 页 · 符合条件的项目 1 个')).toBeVisible();
  await expect(projects).toHaveCount(1);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('a contractor has no supervision desk', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.getByRole('button', { name: '菜单' }).click();
  await expect(page.getByRole('link', { name: '监督工作台' })).toHaveCount(0);
  await page.goto('/supervision');
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await expect(page.getByText('此页面仅质量监督员和系统管理员可以使用')).toBeVisible();
});
