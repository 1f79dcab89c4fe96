// Browser test of 权益维护 on the real server with the demo county: a village worker on a phone
// opens a rights case from a person's page (the person given, never typed), verifies it 核查 and
// sends the responsible employer a supervision notice 督办通知; the township, on a desktop, issues
// a 督办 with a reply deadline; the village records the reply and closes the case 办结; the person's
// page lists it. Then the county assigns 交办 its own case to the village; the village worker opens
// the item from the work queue on a phone and replies; the county accepts 采纳 it. The pages are looked at on a phone (375 px) and a desktop (1280 px); screenshots
// go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { hasChromium, openBrowserWorld, type TestServer, pageKit, signIn as signInTo } from './browser';

describe.skipIf(!hasChromium)('rights cases in the browser', () => {
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

  it('a village worker opens and verifies a case, notifies the employer; the township supervises it; the reply is recorded and the case closed', async () => {
    const sys = systemDb(server.app.ctx.db);
    const unit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.path']).where('username', '=', 'village').executeTakeFirstOrThrow();
    const people = await sys.selectFrom('recipients').select(['id', 'name', 'org_path']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).execute();
    const person = people.find((r) => r.org_path.startsWith(unit.path));
    expect(person, 'a registered person in the village worker’s village').toBeTruthy();

    // the village worker, on a phone, from the person's page
    const v = await open('phone');
    await signIn(v.page, 'village', `/recipients/${person!.id}`);
    const panel = v.page.getByTestId('recipient-rights');
    await panel.getByText('尚无权益维护案件').waitFor();
    await panel.getByRole('button', { name: /登记权益维护案件/ }).click();
    await v.page.waitForURL(/\/rights\/new\?/);
    await v.page.locator('.rights-form .ant-select-content, .rights-form .ant-select-selection-item').filter({ hasText: person!.name }).first().waitFor();
    await v.page.getByLabel('未落实的政策或受损的权益').fill('退役士兵安置待遇');
    await v.page.locator('.ant-radio-button-wrapper', { hasText: '用人单位' }).click();
    await v.page.getByLabel('责任主体名称').fill('安吉某建材有限公司');
    await v.page.getByLabel('基本事实').fill('安置到该公司后，公司未按规定连续计算军龄工龄，年休假和工资档次因此受影响');
    await v.page.getByLabel('当事人诉求').fill('按规定连续计算军龄工龄，补发差额');
    await shot(v.page, 'phone-rights-form');
    await noSideways(v.page);
    await v.page.getByRole('button', { name: /保存案件/ }).click();
    await v.page.waitForURL(/\/rights\/[0-9a-z]{20}$/);
    await v.page.getByTestId('rights-verification').getByText('尚未核查').waitFor();
    const caseUrl = v.page.url();

    // 核查
    await v.page.getByRole('button', { name: /^核\s*查$/ }).click();
    const verify = v.page.locator('.ant-modal:visible');
    await verify.getByLabel('核查人员', { exact: true }).fill('王明、李强');
    await verify.getByLabel('核查情况', { exact: true }).fill('查阅安置档案和劳动合同，公司确未连续计算军龄');
    await verify.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-verification').getByText('情况属实，应予维护').waitFor();

    // 督办通知 to the employer, with its reply days
    await v.page.getByRole('button', { name: /发出督办通知/ }).click();
    const notice = v.page.locator('.ant-modal:visible');
    await notice.getByLabel('督办通知内容').fill('请依据安置政策连续计算军龄工龄，10 个工作日内书面回复');
    await notice.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-notices').getByText(/第 1 次/).waitFor();
    await v.page.getByText('督办中').first().waitFor();
    await shot(v.page, 'phone-rights-detail');
    await noSideways(v.page);

    // the township, on a desktop, issues a 督办 with a deadline
    const t = await open('desktop');
    await signIn(t.page, 'township');
    await t.page.goto(caseUrl);
    await t.page.getByRole('button', { name: /^督\s*办$/ }).click();
    const sup = t.page.locator('.ant-modal:visible');
    await sup.getByLabel('督办事项和要求').fill('请村里盯紧企业落实，5 个工作日内报告进展');
    await sup.getByRole('button', { name: /保\s*存/ }).click();
    const supervisions = t.page.getByTestId('rights-supervisions');
    await supervisions.getByText('待回复').waitFor();
    await supervisions.getByText(/请村里盯紧企业落实/).waitFor();
    await shot(t.page, 'desktop-rights-detail-supervised');
    await t.context.close();

    // the village records the reply, then closes the case
    await v.page.reload();
    await v.page.getByRole('button', { name: /回复督办/ }).click();
    const reply = v.page.locator('.ant-modal:visible');
    await reply.getByLabel('回复内容').fill('已约谈企业人事负责人，企业承诺本月内调整');
    await reply.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByTestId('rights-supervisions').getByText(/已回复/).waitFor();
    await v.page.getByRole('button', { name: /^办\s*结$/ }).click();
    const closing = v.page.locator('.ant-modal:visible');
    await closing.getByLabel('办理结果说明').fill('企业已连续计算军龄工龄并补发差额');
    await closing.getByRole('button', { name: /保\s*存/ }).click();
    await v.page.getByText(/办结（已解决）：企业已连续计算军龄工龄/).waitFor();
    await expect(v.page.getByRole('button', { name: /回复督办/ }).count()).resolves.toBe(0);
    await shot(v.page, 'phone-rights-closed');
    await noSideways(v.page);

    // the person's page lists it, closed
    await v.page.goto(`${server.url}/recipients/${person!.id}`);
    await panel.getByText('已办结').waitFor();
    await panel.getByText(/安吉某建材有限公司/).waitFor();

    await v.page.goto(`${server.url}/rights`);
    await v.page.getByText(person!.name).first().waitFor();
    await shot(v.page, 'phone-rights-list');
    await noSideways(v.page);
    await v.context.close();

    // the desktop: list with figures, the case page and its print layout
    const d = await open('desktop');
    await signIn(d.page, 'county', `/rights`);
    await d.page.getByText(person!.name).first().waitFor();
    await d.page.getByTestId('rights-figures').waitFor();
    await shot(d.page, 'desktop-rights-list');
    await d.page.goto(caseUrl);
    await d.page.getByTestId('rights-supervisions').getByText(/已回复/).waitFor();
    await shot(d.page, 'desktop-rights-detail');
    await d.page.emulateMedia({ media: 'print' });
    await d.page.getByText('退役军人权益维护案件办理单').waitFor();
    await shot(d.page, 'print-rights');
    await d.page.emulateMedia({ media: 'screen' });
    await d.page.goto(`${server.url}/rights/new`);
    await d.page.getByLabel('基本事实').waitFor();
    await shot(d.page, 'desktop-rights-form');
    await d.context.close();

    expect(pageErrors).toEqual([]);
  }, 300_000);
  it('the county assigns its case to the village; the village worker replies from the work queue on a phone; the county accepts the reply', async () => {
    const sys = systemDb(server.app.ctx.db);
    const units = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['username', 'u.id', 'u.path', 'u.code']).where('username', 'in', ['county', 'village']).execute();
    const county = units.find((u) => u.username === 'county')!;
    const village = units.find((u) => u.username === 'village')!;
    const person = await sys.selectFrom('recipients').select(['id', 'name']).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).where('org_path', 'like', `${village.path}%`).orderBy('id', 'desc').executeTakeFirstOrThrow();

    // the county's own case (registered through the API: the form is the first test's), then 交办 on its page
    const c = await open('desktop');
    await signInTo(c.page, server, 'county', '/rights');
    const csrf = (await c.context.cookies()).find((k) => k.name === 'rj_csrf')!.value;
    const created = await c.page.request.post(`${server.url}/api/rights`, {
      headers: { 'x-csrf-token': csrf, origin: server.url },
      data: { recipientId: person.id, orgUnitId: county.id, kind: 'placement', policy: '退役士兵安置待遇', partyKind: 'employer', partyName: '安吉某物流有限公司', facts: '公司未按规定落实安置待遇', request: '落实安置待遇', openedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) },
    });
    expect(created.status(), await created.text()).toBe(200);
    const caseId = ((await created.json()) as { id: string }).id;
    await c.page.goto(`${server.url}/rights/${caseId}`);
    await c.page.getByRole('button', { name: /^交\s*办$/ }).click();
    const assign = c.page.locator('.ant-modal:visible');
    await assign.getByRole('combobox', { name: '下级单位' }).click();
    await assign.getByRole('combobox', { name: '下级单位' }).fill(village.code);
    await c.page.locator('.ant-select-tree-node-content-wrapper', { hasText: new RegExp(`\\s${village.code}$`) }).click();
    await assign.getByLabel('交办事项和要求').fill('请村服务站上门核实安置待遇落实情况并报告');
    await assign.getByRole('button', { name: /保\s*存/ }).click();
    await c.page.getByTestId('rights-supervisions').getByText('待回复').waitFor();

    // the village worker, on a phone: the work queue's item opens the assignment page; the reply with its result
    const v = await open('phone');
    await signInTo(v.page, server, 'village', '/work-queue');
    await v.page.getByRole('link', { name: new RegExp(`交办：.*${person.name}`) }).first().click();
    await v.page.waitForURL(/\/assignments\/[0-9a-z]{20}$/);
    await v.page.getByTestId('assignment-ask').getByText('请村服务站上门核实安置待遇落实情况并报告').waitFor();
    await v.page.getByText(/前回复/).first().waitFor();
    await shot(v.page, 'phone-assignment');
    await noSideways(v.page);
    await v.page.getByLabel('办理情况').fill('已上门走访，查阅了劳动合同和工资单');
    await v.page.getByLabel('办理结果').fill('公司承诺下月起落实，已签字确认');
    await v.page.getByRole('button', { name: /提交回复/ }).click();
    await v.page.getByTestId('assignment-reply').getByText('已回复，待审核').waitFor();
    await expect(v.page.getByTestId('assignment-reply-form').count()).resolves.toBe(0);
    await shot(v.page, 'phone-assignment-replied');
    await noSideways(v.page);

    // the county accepts 采纳 the reply
    await c.page.reload();
    await c.page.getByRole('button', { name: /采纳交办回复/ }).click();
    const accept = c.page.locator('.ant-modal:visible');
    await accept.getByTestId('assignment-review-reply').getByText(/公司承诺下月起落实/).waitFor();
    await shot(c.page, 'desktop-rights-assignment-accept');
    await accept.getByRole('button', { name: /保\s*存/ }).click();
    await c.page.getByTestId('rights-supervisions').getByText('已采纳').waitFor();
    await expect(c.page.getByRole('button', { name: /采纳交办回复|退回交办回复/ }).count()).resolves.toBe(0);
    await c.context.close();

    await v.page.reload();
    await v.page.getByText(/交办单位已采纳/).waitFor();
    await shot(v.page, 'phone-assignment-accepted');
    const assignmentPath = new URL(v.page.url()).pathname;
    await v.context.close();
    const d = await open('desktop');
    await signInTo(d.page, server, 'village', assignmentPath);
    await d.page.getByText(/交办单位已采纳/).waitFor();
    await shot(d.page, 'desktop-assignment-accepted');
    await d.context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
