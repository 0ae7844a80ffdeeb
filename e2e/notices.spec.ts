import { expect, test, type Page } from '@playwright/test';
import { samplePhoto } from '../server/evidence/sample-photos';
import { chinaDate } from '../server/dates';
import { scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 整改通知单 on a phone: the inspector issues a notice with a deadline to the 施工单位 of 1#; the
 * 项目经理 answers both items with photos; the inspector verifies one and returns the other; the
 * 项目经理 answers it again; the inspector verifies it and the notice is closed.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const tag = Date.now().toString(36);
const deadline = new Date(Date.parse(chinaDate()) + 7 * 86_400_000).toISOString().slice(0, 10);
let noticePath = '';
let photoSeed = 5000 + Math.floor(Math.random() * 1000);

async function openSupervision(page: Page) {
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '1#住宅楼' })).toBeVisible();
  await page.getByRole('link', { name: '质量监督' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '质量监督' })).toBeVisible();
}

async function answer(page: Page, n: number, actionTaken: string) {
  const f = page.getByRole('form', { name: `回复第 ${n} 项` });
  await f.getByLabel('整改情况').fill(actionTaken);
  const photo = await samplePhoto(photoSeed++, { takenAt: new Date(Date.now() - 60_000) });
  await f.getByLabel('拍照或选择照片').setInputFiles({ name: `IMG_${photoSeed}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  await expect(f.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible({ timeout: 20_000 });
  await f.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await f.getByRole('button', { name: '签署并回复' }).click();
  await expect(page.getByRole('form', { name: `回复第 ${n} 项` })).toHaveCount(0);
}

async function check(page: Page, n: number, decision: '核验通过' | '退回重改', reason = '') {
  const f = page.getByRole('form', { name: `核验第 ${n} 项` });
  await f.getByText(decision, { exact: true }).click();
  if (reason) await f.getByLabel('退回理由').fill(reason);
  await f.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await f.getByRole('button', { name: '签署核验' }).click();
  await expect(page.getByRole('form', { name: `核验第 ${n} 项` })).toHaveCount(0);
}

test('the inspector issues a notice with a deadline to the 施工单位', async ({ page }) => {
  await signIn(page, 'inspector');
  await openSupervision(page);
  // The demo's overdue notice shows its days overdue.
  await expect(page.getByText(/逾期 \d+ 天/).first()).toBeVisible();
  const f = page.getByRole('form', { name: '下发整改通知单' });
  await f.getByLabel('整改依据').fill('《建设工程质量管理条例》第四十八条');
  await f.getByLabel('整改期限').fill(deadline);
  const first = f.getByRole('group', { name: '第 1 项' });
  await first.getByLabel('存在问题').fill(`E2E ${tag}：2 层梁板模板支撑立杆间距 1.5 m，超出方案 1.2 m`);
  await first.getByLabel('依据').fill('GB 50666-2011 第 4.4.7 条');
  await first.getByLabel('整改要求').fill('按专项方案加密立杆');
  await f.getByRole('button', { name: '增加一项' }).click();
  const second = f.getByRole('group', { name: '第 2 项' });
  await second.getByLabel('存在问题').fill('模板拼缝不严');
  await second.getByLabel('依据').fill('GB 50204-2015 第 4.2.6 条');
  await second.getByLabel('整改要求').fill('拼缝处粘贴海绵条');
  await f.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await f.getByRole('button', { name: '签署并下发' }).click();
  const issued = page.getByText(/整改通知单 整改-\d{4}-\d{3} 已签发/);
  await expect(issued).toBeVisible();
  const number = (await issued.textContent())!.match(/整改-\d{4}-\d{3}/)![0];
  const link = page.getByRole('link', { name: number });
  await expect(link).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: `整改通知单 ${number}` })).toBeVisible();
  noticePath = new URL(page.url()).pathname;
  await expect(page.getByText('整改中')).toBeVisible();
});

test('the 项目经理 answers both items with photos', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.goto(noticePath);
  await answer(page, 1, '已按专项方案将立杆间距加密至 1.2 m');
  await answer(page, 2, '拼缝处已粘贴海绵条');
  await expect(page.getByText('待核验')).toHaveCount(2);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the inspector verifies item 1 and returns item 2', async ({ page }) => {
  await signIn(page, 'inspector');
  await page.goto(noticePath);
  await check(page, 1, '核验通过');
  await check(page, 2, '退回重改', '部分拼缝仍有漏浆痕迹，请全面检查');
  await expect(page.getByText('部分拼缝仍有漏浆痕迹，请全面检查')).toBeVisible();
});

test('the 项目经理 answers item 2 again', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.goto(noticePath);
  await expect(page.getByRole('form', { name: '回复第 1 项' })).toHaveCount(0);
  await answer(page, 2, '已全面检查并重新处理拼缝，浇筑前复查无漏浆');
});

test('the inspector verifies it and the notice is closed', async ({ page }) => {
  await signIn(page, 'inspector');
  await page.goto(noticePath);
  await expect(page.getByRole('article', { name: '第 2 次回复' })).toBeVisible();
  await check(page, 2, '核验通过');
  await expect(page.getByText('已闭合')).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});
