// Browser test of the charts and page titles: 统计看板 at 375 px and at 1280 px sets the page
// title, and its donuts keep their legends whole (plain, wrapped below the ring, never paged);
// the petitions dashboard too. Screenshots go to test-results/ for a human look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { errorWatcher, hasChromium, horizontalOverflow, newPage, settled, shot, shotOf, signIn, openBrowserWorld, type TestServer } from './browser';

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

  for (const [device, width] of [
    ['phone', 375],
    ['desktop', 1280],
  ] as const) {
    it(`统计看板 at ${width} px: the title is set, no legend is paged`, async () => {
      const { context, page } = await newPage(browser, device, watch);
      if (device === 'desktop') await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, server, 'county');
      await page.goto(`${server.url}/dashboard`);
      const drawn = await charts(page);
      await expect(page.title()).resolves.toBe('统计看板 · 戎家');
      const donuts = drawn.filter((c) => !c.endsWith(':none'));
      expect(donuts.length, drawn.join(', ')).toBeGreaterThan(0);
      expect(drawn.filter((c) => c.endsWith(':scroll')), 'no paged legend').toEqual([]);
      expect(await horizontalOverflow(page), `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
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
      await context.close();
      expect(pageErrors).toEqual([]);
    }, 150_000);
  }
});
