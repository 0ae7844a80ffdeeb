import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { samplePhoto } from '../server/evidence/sample-photos';
import { scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 监督检查 on a phone: the 质监站's inspector records a site inspection of the demo building 1#
 * (a wrong password and a missing scope first: refused, nothing recorded), with a photo and the
 * people present; the 施工单位 reads it and has no form.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const findings = `E2E ${Date.now().toString(36)}：6 层梁柱节点箍筋加密区抽查 12 处，2 处超差，已责令现场整改。`;
const form = (page: Page) => page.getByRole('form', { name: '记录监督检查' });

async function openSupervision(page: Page) {
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '1#住宅楼' })).toBeVisible();
  await page.getByRole('link', { name: '质量监督' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '质量监督' })).toBeVisible();
}

test('the inspector records a signed 监督检查 with a photo and who was present', async ({ page }) => {
  await signIn(page, 'inspector');
  await openSupervision(page);
  const f = form(page);
  await f.getByRole('group', { name: '到场人员' }).getByText(/施工单位 · 王海峰/).click();
  await f.getByRole('group', { name: '到场人员' }).getByText(/监理单位 · 张丽萍/).click();
  await f.getByLabel('检查情况及发现的问题').fill(findings);
  await f.getByRole('radiogroup', { name: '处理结果' }).getByText('责令现场整改').click();
  await f.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await f.getByRole('button', { name: '签署并保存' }).click();
  await expect(f.getByText('请至少选择一项检查内容')).toBeVisible();

  await f.getByRole('group', { name: '检查内容' }).getByText('工程实体质量').click();
  const photo = await samplePhoto(3000 + Math.floor(Math.random() * 1000), { takenAt: new Date(Date.now() - 60_000) });
  await f.getByLabel('拍照或选择照片').setInputFiles({ name: 'IMG_3001.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(f.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible({ timeout: 20_000 });
  await expect(f.getByText(createHash('sha256').update(photo).digest('hex').slice(0, 16))).toBeVisible();
  await f.getByLabel('登录密码').fill('not the password');
  await f.getByRole('button', { name: '签署并保存' }).click();
  await expect(f.getByText('密码不正确')).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: findings })).toHaveCount(0);

  await f.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await f.getByRole('button', { name: '签署并保存' }).click();
  await expect(page.getByText('监督检查记录已签署保存')).toBeVisible();
  const record = page.getByRole('article').filter({ hasText: findings });
  await expect(record).toHaveCount(1);
  await expect(record).toContainText('责令现场整改');
  await expect(record).toContainText('施工单位 王海峰');
  await expect(record).toContainText('吴振宇（质量监督员，福州市建设工程质量安全监督站）');
  // The form starts over for the next inspection.
  await expect(form(page).getByLabel('检查情况及发现的问题')).toHaveValue('');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the 施工单位 reads the inspection and cannot record one', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await openSupervision(page);
  await expect(page.getByRole('article').filter({ hasText: findings })).toHaveCount(1);
  await expect(form(page)).toHaveCount(0);
});
