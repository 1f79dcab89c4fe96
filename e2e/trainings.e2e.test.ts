// Browser test of 招聘会与培训 on the real server with the demo county: a village worker on a phone
// registers an adaptive training 适应性培训 starting today, enrols a veteran of the village by name,
// and records the person's attendance and completion with the certificate; the person is then
// 已结业 in the training. The phone pages are 375 px wide with no sideways scroll; the township looks
// at this year’s discharged on a desktop (1280 px).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe.skipIf(!hasChromium)('trainings in the browser', () => {
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

  it('a village worker creates a training, enrols a veteran and marks the completion', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path', 'u.key_path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('kind', '=', 'veteran').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    // a veteran of the village worker's village (the demo spreads 200 people over the county: one is placed there)
    let person = people.find((r) => r.org_path.startsWith(unit.path));
    if (!person) {
      person = people[0];
      await sys.updateTable('recipients').set({ org_unit_id: unit.id, org_path: unit.path }).where('id', '=', person.id).execute();
      await sys.updateTable('recipient_name_tokens').set({ unit_key: unit.key_path }).where('recipient_id', '=', person.id).execute();
    }
    const today = shanghaiToday();

    const v = await open('phone');
    await signIn(v.page, 'village', `/trainings`);
    await v.page.getByRole('button', { name: /登记培训/ }).click();
    await v.page.getByLabel('培训名称').fill('退役军人适应性培训班');
    await v.page.getByLabel('承办机构').fill('县职业技术学校');
    await v.page.getByLabel('名额').fill('20');
    await shot(v.page, 'phone-training-form');
    await noSideways(v.page);
    // a typed day is taken with Enter; Enter on the last field sends the form
    for (const label of ['开始日期', '结束日期']) {
      await v.page.getByLabel(label).fill(today);
      await v.page.getByLabel(label).press('Enter');
    }
    await v.page.waitForURL(/\/trainings\/courses\/[0-9a-z]{20}$/);
    await v.page.getByText('进行中').first().waitFor();

    await v.page.getByLabel('选择人员').fill(person!.name);
    await v.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person!.name }).first().click();
    await v.page.keyboard.press('Escape');
    await v.page.getByRole('button', { name: /^报\s*名$/ }).click();
    await v.page.getByText('未结业').waitFor();

    await v.page.getByRole('button', { name: `登记结业 ${person!.name}` }).click();
    const dialog = v.page.locator('.ant-modal:visible');
    await dialog.getByLabel('出勤课次').fill('5');
    await dialog.getByLabel('证书名称').fill('适应性培训结业证书');
    await dialog.getByLabel('证书编号').fill('SYX-2026-001');
    await dialog.getByLabel('结业日期').fill(today);
    await dialog.getByLabel('结业日期').press('Enter'); // takes the typed day
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText(`已结业 ${today}`).waitFor();
    await shot(v.page, 'phone-training-page');
    await noSideways(v.page);
    await v.context.close();

    const d = await open('desktop');
    await signIn(d.page, 'township', `/trainings/coverage`);
    await d.page.getByTestId('training-figures').waitFor();
    await shot(d.page, 'desktop-training-coverage');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
