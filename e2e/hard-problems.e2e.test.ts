// Browser test of 疑难问题 (§8) on the real server with the demo county: a village worker on a desktop
// (1280 px) reports a problem, the township passes it up to the county with a reason, the county
// (its monthly review list shows it not reviewed this month) resolves it, and the village worker on a
// phone (375 px) sees the resolution on the problem's page and the list without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, openBrowserWorld, signIn as signInTo, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('hard problems in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 50 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function act(page: Page, button: RegExp, fill: Record<string, string>) {
    await page.getByRole('button', { name: button }).click();
    const modal = page.locator('.ant-modal:visible');
    for (const [label, value] of Object.entries(fill)) await modal.getByLabel(label).fill(value);
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    await modal.waitFor({ state: 'hidden' });
  }

  it('a village reports, the township passes it up, the county resolves, the village sees the resolution', async () => {
    const d = await open('desktop');
    await signInTo(d.page, server, 'village', '/hard-problems/new');
    await d.page.getByLabel('问题类别').click();
    await d.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '住房安置' }).click();
    await d.page.getByLabel('问题概要').fill('老兵危房改造资金缺口');
    await d.page.getByLabel('问题描述').fill('住房年久失修，村里无力承担改造费用。');
    await d.page.getByLabel('已采取的措施').fill('村两委走访两次，协调亲属出资未果。');
    await d.page.getByRole('button', { name: /上\s*报/ }).click();
    await d.page.waitForURL(/\/hard-problems\/[0-9A-Za-z]{20,}$/);
    const url = d.page.url();
    await d.page.getByTestId('hard-problem-facts').getByText('乡镇（街道）研究中', { exact: false }).waitFor();
    await shot(d.page, 'desktop-hard-problem-reported');
    await d.context.close();

    const t = await open('desktop');
    await signInTo(t.page, server, 'township', new URL(url).pathname);
    await act(t.page, /上报县级/, { 意见: '镇级无专项资金，申请县级协调' });
    await t.page.getByTestId('hard-problem-facts').getByText('县级研究中', { exact: false }).waitFor();
    await t.context.close();

    const c = await open('desktop');
    await signInTo(c.page, server, 'county', '/hard-problems/review');
    const item = c.page.getByTestId('hard-problem-review-item').filter({ hasText: '老兵危房改造资金缺口' });
    await item.getByText('本月未研究').waitFor();
    await shot(c.page, 'desktop-hard-problem-review');
    await item.getByRole('link', { name: '老兵危房改造资金缺口' }).click();
    await act(c.page, /解决办结/, { 解决情况: '协调住建部门纳入危房改造计划，已完成改造。' });
    await c.page.getByTestId('hard-problem-resolution').waitFor();
    await c.page.getByRole('menuitem', { name: '疑难问题' }).click();
    await c.page.getByText('老兵危房改造资金缺口').first().waitFor();
    await shot(c.page, 'desktop-hard-problems');
    await c.context.close();

    const v = await open('phone');
    await signInTo(v.page, server, 'village', new URL(url).pathname);
    await v.page.getByTestId('hard-problem-resolution').getByText('协调住建部门纳入危房改造计划，已完成改造。').waitFor();
    await shot(v.page, 'phone-hard-problem-resolved');
    await noSideways(v.page);
    await v.page.goto(`${server.url}/hard-problems`);
    await v.page.getByText('老兵危房改造资金缺口').first().waitFor();
    await shot(v.page, 'phone-hard-problems');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /上报疑难问题/ }).click();
    await v.page.getByLabel('问题概要').waitFor();
    await shot(v.page, 'phone-hard-problem-form');
    await noSideways(v.page);
    await v.context.close();
    expect(pageErrors).toEqual([]);
  });
});
