// Browser test of 帮扶援助 on the real server with the demo county: a village worker on a phone opens
// a person's page and takes an assistance application for them (the person given, never typed),
// records a verification by two people (herself and the township's worker) and submits it; the
// township gives its opinion; the county approves money aid, which starts the 公示; the public
// 公示 page on a phone shows the masked name and the amount, and no ID number. Pages are looked at
// on a phone (375 px) and a desktop (1280 px); screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('assistance in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));
  /** Runs one action of the application's page through its dialog. */
  async function act(page: Page, label: RegExp, fill: (dialog: ReturnType<Page['locator']>) => Promise<void>, then: string | RegExp): Promise<void> {
    await page.getByRole('button', { name: label }).first().click();
    const dialog = page.locator('.ant-modal:visible');
    await fill(dialog);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(then).first().waitFor();
  }
  async function pick(page: Page, label: string, option: RegExp): Promise<void> {
    await page.getByLabel(label).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  }

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a village worker applies, two people verify, the township gives its opinion and the county approves; the 公示 shows no personal data', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const county = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'county').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path', 'id_number_masked']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    // the village worker on a phone: the person's page → the form
    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-assistance');
    await panel.getByText('尚无帮扶援助申请').waitFor();
    await panel.getByRole('button', { name: /受理帮扶援助申请/ }).click();
    await v.page.waitForURL(/\/assistance\/new\?/);
    await v.page.locator('.aid-form .ant-select-content, .aid-form .ant-select-selection-item').filter({ hasText: person!.name }).first().waitFor();
    await v.page.locator('.ant-radio-wrapper', { hasText: '发生重大家庭变故' }).click();
    await v.page.getByLabel('家庭月收入').fill('1500');
    await v.page.getByLabel('家庭人口').fill('3');
    await v.page.getByLabel('困难情况').fill('配偶今年车祸去世，两个孩子上学，家中无其他收入');
    await shot(v.page, 'phone-assistance-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /受\s*理/ }).click();
    await v.page.waitForURL(/\/assistance\/[0-9a-z]{20}$/);
    await v.page.getByText('待核实').first().waitFor();

    // two people verify: the worker herself and the township's worker
    await act(
      v.page,
      /^核\s*实$/,
      async (dialog) => {
        await pick(v.page, '核实人二', /张卫东/);
        await dialog.getByLabel('核实情况').fill('入户查看，家中确无其他收入来源，情况属实');
      },
      /核实人 刘秀英、张卫东/,
    );
    await act(v.page, /报送审核/, (dialog) => dialog.getByLabel('本级意见').fill('村服务站意见：情况属实，建议给予援助'), '审核中');
    await shot(v.page, 'phone-assistance-detail');
    await noSideways(v.page);
    const url = v.page.url();
    await v.context.close();

    // the township gives its opinion up to the county (desktop)
    const tw = await open('desktop');
    await signIn(tw.page, 'township');
    await tw.page.goto(url);
    await act(tw.page, /出具意见报上级/, (dialog) => dialog.getByLabel('本级意见').fill('乡镇意见：同意，报县级审批'), /乡镇意见：同意，报县级审批/);
    await tw.context.close();

    // the county approves 800 yuan: the 公示 starts
    const c = await open('desktop');
    await signIn(c.page, 'county');
    await c.page.goto(url);
    await act(
      c.page,
      /批准援助/,
      async (dialog) => {
        await dialog.locator('.ant-radio-wrapper', { hasText: '帮扶援助金' }).click();
        await dialog.getByLabel('援助金额').fill('800');
        await dialog.getByLabel('审批意见').fill('同意给予帮扶援助金');
      },
      '公示中',
    );
    await c.page.getByTestId('decision').getByText('800.00 元').waitFor();
    await shot(c.page, 'desktop-assistance-detail');
    await c.page.emulateMedia({ media: 'print' });
    await c.page.getByText('困难退役军人帮扶援助申请审批表').waitFor();
    await shot(c.page, 'print-assistance');
    await c.page.emulateMedia({ media: 'screen' });
    await c.page.goto(`${server.url}/assistance`);
    await c.page.getByText(person!.name).first().waitFor();
    await shot(c.page, 'desktop-assistance-list');
    // the dashboard's 帮扶援助 tab counts it (this month, money)
    await c.page.goto(`${server.url}/dashboard?part=assistance`);
    await c.page.getByTestId('aid-by-form').getByText('800.00 元').waitFor();
    // beside it, the same period's funds, rights, legal-aid and care-record figures
    for (const id of ['dash-funds', 'dash-rights', 'dash-legal-aid', 'dash-care-records']) await c.page.getByTestId(id).locator('.ant-statistic').first().waitFor();
    await shot(c.page, 'desktop-assistance-figures');
    await c.context.close();
    // the same tab on a phone: the cards stack, the page does not scroll sideways
    const cp = await open('phone');
    await signIn(cp.page, 'county', `/dashboard?part=assistance`);
    await cp.page.getByTestId('dash-care-records').locator('.ant-statistic').first().waitFor();
    await shot(cp.page, 'phone-assistance-figures');
    await noSideways(cp.page);
    await cp.context.close();

    // the public 公示 on a phone: masked name and amount, no ID number
    const p = await open('phone');
    await p.page.goto(`${server.url}/public/units/${county.org_unit_id}/assistance`);
    const list = p.page.getByTestId('aid-disclosure');
    await list.getByText('800.00 元').waitFor();
    const text = await list.innerText();
    expect(text).not.toContain(person!.name);
    expect(text).toContain(person!.name.slice(0, 1) + '*');
    expect(text).not.toContain(person!.id_number_masked);
    expect(text).not.toMatch(/\d{6}/);
    await shot(p.page, 'phone-assistance-public');
    await noSideways(p.page);
    await p.context.close();

    expect(pageErrors).toEqual([]);
  }, 240_000);
});
