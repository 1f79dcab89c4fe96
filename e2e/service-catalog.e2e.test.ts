// Browser tests of the service catalog 服务事项 and 我的 on the real server with the demo county.
// (1) At desktop width: the county reviewer opens a starter item, makes the county's own version
//     with the step days the starter left empty, and publishes a local item of the county.
// (2) On a 375-px phone: a citizen opens a unit's public page → 服务事项 → the adapted item, sees
//     the checklist with the county's days, ticks materials, and opens the A4 print version.
// (3) On a phone: a signed-in public account opens 我的 and sees its petition with the next step.
// Every page is photographed at 1280 and 375 px into test-results/ for a human look.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../test/helpers/server';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { solveChallenge } from '../src/server/modules/public-accounts/public-accounts-test-support';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../src/shared/schemas/public-accounts';
import { button, ensureWebBuild, hasChromium, expectNoSidewaysScroll, launchBrowser, openMenu, settled, shot, shotsDir, signIn, STEP_TIMEOUT } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;

const STARTER = '残疾等级评定';
const LOCAL = '本县退役军人免费游览景区';

async function ready(page: Page): Promise<void> {
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll('.ant-skeleton').length === 0);
}

/** Photographs the page at 1280 and at 375 px wide (full page), and checks the phone does not scroll sideways. */
async function bothWidths(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 900 });
  await ready(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${name}-1280.png`, true);
  await page.setViewportSize({ width: 375, height: 800 });
  await ready(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${name}-375.png`, true);
  await expectNoSidewaysScroll(page, `${name} scrolls sideways at 375 px`);
  await page.setViewportSize(size);
  await ready(page);
}

describe.skipIf(!hasChromium)('service catalog and 我的 in the browser', () => {
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuild();
    server = await startTestServer({ env: { PUBLIC_POW_DIFFICULTY: '8' } });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  async function context(phone: boolean): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext(
      phone ? { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' } : { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    const page = await ctx.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) pageErrors.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
    });
    return { ctx, page };
  }

  it('a county reviewer gives a starter item its step days (本地版本) and publishes a local item', async () => {
    const { ctx, page } = await context(false);
    await signIn(page, server, 'county');
    await page.getByRole('menuitem', { name: '政策服务' }).click();
    await openMenu(page, '服务事项');
    await page.waitForURL(/\/service-items$/);
    await page.getByRole('link', { name: STARTER }).first().waitFor();
    await bothWidths(page, 'catalog-list');

    // the starter item: published by the top unit, its step days left for the county
    await page.getByRole('link', { name: STARTER }).first().click();
    await page.getByText('各环节办理时限', { exact: false }).first().waitFor();
    await expect.poll(() => page.getByText('待县级中心填写').count(), { timeout: STEP_TIMEOUT }).toBeGreaterThan(0);
    const starterUrl = page.url();

    await page.getByRole('button', { name: /制定本地版本/ }).click();
    await page.waitForURL(/\/service-items\/new\?adapt=/);
    const steps = page.getByTestId('step-row');
    await expect.poll(() => steps.count(), { timeout: STEP_TIMEOUT }).toBe(3);
    await page.getByLabel('环节1时限').fill('5');
    await page.getByLabel('环节2时限').fill('10');
    await page.getByLabel('环节3时限').fill('20');
    await page.getByLabel('决定机关').fill('县退役军人事务局');
    await page.getByLabel('办理结果').fill('残疾军人证');
    await bothWidths(page, 'catalog-form-adapt');
    await button(page, '发布').click();
    await page.waitForURL((u) => /\/service-items\/(?!new$)[^/?]+$/.test(u.pathname));
    await page.getByText('5个工作日').waitFor();
    await expect.poll(() => page.getByText('待县级中心填写').count(), { timeout: STEP_TIMEOUT }).toBe(0);
    await expect(page.getByText(/待填写/).count()).resolves.toBe(0);
    // the county's catalog now lists one item of that name: the county's own
    await page.goto(`${server.url}/service-items?q=${encodeURIComponent(STARTER)}`);
    await ready(page);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: STEP_TIMEOUT }).toBe(1);
    await page.getByRole('cell', { name: /安吉县/ }).first().waitFor();
    // the starter itself stays readable (and photographed) at its own address
    await page.goto(starterUrl);
    await page.getByRole('button', { name: /制定本地版本/ }).waitFor();
    await bothWidths(page, 'catalog-detail-starter');

    // a local item of the county
    await page.goto(`${server.url}/service-items`);
    await page.getByRole('button', { name: /新增事项/ }).click();
    await page.waitForURL(/\/service-items\/new$/);
    await page.getByRole('heading', { name: '新增服务事项' }).waitFor();
    await page.getByLabel('事项名称').fill(LOCAL);
    await page.getByLabel('材料1名称').fill('退役军人优待证');
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料2名称').fill('本人身份证');
    await page.getByLabel('环节1时限').fill('3');
    await page.getByLabel('决定机关').fill('县退役军人事务局');
    await page.getByLabel('办理结果').fill('景区优待卡');
    await bothWidths(page, 'catalog-form-new');
    await button(page, '发布').click();
    await page.waitForURL((u) => /\/service-items\/(?!new$)[^/?]+$/.test(u.pathname));
    await page.getByRole('heading', { name: LOCAL }).waitFor();
    await page.getByText('3个工作日').waitFor();
    await bothWidths(page, 'catalog-detail-local');
    await ctx.close();
  }, 180_000);

  it('a citizen on a phone opens the unit page → the item, ticks the checklist, and the print view renders', async () => {
    const { ctx, page } = await context(true);
    await page.goto(`${server.url}/public`);
    await page.getByRole('searchbox', { name: '查找服务中心（站）' }).or(page.getByLabel('查找服务中心（站）')).first().fill('孝丰镇');
    await page.keyboard.press('Enter');
    await page.locator('.unit-card', { hasText: '孝丰镇' }).first().click();
    await page.waitForURL(/\/public\/units\/[^/]+$/);
    await page.getByTestId('unit-catalog-link').waitFor();
    await bothWidths(page, 'public-unit');
    await page.getByTestId('unit-catalog-link').click();
    await page.waitForURL(/\/items$/);
    await page.locator('.sc-item-card', { hasText: LOCAL }).waitFor();
    await bothWidths(page, 'public-catalog');
    await page.locator('.sc-item-card', { hasText: STARTER }).first().click();
    await page.waitForURL(/\/items\/[^/]+$/);
    await page.getByRole('group', { name: '材料清单' }).waitFor();
    // the county's version: its days
    await page.getByText('时限：5 个工作日').waitFor();
    const boxes = page.getByRole('group', { name: '材料清单' }).getByRole('checkbox');
    const n = await boxes.count();
    expect(n).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect.poll(() => page.locator('.sc-checked').count(), { timeout: STEP_TIMEOUT }).toBe(2);
    await page.getByText(/已备 2\/\d+ 项必需材料|已备 1\/\d+ 项必需材料/).waitFor();
    await bothWidths(page, 'public-item');
    // the ticks stay on the device
    await page.reload();
    await page.getByRole('group', { name: '材料清单' }).waitFor();
    await expect.poll(() => page.locator('.sc-checked').count(), { timeout: STEP_TIMEOUT }).toBe(2);

    await page.getByRole('button', { name: /打印材料清单/ }).click();
    await page.waitForURL(/\/print$/);
    const sheet = page.getByTestId('print-sheet');
    await sheet.waitFor();
    await expect.poll(() => sheet.locator('tbody tr').count(), { timeout: STEP_TIMEOUT }).toBe(n);
    await bothWidths(page, 'public-item-print');
    // as printed: the header, nav and buttons are gone, the sheet stays
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.public-header').isVisible()).toBe(false);
    expect(await page.locator('.sc-print-bar').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await shot(page, 'public-item-print-media.png', true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await ctx.close();
  }, 180_000);

  it('a signed-in public account sees 我的 with its petition and its next step', async () => {
    const { ctx, page } = await context(true);
    // the account and its petition through the API in the browser's own cookie jar
    const first17 = '330523' + '19720815' + '331';
    const idNumber = first17 + idCheckCharacter(first17);
    const challenge = (await (await ctx.request.get(`${server.url}/api/public/accounts/challenge`)).json()) as { challenge: string; difficulty: number };
    const reg = await ctx.request.post(`${server.url}/api/public/accounts`, {
      data: { name: '钱卫民', idNumber, phone: '13957291234', password: 'Veteran#2026ok', privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION, pow: { challenge: challenge.challenge, nonce: solveChallenge(challenge.challenge, challenge.difficulty) } },
      headers: { origin: server.url },
    });
    expect(reg.status(), await reg.text()).toBe(200);
    // 我的 before any petition: the empty state
    await page.goto(`${server.url}/public/me`);
    await page.getByTestId('my-section-petitions').waitFor();
    await page.getByText('您还没有网上提交过信访事项').waitFor();
    await page.getByText(/尚未关联服务对象档案/).waitFor();
    await bothWidths(page, 'public-me-empty');

    const csrf = (await ctx.cookies()).find((c) => c.name === 'rj_pub_csrf')!.value;
    const units = (await (await ctx.request.get(`${server.url}/api/public/directory?q=${encodeURIComponent('孝丰镇')}`)).json()) as { matches: { id: string; name: string }[] };
    const township = units.matches.find((u) => u.name.includes('孝丰镇'))!;
    const sent = await ctx.request.post(`${server.url}/api/public/petitions`, {
      data: { orgUnitId: township.id, type: 'claim', category: 'placement', address: '孝丰镇城东社区 8 幢', request: '请求落实退役安置待遇', facts: '2024 年退役，至今未安排工作。' },
      headers: { 'x-csrf-token': csrf, origin: server.url },
    });
    expect(sent.status(), await sent.text()).toBe(200);

    await page.getByRole('link', { name: '我的', exact: true }).click();
    await page.reload();
    const item = page.getByTestId('my-item').first();
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('请求落实退役安置待遇');
    await expect(item.innerText()).resolves.toMatch(/下一步：等待受理/);
    await bothWidths(page, 'public-me');
    await item.click();
    await page.waitForURL(/\/public\/petitions\/[^/]+$/);
    await ctx.close();
  }, 180_000);
});
