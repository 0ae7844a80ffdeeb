import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * Materials gate the lots (条例 arts 29, 37): on a phone, the 质检员's self-check picks the batches
 * the lot used — only one the 监理 approved with no failed sample can be ticked, the others say why;
 * the choice survives a reload (the draft); the lot page lists it. When a later sample of that batch
 * fails, the accepted lot is flagged 使用了不合格材料 in the progress and on its page.
 *
 * Batches, samples and the lot are made through the API (the materials pages are not built yet).
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const stamp = Date.now().toString(36).toUpperCase();
const batchNo = { good: `E2E-${stamp}-A`, failed: `E2E-${stamp}-B`, unapproved: `E2E-${stamp}-C` };
const lotName = `E2E ${stamp} 4 层梁板钢筋`;
const run = { buildingId: '', lotId: '', receipts: {} as Record<keyof typeof batchNo, string>, certificate: '' };

/** A tRPC call as the signed-in page (its session cookie), superjson on the wire. */
async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (await response.json()).result.data.json as T;
}

async function upload(page: Page, text: string) {
  const response = await page.request.post('/api/files', { multipart: { file: { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7 ${text} ${stamp}`) } } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { sha256: string }).sha256;
}

/** An unwitnessed sample of the batch taken by the 质检员, and the lab's result. */
async function sampleWithResult(page: Page, receiptId: string, sampleNo: string, passed: boolean) {
  const sample = await call<{ id: string }>(page, 'materials.recordSample', {
    buildingId: run.buildingId,
    receiptId,
    kind: 'REBAR',
    sampleNo,
    location: '钢筋堆场',
    sampledAt: new Date().toISOString(),
    lab: '福州市建筑工程检测中心',
    password: DEMO_PASSWORD,
    idempotencyKey: crypto.randomUUID(),
  });
  await call(page, 'materials.recordResult', { sampleId: sample.id, reportNo: `JC-${sampleNo}`, reportSha256: await upload(page, sampleNo), passed, reportedOn: new Date().toISOString().slice(0, 10), password: DEMO_PASSWORD });
}

const selfCheckForm = (page: Page) => page.getByRole('form', { name: '检验批自检记录' });
const batch = (page: Page, no: string) => selfCheckForm(page).getByRole('checkbox', { name: new RegExp(`批号 ${no}`) });

test('the 质检员 records three batches and a lot; one batch fails its sample', async ({ page }) => {
  await signIn(page, 'construction.qc');
  const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; name: string }[];
  run.buildingId = buildings.find((b) => b.name === '1#住宅楼')!.id;
  run.certificate = await upload(page, '质量证明书');
  for (const key of Object.keys(batchNo) as (keyof typeof batchNo)[]) {
    const receipt = await call<{ id: string }>(page, 'materials.recordReceipt', {
      buildingId: run.buildingId,
      kind: 'REBAR',
      name: '热轧带肋钢筋',
      specification: 'HRB400E Φ22',
      batchNo: batchNo[key],
      quantity: 25,
      unit: 't',
      supplier: '三钢闽光',
      receivedOn: new Date().toISOString().slice(0, 10),
      certificates: [run.certificate],
      password: DEMO_PASSWORD,
      idempotencyKey: crypto.randomUUID(),
    });
    run.receipts[key] = receipt.id;
  }
  await sampleWithResult(page, run.receipts.failed, `GJ-${stamp}-1`, false);
  run.lotId = (await call<{ id: string }>(page, 'inspections.createLot', { buildingId: run.buildingId, subdivisionCode: '0201', itemCode: '020102', name: lotName, location: '4 层 ①–⑧ 轴', capacity: 20, capacityUnit: '件' })).id;
});

test('the 专业监理工程师 approves two of them', async ({ page }) => {
  await signIn(page, 'supervision.engineer');
  for (const key of ['good', 'failed'] as const) await call(page, 'materials.approveReceipt', { receiptId: run.receipts[key], decision: 'ACCEPTED', password: DEMO_PASSWORD });
});

test('the self-check picks the approved batch only; the choice survives a reload; the record lists it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'construction.qc');
  await page.goto(`/lots/${run.lotId}`);
  await expect(batch(page, batchNo.good)).toBeEnabled();
  await expect(selfCheckForm(page).getByText(`批号 ${batchNo.good}`)).toBeVisible();
  await expect(batch(page, batchNo.failed)).toBeDisabled();
  await expect(batch(page, batchNo.failed)).toHaveAccessibleName(new RegExp(`取样不合格：GJ-${stamp}-1`));
  await expect(batch(page, batchNo.unapproved)).toBeDisabled();
  await expect(batch(page, batchNo.unapproved)).toHaveAccessibleName(/未经监理签认/);

  await batch(page, batchNo.good).check();
  const form = selfCheckForm(page);
  const main = form.getByRole('group', { name: '检查项目 1' });
  await main.getByLabel('设计要求及规范规定').fill('钢筋的牌号、规格和数量符合设计要求');
  await main.getByLabel('实际抽样').fill('3');
  await main.getByLabel('合格数').fill('3');
  await form.getByLabel('施工依据').fill('钢筋工程施工方案 FJ-SG-2026-012');
  await form.getByLabel('验收依据').fill('GB 50204-2015');
  await expect(page.getByText('草稿已保存到本机')).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^已恢复未提交的草稿/)).toBeVisible();
  await expect(batch(page, batchNo.good)).toBeChecked();

  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并提交验收' }).click();
  await expect(page.getByRole('region', { name: '已签署并提交验收' })).toBeVisible();
  await expect(page.getByRole('region', { name: '验收记录' })).toContainText(`热轧带肋钢筋 HRB400E Φ22 · 批号 ${batchNo.good}`);
});

test('the 专业监理工程师 accepts the record', async ({ page }) => {
  await signIn(page, 'supervision.engineer');
  const response = await page.request.get(`/api/trpc/inspections.lot?input=${encodeURIComponent(JSON.stringify({ json: { lotId: run.lotId } }))}`);
  const { records } = (await response.json()).result.data.json as { records: { id: string }[] };
  await call(page, 'inspections.review', { recordId: records[0]!.id, decision: 'ACCEPTED', password: DEMO_PASSWORD, idempotencyKey: crypto.randomUUID() });
});

test('a later sample of its batch fails: the accepted lot is flagged, naming the sample', async ({ page }) => {
  await signIn(page, 'construction.qc');
  await sampleWithResult(page, run.receipts.good, `GJ-${stamp}-2`, false);

  await page.goto(`/lots/${run.lotId}`);
  await expect(page.getByRole('alert').filter({ hasText: '使用了不合格材料' })).toContainText(`样品 GJ-${stamp}-2`);
  await expect(page.getByRole('region', { name: '验收记录' })).toContainText(`取样不合格：GJ-${stamp}-2`);
  await page.goto(`/buildings/${run.buildingId}/inspections`);
  const row = page.locator('.bl-lot-row').filter({ has: page.getByRole('link', { name: lotName, exact: true }) });
  await expect(row).toContainText('已验收');
  await expect(row).toContainText('使用了不合格材料');
  await expect(row).toContainText(`不合格样品：GJ-${stamp}-2`);
});
