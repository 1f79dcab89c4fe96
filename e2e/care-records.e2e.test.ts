// Browser test of 关爱服务记录 on the real server with the demo county: a village worker on a phone
// opens the page from the legal-aid list, records a counselling talk 心理疏导 with a person picked by
// name, sees the notes masked and reveals them (audited); the person's page lists the record. The
// page is looked at on a phone (375 px, no sideways scroll) and a desktop (1280 px); screenshots
// go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('care records in the browser', () => {
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

  it('a village worker records a counselling talk with a person, reveals the masked notes, and the person’s page lists it', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    const v = await open('phone');
    await signIn(v.page, 'village', `/legal-aid`);
    await v.page.getByRole('button', { name: /关爱服务记录/ }).click();
    await v.page.getByRole('tab', { name: '心理疏导' }).click();
    await v.page.getByText('暂无心理疏导记录').first().waitFor();
    await v.page.getByRole('button', { name: /登记心理疏导/ }).click();
    const dlg = v.page.locator('.ant-modal:visible');
    await dlg.getByLabel('主题', { exact: true }).fill('退役后就业焦虑疏导');
    await dlg.getByLabel('服务对象', { exact: true }).click();
    await dlg.getByLabel('服务对象', { exact: true }).fill(person!.name);
    await v.page.locator('.ant-select-item-option', { hasText: person!.name }).first().click();
    await dlg.getByLabel('详情', { exact: true }).fill('失眠三个月，建议转介心理咨询师');
    await shot(v.page, 'phone-care-record-form');
    await dlg.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText('退役后就业焦虑疏导').first().waitFor();
    await expect(v.page.getByText('失眠三个月').count()).resolves.toBe(0);
    await shot(v.page, 'phone-care-records');
    await noSideways(v.page);

    const row = await sys.selectFrom('care_records').select(['id', 'details_enc']).where('title', '=', '退役后就业焦虑疏导').executeTakeFirstOrThrow();
    expect(row.details_enc).not.toContain('失眠');

    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-care-records');
    await panel.getByText('退役后就业焦虑疏导').waitFor();
    await v.context.close();

    const d = await open('desktop');
    await signIn(d.page, 'village', `/legal-aid/care-records?tab=counselling`);
    await d.page.getByRole('button', { name: /查看退役后就业焦虑疏导的详情/ }).click();
    await d.page.getByText('失眠三个月，建议转介心理咨询师').waitFor();
    const reveals = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', row.id).where('action', '=', 'care-record.reveal').execute();
    expect(reveals).toHaveLength(1);
    await shot(d.page, 'desktop-care-records');
    await d.context.close();

    expect(pageErrors).toEqual([]);
  }, 240_000);
});
