// Browser test of 荣誉表彰 on the real server with the demo county: the county starts a star-rating
// campaign 评星级 on a desktop (1280 px) with its criteria; a village worker nominates a veteran of the
// village on a phone (375 px); the county approves, publishes and records the person's consent 本人同意;
// then anyone on a phone finds the person on the village's public honor wall 光荣墙, reached from the
// unit's public page, with no sideways scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('honors in the browser', () => {
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

  it('a county runs a star-rating campaign and the honor wall shows the consented result on a phone', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    // the county sets the criteria
    const d = await open('desktop');
    await signIn(d.page, 'county', `/honors`);
    await d.page.getByRole('button', { name: /发起评星级/ }).click();
    const dlg = d.page.locator('.ant-modal:visible');
    await dlg.getByLabel('活动名称', { exact: true }).fill('2026年度星级退役军人评选');
    await dlg.getByLabel('评选标准', { exact: true }).fill('爱党爱国、遵纪守法、热心公益、带头致富');
    await dlg.getByRole('button', { name: /发起活动/ }).click();
    await d.page.waitForURL(/\/honors\/campaigns\/[0-9a-z]{20}$/);
    const campaignUrl = d.page.url();
    await d.page.getByTestId('campaign-facts').getByText('推荐评审中').waitFor();
    await shot(d.page, 'desktop-honors-campaign');

    // a village station nominates on a phone
    const v = await open('phone');
    await signIn(v.page, 'village');
    await v.page.goto(campaignUrl);
    await v.page.getByLabel('被推荐人', { exact: true }).click();
    await v.page.getByLabel('被推荐人', { exact: true }).fill(person!.name);
    await v.page.locator('.ant-select-item-option', { hasText: person!.name }).first().click();
    await v.page.getByLabel('推荐理由', { exact: true }).fill('义务巡河十年，带领村民护水');
    await v.page.getByRole('button', { name: /提交推荐/ }).click();
    await v.page.getByTestId(`nomination-${person!.name}`).getByText('待评审').waitFor();
    await shot(v.page, 'phone-honors-nominate');
    await noSideways(v.page);
    await v.context.close();

    // the county approves, publishes, and records the consent
    await d.page.reload();
    const row = d.page.getByTestId(`nomination-${person!.name}`);
    await row.getByRole('button', { name: /评审通过/ }).click();
    await row.getByText('已通过').waitFor();
    await d.page.getByRole('button', { name: /公布结果/ }).click();
    await d.page.locator('.ant-modal-confirm').getByRole('button', { name: /公\s*布/ }).click();
    await d.page.getByTestId('campaign-facts').getByText('已公布').waitFor();
    await row.getByRole('link', { name: '光荣墙本人同意' }).click();
    await d.page.getByTestId('consent-state').getByText('未记录同意（不展示）').waitFor();
    await d.page.getByLabel('展示事迹（简介）', { exact: true }).fill('义务巡河十年，带领村民护水');
    await d.page.getByRole('button', { name: /保存同意记录/ }).click();
    await d.page.getByTestId('consent-state').getByText('已同意（展示中）').waitFor();
    await shot(d.page, 'desktop-honors-consent');
    await d.context.close();

    // anyone on a phone: the unit's public page → its honor wall
    const p = await open('phone');
    await p.page.goto(`${server.url}/public/units/${unit.id}`);
    await p.page.getByTestId('unit-honor-wall-link').click();
    const entry = p.page.getByTestId('honor-wall-entry').filter({ hasText: person!.name });
    await entry.getByText('五星退役军人').waitFor();
    await entry.getByText('义务巡河十年，带领村民护水').waitFor();
    await shot(p.page, 'phone-honor-wall');
    await noSideways(p.page);
    await p.context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
