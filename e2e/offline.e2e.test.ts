// Browser test of the installable field app on a 375-px phone, on the real server (127.0.0.1 is a
// secure context, so the service worker runs): a village worker signs in, the service worker
// installs and keeps the app shell, the owed list and the person's pages; without signal a reload
// opens the app from it, showing the kept list with its age; a visit recorded then goes to the
// outbox sealed to the server's key (unreadable on the phone); when the signal is back it is sent
// on its own and stored once (a replay of the same envelope changes nothing). The server serves
// sw.js and the manifest uncached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import dayjs from 'dayjs';
import { choose, errorWatcher, hasChromium, newPage, settled, shot, signIn, STEP_TIMEOUT, openBrowserWorld, type TestServer } from './browser';

let server: TestServer;
const today = dayjs().format('YYYY-MM-DD');

/** The outbox as kept in IndexedDB (sealed bodies). */
function outboxRows(page: Page): Promise<{ clientKey: string; sealed: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ clientKey: string; sealed: string }[]>((resolve, reject) => {
        const req = indexedDB.open('rj-visits');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as { clientKey: string; sealed: string }[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** A write through the page's session (CSRF header from the cookie). */
function postJson(page: Page, url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([u, b]) => {
      const csrf = decodeURIComponent(/(?:^|;\s*)rj_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const res = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(b) });
      return { status: res.status, json: (await res.json()) as unknown };
    },
    [url, body] as const,
  );
}

/** The visit form's step bar (one group per screen on a phone). */
const formSteps = (page: Page) => page.getByRole('navigation', { name: '走访表分组' });

describe.skipIf(!hasChromium)('the field app without signal', () => {
  let browser: Browser;
  const watcher = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the service worker and the manifest uncached, the manifest with its icons', async () => {
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const mf = await fetch(`${server.url}/manifest.webmanifest`);
    expect(mf.status).toBe(200);
    expect(mf.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(mf.headers.get('cache-control')).toBe('no-cache');
    const manifest = (await mf.json()) as { short_name: string; icons: { src: string; sizes: string }[]; display: string };
    expect(manifest.short_name).toBe('戎家');
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) expect((await fetch(`${server.url}${icon.src}`)).status, icon.src).toBe(200);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // the page links it, and registers the worker without inline script
    const page = await fetch(`${server.url}/visits/owed`);
    expect(page.headers.get('cache-control'), 'the page is revalidated: a new build reaches the phones').toBe('no-cache');
    const html = await page.text();
    // the files it loads are named by their content hash and kept for a year without asking again
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const assetRes = await fetch(`${server.url}${asset}`);
    expect(assetRes.status).toBe(200);
    expect(assetRes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}${manifest.icons[0].src}`)).headers.get('cache-control'), 'files outside assets/ keep no long life').not.toContain('immutable');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('opens without signal from what was kept, records a visit into the outbox, and sends it once when the signal is back', async () => {
    const v = await newPage(browser, 'phone', watcher.watch, undefined, { serviceWorkers: 'allow' });
    await signIn(v.page, server, 'village');
    // the service worker installed (the shell is cached before it activates) and controls the page
    await v.page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 90_000 });
    expect(await v.page.evaluate(() => window.isSecureContext)).toBe(true);
    await expect(v.page.getByTestId('needs-https').count()).resolves.toBe(0);

    // a visit owed by this worker: a 六必访 event on one of the village's people
    const person = await v.page.evaluate(async () => {
      const r = (await (await fetch('/api/recipients?status=registered&pageSize=50')).json()) as { items: { id: string; name: string; deceased: boolean }[] };
      return r.items.find((x) => !x.deceased)!;
    });
    const trigger = await postJson(v.page, '/api/visit-triggers', { recipientId: person.id, kind: 'meritAward', eventDay: today });
    expect(trigger.status, JSON.stringify(trigger.json)).toBe(200);
    const dueVisitId = (trigger.json as { dueVisitId: string }).dueVisitId;
    const visitsOf = () => v.page.evaluate(async (id) => ((await (await fetch(`/api/visits?recipientId=${id}`)).json()) as { total?: number }).total ?? -1, person.id);
    expect(await visitsOf()).toBe(0);

    // ---- with signal: the owed list, and the person's visit form once (both kept) ----
    await v.page.goto(`${server.url}/visits/owed`);
    const card = v.page.getByTestId('owed-card').filter({ hasText: person.name });
    await card.first().waitFor();
    await card.first().click();
    await v.page.waitForURL(/\/visits\/new\?dueVisit=/);
    await formSteps(v.page).waitFor();
    await v.page.goto(`${server.url}/visits/owed`);
    await card.first().waitFor();
    await settled(v.page);

    // ---- no signal: the reload opens the app from the service worker ----
    await v.context.setOffline(true);
    await v.page.reload();
    const banner = v.page.getByTestId('offline-data');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/^离线数据，更新于 \d+月\d+日 \d\d:\d\d（(刚刚|\d+ 分钟前)）/);
    await card.first().waitFor();
    await settled(v.page);
    await shot(v.page, 'phone-offline-owed.png');

    // ---- record the visit without signal: it goes to the outbox ----
    await card.first().click();
    await v.page.waitForURL(new RegExp(`/visits/new\\?dueVisit=${dueVisitId}`));
    await formSteps(v.page).waitFor();
    await choose(v.page, '走访形式', '入户走访');
    // one group per screen on a phone: the seven situations confirmed as recorded, then the request
    await formSteps(v.page).getByRole('button', { name: /七个状况/ }).click();
    await v.page.getByRole('button', { name: /其余情况无变化/ }).click();
    await formSteps(v.page).getByRole('button', { name: /诉求/ }).click();
    await v.page.getByLabel('反映的问题和诉求', { exact: true }).fill('腰腿疼，希望上门体检');
    await shot(v.page, 'phone-offline-visit-form.png');
    await v.page.getByRole('button', { name: /提交走访记录/ }).click();
    await v.page.waitForURL(/\/visits\/owed/);
    const outbox = v.page.getByTestId('visit-outbox');
    await outbox.getByText('待发送 1 条').waitFor();
    await settled(v.page);
    await shot(v.page, 'phone-offline-outbox.png');

    // sealed to the server: nothing of it is readable on the phone, not even with the worker's draft key
    const rows = await outboxRows(v.page);
    expect(rows).toHaveLength(1);
    expect(rows[0].sealed).toMatch(/^p1\./);
    expect(JSON.stringify(rows)).not.toContain('腰腿疼');
    const envelope = rows[0].sealed;
    expect(await visitsOf().catch(() => -1)).toBe(-1); // (still no signal)

    // ---- the signal is back: the outbox sends on its own, the list refreshes ----
    await v.context.setOffline(false);
    await outbox.waitFor({ state: 'detached', timeout: 90_000 });
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => card.count(), { timeout: STEP_TIMEOUT }).toBe(0);
    await expect.poll(visitsOf, { timeout: STEP_TIMEOUT }).toBe(1);
    await settled(v.page);
    await shot(v.page, 'phone-online-again.png');

    // stored once: the same envelope sent again is the same visit
    const replay = await postJson(v.page, '/api/visits/sealed', { envelope });
    expect(replay.status, JSON.stringify(replay.json)).toBe(200);
    expect(await visitsOf()).toBe(1);
    const visits = await v.page.evaluate(async (id) => (await (await fetch(`/api/visits?recipientId=${id}`)).json()) as { items: { dueVisitId?: string | null }[] }, person.id);
    expect(visits.items).toHaveLength(1);
    await v.context.close();
    expect(watcher.errors).toEqual([]);
  }, 300_000);
});
