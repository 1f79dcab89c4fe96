// Browser test of 一人一策 on the real server with the demo county: a village worker on a phone opens
// a person's page, draws up a support plan from it (the person given, never typed), adds a second
// measure, marks one done, and closes the plan with its outcome; the person's page lists it. The
// list, the plan and the form are looked at on a phone (375 px) and a desktop (1280 px);
// screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('support plans in the browser', () => {
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

  it('a village worker draws up a plan from the person’s page, adds measures, marks one done and closes it', async () => {
    // a registered, living person of the village worker's village
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-support-plans');
    await panel.getByText('尚无一人一策帮扶计划').waitFor();
    await panel.getByRole('button', { name: /制定帮扶计划/ }).click();
    await v.page.waitForURL(/\/support-plans\/new\?/);
    // the person is given by the page, never typed
    await v.page.locator('.plan-form .ant-select-content, .plan-form .ant-select-selection-item').filter({ hasText: person!.name }).first().waitFor();
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '大病医疗' }).click();
    await v.page.getByLabel('困难情况').fill('本人患尿毒症，每周透析三次，配偶无固定收入，家庭入不敷出');
    await v.page.getByLabel('帮扶目标').fill('医疗费用有保障，家庭基本生活稳定');
    await v.page.getByLabel('措施1内容').fill('协助申请大病医疗救助');
    await v.page.getByRole('button', { name: /添加措施/ }).click();
    await v.page.getByLabel('措施2内容').fill('每月上门探望一次，了解透析和生活情况');
    await shot(v.page, 'phone-support-plan-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /保存计划/ }).click();
    await v.page.waitForURL(/\/support-plans\/[0-9a-z]{20}$/);
    await v.page.getByText('帮扶措施（已完成 0/2）').waitFor();
    await v.page.locator('.plan-measure-card', { hasText: '每月上门探望一次，了解透析和生活情况' }).waitFor();

    // one measure done, with its day (today) and a note
    await v.page.getByRole('button', { name: '登记落实：协助申请大病医疗救助' }).click();
    const dialog = v.page.locator('.ant-modal:visible');
    await dialog.getByLabel('落实情况说明').fill('已提交县医保局，救助金 8000 元到账');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText('帮扶措施（已完成 1/2）').waitFor();
    await v.page.locator('.plan-measures .ant-tag', { hasText: '已完成' }).waitFor();
    await v.page.getByText('已提交县医保局，救助金 8000 元到账').first().waitFor();
    await shot(v.page, 'phone-support-plan-detail');
    await noSideways(v.page);

    // closure with the outcome: read-only afterwards
    await v.page.getByRole('button', { name: /结\s*案\s*$/ }).first().click();
    const closing = v.page.locator('.ant-modal:visible');
    await closing.getByLabel('帮扶成效').fill('医疗救助到位，家庭生活恢复稳定');
    await closing.getByRole('button', { name: /确认结案/ }).click();
    await v.page.getByText(/结案（.*）：医疗救助到位，家庭生活恢复稳定/).waitFor();
    await expect(v.page.getByRole('button', { name: /增加措施/ }).count()).resolves.toBe(0);
    await expect(v.page.getByRole('button', { name: /登记落实/ }).count()).resolves.toBe(0);
    const planUrl = v.page.url();

    // the person's page lists it, closed
    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    await panel.getByText('已结案').waitFor();
    await panel.getByText(/措施 1\/2/).waitFor();

    // the list on the phone
    await v.page.goto(`${server.url}/support-plans`);
    await v.page.getByText(person!.name).first().waitFor();
    await shot(v.page, 'phone-support-plans-list');
    await noSideways(v.page);
    await v.context.close();

    // the desktop: list, plan page, and the print layout of the plan
    const d = await open('desktop');
    await signIn(d.page, 'township', `/support-plans`);
    await d.page.getByText(person!.name).first().waitFor();
    await shot(d.page, 'desktop-support-plans-list');
    await d.page.goto(planUrl);
    await d.page.getByText('帮扶措施（已完成 1/2）').waitFor();
    await shot(d.page, 'desktop-support-plan-detail');
    await d.page.emulateMedia({ media: 'print' });
    await d.page.getByText('“一人一策”帮扶计划表').waitFor();
    await shot(d.page, 'print-support-plan');
    await d.page.emulateMedia({ media: 'screen' });
    await d.page.goto(`${server.url}/support-plans/new`);
    await d.page.getByLabel('困难情况').waitFor();
    await shot(d.page, 'desktop-support-plan-form');
    await d.context.close();

    expect(pageErrors).toEqual([]);
  }, 240_000);
});
