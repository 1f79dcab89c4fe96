// Browser test of the foundation's main path, on the real server with the demo county:
// admin signs in and enrols TOTP, creates a village worker, the worker signs in with the
// one-time password and sets their own. Screenshots go to test-results/ for a human look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { button, freshTotp, errorWatcher, hasChromium, newPage, shot, signInAdmin as signInAdminWith, openBrowserWorld, type TestServer } from './browser';

let server: TestServer;

/** Signs a demo administrator in, enrolling a TOTP authenticator on the way. */
const signInAdmin = (page: Page, username: string) => signInAdminWith(page, username, server.password);

describe.skipIf(!hasChromium)('foundation main path in the browser', () => {
  let browser: Browser;
  const { errors: pageErrors, watch } = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('admin enrols TOTP and creates a village worker, who signs in and sets a password', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);

    // Unsigned: any app page leads to the login form.
    await page.goto(`${server.url}/staff`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    await shot(page, 'desktop-login.png');

    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(server.password);
    await button(page, '登录').click();

    // A system admin without an authenticator must enrol one.
    await page.waitForURL(/\/login\/totp-enrol$/);
    const secretEl = page.getByTestId('totp-secret');
    await secretEl.waitFor();
    await page.locator('img[alt="动态口令二维码"]').waitFor();
    await shot(page, 'desktop-totp-enrol.png');
    const secret = (await secretEl.innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('动态码').fill(await freshTotp(secret));
    await button(page, '完成绑定').click();

    // Enrolled and signed in: back to the page first asked for.
    await page.waitForURL(/\/staff$/);
    await page.getByRole('menuitem', { name: /首页/ }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.getByTestId('welcome').innerText()).resolves.toContain('系统管理员');
    await shot(page, 'desktop-home.png');

    // The org-unit page shows the scope's tree.
    await page.getByRole('menuitem', { name: /组织机构/ }).click();
    await page.waitForURL(/\/org-units/);
    await page.locator('.ant-descriptions').waitFor();
    await page.locator('.ant-tree-treenode').nth(1).waitFor();
    await shot(page, 'desktop-org-units.png');

    const village = await page.evaluate(async () => {
      const res = await fetch('/api/org-units?level=village&pageSize=1');
      const body = (await res.json()) as { items: { id: string; name: string; code: string }[] };
      return body.items[0];
    });
    expect(village?.code).toMatch(/^\d{12}$/);

    // A new grid under the village: the code is numbered automatically.
    await page.getByLabel('搜索单位').fill(village.code);
    await page.getByLabel('搜索单位').press('Enter');
    await page.locator('.org-tree-panel .ant-tree-title', { hasText: village.name }).first().click();
    await page.locator('.ant-descriptions', { hasText: village.code }).waitFor();
    await page.getByRole('button', { name: /新增下级/ }).click();
    const unitForm = page.locator('.org-unit-form-drawer');
    await unitForm.getByLabel('名称', { exact: true }).fill('第九网格');
    await unitForm.getByLabel('负责人', { exact: true }).fill('周网格');
    await shot(page, 'desktop-org-unit-form.png');
    await button(page, '保存').click();
    await page.getByText('已新增“第九网格”').waitFor();
    await page.locator('.ant-descriptions', { hasText: '第九网格' }).waitFor();
    const gridCode = await page.locator('.ant-descriptions .mono').first().innerText();
    expect(gridCode).toMatch(new RegExp(`^${village.code}\\d{3}$`));

    // 工作人员 → 新增工作人员 in a village.
    await page.getByRole('menuitem', { name: /工作人员/ }).click();
    await page.waitForURL(/\/staff/);
    await page.locator('.record-table .ant-table-row').first().waitFor();
    await shot(page, 'desktop-staff.png');

    await page.getByRole('button', { name: /新增工作人员/ }).click();
    const drawer = page.locator('.staff-form-drawer');
    await drawer.getByLabel('用户名', { exact: true }).fill('e2ezhang');
    await drawer.getByLabel('姓名', { exact: true }).fill('张测试');
    await drawer.getByLabel('所属单位', { exact: true }).click();
    await drawer.getByLabel('所属单位', { exact: true }).fill(village.code);
    // the search lists the village and its grids (code prefix): pick the village itself
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: new RegExp(`\\s${village.code}$`) })
      .click();
    const worker = drawer.getByRole('checkbox', { name: /站工作人员/ });
    if (!(await worker.isChecked())) await worker.check({ force: true });
    await drawer.getByLabel('职务', { exact: true }).fill('村服务站专干');
    await drawer.getByLabel('工作电话', { exact: true }).fill('0572-5120000');
    await shot(page, 'desktop-staff-form.png');
    await button(page, '保存').click();

    const passwordEl = page.getByTestId('one-time-password');
    await passwordEl.waitFor();
    const initialPassword = (await passwordEl.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await page.locator('.staff-form-drawer .ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await shot(page, 'desktop-one-time-password.png'); // once the modal's opening animation is over
    await page.getByRole('button', { name: /我已记下/ }).click();
    await page.locator('.ant-table-row', { hasText: 'e2ezhang' }).waitFor();
    await expect(page.locator('.ant-table-row', { hasText: 'e2ezhang' }).innerText()).resolves.toContain(
      village.name,
    );

    // Sign out, sign in as the new worker with the one-time password.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名', { exact: true }).fill('e2ezhang');
    await page.getByLabel('密码', { exact: true }).fill(initialPassword);
    await button(page, '登录').click();

    await page.waitForURL(/\/login\/change-password$/);
    await page.getByLabel('再次输入新密码', { exact: true }).waitFor();
    await shot(page, 'desktop-change-password.png');
    await page.getByLabel(/^初始密码/).fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Xin-Mima#2026');
    await page.getByLabel('再次输入新密码', { exact: true }).fill('Xin-Mima#2026');
    await page.getByRole('button', { name: /确认修改/ }).click();

    await page.waitForURL(`${server.url}/`);
    await expect(page.getByTestId('welcome').innerText()).resolves.toContain('张测试');
    await expect(page.locator('.app-header').innerText()).resolves.toContain('张测试');
    // A village worker has no 工作人员 menu.
    expect(await page.getByRole('menuitem', { name: /工作人员/ }).count()).toBe(0);
    await shot(page, 'desktop-home-worker.png');

    // The layout on a phone: the menu is a drawer behind a header button.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.locator('.app-drawer .ant-menu').waitFor();
    await shot(page, 'phone-menu.png'); // once the drawer's sliding animation is over

    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('lets the security admin change the policy and the audit admin read the log', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);

    await page.goto(`${server.url}/login`);
    await signInAdmin(page, 'security');
    await page.getByRole('menuitem', { name: /安全策略/ }).click();
    await page.waitForURL(/\/security-policy$/);
    const lockThreshold = page.getByLabel('登录失败锁定次数');
    await lockThreshold.waitFor();
    await expect(lockThreshold.inputValue()).resolves.toBe('5');
    await lockThreshold.fill('4');
    await button(page, '保存').click();
    await page.getByText('安全策略已保存').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'desktop-security-policy.png');

    // 三员分立: the system admin lost their phone; the security admin resets the second factor
    await page.getByRole('menuitem', { name: /管理员账号/ }).click();
    await page.waitForURL(/\/admin-accounts$/);
    const adminRow = page.locator('.ant-table-row', { hasText: /^系统管理员admin/ });
    await adminRow.waitFor();
    await adminRow.getByText('重置动态验证码').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByText('已重置动态验证码，对方下次登录时重新绑定').waitFor();
    await expect(adminRow.getByText('未绑定').count()).resolves.toBe(1);
    await expect(page.locator('.ant-table-row', { hasText: '本人账号' }).count()).resolves.toBe(1);
    await page.locator('.ant-popconfirm').waitFor({ state: 'hidden' });
    await shot(page, 'desktop-admin-accounts.png');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    await signInAdmin(page, 'auditor');
    await page.getByRole('menuitem', { name: /审计日志/ }).click();
    await page.waitForURL(/\/audit-logs$/);
    await page.locator('.record-table .ant-table-row').first().waitFor();
    // the policy change of a moment ago is in the log
    await page.getByLabel('用户名', { exact: true }).fill('security');
    await page.getByLabel('用户名', { exact: true }).press('Enter');
    await page.waitForURL(/username=security/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.record-table .ant-table-row')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('security'));
    });
    await page.locator('.record-table .ant-table-row', { hasText: '修改安全策略' }).first().waitFor();
    // actions read in Chinese, the code under the label for whoever searches by it
    const action = page.getByTestId('audit-action').filter({ hasText: '修改安全策略' }).first();
    await expect(action.innerText()).resolves.toContain('security-policy.update');
    await shot(page, 'desktop-audit-logs.png');

    await page.getByRole('menuitem', { name: /个人中心/ }).click();
    await page.waitForURL(/\/profile$/);
    await page.getByText('已绑定').waitFor();
    await shot(page, 'desktop-profile.png');
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows the public directory on a phone without signing in', async () => {
    const { context, page } = await newPage(browser, 'phone', watch);
    await page.goto(`${server.url}/public`);
    await page.getByText('退役军人服务中心（站）公开信息').first().waitFor();
    await page.locator('.unit-card').first().waitFor();
    await shot(page, 'phone-public.png', true);

    // Find the county center by name and open it.
    await page.getByLabel('查找服务中心（站）').fill('安吉县');
    await page.getByLabel('查找服务中心（站）').press('Enter');
    await page.waitForURL(/q=/);
    await page.locator('.unit-card', { hasText: '安吉县' }).first().click();
    await page.waitForURL(/\/public\/units\//);
    await page.locator('.public-unit-name').waitFor();
    const tel = page.locator('a[href^="tel:"]').first();
    await tel.waitFor();
    await shot(page, 'phone-public-unit.png', true);

    // No horizontal scrolling at 375 px.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // antd's component styles came with the build's CSS (vite.config.ts antdStaticStyle): the page
    // generated none of its own (only the theme's variables), and its components are styled by the theme.
    const generated = await page.evaluate(() =>
      Array.from(document.querySelectorAll('style'))
        .map((s) => s.textContent ?? '')
        .filter((css) => /\.css-[a-z0-9]+\.ant-/.test(css))
        .map((css) => css.slice(0, 80)),
    );
    expect(generated).toEqual([]);
    await page.goto(`${server.url}/public`);
    const searchButton = page.locator('.public-search .ant-btn-variant-solid');
    await searchButton.waitFor();
    expect(await searchButton.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(31, 78, 140)'); // the theme's #1f4e8c
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
