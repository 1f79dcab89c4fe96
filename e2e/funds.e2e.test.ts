// Browser test of 资金与发放 on the real server with the demo county: the county reviewer creates a
// care fund, records its income, builds a payment batch from two approved payables (registered on
// the server as assistance's event will), confirms it, exports the bank file, records the bank's
// results (the transfer file through the export dialog), and sees the fund's balance fall by what was
// paid; a third payee's account is revealed (audited) and paid in cash with a reason and the receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { addPayable } from '../src/server/modules/funds/funds-test-support';
import { button, errorWatcher, hasChromium, expectNoSidewaysScroll, newPage, openBrowserWorld, openMenu, shot, signIn, type TestServer } from './browser';

describe.skipIf(!hasChromium)('funds in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const watcher = errorWatcher();

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county builds a batch from payables, exports it, records the results and sees the balance fall', async () => {
    const sys = systemDb(server.app.ctx.db);
    const found = await sys.selectFrom('recipients').select(['id', 'name', 'org_unit_id']).where('status', '=', 'registered').where('merged_into', 'is', null).where('bank_account_enc', 'is not', null).limit(3).execute();
    expect(found.length).toBe(3);
    for (const [n, p] of found.entries()) await addPayable(server.app, { recipientId: p.id, orgUnit: p.org_unit_id, amountFen: (n + 1) * 100_00, form: 'money' });
    const people = found.slice(0, 2);
    const cashPayee = found[2];

    const { page } = await newPage(browser, 'desktop', watcher.watch);
    await signIn(page, server, 'county');
    await openMenu(page, '资金与发放');
    await button(page, '新增资金来源').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('资金名称').fill('县退役军人关爱基金');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('link', { name: '县退役军人关爱基金' }).click();
    await page.getByLabel('金额（元）').fill('1000');
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.locator('.ant-descriptions', { hasText: '1000.00 元' }).first().waitFor();
    await shot(page, 'desktop-fund-detail.png', true);

    await page.goto(`${server.url}/funds/payables`);
    await page.getByLabel('发放资金').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '县退役军人关爱基金' }).click();
    for (const p of people) await page.locator('tr', { hasText: p.name }).locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: /生成发放批次（2 笔）/ }).click();
    await page.waitForURL(/\/funds\/batches\/[0-9a-z]{20}$/);
    await button(page, '确认批次').click();
    await button(page, '导出代发文件').click();
    // the bank's file through the export dialog: masked by default, 明文导出 offered to this reviewer
    await page.getByRole('button', { name: /下载代发文件/ }).click();
    const exportDialog = page.locator('.ant-modal:visible');
    await exportDialog.getByText('明文导出（含敏感信息）').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: /导\s*出/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/银行代发.*\.xlsx$/);
    // the second payee's transfer failed at the bank
    await page.getByLabel(`${people[1].name}的结果`).getByText('失败').click();
    await page.getByLabel(`${people[1].name}的银行回复`).fill('户名与账号不符');
    await shot(page, 'desktop-batch-results.png', true);
    await button(page, '提交结果').click();
    await page.getByText('已登记结果').first().waitFor();
    await page.locator('.ant-descriptions', { hasText: '1 笔' }).first().waitFor();

    // the third payee: the account revealed (audited), then paid in cash with a reason and the signed receipt
    await page.goto(`${server.url}/funds/payables`);
    const row = page.locator('tr', { hasText: cashPayee.name });
    await row.getByRole('button', { name: '显示银行账号' }).click();
    await row.getByTestId('revealed-bankAccount').waitFor();
    await row.getByRole('button', { name: '单笔发放' }).click();
    const pay = page.locator('.ant-modal:visible');
    await pay.getByLabel('单笔发放资金').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '县退役军人关爱基金' }).click();
    await pay.getByText('现金', { exact: true }).click();
    await pay.getByRole('button', { name: /发\s*放/ }).click();
    await pay.getByText('现金发放须说明原因（默认银行转账）').waitFor();
    await pay.getByLabel('现金发放原因').fill('本人银行卡挂失，村委会当面发放');
    await pay.getByTestId('receipt-input').setInputFiles({ name: '签收单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await pay.getByTestId('receipt-name').waitFor();
    await shot(page, 'desktop-cash-payment.png');
    await pay.getByRole('button', { name: /发\s*放/ }).click();
    await page.getByText(`已发放：${cashPayee.name}`).waitFor();
    const audits = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', (await sys.selectFrom('payables').select('id').where('recipient_id', '=', cashPayee.id).executeTakeFirstOrThrow()).id).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['fund.account-reveal']));

    await page.goto(`${server.url}/funds`);
    await page.locator('tr', { hasText: '县退役军人关爱基金' }).getByText('600.00 元').waitFor();
    await shot(page, 'desktop-funds-list.png', true);

    // on a phone: the fund list and the fund's page, without sideways scrolling of the page
    const phone = await newPage(browser, 'phone', watcher.watch);
    await signIn(phone.page, server, 'county', `/funds`);
    await phone.page.getByRole('link', { name: '县退役军人关爱基金' }).click();
    await phone.page.locator('.ant-descriptions', { hasText: '600.00 元' }).first().waitFor();
    await shot(phone.page, 'phone-fund-detail.png', true);
    await expectNoSidewaysScroll(phone.page);
    expect(watcher.errors).toEqual([]);
  }, 180_000);
});
