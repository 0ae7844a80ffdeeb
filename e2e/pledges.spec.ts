import { createHash } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { idNumberCheckChar } from '@/server/identity/id-number';
import { DEMO_PASSWORD, signIn } from './support/sign-in';

/**
 * The pledge journey (建质〔2014〕124号 art 8): the 建设单位 registers a project and a building,
 * assigns the five parties and appoints their 项目负责人; each leader signs the 授权书 and
 * 承诺书 on a phone and uploads the 法定代表人's signed original; the gate opens, the building
 * is registered for quality supervision and its public page names the five leaders. Then a
 * 变更 of the 施工单位项目经理 closes the gate until the new leader has signed.
 *
 * Uses its own project (a unique code per run): the demo project's state belongs to the seed.
 */
test.describe.configure({ mode: 'serial' });

/** A valid 身份证号 (GB 11643 check character) per person. */
function idNumber(seq: number): string {
  const first17 = `35010419800101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
function wrongCheckChar(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

const LEADERS = [
  { role: 'OWNER', party: '建设单位', title: '建设单位项目负责人', login: 'owner.leader', name: '陈建华', org: null, id: idNumber(11), qualification: '高级工程师', qualificationNo: 'FJ-GC-2026-0011' },
  { role: 'SURVEY', party: '勘察单位', title: '勘察单位项目负责人', login: 'survey.leader', name: '林志远', org: '福建闽岩岩土工程勘察有限公司', id: idNumber(12), qualification: '注册土木工程师（岩土）', qualificationNo: 'AY135000012' },
  { role: 'DESIGN', party: '设计单位', title: '设计单位项目负责人', login: 'design.leader', name: '黄雅琴', org: '福州榕城建筑设计研究院有限公司', id: idNumber(13), qualification: '一级注册建筑师', qualificationNo: '135000013' },
  { role: 'CONSTRUCTION', party: '施工单位', title: '施工单位项目经理', login: 'construction.leader', name: '王海峰', org: '闽江建工集团有限公司', id: idNumber(14), qualification: '一级注册建造师', qualificationNo: '闽1352016201600014' },
  { role: 'SUPERVISION', party: '监理单位', title: '总监理工程师', login: 'supervision.leader', name: '郑国平', org: '福建正衡工程监理有限公司', id: idNumber(15), qualification: '注册监理工程师', qualificationNo: '35000015' },
] as const;

/** The second person of the 施工单位, who takes over as 项目经理 in the 变更. */
const NEW_CONSTRUCTION_LEADER = { login: 'construction.qc', name: '刘晓明', id: idNumber(16), qualification: '一级注册建造师', qualificationNo: '闽1352018201800016' };

const stamp = Date.now().toString(36).toUpperCase();
const run = {
  projectName: `E2E 承诺项目 ${stamp}`,
  projectCode: `E2E-${stamp}`,
  buildingName: `E2E ${stamp} 1#楼`,
  projectUrl: '',
  buildingUrl: '',
  buildingCode: '',
};

/** A small PDF (the scan of the signed and stamped 授权书), different per signer. */
function originalPdf(login: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% 法定代表人授权书原件 ${login} ${stamp}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'utf8');
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Picks the option of an antd select whose label contains `text`. */
async function choose(combobox: Locator, text: string) {
  await combobox.click();
  await combobox.fill(text);
  await combobox.press('Enter');
}

test('the owner registers a project and a building, assigns the five parties and appoints their leaders', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'owner.leader');
  await page.getByRole('link', { name: '登记项目' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '登记项目' })).toBeVisible();

  // A project code with characters it may not have: the schema's Chinese message, nothing created.
  await page.getByLabel('项目名称').fill(run.projectName);
  await page.getByLabel('项目编号').fill('编号 1');
  await page.getByLabel('项目地址').fill('福建省福州市仓山区测试路 1 号');
  await page.getByLabel('行政区划代码').fill('350104');
  await page.getByRole('button', { name: '登记项目' }).click();
  await expect(page.getByText('项目编号应为 3–40 位字母、数字或 -')).toBeVisible();

  await page.getByLabel('项目编号').fill(run.projectCode);
  await page.getByRole('button', { name: '登记项目' }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  run.projectUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: run.projectName })).toBeVisible();
  await expect(page.getByRole('region', { name: '建设单位', exact: true })).toContainText('福州滨江置业有限公司');

  // 新增单位工程: completion before start is refused in Chinese, then a valid one.
  await page.getByRole('button', { name: '新增单位工程' }).click();
  const buildingDialog = page.getByRole('dialog', { name: '新增单位工程' });
  await buildingDialog.getByLabel('单位工程名称').fill(run.buildingName);
  await buildingDialog.getByLabel('结构类型').fill('框架-剪力墙结构');
  await buildingDialog.getByLabel('地上层数').fill('18');
  await buildingDialog.getByLabel('地下层数').fill('1');
  await buildingDialog.getByLabel('建筑面积').fill('12500.50');
  await expect(buildingDialog.getByLabel('设计使用年限')).toHaveValue('50');
  await buildingDialog.getByLabel('计划开工日期').fill('2027-03-01');
  await buildingDialog.getByLabel('计划竣工日期').fill('2026-12-31');
  await buildingDialog.getByRole('button', { name: '新增', exact: true }).click();
  await expect(buildingDialog.getByText('计划竣工日期应晚于计划开工日期')).toBeVisible();
  await buildingDialog.getByLabel('计划竣工日期').fill('2028-12-31');
  await buildingDialog.getByRole('button', { name: '新增', exact: true }).click();
  await expect(buildingDialog).toBeHidden();
  const buildingRow = page.getByRole('list', { name: '单位工程' }).getByRole('listitem').filter({ hasText: run.buildingName });
  await expect(buildingRow).toContainText('缺 5 项');
  run.buildingCode = (await buildingRow.locator('.bl-building-code').textContent())!.trim();
  expect(run.buildingCode).toMatch(/^BL-350104-\d{4}$/);

  // 指定单位 for the four other parties.
  for (const leader of LEADERS) {
    if (!leader.org) continue;
    const card = page.getByRole('region', { name: leader.party, exact: true });
    await expect(card).toContainText('尚未指定');
    await choose(card.getByRole('combobox', { name: /^单位/ }), leader.org.slice(2, 6));
    await card.getByRole('button', { name: '指定单位' }).click();
    await expect(card.getByRole('definition').filter({ hasText: leader.org })).toBeVisible();
  }

  // 任命项目负责人: a wrong check character is refused first, then the five leaders.
  for (const [i, leader] of LEADERS.entries()) {
    const card = page.getByRole('region', { name: leader.party, exact: true });
    await card.getByRole('button', { name: '任命项目负责人' }).click();
    const dialog = page.getByRole('dialog', { name: `任命${leader.title}` });
    await choose(dialog.getByRole('combobox', { name: /^人员/ }), leader.login);
    await dialog.getByLabel('身份证号').fill(i === 0 ? wrongCheckChar(leader.id) : leader.id);
    await dialog.getByLabel('注册执业资格').fill(leader.qualification);
    await dialog.getByLabel('注册执业证号').fill(leader.qualificationNo);
    if (i === 0) {
      await dialog.getByRole('button', { name: '任命', exact: true }).click();
      await expect(dialog.getByText('身份证号无效（校验位不正确）')).toBeVisible();
      await dialog.getByLabel('身份证号').fill(leader.id);
    }
    await dialog.getByRole('button', { name: '任命', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toContainText(leader.name);
    // The page shows the ID number masked, never in full.
    await expect(card).toContainText(`${leader.id.slice(0, 4)}**********${leader.id.slice(-4)}`);
    await expect(card.getByText(leader.id, { exact: true })).toHaveCount(0);
  }

  // Nothing signed yet: the building page names what each party still owes.
  await page.getByRole('link', { name: run.buildingName }).click();
  await expect(page.getByRole('heading', { level: 1, name: run.buildingName })).toBeVisible();
  run.buildingUrl = new URL(page.url()).pathname;
  await expect(page.getByText('施工单位项目经理 王海峰 尚未签署承诺书')).toBeVisible();
  await expect(page.getByText('尚未上传法定代表人签字盖章的授权书原件').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '办理质量监督登记' })).toBeDisabled();
});

/**
 * On a phone: 待办签署 → the task → the full 授权书 and 承诺书 → a wrong password (the Chinese
 * error under the field, nothing signed) → the right one → the signed original uploaded.
 */
async function signOnPhone(page: Page, person: { login: string; id: string }) {
  await signIn(page, person.login);
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('dialog', { name: '导航' }).getByRole('link', { name: '待办签署' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '待办签署' })).toBeVisible();
  const task = page.getByRole('region', { name: run.projectName });
  await task.getByRole('link', { name: /^查看并签署/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: '签署承诺书' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '法定代表人授权书' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '工程质量终身责任承诺书' })).toBeVisible();
  await expect(page.getByText(run.buildingName).first()).toBeVisible();
  // The leader's own ID number, in full, as the documents will state it.
  await expect(page.getByText(person.id, { exact: true }).first()).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // The confirmation is required (checked in the browser).
  await page.getByLabel('登录密码').fill('not-my-password');
  await page.getByRole('button', { name: '签署', exact: true }).click();
  await expect(page.getByText('请先阅读并勾选确认')).toBeVisible();

  // A wrong password: the error under the password field, nothing signed.
  await page.getByLabel('本人已阅读并确认以上内容，自愿签署').check();
  await page.getByRole('button', { name: '签署', exact: true }).click();
  await expect(page.locator('#sign-password-help')).toHaveText('当前密码不正确');
  await expect(page.getByRole('heading', { name: /^已签署/ })).toHaveCount(0);
  await page.goto('/tasks');
  await expect(task.getByRole('link', { name: /^查看并签署/ })).toBeVisible();
  await task.getByRole('link', { name: /^查看并签署/ }).click();

  // The right password: one 授权书 and one 承诺书 for the one building.
  await page.getByLabel('登录密码').fill(DEMO_PASSWORD);
  await page.getByLabel('本人已阅读并确认以上内容，自愿签署').check();
  await page.getByRole('button', { name: '签署', exact: true }).click();
  await expect(page.getByRole('heading', { name: '已签署 2 份文件' })).toBeVisible();
  await expect(page.getByRole('link', { name: run.buildingName })).toBeVisible();

  // The 法定代表人's signed and stamped original, bound by its SHA-256.
  const pdf = originalPdf(person.login);
  await page.getByLabel('原件文件').setInputFiles({ name: '授权书原件.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: '上传原件' }).click();
  await expect(page.getByText('已上传原件，关联 1 份授权书')).toBeVisible();
  await expect(page.getByText(sha256(pdf))).toBeVisible();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

  // Nothing waits any more.
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1, name: '待办签署' })).toBeVisible();
  await expect(page.getByRole('region', { name: run.projectName })).toHaveCount(0);
}

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  for (const leader of LEADERS) {
    test(`${leader.title} ${leader.name} signs the authorization and the pledge`, async ({ page }) => {
      await signOnPhone(page, leader);
    });
  }
});

test('with the five pledges the gate opens, the building is registered and its public page names the leaders', async ({ page }) => {
  await signIn(page, 'owner.leader');
  await page.goto(run.buildingUrl);
  await expect(page.getByText('已具备', { exact: true })).toBeVisible();
  await expect(page.getByText('工程质量终身责任承诺书').first()).toBeVisible();

  await page.getByRole('button', { name: '办理质量监督登记' }).click();
  await expect(page.getByText(/^已于 .+ 办理质量监督登记$/)).toBeVisible();

  await page.goto(run.projectUrl);
  await expect(page.getByRole('list', { name: '单位工程' }).getByRole('listitem').filter({ hasText: run.buildingName })).toContainText('已具备');

  await page.goto(`/b/${run.buildingCode}`);
  for (const leader of LEADERS) await expect(page.getByText(leader.name).first()).toBeVisible();
  for (const leader of LEADERS) await expect(page.getByText(leader.id)).toHaveCount(0);
});

test('a 变更 of the 施工单位项目经理 closes the gate until the new leader has signed', async ({ page }) => {
  await signIn(page, 'owner.leader');
  await page.goto(run.projectUrl);
  const card = page.getByRole('region', { name: '施工单位', exact: true });
  await card.getByRole('button', { name: '变更项目负责人' }).click();
  const dialog = page.getByRole('dialog', { name: '变更施工单位项目经理' });
  await expect(dialog.getByText('变更后须重新签署')).toBeVisible();
  await choose(dialog.getByRole('combobox', { name: /^新项目负责人/ }), NEW_CONSTRUCTION_LEADER.login);
  await dialog.getByLabel('身份证号').fill(NEW_CONSTRUCTION_LEADER.id);
  await dialog.getByLabel('注册执业资格').fill(NEW_CONSTRUCTION_LEADER.qualification);
  await dialog.getByLabel('注册执业证号').fill(NEW_CONSTRUCTION_LEADER.qualificationNo);
  await dialog.getByLabel('变更原因').fill('原项目经理调任其他项目');
  await dialog.getByLabel('生效日期').fill(today());
  await dialog.getByLabel('批准人').fill('闽江建工集团有限公司 总经理办公会');
  await dialog.getByRole('button', { name: '确认变更' }).click();
  await expect(dialog).toBeHidden();

  await expect(card.getByRole('definition').filter({ hasText: NEW_CONSTRUCTION_LEADER.name })).toBeVisible();
  await expect(card.getByRole('list', { name: '施工单位历任项目负责人' })).toContainText('王海峰');
  const change = page.getByRole('row').filter({ hasText: '原项目经理调任其他项目' });
  await expect(change).toContainText('王海峰');
  await expect(change).toContainText(NEW_CONSTRUCTION_LEADER.name);
  await expect(page.getByRole('list', { name: '单位工程' }).getByRole('listitem').filter({ hasText: run.buildingName })).toContainText('缺 1 项');

  await page.goto(run.buildingUrl);
  await expect(page.getByText(`施工单位项目经理 ${NEW_CONSTRUCTION_LEADER.name} 尚未签署承诺书`)).toBeVisible();
  await expect(page.getByText('1 方未完成')).toBeVisible();
  // The former leader's signed documents stay on record.
  await expect(page.getByRole('list', { name: '施工单位的已签署文件' })).toContainText('王海峰');
});

test.describe('on a 375 px phone, after the 变更', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test(`the new 施工单位项目经理 ${NEW_CONSTRUCTION_LEADER.name} signs`, async ({ page }) => {
    await signOnPhone(page, NEW_CONSTRUCTION_LEADER);
  });
});

test('the gate is open again and the former leader stays on record', async ({ page }) => {
  await signIn(page, 'owner.leader');
  await page.goto(run.buildingUrl);
  await expect(page.getByText('已具备', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: '施工单位的已签署文件' })).toContainText(NEW_CONSTRUCTION_LEADER.name);

  await page.goto(run.projectUrl);
  const card = page.getByRole('region', { name: '施工单位', exact: true });
  await expect(card.getByRole('list', { name: '施工单位历任项目负责人' })).toContainText('王海峰');
  await expect(page.getByRole('list', { name: '单位工程' }).getByRole('listitem').filter({ hasText: run.buildingName })).toContainText('已具备');
});
