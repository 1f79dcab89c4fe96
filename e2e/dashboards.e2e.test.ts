// Browser test of 统计看板 · 总览 (issue 16): the county director sees the county's figures for the
// month (people, visits, petitions, disputes … grouped by module, the units below), drills into a
// township, and from its 在册服务对象 number lands on the registry list behind it, whose total is that
// number. At 375 px the page fits the width. Screenshots of both sizes go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, openBrowserWorld, pageKit, type TestServer } from './browser';

describe.skipIf(!hasChromium)('the overview dashboard in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const kit = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a county director sees the county, drills into a township and reaches the records behind a number', async () => {
    const { context, page } = await kit.open('desktop');
    await kit.signIn(page, 'countyhead', '/dashboard');
    const dash = page.locator('.overview-dashboard');
    await dash.locator('[data-module="visits"]').waitFor();
    await expect(dash.locator('.ant-typography').first().textContent()).resolves.toContain('安吉县');
    await dash.locator('.overview-children tbody tr.ant-table-row').first().waitFor();
    await kit.shot(page, 'dashboards-overview-1280');
    // drill into the first township with people
    const township = dash.locator('.overview-children tbody tr.ant-table-row a').first();
    const name = (await township.textContent())!;
    await township.click();
    await page.getByRole('button', { name: '返回上级' }).waitFor();
    await expect(dash.locator('h4').first().textContent()).resolves.toContain(name);
    // the records behind 在册服务对象
    const number = dash.locator('[data-module="recipients"] [data-figure="recipients.registered"] a');
    const n = Number((await number.textContent())!.replace(/,/g, ''));
    expect(n).toBeGreaterThan(0);
    await number.click();
    await page.waitForURL(/\/recipients\?/);
    await page.getByText(`共 ${n} 条`).first().waitFor();
    await context.close();
    expect(kit.errors).toEqual([]);
  });

  it('at 375 px the overview fits the phone', async () => {
    const { context, page } = await kit.open('phone');
    await kit.signIn(page, 'countyhead', '/dashboard?period=2026-H2');
    await page.locator('.overview-dashboard [data-module="petitions"]').waitFor();
    await kit.noSideways(page);
    await kit.shot(page, 'dashboards-overview-375');
    await context.close();
    expect(kit.errors).toEqual([]);
  });
});
