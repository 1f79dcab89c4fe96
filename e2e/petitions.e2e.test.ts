// Browser tests of petitions 信访 on the real server with the demo county.
// (1) On a 375-px phone: a veteran registers a real-name public account (the proof-of-work is
//     solved in the page), submits a petition online, notes the query code shown once, signs out,
//     and follows the petition with the query code and the phone number.
// (2) At desktop width: the county worker registers a petition by visit, accepts it (the
//     acknowledgement letter opens to print), the center head approves an extension, the worker
//     replies; the reply letter (处理意见书) shows as an A4 sheet and prints alone.
// Screenshots of every page go to test-results/ for a human look.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../test/helpers/server';
import { Agent } from '../test/helpers/app';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { button, choose, ensureWebBuild, hasChromium, launchBrowser, shotsDir, shot as pageShot, signIn as signInWith } from './browser';

let server: Awaited<ReturnType<typeof startTestServer>>;

const STEP_TIMEOUT = 30_000;

const PUBLIC_NAME = '宋卫国';
const PUBLIC_FIRST17 = '330523' + '19700312' + '415';
const PUBLIC_ID = PUBLIC_FIRST17 + idCheckCharacter(PUBLIC_FIRST17);
const PUBLIC_PHONE = '13957298765';
const PUBLIC_PASSWORD = 'Veteran#2026ok';

const VISITOR = '郑建军';
const VISITOR_FIRST17 = '330523' + '19650520' + '273';
const VISITOR_ID = VISITOR_FIRST17 + idCheckCharacter(VISITOR_FIRST17);

/** 'YYYY-MM-DD' of `days` ago in Asia/Shanghai. */
function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86400_000).toISOString().slice(0, 10);
}

const shot = (page: Page, name: string, fullPage = true) => pageShot(page, name, fullPage);

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton').length === 0);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}


/** Clicks an antd radio (plain or button style) by its text. */
async function pickRadio(page: Page, text: string): Promise<void> {
  await page.locator('.ant-radio-button-wrapper, .ant-radio-wrapper', { hasText: text }).first().click();
}

/** the shared sign-in (a session of the account is reused) */
const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);

describe.skipIf(!hasChromium)('petitions in the browser', () => {
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(shotsDir, { recursive: true });
    await ensureWebBuild();
    // the registration's proof of work at 12 bits (≈4,000 hashes) instead of 18 (≈260,000): still
    // solved by the page and checked by the server, without minutes of hashing on a busy machine
    server = await startTestServer({ env: { PUBLIC_POW_DIFFICULTY: '12' } });
    browser = await launchBrowser();
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

  async function context(phone: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = await browser.newContext(
      phone
        ? { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
        : { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    const page = await ctx.newPage();
    watch(page);
    page.setDefaultTimeout(STEP_TIMEOUT);
    return { context: ctx, page };
  }

  it('on a phone: register a public account, submit online, note the query code, sign out, follow it by code and phone', async () => {
    const { context: ctx, page } = await context(true);

    // 网上信访 without an account → sign in → 实名注册
    await page.goto(`${server.url}/public`);
    await page.getByRole('link', { name: '网上信访' }).click();
    await page.waitForURL(/\/public\/account\/login\?next=/);
    await page.getByText('信访人登录').waitFor();
    await shot(page, 'phone-public-login.png');
    await noHorizontalScroll(page);
    await page.getByRole('link', { name: '实名注册' }).click();
    await page.waitForURL(/\/public\/account\/register/);
    await page.getByRole('region', { name: '个人信息收集告知' }).waitFor();

    // the ID number's check character is checked in the browser
    await page.getByLabel('姓名', { exact: true }).fill(PUBLIC_NAME);
    const wrongCheck = PUBLIC_FIRST17 + (PUBLIC_ID.endsWith('1') ? '2' : '1');
    await page.getByLabel('公民身份号码', { exact: true }).fill(wrongCheck);
    await page.getByLabel('手机号码', { exact: true }).click();
    await page.getByText('身份证号校验位不正确').waitFor();
    await page.getByLabel('公民身份号码', { exact: true }).fill(PUBLIC_ID);
    await page.getByLabel('手机号码', { exact: true }).fill(PUBLIC_PHONE);
    await page.getByLabel('设置密码', { exact: true }).fill(PUBLIC_PASSWORD);
    await page.getByLabel('确认密码', { exact: true }).fill(PUBLIC_PASSWORD);
    await page.getByText('身份证号校验位不正确').waitFor({ state: 'detached' });
    await shot(page, 'phone-public-register.png');
    await noHorizontalScroll(page);

    // without accepting the privacy notice nothing is sent
    await button(page, '注册').click();
    await page.getByText('请阅读并同意个人信息收集告知').waitFor();
    await page.getByText('我已阅读并同意《个人信息收集告知》').click();
    const registered = page.waitForResponse((r) => r.url().endsWith('/api/public/accounts') && r.request().method() === 'POST');
    const challenged = page.waitForResponse((r) => r.url().endsWith('/api/public/accounts/challenge'));
    await button(page, '注册').click();
    expect((await challenged).status()).toBe(200);
    expect((await registered).status()).toBe(200);
    // the body carried the solved challenge
    const sent = (await registered).request().postDataJSON() as { pow: { challenge: string; nonce: string } };
    expect(sent.pow.nonce).toMatch(/^\d+$/);

    // signed in: straight on to 网上信访
    await page.waitForURL(/\/public\/petitions\/new$/);
    await page.getByTestId('public-account-bar').waitFor();
    await expect(page.getByTestId('public-account-bar').innerText()).resolves.toContain('*');
    await page.getByLabel('受理单位', { exact: true }).click();
    await page.getByLabel('受理单位', { exact: true }).fill('孝丰');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '孝丰镇' }).first().click();
    await pickRadio(page, '申诉求决');
    await choose(page, '问题类别', '抚恤补助');
    await page.getByLabel('住址', { exact: true }).fill('安吉县孝丰镇横溪坞村 12 号');
    await page.getByLabel('信访请求', { exact: true }).fill('请求核实本人参战经历，按规定发放定期生活补助');
    await page.getByLabel('事实', { exact: true }).fill('本人 1988 年入伍，1992 年退役，曾参加边境作战，至今未领取参战人员定期生活补助。');
    await page.getByLabel('理由（选填）', { exact: true }).fill('《军人抚恤优待条例》第六十二条');
    await shot(page, 'phone-public-petition-form.png');
    await noHorizontalScroll(page);
    await button(page, '提交').click();

    // the query code, once
    const codeEl = page.getByTestId('query-code');
    await codeEl.waitFor();
    const code = (await codeEl.innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await page.getByText('查询码只显示这一次').waitFor();
    await shot(page, 'phone-public-query-code.png');
    await noHorizontalScroll(page);

    // 我的信访: the petition is there, its progress opens
    await page.getByRole('link', { name: '我的信访' }).click();
    await page.getByTestId('own-petition').first().waitFor();
    await expect(page.getByTestId('own-petition').count()).resolves.toBe(1);
    await shot(page, 'phone-public-my-petitions.png');
    await noHorizontalScroll(page);
    await page.getByTestId('own-petition').first().click();
    await page.getByTestId('petition-progress').waitFor();
    await expect(page.getByTestId('next-expected').innerText()).resolves.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, 'phone-public-petition-progress.png');
    await noHorizontalScroll(page);

    // sign out: 我的信访 asks to sign in again
    await button(page, '退出登录').click();
    await page.waitForURL(/\/public\/account\/login/);
    await page.goto(`${server.url}/public/petitions`);
    await page.waitForURL(/\/public\/account\/login\?next=/);

    // 信访查询 with the code and the phone, no account
    await page.getByRole('link', { name: '信访查询' }).click();
    await page.getByLabel('查询码', { exact: true }).fill(code.toLowerCase());
    await page.getByLabel('手机号码', { exact: true }).fill('13957290000');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-alert-error').waitFor();
    await expect(page.getByTestId('petition-progress').count()).resolves.toBe(0);
    await shot(page, 'phone-public-query-wrong-phone.png');
    await page.getByLabel('手机号码', { exact: true }).fill(PUBLIC_PHONE);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('petition-progress').waitFor();
    await expect(page.getByTestId('petition-progress').innerText()).resolves.toContain('孝丰镇');
    await shot(page, 'phone-public-query.png');
    await noHorizontalScroll(page);

    await ctx.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('at desktop width: the county registers a visit, accepts, the head extends, the worker replies and prints the reply', async () => {
    const { context: worker, page } = await context(false);
    await signIn(page, 'county');
    await page.getByRole('menuitem', { name: /信访/ }).click();
    await page.waitForURL(/\/petitions$/);
    await settled(page);
    await shot(page, 'desktop-petitions-list-empty.png', false);
    await page.getByRole('button', { name: /登记信访/ }).click();
    await page.waitForURL(/\/petitions\/new$/);

    // a visit: ID number and discharge certificate required
    await pickRadio(page, '来访');
    await page.getByLabel('信访人姓名', { exact: true }).fill(VISITOR);
    await page.getByLabel('住址', { exact: true }).fill('安吉县递铺街道胜利西路 8 号');
    await pickRadio(page, '申诉求决');
    await choose(page, '问题类别', '就业创业');
    await page.getByLabel('信访请求', { exact: true }).fill('请求协调解决退役后就业安置问题');
    await page.getByLabel('事实', { exact: true }).fill('本人 2024 年退役返乡，多次求职未果，家庭生活困难。');
    await page.locator('.petition-form button[type="submit"]').click();
    await page.getByText('来访须核验并填写身份证号').waitFor();
    await page.getByText('来访须核验退役证件').waitFor();
    await page.getByLabel('公民身份号码', { exact: true }).fill(VISITOR_ID);
    await page.getByText('已核验退役证件').click();
    // a phone number the server refuses: its message lands under the field
    await page.getByLabel('联系电话', { exact: true }).fill('12345');
    await page.locator('.petition-form button[type="submit"]').click();
    const phoneItem = page.locator('.ant-form-item', { has: page.getByLabel('联系电话', { exact: true }) });
    await phoneItem.locator('.ant-form-item-explain-error').waitFor();
    await shot(page, 'desktop-petition-register-server-error.png', false);
    await page.getByLabel('联系电话', { exact: true }).fill('13857211234');
    await settled(page);
    await shot(page, 'desktop-petition-register.png');
    await page.locator('.petition-form button[type="submit"]').click();

    // the query code, once, to tell the petitioner
    await page.waitForURL(/\/petitions\/(?!new$)[^/]+$/);
    const staffCode = (await page.getByTestId('staff-query-code').innerText()).trim();
    expect(staffCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await shot(page, 'desktop-petition-query-code.png', false);
    await button(page, '已告知').click();

    // the petition page: 待受理, the 15-day clock
    const url = page.url();
    await page.getByTestId('petition-clock').waitFor();
    await expect(page.getByTestId('petition-clock').innerText()).resolves.toContain('待受理');
    await shot(page, 'desktop-petition-registered.png');

    // 受理 → the acknowledgement letter opens
    await button(page, '受理').click();
    await page.locator('.petition-action-modal .ant-modal-footer').getByRole('button', { name: /受\s*理/ }).click();
    const ack = page.getByTestId('letter-acknowledgement');
    await ack.waitFor();
    // headed and signed by the center's full name, with the query code and how to use it, and the seal area
    const ackText = await ack.innerText();
    expect(ackText).toContain('安吉县退役军人服务中心');
    expect(await page.getByTestId('letter-query').innerText()).toContain(staffCode);
    expect(await page.getByTestId('letter-query').innerText()).toContain(`${server.url}/public/petition-query`);
    await expect(page.getByTestId('letter-seal').isVisible()).resolves.toBe(true);
    await shot(page, 'desktop-petition-ack-letter.png', false);
    // printed: the notice alone on one A4 sheet (794 × 1123 px at 96 dpi)
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    const box = await ack.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(1123 - 2 * 57); // inside the 15 mm margins of @page
    await shot(page, 'desktop-petition-ack-print.png');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('.letter-modal .ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect(page.getByTestId('petition-clock').innerText()).resolves.toContain('办理中');

    // the head approves an extension of 20 days
    const { context: head, page: headPage } = await context(false);
    await signIn(headPage, 'countyhead');
    await headPage.goto(url);
    await headPage.getByTestId('petition-clock').waitFor();
    await button(headPage, '批准延期').click();
    await headPage.getByLabel('延长天数', { exact: true }).fill('20');
    await headPage.getByLabel('延期理由', { exact: true }).fill('需协调县人社局核实岗位信息');
    await headPage.locator('.petition-action-modal .ant-modal-footer').getByRole('button', { name: /批准延期/ }).click();
    await headPage.getByTestId('letter-extension').waitFor();
    await expect(headPage.getByTestId('letter-extension').innerText()).resolves.toContain('20');
    await shot(headPage, 'desktop-petition-extension-letter.png', false);
    await head.close();

    // the worker replies
    await page.reload();
    await page.getByTestId('petition-clock').waitFor();
    await expect(page.getByTestId('petition-clock').innerText()).resolves.toContain('延期办理中');
    await button(page, '答复').click();
    // the petitioner's receipt of the reply is not assumed: the field opens empty and may stay so
    await expect(page.getByLabel('信访人收到答复的日期', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByLabel('答复日期', { exact: true }).inputValue()).resolves.toBe(daysAgo(0));
    await pickRadio(page, '予以支持');
    await page.getByLabel('答复意见', { exact: true }).fill('经与县人社局协调，已为您推荐县内三家企业的适岗岗位，并纳入退役军人就业帮扶对象。');
    await page.locator('.petition-action-modal .ant-modal-footer').getByRole('button', { name: /答\s*复/ }).click();
    const letter = page.getByTestId('letter-reply');
    await letter.waitFor();
    await expect(letter.innerText()).resolves.toContain('信访事项处理意见书');
    await expect(letter.innerText()).resolves.toContain('复查');
    await shot(page, 'desktop-petition-reply-letter.png', false);

    // printed: the sheet alone on A4
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await expect(letter.isVisible()).resolves.toBe(true);
    await shot(page, 'desktop-petition-reply-print.png');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('.letter-modal .ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect(page.getByTestId('petition-clock').innerText()).resolves.toContain('已答复');
    await shot(page, 'desktop-petition-replied.png');

    // the petitioner follows it with the code told at the visit, reads the reply and rates it
    const { context: visitorCtx, page: visitorPage } = await context(true);
    await visitorPage.goto(`${server.url}/public/petition-query`);
    await visitorPage.getByLabel('查询码', { exact: true }).fill(staffCode);
    await visitorPage.getByLabel('手机号码', { exact: true }).fill('13857211234');
    await visitorPage.getByRole('button', { name: /查\s*询/ }).click();
    await expect(visitorPage.getByTestId('petition-reply').innerText()).resolves.toContain('三家企业');
    const rating = visitorPage.getByTestId('petition-rate');
    await rating.locator('.ant-rate-star').nth(4).click();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await visitorPage.getByText('您的评价', { exact: true }).waitFor();
    await expect(visitorPage.getByTestId('petition-rate').count()).resolves.toBe(0);
    await shot(visitorPage, 'phone-public-query-replied.png');
    await noHorizontalScroll(visitorPage);
    await visitorCtx.close();

    // two letters received earlier and not yet accepted: near (or past) their 15-day deadline
    const api = new Agent(server.app, 'county');
    expect((await api.post('/api/auth/login', { username: 'county', password: server.password })).statusCode).toBe(200);
    const me = (await api.get('/api/me')).json() as { id: string; orgUnit: { id: string } };
    const registerLetter = (name: string, receivedOn: string) =>
      api.post('/api/petitions', {
        orgUnitId: me.orgUnit.id,
        channel: 'letter',
        receivedOn,
        petitionerName: name,
        address: '安吉县昌硕街道',
        headcount: 1,
        type: 'suggestion',
        category: 'other',
        request: `${name}的建议`,
        facts: '来信所述情况',
        handlerUserId: me.id,
      });
    expect((await registerLetter('逾期来信人', daysAgo(20))).statusCode).toBe(200);
    expect((await registerLetter('临期来信人', daysAgo(14))).statusCode).toBe(200);
    const served = (await api.get('/api/petitions?pageSize=50')).json() as { items: { petitionerName: string; warning: string }[] };
    expect(served.items.find((i) => i.petitionerName === '逾期来信人')?.warning).toBe('red');

    // the ledger list shows them with the server's warnings; the red filter keeps the overdue one
    await page.goto(`${server.url}/petitions`);
    await page.locator('.record-table .ant-table-row').first().waitFor();
    await settled(page);
    await expect(page.locator('.record-table').innerText()).resolves.toContain(VISITOR);
    for (const item of served.items) {
      const row = page.locator('.record-table .ant-table-row', { hasText: item.petitionerName });
      const marks = row.locator('.petition-warning');
      if (item.warning === 'none') await expect(marks.count()).resolves.toBe(0);
      else await expect(marks.first().getAttribute('data-warning')).resolves.toBe(item.warning);
    }
    await shot(page, 'desktop-petitions-list.png', false);
    // 导出台账: the 信访事项登记台账 of the filter as .xlsx, 脱敏导出 (the dialog's default)
    await page.getByRole('button', { name: /导出台账/ }).click();
    const exportDialog = page.locator('.ant-modal', { hasText: '导出方式' });
    await exportDialog.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '导出').click()]);
    expect(download.suggestedFilename()).toMatch(/信访事项登记台账.*\.xlsx$/);
    expect(fs.readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');
    await exportDialog.waitFor({ state: 'hidden' });
    await choose(page, '预警', '红色预警');
    await page.waitForURL(/warning=red/);
    await page.waitForFunction(() => document.querySelectorAll('.record-table .ant-table-row').length === 1);
    await settled(page);
    await expect(page.locator('.record-table .ant-table-row').innerText()).resolves.toContain('逾期来信人');
    // 我的待办 lists the letter waiting for acceptance, marked overdue, and opens the petition's own page
    await page.goto(`${server.url}/work-queue`);
    const queued = page.locator('.record-table .ant-table-row', { hasText: '逾期来信人' });
    await queued.waitFor();
    await expect(queued.innerText()).resolves.toContain('逾期');
    await queued.getByRole('link').first().click();
    await page.waitForURL(/\/petitions\/(?!new$)[^/]+$/);
    await expect(page.getByTestId('petition-clock').innerText()).resolves.toContain('已逾期');
    await shot(page, 'desktop-petition-overdue.png');

    await page.goto(`${server.url}/petitions/dashboard`);
    await page.getByText('各办理阶段').waitFor();
    await settled(page);
    await shot(page, 'desktop-petitions-dashboard.png');

    // the same visitor writes again on the same matter: the form suggests the first petition, linked as a repeat
    await page.goto(`${server.url}/petitions/new`);
    await pickRadio(page, '来信');
    await page.getByLabel('信访人姓名', { exact: true }).fill(VISITOR);
    await page.getByLabel('联系电话', { exact: true }).fill('13857211234');
    await page.getByLabel('住址', { exact: true }).fill('安吉县递铺街道胜利西路 8 号');
    await pickRadio(page, '申诉求决');
    await choose(page, '问题类别', '就业创业');
    await page.getByLabel('信访请求', { exact: true }).fill('再次请求协调解决退役后就业安置问题');
    await page.getByLabel('事实', { exact: true }).fill('推荐的岗位离家太远，仍未就业。');
    const suggestion = page.locator('.ant-list-item', { hasText: '来访第0001号' });
    await suggestion.waitFor();
    await suggestion.getByRole('button', { name: '关联为重复件' }).click();
    await suggestion.getByText('已关联为首件').waitFor();
    await shot(page, 'desktop-petition-register-repeat.png');
    await page.locator('.petition-form button[type="submit"]').click();
    await page.waitForURL(/\/petitions\/(?!new$)[^/]+$/);
    await button(page, '已告知').click();
    await page.getByText('本件为重复信访').waitFor();
    // the first petition lists its repeat
    await page.goto(url);
    await expect(page.getByTestId('petition-repeats').innerText()).resolves.toContain('来信第0003号');

    // the same pages on a phone
    const { context: phoneCtx, page: phonePage } = await context(true);
    await signIn(phonePage, 'county', '/petitions');
    await phonePage.locator('.record-table .ant-table-row').first().waitFor();
    await settled(phonePage);
    await shot(phonePage, 'phone-petitions-list.png');
    await noHorizontalScroll(phonePage);
    await phonePage.goto(url);
    await phonePage.getByTestId('petition-clock').waitFor();
    await shot(phonePage, 'phone-petition-page.png');
    await shot(phonePage, 'phone-petition-page-top.png', false);
    await noHorizontalScroll(phonePage);
    await phonePage.getByRole('button', { name: '登记复查申请' }).click();
    await phonePage.locator('.petition-action-modal .ant-modal-body').waitFor();
    await shot(phonePage, 'phone-petition-action.png', false);
    await phonePage.locator('.petition-action-modal .ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
    await phonePage.goto(`${server.url}/petitions/new`);
    await phonePage.getByLabel('信访人姓名', { exact: true }).waitFor();
    await shot(phonePage, 'phone-petition-register.png');
    await noHorizontalScroll(phonePage);
    await phonePage.goto(`${server.url}/petitions/dashboard`);
    await phonePage.getByText('各办理阶段').waitFor();
    await settled(phonePage);
    await shot(phonePage, 'phone-petitions-dashboard.png');
    await noHorizontalScroll(phonePage);
    await phoneCtx.close();

    await worker.close();
    expect(pageErrors).toEqual([]);
    // about forty browser steps with three sign-ins: a machine busy with other work needs more than 4 minutes
  }, 480_000);
});
