import { createHash } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { samplePhoto } from '../server/evidence/sample-photos';
import { choose, scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 检验批验收 on a phone (GB 55032 4.3.1): the 施工单位's 质检员 plans two lots of the demo
 * building 1# (whose five pledges are signed), the second waiting for the first; self-checks
 * the first (a wrong password first; a reload in the middle proves the draft survives); the
 * 专业监理工程师 rejects it with reasons; the rework starts from the rejected record and is
 * resubmitted; the 监理 accepts and the second lot is free. Then a dropped connection loses
 * nothing and the retry makes exactly one record.
 *
 * Lots get a unique name per run: the demo building keeps the lots of earlier runs.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const stamp = Date.now().toString(36).toUpperCase();
const lotA = { name: `E2E ${stamp} 3 层梁板钢筋`, location: '3 层 ①–⑧/Ⓐ–Ⓓ 轴', capacity: '20', unit: '件' };
const lotB = { name: `E2E ${stamp} 3 层梁板混凝土`, location: '3 层 ①–⑧/Ⓐ–Ⓓ 轴 梁板', capacity: '30', unit: 'm³' };
const run = { progressUrl: '', lotAUrl: '', lotBUrl: '' };
const CONCEALED_LOCATION = `3 层 ①–⑧/Ⓐ–Ⓓ 轴 梁板 ${stamp}`;
const QC_SIGNER = '刘晓明（项目专业质量检查员，施工单位 闽江建工集团有限公司）签署于';
const ENGINEER_SIGNER = '张丽萍（专业监理工程师，监理单位 福建正衡工程监理有限公司）签署于';

/** A photo from the phone, new to the server (unique per run), put into the form's photo input; waits for its receipt. */
async function addPhoto(form: Locator, name: string) {
  const photo = await samplePhoto(2000 + Math.floor(Math.random() * 100_000), { takenAt: new Date(Date.now() - 60_000) });
  await form.getByLabel('拍照或选择照片').setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  await expect(form.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible({ timeout: 20_000 });
  return createHash('sha256').update(photo).digest('hex');
}

const MAIN_REQUIREMENT = '受力钢筋的牌号、规格和数量符合设计要求';
const GENERAL_REQUIREMENT = '钢筋安装位置允许偏差：受力钢筋间距 ±10 mm';
const REJECTION = '3 轴梁端箍筋加密区长度不足，整改后重新报验';

/** A lot's row on the progress page (found by its link, not by text other rows may quote). */
const lotRow = (page: Page, name: string) => page.locator('.bl-lot-row').filter({ has: page.getByRole('link', { name, exact: true }) });
const selfCheckForm = (page: Page) => page.getByRole('form', { name: '检验批自检记录' });
const item = (page: Page, n: number) => selfCheckForm(page).getByRole('group', { name: `检查项目 ${n}` });
const history = (page: Page) => page.getByRole('region', { name: '验收记录' });
const receipt = (page: Page) => page.getByRole('region', { name: '已签署并提交验收' });

async function openProgress(page: Page) {
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '1#住宅楼' })).toBeVisible();
  await page.getByRole('link', { name: '检验批验收' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '检验批验收' })).toBeVisible();
}

async function planLot(page: Page, lot: typeof lotA, item: string, predecessor?: typeof lotA) {
  await page.getByRole('button', { name: '新建检验批' }).click();
  const dialog = page.getByRole('dialog', { name: '新建检验批' });
  await choose(dialog.getByRole('combobox', { name: /^分部工程/ }), '主体结构');
  await choose(dialog.getByRole('combobox', { name: /^子分部工程/ }), '0201');
  await choose(dialog.getByRole('combobox', { name: /^分项工程/ }), item);
  await dialog.getByLabel('检验批名称').fill(lot.name);
  await dialog.getByLabel('部位/区段').fill(lot.location);
  await dialog.getByLabel('检验批容量').fill(lot.capacity);
  await dialog.getByLabel('容量单位').fill(lot.unit);
  if (predecessor) {
    await choose(dialog.getByRole('combobox', { name: /^前序检验批/ }), predecessor.name);
    await dialog.getByLabel('检验批名称').click(); // closes the option list
  }
  await dialog.getByRole('button', { name: '新建', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(lotRow(page, lot.name)).toBeVisible();
}

test('the 质检员 plans two lots on a phone; the second waits for the first', async ({ page }) => {
  await signIn(page, 'construction.qc');
  await openProgress(page);
  run.progressUrl = new URL(page.url()).pathname;

  // The dialog: a number that is no lot size is refused; the minimum sample follows the capacity.
  await page.getByRole('button', { name: '新建检验批' }).click();
  const dialog = page.getByRole('dialog', { name: '新建检验批' });
  await dialog.getByLabel('检验批容量').fill('20');
  await expect(dialog.getByText('最小抽样数量：3（GB 50300 第 3.0.9 条）')).toBeVisible();
  await dialog.getByLabel('检验批容量').fill('0');
  await dialog.getByRole('button', { name: '新建', exact: true }).click();
  await expect(dialog.getByText('检验批容量应为正整数')).toBeVisible();
  await expect(dialog.getByText('请选择子分部')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  await planLot(page, lotA, '钢筋');
  await expect(lotRow(page, lotA.name)).toContainText('未提交');
  await planLot(page, lotB, '混凝土', lotA);

  const rowB = lotRow(page, lotB.name);
  await expect(rowB).toContainText('受阻');
  await expect(rowB).toContainText(`受前序检验批制约：${lotA.name}（${lotA.location}）`);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // The lot page says the same.
  await rowB.getByRole('link', { name: lotB.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: lotB.name })).toBeVisible();
  run.lotBUrl = new URL(page.url()).pathname;
  await expect(page.getByText(`受前序检验批制约：${lotA.name}（${lotA.location}）`)).toBeVisible();
  await expect(page.getByText('未验收，制约本批')).toBeVisible();
  await expect(selfCheckForm(page)).toHaveCount(0);

  await page.getByRole('link', { name: '返回检验批验收' }).click();
  await lotRow(page, lotA.name).getByRole('link', { name: lotA.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: lotA.name })).toBeVisible();
  run.lotAUrl = new URL(page.url()).pathname;

  // A draft can be discarded: the form starts over and nothing comes back after a reload.
  await item(page, 1).getByLabel('设计要求及规范规定').fill('写错的检验批');
  await expect(page.getByText('草稿已保存到本机')).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await page.getByRole('button', { name: '放弃草稿' }).click();
  await page.getByRole('button', { name: '放弃', exact: true }).click();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toHaveCount(0);
  await expect(item(page, 1).getByLabel('设计要求及规范规定')).toHaveValue('');
  await page.reload();
  await expect(item(page, 1)).toBeVisible();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toHaveCount(0);
});

test('the self-check: a draft that survives a reload, a wrong password, then the signed record', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotAUrl);
  await expect(page.getByRole('heading', { level: 2, name: '自检记录' })).toBeVisible();
  await expect(page.getByText('尚无验收记录。')).toBeVisible();
  // Opening the form makes no draft: a reload before typing restores nothing.
  await expect(item(page, 1)).toBeVisible();
  await page.reload();
  await expect(item(page, 1)).toBeVisible();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toHaveCount(0);

  // 主控项目: the minimum sample comes from the capacity (20 → 3); a failed point fails it.
  const main = item(page, 1);
  await expect(main.getByLabel('最小抽样')).toHaveValue('3');
  await main.getByLabel('设计要求及规范规定').fill(MAIN_REQUIREMENT);
  await main.getByLabel('实际抽样').fill('3');
  await main.getByLabel('合格数').fill('2');
  await expect(selfCheckForm(page).getByText('检查项目 1：主控项目有不合格点')).toBeVisible();
  await main.getByLabel('合格数').fill('3');
  await expect(selfCheckForm(page).getByText('检查项目 1：主控项目有不合格点')).toHaveCount(0);

  // 一般项目: 80% needed; a severe defect fails it whatever the rate.
  await selfCheckForm(page).getByRole('button', { name: '添加一般项目' }).click();
  const general = item(page, 2);
  await general.getByLabel('设计要求及规范规定').fill(GENERAL_REQUIREMENT);
  await general.getByLabel('实际抽样').fill('10');
  await general.getByLabel('合格数').fill('7');
  await expect(selfCheckForm(page).getByText('检查项目 2：一般项目合格率低于 80%')).toBeVisible();
  await general.getByLabel('合格数').fill('9');
  await general.getByLabel('存在严重缺陷').check();
  await expect(selfCheckForm(page).getByText('检查项目 2：存在严重缺陷')).toBeVisible();
  await general.getByLabel('存在严重缺陷').uncheck();
  await general.getByLabel('实测值').fill('5, -3 8 12');
  await expect(selfCheckForm(page).getByText('未填写施工依据')).toBeVisible();

  // Halfway: the draft is on the device and comes back after a reload.
  await expect(page.getByText('草稿已保存到本机')).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await expect(item(page, 1).getByLabel('设计要求及规范规定')).toHaveValue(MAIN_REQUIREMENT);
  await expect(item(page, 1).getByLabel('合格数')).toHaveValue('3');
  await expect(item(page, 2).getByLabel('设计要求及规范规定')).toHaveValue(GENERAL_REQUIREMENT);
  await expect(item(page, 2).getByLabel('合格数')).toHaveValue('9');
  await expect(item(page, 2).getByLabel('实测值')).toHaveValue('5, -3 8 12');

  const form = selfCheckForm(page);
  await form.getByLabel('施工依据').fill('钢筋工程施工方案 FJ-SG-2026-012；技术交底 JD-031');
  await form.getByLabel('验收依据').fill('GB 50204-2015');
  await expect(form.getByText('可以签署提交验收')).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // A wrong password: the error under the password, nothing submitted.
  await form.getByLabel('登录密码').fill('not-my-password');
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(page.locator('#self-check-password-help')).toHaveText('当前密码不正确');
  await expect(receipt(page)).toHaveCount(0);
  await expect(page.getByText('尚无验收记录。')).toBeVisible();

  // The right one: the receipt names the record and its content's SHA-256.
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(receipt(page)).toBeVisible();
  const sha = receipt(page).locator('code').nth(1);
  await expect(sha).toHaveText(/^[0-9a-f]{64}$/);
  await expect(history(page).getByRole('article')).toHaveCount(1);
  await expect(history(page)).toContainText((await sha.textContent())!);
  await expect(history(page)).toContainText('等待专业监理工程师验收');
  await expect(page.getByText('待验收', { exact: true })).toBeVisible();
  await expect(selfCheckForm(page)).toHaveCount(0);

  // The draft is gone once the server confirmed.
  await page.reload();
  await expect(history(page).getByRole('article')).toHaveCount(1);
  await expect(page.getByText(/已恢复未提交的草稿|本机有该检验批未提交的草稿/)).toHaveCount(0);
});

test('the 专业监理工程师 rejects the record with reasons', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'supervision.engineer');
  await page.goto(run.lotAUrl);
  const review = page.getByRole('form', { name: '监理验收' });
  await expect(review.getByText('各项均符合要求，可以验收通过')).toBeVisible();

  // Tapping the button's label (antd keeps the radio itself out of sight).
  await review.getByText('退回', { exact: true }).click();
  await expect(review.getByRole('radio', { name: '退回' })).toBeChecked();
  await review.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await review.getByRole('button', { name: '签署验收意见' }).click();
  await expect(review.getByText('退回时请填写原因')).toBeVisible();

  await review.getByLabel('退回原因').fill(REJECTION);
  await review.getByRole('button', { name: '签署验收意见' }).click();
  await expect(review).toHaveCount(0);
  const first = history(page).getByRole('article').first();
  await expect(first).toContainText('退回整改');
  await expect(first).toContainText(REJECTION);
  await expect(first).toContainText('张丽萍');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the 质检员 reworks: the form starts from the rejected record, and is resubmitted', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotAUrl);
  await expect(page.getByRole('heading', { level: 2, name: '整改后重新报验' })).toBeVisible();
  await expect(page.getByText(/^已按被退回的记录预填/)).toBeVisible();
  await expect(item(page, 1).getByLabel('设计要求及规范规定')).toHaveValue(MAIN_REQUIREMENT);
  await expect(item(page, 2).getByLabel('设计要求及规范规定')).toHaveValue(GENERAL_REQUIREMENT);
  await expect(item(page, 2).getByLabel('实测值')).toHaveValue('5, -3, 8, 12');
  const form = selfCheckForm(page);
  await expect(form.getByLabel('验收依据')).toHaveValue('GB 50204-2015');

  await item(page, 2).getByLabel('合格数').fill('10');
  await form.getByLabel('备注').fill('3 轴梁端箍筋加密区已按设计补设');
  // A photo from the phone: kept on the device until the server confirms its SHA-256.
  const photo = await samplePhoto(900 + Math.floor(Math.random() * 1000), { takenAt: new Date(Date.now() - 60_000) });
  await form.getByLabel('拍照或选择照片').setInputFiles({ name: 'IMG_2001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(form.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible({ timeout: 20_000 });
  await expect(form.getByText(createHash('sha256').update(photo).digest('hex').slice(0, 16))).toBeVisible();
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(receipt(page)).toBeVisible();

  const records = history(page).getByRole('article');
  await expect(records).toHaveCount(2);
  await expect(records.nth(0)).toContainText('已由第 2 次报验取代');
  await expect(records.nth(1)).toContainText('重新报验，取代被退回的记录（第 1 次报验）');
  await expect(records.nth(1)).toContainText('等待专业监理工程师验收');
  await expect(records.nth(1).getByRole('img', { name: /^现场照片/ })).toBeVisible();
  await expect(records.nth(1)).toContainText('服务器接收');
});

test('the 专业监理工程师 accepts; the second lot is no longer blocked', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'supervision.engineer');
  await page.goto(run.lotAUrl);
  const review = page.getByRole('form', { name: '监理验收' });
  await review.getByText('通过', { exact: true }).click();
  await expect(review.getByRole('radio', { name: '通过' })).toBeChecked();
  // The 监理's own photo from site goes with the signed review.
  const sha = await addPhoto(review, 'IMG_3001.jpg');
  await review.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await review.getByRole('button', { name: '签署验收意见' }).click();
  await expect(review).toHaveCount(0);
  const accepted = history(page).getByRole('article').nth(1);
  await expect(accepted).toContainText('验收通过');
  const reviewPhotos = accepted.getByRole('list', { name: '监理验收照片' });
  await expect(reviewPhotos.getByRole('img', { name: /^现场照片/ })).toBeVisible();
  await expect(reviewPhotos).toContainText(sha.slice(0, 16));
  await expect(reviewPhotos).toContainText('服务器接收');
  await expect(page.getByText('已验收', { exact: true }).first()).toBeVisible();

  await page.getByRole('link', { name: '返回检验批验收' }).click();
  await expect(lotRow(page, lotA.name)).toContainText('已验收');
  const rowB = lotRow(page, lotB.name);
  await expect(rowB).toContainText('未提交');
  await expect(rowB).not.toContainText('受阻');
  await expect(rowB).not.toContainText('受前序检验批制约');
});

test('a dropped connection loses nothing, and the retry makes exactly one record', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotBUrl);
  await expect(page.getByText('受前序检验批制约')).toHaveCount(0);
  const form = selfCheckForm(page);
  const main = item(page, 1);
  await expect(main.getByLabel('最小抽样')).toHaveValue('5');
  await main.getByLabel('设计要求及规范规定').fill('混凝土强度等级符合设计要求（标养试件 C30）');
  await main.getByLabel('实际抽样').fill('5');
  await main.getByLabel('合格数').fill('5');
  await form.getByLabel('施工依据').fill('混凝土工程施工方案 FJ-SG-2026-015');
  await form.getByLabel('验收依据').fill('GB 50204-2015');
  await expect(form.getByText('可以签署提交验收')).toBeVisible();
  await expect(page.getByText('草稿已保存到本机')).toBeVisible();

  // Offline: the request cannot leave; the draft stays.
  await page.context().setOffline(true);
  await expect(form.getByText('当前没有网络连接。可以继续填写，内容保存在本机。')).toBeVisible();
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(form.getByText('网络中断，草稿已保存在本机，恢复连接后请重新提交')).toBeVisible();
  await expect(receipt(page)).toHaveCount(0);

  // Back online, a reload: the draft is back (the password is not kept).
  await page.context().setOffline(false);
  await page.reload();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await expect(item(page, 1).getByLabel('设计要求及规范规定')).toHaveValue('混凝土强度等级符合设计要求（标养试件 C30）');
  await expect(form.getByLabel('施工依据')).toHaveValue('混凝土工程施工方案 FJ-SG-2026-015');
  await expect(form.getByLabel('登录密码')).toHaveValue('');

  // The connection drops after the server has stored the record: the answer never arrives.
  let storedId = '';
  await page.route('**/api/trpc/**', async (route) => {
    if (!route.request().url().includes('inspections.submit')) return route.fallback();
    const response = await route.fetch();
    storedId = /"id":"([0-9a-f-]{36})"/.exec(await response.text())?.[1] ?? '';
    await route.abort('internetdisconnected');
  });
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(form.getByText('网络中断，草稿已保存在本机，恢复连接后请重新提交')).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });

  expect(storedId).toMatch(/^[0-9a-f-]{36}$/);

  // The retry replays the same idempotency key: the server answers with the record it made.
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(receipt(page)).toBeVisible();
  await expect(receipt(page).locator('code').first()).toHaveText(storedId);
  await expect(history(page).getByRole('article')).toHaveCount(1);

  await page.reload();
  await expect(history(page).getByRole('article')).toHaveCount(1);
  await expect(page.getByText(/已恢复未提交的草稿|本机有该检验批未提交的草稿/)).toHaveCount(0);
  await page.goto(run.progressUrl);
  await expect(lotRow(page, lotB.name)).toContainText('待验收');
  await expect(lotRow(page, lotB.name)).not.toContainText('本机草稿');
});

test('the pages read in English too', async ({ page, context }) => {
  await signIn(page, 'supervision.engineer');
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto(run.progressUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Inspection lots' })).toBeVisible();
  await expect(lotRow(page, lotA.name)).toContainText('Accepted');
  await expect(lotRow(page, lotB.name)).toContainText('Awaiting review');
  await page.goto(run.lotAUrl);
  await expect(page.getByRole('heading', { level: 2, name: 'Records' })).toBeVisible();
  await expect(page.getByText('Resubmitted after rework, superseding the rejected record (submission 1)')).toBeVisible();
  await page.goto(run.lotBUrl);
  await expect(page.getByRole('form', { name: 'Supervisor’s review' })).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('隐蔽工程: the 质检员 records it (a wrong password first), which notifies the 建设单位 and the 质监站', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotAUrl);
  const section = page.getByRole('region', { name: '隐蔽工程验收', exact: true });
  await expect(section.getByText('本检验批尚无隐蔽工程记录。')).toBeVisible();
  const form = page.getByRole('form', { name: '记录隐蔽工程' });
  await form.getByLabel('部位/轴线').fill(CONCEALED_LOCATION);
  await form.getByLabel('隐蔽内容').fill('梁板钢筋的品种、规格、数量、间距、连接及保护层');
  await form.getByLabel('图纸及试验报告').fill('结施-05；钢筋复试报告 GJ-2026-031');
  await form.getByLabel('计划覆盖时间').fill('2026-11-26T09:30');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // A reload (or a dropped connection) loses nothing typed; the photo waits in its own queue.
  const sha = await addPhoto(form, 'IMG_4001.jpg');
  await expect(form.getByText('草稿已保存到本机')).toBeVisible();
  await page.reload();
  await expect(form.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await expect(form.getByLabel('部位/轴线')).toHaveValue(CONCEALED_LOCATION);
  await expect(form.getByLabel('隐蔽内容')).toHaveValue('梁板钢筋的品种、规格、数量、间距、连接及保护层');
  await expect(form.getByLabel('计划覆盖时间')).toHaveValue('2026-11-26T09:30');
  await expect(form.getByLabel('登录密码')).toHaveValue('');
  await expect(form.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible();

  await form.getByLabel('登录密码').fill('not-my-password');
  await form.getByRole('button', { name: '签署并报验' }).click();
  await expect(page.locator('#concealed-password-help')).toHaveText('当前密码不正确');
  await expect(section.getByRole('article')).toHaveCount(0);

  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并报验' }).click();
  const work = section.getByRole('article');
  await expect(work).toHaveCount(1);
  await expect(work).toContainText(CONCEALED_LOCATION);
  await expect(work).toContainText('已通知建设单位和质监站');
  await expect(work).toContainText('2026年11月26日 09:30');
  await expect(work).toContainText('待监理验收');
  await expect(work).toContainText(QC_SIGNER);
  await expect(work.getByRole('list', { name: '照片证据' })).toContainText(sha.slice(0, 16));
  await expect(work.getByRole('link').filter({ has: page.getByRole('img', { name: /^现场照片/ }) })).toHaveAttribute('href', /^\/api\/photos\/[0-9a-f-]{36}$/);
  // The form starts over, for the next work: no draft, no photos.
  await expect(form.getByLabel('部位/轴线')).toHaveValue('');
  await expect(form.getByRole('list', { name: '照片' }).getByRole('listitem')).toHaveCount(0);
  await page.reload();
  await expect(form.getByLabel('部位/轴线')).toHaveValue('');
  await expect(form.getByText(/^已恢复未提交的草稿/)).toHaveCount(0);
});

test('隐蔽工程: an answer lost on the way back: after a reload the draft knows its record by its key, and is cleared', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotBUrl);
  const section = page.getByRole('region', { name: '隐蔽工程验收', exact: true });
  const form = page.getByRole('form', { name: '记录隐蔽工程' });
  await form.getByLabel('部位/轴线').fill(`${CONCEALED_LOCATION} 后浇带`);
  await form.getByLabel('隐蔽内容').fill('后浇带止水钢板及附加钢筋');
  await expect(form.getByText('草稿已保存到本机')).toBeVisible();

  // The server stores the record; the connection drops before its answer arrives.
  await page.route('**/api/trpc/**', async (route) => {
    if (!route.request().url().includes('inspections.recordConcealed')) return route.fallback();
    await route.fetch();
    await route.abort('internetdisconnected');
  });
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并报验' }).click();
  await expect(form.locator('.ant-alert-error')).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });

  // Back: the lot names the record made under the draft's key; the draft goes, nothing is submitted twice.
  await page.reload();
  await expect(page.getByText('本机草稿已提交过，服务器已保存该记录')).toBeVisible();
  await expect(section.getByRole('article')).toHaveCount(1);
  await expect(section.getByRole('article')).toContainText(`${CONCEALED_LOCATION} 后浇带`);
  await expect(form.getByLabel('部位/轴线')).toHaveValue('');
  await page.reload();
  await expect(form.getByText(/^已恢复未提交的草稿/)).toHaveCount(0);
  await expect(section.getByRole('article')).toHaveCount(1);
});

test('隐蔽工程: the 专业监理工程师 accepts it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'supervision.engineer');
  await page.goto(run.lotAUrl);
  const review = page.getByRole('form', { name: '隐蔽工程验收意见' });
  await review.getByText('通过', { exact: true }).click();
  await expect(review.getByRole('radio', { name: '通过' })).toBeChecked();
  await review.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await review.getByRole('button', { name: '签署验收意见' }).click();
  await expect(review).toHaveCount(0);
  await expect(page.getByRole('region', { name: '隐蔽工程验收', exact: true }).getByRole('article')).toContainText('已验收');
  await expect(page.getByRole('region', { name: '隐蔽工程验收', exact: true }).getByRole('article')).not.toContainText('待监理验收');
  await expect(page.getByRole('region', { name: '隐蔽工程验收', exact: true }).getByRole('article')).toContainText(ENGINEER_SIGNER);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('旁站: the 专业监理工程师 records a 旁站 (the end before the start is refused)', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'supervision.engineer');
  await page.goto(run.lotAUrl);
  const section = page.getByRole('region', { name: '旁站记录', exact: true });
  await expect(section.getByText('本检验批尚无旁站记录。')).toBeVisible();
  const form = page.getByRole('form', { name: '记录旁站' });
  await form.locator('#side-station-process').fill('梁板混凝土浇筑');
  await form.locator('#side-station-location').fill(CONCEALED_LOCATION);
  await form.locator('#side-station-started').fill('2026-11-25T08:00');
  await form.locator('#side-station-ended').fill('2026-11-25T07:30');
  await form.locator('#side-station-observations').fill('施工人员到岗，C30 商品混凝土坍落度抽测 180 mm，振捣密实，留置标养试块 3 组');
  const sha = await addPhoto(form, 'IMG_5001.jpg');

  // The draft survives a reload, the password does not.
  await expect(form.getByText('草稿已保存到本机')).toBeVisible();
  await page.reload();
  await expect(form.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await expect(form.locator('#side-station-process')).toHaveValue('梁板混凝土浇筑');
  await expect(form.locator('#side-station-started')).toHaveValue('2026-11-25T08:00');
  await expect(form.locator('#side-station-observations')).toHaveValue('施工人员到岗，C30 商品混凝土坍落度抽测 180 mm，振捣密实，留置标养试块 3 组');
  await expect(form.getByLabel('登录密码')).toHaveValue('');
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署旁站记录' }).click();
  await expect(page.locator('#side-station-ended-help')).toHaveText('结束时间不能早于开始时间');
  await form.locator('#side-station-ended').fill('2026-11-25T11:30');
  await form.getByRole('button', { name: '签署旁站记录' }).click();
  const record = section.getByRole('article');
  await expect(record).toHaveCount(1);
  await expect(record).toContainText('梁板混凝土浇筑');
  await expect(record).toContainText('未发现问题');
  await expect(record).toContainText('待施工单位会签');
  await expect(record).toContainText(ENGINEER_SIGNER);
  await expect(record.getByRole('list', { name: '照片证据' })).toContainText(sha.slice(0, 16));
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('旁站: the 质检员 countersigns it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'construction.qc');
  await page.goto(run.lotAUrl);
  const record = page.getByRole('region', { name: '旁站记录', exact: true }).getByRole('article');
  const confirm = record.getByRole('form', { name: '会签旁站 1' });
  await confirm.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await confirm.getByRole('button', { name: '会签', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(record).toContainText('已会签');
  await expect(record).not.toContainText('待施工单位会签');
  await expect(record).toContainText(QC_SIGNER);
  await expect(record).toContainText(ENGINEER_SIGNER);
});
