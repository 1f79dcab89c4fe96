// Browser test of the semi-annual summary 半年工作总结 on the real server with the demo county: a village
// worker on a phone drafts the village's summary (the figures come from the data), writes the text
// and submits it; the township head on a desktop finds it among the children and returns it with a
// comment; the village fixes and resubmits it; the township accepts it and the village finds it
// locked; the print view shows the tables and the chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('summaries in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a summary is drafted from data, submitted, returned, fixed, accepted and locked', async () => {
    // the village drafts on a phone: the figures are there before a word is written
    const v = await open('phone');
    await signIn(v.page, 'village', '/summaries');
    const own = v.page.getByTestId('own-summary');
    await own.getByTestId('figures-recipients').getByText('在册服务对象').waitFor();
    await shot(v.page, 'phone-summaries-start');
    await noSideways(v.page);
    await own.getByRole('button', { name: /起草本单位总结/ }).click();
    await v.page.waitForURL(/\/summaries\/[0-9a-z]{20}$/);
    const summaryUrl = v.page.url();
    await v.page.getByLabel('工作开展情况', { exact: true }).fill('上半年走访慰问全覆盖，信访事项按期办结。');
    await v.page.getByLabel('下步打算', { exact: true }).fill('加强网格员培训。');
    await shot(v.page, 'phone-summary-draft');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /提交上级审核/ }).click();
    await v.page.getByTestId('summary-state').getByText(/提交.*审核，数据按提交时固定/).waitFor();

    // the township head finds it among the children and returns it
    const d = await open('desktop');
    await signIn(d.page, 'townshiphead', '/summaries');
    const children = d.page.getByTestId('summary-children');
    const row = children.locator('tr', { hasText: '已提交待审核' }).first();
    await row.waitFor();
    await shot(d.page, 'desktop-summaries-children');
    await row.getByRole('link', { name: '查看总结' }).click();
    await d.page.waitForURL(new RegExp(`/summaries/${summaryUrl.split('/summaries/')[1]}$`));
    await d.page.getByText('上半年走访慰问全覆盖，信访事项按期办结。').waitFor();
    expect(await d.page.getByLabel('工作开展情况', { exact: true }).count()).toBe(0); // read, never edited
    await shot(d.page, 'desktop-summary-review');
    await d.page.getByRole('button', { name: /退回修改/ }).click();
    const dlg = d.page.locator('.ant-modal:visible');
    await dlg.getByLabel('意见', { exact: true }).fill('请补充存在问题。');
    await dlg.getByRole('button', { name: /确\s*定/ }).click();
    await d.page.getByTestId('summary-state').getByText('上级退回修改：请补充存在问题。').waitFor();

    // the village fixes and resubmits
    await v.page.reload();
    await v.page.getByTestId('summary-state').getByText('上级退回修改：请补充存在问题。').waitFor();
    await v.page.getByLabel('存在问题', { exact: true }).fill('专干兼职较多，人手不足。');
    await v.page.getByRole('button', { name: /提交上级审核/ }).click();
    await v.page.getByTestId('summary-state').getByText(/提交.*审核，数据按提交时固定/).waitFor();

    // accepted and locked
    await d.page.reload();
    await d.page.getByRole('button', { name: /审核通过/ }).click();
    await d.page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
    await d.page.getByTestId('summary-state').getByText(/审核通过并锁定/).waitFor();
    await v.page.reload();
    await v.page.getByTestId('summary-state').getByText(/审核通过并锁定/).waitFor();
    await v.page.getByTestId('section-problems').getByText('专干兼职较多，人手不足。').waitFor();
    expect(await v.page.getByRole('button', { name: /提交上级审核/ }).count()).toBe(0);
    expect(await v.page.getByLabel('存在问题', { exact: true }).count()).toBe(0);
    await shot(v.page, 'phone-summary-locked');
    await noSideways(v.page);
    await v.context.close();

    // the print view: tables and the chart, as printed
    await d.page.getByRole('link', { name: /打印视图/ }).click();
    await d.page.getByTestId('summary-chart').locator('canvas').waitFor();
    await d.page.getByText('专干兼职较多，人手不足。').waitFor();
    await d.page.emulateMedia({ media: 'print' });
    await shot(d.page, 'desktop-summary-print');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
