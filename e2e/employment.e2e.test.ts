// Browser test of 就业创业 on the real server with the demo county: the county has an opening for a
// forklift driver; a village worker, on a phone, opens a veteran's employment profile (from the
// person's page), confirms it with the 叉车证 skill and a job-seeking intention, sees the opening
// matched with its reasons, recommends the person, and records the hire — the person's status
// becomes 在岗就业. Then the veteran, on their phone with their public account, sees a second opening
// matched for them (仓库管理员), says 我有意向; the village worker finds it in the work queue and
// recommends it from the opening's page in one click. The profiles list and the figures are looked
// at on a desktop (1280 px); screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { skillMask } from '../src/shared/rules/job-matching';
import { Agent } from '../test/helpers/app';
import { registerPublic } from '../src/server/modules/appointments/appointments-test-support';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('employment in the browser', () => {
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

  it('a village worker confirms a profile, recommends the matched opening and records the hire', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const county = await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', '330523').executeTakeFirstOrThrow();
    const person = (await sys.selectFrom('recipients').select(['id', 'name', 'org_path', 'kind']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).orderBy('kind', 'desc').execute()).find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();
    // the profile is a veteran's (the demo may have put a family member there)
    if (person!.kind !== 'veteran') await sys.updateTable('recipients').set({ kind: 'veteran' }).where('id', '=', person!.id).execute();
    const at = new Date().toISOString();
    const year = at.slice(0, 4);
    await sys.insertInto('employers').values({ id: 'e2eemployer0001', org_unit_id: county.id, org_path: county.path, name: '安吉现代物流有限公司', kind: 'enterprise', credit_code: '', veteran_founded: 1, address: '', contact_name: '周经理', contact_phone_enc: null, contact_phone_masked: '', note: '', version: 1, created_by: 'e2e', created_at: at, updated_at: at }).execute();
    await sys
      .insertInto('job_openings')
      .values({ id: 'e2eopening00001', org_unit_id: county.id, org_path: county.path, employer_id: 'e2eemployer0001', position: '叉车司机', skills_mask: skillMask(['forklift']), industry: 'transport', place_unit_id: county.id, place_path: county.path, work_time: 'full', pay_min: 4500, pay_max: 6500, headcount: 2, valid_from: `${year}-01-01`, valid_to: `${year}-12-31`, veterans_preferred: 1, description: '', version: 1, created_by: 'e2e', created_at: at, updated_at: at })
      .execute();
    await sys
      .insertInto('job_openings')
      .values({ id: 'e2eopening00002', org_unit_id: county.id, org_path: county.path, employer_id: 'e2eemployer0001', position: '仓库管理员', skills_mask: skillMask(['logistics']), industry: 'transport', place_unit_id: county.id, place_path: county.path, work_time: 'full', pay_min: 4000, pay_max: 5000, headcount: 1, valid_from: `${year}-01-01`, valid_to: `${year}-12-31`, veterans_preferred: 1, description: '', version: 1, created_by: 'e2e', created_at: at, updated_at: at })
      .execute();

    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    await v.page.getByTestId('recipient-employment').getByRole('link', { name: '就业信息与岗位匹配' }).click();
    await v.page.waitForURL(/\/employment\/profiles\//);
    await v.page.getByText(/尚未核实|已到复核时间/).waitFor();
    await v.page.getByLabel('就业状况').click();
    await v.page.locator('.ant-select-item-option', { hasText: '未就业' }).click();
    await v.page.getByLabel('有求职意向').click();
    await v.page.getByRole('checkbox', { name: '叉车证' }).check();
    await shot(v.page, 'phone-employment-profile');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /核实并保存/ }).click();
    await v.page.getByText(/已于 .+ 核实/).waitFor();

    const matches = v.page.getByTestId('employment-seeker-matches');
    await matches.getByText('技能：叉车证 ✓', { exact: false }).waitFor();
    await matches.getByRole('button', { name: /推荐到此岗位/ }).first().click();
    const recs = v.page.getByTestId('employment-recommendations');
    await recs.getByText('已推荐').waitFor();
    await recs.getByRole('button', { name: /登记录用/ }).click();
    await recs.getByText('已录用').waitFor();
    await shot(v.page, 'phone-employment-hired');
    await noSideways(v.page);
    const after = await sys.selectFrom('recipients').select('employment_status').where('id', '=', person!.id).executeTakeFirstOrThrow();
    expect(after.employment_status).toBe('employed');

    // the veteran's public account (same ID number and mobile as the record: linked), on a phone
    const { phone } = await registerPublic(new Agent(server.app), person!.name);
    const account = await sys.selectFrom('public_accounts').select(['id_hash', 'phone_hash']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await sys.updateTable('recipients').set({ id_number_hash: account.id_hash, phone_hash: account.phone_hash }).where('id', '=', person!.id).execute();
    const p = await open('phone');
    await p.page.goto(`${server.url}/public/account/login?next=${encodeURIComponent('/public/jobs')}`);
    await p.page.getByLabel('手机号码', { exact: true }).fill(phone);
    await p.page.getByLabel('密码', { exact: true }).fill('Veteran@2026');
    await p.page.getByRole('button', { name: /登\s*录/ }).click();
    await p.page.waitForURL(/\/public\/jobs$/);
    await p.page.getByTestId('my-job').filter({ hasText: '叉车司机' }).getByText('服务站推荐：已录用').waitFor();
    await p.page.getByTestId('my-job').filter({ hasText: '仓库管理员' }).click();
    await p.page.getByTestId('job-reasons').getByText('技能：仓储物流 ✗').waitFor();
    expect(await p.page.locator('body').innerText()).not.toContain('周经理');
    await p.page.getByTestId('job-interest').click();
    await p.page.getByTestId('job-interested').waitFor();
    await noSideways(p.page);
    await shot(p.page, 'phone-employment-public-interest');

    // the village worker: the work queue lists it; one click on the opening's page recommends
    await v.page.goto(`${server.url}/work-queue`);
    await v.page.getByText(`岗位意向：${person!.name}`).first().click();
    await v.page.waitForURL(/\/employment\/openings\/e2eopening00002$/);
    const interests = v.page.getByTestId('employment-opening-interests');
    await interests.getByRole('button', { name: /推\s*荐/ }).click();
    await interests.getByText('已推荐').waitFor();
    await noSideways(v.page);
    await shot(v.page, 'phone-employment-interest-recommended');

    // the county's list on a desktop
    const c = await open('desktop');
    await signIn(c.page, 'county', `/employment?name=${encodeURIComponent(person!.name)}`);
    await c.page.getByRole('link', { name: person!.name }).first().waitFor();
    await shot(c.page, 'desktop-employment-profiles');
    await c.page.goto(`${server.url}/employment/figures`);
    await c.page.getByTestId('employment-rate-units').locator('canvas').waitFor();
    await shot(c.page, 'desktop-employment-figures');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
