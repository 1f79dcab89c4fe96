// Browser test of the registry's main path on a 375-px phone, on the real server with the demo
// county (and a few hundred demo recipients so that lists look real): a village worker collects
// a veteran (birth date derived from the ID number as typed), saves and submits; the county
// reviewer finds the case in 我的待办 and approves it; the record is then found by two
// characters of the name with status 已入库. Also: a reload mid-form restores the local draft,
// the recipient page at desktop width (reveal, document upload, print view) and the
// sys admin's holiday years. The edit form opens with the sensitive fields masked (no reveal) and
// reveals one field only on 修改. Screenshots go to test-results/ for a human look. No fixed
// sleeps: every step waits for a condition (a locator, a response, a draft written, animations at rest).
import { gcm } from '@noble/ciphers/aes.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { petitionBody } from '../src/server/modules/petitions/petitions-test-support';
import { button, choose, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, openMenu, settled, shot, signIn as signInWith, signInAdmin, openBrowserWorld, type TestServer } from './browser';

const signIn = (page: Page, username: string, to?: string) => signInWith(page, server, username, to);
const noHorizontalScroll = (page: Page) => expectNoSidewaysScroll(page);
/** A full-page print-view screenshot: it takes Chromium tens of seconds on a busy machine, more than a step's timeout. */
const printShot = (page: Page, name: string) => shot(page, name, true, 180_000);

/** No finite CSS animation or transition is running (antd's collapse, modal, radio motions): a steady page for a screenshot. */
const still = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));

type Draft = { baseVersion: number | null; baseValues?: Record<string, unknown>; values: Record<string, unknown> };

/** The signed-in user's local drafts, decrypted here with the user's draft key (as the form would). */
async function drafts(page: Page): Promise<Record<string, Draft>> {
  const { key, stored } = await page.evaluate(async () => {
    const dto = (await (await fetch('/api/me/draft-key')).json()) as { key: string };
    const entries = Object.keys(localStorage)
      .filter((k) => k.startsWith('rj:draft:'))
      .map((k) => [k, (JSON.parse(localStorage.getItem(k) ?? '{}') as { sealed?: string }).sealed ?? ''] as const);
    return { key: dto.key, stored: entries };
  });
  const k = new Uint8Array(Buffer.from(key, 'base64url'));
  const out: Record<string, Draft> = {};
  for (const [name, sealed] of stored) {
    const bytes = new Uint8Array(Buffer.from(sealed.replace(/^e1:/, ''), 'base64'));
    out[name] = JSON.parse(new TextDecoder().decode(gcm(k, bytes.subarray(0, 12)).decrypt(bytes.subarray(12)))) as Draft;
  }
  return out;
}
/** The values of the one local draft there is (undefined while none is written yet). */
const draftValues = async (page: Page) => Object.values(await drafts(page))[0]?.values;

let server: TestServer;

const NAME = '岳振邦';
const FIRST17 = '330523' + '19880801' + '351'; // 安吉县, born 1988-08-01, odd sequence: male
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);

describe.skipIf(!hasChromium)('registry main path in the browser', () => {
  let browser: Browser;
  const { errors: pageErrors, watch } = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 300 }));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const phone = () => newPage(browser, 'phone', watch);

  it('a village worker collects a veteran, the county approves, the list finds them by two characters', async () => {
    const { context, page } = await phone();

    // 服务对象 → 新建采集
    await signIn(page, 'village');
    await openMenu(page, '服务对象');
    await page.waitForURL(/\/recipients$/);
    // on a phone the list is cards
    await page.getByTestId('recipient-card').first().waitFor();
    await settled(page);
    await shot(page, 'phone-recipients-list.png');
    await noHorizontalScroll(page);
    await page.getByRole('button', { name: /新建采集/ }).click();
    await page.waitForURL(/\/recipients\/new$/);
    await page.getByText('个人信息收集告知').waitFor();
    await still(page);
    await shot(page, 'phone-recipient-form.png');
    await noHorizontalScroll(page);

    // identity: the birth date and gender appear from the ID number
    await page.getByLabel('姓名', { exact: true }).fill(NAME);
    await page.getByLabel('公民身份号码', { exact: true }).fill(ID_NUMBER);
    const derived = page.getByTestId('id-derived');
    await expect(derived.innerText()).resolves.toMatch(/1988-08-01.*男/);
    await page.getByLabel('公民身份号码', { exact: true }).blur();
    await page.getByLabel('联系电话', { exact: true }).fill('13957212345');

    // a reload mid-form (once the draft holds the last input): the local draft comes back
    await expect.poll(async () => (await draftValues(page))?.phone, { timeout: 15_000 }).toBe('13957212345');
    await page.reload();
    await page.getByText('已恢复本地草稿').waitFor();
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe(NAME);
    await expect(page.getByLabel('公民身份号码', { exact: true }).inputValue()).resolves.toBe(ID_NUMBER);
    await expect(page.getByTestId('id-derived').innerText()).resolves.toContain('1988-08-01');
    await shot(page, 'phone-recipient-form-restored.png');

    // service record and the seven situations
    await page.locator('.ant-collapse-header', { hasText: '服役信息' }).click();
    await choose(page, '退役方式', '自主就业');
    await choose(page, '军种', '陆军');
    await page.getByLabel('原部队', { exact: true }).fill('某集团军某旅');
    await page.locator('.ant-collapse-header', { hasText: '七个状况' }).click();
    await choose(page, '健康状况', '健康');
    // 就业状况 is both a field (the ledger's column, under 其他) and one of the seven situations: this is the situation
    await page.locator('.situations').getByLabel('就业状况', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '求职中' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByLabel('需求状况说明', { exact: true }).fill('希望参加技能培训');
    await page.locator('.ant-collapse-header', { hasText: '家庭成员' }).click();
    await page.getByRole('button', { name: /添加家庭成员/ }).click();
    await page.getByLabel('成员姓名', { exact: true }).fill('岳小花');
    await page.locator('.list-card').getByLabel('与本人关系', { exact: true }).fill('配偶');
    await still(page);
    await shot(page, 'phone-recipient-form-filled.png', true);
    await noHorizontalScroll(page);

    await button(page, '保存').click();
    await page.waitForURL(/\/recipients\/(?!new$)[A-Za-z0-9_-]+$/);
    const recordUrl = page.url();
    await page.getByRole('heading', { name: NAME }).waitFor();
    await page.locator('.page-head .ant-tag', { hasText: '草稿' }).waitFor();
    // the draft is gone after the save
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rj:draft:')))).toEqual([]);

    // 提交审核
    await page.getByRole('button', { name: /提交审核/ }).click();
    // the dialog at rest before its button is pressed (a press mid-zoom can land beside it), and the
    // server's answer checked, so that a refused submit fails here with its reason
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).waitFor();
    await still(page);
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/recipients\/[^/]+\/submit$/.test(r.url()));
    await page.locator('.ant-modal').getByRole('button', { name: /提\s*交/ }).click();
    const answer = await submitted;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('.page-head .ant-tag', { hasText: '待县级审核' }).waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await shot(page, 'phone-recipient-detail.png');
    await noHorizontalScroll(page);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // the county reviewer: 我的待办 → the case → 审核通过
    await signIn(page, 'county');
    const badge = page.getByTestId('work-queue-badge');
    await expect(badge.getAttribute('aria-label')).resolves.toMatch(/我的待办 [1-9]\d* 项/);
    await badge.click();
    await page.waitForURL(/\/work-queue$/);
    await page.locator('.record-table .ant-table-row').first().waitFor();
    await settled(page);
    await shot(page, 'phone-work-queue.png');
    await page.getByLabel('事项或单位', { exact: true }).fill(NAME);
    await page.getByLabel('事项或单位', { exact: true }).press('Enter');
    await page.waitForURL(/q=/);
    await page.waitForFunction((name) => {
      const rows = [...document.querySelectorAll('.record-table .ant-table-row')];
      return rows.length === 1 && rows[0].textContent?.includes(name);
    }, NAME);
    const item = page.locator('.record-table .ant-table-row', { hasText: NAME });
    await item.getByRole('link', { name: new RegExp(NAME) }).click();
    await page.waitForURL(/\/cases\/[A-Za-z0-9_-]+$/);
    await page.getByText('信息采集审核').first().waitFor();
    await shot(page, 'phone-case.png', true);
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.locator('.case-action-modal').getByLabel('意见（选填）').fill('信息齐全，同意入库');
    await page.locator('.case-action-modal .ant-btn-primary').click();
    await page.locator('.page-head', { hasText: '已审核入库' }).waitFor();
    await page.locator('.case-log-comment', { hasText: '信息齐全，同意入库' }).waitFor();
    await page.locator('.case-action-modal .ant-modal').waitFor({ state: 'detached' });
    await shot(page, 'phone-case-approved.png', true);
    await expect(page.getByRole('button', { name: '审核通过' }).count()).resolves.toBe(0);

    // 服务对象: two characters of the name find the record, now 已入库
    await openMenu(page, '服务对象');
    await page.waitForURL(/\/recipients$/);
    const nameSearch = page.getByRole('searchbox', { name: '姓名' });
    // on a phone it searches as the name is typed, without Enter
    await nameSearch.pressSequentially(NAME.slice(0, 2));
    await page.waitForURL(/q=/);
    const row = page.getByTestId('recipient-card').filter({ hasText: NAME });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('已入库');
    await expect(row.innerText()).resolves.toContain('330***********');
    await settled(page);
    await shot(page, 'phone-recipients-search.png');
    await noHorizontalScroll(page);

    // 导出台账: a dialog, 脱敏导出 by default; the county may choose 明文导出, which needs a 用途,
    // and the file then carries the user and the time above the title
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('button', { name: /导出台账/ }).click();
    const exportDialog = page.locator('.ant-modal', { hasText: '导出方式' });
    await exportDialog.waitFor();
    await expect(exportDialog.getByRole('radio', { name: /脱敏导出/ }).isChecked()).resolves.toBe(true);
    await exportDialog.getByRole('radio', { name: /明文导出/ }).check();
    await button(page, '导出').click();
    await exportDialog.getByText('请填写导出用途').waitFor();
    await exportDialog.getByLabel('用途').fill('核对本年度优待金发放名单');
    await settled(page);
    await shot(page, 'desktop-ledger-export-dialog.png');
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '导出').click()]);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile(await download.path());
    const exportedSheet = exported.worksheets[0];
    expect(String(exportedSheet.getCell(1, 1).value)).toMatch(/^明文导出.*导出人：李红梅（county.*导出时间：.*用途：核对本年度优待金发放名单$/);
    expect(JSON.stringify(exportedSheet.getSheetValues())).toContain(ID_NUMBER);
    await exportDialog.waitFor({ state: 'hidden' });

    // the recipient's page at desktop width: reveal, upload a photo (downscaled), print view
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(recordUrl);
    await page.getByRole('heading', { name: NAME }).waitFor();
    await page.getByRole('button', { name: '显示公民身份号码' }).click();
    await expect(page.getByTestId('revealed-idNumber').innerText()).resolves.toContain(ID_NUMBER);

    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 3000;
      c.height = 2000;
      const g = c.getContext('2d')!;
      g.fillStyle = '#c9d6e8';
      g.fillRect(0, 0, 3000, 2000);
      g.fillStyle = '#1f4e8c';
      g.font = 'bold 220px sans-serif';
      g.fillText('退役证', 900, 1100);
      return c.toDataURL('image/png').split(',')[1];
    });
    await page.getByTestId('document-file').setInputFiles({
      name: '退役证扫描.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png, 'base64'),
    });
    const doc = page.locator('.recipient-documents .ant-table-row', { hasText: '退役证扫描.jpg' });
    await doc.waitFor();
    const href = await doc.getByRole('link').getAttribute('href');
    const stored = await page.evaluate(async (url) => {
      const res = await fetch(url as string);
      const bitmap = await createImageBitmap(await res.blob());
      return { type: res.headers.get('content-type'), width: bitmap.width, height: bitmap.height };
    }, href);
    expect(stored).toEqual({ type: 'image/jpeg', width: 1600, height: 1067 });

    await page.locator('.history-timeline').getByText('审核入库').waitFor();
    // the service record shows the person's petitions and the household's plaque (modules open)
    await expect(page.getByTestId('recipient-petitions').innerText()).resolves.toContain('没有与本人关联的信访事项');
    await expect(page.getByTestId('recipient-plaque').innerText()).resolves.toMatch(/未编入家庭户|本户尚无光荣牌记录/);
    // the county registers a letter from this person; the page then lists it
    const sys = systemDb(server.app.ctx.db);
    const countyUser = await sys.selectFrom('users').select(['id', 'org_unit_id']).where('username', '=', 'county').executeTakeFirstOrThrow();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const petition = petitionBody(countyUser.org_unit_id, countyUser.id, { receivedOn: today, petitionerName: NAME, idNumber: ID_NUMBER, recipientId: recordUrl.split('/').pop(), request: '请求协调安置就业' });
    const letter = await page.evaluate(async (body) => {
      const csrf = decodeURIComponent(/(?:^|; )rj_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const res = await fetch('/api/petitions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { registrationNo?: string } };
    }, petition);
    expect(letter.status, JSON.stringify(letter.body)).toBe(200);
    await page.reload();
    await page.getByTestId('recipient-petitions').getByText(letter.body.registrationNo!).waitFor();
    await expect(page.getByTestId('recipient-petitions').innerText()).resolves.toContain('请求协调安置就业');
    await expect(page.locator('.service-panel-pending', { hasText: /信访诉求|光荣牌/ }).count()).resolves.toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'desktop-recipient-detail.png', true);
    await page.emulateMedia({ media: 'print' });
    await page.locator('.print-head').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: /编\s*辑/ }).waitFor({ state: 'hidden' });
    await still(page);
    await printShot(page, 'desktop-recipient-print.png');
    await page.emulateMedia({ media: 'screen' });

    // the blank collection form prints with the notice
    await page.goto(`${server.url}/recipients/new`);
    await page.getByText('个人信息收集告知').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.locator('.form-actions').waitFor({ state: 'hidden' });
    await still(page);
    await printShot(page, 'desktop-recipient-form-print.png');
    await page.emulateMedia({ media: 'screen' });

    // the same person entered twice (same name and birth date): the county merges the pair
    const second = FIRST17.slice(0, 14) + '373';
    const created = await page.evaluate(
      async ({ recordId, name, idNumber }) => {
        const csrf = document.cookie.match(/(?:^|; )rj_csrf=([^;]+)/)?.[1] ?? '';
        const detail = (await (await fetch(`/api/recipients/${recordId}`)).json()) as { orgUnitId: string };
        const res = await fetch('/api/recipients', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
          body: JSON.stringify({ kind: 'veteran', orgUnitId: detail.orgUnitId, name, idNumber, recipientGroup: 'dischargedSoldier' }),
        });
        return res.status;
      },
      { recordId: recordUrl.split('/').pop(), name: NAME, idNumber: second + idCheckCharacter(second) },
    );
    expect(created).toBe(200);
    await openMenu(page, '疑似重复');
    await page.waitForURL(/\/recipients\/duplicates$/);
    const pair = page.locator('.duplicate-pair', { hasText: NAME });
    await pair.waitFor();
    await pair.locator('.duplicate-side', { hasText: '已入库' }).getByText('保留这条').click();
    await pair.locator('.duplicate-side.duplicate-keep', { hasText: '已入库' }).waitFor();
    await still(page);
    await shot(page, 'desktop-duplicates.png');
    await pair.getByRole('button', { name: /合\s*并/ }).click();
    // the dialog at rest before its button is pressed: a press during the zoom did nothing in CI
    await page.getByRole('button', { name: '确认合并' }).waitFor();
    await still(page);
    await page.getByRole('button', { name: '确认合并' }).click();
    await page.getByText(/已合并：保留 岳振邦/).waitFor();
    await page.getByText('没有疑似重复的记录').waitFor();

    // an edit after approval: the phone (opened with 修改) applies at once, the group change goes to
    // county review (the masked form and its reveals: the test below)
    await page.goto(`${recordUrl}/edit`);
    const maskedId = page.getByLabel('公民身份号码（已隐藏）', { exact: true });
    await maskedId.waitFor();
    await page.getByRole('button', { name: '修改联系电话' }).click();
    await expect(page.getByLabel('联系电话', { exact: true }).inputValue()).resolves.toBe('13957212345');
    await page.getByLabel('联系电话', { exact: true }).fill('13957219999');
    await choose(page, '人员类别', '复员军人');
    await button(page, '保存').click();
    const notice = page.locator('.ant-modal-confirm', { hasText: '部分修改已提交县级审核' });
    await notice.getByRole('button', { name: '知道了' }).click();
    await page.waitForURL(recordUrl);
    await page.locator('#open-cases').getByRole('link', { name: '信息变更审核' }).waitFor();
    await page.locator('.history-timeline').getByText('联系电话').waitFor();

    // a stale version: 409, the message shows and the input stays
    await page.goto(`${recordUrl}/edit`);
    await maskedId.waitFor();
    const bumped = await page.evaluate(
      async ({ recordId, idNumber }) => {
        const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )rj_csrf=([^;]+)/)?.[1] ?? '');
        const d = (await (await fetch(`/api/recipients/${recordId}`)).json()) as Record<string, unknown>;
        const res = await fetch(`/api/recipients/${recordId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify({
            kind: d.kind,
            name: d.name,
            idNumber,
            recipientGroup: d.recipientGroup,
            phone: '13957219999',
            notes: '另一位工作人员的修改',
            version: d.version,
          }),
        });
        return res.status;
      },
      { recordId: recordUrl.split('/').pop(), idNumber: ID_NUMBER },
    );
    expect(bumped).toBe(200);
    await page.getByLabel('备注', { exact: true }).fill('我的修改');
    await button(page, '保存').click();
    await page.locator('.form-alert', { hasText: '已被他人修改' }).waitFor();
    await expect(page.getByLabel('备注', { exact: true }).inputValue()).resolves.toBe('我的修改');
    await shot(page, 'desktop-recipient-edit-conflict.png');
    // re-load the record, keep my change, see what both changed, save
    await page.getByRole('button', { name: '载入最新记录并保留我的修改' }).click();
    await page.getByText(/双方都修改过.*备注/).waitFor();
    await expect(page.getByLabel('备注', { exact: true }).inputValue()).resolves.toBe('我的修改');
    // (antd leaves the collapsed "loading" icon in the button after the failed save: match the end)
    await page.getByRole('button', { name: /保\s*存$/ }).click();
    await page.waitForURL(recordUrl);
    await page.locator('#other').getByText('我的修改').waitFor();

    await context.close();
    expect(pageErrors).toEqual([]);
  }, 400_000);

  it('the edit form opens with the sensitive fields masked; 修改 reveals one field; the save sends only what changed', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);
    await signIn(page, 'village');
    const first17 = '330523' + '19880801' + '371';
    const idNumber = first17 + idCheckCharacter(first17);
    const createdRes = await page.evaluate(async (id) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )rj_csrf=([^;]+)/)?.[1] ?? '');
      const me = (await (await fetch('/api/me')).json()) as { orgUnit: { id: string } };
      const res = await fetch('/api/recipients', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ kind: 'veteran', orgUnitId: me.orgUnit.id, name: '岳振国', idNumber: id, recipientGroup: 'disabledVeteran', phone: '13957212345', bankAccount: '6217000011112222', disabilityGrade: 6, disabilityCause: 'duty', disabilityCert: '浙残军000123', medicalDetails: '左腿旧伤，需定期复查' }),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    }, idNumber);
    expect(createdRes.status, JSON.stringify(createdRes.body)).toBe(200);
    const recordId = createdRes.body.id;
    const recordUrl = `${server.url}/recipients/${recordId}`;
    const sys = systemDb(server.app.ctx.db);
    const ID_NUMBER = idNumber;
    const reveals = async () =>
      (await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'recipient.reveal').where('target_id', '=', recordId).orderBy('seq').execute()).map((a) => a.detail);
    const storedRow = () => sys.selectFrom('recipients').select(['id_number_hash', 'phone_enc', 'birth_date']).where('id', '=', recordId).executeTakeFirstOrThrow();
    const before = await storedRow();
    const revealsBefore = await reveals();
    const revealCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/reveal')) revealCalls.push(r.postData() ?? '');
    });
    await page.goto(`${recordUrl}/edit`);
    const maskedId = page.getByLabel('公民身份号码（已隐藏）', { exact: true });
    await maskedId.waitFor();
    await expect(maskedId.inputValue()).resolves.toBe('330***********' + ID_NUMBER.slice(-4));
    await expect(page.getByLabel('联系电话（已隐藏）', { exact: true }).inputValue()).resolves.toBe('139****2345');
    await expect(page.getByTestId('id-derived').innerText()).resolves.toMatch(/1988-08-01.*男/);
    await page.locator('.ant-collapse-header', { hasText: '伤残' }).waitFor();
    for (const label of ['银行账号', '残疾军人证号', '医疗与健康详情']) await page.getByRole('button', { name: `修改${label}` }).waitFor();
    await page.locator('.form-draft-state').waitFor();
    for (const label of ['公民身份号码', '联系电话']) await page.getByRole('button', { name: `修改${label}` }).waitFor();
    expect(revealCalls).toEqual([]);
    expect(await reveals()).toEqual(revealsBefore);
    await still(page);
    await shot(page, 'desktop-recipient-edit.png', true);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('button', { name: '修改联系电话' }).waitFor();
    await noHorizontalScroll(page);
    await still(page);
    await shot(page, 'phone-recipient-edit.png', true);
    await page.setViewportSize({ width: 1366, height: 900 });

    // 修改 on the phone: one reveal, of the phone, and the field opens with its value
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/recipients/${recordId}/reveal`)),
      page.getByRole('button', { name: '修改联系电话' }).click(),
    ]);
    expect(revealed.status()).toBe(200);
    const phoneField = page.getByLabel('联系电话', { exact: true });
    await expect(phoneField.inputValue()).resolves.toBe('13957212345');
    expect(revealCalls.map((b) => JSON.parse(b) as unknown)).toEqual([{ field: 'phone' }]);
    expect(await reveals()).toEqual([...revealsBefore, '联系电话']);
    await maskedId.waitFor();
    // the local draft never holds the revealed phone, only a phone the user typed
    await expect.poll(async () => Object.keys((await draftValues(page)) ?? {}).length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await draftValues(page)).not.toHaveProperty('phone');
    expect(JSON.stringify(await drafts(page))).not.toContain('13957212345');
    await phoneField.fill('13957219999');
    await expect.poll(async () => (await draftValues(page))?.phone, { timeout: 15_000 }).toBe('13957219999');
    expect(JSON.stringify(await drafts(page))).not.toContain('13957212345');
    await still(page);
    await shot(page, 'desktop-recipient-edit-phone-open.png', true);
    const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/recipients/${recordId}`)), button(page, '保存').click()]);
    expect(saved.status()).toBe(200);
    // the save sent the changed phone and no other sensitive field
    const sent = JSON.parse(saved.request().postData() ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({ phone: '13957219999', name: '岳振国' });
    for (const f of ['idNumber', 'bankAccount', 'disabilityCert', 'medicalDetails']) expect(sent).not.toHaveProperty(f);
    await page.waitForURL(recordUrl);
    await page.locator('.history-timeline').getByText('联系电话').waitFor();
    const after = await storedRow();
    expect(server.app.ctx.crypto.decrypt(after.phone_enc!)).toBe('13957219999');
    expect(after.id_number_hash).toBe(before.id_number_hash);
    expect(after.birth_date).toBe(before.birth_date);
    expect(await reveals()).toEqual([...revealsBefore, '联系电话']);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 400_000);

  it('an ID number registered in another village offers a transfer request, without showing the record', async () => {
    const { context, page } = await phone();
    // 孙振华 is registered in the first village
    const first17 = '330523' + '19790315' + '391';
    const idNumber = first17 + idCheckCharacter(first17);
    await signIn(page, 'village');
    const status = await page.evaluate(async (id) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )rj_csrf=([^;]+)/)?.[1] ?? '');
      const me = (await (await fetch('/api/me')).json()) as { orgUnit: { id: string } };
      const res = await fetch('/api/recipients', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ kind: 'veteran', orgUnitId: me.orgUnit.id, name: '孙振华', idNumber: id, recipientGroup: 'dischargedSoldier' }),
      });
      return res.status;
    }, idNumber);
    expect(status).toBe(200);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // the second village types the same number
    await signIn(page, 'village2', '/recipients/new');
    await page.getByLabel('公民身份号码', { exact: true }).fill(idNumber);
    await page.getByLabel('公民身份号码', { exact: true }).blur();
    const notice = page.locator('.form-alert', { hasText: '已在其他单位登记' });
    await notice.waitFor();
    // the other unit's record is not shown: no name, no link
    await expect(notice.innerText()).resolves.not.toContain('孙振华');
    await expect(notice.getByRole('link').count()).resolves.toBe(0);
    await notice.scrollIntoViewIfNeeded();
    await shot(page, 'phone-recipient-form-elsewhere.png');
    await notice.getByRole('button', { name: '申请迁入' }).click();
    const modal = page.locator('.ant-modal', { hasText: '申请迁入' });
    await modal.getByLabel('迁入原因', { exact: true }).fill('随子女迁居本村');
    await modal.getByRole('button', { name: '发出申请' }).click();
    await page.waitForURL(/\/cases\/[A-Za-z0-9_-]+$/);
    await page.getByRole('heading', { name: /迁入申请/ }).waitFor();
    await page.getByText('随子女迁居本村').first().waitFor();
    await shot(page, 'phone-transfer-case.png', true);
    await noHorizontalScroll(page);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('restores the local draft after a reload, and discards it on request', async () => {
    const { context, page } = await phone();
    await signIn(page, 'village2', '/recipients/new');
    await page.getByLabel('姓名', { exact: true }).fill('司马草稿');
    await page.getByLabel('公民身份号码', { exact: true }).fill('3305231990');
    await expect.poll(async () => (await draftValues(page))?.idNumber, { timeout: 15_000 }).toBe('3305231990');

    await page.reload();
    await page.getByText('已恢复本地草稿').waitFor();
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe('司马草稿');
    await expect(page.getByLabel('公民身份号码', { exact: true }).inputValue()).resolves.toBe('3305231990');

    // one draft, kept under this user and 'new'
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rj:draft:')));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/:new$/);
    // kept encrypted with the user's draft key: neither the name nor the ID number is readable
    const stored = await page.evaluate((k) => localStorage.getItem(k) ?? '', keys[0]!);
    expect(stored).toContain('"sealed":"e1:');
    expect(stored).not.toContain('司马草稿');
    expect(stored).not.toContain('3305231990');

    await button(page, '丢弃').click();
    await expect(page.getByLabel('姓名', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByText('已恢复本地草稿').count()).resolves.toBe(0);
    await page.reload();
    await page.getByLabel('姓名', { exact: true }).waitFor();
    await expect(page.getByText('已恢复本地草稿').count()).resolves.toBe(0);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('lets the sys admin see the holiday years and load one', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);
    await page.goto(`${server.url}/login`);
    await signInAdmin(page, 'admin', server.password);
    await page.getByRole('menuitem', { name: /节假日安排/ }).click();
    await page.waitForURL(/\/holiday-years$/);
    await page.locator('.year-tags .ant-tag').first().waitFor();
    await page.getByLabel('年份', { exact: true }).fill('2099');
    await page.getByLabel(/^放假日期/).fill('2099-01-01~2099-01-03\n2099-10-01~2099-10-07');
    await page.getByLabel(/^调休上班日期/).fill('2099-09-26');
    await page.getByText('放假日期（10 天）').waitFor();
    await page.getByRole('button', { name: /载入 2099 年安排/ }).click();
    await page.getByText(/已载入 2099 年节假日安排/).first().waitFor();
    await page.locator('.year-tags .ant-tag', { hasText: /^2099$/ }).waitFor();
    await shot(page, 'desktop-holiday-years.png', true);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
