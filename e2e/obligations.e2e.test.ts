// Browser test of 工作制度: a township worker on a phone records this month's meeting of its village
// stations (the row turns 按时完成); the county, on a desktop, sees a village station that reported
// last month late on the reporting-rate page, drilling down from its township. 375 px and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { previousPeriod } from '../src/shared/rules/obligation-periods';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe.skipIf(!hasChromium)('obligations in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 20 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a township records its monthly meeting; the county sees a late village station', async () => {
    const today = shanghaiToday();
    const month = today.slice(0, 7);
    const last = previousPeriod(month);

    const p = await open('phone');
    await signIn(p.page, 'township', `/obligations/record?definitionId=obl-township-meeting&period=${month}`);
    await p.page.getByLabel('参会人员').fill('各村服务站站长 12 人');
    await p.page.getByLabel('会议议题').fill('传达上级文件，部署走访慰问');
    await p.page.getByLabel('会议纪要').fill('各村本月底前完成走访并报送台账。');
    await shot(p.page, 'phone-obligation-meeting');
    await noSideways(p.page);
    await p.page.getByRole('button', { name: /保\s*存/ }).click();
    await p.page.waitForURL(/\/obligations$/);
    const row = p.page.getByTestId('owed-table').locator('tr', { hasText: '乡镇（街道）服务站负责人会议' }).filter({ hasText: `${Number(month.slice(5))}月` });
    await expect.poll(() => row.first().textContent()).toContain('按时完成');
    await shot(p.page, 'phone-obligations-owed');
    await noSideways(p.page);

    // village 1 reported last month's petition situation after its due day
    const sys = systemDb(server.app.ctx.db);
    const v = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path', 'u.name', 'u.parent_id']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    // the demo recorded it on time (cli/demo-work.ts): this test makes it a late one
    await sys.deleteFrom('obligation_records').where('def_id', '=', 'obl-village-petition-report').where('org_unit_id', '=', v.id).where('period', '=', last).execute();
    await sys
      .insertInto('obligation_records')
      .values({ id: 'e2e-late', def_id: 'obl-village-petition-report', org_unit_id: v.id, org_path: v.path, period: last, period_end: `${last}-28`, held_on: today, due_day: `${last}-28`, recorded_on: today, on_time: 0, attendees: '', topics: '', minutes: '', course: '', trainer: '', hours: null, decisions: '', body: '上月无新增信访事项。', version: 1, recorded_by: 'e2e', recorded_by_name: '刘秀英', created_at: at, updated_at: at } as never)
      .execute();

    const c = await open('desktop');
    await signIn(c.page, 'county', `/obligations/reporting?definitionId=obl-village-petition-report&period=${last}`);
    const town = c.page.getByTestId('reporting-table').getByText('孝丰镇', { exact: true });
    await town.waitFor();
    await shot(c.page, 'desktop-obligations-reporting');
    await town.click();
    const late = c.page.getByTestId('reporting-table').locator('tr', { hasText: v.name });
    await expect.poll(() => late.textContent()).toContain('逾期');
    await expect.poll(() => c.page.getByTestId('reporting-table').textContent()).toContain('未报');
    await shot(c.page, 'desktop-obligations-drilldown');
    await noSideways(c.page);
    expect(pageErrors).toEqual([]);
  });
});
