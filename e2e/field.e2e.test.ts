// Browser test of the field app on a 375×812 phone, on the real server with the demo county: a
// village worker goes from the field home to a saved visit — two characters of the name typed into
// the search, 记录走访 on the person found, two of the seven situations changed, the rest confirmed
// with one tap, one photo from the camera, 提交 — and every tap and keystroke is counted (a tap is a
// click on the page; a keystroke is one character typed). The target is ≤ 10 taps and ≤ 2
// keystrokes; the visit is checked through the API. The old route (服务对象 → the person → 记录走访)
// is measured the same way. Both print their taps, keystrokes and time for the closing note.
// Screenshots at 375 px: the field home, the person's page, each group of the visit form and the
// recipient list as cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { situationChoices } from '../src/shared/rules/situation-tones';
import { situationKeys, type SituationKey } from '../src/shared/schemas/recipients';
import { errorWatcher, hasChromium, expectNoSidewaysScroll, settled, shot, signIn, STEP_TIMEOUT, openBrowserWorld, type TestServer } from './browser';

let server: TestServer;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Counts what the worker does: taps (clicks) and keystrokes (characters typed). */
class Counter {
  taps = 0;
  keys = 0;
  readonly started = Date.now();
  private excluded = 0;
  /** what the test does besides the worker (screenshots, checks) does not count in the time */
  async offClock(fn: () => Promise<unknown>): Promise<void> {
    const t = Date.now();
    await fn();
    this.excluded += Date.now() - t;
  }
  async tap(target: Locator): Promise<void> {
    this.taps++;
    await target.click();
  }
  async type(target: Locator, text: string): Promise<void> {
    this.keys += [...text].length;
    await target.pressSequentially(text);
  }
  /** a tap that opens the camera; the picture comes back as the camera app would give it */
  async photo(page: Page, target: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await this.tap(target);
    await (await chooser).setFiles(file);
  }
  seconds(): number {
    return (Date.now() - this.started - this.excluded) / 1000;
  }
}

type Person = { id: string; name: string; two: string };
type RecipientSituations = Record<string, { level: string | null; note: string } | undefined>;

async function phone(browser: Browser, watch: (p: Page) => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  watch(page);
  page.setDefaultTimeout(STEP_TIMEOUT);
  return { context, page };
}

/** A JSON call of the signed-in page (CSRF header from its cookie, as the app sends it). */
async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|; )rj_csrf=([^;]*)/.exec(document.cookie)?.[1];
      const r = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    { method, url, body },
  ) as Promise<T>;
}

/** Living registered people of the worker's range whom two characters of their name find among the first ten. */
async function findablePeople(page: Page, n: number): Promise<Person[]> {
  const list = await call<{ items: { id: string; name: string; deceased: boolean }[] }>(page, 'GET', '/api/recipients?status=registered&pageSize=100');
  const out: Person[] = [];
  for (const r of list.items) {
    if (r.deceased) continue;
    const chars = [...r.name];
    // two characters of the name: the given name's (a surname alone finds too many), else the first two
    for (const two of new Set([chars.slice(1, 3).join(''), chars.slice(0, 2).join('')])) {
      if ([...two].length !== 2) continue;
      const hit = await call<{ items: { id: string }[] }>(page, 'GET', `/api/recipients?q=${encodeURIComponent(two)}&pageSize=10`);
      if (hit.items.some((x) => x.id === r.id)) {
        out.push({ id: r.id, name: r.name, two });
        break;
      }
    }
    if (out.length === n) break;
  }
  expect(out.length, 'people two characters find').toBe(n);
  return out;
}

/** A 3000×2000 picture as the phone's camera gives it. */
async function cameraPicture(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2f6b3a';
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#fff';
    g.font = 'bold 260px sans-serif';
    g.fillText('走访现场', 600, 1100);
    return canvas.toDataURL('image/jpeg', 0.8);
  });
  return { name: 'IMG_2048.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(dataUrl.split(',')[1], 'base64') };
}

/** Two situations to change: for each, a level other than the record's. */
function twoChanges(situations: RecipientSituations): { key: SituationKey; level: string; label: string }[] {
  return (['health', 'needs'] as const).map((key) => {
    const c = situationChoices(key).find((x) => x.level !== situations[key]?.level)!;
    return { key, level: c.level, label: c.label };
  });
}

/**
 * The visit form, from its first group to 提交: the situations group, two changes, the rest
 * confirmed, a photo from the footer's camera, 提交. Shots of each group when asked.
 */
async function fillVisit(page: Page, c: Counter, changes: { key: SituationKey; label: string }[], shots?: string): Promise<void> {
  await page.getByRole('navigation', { name: '走访表分组' }).waitFor();
  if (shots)
    await c.offClock(async () => {
      await shot(page, `${shots}-1-basic.png`);
      await expectNoSidewaysScroll(page);
    });
  await c.tap(page.getByRole('button', { name: /下一步：七个状况/ }));
  const group = page.locator('.visit-group', { hasText: '了解情况（七个状况）' });
  await group.waitFor();
  for (const ch of changes) await c.tap(page.getByTestId(`situation-${ch.key}`).getByRole('radio', { name: ch.label, exact: true }));
  if (shots) await c.offClock(() => shot(page, `${shots}-2-situations-changed.png`));
  await c.tap(group.getByRole('button', { name: /其余情况无变化/ }));
  await group.getByText('七个状况均已确认').waitFor();
  if (shots)
    await c.offClock(async () => {
      await shot(page, `${shots}-3-situations-confirmed.png`);
      await expectNoSidewaysScroll(page);
    });
  await c.photo(page, page.getByRole('button', { name: /^拍照（已有 0 张）/ }), await cameraPicture(page));
  await page.getByRole('button', { name: /^拍照（已有 1 张）/ }).waitFor();
  if (shots)
    await c.offClock(async () => {
      await page.getByRole('button', { name: /照片/ }).first().click(); // (looking only: not counted)
      await page.getByText(/1600×1067/).waitFor();
      await shot(page, `${shots}-4-photo.png`);
      await expectNoSidewaysScroll(page);
    });
  await c.tap(page.getByRole('button', { name: /提交走访记录/ }));
}

/** The person's visits, newest first (API). */
async function visitsOf(page: Page, id: string) {
  return call<{ total: number; items: { id: string; situations: RecipientSituations; photoCount: number; dueVisitId: string | null }[] }>(page, 'GET', `/api/visits?recipientId=${id}`);
}

async function situationsOf(page: Page, id: string): Promise<RecipientSituations> {
  return (await call<{ situations: RecipientSituations }>(page, 'GET', `/api/recipients/${id}`)).situations;
}

/** The visit saved has the two changes, the record's other levels unchanged, and one photo. */
function expectVisit(v: { situations: RecipientSituations; photoCount: number }, before: RecipientSituations, changes: { key: SituationKey; level: string }[]): void {
  for (const k of situationKeys) {
    const changed = changes.find((ch) => ch.key === k);
    expect(v.situations[k]?.level ?? null, k).toBe(changed ? changed.level : (before[k]?.level ?? null));
  }
  expect(v.photoCount).toBe(1);
}

describe.skipIf(!hasChromium)('the field app on a 375-px phone', () => {
  let browser: Browser;
  const watcher = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 400 }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('from the field home to a saved visit (two situations changed, the rest confirmed, one photo) in ≤ 10 taps and 2 keystrokes', async () => {
    const v = await phone(browser, watcher.watch);
    await signIn(v.page, server, 'village');
    const [person, other] = await findablePeople(v.page, 2);
    // an owed visit for the person: the home lists it, and the visit found by name fulfils it
    await call(v.page, 'POST', '/api/visit-triggers', { recipientId: person.id, kind: 'difficulty', eventDay: today, note: '' });
    await call(v.page, 'POST', '/api/visit-triggers', { recipientId: other.id, kind: 'returnHome', eventDay: today, note: '' });
    await v.page.goto(`${server.url}/`);
    const home = v.page.getByTestId('field-owed');
    await home.getByText(person.name).first().waitFor();
    await settled(v.page);
    await shot(v.page, 'field-home.png');
    await expectNoSidewaysScroll(v.page);
    await shot(v.page, 'field-home-full.png', true);

    const before = await situationsOf(v.page, person.id);
    const visitsBefore = (await visitsOf(v.page, person.id)).total;
    const changes = twoChanges(before);

    // ---- counted from here: the field home as the worker sees it after signing in ----
    const c = new Counter();
    const search = v.page.getByLabel('查找服务对象');
    await c.tap(search);
    await c.type(search, person.two);
    const found = v.page.getByTestId('field-result').filter({ hasText: person.name }).first();
    await found.waitFor();
    await c.offClock(async () => {
      await shot(v.page, 'field-home-search.png');
      await expectNoSidewaysScroll(v.page);
    });
    await c.tap(found.getByRole('button', { name: `记录走访 ${person.name}` }));
    await v.page.waitForURL(/\/visits\/new\?dueVisit=/);
    // the form opens at its top
    expect(await v.page.evaluate(() => window.scrollY)).toBe(0);
    await fillVisit(v.page, c, changes, 'field-visit-form');
    // back on the field home, the visit saved
    await v.page.getByText(/已记录走访/).first().waitFor();
    await v.page.waitForURL(`${server.url}/`);
    const seconds = c.seconds();
    console.log(`[field] field home → saved visit (2 changed, 5 confirmed, 1 photo): ${c.taps} taps, ${c.keys} keystrokes, ${seconds.toFixed(1)} s scripted`);
    expect(c.taps).toBeLessThanOrEqual(10);
    expect(c.keys).toBeLessThanOrEqual(2);

    // stored once, as shown: the two changes, the record's other levels, the photo; the owed visit done
    const after = await visitsOf(v.page, person.id);
    expect(after.total).toBe(visitsBefore + 1);
    expectVisit(after.items[0], before, changes);
    expect(after.items[0].dueVisitId).not.toBeNull();
    await expect.poll(() => home.getByText(person.name).count()).toBe(0);

    // ---- the old route, measured the same way: 服务对象 → the person → 记录走访 ----
    const before2 = await situationsOf(v.page, other.id);
    const visitsBefore2 = (await visitsOf(v.page, other.id)).total;
    const changes2 = twoChanges(before2);
    const o = new Counter();
    await o.tap(v.page.getByRole('button', { name: '打开菜单' }));
    await o.tap(v.page.locator('.app-drawer').getByRole('menuitem', { name: /服务对象/ }));
    await v.page.waitForURL(/\/recipients$/);
    const name = v.page.getByLabel('姓名', { exact: true });
    await o.tap(name);
    await o.type(name, other.two);
    await v.page.waitForURL(/q=/);
    const card = v.page.getByTestId('recipient-card').filter({ hasText: other.name }).first();
    await card.waitFor();
    await o.offClock(async () => {
      await v.page.waitForFunction(() => !document.querySelector('.record-table-cards .ant-spin-blur, .record-table-cards .ant-spin-spinning'));
      await settled(v.page);
      await shot(v.page, 'field-recipients-cards.png');
      await expectNoSidewaysScroll(v.page);
    });
    await o.tap(card.getByRole('link', { name: other.name }));
    const action = v.page.getByTestId('recipient-visit-action');
    await action.getByText(/应访/).waitFor();
    await o.offClock(async () => {
      await settled(v.page);
      await shot(v.page, 'field-person-page.png');
      await expectNoSidewaysScroll(v.page);
    });
    // 记录走访 is on the first screen
    const box = (await action.getByRole('button', { name: /记录走访/ }).boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(812);
    await o.tap(action.getByRole('button', { name: /记录走访/ }));
    await v.page.waitForURL(/\/visits\/new\?dueVisit=/);
    expect(await v.page.evaluate(() => window.scrollY)).toBe(0);
    await fillVisit(v.page, o, changes2, 'field-visit-form-old-route');
    await v.page.getByText(/已记录走访/).first().waitFor();
    console.log(`[field] 服务对象 → person → 记录走访 → saved visit (same visit): ${o.taps} taps, ${o.keys} keystrokes, ${o.seconds().toFixed(1)} s scripted`);
    const after2 = await visitsOf(v.page, other.id);
    expect(after2.total).toBe(visitsBefore2 + 1);
    expectVisit(after2.items[0], before2, changes2);
    expect(o.taps).toBeLessThanOrEqual(12);
    expect(o.keys).toBeLessThanOrEqual(2);

    // the list's other filters wait behind one button
    await v.page.goto(`${server.url}/recipients`);
    await v.page.getByTestId('record-cards').waitFor();
    await v.page.getByRole('button', { name: /筛\s*选/ }).click();
    await v.page.getByLabel('状态', { exact: true }).waitFor();
    await settled(v.page);
    await shot(v.page, 'field-recipients-filters.png');
    await expectNoSidewaysScroll(v.page);

    await v.context.close();
    expect(watcher.errors).toEqual([]);
  }, 300_000);
});
