// Browser test of 法律援助 on the real server with the demo county: the county adds its legal aid
// center to the directory 名录 (desktop); a village worker on a phone opens a person's page,
// registers a legal-aid application from it (the person given, never typed), refers it to the
// center, records the center's acknowledgement 回执, a follow-up, and closes it 案结事了; the
// person's page lists it. The county head sets the receipt days 法律援助设置; the village sees them
// read-only. The pages are looked at on a phone (375 px) and a desktop (1280 px);
// screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('legal aid in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county keeps its directory; a village worker registers an application, refers it, records the receipt and follows it to 案结事了', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    // the county adds its legal aid center to the directory
    const c = await open('desktop');
    await signIn(c.page, 'county', `/legal-aid/partners`);
    await c.page.getByText('名录中暂无机构').waitFor();
    await c.page.getByRole('button', { name: /新增机构/ }).click();
    const add = c.page.locator('.ant-modal:visible');
    await add.getByLabel('机构名称', { exact: true }).fill('安吉县法律援助中心');
    await add.getByLabel('地址', { exact: true }).fill('安吉县递铺街道昌硕东路 1 号');
    await add.getByLabel('联系电话').fill('0572-5123348');
    await add.getByLabel('律师', { exact: true }).fill('王律师、李律师');
    await add.getByLabel('擅长领域').fill('劳动争议、婚姻家庭');
    await add.getByRole('button', { name: /保\s*存/ }).click();
    await c.page.locator('.ant-table-row', { hasText: '安吉县法律援助中心' }).waitFor();
    await shot(c.page, 'desktop-legal-aid-partners');
    await c.context.close();

    // the village worker, on a phone, from the person's page
    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-legal-aid');
    await panel.getByText('尚无法律援助申请').waitFor();
    await panel.getByRole('button', { name: /登记法律援助申请/ }).click();
    await v.page.waitForURL(/\/legal-aid\/new\?/);
    await v.page.locator('.legal-aid-form .ant-select-content, .legal-aid-form .ant-select-selection-item').filter({ hasText: person!.name }).first().waitFor();
    await v.page.getByLabel('申请事项及事实经过').fill('在某物流公司工作三年，被辞退后未获经济补偿，工资拖欠两个月');
    await v.page.getByLabel('对方当事人').fill('安吉某物流有限公司');
    await v.page.getByLabel('请求事项').fill('支付拖欠工资及解除劳动合同经济补偿');
    await v.page.locator('.ant-radio-wrapper', { hasText: '仲裁' }).click();
    await shot(v.page, 'phone-legal-aid-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /保存申请/ }).click();
    await v.page.waitForURL(/\/legal-aid\/[0-9a-z]{20}$/);
    await v.page.getByText('尚未转介').waitFor();

    // referral to the county's center
    await v.page.getByRole('button', { name: /转\s*介/ }).first().click();
    const refer = v.page.locator('.ant-modal:visible');
    await refer.getByLabel('接收机构').click();
    await v.page.locator('.ant-select-item-option', { hasText: '安吉县法律援助中心' }).click();
    await refer.getByLabel('转介说明').fill('已电话联系中心值班律师，材料当面移交');
    await refer.getByRole('button', { name: /转\s*介/ }).click();
    await v.page.getByTestId('legal-aid-referral').getByText('待回执').waitFor();

    // the center's receipt
    await v.page.getByRole('button', { name: /登记回执/ }).click();
    const ack = v.page.locator('.ant-modal:visible');
    await ack.getByLabel('接收人', { exact: true }).fill('张主任');
    await ack.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('legal-aid-referral').getByText(/接收人：张主任/).waitFor();

    // a follow-up, then 案结事了
    await v.page.getByRole('button', { name: /跟踪记录/ }).click();
    const follow = v.page.locator('.ant-modal:visible');
    await follow.getByLabel('进展情况').fill('中心已指派王律师，已向劳动仲裁委提交申请');
    await follow.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.locator('.legal-aid-entry', { hasText: '中心已指派王律师' }).waitFor();
    await shot(v.page, 'phone-legal-aid-detail');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /案结事了/ }).click();
    const closing = v.page.locator('.ant-modal:visible');
    await closing.getByLabel('办理结果').fill('调解结案，公司支付工资及补偿共 3.6 万元');
    await closing.getByRole('button', { name: /确认结案/ }).click();
    await v.page.getByText(/案结事了（问题已解决）：调解结案/).waitFor();
    await expect(v.page.getByRole('button', { name: /跟踪记录/ }).count()).resolves.toBe(0);
    const caseUrl = v.page.url();

    // the person's page lists it, closed
    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    await panel.getByText('案结事了').waitFor();
    await panel.getByText(/转介 安吉县法律援助中心/).waitFor();

    await v.page.goto(`${server.url}/legal-aid`);
    await v.page.getByText(person!.name).first().waitFor();
    await shot(v.page, 'phone-legal-aid-list');
    await noSideways(v.page);
    await v.page.goto(`${server.url}/legal-aid/partners`);
    await v.page.getByText('安吉县法律援助中心').first().waitFor();
    await shot(v.page, 'phone-legal-aid-partners');
    await noSideways(v.page);
    await v.context.close();

    // the desktop: list with figures, case page, and the print layout of the application
    const d = await open('desktop');
    await signIn(d.page, 'township', `/legal-aid`);
    await d.page.getByText(person!.name).first().waitFor();
    await d.page.getByTestId('legal-aid-figures').waitFor();
    await shot(d.page, 'desktop-legal-aid-list');
    await d.page.goto(caseUrl);
    await d.page.locator('.legal-aid-entry', { hasText: '中心已指派王律师' }).waitFor();
    await shot(d.page, 'desktop-legal-aid-detail');
    await d.page.emulateMedia({ media: 'print' });
    await d.page.getByText('退役军人法律援助申请表').waitFor();
    await shot(d.page, 'print-legal-aid');
    await d.page.emulateMedia({ media: 'screen' });
    await d.page.goto(`${server.url}/legal-aid/new`);
    await d.page.getByLabel('申请事项及事实经过').waitFor();
    await shot(d.page, 'desktop-legal-aid-form');
    await d.context.close();

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('the county head sets the receipt days 法律援助设置 under the directory; a village worker sees them read-only', async () => {
    const h = await open('desktop');
    await signIn(h.page, 'countyhead', `/legal-aid/partners`);
    const days = h.page.getByLabel('转介回执时限');
    await expect.poll(() => days.inputValue()).toBe('5');
    await days.fill('8');
    await h.page.locator('.ant-card', { hasText: '法律援助设置' }).getByRole('button', { name: /保\s*存/ }).click();
    await h.page.getByText(/已保存，新的转介按此计算回执期限/).waitFor();
    await shot(h.page, 'desktop-legal-aid-settings');
    await h.context.close();

    const v = await open('phone');
    await signIn(v.page, 'village', `/legal-aid/partners`);
    const ro = v.page.getByLabel('转介回执时限');
    await expect.poll(() => ro.inputValue()).toBe('8');
    expect(await ro.isDisabled()).toBe(true);
    await v.page.getByText('由县级及以上服务中心负责人修改').waitFor();
    await shot(v.page, 'phone-legal-aid-settings');
    await noSideways(v.page);
    await v.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
