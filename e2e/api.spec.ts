import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

const DEMO_INSPECTOR_TOKEN = 'bl_DEMO-inspector-token-not-for-production-use';

test('GET /api/health answers {"status":"ok","db":"ok"} (Contract 3)', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
});

test('GET /api/buildings needs a session or a token (Contract 8)', async ({ request }) => {
  const res = await request.get('/api/buildings');
  expect(res.status()).toBe(401);
});

test('the demo inspector token lists the demo buildings in the jurisdiction', async ({ request }) => {
  const res = await request.get('/api/buildings', { headers: { Authorization: `Bearer ${DEMO_INSPECTOR_TOKEN}` } });
  expect(res.status()).toBe(200);
  const buildings = (await res.json()) as { id: string; code: string; name: string; project: { id: string; name: string } }[];
  // 福州 (350100): the two demo projects' buildings and the generated projects' (README), nothing else.
  const nameOf = (code: string) => buildings.find((b) => b.code === code)?.project.name;
  expect([nameOf('BL-350104-0001'), nameOf('BL-350104-0002'), nameOf('BL-350111-0001')]).toEqual(['滨江花园二期', '滨江花园二期', '晋安湖学府里']);
  expect(buildings).toHaveLength(43);
  expect(buildings.every((b) => b.code.startsWith('BL-3501'))).toBe(true);
});

test('the server ledger public key is served, and never a private key', async ({ request }) => {
  const res = await request.get('/api/ledger/public-key');
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(body).toContain('BEGIN PUBLIC KEY');
  expect(body).not.toContain('PRIVATE');
});

test('an unknown page is a Chinese 404', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
});

test('GET /api/buildings accepts a session cookie as well as a token (Contract 7)', async ({ page }) => {
  await signIn(page, 'homeowner');
  const res = await page.request.get('/api/buildings');
  expect(res.status()).toBe(200);
  // The homeowner of 1-1201 (滨江花园二期) and 5-0602 (滨江花园一期) sees those two buildings only.
  expect(((await res.json()) as { code: string }[]).map((b) => b.code).sort()).toEqual(['BL-350104-0001', 'BL-350104-0003']);
});
