import { expect, test } from '@playwright/test';
import { serverDatabase } from './support/database';
import { signIn } from './support/sign-in';

/** A generated building of the demo jurisdiction (马尾区), which no other spec reads. */
const CODE = 'BL-350105-0001';

test.describe('the ledger verified on demand, on a schedule and after a break', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('a party re-verifies its building; the public page shows the warranty terms of a completed building', async ({ page }) => {
    await signIn(page, 'construction.leader');
    const buildings = (await (await page.request.get('/api/buildings')).json()) as { id: string; code: string }[];
    await page.goto(`/buildings/${buildings.find((b) => b.code === 'BL-350104-0001')!.id}`);
    const chain = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '防篡改记录链' }) });
    await chain.getByRole('button', { name: '立即重新校验' }).click();
    await expect(page.getByText('已重新校验：档案链完整。')).toBeVisible();
    await expect(chain.getByText('校验通过')).toBeVisible();

    // 5# passed 竣工验收 ten days ago: every period runs from then (条例 art 40)
    await page.goto('/b/BL-350104-0003');
    const warranty = page.getByRole('region', { name: '保修' });
    await expect(warranty.getByText(/自竣工验收之日/)).toBeVisible();
    await expect(warranty.getByRole('listitem')).toHaveCount(6);
    await expect(warranty.getByRole('listitem').filter({ hasText: '装修工程' })).toContainText('保修期内');
    await expect(warranty.getByRole('listitem').filter({ hasText: '其他项目' })).toContainText('按质量保修书约定');
  });

  test('a changed ledger row shows on the public page, alerts the ADMIN on every page until acknowledged, and clears once restored', async ({ page }) => {
    test.slow(); // a pass over every demo building
    const database = await serverDatabase();
    const [{ id: buildingId }] = (await database.query<{ id: string }>('SELECT id FROM "Building" WHERE code = $1', [CODE])).rows as [{ id: string }];
    const { canonical } = (await database.query<{ canonical: string }>('SELECT canonical FROM "LedgerEvent" WHERE "buildingId" = $1 AND seq = 1', [buildingId])).rows[0]!;
    const rewrite = (text: string) =>
      database.query(
        `BEGIN; ALTER TABLE "LedgerEvent" DISABLE TRIGGER ALL;
         UPDATE "LedgerEvent" SET canonical = ${pgString(text)} WHERE "buildingId" = '${buildingId}' AND seq = 1;
         ALTER TABLE "LedgerEvent" ENABLE TRIGGER ALL; COMMIT;`,
      );
    try {
      // An intruder with the database's password edits the first event
      await rewrite(canonical.replace('"v":1', '"v":1,"x":1'));

      await signIn(page, 'admin');
      await page.goto('/admin/chain-checks');
      await expect(page.getByRole('heading', { level: 1, name: '台账校验' })).toBeVisible();
      await page.getByRole('button', { name: '立即校验全部楼栋' }).click();
      await expect(page.getByText('已开始校验全部楼栋。')).toBeVisible();
      const runs = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '校验记录' }) });
      await expect(runs.getByRole('row').nth(1)).toContainText('1 个楼栋不一致', { timeout: 60_000 });
      await expect(runs.getByRole('row').nth(1)).toContainText('管理员');

      const alerts = page.getByRole('list', { name: '告警' });
      const alert = alerts.getByRole('listitem').filter({ hasText: CODE });
      await expect(alert).toContainText('第 1 条起不一致');
      // Every signed-in page of the ADMIN says so
      await page.goto('/');
      await expect(page.getByRole('alert').filter({ hasText: '1 个楼栋的档案链校验未通过' })).toBeVisible();

      // The public page says so too
      await page.goto(`/b/${CODE}`);
      await expect(page.getByRole('region', { name: '档案校验' }).getByText('档案链校验未通过')).toBeVisible();

      // Acknowledged with what was done: a blank note is refused first
      await page.goto('/admin/chain-checks');
      const form = alert.getByRole('form', { name: '确认处理告警' });
      await form.getByRole('button', { name: '确认处理' }).click();
      await expect(form.getByText('此项为必填项')).toBeVisible();
      await form.getByLabel('处理情况').fill('已从 12 月 4 日的备份恢复该楼栋台账，已报告质监站信息科');
      await form.getByRole('button', { name: '确认处理' }).click();
      await expect(alert).toContainText('确认处理：已从 12 月 4 日的备份恢复该楼栋台账');
      await page.goto('/');
      await expect(page.getByRole('alert').filter({ hasText: '档案链校验未通过' })).toHaveCount(0);
    } finally {
      await rewrite(canonical);
      await database.end();
    }

    // Restored: the next look verifies it whole again and clears the alert
    await page.goto(`/b/${CODE}`);
    await expect(page.getByRole('region', { name: '档案校验' }).getByText('档案链已验证')).toBeVisible();
    await page.goto('/admin/chain-checks');
    await expect(page.getByRole('list', { name: '告警' }).getByRole('listitem').filter({ hasText: CODE })).toContainText('已恢复完整');
  });
});

/** A PostgreSQL string literal (dollar quotes would do too; canonical JSON never holds a lone quote unescaped). */
const pgString = (text: string) => `'${text.replaceAll("'", "''")}'`;
