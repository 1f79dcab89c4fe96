// Browser test of the veteran's online assistance application 网上申请帮扶援助: on a 375-px phone a
// veteran whose public account is linked to their registry record signs in, fills the form (ground,
// income, household, narrative) and sees the application 待受理 at their village with the next step;
// the village worker on a 1280-px desktop finds it in the work queue and takes it up 受理, after which
// the veteran's page shows 待核实. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { Agent } from '../test/helpers/app';
import { registerPublic } from '../src/server/modules/appointments/appointments-test-support';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('online assistance application in the browser', () => {
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

  it('a veteran applies on a phone; the village worker takes it up from the work queue', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path', 'u.name']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const person = (await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute()).find((r) =>
      r.org_path.startsWith(unit.path),
    );
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();
    // the person registers a public account; the record carries the same ID number and mobile (linked)
    const { phone } = await registerPublic(new Agent(server.app), person!.name);
    const account = await sys.selectFrom('public_accounts').select(['id_hash', 'phone_hash']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await sys.updateTable('recipients').set({ id_number_hash: account.id_hash, phone_hash: account.phone_hash }).where('id', '=', person!.id).execute();

    // the veteran on a phone: sign in → the form
    const p = await open('phone');
    await p.page.goto(`${server.url}/public/account/login?next=${encodeURIComponent('/public/assistance/new')}`);
    await p.page.getByLabel('手机号码', { exact: true }).fill(phone);
    await p.page.getByLabel('密码', { exact: true }).fill('Veteran@2026');
    await p.page.getByRole('button', { name: /登\s*录/ }).click();
    await p.page.waitForURL(/\/public\/assistance\/new$/);
    await p.page.locator('.ant-radio-wrapper', { hasText: '发生重大家庭变故' }).click();
    await p.page.getByLabel('家庭月收入（元）').fill('1200');
    await p.page.getByLabel('家庭人口（人）').fill('3');
    await p.page.getByLabel('困难情况').fill('妻子患病每周透析，孩子读高中，家中仅靠打零工维持');
    await noSideways(p.page);
    await shot(p.page, 'phone-assistance-online-form');
    await p.page.getByTestId('aid-apply-submit').click();
    await p.page.waitForURL(/\/public\/assistance\/[^/]+$/);
    await p.page.getByText('待受理').first().waitFor();
    expect(await p.page.getByTestId('aid-next-step').innerText()).toContain(`等待${unit.name}受理`);
    const id = p.page.url().split('/').pop()!;
    await noSideways(p.page);
    await shot(p.page, 'phone-assistance-online-submitted');

    // the village worker on a desktop: the work queue lists it; 受理
    const v = await open('desktop');
    await signIn(v.page, 'village', `/work-queue`);
    await v.page.getByText(`帮扶援助（网上申请）：${person!.name}`).first().waitFor();
    await shot(v.page, 'desktop-assistance-online-work-queue');
    await v.page.goto(`${server.url}/assistance/${id}`);
    await v.page.getByText('服务对象本人网上申请').first().waitFor();
    await shot(v.page, 'desktop-assistance-online-detail');
    await v.page.getByRole('button', { name: /^受\s*理$/ }).click();
    const dialog = v.page.locator('.ant-modal:visible');
    await dialog.getByLabel('受理说明').fill('已电话联系申请人，约定入户核实');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await v.page.locator('.ant-tag', { hasText: '待核实' }).first().waitFor();
    await shot(v.page, 'desktop-assistance-online-taken-up');

    // the veteran's page follows
    await p.page.reload();
    await p.page.locator('.ant-tag', { hasText: '待核实' }).first().waitFor();
    expect(await p.page.locator('body').innerText()).not.toContain('已电话联系申请人');
    await shot(p.page, 'phone-assistance-online-verifying');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
