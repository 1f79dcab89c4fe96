// Browser test of 权益维护 on the real server with the demo county: a village worker on a phone
// opens a rights case from a person's page (the person given, never typed), verifies it 核查 and
// sends the responsible employer a supervision notice 督办通知; the township, on a desktop, issues
// a 督办 with a reply deadline; the village records the reply and closes the case 办结; the person's
// page lists it. The pages are looked at on a phone (375 px) and a desktop (1280 px); screenshots
// go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('rights cases in the browser', () => {
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

  it('a village worker opens and verifies a case, notifies the employer; the township supervises it; the reply is recorded and the case closed', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    // the village worker, on a phone, from the person's page
    const v = await open('phone');
    await signIn(v.page, 'village');
    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-rights');
    await panel.getByText('尚无权益维护案件').waitFor();
    await panel.getByRole('button', { name: /登记权益维护案件/ }).click();
    await v.page.waitForURL(/\/rights\/new\?/);
    await v.page.locator('.rights-form .ant-select-content, .rights-form .ant-select-selection-item').filter({ hasText: person!.name }).first().waitFor();
    await v.page.getByLabel('未落实的政策或受损的权益').fill('退役士兵安置待遇');
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '用人单位' }).click();
    await v.page.getByLabel('责任主体名称').fill('安吉某建材有限公司');
    await v.page.getByLabel('基本事实').fill('安置到该公司后，公司未按规定连续计算军龄工龄，年休假和工资档次因此受影响');
    await v.page.getByLabel('当事人诉求').fill('按规定连续计算军龄工龄，补发差额');
    await shot(v.page, 'phone-rights-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /保存案件/ }).click();
    await v.page.waitForURL(/\/rights\/[0-9a-z]{20}$/);
    await v.page.getByTestId('rights-verification').getByText('尚未核查').waitFor();
    const caseUrl = v.page.url();

    // 核查
    await v.page.getByRole('button', { name: /^核\s*查$/ }).click();
    const verify = v.page.locator('.ant-modal:visible');
    await verify.getByLabel('核查人员', { exact: true }).fill('王明、李强');
    await verify.getByLabel('核查情况', { exact: true }).fill('查阅安置档案和劳动合同，公司确未连续计算军龄');
    await verify.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-verification').getByText('情况属实，应予维护').waitFor();

    // 督办通知 to the employer, with its reply days
    await v.page.getByRole('button', { name: /发出督办通知/ }).click();
    const notice = v.page.locator('.ant-modal:visible');
    await notice.getByLabel('督办通知内容').fill('请依据安置政策连续计算军龄工龄，10 个工作日内书面回复');
    await notice.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-notices').getByText(/第 1 次/).waitFor();
    await v.page.getByText('督办中').first().waitFor();
    await shot(v.page, 'phone-rights-detail');
    await noSideways(v.page);

    // the township, on a desktop, issues a 督办 with a deadline
    const t = await open('desktop');
    await signIn(t.page, 'township');
    await t.page.goto(caseUrl);
    await t.page.getByRole('button', { name: /^督\s*办$/ }).click();
    const sup = t.page.locator('.ant-modal:visible');
    await sup.getByLabel('督办事项和要求').fill('请村里盯紧企业落实，5 个工作日内报告进展');
    await sup.getByRole('button', { name: /保\s*存/ }).click();
    const supervisions = t.page.getByTestId('rights-supervisions');
    await supervisions.getByText('待回复').waitFor();
    await supervisions.getByText(/请村里盯紧企业落实/).waitFor();
    await shot(t.page, 'desktop-rights-detail-supervised');
    await t.context.close();

    // the village records the reply, then closes the case
    await v.page.reload();
    await v.page.getByRole('button', { name: /回复督办/ }).click();
    const reply = v.page.locator('.ant-modal:visible');
    await reply.getByLabel('回复内容').fill('已约谈企业人事负责人，企业承诺本月内调整');
    await reply.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-supervisions').getByText(/已回复/).waitFor();
    await v.page.getByRole('button', { name: /^办\s*结$/ }).click();
    const closing = v.page.locator('.ant-modal:visible');
    await closing.getByLabel('办理结果说明').fill('企业已连续计算军龄工龄并补发差额');
    await closing.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText(/办结（已解决）：企业已连续计算军龄工龄/).waitFor();
    await expect(v.page.getByRole('button', { name: /回复督办/ }).count()).resolves.toBe(0);
    await shot(v.page, 'phone-rights-closed');
    await noSideways(v.page);

    // the person's page lists it, closed
    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    await panel.getByText('已办结').waitFor();
    await panel.getByText(/安吉某建材有限公司/).waitFor();

    await v.page.goto(`${server.url}/rights`);
    await v.page.getByText(person!.name).first().waitFor();
    await shot(v.page, 'phone-rights-list');
    await noSideways(v.page);
    await v.context.close();

    // the desktop: list with figures, the case page and its print layout
    const d = await open('desktop');
    await signIn(d.page, 'county');
    await d.page.goto(`${server.url}/rights`);
    await d.page.getByText(person!.name).first().waitFor();
    await d.page.getByTestId('rights-figures').waitFor();
    await shot(d.page, 'desktop-rights-list');
    await d.page.goto(caseUrl);
    await d.page.getByTestId('rights-supervisions').getByText(/已回复/).waitFor();
    await shot(d.page, 'desktop-rights-detail');
    await d.page.emulateMedia({ media: 'print' });
    await d.page.getByText('退役军人权益维护案件办理单').waitFor();
    await shot(d.page, 'print-rights');
    await d.page.emulateMedia({ media: 'screen' });
    await d.page.goto(`${server.url}/rights/new`);
    await d.page.getByLabel('基本事实').waitFor();
    await shot(d.page, 'desktop-rights-form');
    await d.context.close();

    expect(pageErrors).toEqual([]);
  }, 300_000);
});
