// Browser test of the glory plaque main path on a 375-px phone screen, on the real server with
// the demo county: a village worker sees an eligible household and registers its application;
// the county marks it hung with a date, who hung it and a photo (downscaled in the browser to at
// most 1600 px). Screenshots go to test-results/ for a human look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Agent } from '../test/helpers/app';
import { makeId } from '../src/server/modules/recipients/recipients-test-support';
import { errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, shot, signIn as signInWith, openBrowserWorld, type TestServer } from './browser';

describe.skipIf(!hasChromium)('glory plaques in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, watch } = errorWatcher();
  const HEAD = '荣光明';

  /** A registered household of the demo village: a veteran and his son, a serving soldier's family. */
  async function seedHousehold(): Promise<string> {
    const village = new Agent(server.app, 'village');
    const county = new Agent(server.app, 'county');
    for (const a of [village, county]) {
      const r = await a.post('/api/auth/login', { username: a.username, password: server.password });
      if (r.statusCode !== 200) throw new Error(`login ${a.username}: ${r.body}`);
    }
    const unitId = (await village.get('/api/me')).json().orgUnit.id as string;
    const approve = async (body: Record<string, unknown>) => {
      const res = await village.post('/api/recipients', body);
      if (res.statusCode !== 200) throw new Error(`register: ${res.body}`);
      const rec = res.json() as { id: string; version: number; household: { id: string } | null };
      const sub = await village.post(`/api/recipients/${rec.id}/submit`, { version: rec.version });
      if (sub.statusCode !== 200) throw new Error(`submit: ${sub.body}`);
      const c = (await county.get(`/api/cases?subjectId=${rec.id}&open=true`)).json().items[0] as { id: string; version: number };
      const ok = await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version });
      if (ok.statusCode !== 200) throw new Error(`approve: ${ok.body}`);
      return rec;
    };
    const head = await approve({
      kind: 'veteran',
      orgUnitId: unitId,
      name: HEAD,
      idNumber: makeId('1966-08-01', 311),
      recipientGroup: 'dischargedSoldier',
      household: { mode: 'new', address: '孝丰镇荣光路 8 号' },
    });
    await approve({
      kind: 'militaryFamily',
      orgUnitId: unitId,
      name: '荣小兵',
      idNumber: makeId('2004-03-15', 313),
      recipientGroup: 'militaryFamily',
      household: { mode: 'join', householdId: head.household!.id },
    });
    return head.household!.id;
  }

  const phone = () => newPage(browser, 'phone', watch);
  const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);
  const noSideways = (page: Page) => expectNoSidewaysScroll(page, 'no horizontal scrolling of the page at 375 px');

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a village registers an eligible household, the county marks it hung with a photo', async () => {
    const householdId = await seedHousehold();

    // ---- the village worker: 可申请家庭 → 登记申请 ----
    const v = await phone();
    await signIn(v.page, 'village', `/glory-plaques?tab=eligible`);
    const eligibleRow = v.page.locator('.record-table .ant-table-row', { hasText: HEAD });
    await eligibleRow.waitFor();
    await expect(eligibleRow.innerText()).resolves.toMatch(/军属[\s\S]*退役军人家庭/);
    await shot(v.page, 'phone-glory-plaques-eligible.png');
    await noSideways(v.page);
    await eligibleRow.getByRole('button', { name: /登记申请/ }).click();
    const form = v.page.locator('.plaque-form-modal');
    await form.getByLabel('申请人').fill('荣光明（本人）');
    await shot(v.page, 'phone-glory-plaques-register.png');
    await form.getByRole('button', { name: /^\s*登\s*记\s*$/ }).click();
    await v.page.getByText(`已登记：${HEAD}家，待悬挂`).waitFor();
    // it left the eligible list and waits to be hung
    await v.page.getByRole('tab', { name: '待悬挂' }).click();
    const waitingRow = v.page.locator('.record-table .ant-table-row', { hasText: HEAD });
    await waitingRow.waitFor();
    await shot(v.page, 'phone-glory-plaques-waiting.png');
    await noSideways(v.page);
    // a village worker records hangings but does not revoke
    expect(await waitingRow.getByRole('button', { name: /撤\s*销/ }).count()).toBe(0);
    await v.context.close();

    // ---- the county: 待悬挂 → 登记悬挂 with a photo ----
    const c = await phone();
    await signIn(c.page, 'county', `/glory-plaques`);
    const row = c.page.locator('.record-table .ant-table-row', { hasText: HEAD });
    await row.waitFor();
    await row.getByRole('button', { name: /登记悬挂/ }).click();
    const hang = c.page.locator('.plaque-form-modal');
    await hang.getByLabel('悬挂人').fill('县退役军人事务局 李红梅、县人武部 王强');
    // a 2400×1800 phone picture, drawn in the page, to be downscaled before upload
    const dataUrl = await c.page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#8b0000';
      g.fillRect(0, 0, 2400, 1800);
      g.fillStyle = '#ffd700';
      g.font = 'bold 300px sans-serif';
      g.fillText('光荣之家', 300, 1000);
      return canvas.toDataURL('image/png');
    });
    await hang.locator('input[type=file]').setInputFiles({ name: 'IMG_0801.png', mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1], 'base64') });
    await hang.getByText('1600×1200').waitFor();
    await shot(c.page, 'phone-glory-plaques-hang.png');
    await hang.getByRole('button', { name: /确认悬挂/ }).click();
    await c.page.getByText(`已登记悬挂：${HEAD}家`).waitFor();

    await c.page.getByRole('tab', { name: '已悬挂' }).click();
    const hungRow = c.page.locator('.record-table .ant-table-row', { hasText: HEAD });
    await hungRow.waitFor();
    await shot(c.page, 'phone-glory-plaques-hung.png');
    await noSideways(c.page);
    await hungRow.getByText(HEAD).click();
    const drawer = c.page.locator('.plaque-detail-drawer');
    await drawer.getByText('县人武部 王强').first().waitFor();
    await drawer.locator('img[alt="悬挂照片"]').waitFor();
    await c.page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.plaque-detail-drawer img[alt="悬挂照片"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await shot(c.page, 'phone-glory-plaques-detail.png');

    // the stored photo is the downscaled JPEG
    const info = await c.page.evaluate(async () => {
      const list = (await (await fetch('/api/glory-plaques?status=hung')).json()) as { items: { id: string; version: number; householdId: string; hungBy: string }[] };
      const p = list.items[0];
      const img = await fetch(`/api/glory-plaques/${p.id}/photo`);
      const bytes = new Uint8Array(await img.arrayBuffer());
      return { householdId: p.householdId, hungBy: p.hungBy, type: img.headers.get('content-type'), first: [bytes[0], bytes[1]] };
    });
    expect(info).toEqual({ householdId, hungBy: '县退役军人事务局 李红梅、县人武部 王强', type: 'image/jpeg', first: [0xff, 0xd8] });

    // the same list on a desktop screen, every column shown
    await c.page.locator('.plaque-detail-drawer .ant-drawer-close').click();
    await c.page.waitForURL((u) => !u.searchParams.has('plaque'));
    await c.page.locator('.plaque-detail-drawer').waitFor({ state: 'detached' });
    await c.page.setViewportSize({ width: 1366, height: 800 });
    await hungRow.waitFor();
    await shot(c.page, 'desktop-glory-plaques-hung.png');
    await c.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
