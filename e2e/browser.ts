// Shared by the browser tests: the Chromium launcher (skipped loudly where Chromium is missing,
// a failure under CI=true), the web build, TOTP codes for the demo administrators and small
// locator helpers.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Cookie, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServer } from '../test/helpers/server';
import { seedDemoRecipients } from '../src/server/cli/demo';
import { systemDb } from '../src/server/db/system';

/**
 * Debian's Chromium: its old headless shell (package chromium-headless-shell, the same build Playwright
 * itself runs for headless tests) where installed, else the full browser (package chromium). The shell
 * has no browser UI layer and starts half the renderer processes: the whole browser phase took 38% less
 * machine CPU with it (1,573 → 975 s; 812 → 530 s on 2 cores, measured), and every test passed the same.
 */
export const CHROMIUM = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: browser tests cannot run in CI`);
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!!  SKIPPING BROWSER TESTS: no Chromium at ${CHROMIUM}\n` +
      `!!  install it with: apt-get update && apt-get install -y chromium-headless-shell\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
}

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const shotsDir = path.join(repoRoot, 'test-results');

/** Builds dist/web unless it is newer than every source file of the web app. */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(repoRoot, 'dist/web/index.html');
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  const sources = Math.max(newest(path.join(repoRoot, 'src/web')), newest(path.join(repoRoot, 'src/shared')));
  const fresh = () => fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources;
  if (fresh()) return;
  // one build at a time: test files start in parallel workers, and two builds writing dist/web at
  // once break each other (the service worker's precache list is injected into the other's sw.js)
  const lock = path.join(repoRoot, 'dist/.web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another worker builds: wait for its lock to go (a lock older than 5 minutes is a dead build's)
      await new Promise<void>((resolve) => {
        const watcher = setInterval(() => {
          const stale = fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 300_000;
          if (stale) fs.rmSync(lock, { recursive: true, force: true });
          if (!fs.existsSync(lock)) {
            clearInterval(watcher);
            resolve();
          }
        }, 200);
      });
    }
  }
  try {
    if (fresh()) return;
    // a production build, as `npm run build` makes it: vitest sets NODE_ENV=test, and Vite takes
    // NODE_ENV over the mode, which gave React's and antd's development builds (several times slower
    // in the browser, and not what production serves)
    const { build } = await import('vite');
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // V8's optimising tiers (Maglev, TurboFan) compile hot functions on background threads for a page
      // that a test leaves after seconds; every navigation starts over. Without them (the interpreter and
      // Sparkplug only) a page load of the app took 38% less renderer CPU (10 loads: 7.5 → 4.7 s), and
      // four browser test files 12% less machine CPU (299 → 263 s). What the pages do is the same.
      '--js-flags=--no-maglev --no-turbofan',
    ],
  });
  // every context (browser.newPage makes one too) reports its pages' CSP violations
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    // the app honours prefers-reduced-motion (no antd animations): the steps need not wait them out.
    // Service workers are blocked unless a test asks for them (the offline test): on 127.0.0.1 (a
    // secure context) every new context would otherwise install sw.js, which precaches the whole app
    // (~200 files) beside the test's own steps — seconds of CPU per context on a 2-core machine.
    const context = await newContext({ reducedMotion: 'reduce', serviceWorkers: 'block', ...options });
    await reportCspViolations(context);
    context.on('page', watchCsp);
    context.on('page', watchForFailure);
    return context;
  };
  return browser;
}

// RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits; RFC 4648 base32 secret.
function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.toUpperCase().replace(/[^A-Z2-7]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, '0');
}

/** A code that stays valid for a few seconds more (waits out the end of a step). */
export async function freshTotp(secret: string): Promise<string> {
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (left < 4) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
  return totp(secret);
}

// antd puts a space between the two characters of a two-character Chinese button label.
export const button = (page: Page, text: string) =>
  page.getByRole('button', { name: new RegExp(`^\\s*${text.split('').join('\\s*')}\\s*$`) });

/** Signs a demo administrator in, enrolling a TOTP authenticator on the way. */
export async function signInAdmin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await button(page, '登录').click();
  await page.waitForURL(/\/login\/totp-enrol$/);
  const secretEl = page.getByTestId('totp-secret');
  await secretEl.waitFor();
  const secret = (await secretEl.innerText()).replace(/\s+/g, '');
  await page.getByLabel('动态码').fill(await freshTotp(secret));
  await button(page, '完成绑定').click();
  await page.getByTestId('welcome').waitFor();
}

// ---- page helpers shared by the browser tests ----

/** generous: the machines that run the suite are often busy with other suites */
export const STEP_TIMEOUT = 30_000;

/**
 * Waits for a still picture: every finite animation and transition of the page (a modal's zoom, a
 * drawer's slide, a message's fade) has finished, checked again over two frames so that one
 * starting on the next frame is waited for too, and the fonts are loaded. Endless animations (a
 * spinner) do not count. A condition, not a fixed time: as long as the page needs, no longer.
 */
export async function stillFrame(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    for (;;) {
      await frame();
      await frame();
      const running = document.getAnimations().filter((a) => a.playState !== 'finished' && a.playState !== 'idle' && a.effect?.getTiming().iterations !== Infinity);
      if (running.length === 0) break;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
    await document.fonts.ready;
  });
}

/**
 * Whether the browser tests leave screenshots in test-results/ for a human look: yes on a developer's
 * machine, no under CI=true (nobody opens them there, and on a 2-core machine the captures cost
 * minutes); E2E_SHOTS=1 or 0 decides either way. A failed test leaves its failure-*.png regardless.
 */
export const takeShots = process.env.E2E_SHOTS ? process.env.E2E_SHOTS === '1' : process.env.CI !== 'true';

/**
 * A screenshot in test-results/ for a human look, once the page is still (a full page from the
 * top, so that a sticky header sits where it belongs). The wait happens with or without the picture,
 * so a test behaves the same whether screenshots are taken or not.
 */
export async function shot(page: Page, name: string, fullPage = false, timeout?: number): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await stillFrame(page);
  if (takeShots) await page.screenshot({ path: path.join(shotsDir, name), fullPage, timeout });
}

/** A screenshot of one element (a chart card at full resolution), under the same rule as shot(). */
export async function shotOf(locator: Locator, name: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  if (takeShots) await locator.screenshot({ path: path.join(shotsDir, name) });
}

/**
 * Sessions signed in through `signIn`, by server and account: a later `signIn` of the same account
 * (in a new context) takes the session's cookies and opens its page instead of filling the login
 * page again — a login page, a password hash and a page load less. A session that ended (signed out,
 * timed out, a clock moved past it) lands on the login page, which is then filled as before.
 * Kept by the server object, not its URL: under --no-isolate a later file's server may listen on a
 * port an earlier one had, and must not be handed that server's cookies.
 */
const signedInByServer = new WeakMap<object, Map<string, Cookie[]>>();

/**
 * Signs a demo account (no second factor) in: through the login page, or with its session of an
 * earlier signIn. Lands on the home page (its welcome shown), or with `to` (a path of the app, e.g.
 * '/disputes/new') straight on that page — the login page's `?next=`, or the page opened with the
 * kept session — one page load less than the home page and then a page.goto; the caller waits for
 * what that page shows.
 */
export async function signIn(page: Page, server: { url: string; password: string }, username: string, to?: string): Promise<void> {
  let signedIn = signedInByServer.get(server);
  if (!signedIn) signedInByServer.set(server, (signedIn = new Map()));
  const cookies = signedIn.get(username);
  // signed in: the home page's welcome, or on another page the shell's sign-out button
  const landed = to ? page.getByRole('button', { name: '退出登录' }) : page.getByTestId('welcome');
  // (the page may add its defaults to the query, e.g. a list's first tab: the path is what must match)
  const toPath = to ? new URL(to, 'http://x').pathname : undefined;
  const arrived = async () => (toPath ? page.waitForURL((u) => u.pathname === toPath) : undefined);
  const userField = page.getByLabel('用户名', { exact: true });
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(`${server.url}${to ?? '/'}`);
    // (a page's first paint: the generous step timeout even where a test set a shorter default)
    await landed.or(userField).first().waitFor({ timeout: STEP_TIMEOUT });
    if (await landed.isVisible()) return;
    signedIn.delete(username); // the session ended: sign in on the login page the app went to (its ?next= is `to`)
  } else {
    await page.goto(`${server.url}/login${to ? `?next=${encodeURIComponent(to)}` : ''}`);
  }
  await userField.fill(username);
  await page.getByLabel('密码', { exact: true }).fill(server.password);
  await button(page, '登录').click();
  await landed.waitFor({ timeout: STEP_TIMEOUT });
  await arrived();
  signedIn.set(username, (await page.context().cookies(server.url)).filter((c) => c.name !== '' && c.value !== ''));
}

/** Opens a module from the side menu, which is a drawer on a phone. */
export async function openMenu(page: Page, label: string): Promise<void> {
  const opener = page.getByRole('button', { name: '打开菜单' });
  if (await opener.isVisible()) {
    await opener.click();
    await page.locator('.app-drawer .ant-menu').waitFor();
    await page.locator('.app-drawer').getByRole('menuitem', { name: new RegExp(label) }).click();
  } else {
    await page.getByRole('menuitem', { name: new RegExp(label) }).click();
  }
}

/**
 * Picks an option of an antd Select found by its label, and waits for its list to close: a list
 * left open (it re-opens when the field keeps the focus) would cover the button clicked next.
 */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  const open = page.locator('.ant-select-dropdown:visible');
  try {
    await open.first().waitFor({ state: 'hidden', timeout: 2_000 });
  } catch {
    await page.keyboard.press('Tab');
    await open.first().waitFor({ state: 'hidden' });
  }
}

/** Waits until no list is loading (for a screenshot without the loading veil). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0);
}

/** How far the page is wider than the screen, in px (a 375-px phone must not scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The page comes to fit the screen's width. Polled, not measured once: after a resize or a navigation
 * antd's responsive grid re-lays the page out a render later (a breakpoint listener, then React), and
 * a busy machine measured the old layout once (CI, 54 px). A page that stays too wide still fails.
 */
export async function expectNoSidewaysScroll(page: Page, message = 'no horizontal scrolling of the page'): Promise<void> {
  await expect.poll(() => horizontalOverflow(page), { message }).toBeLessThanOrEqual(0);
}

/**
 * Content Security Policy violations of every page of a browser from launchBrowser (the server's CSP,
 * platform/http-security.ts): the page reports them (securitypolicyviolation, and Chromium's own
 * console message), and any one fails the running test.
 */
export const cspViolations: string[] = [];
const CSP_MARK = 'Content Security Policy';
function watchCsp(page: Page): void {
  page.on('console', (m) => {
    if (m.text().includes(CSP_MARK)) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
}
async function reportCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript((mark: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`${mark} violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  }, CSP_MARK);
}
/**
 * What a failed browser test leaves behind for whoever reads CI's output: a screenshot of every page
 * still open (test-results/failure-*.png) and the page's last API answers of 400 and above with the
 * start of their bodies (a 409 or a 403 behind a step that timed out), printed with the failure.
 */
const openPages = new Set<Page>();
const failedAnswers = new WeakMap<Page, string[]>();
function watchForFailure(page: Page): void {
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  const answers: string[] = [];
  failedAnswers.set(page, answers);
  page.on('response', (r) => {
    if (r.status() < 400 || !r.url().includes('/api/')) return;
    void r
      .text()
      .catch(() => '')
      .then((body) => {
        answers.push(`${r.request().method()} ${r.url()} → ${r.status()} ${body.slice(0, 300)}`);
        if (answers.length > 20) answers.shift();
      });
  });
}
let failures = 0;
/**
 * After a failed browser test (test/browser-hooks.ts, a setup file: hooks at this module's top level
 * would be registered for the first file of each worker only under --no-isolate): a screenshot of each
 * open page and its last API answers of 400 and above.
 */
export async function reportFailedTest(task: { name: string }): Promise<void> {
  const lines: string[] = [];
  let n = 0;
  for (const page of openPages) {
    if (page.isClosed()) continue;
    const file = path.join(shotsDir, `failure-${++failures}-${++n}.png`);
    await page.screenshot({ path: file, timeout: 15_000 }).catch(() => undefined);
    lines.push(`  page ${page.url()} (screenshot ${path.relative(repoRoot, file)})`);
    for (const a of failedAnswers.get(page) ?? []) lines.push(`    ${a}`);
  }
  if (lines.length) console.error(`\n[${task.name}] failed; open pages and their API answers ≥ 400:\n${lines.join('\n')}\n`);
}

/** After each browser test (test/browser-hooks.ts): the CSP violations its pages reported fail it. */
export function failOnCspViolations(): void {
  const found = cspViolations.splice(0);
  if (found.length) throw new Error(`Content Security Policy violations:\n${found.join('\n')}`);
}

/** Collects page errors and server 5xx answers of the pages it watches. */
export function errorWatcher(): { errors: string[]; watch: (page: Page) => void } {
  const errors: string[] = [];
  return {
    errors,
    watch(page) {
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));

      page.on('response', (r) => {
        if (r.status() >= 500) errors.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
      });
    },
  };
}

/** A 375-px phone (touch, 2× pixels) or a desktop (1366 px unless `desktopWidth`), in Chinese and China's time zone, its page watched. */
export async function newPage(browser: Browser, device: 'phone' | 'desktop', watch?: (page: Page) => void, desktopWidth = 1366, extra: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...(device === 'phone'
      ? { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
      : { viewport: { width: desktopWidth, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    ...extra,
  });
  const page = await context.newPage();
  watch?.(page);
  page.setDefaultTimeout(STEP_TIMEOUT);
  return { context, page };
}

/** The real time shifted by a test (days passing on the calendar, e.g. a notice period) — the server's only clock. */
export class ShiftedClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  shiftDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
}

/**
 * One browser test file's world: the web app built, the real server on a fresh demo database
 * (with `recipients` demo people, disputes, petitions and opinions when asked) and Chromium.
 * Close both in afterAll.
 */
export async function openBrowserWorld(opts: { recipients?: number; clock?: ShiftedClock } = {}): Promise<{ server: TestServer; browser: Browser }> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await ensureWebBuild();
  const server = await startTestServer({ clock: opts.clock });
  if (opts.recipients) {
    await seedDemoRecipients(systemDb(server.app.ctx.db), { count: opts.recipients, crypto: server.app.ctx.crypto, at: new Date().toISOString() });
  }
  return { server, browser: await launchBrowser() };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * What a module's browser test needs, bound to its world: `open` a 375-px phone or a 1280-px desktop
 * page (watched: page errors and 5xx answers land in `errors`), `signIn` a demo account, a full-page
 * `shot` once the page has settled, and `noSideways` (the page does not scroll sideways).
 */
export function pageKit(world: () => { server: TestServer; browser: Browser }) {
  const { errors, watch } = errorWatcher();
  return {
    errors,
    open: (size: 'phone' | 'desktop') => newPage(world().browser, size, watch, 1280),
    signIn: (page: Page, username: string, to?: string) => signIn(page, world().server, username, to),
    shot: async (page: Page, name: string) => {
      await settled(page);
      await shot(page, `${name}.png`, true);
    },
    noSideways: async (page: Page) => {
      await expectNoSidewaysScroll(page, 'no horizontal scrolling of the page at 375 px');
    },
  };
}

/** A call of the API from the signed-in page, with its CSRF token (what the app's own client sends); a non-2xx answer throws with its body. */
export async function apiCall<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = decodeURIComponent(/(?:^|; )rj_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}
