// Browser test of the charts and page titles: 统计看板 at 375 px and at 1280 px sets the page
// title, and its donuts keep their legends whole (plain, wrapped below the ring, never paged);
// the petitions dashboard too; its 政策服务 part draws its figures, and the 最多跑一次 figure of a unit
// leads to the applications behind it (the list shows why it is filtered). Screenshots go to
// test-results/ for a human look.
import { localItemBody } from '../src/server/modules/service-items/service-items-test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, settled, shot, shotOf, signIn, openBrowserWorld, type TestServer, apiCall as call } from './browser';

describe.skipIf(!hasChromium)('charts and page titles in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, watch } = errorWatcher();

  beforeAll(async () => {
    // the demo's people, disputes and petitions: every chart has something to draw
    ({ server, browser } = await openBrowserWorld({ recipients: 300 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every chart drawn, with its legend mode. */
  async function charts(page: Page): Promise<string[]> {
    await page.locator('.chart canvas').first().waitFor();
    await settled(page);
    return page.locator('.chart').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}:${e.getAttribute('data-legend')}`));
  }


  it("政策服务 at 1280 px: the figures render; a unit's 最多跑一次 figure lands on the applications behind it", async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server, 'county');
    // two applications closed today at the county: one with one run, one with two
    const me = await call<{ orgUnit: { id: string } }>(page, 'GET', '/api/me');
    const item = await call<{ id: string }>(page, 'POST', '/api/service-items', localItemBody(me.orgUnit.id, { name: '本县退役军人免费体检', materials: [{ name: '身份证', form: 'copy', count: 1, note: '' }] }));
    const people = await call<{ items: { id: string; name: string }[] }>(page, 'GET', '/api/recipients?status=registered&pageSize=2');
    const today = await page.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    for (const [i, person] of people.items.entries()) {
      let a = await call<{ id: string; version: number }>(page, 'POST', '/api/applications', { recipientId: person.id, itemId: item.id, received: [true], channel: 'inPerson' });
      if (i === 1) a = await call(page, 'POST', `/api/applications/${a.id}/runs`, { reason: 'signature', day: today });
      a = await call(page, 'POST', `/api/applications/${a.id}/actions`, { action: 'opinionToDecision', comment: '符合条件', version: a.version, data: { agree: true } });
      await call(page, 'POST', `/api/applications/${a.id}/actions`, { action: 'approve', comment: '同意', version: a.version });
    }
    await page.goto(`${server.url}/dashboard?part=services`);
    await page.getByTestId('services-dashboard').waitFor();
    const drawn = await charts(page);
    for (const title of ['最多跑一次比率', '办件按事项和状态', '各环节按时率']) expect(drawn.some((c) => c.startsWith(`${title}:`)), drawn.join(', ')).toBe(true);
    await expect(page.getByText('50%', { exact: true }).first().isVisible()).resolves.toBe(true);
    // the unit's applications closed with more than one run: the list, filtered, says why
    const many = page.locator('.one-run-table tbody tr').filter({ has: page.locator('td:nth-child(4) a') }).first().locator('td:nth-child(4) a');
    await many.click();
    await page.waitForURL(/\/applications\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ closedIn: today.slice(0, 7), manyRuns: 'true' });
    await expect(page.locator('.one-run-filter-note').innerText()).resolves.toContain('跑动超过一次');
    await expect(page.locator('.record-table-filters').innerText()).resolves.toContain('办结');
    const rows = page.locator('.record-table .ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().innerText()).resolves.toContain(people.items[1].name);
    await shot(page, 'desktop-1280-one-run-list.png', true);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 150_000);

  for (const [device, width] of [
    ['phone', 375],
    ['desktop', 1280],
  ] as const) {
    it(`统计看板 at ${width} px: the title is set, no legend is paged`, async () => {
      const { context, page } = await newPage(browser, device, watch);
      if (device === 'desktop') await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, server, 'county', `/dashboard?part=registry`);
      const drawn = await charts(page);
      await expect(page.title()).resolves.toBe('统计看板 · 戎家');
      const donuts = drawn.filter((c) => !c.endsWith(':none'));
      expect(donuts.length, drawn.join(', ')).toBeGreaterThan(0);
      expect(drawn.filter((c) => c.endsWith(':scroll')), 'no paged legend').toEqual([]);
      await expectNoSidewaysScroll(page, `no sideways scrolling at ${width} px`);
      await shot(page, `${device}-${width}-dashboard.png`, true);
      // a donut and the bars of long names, each at full resolution
      for (const title of ['退役方式', '人员类别']) {
        const card = page.locator('.dashboard-card', { hasText: title }).first();
        await shotOf(card, `${device}-${width}-dashboard-${title}.png`);
      }

      await page.goto(`${server.url}/petitions/dashboard`);
      await page.getByText('信访事项', { exact: true }).first().waitFor();
      await settled(page);
      await expect(page.title()).resolves.toBe('信访统计 · 戎家');
      expect((await page.locator('.chart[data-legend="scroll"]').count()), 'no paged legend').toBe(0);
      await shot(page, `${device}-${width}-petition-dashboard.png`, true);

      // the 政策服务 part: whole on the width, its figures drawn
      await page.goto(`${server.url}/dashboard?part=services`);
      await page.getByTestId('services-dashboard').waitFor();
      await charts(page);
      await expectNoSidewaysScroll(page, `no sideways scrolling of 政策服务 at ${width} px`);
      await shot(page, `${device}-${width}-services-dashboard.png`, true);
      for (const [title, name] of [['最多跑一次', 'one-run'], ['预约办理', 'bookings']]) {
        const card = page.locator('.dashboard-card', { hasText: title }).first();
        await shotOf(card, `${device}-${width}-services-${name}.png`);
      }
      await context.close();
      expect(pageErrors).toEqual([]);
    }, 150_000);
  }
});
