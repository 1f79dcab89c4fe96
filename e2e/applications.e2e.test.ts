// Browser test of applications 办件: the county publishes an item (village → township → county, a
// 5-day 公示); a village worker opens the person's page, receives the application with its
// materials checklist and gives the village's opinion; the township and the county follow; the
// county's decision is refused while the notice runs; the notice period passes on the calendar
// (the server's test clock shifted by days); the county decides, the result notice prints on A4
// and the month's 最多跑一次 figure moves. Then a veteran on a 375-px phone signs in to the public
// side, applies online for an item from its page, sees it in 我的 with its next step, and the
// 办件查询 page shows its progress with the number and query code; the village prints the 受理回执.
// Pages are looked at 1280 and 375 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { Agent } from '../test/helpers/app';
import { registerPublic } from '../src/server/modules/appointments/appointments-test-support';
import { systemDb } from '../src/server/db/system';
import { choose, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, openBrowserWorld, settled, shot, ShiftedClock, signIn, type TestServer, apiCall as call } from './browser';

describe.skipIf(!hasChromium)('applications in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const clock = new ShiftedClock();
  const watcher = errorWatcher();

  async function open(width: 1280 | 375, username: string, to?: string): Promise<Page> {
    const context = await browser.newContext(
      width === 375
        ? { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
        : { viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    const page = await context.newPage();
    watcher.watch(page);
    page.setDefaultTimeout(30_000);
    await signIn(page, server, username, to);
    return page;
  }


  async function giveOpinion(page: Page, text: string, button: RegExp): Promise<void> {
    await page.getByLabel('意见内容').fill(text);
    await page.getByRole('button', { name: button }).click();
  }

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 80, clock }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('receive, opinions village → township → county, notice on the calendar, decision; 最多跑一次 moves', async () => {
    const county = await open(1280, 'county');
    await call(county, 'POST', '/api/service-items', {
      orgUnitId: (await call<{ orgUnit: { id: string } }>(county, 'GET', '/api/me')).orgUnit.id,
      name: '退役军人困难临时补助',
      kind: 'local',
      policyBasis: '县退役军人事务局文件',
      eligibility: '本县生活困难的退役军人',
      materials: [
        { name: '身份证', form: 'copy', count: 1, note: '' },
        { name: '困难情况说明', form: 'original', count: 1, note: '村委会出具' },
      ],
      steps: [
        { level: 'village', label: '村(居)委会意见', days: 3, dayKind: 'working' },
        { level: 'township', label: '乡镇(街道)服务站意见', days: 3, dayKind: 'working' },
        { level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' },
      ],
      noticeRequired: true,
      noticeDays: 5,
      decider: '县退役军人事务局',
      resultDocument: '临时补助审批结果通知书',
    });

    // the village worker: the list's figure before, then the person's page → 受理办件
    const village = await open(1280, 'village', '/applications');
    await village.getByTestId('one-run-count').waitFor();
    const before = Number((await village.getByTestId('one-run-count').locator('.ant-statistic-content-value').innerText()).trim());
    // a person of the registry: collected by the village, approved by the county
    const me = await call<{ orgUnit: { id: string } }>(village, 'GET', '/api/me');
    const first17 = '33052319650412135';
    const collected = await call<{ id: string; version: number; name: string }>(village, 'POST', '/api/recipients', {
      kind: 'veteran',
      orgUnitId: me.orgUnit.id,
      name: '钱守义',
      idNumber: first17 + idCheckCharacter(first17),
      recipientGroup: 'dischargedSoldier',
    });
    await call(village, 'POST', `/api/recipients/${collected.id}/submit`, { version: collected.version });
    const review = (await call<{ items: { id: string; version: number }[] }>(county, 'GET', `/api/cases?subjectId=${collected.id}&open=true`)).items[0];
    await call(county, 'POST', `/api/cases/${review.id}/actions`, { action: 'approve', comment: '', version: review.version });
    const person = { id: collected.id, name: collected.name };
    await village.goto(`${server.url}/recipients/${person.id}`);
    await village.getByTestId('recipient-applications').getByRole('button', { name: /受理办件/ }).click();
    await village.waitForURL(/\/applications\/new/);
    await choose(village, '服务事项', '退役军人困难临时补助');
    await village.getByRole('checkbox', { name: /身份证/ }).check();
    await village.getByRole('checkbox', { name: /困难情况说明/ }).check();
    await shot(village, 'applications-new-1280.png', true);
    await village.getByRole('button', { name: /^\s*受\s*理\s*$/ }).click();
    await village.waitForURL(/\/applications\/[0-9a-z]{20}$/);
    await village.getByText('待办单位').waitFor();
    const url = village.url();
    // a scan against its row of the materials checklist (a PDF goes as it is), listed under the row
    const [chooser] = await Promise.all([village.waitForEvent('filechooser'), village.getByRole('button', { name: /上传 困难情况说明/ }).click()]);
    await chooser.setFiles({ name: '困难情况说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await village.getByRole('link', { name: /困难情况说明\.pdf/ }).waitFor();
    await giveOpinion(village, '情况属实，同意上报', /出具意见并报送上一级/);
    await village.getByText(/待 .*孝丰镇.* 出具意见/).waitFor();
    await shot(village, 'applications-detail-1280.png', true);

    const township = await open(1280, 'township', new URL(url).pathname);
    await giveOpinion(township, '经核实，同意', /出具意见并报送上一级/);
    await township.getByText(/待 .*安吉县.* 出具意见/).waitFor();

    await county.goto(url);
    await giveOpinion(county, '审核通过，予以公示', /出具意见并公示/);
    await county.getByTestId('notice-text').waitFor();
    expect(await county.getByTestId('notice-text').innerText()).not.toContain(person.name);
    // the decision is refused while the notice runs
    await county.getByRole('button', { name: /^\s*批\s*准\s*$/ }).click();
    await county.getByText(/公示期.*尚未结束/).first().waitFor();

    // the notice period passes on the calendar (the server's clock): sessions time out, sign in again
    clock.shiftDays(9);
    const county2 = await open(1280, 'county', new URL(url).pathname);
    await county2.getByRole('button', { name: /^\s*批\s*准\s*$/ }).click();
    await county2.getByText(/已批准/).first().waitFor();
    await county2.getByRole('button', { name: /打印结果通知书/ }).waitFor();
    await county2.emulateMedia({ media: 'print' });
    await county2.getByText('临时补助审批结果通知书').waitFor();
    await shot(county2, 'applications-result-notice-print.png', true);
    await county2.emulateMedia({ media: 'screen' });

    // closed with one run: the month's 最多跑一次 count moves by one (the county's roll-up covers the village)
    const village2 = await open(1280, 'village', '/applications');
    await settled(village2);
    await village2.getByTestId('one-run-count').waitFor();
    await expect
      .poll(async () => Number((await village2.getByTestId('one-run-count').locator('.ant-statistic-content-value').innerText()).trim()))
      .toBe(before + 1);
    await shot(village2, 'applications-list-1280.png', true);

    // a phone: the list and the application fit 375 px
    const phone = await open(375, 'village', '/applications');
    await settled(phone);
    await phone.getByTestId('one-run-count').waitFor();
    await shot(phone, 'applications-list-375.png', true);
    await expectNoSidewaysScroll(phone);
    await phone.goto(url);
    await phone.getByText('办理环节').waitFor();
    await shot(phone, 'applications-detail-375.png', true);
    await expectNoSidewaysScroll(phone);
    expect(watcher.errors).toEqual([]);
  }, 300_000);

  it('a veteran applies online on a phone, sees it in 我的 with its next step, and queries it with the code; the staff receipt carries the code', async () => {
    const sys = systemDb(server.app.ctx.db);
    const villageId = (await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow()).org_unit_id;
    const county = new Agent(server.app);
    expect((await county.post('/api/auth/login', { username: 'county', password: server.password })).statusCode).toBe(200);
    const countyUnit = ((await county.get('/api/me')).json() as { orgUnit: { id: string } }).orgUnit.id;
    const created = await county.post('/api/service-items', {
      orgUnitId: countyUnit,
      name: '退役军人交通出行补贴',
      kind: 'local',
      policyBasis: '县退役军人事务局文件',
      eligibility: '本县退役军人',
      materials: [
        { name: '身份证', form: 'copy', count: 1, note: '' },
        { name: '退役证', form: 'copy', count: 1, note: '' },
      ],
      steps: [
        { level: 'village', label: '村(居)委会初审', days: 3, dayKind: 'working' },
        { level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' },
      ],
      noticeRequired: false,
      noticeDays: null,
      decider: '县退役军人事务局',
      resultDocument: '补贴核准通知书',
    });
    expect(created.statusCode, created.body).toBe(200);
    const itemId = (created.json() as { id: string }).id;
    const { phone } = await registerPublic(new Agent(server.app), '孙卫东');

    // the item page on a phone → 在线申请 → sign in → back on the application
    const { page } = await newPage(browser, 'phone', watcher.watch);
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/public/units/${villageId}/items/${itemId}`);
    await page.getByTestId('apply-online').click();
    await page.waitForURL(/\/public\/account\/login/);
    await page.getByLabel('手机号码', { exact: true }).fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('Veteran@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/apply$/);
    await page.getByTestId('village-chosen').waitFor();
    await page.getByRole('checkbox', { name: '身份证' }).check();
    await page.getByRole('checkbox', { name: '退役证' }).check();
    await expectNoSidewaysScroll(page);
    await shot(page, 'applications-apply-375.png', true);
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('query-code').waitFor();
    const code = (await page.getByTestId('query-code').innerText()).trim();
    const number = (await page.getByTestId('application-no').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{10}$/);
    expect(number).toMatch(/^\d{10}$/);
    await shot(page, 'applications-apply-done-375.png', true);

    // 我的: the application with its next step (the village's first review)
    await page.goto(`${server.url}/public/me`);
    const mine = page.getByTestId('my-section-applications').getByTestId('my-item').filter({ hasText: '退役军人交通出行补贴' });
    await mine.waitFor();
    expect(await mine.innerText()).toMatch(/下一步：.*村\(居\)委会初审中/);
    await shot(page, 'applications-my-375.png', true);
    await mine.click();
    await page.getByTestId('application-progress').waitFor();
    expect(await page.getByTestId('next-step').innerText()).toMatch(/信息采集/);
    await page.context().close();

    // 办件查询 without an account: the number and the code show the progress, a masked name
    const anon = await newPage(browser, 'phone', watcher.watch);
    await anon.page.goto(`${server.url}/public/application-query`);
    await anon.page.getByLabel('办件编号').fill(number);
    await anon.page.getByLabel('查询码').fill(code.toLowerCase());
    await anon.page.getByRole('button', { name: /查\s*询/ }).click();
    await anon.page.getByTestId('application-progress').waitFor();
    const shown = await anon.page.getByTestId('application-progress').innerText();
    expect(shown).toContain('孙**');
    expect(shown).not.toContain('孙卫东');
    expect(shown).toContain('村(居)委会初审');
    await expectNoSidewaysScroll(anon.page);
    await shot(anon.page, 'applications-query-375.png', true);
    await anon.context.close();

    // the village: the application (采集中) and its 受理回执 with the code
    const village = await open(1280, 'village');
    const id = (await sys.selectFrom('applications').select('id').where('registration_no', '=', number).executeTakeFirstOrThrow()).id;
    await village.goto(`${server.url}/applications/${id}`);
    await village.getByText(/信息采集尚在办理中/).waitFor();
    await village.getByRole('button', { name: /受理回执/ }).click();
    await village.getByTestId('receipt-code').waitFor();
    expect((await village.getByTestId('receipt-code').innerText()).trim()).toBe(code);
    await settled(village);
    await shot(village, 'applications-receipt-1280.png', true);
    expect(watcher.errors).toEqual([]);
  }, 300_000);
});
