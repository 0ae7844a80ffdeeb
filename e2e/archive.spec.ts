import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openZip } from '../server/archive/zip-source';
import { signIn } from './support/sign-in';

const run = promisify(execFile);
const DEMO_INSPECTOR_TOKEN = 'bl_DEMO-inspector-token-not-for-production-use';

test('the 施工单位 downloads 1#住宅楼\'s archive from the building page and it verifies offline; a homeowner sees no download; signed out is 401', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.slow(); // the export renders report.pdf; the verifier starts a process
  await signIn(page, 'construction.leader');
  const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; code: string }[];
  const building = buildings.find((b) => b.code === 'BL-350104-0001')!;
  expect(building).toBeDefined();

  await page.goto(`/buildings/${building.id}`);
  const chain = chainCard(page);
  await expect(chain.getByText('校验通过')).toBeVisible();
  // Only the 建设单位 records a hand-over
  await expect(chain.getByRole('form', { name: '登记档案移交' })).toHaveCount(0);
  await expect(chain.getByRole('link', { name: '下载服务器公钥（PEM）' })).toHaveAttribute('href', '/api/ledger/public-key?format=pem');
  const downloading = page.waitForEvent('download');
  await chain.getByRole('link', { name: '下载工程质量档案' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('BL-350104-0001-archive.zip');
  const zip = testInfo.outputPath('archive.zip');
  await download.saveAs(zip);

  // The project's own verifier, as a user runs it: no database, no network
  const { stdout } = await run('npx', ['tsx', 'scripts/verify-archive.ts', zip], { env: { ...process.env, DATABASE_URL: '' } });
  expect(stdout).toMatch(/^OK .*BL-350104-0001 滨江花园二期 1#住宅楼: \d+ events, head [0-9a-f]{64}, \d+ files, \d+ signatures, sealed by key [0-9a-f]{64}\n$/);
  const publicKey = (await (await page.request.get('/api/ledger/public-key')).json()) as { fingerprintSha256: string };
  expect(stdout).toContain(`sealed by key ${publicKey.fingerprintSha256}`);

  // The inspector's API token works too (Contract 7)
  const byToken = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${DEMO_INSPECTOR_TOKEN}` } });
  const response = await byToken.get(`/api/buildings/${building.id}/archive`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/zip');
  await byToken.dispose();

  const signedOut = await playwright.request.newContext({ baseURL });
  expect((await signedOut.get(`/api/buildings/${building.id}/archive`)).status()).toBe(401);
  await signedOut.dispose();

  await page.context().clearCookies();
  await signIn(page, 'homeowner');
  await page.goto(`/buildings/${building.id}`);
  await expect(page.getByText('校验通过')).toBeVisible();
  await expect(page.getByRole('link', { name: '下载工程质量档案' })).toHaveCount(0);
  expect((await page.request.get(`/api/buildings/${building.id}/archive`)).status()).toBe(403);
});

test('the 建设单位 records the hand-over to the 城建档案馆 with the archive\'s seal.json, and the building page lists it', async ({ page }, testInfo) => {
  test.slow();
  await signIn(page, 'owner.leader');
  const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; code: string }[];
  const building = buildings.find((b) => b.code === 'BL-350104-0001')!;
  const archive = await page.request.get(`/api/buildings/${building.id}/archive`);
  expect(archive.status()).toBe(200);
  const zip = await openZip(await archive.body());
  const seal = await zip.read('seal.json');
  const manifestSha256 = createHash('sha256').update(await zip.read('manifest.json')).digest('hex');
  zip.close();

  await page.goto(`/buildings/${building.id}`);
  const form = chainCard(page).getByRole('form', { name: '登记档案移交' });
  await form.getByLabel('所移交档案的 seal.json').setInputFiles({ name: 'seal.json', mimeType: 'application/json', buffer: seal });
  await form.getByLabel('城建档案馆').fill('福州市城市建设档案馆');
  const receiptNo = `FZCJ-${testInfo.testId.slice(0, 8)}-${Date.now()}`;
  await form.getByLabel('接收编号').fill(receiptNo);
  const transferList = Buffer.from(`%PDF-1.7\n% 移交清单 ${receiptNo}\n%%EOF\n`);
  await form.getByLabel('移交清单（双方签章）').setInputFiles({ name: '移交清单.pdf', mimeType: 'application/pdf', buffer: transferList });
  await expect(form.getByRole('list', { name: '移交清单（双方签章）' }).getByRole('listitem')).toHaveCount(1);
  await form.getByRole('button', { name: '登记移交' }).click();
  const handovers = chainCard(page).getByRole('list', { name: '移交城建档案馆' });
  const record = handovers.getByRole('listitem').filter({ hasText: receiptNo });
  await expect(record).toContainText('移交福州市城市建设档案馆');
  await expect(record).toContainText(manifestSha256);
  await expect(record).toContainText('陈建华');
  await expect(record).toContainText(createHash('sha256').update(transferList).digest('hex'));

  // 6#, accepted about two and a half years ago, was handed over two months after: on time
  await page.goto(`/buildings/${buildings.find((b) => b.code === 'BL-350104-0004')!.id}`);
  await expect(chainCard(page).getByText(/应于 \d{4}-\d{2}-\d{2} 前移交城建档案馆/)).toBeVisible();
  await expect(chainCard(page).getByText('按期移交')).toBeVisible();
  await expect(chainCard(page).getByRole('list', { name: '移交城建档案馆' })).toContainText('FZCJ-2024-0412');
});

/** The card of the building's record chain and archive. */
const chainCard = (page: Page) => page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '防篡改记录链', exact: true }) });
