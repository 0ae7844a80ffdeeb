import { expect, test, type Page } from '@playwright/test';
import { choose, scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 局部暂停施工 on a phone (supervision.md §4): the 质监站's inspector suspends 主体结构 (02) of the
 * demo building 1#; the 施工单位's 质检员 sees why and cannot plan a new 检验批 there; the inspector
 * signs the 复工 after 复查; the 检验批 can then be planned. Ends with nothing suspended on 1#.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const tag = Date.now().toString(36);
const reason = `E2E ${tag}：6 层梁柱节点箍筋间距严重超差，未按审查合格的施工图施工`;
const lotName = `E2E ${tag} 7F 梁板钢筋`;

async function openBuildingPage(page: Page, link: string, heading: string) {
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '1#住宅楼' })).toBeVisible();
  await page.getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function planLot(page: Page) {
  await page.getByRole('button', { name: '新建检验批' }).click();
  const dialog = page.getByRole('dialog', { name: '新建检验批' });
  await choose(dialog.getByRole('combobox', { name: /^分部工程/ }), '主体结构');
  await choose(dialog.getByRole('combobox', { name: /^子分部工程/ }), '0201');
  await choose(dialog.getByRole('combobox', { name: /^分项工程/ }), '钢筋');
  await dialog.getByLabel('检验批名称').fill(lotName);
  await dialog.getByLabel('部位/区段').fill('7 层 1–12/A–F 轴');
  await dialog.getByLabel('检验批容量').fill('18');
  await dialog.getByLabel('容量单位').fill('t');
  await dialog.getByRole('button', { name: '新建', exact: true }).click();
  return dialog;
}

test('the inspector suspends 主体结构 with a signed order', async ({ page }) => {
  await signIn(page, 'inspector');
  await openBuildingPage(page, '质量监督', '质量监督');
  const form = page.getByRole('form', { name: '下达暂停施工指令' });
  await choose(form.getByRole('combobox', { name: /^暂停的分部\/子分部/ }), '02 主体结构');
  await form.getByLabel('暂停原因').click(); // closes the option list
  await form.getByLabel('暂停原因').fill(reason);
  await form.getByLabel('依据').fill('《建设工程质量管理条例》第四十八条');
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并下达' }).click();
  await expect(page.getByText('暂停施工指令已签署下达')).toBeVisible();
  const order = page.getByRole('article').filter({ hasText: reason });
  await expect(order).toContainText('02 主体结构');
  await expect(order).toContainText('暂停施工中');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the 质检员 sees why and cannot plan a new 检验批 in 主体结构', async ({ page }) => {
  await signIn(page, 'construction.qc');
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('alert').filter({ hasText: '暂停施工指令未解除' })).toContainText('02 主体结构');
  await page.getByRole('link', { name: '检验批验收' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '检验批验收' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '暂停施工指令未解除' })).toBeVisible();
  const dialog = await planLot(page);
  await expect(dialog.getByText(/该部位已暂停施工：质量监督员 吴振宇 于 .* 下达局部暂停施工指令/)).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('link', { name: lotName, exact: true })).toHaveCount(0);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the inspector signs the 复工 after 复查', async ({ page }) => {
  await signIn(page, 'inspector');
  await openBuildingPage(page, '质量监督', '质量监督');
  const order = page.getByRole('article').filter({ hasText: reason });
  const resume = order.getByRole('form', { name: '复查合格，准予复工' });
  await resume.getByLabel('复查情况').fill('超差节点已返工，复查 12 处均符合设计要求');
  await resume.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await resume.getByRole('button', { name: '签署复工' }).click();
  await expect(page.getByText('复工已签署')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: reason })).toContainText('已复工');
});

test('after 复工 the 质检员 plans the 检验批 in 主体结构', async ({ page }) => {
  await signIn(page, 'construction.qc');
  await openBuildingPage(page, '检验批验收', '检验批验收');
  await expect(page.getByRole('alert').filter({ hasText: '暂停施工指令未解除' })).toHaveCount(0);
  const dialog = await planLot(page);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: lotName, exact: true })).toBeVisible();
});
