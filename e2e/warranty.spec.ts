import { expect, test, type Locator, type Page } from '@playwright/test';
import { samplePhoto } from '../server/evidence/sample-photos';
import { scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn, submitSignIn } from './support/sign-in';

/**
 * Warranty on a 375 px phone (warranty.md): the 建设单位 gives a buyer of 滨江花园一期 5# an invitation
 * code; the buyer joins with it and reports a leaking bathroom with a photo — in warranty, with the
 * waterproofing evidence behind it; the 施工单位 acknowledges, schedules a visit and records the
 * repair with a photo; the buyer confirms. A finishes claim on 6# (accepted long ago) is answered at
 * once as out of warranty. The nine-day-old leak of 5-1101 shows overdue and escalated.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const tag = Date.now().toString(36);
const login = `buyer-${tag}`;
const location = `E2E ${tag} 次卫地面`;
let code = '';
let claimUrl = '';

async function addPhoto(form: Locator, name: string) {
  const photo = await samplePhoto(3000 + Math.floor(Math.random() * 100_000), { takenAt: new Date(Date.now() - 60_000) });
  await form.getByLabel('拍照或选择照片').setInputFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  await expect(form.getByRole('list', { name: '照片' }).getByText('已存证')).toBeVisible({ timeout: 20_000 });
}

/** The building page by its plaque code (through GET /api/buildings, as the signed-in user), then its 质量保修. */
async function openBuildingWarranty(page: Page, code: string) {
  const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; code: string; name: string }[];
  const building = buildings.find((b) => b.code === code)!;
  await page.goto(`/buildings/${building.id}`);
  await expect(page.getByRole('heading', { level: 1, name: building.name })).toBeVisible();
  await page.getByRole('link', { name: '质量保修' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '质量保修' })).toBeVisible();
}

test('the 建设单位 gives the buyer of 5-0101 an invitation code, shown once', async ({ page }) => {
  await signIn(page, 'owner.leader');
  await openBuildingWarranty(page, 'BL-350104-0003');
  await expect(page.getByRole('alert').filter({ hasText: '超过响应时限' })).toContainText('1 条报修');
  await page.getByRole('button', { name: '生成 5-0101 的邀请码' }).click();
  const issued = page.getByRole('status').filter({ hasText: '5-0101 的邀请码' });
  code = (await issued.locator('code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('the buyer joins with the code; a wrong code changes nothing', async ({ page }) => {
  await page.goto('/join');
  const form = page.getByRole('form', { name: '业主注册' });
  await form.getByLabel('邀请码').fill('AAAA-BBBB-CCCC');
  await form.getByLabel('姓名').fill('赵敏');
  await form.getByLabel('手机号').fill('13912340000');
  await form.getByLabel('登录账号').fill(login);
  await form.getByLabel('密码', { exact: true }).fill('a-long-password');
  await form.getByLabel('确认密码').fill('a-long-password');
  await form.getByRole('button', { name: '注册' }).click();
  await expect(form.getByText('邀请码无效或已被使用')).toBeVisible();
  await form.getByLabel('邀请码').fill(code);
  await form.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('status')).toContainText(`注册成功，您的账号是 ${login}`);
});

test('the buyer reports a leak with a photo: in warranty, who repairs it, and the waterproofing behind it', async ({ page }) => {
  await submitSignIn(page, login, 'a-long-password');
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('link', { name: '我的保修' }).click();
  const unit = page.getByRole('heading', { name: /5#住宅楼 5-0101/ });
  await expect(unit).toBeVisible();
  await page.getByRole('link', { name: '报修' }).click();
  const form = page.getByRole('form', { name: '报修' });
  await form.getByRole('radio', { name: /^防水防渗漏/ }).check();
  await expect(form.getByRole('status').filter({ hasText: '保修' })).toContainText('在保修期内');
  await expect(form.getByRole('status').filter({ hasText: '保修' })).toContainText('闽江建工集团有限公司');
  await form.getByLabel('部位').fill(location);
  await form.getByLabel('问题描述').fill('次卫地面渗水，楼下顶棚有水渍');
  await addPhoto(form, 'IMG_leak.jpg');
  await form.getByRole('button', { name: '提交报修' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `5-0101 · ${location}` })).toBeVisible();
  claimUrl = new URL(page.url()).pathname;
  await expect(page.getByText(/在保修期内（保修至 .*），保修责任单位：闽江建工集团有限公司/)).toBeVisible();
  await expect(page.getByRole('list', { name: '施工过程证据' })).toContainText('厕浴间防水隔离层');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

async function step(page: Page, action: string, fill?: (form: Locator) => Promise<void>) {
  const form = page.getByRole('form', { name: '下一步' });
  await form.getByRole('radio', { name: action }).check();
  await fill?.(form);
  await form.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已提交', { exact: true })).toBeVisible();
}

test('the 施工单位 acknowledges, schedules a visit and records the repair with a photo', async ({ page }) => {
  await signIn(page, 'construction.leader');
  await page.goto(claimUrl);
  await expect(page.getByText('赵敏 · 13912340000')).toBeVisible();
  await step(page, '受理');
  await step(page, '预约上门', async (form) => {
    await form.getByLabel('上门时间').fill('2026-12-08T09:30');
  });
  await step(page, '维修完成', async (form) => {
    await form.getByLabel('说明').fill('重做次卫防水层，闭水试验 48 小时无渗漏');
    await addPhoto(form, 'IMG_repair.jpg');
  });
  await expect(page.getByText('已维修待确认')).toBeVisible();
});

test('the buyer confirms the repair: the claim closes', async ({ page }) => {
  await submitSignIn(page, login, 'a-long-password');
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await page.goto(claimUrl);
  await step(page, '确认已修好');
  await expect(page.getByText('已完成', { exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: '下一步' })).toHaveCount(0);
});

test('a finishes defect on 6# (accepted long ago) is answered at once as out of warranty, and kept', async ({ page }) => {
  await signIn(page, 'homeowner2');
  await page.goto('/warranty');
  const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: /6#住宅楼 6-0301/ }) });
  await card.getByRole('link', { name: '报修' }).click();
  const form = page.getByRole('form', { name: '报修' });
  await form.getByRole('radio', { name: /^装修工程/ }).check();
  await expect(form.getByRole('status').filter({ hasText: '保修' })).toContainText('已超出保修期');
  await form.getByLabel('部位').fill(`E2E ${tag} 卧室墙面`);
  await form.getByLabel('问题描述').fill('墙面乳胶漆起皮');
  await form.getByRole('button', { name: '提交报修' }).click();
  await expect(page.getByText('不予保修', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/已于 .* 超出保修期，不属于保修范围/)).toBeVisible();
});

test('the nine-day-old leak of 5-1101 shows overdue and escalated to the 建设单位, to the inspector too', async ({ page }) => {
  await signIn(page, 'inspector');
  await openBuildingWarranty(page, 'BL-350104-0003');
  const overdue = page.getByRole('listitem').filter({ hasText: '5-1101 · 主卫地面' });
  await expect(overdue).toContainText('已转建设单位');
  await overdue.getByRole('link').click();
  await expect(page.getByRole('alert').filter({ hasText: '已超过响应时限' })).toBeVisible();
  // The inspector sees the homeowner's phone masked.
  await expect(page.getByText(/王芳 · 138\*\*\*\*0017/)).toBeVisible();
  await expect(page.getByRole('form', { name: '下一步' })).toHaveCount(0);
});
