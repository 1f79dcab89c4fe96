// Browser test of sessions that respect field work, on a 375-px phone: the security admin sets a
// short idle timeout (60 s, the policy's least) through the security policy API; a village worker
// opens the collection form and types a name (the local draft is written). Half the timeout before
// the end (a minute under the default 600 s) the idle warning shows; 继续工作 keeps the session (the
// server counts a full window again). Left alone, the warning comes back and the page ends on the
// sign-in page saying why; signing in again lands on the same form with the draft restored.
// No fixed sleeps and no real waiting: the server runs on a ShiftedClock and the page on Playwright's
// clock, and the test moves both forward together past each point of the timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Page } from 'playwright-core';
import { button, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, shot, signIn, signInAdmin, openBrowserWorld, ShiftedClock, type TestServer } from './browser';

let server: TestServer;
const IDLE_SECONDS = 60;
const clock = new ShiftedClock();

/** Time passes for the server and the page at once (the page's timers due meanwhile fire). */
async function timePasses(page: Page, seconds: number): Promise<void> {
  clock.offsetMs += seconds * 1000;
  await page.clock.fastForward(seconds * 1000);
}
const NAME = '岳振邦';

describe.skipIf(!hasChromium)('sessions in the browser', () => {
  let browser: Browser;
  const { errors: pageErrors, watch } = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 60, clock }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('warns before the idle timeout, 继续工作 keeps the session, a timeout says why and comes back to the form with its draft', async () => {
    // the security admin shortens the idle timeout through the policy API
    const admin = await newPage(browser, 'desktop', watch);
    await admin.page.goto(`${server.url}/login`);
    await signInAdmin(admin.page, 'security', server.password);
    const csrf = (await admin.context.cookies()).find((c) => c.name === 'rj_csrf')!.value;
    const current = (await (await admin.page.request.get(`${server.url}/api/security-policy`)).json()) as Record<string, unknown>;
    const put = await admin.page.request.put(`${server.url}/api/security-policy`, {
      data: { ...current, idleTimeoutSeconds: IDLE_SECONDS },
      headers: { 'x-csrf-token': csrf, origin: server.url },
    });
    expect(put.status(), await put.text()).toBe(200);
    await admin.context.close();

    // a village worker opens the collection form on a phone and types a name
    const { context, page } = await newPage(browser, 'phone', watch);
    await page.clock.install();
    // the session's idle time counts from its sign-in, in real time too (requests under a quarter of
    // the timeout apart do not restart it)
    const signingIn = Date.now();
    await signIn(page, server, 'village', `/recipients/new`);
    await page.getByText('个人信息收集告知').waitFor();
    await page.getByLabel('姓名', { exact: true }).fill(NAME);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('rj:draft:recipient:')));

    // the warning: half of the 60-s timeout before the end, counted from the sign-in — what a busy
    // machine took in real time to get here is not moved forward again (31 s on top of a slow
    // sign-in once passed the whole timeout, and the page went to the sign-in page instead)
    const warning = page.getByTestId('idle-warning');
    await timePasses(page, Math.max(1, IDLE_SECONDS / 2 + 1 - Math.floor((Date.now() - signingIn) / 1000)));
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toMatch(/\d+ 秒后将自动退出登录/);
    await shot(page, 'phone-idle-warning.png');
    await expectNoSidewaysScroll(page);

    // 继续工作: the session survives, the server counts a whole window from now
    await button(page, '继续工作').click();
    await warning.waitFor({ state: 'hidden' });
    const alive = await page.request.get(`${server.url}/api/me`, { headers: { 'x-background': '1' } });
    expect(alive.status()).toBe(200);
    expect(Number(alive.headers()['x-idle-remaining'])).toBeGreaterThan(IDLE_SECONDS / 2);
    expect(new URL(page.url()).pathname).toBe('/recipients/new');
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe(NAME);

    // left alone: the warning again, then the sign-in page says why
    await timePasses(page, IDLE_SECONDS / 2 + 1);
    await warning.waitFor();
    await timePasses(page, IDLE_SECONDS / 2);
    const signedOut = page.getByTestId('idle-signed-out');
    await signedOut.waitFor();
    await expect(signedOut.innerText()).resolves.toContain('因长时间未操作，已安全退出');
    const login = new URL(page.url());
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('next')).toBe('/recipients/new');
    expect((await page.request.get(`${server.url}/api/me`)).status()).toBe(401);
    await shot(page, 'phone-idle-signed-out.png');
    await expectNoSidewaysScroll(page);

    // signing in again: back on the same form, the draft restored
    await page.getByLabel('用户名', { exact: true }).fill('village');
    await page.getByLabel('密码', { exact: true }).fill(server.password);
    await button(page, '登录').click();
    await page.waitForURL((u) => u.pathname === '/recipients/new');
    await page.getByText('已恢复本地草稿').waitFor();
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe(NAME);
    await shot(page, 'phone-idle-back-to-form.png');
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('the sign-in page never sends anyone to another site (?next= is a path of the app)', async () => {
    const { context, page } = await newPage(browser, 'phone', watch);
    for (const next of ['//example.org/x', '/\\example.org/x', 'https://example.org/x']) {
      await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
      await page.getByLabel('用户名', { exact: true }).fill('grid');
      await page.getByLabel('密码', { exact: true }).fill(server.password);
      await button(page, '登录').click();
      await page.getByTestId('welcome').waitFor();
      expect(new URL(page.url()).origin).toBe(server.url);
      await page.request.post(`${server.url}/api/auth/logout`, {
        headers: { 'x-csrf-token': (await context.cookies()).find((c) => c.name === 'rj_csrf')!.value, origin: server.url },
      });
      await context.clearCookies();
    }
    await context.close();
  }, 120_000);

  it('a page a role cannot use is not offered: the visit settings are read-only for a village worker, the menu holds only what the role may use', async () => {
    const { context, page } = await newPage(browser, 'phone', watch);
    await signIn(page, server, 'village', `/visits/settings`);
    await page.getByTestId('visit-settings-read-only').waitFor();
    await expect(page.getByLabel('提前生成天数').isDisabled()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: /保存设置/ }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: '设置' }).count()).toBe(0);
    await shot(page, 'phone-visit-settings-read-only.png');
    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = page.locator('.app-drawer .ant-menu');
    await menu.waitFor();
    const entries = await menu.getByRole('menuitem').allInnerTexts();
    expect(entries.join(' ')).toContain('应访名单');
    for (const absent of ['安全策略', '工作人员', '审计日志', '管理员账号', '疑似重复', '节假日安排']) expect(entries.join(' ')).not.toContain(absent);
    await context.close();

    // the county reviewer gets the form to change, with 保存设置
    const county = await newPage(browser, 'desktop', watch);
    await signIn(county.page, server, 'county', `/visits/settings`);
    await button(county.page, '保存设置').waitFor();
    await expect(county.page.getByLabel('提前生成天数').isDisabled()).resolves.toBe(false);
    expect(await county.page.getByTestId('visit-settings-read-only').count()).toBe(0);
    await county.context.close();

    // a reader of an upper level is not offered the visit form: no 日常走访, no 记录走访 column
    const city = await newPage(browser, 'desktop', watch);
    await signIn(city.page, server, 'city', `/visits/owed`);
    await city.page.getByTestId('owed-total').filter({ hasText: /共/ }).waitFor();
    await city.page.getByRole('columnheader', { name: '走访对象' }).waitFor();
    expect(await button(city.page, '日常走访').count()).toBe(0);
    expect(await city.page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    await city.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('lists name a grid with its village (孝丰村·第一网格)', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);
    await signIn(page, server, 'townshiphead');
    const res = await page.request.get(`${server.url}/api/recipients?pageSize=100`);
    expect(res.status()).toBe(200);
    const names = ((await res.json()) as { items: { orgUnitName: string }[] }).items.map((i) => i.orgUnitName);
    expect(names.some((n) => /^[^·]+(村|社区)·第.网格$/.test(n))).toBe(true);
    expect(names.some((n) => /^第.网格$/.test(n))).toBe(false);
    await page.goto(`${server.url}/recipients`);
    await page.locator('.ant-table-row', { hasText: /·第.网格/ }).first().waitFor();
    await shot(page, 'desktop-recipients-unit-labels.png');
    await context.close();
  }, 120_000);
});
