// Browser test of the public service portal on the real server with the demo county:
// (1) at 1280 px the township head writes the unit's service commitments and supervisors;
// (2) on a 375-px phone a citizen opens the township's public page, writes a signed suggestion in
//     the feedback box and notes the query code shown once;
// (3) the township head finds it in the list (and the work queue), replies and publishes;
// (4) the phone's public page shows the published reply and the commitments, and the query code
//     shows the reply; the 便民服务卡 renders with its QR code at card size and A4, and prints
//     without the public header. Screenshots at 375 and 1280 px go to test-results/portal-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { button, hasChromium, openBrowserWorld, shot as pageShot, type TestServer, signIn as signInWith } from './browser';
import { systemDb } from '../src/server/db/system';

const TEXT = '建议在服务站门口增加无障碍坡道，方便轮椅进出';
const REPLY = '已列入本月整改，月底前完成无障碍坡道建设';

describe.skipIf(!hasChromium)('the public service portal in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let townshipId = '';
  const pageErrors: string[] = [];
  let code = '';

  async function open(size: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
    const viewport = size === 'phone' ? { width: 375, height: 800 } : { width: 1280, height: 860 };
    const context = await browser.newContext({ viewport, deviceScaleFactor: size === 'phone' ? 2 : 1, isMobile: size === 'phone', hasTouch: size === 'phone', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.setDefaultTimeout(20_000);
    return { context, page };
  }
  /** the shared sign-in (a session of the account is reused) */
  const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);
  const shot = (page: Page, name: string) => pageShot(page, `portal-${name}.png`, true);
  async function noSideways(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling at 375 px').toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
    townshipId = (await systemDb(server.app.ctx.db).selectFrom('org_units').select('id').where('code', '=', '330523105').executeTakeFirstOrThrow()).id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the township head publishes its service commitments and supervisors', async () => {
    const h = await open('desktop');
    await signIn(h.page, 'townshiphead', '/feedback/service');
    await h.page.getByText('暂无服务承诺').waitFor();
    await h.page.getByRole('button', { name: /添加一条/ }).click();
    await h.page.getByLabel('承诺 1').fill('首问负责，一次告知所需材料');
    await h.page.getByRole('button', { name: /添加一条/ }).click();
    await h.page.getByLabel('承诺 2').fill('工作日 8:30–17:00 有人值守，节假日预约办理');
    await button(h.page, '保存服务承诺').click();
    await h.page.getByText('服务承诺已保存').waitFor();
    await h.page.getByRole('button', { name: /添加监督员/ }).click();
    await h.page.getByLabel('监督员 1 姓名').fill('周卫国');
    await h.page.getByLabel('监督员 1 身份').fill('退役军人、镇人大代表');
    await h.page.getByLabel('监督员 1 电话').fill('13905721188');
    await button(h.page, '保存监督员').click();
    await h.page.getByText('服务监督员已保存').waitFor();
    await shot(h.page, 'service-1280');
    await h.context.close();
  }, 120_000);

  it('a citizen on a phone writes a signed suggestion and gets the query code', async () => {
    const p = await open('phone');
    await p.page.goto(`${server.url}/public/units/${townshipId}`);
    await p.page.locator('[data-section="commitments"]').getByText('首问负责，一次告知所需材料').waitFor();
    await p.page.locator('[data-section="supervisors"]').getByText('周卫国').waitFor();
    await noSideways(p.page);
    await shot(p.page, 'unit-375');
    await p.page.getByRole('link', { name: /意见簿 · 监督卡/ }).click();
    await p.page.getByLabel('内容').fill(TEXT);
    await p.page.locator('.ant-radio-button-wrapper', { hasText: '建议' }).click();
    await p.page.locator('.ant-radio-wrapper', { hasText: '署名（留姓名和电话）' }).click();
    await p.page.getByLabel('姓名', { exact: true }).fill('李建华');
    await p.page.getByLabel('联系电话', { exact: true }).fill('13905723344');
    await p.page.locator('.ant-rate-star').nth(3).click();
    await noSideways(p.page);
    await shot(p.page, 'feedback-form-375');
    await button(p.page, '提交').click();
    code = (await p.page.getByTestId('feedback-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    await shot(p.page, 'feedback-code-375');
    await p.context.close();
  }, 120_000);

  it('the township head sees it in the work queue, replies and publishes', async () => {
    const h = await open('desktop');
    await signIn(h.page, 'townshiphead', '/work-queue');
    await h.page.getByText(/意见簿/).first().waitFor();
    await h.page.goto(`${server.url}/feedback`);
    await h.page.getByRole('link', { name: TEXT }).click();
    await h.page.getByText('李建华（署名）').waitFor();
    await h.page.getByText('139****3344').waitFor();
    await h.page.getByLabel('答复内容').fill(REPLY);
    await h.page.getByText('同时在本单位公开页面公开').click();
    await button(h.page, '答复').click();
    await h.page.getByText('已在公开页面公开').waitFor();
    await shot(h.page, 'detail-1280');
    await h.page.goto(`${server.url}/feedback`);
    await h.page.getByText('已答复·已公开').first().waitFor();
    await shot(h.page, 'list-1280');
    await h.context.close();
    // the same staff pages on a phone
    const ph = await open('phone');
    await signIn(ph.page, 'townshiphead', '/feedback');
    await ph.page.getByText(TEXT).first().waitFor();
    await noSideways(ph.page);
    await shot(ph.page, 'list-375');
    await ph.page.getByText(TEXT).first().click();
    await ph.page.getByText(REPLY).first().waitFor();
    await noSideways(ph.page);
    await shot(ph.page, 'detail-375');
    await ph.page.goto(`${server.url}/feedback/service`);
    await ph.page.getByLabel('监督员 1 姓名').waitFor();
    await shot(ph.page, 'service-375');
    await ph.context.close();
  }, 120_000);

  it('the public page shows the published reply; the query code shows it too', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const p = await open(size);
      await p.page.goto(`${server.url}/public/units/${townshipId}`);
      const published = p.page.locator('[data-section="published"]');
      await published.getByText(TEXT).waitFor();
      await published.getByText(REPLY).waitFor();
      expect(await p.page.getByText('李建华').count()).toBe(0);
      if (size === 'phone') await noSideways(p.page);
      await shot(p.page, `unit-replied-${size === 'phone' ? 375 : 1280}`);
      await p.context.close();
    }
    const q = await open('phone');
    await q.page.goto(`${server.url}/public/feedback-query`);
    await q.page.getByLabel('查询码').fill(code);
    await button(q.page, '查询').click();
    await q.page.getByTestId('feedback-view').getByText(REPLY).waitFor();
    await shot(q.page, 'query-375');
    await q.context.close();
  }, 120_000);

  it('the contact card renders with a QR code at card size and A4, and prints without the header', async () => {
    for (const size of ['phone', 'desktop'] as const) {
      const p = await open(size);
      await p.page.goto(`${server.url}/public/units/${townshipId}/card`);
      const qr = p.page.getByTestId('contact-qr');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const card = p.page.getByTestId('contact-card');
      await card.getByText('孝丰镇退役军人服务站').waitFor();
      await card.getByText(/周卫国/).waitFor();
      // 85.6 mm at 96 px per inch
      const box = await card.boundingBox();
      expect(Math.round(box!.width)).toBe(Math.round((85.6 / 25.4) * 96));
      if (size === 'phone') await noSideways(p.page);
      await shot(p.page, `card-${size === 'phone' ? 375 : 1280}`);
      await p.page.getByText('A4 张贴').click();
      await p.page.getByTestId('contact-card').getByText('便民服务卡').waitFor();
      await p.page.getByTestId('contact-qr').waitFor();
      await shot(p.page, `card-a4-${size === 'phone' ? 375 : 1280}`);
      if (size === 'desktop') {
        await p.page.emulateMedia({ media: 'print' });
        expect(await p.page.locator('.public-header').isVisible()).toBe(false);
        expect(await p.page.locator('.cc-toolbar').isVisible()).toBe(false);
        await shot(p.page, 'card-a4-print');
        const pdf = await p.page.pdf({ preferCSSPageSize: true });
        expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      }
      await p.context.close();
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
