// Browser test of dispute screening and opinion reports on the real server with the demo county:
// a village worker registers a dispute on a phone, records progress and closes it (一案一销), sees
// the ledger list and submits the monthly summary up; then reports a piece of public opinion, and
// the township head finds it in the township's inbox and signs it. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, openBrowserWorld, shot as pageShot, type TestServer, signIn as signInWith } from './browser';

/** A day in China, `n` days from today. */
function chinaDay(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));
}

describe.skipIf(!hasChromium)('disputes and opinion reports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  async function open(size: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
    const viewport = size === 'phone' ? { width: 375, height: 800 } : { width: 1366, height: 860 };
    const context = await browser.newContext({ viewport, deviceScaleFactor: size === 'phone' ? 2 : 1, isMobile: size === 'phone', hasTouch: size === 'phone', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  /** the shared sign-in (a session of the account is reused) */
  const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);

  const shot = (page: Page, name: string) => pageShot(page, `${name}.png`, true);

  async function noSideways(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling of the page at 375 px').toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers a dispute on a phone, records progress and closes it; the summary is submitted up', async () => {
    const v = await open('phone');
    await signIn(v.page, 'village', '/disputes/new');
    await v.page.getByLabel('当事人1姓名').fill('周长林');
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '下访' }).click();
    await v.page.getByLabel('纠纷简要情况').fill('退役军人周长林反映与村集体在土地承包费上存在争议，情绪较激动');
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '较大' }).click();
    const deadline = v.page.getByLabel('化解时限');
    await deadline.click();
    await deadline.fill(chinaDay(10));
    // typing a whole valid day sets it when the field loses focus (Enter would submit the form)
    await v.page.getByLabel('化解方案').click();
    await v.page.getByLabel('化解方案').fill('村两委牵头，镇服务站协调，逐项核对承包费收取依据');
    await expect(deadline.inputValue()).resolves.toBe(chinaDay(10));
    await shot(v.page, 'phone-dispute-register');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /^\s*登\s*记\s*$/ }).click();
    await v.page.waitForURL(/\/disputes\/[0-9a-z]{20}$/);
    await v.page.getByText('化解措施及进展').waitFor();
    await v.page.getByText('周长林').first().waitFor();

    // progress
    await v.page.getByLabel('化解措施').fill('入户走访，听取周长林诉求');
    await v.page.getByLabel('进展情况').fill('同意由村调委会组织调解');
    await v.page.getByRole('button', { name: /记录进展/ }).click();
    await v.page.locator('.dispute-progress').getByText('入户走访，听取周长林诉求').waitFor();
    await shot(v.page, 'phone-dispute-detail');
    await noSideways(v.page);

    // closure
    await v.page.getByRole('button', { name: /销\s*号/ }).click();
    const modal = v.page.locator('.ant-modal');
    await modal.getByLabel('化解结果').fill('核对后退还多收费用，双方签订调解协议');
    await modal.getByRole('button', { name: /确认销号/ }).click();
    await v.page.getByText(/销号（刘秀英）：核对后退还多收费用/).waitFor();
    expect(await v.page.getByRole('button', { name: /记录进展/ }).count(), 'read-only after closing').toBe(0);
    await shot(v.page, 'phone-dispute-closed');
    // the printed sheet: its own title, no buttons
    await v.page.emulateMedia({ media: 'print' });
    await v.page.getByText('矛盾纠纷排查化解登记表').waitFor();
    expect(await v.page.getByRole('button', { name: /打\s*印/ }).isVisible()).toBe(false);
    await shot(v.page, 'print-dispute');
    await v.page.emulateMedia({ media: 'screen' });
    // the ledger list on the phone
    await v.page.goto(`${server.url}/disputes`);
    await v.page.locator('.record-table .ant-table-row', { hasText: '周长林' }).waitFor();
    await shot(v.page, 'phone-disputes-list');
    await noSideways(v.page);
    await v.context.close();

    // the ledger list and the monthly summary on a desktop screen
    const d = await open('desktop');
    await signIn(d.page, 'village', '/disputes');
    const row = d.page.locator('.record-table .ant-table-row', { hasText: '周长林' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/已销号/);
    await shot(d.page, 'desktop-disputes-list');
    await d.page.goto(`${server.url}/disputes/summary`);
    await d.page.locator('.dispute-summary-table .ant-table-row').first().waitFor();
    await d.page.getByRole('button', { name: /向上级报送/ }).click();
    await d.page.getByText('已报送').first().waitFor();
    await d.page.getByText(/月报已于/).waitFor();
    await shot(d.page, 'desktop-disputes-summary');
    await d.context.close();

    // the township sees the village's submission
    const t = await open('desktop');
    await signIn(t.page, 'townshiphead', '/disputes/summary');
    await t.page.getByText(/个单位未报送/).waitFor();
    await t.page.locator('.ant-table-row', { hasText: '已报送' }).first().waitFor();
    await shot(t.page, 'desktop-disputes-summary-township');
    await t.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('a village worker reports an opinion; the township head signs it in the inbox', async () => {
    const v = await open('phone');
    await signIn(v.page, 'village', '/opinion-reports/new');
    await v.page.getByLabel('来源/平台').fill('抖音');
    await v.page.getByLabel('舆情摘要').fill('短视频称某村退役军人优待金被挪用，转发三百余次');
    await v.page.getByLabel('涉及人员').fill('吴建华');
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '较大' }).click();
    await shot(v.page, 'phone-opinion-report');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /^\s*报\s*送\s*$/ }).click();
    await v.page.waitForURL(/\/opinion-reports\/[0-9a-z]{20}$/);
    await v.page.locator('.opinion-chain').getByText('孝丰镇').waitFor();
    // the levels above see it, but it waits on the village until passed up
    await expect(v.page.locator('.opinion-chain').innerText()).resolves.toMatch(/安吉县[\s\S]*未报送至本级/);
    await v.page.getByText('办理记录').waitFor();
    await shot(v.page, 'phone-opinion-detail');
    await noSideways(v.page);
    await v.page.goto(`${server.url}/opinion-reports?tab=all`);
    await v.page.locator('.record-table .ant-table-row', { hasText: '抖音' }).getByText('待本级处置或上报').waitFor();
    await shot(v.page, 'phone-opinion-list');
    await noSideways(v.page);
    // the village passes it up: the township now has to sign
    await v.page.locator('.record-table .ant-table-row', { hasText: '抖音' }).getByRole('link').first().click();
    await v.page.getByRole('button', { name: /上报上一级/ }).click();
    await v.page.getByLabel('上报说明').fill('涉及镇级资金，请镇里处置');
    await v.page.getByRole('button', { name: /^\s*确\s*定\s*$/ }).click();
    await v.page.locator('.opinion-chain').getByText(/未签收，时限/).waitFor();
    await v.page.getByText('涉及镇级资金，请镇里处置').first().waitFor();
    await v.context.close();

    const h = await open('desktop');
    await signIn(h.page, 'townshiphead');
    // it waits in the township head's work queue (the kernel's cases), due within 2 hours
    await h.page.goto(`${server.url}/work-queue`);
    await h.page.getByText(/舆情（较大）：抖音/).waitFor();
    await shot(h.page, 'desktop-opinion-work-queue');
    await h.page.goto(`${server.url}/opinion-reports`);
    const row = h.page.locator('.record-table .ant-table-row', { hasText: '抖音' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/待本级签收/);
    await shot(h.page, 'desktop-opinion-inbox');
    await row.getByRole('button', { name: /签\s*收/ }).click();
    // signed, it stays in the inbox: the township now handles it or passes it up
    await row.getByText('待本级处置或上报').waitFor();
    await row.getByRole('link').first().click();
    await h.page.locator('.opinion-chain').getByText(/陈志刚签收，用时/).waitFor();
    await shot(h.page, 'desktop-opinion-detail');
    await h.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
