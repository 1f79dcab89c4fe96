// Browser test of 党员管理 on the real server with the demo county: a village worker on a phone opens
// a party member's page, starts an organisation transfer 组织关系转接 from it (the person given,
// never typed), records the report 报到 and the receipt 接收 on the case page until it is done; the
// person's page lists it. The township looks at the transfers list, the members and the branches on
// a desktop (1280 px) and records a branch meeting 三会一课 with the member's attendance; the phone
// pages are 375 px wide with no sideways scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('party members in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));
  let person: { id: string; name: string; org_path: string } | undefined;

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld({ recipients: 200 }));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a village worker tracks a party transfer to done from the member’s page', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();
    // the registry's 政治面貌 says party member (set as an import would)
    await sys.updateTable('recipients').set({ political_status: 'cpcMember' }).where('id', '=', person!.id).execute();

    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-party');
    await panel.getByText('未编入支部').waitFor();
    await panel.getByRole('button', { name: /办理组织关系转接/ }).click();
    await v.page.waitForURL(/\/party\/transfers\/new\?/);
    await v.page.getByText(new RegExp(`${person!.name}（正式党员`)).waitFor();
    await v.page.getByLabel('转出党组织名称').fill('某部队某团党委');
    await v.page.getByLabel('转入党组织名称').fill('孝丰镇退役军人党支部');
    await v.page.getByLabel('介绍信编号').fill('组转字〔2026〕18号');
    await shot(v.page, 'phone-party-transfer-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /保存转接/ }).click();
    await v.page.waitForURL(/\/party\/transfers\/[0-9a-z]{20}$/);
    await v.page.getByTestId('party-transfer-facts').getByText('已开具介绍信（待报到）').waitFor();

    await v.page.getByRole('button', { name: /登记报到/ }).click();
    await v.page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('party-transfer-facts').getByText('已报到（待接收）').waitFor();
    await v.page.getByRole('button', { name: /登记接收/ }).click();
    await v.page.locator('.ant-modal:visible').getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText(/转接完成$/).first().waitFor();
    await shot(v.page, 'phone-party-transfer-done');
    await noSideways(v.page);
    await expect(v.page.getByRole('button', { name: /登记接收/ }).count()).resolves.toBe(0);

    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    await panel.getByText('转接完成').waitFor();
    await v.page.goto(`${server.url}/party`);
    await v.page.getByText(person!.name).first().waitFor();
    await shot(v.page, 'phone-party-transfers');
    await noSideways(v.page);
    await v.context.close();

    const d = await open('desktop');
    await signIn(d.page, 'township', `/party`);
    await d.page.getByText(person!.name).first().waitFor();
    await d.page.getByTestId('party-figures').waitFor();
    await shot(d.page, 'desktop-party-transfers');
    await d.page.goto(`${server.url}/party/members`);
    await d.page.getByText(person!.name).first().waitFor();
    await shot(d.page, 'desktop-party-members');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
  it('the township records a branch meeting with the member’s attendance and edits it', async () => {
    const sys = systemDb(server.app.ctx.db);
    expect(person, 'the member of the first test').toBeTruthy();
    const d = await open('desktop');
    await signIn(d.page, 'township');
    // the township records a 党课 of its branch with the member's attendance (branch and placement through the API)
    const township = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'township').executeTakeFirstOrThrow();
    const csrf = { 'x-csrf-token': (await d.context.cookies()).find((k) => k.name === 'rj_csrf')!.value, origin: server.url };
    const branch = await d.page.request.post(`${server.url}/api/party/branches`, { headers: csrf, data: { orgUnitId: township.org_unit_id, name: '孝丰镇退役军人党支部', kind: 'veterans' } });
    expect(branch.status(), await branch.text()).toBe(200);
    const branchId = ((await branch.json()) as { id: string }).id;
    const panelNow = (await (await d.page.request.get(`${server.url}/api/party/members/${person!.id}`)).json()) as { member: { version: number } };
    const placed = await d.page.request.put(`${server.url}/api/party/members/${person!.id}`, { headers: csrf, data: { version: panelNow.member.version, joinedOn: null, branchId } });
    expect(placed.status(), await placed.text()).toBe(200);
    await d.page.goto(`${server.url}/party/meetings/new`);
    await d.page.getByLabel('党支部').click();
    await d.page.locator('.ant-select-item-option').filter({ hasText: '孝丰镇退役军人党支部' }).first().click();
    await d.page.getByTestId('meeting-attendance').getByText(person!.name).waitFor();
    await d.page.getByLabel('会议主题').fill('学习党章');
    await d.page.getByTestId('meeting-attendance').getByText('请假').click();
    await d.page.getByLabel(`${person!.name}原因`).fill('外出务工');
    await shot(d.page, 'desktop-party-meeting-form');
    await d.page.getByRole('button', { name: /保存会议/ }).click();
    await d.page.waitForURL(/\/party\/meetings\/[0-9a-z]{20}$/);
    await d.page.getByTestId('meeting-facts').getByText('0 / 1 / 0').waitFor();
    await d.page.getByText('外出务工').waitFor();
    // 修改会议: the same form over the recorded meeting (the branch fixed, the attendance kept)
    await d.page.getByRole('button', { name: /修\s*改/ }).click();
    await d.page.waitForURL(/\/edit$/);
    await expect.poll(() => d.page.getByLabel('会议主题').inputValue()).toBe('学习党章');
    await d.page.getByLabel('会议主题').fill('学习党章和廉洁自律准则');
    await d.page.getByRole('button', { name: /保存会议/ }).click();
    await d.page.waitForURL(/\/party\/meetings\/[0-9a-z]{20}$/);
    await d.page.getByText('学习党章和廉洁自律准则').first().waitFor();
    await d.page.getByText('外出务工').waitFor();
    await d.page.goto(`${server.url}/party/meetings`);
    await d.page.getByTestId('meeting-figures').getByText('孝丰镇退役军人党支部').waitFor();
    await shot(d.page, 'desktop-party-meetings');
    // the member's page lists the attendance with the reason (and asks for an employment profile only
    // when the person can have one: a registered, living veteran)
    const profileAsks: number[] = [];
    d.page.on('response', (r) => {
      if (r.url().includes(`/api/employment/profiles/${person!.id}`)) profileAsks.push(r.status());
    });
    const facts = await sys.selectFrom('recipients').select(['kind', 'status', 'deceased']).where('id', '=', person!.id).executeTakeFirstOrThrow();
    await d.page.goto(`${server.url}/recipients/${person!.id}`);
    const attendance = d.page.getByTestId('recipient-party-meetings');
    await attendance.getByText('出席 0 次 · 缺席 0 次 · 请假 1 次').waitFor();
    await attendance.getByText('请假（外出务工）').waitFor();
    await d.page.getByTestId('recipient-party').waitFor();
    const veteran = facts.kind === 'veteran' && facts.status === 'registered' && !facts.deceased;
    if (veteran) await d.page.getByTestId('recipient-employment').waitFor();
    else await d.page.getByText('仅在册的退役军人有就业信息').waitFor();
    expect(profileAsks, 'no profile request, hence no 404 toast, for someone who cannot have a profile').toEqual(veteran ? [200] : []);
    await shot(d.page, 'desktop-party-member-attendance');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
