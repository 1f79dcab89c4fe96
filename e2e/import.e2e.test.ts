// Browser test of the Excel import on the real server with the demo county: the county worker
// downloads the template, imports a workbook with one bad row and reads the row-by-row report
// (nothing imported), fixes the file and imports it, then finds the records in the list by two
// characters of a name and exports the list as the registry ledger. Screenshots go to
// test-results/ for a human look. Every step waits for a condition (a locator, a response, a
// count reached), never for a fixed time, and no check reads the page once while it may still change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { ledgerWorkbook, veteranRow } from '../src/server/modules/imports/imports-test-support';
import { button, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, shot, signIn as signInWith, openBrowserWorld, type TestServer } from './browser';

let server: TestServer;

const id = (first17: string) => first17 + idCheckCharacter(first17);
const GOOD = [id('33052319790415031'), id('33052319820620053'), id('33052319660101071')];
const BAD = GOOD[1].slice(0, 17) + (GOOD[1][17] === '5' ? '6' : '5');

const signIn = (page: Page, username: string) => signInWith(page, server, username);
const noHorizontalScroll = (page: Page) => expectNoSidewaysScroll(page);

describe.skipIf(!hasChromium)('Excel import in the browser', () => {
  let browser: Browser;
  let dir: string;
  const { errors: pageErrors, watch } = errorWatcher();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-import-e2e-'));
    ({ server, browser } = await openBrowserWorld());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a workbook after its one bad row is fixed, then lists and exports the records', async () => {
    const { context, page } = await newPage(browser, 'desktop', watch);

    await signIn(page, 'county');
    await page.getByRole('menuitem', { name: /Excel 导入/ }).click();
    await page.waitForURL(/\/imports$/);
    await page.getByText('第一步：下载模板，按模板填写').waitFor();

    // the template downloads
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载导入模板/ }).click()]);
    expect(template.suggestedFilename()).toBe('退役军人信息台账导入模板.xlsx');
    await shot(page, 'import-page.png');

    const rows = (bad: boolean) => [
      veteranRow('范卫国', GOOD[0], { '所属乡镇(街道)': '孝丰镇', '所属村(社区)': '三眼井社区', 网格: '第一网格' }),
      veteranRow('范建军', bad ? BAD : GOOD[1], { '所属村(社区)': '330523105004', 优抚类别: '参战退役人员' }),
      veteranRow('范秀兰', GOOD[2], { 单位代码: '330523105003', 人员类别: '现役军人家属', 入伍时间: null, 退役时间: null, 退役方式: null }),
    ];
    const badFile = path.join(dir, '台账（有错误）.xlsx');
    const goodFile = path.join(dir, '台账（已改正）.xlsx');
    fs.writeFileSync(badFile, await ledgerWorkbook(rows(true)));
    fs.writeFileSync(goodFile, await ledgerWorkbook(rows(false)));

    // a file with one bad row: the report names it, nothing is imported
    await page.locator('.imports-page input[type=file]').setInputFiles(badFile);
    await page.getByText('台账（有错误）.xlsx').waitFor();
    await page.getByRole('button', { name: /开始导入/ }).click();
    await page.getByText('没有导入任何记录').waitFor();
    const report = page.locator('.imports-errors .ant-table-row');
    await expect.poll(() => report.count()).toBe(1);
    await expect(report.first().innerText()).resolves.toMatch(/第 5 行\s+公民身份号码\s+公民身份号码校验位不正确/);
    await shot(page, 'import-report.png', true);

    // fixed: imported, 已入库 for the county
    await page.locator('.imports-page input[type=file]').setInputFiles(goodFile);
    await page.getByText('台账（已改正）.xlsx').waitFor();
    await page.getByText('没有导入任何记录').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /开始导入/ }).click();
    await page.getByText('成功导入 3 条记录').waitFor();
    await page.getByText('记录已入库。').waitFor();
    await shot(page, 'import-done.png', true);

    // the records in the list, found by two characters of a name
    await page.getByRole('button', { name: '查看服务对象' }).click();
    await page.waitForURL(/\/recipients$/);
    const nameSearch = page.getByRole('searchbox', { name: '姓名' });
    await nameSearch.fill('卫国');
    await nameSearch.press('Enter');
    await page.waitForURL(/q=/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.record-table .ant-table-row')];
      return rows.length === 1 && rows[0].textContent?.includes('范卫国');
    });
    const row = page.locator('.record-table .ant-table-row', { hasText: '范卫国' });
    await expect(row.innerText()).resolves.toContain('已入库');
    await expect(row.innerText()).resolves.toContain('第一网格');
    await shot(page, 'import-recipients-list.png');

    // the list's filter exported as the ledger
    await nameSearch.fill('范');
    await nameSearch.press('Enter');
    await page.waitForURL(/q=%E8%8C%83/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.record-table .ant-table-row')];
      return rows.length === 3 && rows.every((r) => r.textContent?.includes('范'));
    });
    // 导出台账 opens the export dialog; 脱敏导出 is its default
    await page.getByRole('button', { name: /导出台账/ }).click();
    const exportDialog = page.locator('.ant-modal', { hasText: '导出方式' });
    await exportDialog.waitFor();
    const [ledger] = await Promise.all([page.waitForEvent('download'), button(page, '导出').click()]);
    expect(ledger.suggestedFilename()).toMatch(/^安吉县退役军人信息台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByText(/已导出/).waitFor();

    // the page at phone width does not scroll sideways
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.url}/imports`);
    await page.getByText('第二步：选择填好的文件，开始导入').waitFor();
    await noHorizontalScroll(page);
    await shot(page, 'import-page-phone.png', true);

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
