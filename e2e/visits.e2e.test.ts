// Browser test of visits on a 375-px phone, on the real server with the demo county: a village
// worker records a 六必访 event on a recipient's page, finds the owed visit in 应访名单, opens it,
// fills the visit form with a photo (downscaled in the browser), reloads mid-form (the local
// draft comes back), submits without a signal (the visit waits in 待发送), and when the signal is
// back it is sent on its own and leaves the list. The township head sees the coverage figure
// change; the ledger shows the visit with its photo. Screenshots of every visit page (phone and
// desktop) go to test-results/ for a human look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import dayjs from 'dayjs';
import { button, choose, hasChromium, openBrowserWorld, shot, type TestServer, signIn as signInWith } from './browser';

let server: TestServer;
const STEP_TIMEOUT = 30_000;
const today = dayjs().format('YYYY-MM-DD');
const periodEnd = dayjs().add(30, 'day').format('YYYY-MM-DD');



/** the shared sign-in (a session of the account is reused) */
const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);

async function openMenu(page: Page, label: string): Promise<void> {
  const opener = page.getByRole('button', { name: '打开菜单' });
  if (await opener.isVisible()) {
    await opener.click();
    await page.locator('.app-drawer .ant-menu').waitFor();
    await page.locator('.app-drawer').getByRole('menuitem', { name: new RegExp(label) }).click();
  } else {
    await page.getByRole('menuitem', { name: new RegExp(label) }).click();
  }
}


/** On a phone the visit form shows one group at a time: its step bar opens another. */
async function step(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '走访表分组' }).getByRole('button', { name: new RegExp(label) }).click();
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scrolling of the page').toBeLessThanOrEqual(0);
}

/** The 按期走访 figure of the coverage page. */
async function onTime(page: Page): Promise<number> {
  const stat = page.locator('[data-testid=coverage-total] .ant-statistic', { hasText: '按期走访' }).locator('.ant-statistic-content-value');
  await stat.waitFor();
  return Number((await stat.innerText()).replace(/\D/g, ''));
}

describe.skipIf(!hasChromium)('visits in the browser', () => {
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function watch(page: Page): void {
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500) pageErrors.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
    });
  }

  async function open(kind: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(
      kind === 'phone'
        ? { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
        : { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    const page = await context.newPage();
    watch(page);
    page.setDefaultTimeout(STEP_TIMEOUT);
    return { context, page };
  }

  it('a village worker records an owed visit with a photo, offline first; it leaves the list and the coverage changes', async () => {
    // ---- the township head: coverage before, generation, the owed list on a desktop ----
    const head = await open('desktop');
    await signIn(head.page, 'townshiphead', '/visits/owed');
    await head.page.getByRole('button', { name: /立即生成应访名单/ }).click();
    await button(head.page, '生成').click();
    await head.page.getByText(/已生成：新增 \d+ 条应访/).waitFor();
    await head.page.goto(`${server.url}/visits/coverage?from=${today}&to=${periodEnd}`);
    const before = await onTime(head.page);

    // ---- the village worker, on a phone: a 六必访 event on a recipient's page ----
    const v = await open('phone');
    await signIn(v.page, 'village');
    const person = await v.page.evaluate(async () => {
      const r = (await (await fetch('/api/recipients?status=registered&pageSize=50')).json()) as { items: { id: string; name: string; deceased: boolean }[] };
      return r.items.find((x) => !x.deceased)!;
    });
    await v.page.goto(`${server.url}/recipients/${person.id}`);
    const panel = v.page.getByTestId('recipient-visits');
    await panel.waitFor();
    await panel.getByRole('button', { name: /登记走访事由/ }).click();
    await choose(v.page, '事由', '退役返乡');
    await v.page.locator('.ant-modal').getByRole('button', { name: /登\s*记/ }).click();
    await v.page.getByText(/已登记退役返乡，已列入应访名单/).waitFor();
    await panel.getByText('六必访·退役返乡').first().waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(v.page, 'phone-recipient-visits-panel.png');

    // ---- the township head assigns it to the village worker (分派) ----
    await head.page.goto(`${server.url}/visits/owed`);
    const headRow = head.page.locator('.ant-table-row', { hasText: person.name });
    await headRow.waitFor();
    await headRow.locator('.ant-checkbox-input').check();
    await head.page.getByTestId('assign-bar').waitFor();
    await choose(head.page, '分派给', '刘秀英');
    // (the icon's label may come first in the button's name)
    await head.page.getByTestId('assign-bar').getByRole('button', { name: /^(\S+\s+)?分\s*派$/ }).click();
    await head.page.getByText('已分派 1 条给 刘秀英').waitFor();
    await headRow.getByText('刘秀英').waitFor();
    await settled(head.page);
    await shot(head.page, 'desktop-visits-owed.png');
    await head.page.goto(`${server.url}/visits/coverage?from=${today}&to=${periodEnd}`);

    // ---- the owed visit is in 我的待办 too, and opens the visit form ----
    await v.page.goto(`${server.url}/work-queue`);
    await v.page.locator('.record-table a', { hasText: person.name }).first().click();
    await v.page.waitForURL(/\/visits\/new\?dueVisit=/);
    await v.page.getByText('六必访·退役返乡').first().waitFor();
    await v.page.getByRole('navigation', { name: '走访表分组' }).waitFor();

    // ---- 应访名单 → the card → the form ----
    await openMenu(v.page, '应访名单');
    await v.page.waitForURL(/\/visits\/owed$/);
    await settled(v.page);
    await choose(v.page, '走访事由', '六必访');
    await v.page.waitForURL(/reason=trigger/);
    const card = v.page.getByTestId('owed-card').filter({ hasText: person.name });
    await card.waitFor();
    await settled(v.page);
    await shot(v.page, 'phone-visits-owed.png');
    await noHorizontalScroll(v.page);
    await card.click();
    await v.page.waitForURL(/\/visits\/new\?dueVisit=/);
    // it opens at its top, on its first group
    await v.page.getByText('走访情况', { exact: true }).waitFor();
    expect(await v.page.evaluate(() => window.scrollY)).toBe(0);
    await expect(v.page.getByLabel('走访人员', { exact: true }).inputValue()).resolves.toBe('刘秀英');
    await shot(v.page, 'phone-visit-form.png');
    await noHorizontalScroll(v.page);

    await choose(v.page, '走访形式', '入户走访');
    // the seven situations: one tap changes one, its note opens for a level that is not normal;
    // one tap confirms the rest
    await step(v.page, '七个状况');
    await v.page.getByTestId('situation-health').getByRole('radio', { name: '慢性病', exact: true }).click();
    await v.page.getByLabel('健康状况说明', { exact: true }).fill('高血压，按时服药');
    await v.page.getByRole('button', { name: /其余情况无变化/ }).click();
    await v.page.getByText('七个状况均已确认').waitFor();
    await shot(v.page, 'phone-visit-form-situations.png');
    await noHorizontalScroll(v.page);
    await step(v.page, '诉求');
    await v.page.getByLabel('反映的问题和诉求', { exact: true }).fill('希望协调安排一次体检');
    await v.page.getByRole('button', { name: /添加后续事项/ }).click();
    await v.page.getByLabel('后续事项 1', { exact: true }).fill('联系镇卫生院安排体检');
    await step(v.page, '慰问');
    await v.page.getByLabel('慰问金额', { exact: true }).fill('500');
    await v.page.getByLabel('慰问物品', { exact: true }).fill('大米一袋、食用油一桶');
    // a 3000×2000 phone picture, downscaled in the browser before it is kept
    const dataUrl = await v.page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 3000;
      canvas.height = 2000;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#1f4e8c';
      g.fillRect(0, 0, 3000, 2000);
      g.fillStyle = '#fff';
      g.font = 'bold 280px sans-serif';
      g.fillText('入户走访', 500, 1100);
      return canvas.toDataURL('image/png');
    });
    await step(v.page, '照片');
    await v.page.getByLabel('选择走访照片').setInputFiles({ name: 'IMG_1129.png', mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1], 'base64') });
    await v.page.getByText(/1600×1067/).waitFor();
    await shot(v.page, 'phone-visit-form-filled.png', true);
    await noHorizontalScroll(v.page);

    // the draft on the phone is sealed with the worker's key: the health note is not readable there
    const stored = await v.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const req = indexedDB.open('rj-visits');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result));
            all.onerror = () => reject(all.error);
          };
        }),
    );
    expect(stored).toContain('"sealed":"e1:');
    expect(stored).not.toContain('高血压');
    expect(stored).not.toContain('希望协调安排一次体检');

    // a reload mid-form: the draft (photo included) comes back
    await v.page.reload();
    await v.page.getByText('已恢复本地草稿').waitFor();
    await expect(v.page.getByLabel('反映的问题和诉求', { exact: true }).inputValue()).resolves.toBe('希望协调安排一次体检');
    await step(v.page, '照片');
    await v.page.getByText(/1600×1067/).waitFor();

    // ---- no signal: the visit waits in 待发送 ----
    await v.context.setOffline(true);
    await v.page.getByRole('button', { name: /提交走访记录/ }).click();
    await v.page.waitForURL(/\/visits\/owed/);
    const outbox = v.page.getByTestId('visit-outbox');
    await outbox.getByText('待发送 1 条').waitFor();
    await shot(v.page, 'phone-visits-outbox.png');

    // ---- the signal is back: sent on its own, the card leaves the list ----
    await v.context.setOffline(false);
    await outbox.waitFor({ state: 'detached', timeout: 90_000 });
    await v.page.getByText(new RegExp(`已发送：${person.name}`)).waitFor();
    await expect.poll(() => card.count(), { timeout: STEP_TIMEOUT }).toBe(0);
    await v.context.close();

    // ---- the township head: the coverage figure went up by one ----
    await head.page.reload();
    await expect.poll(() => onTime(head.page), { timeout: STEP_TIMEOUT }).toBe(before + 1);
    await settled(head.page);
    await shot(head.page, 'desktop-visits-coverage.png', true);

    // the ledger has the visit, its detail the photo
    await head.page.goto(`${server.url}/visits`);
    const row = head.page.locator('.record-table .ant-table-row', { hasText: person.name });
    await row.waitFor();
    await settled(head.page);
    await shot(head.page, 'desktop-visits-ledger.png');
    await row.getByText(person.name).click();
    const drawer = head.page.locator('.visit-detail-drawer');
    await drawer.getByText('大米一袋、食用油一桶').waitFor();
    await drawer.getByText('500.00 元').waitFor();
    await drawer.getByText('联系镇卫生院安排体检').waitFor();
    await head.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.visit-detail-drawer .visit-detail-photos img');
      return !!img && img.complete && img.naturalWidth === 1600;
    });
    await shot(head.page, 'desktop-visit-detail.png');
    // the follow-up is closed from the visit
    await drawer.getByRole('button', { name: /^\s*办\s*结\s*$/ }).click();
    await head.page.getByLabel('办理结果').fill('已安排 12 月 3 日体检');
    await head.page.locator('.ant-modal-confirm').getByRole('button', { name: /^\s*办\s*结\s*$/ }).click();
    await drawer.getByText('已办结').waitFor();
    await head.page.goto(`${server.url}/visits/calendar`);
    await head.page.getByTestId('visit-calendar').waitFor();
    await settled(head.page);
    await shot(head.page, 'desktop-visits-calendar.png');
    await head.context.close();

    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('a routine visit submitted after the session ran out is sent once the worker signs in again', async () => {
    const v = await open('phone');
    await signIn(v.page, 'village');
    const person = await v.page.evaluate(async () => {
      const r = (await (await fetch('/api/recipients?status=registered&pageSize=50')).json()) as { items: { id: string; name: string; deceased: boolean }[] };
      return r.items.find((x) => !x.deceased)!;
    });
    const count = () =>
      v.page.evaluate(async (id) => ((await (await fetch(`/api/visits?recipientId=${id}`)).json()) as { total?: number }).total ?? -1, person.id);
    const before = await count();
    // 日常走访 → find the person by name → the form
    await v.page.goto(`${server.url}/visits/owed`);
    await v.page.getByRole('button', { name: /日常走访/ }).click();
    await v.page.getByLabel('查找走访对象').fill(person.name);
    await v.page.locator('.visit-picker-item', { hasText: person.name }).first().click();
    await v.page.waitForURL(/\/visits\/new\?recipient=/);
    await step(v.page, '七个状况');
    await v.page.getByRole('button', { name: /其余情况无变化/ }).click();
    await step(v.page, '诉求');
    await v.page.getByLabel('反映的问题和诉求', { exact: true }).fill('无');
    // the form keeps what was typed as a local draft before the session ends
    await v.page.getByText(/草稿已存本机/).waitFor();

    // the session ends while the form is open (idle logout on the server's side)
    await v.context.clearCookies();
    await v.page.getByRole('button', { name: /提交走访记录/ }).click();
    await v.page.getByLabel('用户名', { exact: true }).waitFor();
    await v.page.getByLabel('用户名', { exact: true }).fill('village');
    await v.page.getByLabel('密码', { exact: true }).fill(server.password);
    await button(v.page, '登录').click();
    // back on the form's page, the visit is sent on its own: the form moves on (or, sent before it
    // opened, says so) — it never opens afresh
    await v.page.getByText('走访记录已发送').or(v.page.getByText('走访记录台账')).first().waitFor();
    await expect.poll(count, { timeout: STEP_TIMEOUT }).toBe(before + 1);
    // sent once: nothing is left in the phone's outbox to be sent again, and the server has one
    await v.page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open('rj-visits');
          req.onerror = () => resolve(false);
          req.onsuccess = () => {
            const db = req.result;
            const all = db.transaction('outbox').objectStore('outbox').count();
            all.onsuccess = () => {
              db.close();
              resolve(all.result === 0);
            };
            all.onerror = () => resolve(false);
          };
        }),
    );
    expect(await count()).toBe(before + 1);
    await v.context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('every visit page fits a 375-px phone; the county sees key persons and settings', async () => {
    const c = await open('phone');
    await signIn(c.page, 'countyhead');
    for (const [url, name, ready] of [
      ['/visits/owed', 'phone-visits-owed-county.png', '应访名单'],
      ['/visits', 'phone-visits-ledger.png', '走访记录台账'],
      [`/visits/coverage?from=${today}&to=${periodEnd}`, 'phone-visits-coverage.png', '按期走访'],
      ['/visits/calendar', 'phone-visits-calendar.png', '走访日历'],
      ['/visits/key-persons', 'phone-visits-key-persons.png', '重点人员联系人'],
      ['/visits/settings', 'phone-visits-settings.png', '走访期'],
      ['/visits/new', 'phone-visit-pick-recipient.png', '先找到走访对象'],
    ] as const) {
      await c.page.goto(`${server.url}${url}`);
      await c.page.getByText(ready).first().waitFor();
      await settled(c.page);
      await shot(c.page, name);
      await noHorizontalScroll(c.page);
    }
    const d = await open('desktop');
    await signIn(d.page, 'countyhead');
    for (const [url, name, ready] of [
      ['/visits/key-persons', 'desktop-visits-key-persons.png', '重点人员联系人'],
      ['/visits/settings', 'desktop-visits-settings.png', '走访期'],
    ] as const) {
      await d.page.goto(`${server.url}${url}`);
      await d.page.getByText(ready).first().waitFor();
      await settled(d.page);
      await shot(d.page, name);
    }
    await c.context.close();
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
