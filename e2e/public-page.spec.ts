import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

/** Demo data (prisma/seed.ts): the five parties of 滨江花园二期 and their 项目负责人. */
const PARTIES = [
  ['建设单位', '福州滨江置业有限公司', '陈建华'],
  ['勘察单位', '福建闽岩岩土工程勘察有限公司', '林志远'],
  ['设计单位', '福州榕城建筑设计研究院有限公司', '黄雅琴'],
  ['施工单位', '闽江建工集团有限公司', '王海峰'],
  ['监理单位', '福建正衡工程监理有限公司', '郑国平'],
] as const;

const DEMO_INSPECTOR_TOKEN = 'bl_DEMO-inspector-token-not-for-production-use';

test.describe('the public page of a building (Contract 4), signed out on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('shows the plaque data and the verified archive, with no personal data and no sideways scrolling', async ({ page }) => {
    const res = await page.goto('/b/BL-350104-0001');
    expect(res?.status()).toBe(200);
    // No sign-in in the way
    await expect(page).toHaveURL((url) => url.pathname === '/b/BL-350104-0001');
    await expect(page.getByRole('heading', { level: 1, name: '滨江花园二期' })).toBeVisible();
    await expect(page).toHaveTitle(/1#住宅楼/);
    await expect(page.getByText('工程质量责任永久性标牌')).toBeVisible();

    const facts = page.getByRole('region', { name: '工程信息' });
    await expect(facts.getByText('福建省福州市仓山区浦上大道 208 号')).toBeVisible();
    await expect(facts.getByText('50 年')).toBeVisible();
    await expect(facts.getByText('尚未竣工验收')).toBeVisible();

    const parties = page.getByRole('region', { name: '五方责任主体' });
    await expect(parties.getByRole('row')).toHaveCount(1 + PARTIES.length);
    for (const [role, organization, leader] of PARTIES) {
      const row = parties.getByRole('row').filter({ hasText: role });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(organization);
      await expect(row).toContainText(leader);
    }

    await expect(page.getByRole('region', { name: '保修' }).getByText('竣工验收后公布')).toBeVisible();

    const archive = page.getByRole('region', { name: '档案校验' });
    await expect(archive.getByText('档案链已验证')).toBeVisible();
    const head = archive.locator('.bl-plaque-hash');
    await expect(head).toHaveText(/^[0-9a-f]{64}$/);
    await expect(archive.getByRole('link', { name: '下载服务器公钥（PEM）' })).toHaveAttribute('href', '/api/ledger/public-key?format=pem');

    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    // Names only: no 身份证号 and no mobile number anywhere (the chain head is hex and may hold digit runs)
    const text = (await page.locator('body').innerText()).replace(await head.innerText(), '');
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });

  test('an unknown building code is the Chinese 404', async ({ page }) => {
    const res = await page.goto('/b/BL-000000-0000');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  });
});

test('the 建设单位 downloads the plaque as PDF and SVG; the inspector may not; signed out is 401', async ({ page, playwright, baseURL }) => {
  await signIn(page, 'owner.leader');
  const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; code: string }[];
  const building = buildings.find((b) => b.code === 'BL-350104-0001');
  expect(building).toBeDefined();

  const pdf = await page.request.get(`/api/buildings/${building!.id}/plaque`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toContain('attachment; filename="plaque-BL-350104-0001.pdf"');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const svg = await page.request.get(`/api/buildings/${building!.id}/plaque?format=svg`);
  expect(svg.status()).toBe(200);
  expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  const drawing = await svg.text();
  expect(drawing).toContain('滨江花园二期');
  expect(drawing).toContain('陈建华');

  const inspector = await page.request.get(`/api/buildings/${building!.id}/plaque`, {
    headers: { Authorization: `Bearer ${DEMO_INSPECTOR_TOKEN}` },
  });
  expect(inspector.status()).toBe(403);

  const signedOut = await playwright.request.newContext({ baseURL });
  expect((await signedOut.get(`/api/buildings/${building!.id}/plaque`)).status()).toBe(401);
  await signedOut.dispose();
});
