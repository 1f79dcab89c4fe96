// Browser test of appointments 预约办理 on the real server with the demo county (real clock).
// The township head has set the first village's weekly schedule. On a 375-px phone a veteran
// signs in, opens the village's page, taps 预约办理, chooses an item, sees its materials, picks the
// first open day and slot and confirms; 我的预约 lists it. A village worker (phone, then desktop)
// sees it in the day list, confirms it and completes it; the veteran sees 已办理.
// Screenshots at 375 and 1280 px go to test-results/ for a human look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Agent } from '../test/helpers/app';
import { registerPublic } from '../src/server/modules/appointments/appointments-test-support';
import { systemDb } from '../src/server/db/system';
import { button, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, openBrowserWorld, settled, shot, signIn, type TestServer } from './browser';

describe.skipIf(!hasChromium)('appointments in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let villageId = '';
  let phone = '';
  const watcher = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
    const sys = systemDb(server.app.ctx.db);
    villageId = (await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow()).org_unit_id;
    const head = new Agent(server.app);
    const login = await head.post('/api/auth/login', { username: 'townshiphead', password: server.password });
    expect(login.statusCode, login.body).toBe(200);
    const put = await head.put(`/api/appointments/schedule/${villageId}`, {
      slotMinutes: 30,
      capacity: 3,
      ranges: [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, start: '09:00', end: '11:30' },
        { weekday, start: '14:00', end: '17:00' },
      ]),
      version: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    const vet = new Agent(server.app);
    ({ phone } = await registerPublic(vet, '冯振国'));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const booked = { day: '', start: '' };

  it('a veteran on a phone books a slot: item, materials, day, slot, confirm', async () => {
    const { page } = await newPage(browser, 'phone', watcher.watch);
    await page.goto(`${server.url}/public/units/${villageId}`);
    await page.getByTestId('book-link').click();
    await page.waitForURL(/\/public\/account\/login/);
    await page.getByLabel('手机号码', { exact: true }).fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('Veteran@2026');
    await button(page, '登录').click();
    await page.waitForURL(/\/book$/);
    await page.getByTestId('item-choice').first().waitFor();
    await shot(page, 'phone-appointment-items.png', true);
    await page.getByTestId('item-choice').filter({ hasText: '残疾等级评定' }).click();
    await page.getByTestId('materials').waitFor();
    expect(await page.getByTestId('materials').innerText()).toContain('本人身份证件');
    const day = page.locator('[data-testid="day-choice"]:not([disabled])').first();
    booked.day = (await day.getAttribute('data-day'))!;
    await day.click();
    const slot = page.locator('[data-testid="slot-choice"]:not([disabled])').first();
    booked.start = (await slot.innerText()).slice(0, 5);
    await slot.click();
    await expectNoSidewaysScroll(page);
    await shot(page, 'phone-appointment-choose.png', true);
    await page.getByRole('button', { name: /确认预约/ }).click();
    await page.getByTestId('booked').waitFor();
    expect(await page.getByTestId('booked').innerText()).toContain(booked.start);
    await shot(page, 'phone-appointment-booked.png', true);
    await button(page, '查看我的预约').click();
    await page.getByTestId('own-appointment').first().waitFor();
    expect(await page.getByTestId('own-appointment').first().innerText()).toContain('已预约');
    await shot(page, 'phone-appointment-mine.png', true);
    await page.context().close();
  }, 180_000);

  it('a village worker sees it in the day list, confirms and completes it; the veteran sees 已办理', async () => {
    const { page } = await newPage(browser, 'phone', watcher.watch);
    await signIn(page, server, 'village', `/appointments?day=${booked.day}`);
    const card = page.getByTestId('day-item').filter({ hasText: '冯' });
    await card.waitFor();
    expect(await card.innerText()).toContain(booked.start);
    await expectNoSidewaysScroll(page);
    await settled(page);
    await shot(page, 'phone-appointment-day-list.png', true);
    await card.getByRole('button', { name: /^确\s?认$/ }).click();
    await card.locator('.ant-tag', { hasText: '已确认' }).waitFor();
    await card.getByRole('button', { name: /^办\s?结$/ }).click();
    // the application link is picked from the person's applications of the item, or none (the API accepts only an application of the worker's range for the booked item: appointments.test.ts)
    await page.locator('.ant-modal:visible').getByText('不关联办件').waitFor();
    await page.locator('.ant-modal:visible').getByRole('button', { name: /^办\s?结$/ }).click();
    await card.locator('.ant-tag', { hasText: '已办理' }).waitFor();
    await page.context().close();

    // desktop: the day list, the ledger and the schedule as the worker sees them
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const d: Page = await desk.newPage();
    watcher.watch(d);
    await signIn(d, server, 'village', `/appointments?day=${booked.day}`);
    await d.getByTestId('day-item').first().waitFor();
    await settled(d);
    await shot(d, 'desktop-appointment-day-list.png', true);
    await d.getByRole('tab', { name: '预约台账' }).click();
    await d.locator('.ap-ledger .ant-table-row').first().waitFor();
    expect(await d.locator('.ap-ledger .ant-table-row').first().innerText()).toContain('已办理');
    // the ledger's responsible person (§10) beside its export, as the export prints it
    expect(await d.getByTestId('ledger-responsible').innerText()).toContain('台账责任人');
    expect(await d.locator('.ap-stats').innerText()).toMatch(/预约\s*1/);
    await settled(d);
    await shot(d, 'desktop-appointment-ledger.png', true);
    await d.getByRole('tab', { name: '时段设置' }).click();
    await d.getByText('每周预约时段').waitFor();
    await settled(d);
    await shot(d, 'desktop-appointment-schedule.png', true);
    await desk.close();

    // the veteran's list shows the outcome
    const { page: vp } = await newPage(browser, 'phone', watcher.watch);
    await vp.goto(`${server.url}/public/account/login?next=/public/appointments`);
    await vp.getByLabel('手机号码', { exact: true }).fill(phone);
    await vp.getByLabel('密码', { exact: true }).fill('Veteran@2026');
    await button(vp, '登录').click();
    await vp.waitForURL(/\/public\/appointments$/);
    await vp.getByTestId('own-appointment').filter({ hasText: '已办理' }).waitFor();
    await vp.context().close();
    expect(watcher.errors).toEqual([]);
  }, 240_000);

  it('the head edits the schedule on a phone and at 1280 px', async () => {
    for (const device of ['phone', 'desktop'] as const) {
      const { page } = await newPage(browser, device, watcher.watch);
      if (device === 'desktop') await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, server, 'townshiphead', `/appointments?tab=schedule`);
      await page.getByText('每周预约时段').waitFor();
      await settled(page);
      if (device === 'phone') await expectNoSidewaysScroll(page);
      await shot(page, `${device}-appointment-schedule-head.png`, true);
      await page.context().close();
    }
  }, 240_000);
});
