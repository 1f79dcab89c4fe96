// Browser test of 考核评估 on the real server with the demo county: the county starts a routine
// round 日常考察 over a village station on a desktop (1280 px); the village self-assesses on a phone
// (375 px: scores, notes, evidence photos) and submits; the county fills its sheet with a problem,
// scores, publishes, and turns the problem into a rectification item 整改 with an owner and a deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { choose, hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!hasChromium)('evaluations in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 50 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const status = (page: Page, text: string) => page.getByTestId('evaluation-facts').getByText(text).waitFor();

  it('a village self-assesses, the county scores and publishes, and a rectification item is made', async () => {
    const sys = systemDb(server.app.ctx.db);
    const village = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.name']).where('username', '=', 'village').executeTakeFirstOrThrow();

    // the county starts the round
    const d = await open('desktop');
    await signIn(d.page, 'county', '/evaluations');
    await d.page.getByRole('button', { name: /发起考评/ }).click();
    const dlg = d.page.locator('.ant-modal:visible');
    await choose(d.page, '指标体系', /村（社区）服务站日常考察（默认）/);
    await dlg.getByLabel('考评名称', { exact: true }).fill('2026年村级服务站日常考察');
    await dlg.getByLabel('被考评单位', { exact: true }).click();
    await dlg.getByLabel('被考评单位', { exact: true }).fill(village.name);
    await d.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: village.name }).first().click();
    await dlg.locator('.ant-modal-title').click();
    await dlg.getByRole('button', { name: /发起考评/ }).click();
    await d.page.waitForURL(/\/evaluations\/rounds\/[0-9a-z]{20}$/);
    const unitRow = d.page.getByTestId(`round-unit-${village.name}`);
    await unitRow.getByText('自评中').waitFor();
    await shot(d.page, 'desktop-evaluation-round');
    await unitRow.getByRole('link', { name: village.name }).click();
    await d.page.waitForURL(/\/evaluations\/[0-9a-z]{20}$/);
    const evaluationUrl = d.page.url();

    // the village self-assesses on a phone, with evidence where the indicator asks for it
    const v = await open('phone');
    await signIn(v.page, 'village', new URL(evaluationUrl).pathname);
    await status(v.page, '自评中');
    const forms = v.page.locator('[data-testid^="self-"]');
    const n = await forms.count();
    expect(n).toBeGreaterThan(0);
    for (let k = 0; k < n; k++) {
      const f = forms.nth(k);
      await f.getByRole('spinbutton').fill('5');
      await f.getByRole('textbox').fill('按要求落实，资料齐全');
      await f.locator('input[type=file]').setInputFiles({ name: '佐证.png', mimeType: 'image/png', buffer: PNG });
      await f.getByText('佐证').first().waitFor();
    }
    await shot(v.page, 'phone-evaluation-self');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /提交自评/ }).click();
    await status(v.page, '待评分');
    await v.context.close();

    // the county scores (its sheet starts from the self scores), notes a problem, publishes
    await d.page.reload();
    await status(d.page, '待评分');
    await d.page.getByLabel('工作台账与档案发现问题', { exact: true }).fill('走访台账未按月归档');
    await d.page.getByRole('button', { name: /保存评分表/ }).click();
    await d.page.getByText(/李红梅：/).waitFor();
    await d.page.getByRole('button', { name: /确定评分/ }).click();
    await status(d.page, '已评分待公布');
    await d.page.getByRole('button', { name: /公布结果/ }).click();
    await status(d.page, '已公布');
    await d.page.getByTestId('item-records').getByText('走访台账未按月归档').waitFor();

    // the problem becomes a rectification item with an owner and a deadline
    await choose(d.page, '整改责任人', '刘秀英');
    await d.page.getByRole('button', { name: /下达整改/ }).click();
    await d.page.getByTestId('rectification-records').getByText('整改中').waitFor();
    await shot(d.page, 'desktop-evaluation-published');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
