// Browser test of 创业与零就业 on the real server with the demo county: a village worker on a phone
// finds a household the registry's data says has no one of working age employed, confirms it as a
// zero-employment household 零就业家庭, records a measure and closes it 上岗再就业 on the case page.
// The township on a desktop (1280 px) registers a venture with its founder picked from the registry,
// records a loan on it, and looks at the zero-employment trend; phone pages have no sideways scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, signIn, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('ventures and zero-employment households in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a village worker confirms a zero-employment household and tracks it to 上岗再就业; the township records a venture', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const town = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.path']).where('username', '=', 'township').executeTakeFirstOrThrow();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    const founder = people.find((r) => r.org_path.startsWith(town.path) && r.id !== person?.id);
    expect(person && founder, 'a registered person in the village worker’s village, another in the township').toBeTruthy();
    if (!person || !founder) return;
    // the registry's facts as a collection form would leave them: out of work, his wife too
    await sys
      .updateTable('recipients')
      .set({
        household_id: null,
        birth_date: '1980-05-05',
        employment_status: 'unemployed',
        family_members: JSON.stringify([{ name: '李秀英', relation: '配偶', birthYear: 1982, occupation: '', employmentStatus: 'unemployed' }]),
      })
      .where('id', '=', person.id)
      .execute();

    const v = await open('phone');
    await signIn(v.page, server, 'village', '/ventures/zero-employment');
    const found = v.page.getByTestId('zero-candidates');
    await found.getByLabel('按姓名查找疑似零就业家庭').fill(person.name);
    await found.getByLabel('按姓名查找疑似零就业家庭').press('Enter');
    const row = found.locator('tr', { hasText: '李秀英' });
    await row.getByRole('button', { name: /确\s*认/ }).click();
    await v.page.getByLabel('核实情况').fill('入户核实，夫妻二人均失业');
    await shot(v.page, 'phone-zero-confirm');
    await v.page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*认/ }).click();
    await v.page.waitForURL(/\/ventures\/zero-employment\/[0-9a-z]{20}$/);
    await v.page.getByTestId('zero-facts').getByText('帮扶中').waitFor();

    await v.page.getByRole('button', { name: /登记帮扶措施/ }).click();
    await v.page.getByLabel('措施内容').fill('推荐到县物流园装卸岗位');
    await v.page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('zero-facts').getByText('1 次').waitFor();
    await v.page.getByRole('button', { name: /上岗再就业/ }).click();
    await v.page.getByLabel('上岗人员').click();
    await v.page.locator('.ant-select-item-option', { hasText: '李秀英' }).click();
    await v.page.getByLabel('就业单位').fill('县物流园');
    await v.page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText(/上岗再就业：李秀英（县物流园）/).waitFor();
    await shot(v.page, 'phone-zero-reemployed');
    await noSideways(v.page);
    await v.context.close();

    const d = await open('desktop');
    await signIn(d.page, server, 'township', '/ventures/new');
    await d.page.getByLabel('项目名称').fill('戎耀农机合作社');
    await d.page.getByLabel('创办人').fill(founder.name);
    await d.page.locator('.ant-select-item-option', { hasText: founder.name }).first().click();
    await d.page.getByLabel('所属行业').click();
    await d.page.locator('.ant-select-item-option', { hasText: '农林牧渔业' }).click();
    await d.page.getByLabel('带动就业人数').fill('6');
    await d.page.getByRole('button', { name: /保\s*存/ }).click();
    await d.page.waitForURL(/\/ventures\/[0-9a-z]{20}$/);
    await d.page.getByTestId('venture-facts').getByText(founder.name).waitFor();
    await d.page.getByRole('button', { name: /登记扶持/ }).click();
    await d.page.getByLabel('金额（元）').fill('50000');
    await d.page.getByLabel('扶持单位').fill('县农商银行');
    await d.page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await d.page.getByTestId('venture-supports').getByText('县农商银行').waitFor();
    await shot(d.page, 'desktop-venture');
    await d.page.goto(`${server.url}/ventures/zero-employment`);
    await d.page.getByTestId('zero-trend').waitFor();
    await d.page.getByText(`${person.name}家`).first().waitFor();
    await shot(d.page, 'desktop-zero-employment');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  });
});
