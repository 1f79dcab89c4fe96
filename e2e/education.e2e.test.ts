// Browser test of 教育管理 on the real server with the demo county: a village worker on a desktop
// (1280 px) creates a learning activity 学习教育活动 at the martyrs' cemetery, invites a veteran of the
// village found by name, marks the attendance; on a phone (375 px) the person's page lists the
// activity as attended, and the exemplar pool opens without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, signIn as signInTo, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('education in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a village worker runs an activity: create, invite, mark attendance, seen on the person’s page', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path) && r.name.length >= 2);
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    const d = await open('desktop');
    await signInTo(d.page, server, 'village', '/education/activities');
    await d.page.getByRole('button', { name: /新增活动/ }).click();
    const modal = d.page.locator('.ant-modal:visible');
    await modal.getByLabel('活动主题').fill('“八一”建军节烈士陵园祭扫');
    await modal.getByLabel('活动地点').fill('安吉县革命烈士陵园');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await d.page.waitForURL(/\/education\/activities\/[0-9a-z]{20}$/);
    await d.page.getByTestId('activity-facts').getByText('烈士陵园', { exact: true }).waitFor();

    // invite the person, found by name among the village's people
    const pick = d.page.getByLabel('邀请对象');
    await pick.click();
    await pick.fill(person!.name);
    await d.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person!.name }).first().click();
    await d.page.keyboard.press('Escape');
    await d.page.getByRole('button', { name: /邀请参加/ }).click();
    const row = d.page.getByTestId('activity-attendee').filter({ hasText: person!.name });
    await row.getByText('未登记').waitFor();
    await row.getByText('参加', { exact: true }).click();
    await d.page.getByRole('button', { name: /保存出勤/ }).click();
    await row.getByText('已参加').waitFor();
    await d.page.getByTestId('activity-counts').getByText('1 / 1').waitFor();
    await shot(d.page, 'desktop-education-activity');
    await d.context.close();

    const v = await open('phone');
    await signInTo(v.page, server, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-education');
    await panel.getByTestId('recipient-activity').filter({ hasText: '“八一”建军节烈士陵园祭扫' }).getByText('已参加').waitFor();
    await shot(v.page, 'phone-education-recipient');
    await noSideways(v.page);
    await v.page.goto(`${server.url}/education`);
    await v.page.getByText('优秀退役军人典型').first().waitFor();
    await shot(v.page, 'phone-education-exemplars');
    await noSideways(v.page);
    await v.context.close();
    expect(pageErrors).toEqual([]);
  });
});
