import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { choose, scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 材料与见证取样 on a phone (条例 arts 29, 31; 建建〔2000〕211号): the 施工单位's 质检员 records a batch
 * of rebar with its certificate (bad input and a wrong password first: refused, nothing made);
 * the 专业监理工程师 approves it, then records a sample taken from it as its witness, naming the
 * sampler; the lab's report is recorded; the witnessed share of rebar counts the sample.
 *
 * The demo building keeps the records of earlier runs: batch and sample numbers are unique per run.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const stamp = Date.now().toString(36).toUpperCase();
const BATCH = `E2E-${stamp}`;
const SAMPLE_NO = `GJ-${stamp}`;
const REBAR = '承重结构钢筋及连接接头试件';
const run = { url: '' };

const pdf = (title: string) => ({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${title} ${randomUUID()}\n%%EOF\n`) });
const receiptOf = (page: Page) => page.getByRole('article').filter({ hasText: BATCH }).filter({ has: page.getByRole('heading', { name: /热轧带肋钢筋/ }) });
const sampleOf = (page: Page) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(`样品 ${SAMPLE_NO}`) }) });
const rebarShare = (page: Page) => page.getByRole('table', { name: '各类材料的见证取样比例' }).getByRole('row', { name: new RegExp(REBAR) });

/** Witnessed and total samples of rebar, as the share table says. */
async function rebarCounts(page: Page) {
  const [, witnessed, total] = (await rebarShare(page).getByRole('cell').first().locator('strong').textContent())!.match(/^(\d+) \/ (\d+)$/)!;
  return { witnessed: Number(witnessed), total: Number(total) };
}

test('the 质检员 records a batch with its certificate; bad input and a wrong password change nothing', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'construction.qc');
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await page.getByRole('link', { name: '材料与见证取样' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '材料与见证取样' })).toBeVisible();
  run.url = new URL(page.url()).pathname;
  // The 施工单位 records receipts and its own samples; approval is the 监理's.
  await expect(page.getByRole('button', { name: '审批' })).toHaveCount(0);

  await page.getByRole('button', { name: '记录进场验收' }).click();
  const form = page.getByRole('form', { name: '记录进场验收' });
  await choose(form.getByRole('combobox', { name: /^材料类别/ }), '钢筋');
  await form.getByLabel('材料名称').fill('热轧带肋钢筋');
  await form.getByLabel('规格型号').fill('HRB400E Φ25');
  await form.getByLabel('数量').fill('32.5');
  await form.getByRole('textbox', { name: /^单位/ }).fill('t');
  await form.getByLabel('供应单位').fill('三钢闽光');
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);

  // No batch number, no certificate: Chinese messages under the fields, nothing sent.
  await form.getByRole('button', { name: '签署并报监理审批' }).click();
  await expect(page.locator('#receipt-batch-help')).toHaveText('此项为必填项');
  await expect(page.locator('#receipt-certificates-help')).toHaveText('请上传至少一份质量证明文件');
  await form.getByLabel('数量').fill('-1');
  await form.getByRole('button', { name: '签署并报监理审批' }).click();
  await expect(page.locator('#receipt-quantity-help')).toHaveText('请输入大于 0 的数量');
  await form.getByLabel('数量').fill('32.5');

  await form.getByLabel('批号').fill(BATCH);
  await form.getByLabel('质量证明文件').setInputFiles(pdf('质量证明书'));
  await expect(form.getByRole('list', { name: '质量证明文件' }).getByRole('listitem')).toHaveCount(1);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // A wrong password: refused under the password, no receipt.
  await form.getByLabel('登录密码').fill('not-my-password');
  await form.getByRole('button', { name: '签署并报监理审批' }).click();
  await expect(page.locator('#receipt-password-help')).toHaveText('当前密码不正确');
  await expect(receiptOf(page)).toHaveCount(0);

  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并报监理审批' }).click();
  await expect(form).toHaveCount(0);
  const receipt = receiptOf(page);
  await expect(receipt).toHaveCount(1);
  await expect(receipt.getByRole('heading')).toContainText('待监理审批');
  await expect(receipt).toContainText('32.5 t');
  await expect(receipt).toContainText('刘晓明');
  const certificate = await page.request.get((await receipt.getByRole('link', { name: '证明文件 1' }).getAttribute('href'))!);
  expect(certificate.status()).toBe(200);
  expect((await certificate.body()).subarray(0, 8).toString()).toBe('%PDF-1.7');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the 专业监理工程师 approves the batch', async ({ page }) => {
  await signIn(page, 'supervision.engineer');
  await page.goto(run.url);
  const receipt = receiptOf(page);
  await expect(page.getByRole('button', { name: '记录进场验收' })).toHaveCount(0);
  await receipt.getByRole('button', { name: '审批' }).click();
  const form = receipt.getByRole('form', { name: /^监理审批/ });
  await form.getByText('不同意', { exact: true }).click();
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署审批意见' }).click();
  await expect(form.getByText('退回时请填写原因')).toBeVisible();

  await form.getByText('同意使用', { exact: true }).click();
  await form.getByRole('button', { name: '签署审批意见' }).click();
  await expect(form).toHaveCount(0);
  await expect(receipt.getByRole('heading')).toContainText('已同意');
  await expect(receipt).toContainText('张丽萍');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the 监理 witnesses a sample naming the sampler; the lab result is recorded; the share counts it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'supervision.engineer');
  await page.goto(run.url);
  await expect(rebarShare(page)).toBeVisible();
  const before = await rebarCounts(page);

  await page.getByRole('button', { name: '记录取样' }).click();
  const form = page.getByRole('form', { name: '记录取样' });
  await expect(form.getByText(/^您作为见证人记录/)).toBeVisible();
  await choose(form.getByRole('combobox', { name: /^材料类别/ }), '钢筋');
  await choose(form.getByRole('combobox', { name: /^进场批次/ }), BATCH);
  await form.getByLabel('样品编号').fill(SAMPLE_NO);
  await form.getByLabel('取样部位').fill('3 层梁板');
  await form.getByLabel('检测机构').fill('福州市建筑工程检测中心');
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  // A witness names the 施工单位's sampler.
  await form.getByRole('button', { name: '签署取样记录' }).click();
  await expect(page.locator('#sample-sampler-help')).toHaveText('此项为必填项');
  await choose(form.getByRole('combobox', { name: /^取样人/ }), '刘晓明');
  await form.getByRole('button', { name: '签署取样记录' }).click();
  await expect(form).toHaveCount(0);

  const sample = sampleOf(page);
  await expect(sample.getByRole('heading')).toContainText('待检测');
  await expect(sample).toContainText('刘晓明');
  await expect(sample).toContainText('张丽萍');
  await expect(sample).toContainText(BATCH);
  await expect.poll(() => rebarCounts(page)).toEqual({ witnessed: before.witnessed + 1, total: before.total + 1 });

  // The lab's result: a report is needed; then 合格, with the report to download.
  await sample.getByRole('button', { name: '录入检测结果' }).click();
  const result = sample.getByRole('form', { name: `检测结果：样品 ${SAMPLE_NO}` });
  await result.getByLabel('报告编号').fill(`JC-${stamp}`);
  await result.getByText('合格', { exact: true }).click();
  await result.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await result.getByRole('button', { name: '签署检测结果' }).click();
  await expect(result.getByText('请上传检测报告')).toBeVisible();
  await result.getByLabel('检测报告').setInputFiles(pdf('检测报告'));
  await expect(result.getByRole('list', { name: '检测报告' }).getByRole('listitem')).toHaveCount(1);
  await result.getByRole('button', { name: '签署检测结果' }).click();
  await expect(result).toHaveCount(0);
  await expect(sample.getByRole('heading')).toContainText('合格');
  await expect(sample).toContainText(`JC-${stamp}`);
  const report = await page.request.get((await sample.getByRole('link', { name: '检测报告' }).getAttribute('href'))!);
  expect(report.status()).toBe(200);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});
