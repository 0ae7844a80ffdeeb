import { expect, test, type Page } from '@playwright/test';
import { scrollWidth } from './support/page';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * 分部验收 on a phone (GB 55032-2022 4.3.3): the 总监 opens the acceptance of 地基与基础 on the demo
 * building 1# (all its lots are accepted); four of the five other required signatories sign; the page
 * names the one still missing, the 施工单位's 技术、质量部门负责人; they sign and the 分部 is accepted.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function openMilestones(page: Page, login: string) {
  await signIn(page, login);
  await page.getByRole('link', { name: '1#住宅楼', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '1#住宅楼' })).toBeVisible();
  await page.getByRole('link', { name: '验收与备案' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '验收与备案' })).toBeVisible();
  return page.getByRole('article').filter({ has: page.getByRole('heading', { name: '01 地基与基础' }) });
}

async function signAs(page: Page, login: string, title: string) {
  const division = await openMilestones(page, login);
  const form = division.getByRole('form', { name: `以${title}身份签署` });
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署', exact: true }).click();
  await expect(page.getByText('已签署', { exact: true })).toBeVisible();
  await expect(division.getByRole('form', { name: `以${title}身份签署` })).toHaveCount(0);
  return division;
}

test('the 总监 opens the acceptance of 地基与基础; the page lists who must still sign', async ({ page }) => {
  const division = await openMilestones(page, 'supervision.leader');
  await expect(division).toContainText('未发起');
  await expect(division).toContainText('检验批 2 / 2 个已完成');
  await division.getByRole('button', { name: '发起分部验收' }).click();
  const form = division.getByRole('form', { name: '发起分部验收：地基与基础' });
  // Declarations are required: submitting without them changes nothing.
  await form.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: '签署并发起验收' }).click();
  await expect(form.getByText('请确认此项').first()).toBeVisible();
  await form.getByLabel('质量控制资料完整').check();
  await form.getByLabel(/抽样检验结果符合规定/).check();
  await form.getByLabel('验收意见').fill('地基与基础分部工程质量符合设计和规范要求，同意验收');
  await form.getByRole('button', { name: '签署并发起验收' }).click();
  await expect(page.getByText('分部验收已发起，等待其他签署人')).toBeVisible();
  await expect(division).toContainText('待签署');
  await expect(division.getByRole('status')).toHaveText('尚缺签署：施工单位项目经理、项目技术负责人、勘察单位项目负责人、设计单位项目负责人、技术、质量部门负责人');
  await expect(division).toContainText('郑国平 同意');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});

test('four signatories sign; one is still missing and the acceptance stays open', async ({ page, context }) => {
  for (const [login, title] of [
    ['construction.leader', '施工单位项目经理'],
    ['construction.tech', '项目技术负责人'],
    ['survey.leader', '勘察单位项目负责人'],
    ['design.leader', '设计单位项目负责人'],
  ] as const) {
    await context.clearCookies();
    await signAs(page, login, title);
  }
  const division = page.getByRole('article').filter({ has: page.getByRole('heading', { name: '01 地基与基础' }) });
  await expect(division).toContainText('待签署');
  await expect(division.getByRole('status')).toHaveText('尚缺签署：技术、质量部门负责人');
  await expect(division).toContainText('待 周敏 签署');
});

test('the missing signatory signs: 地基与基础 is accepted', async ({ page }) => {
  const division = await signAs(page, 'construction.quality', '技术、质量部门负责人');
  await expect(division).toContainText('已验收');
  await expect(division.getByRole('status')).toHaveCount(0);
  await expect(division).toContainText('周敏 同意');
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
});
