// The applicant's side of applications 办件 through the real API on both databases: the 办件编号 and
// query code every application gets (the staff receipt shows the code, audited), the public query
// (right code: progress with a masked name only; wrong code or unknown number: the same 404, both
// audited; rate-limited), the veteran's online application with their public account — linked to
// their registry record, or starting a collection record 信息采集 (a draft in the chosen village,
// encrypted) — its place in 我的, and approval refused until the collection review has approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../db/system';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { ApplicationDetail, ApplicationReceipt, PublicApplicationView, PublicApplyCreated, PublicOwnApplication } from '../../../shared/schemas/applications';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import type { ServiceItemDto } from '../../../shared/schemas/service-items';
import { chinese, demoUnits, expectRefused, makeId, MANY_LOGINS, ok, openCaseOf, act as caseAct, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import { localItemBody } from '../service-items/service-items-test-support';

const PASSWORD = 'Veteran@2026';

function pubPost(a: Agent, url: string, body: Record<string, unknown> = {}) {
  return a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
}

describe.each(dbKinds)('applications: query code and online application on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let item: ServiceItemDto;
  let seq = 300;
  let phoneSeq = 5000;

  const act = async (by: Agent, id: string, action: string, comment = '', data?: unknown) => {
    const d = ok<ApplicationDetail>(await by.get(`/api/applications/${id}`));
    return by.post(`/api/applications/${id}/actions`, { action, comment, version: d.version, data });
  };
  const nextPhone = () => `1370572${++phoneSeq}`;
  async function signUp(name: string, idNumber: string, phone: string, app: TestApp = t) {
    const a = app.agent();
    const c = ok<{ challenge: string; difficulty: number }>(await a.get('/api/public/accounts/challenge'));
    const res = await a.post('/api/public/accounts', {
      name,
      idNumber,
      phone,
      password: PASSWORD,
      privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
      pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return a;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    item = ok<ServiceItemDto>(
      await county.post('/api/service-items', localItemBody(units.county.id, {
        name: '本县退役军人交通补贴',
        materials: [
          { name: '身份证', form: 'copy', count: 1, note: '' },
          { name: '退役证', form: 'originalAndCopy', count: 1, note: '' },
        ],
        steps: [
          { level: 'village', label: '村(居)委会初审', days: 3, dayKind: 'working' },
          { level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' },
        ],
        resultDocument: '补贴核准通知书',
      })),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every application gets a number and a query code; the receipt shows the code (audited); the public query shows progress with a masked name, a wrong code or unknown number is the same 404', async () => {
    const phone = nextPhone();
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '周国强', makeId('19720101', seq++), { phone }));
    const d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: person.id, itemId: item.id, received: [true, true], channel: 'inPerson' }));
    expect(d.registrationNo).toMatch(/^2026\d{6}$/);
    expect(d).toMatchObject({ source: 'staff', recipientStatus: 'registered' });
    expect(JSON.stringify(d)).not.toMatch(/queryCode/);
    const receipt = ok<ApplicationReceipt>(await village.get(`/api/applications/${d.id}/receipt`));
    expect(receipt).toMatchObject({ registrationNo: d.registrationNo, applicantName: '周国强', itemName: '本县退役军人交通补贴', queryPath: '/public/application-query' });
    expect(receipt.queryCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(receipt.steps.map((s) => s.unitName)).toEqual([units.village1.name, expect.any(String)]);
    expectRefused(await (await t.login('village2')).get(`/api/applications/${d.id}/receipt`), 404);
    const sys = systemDb(t.db.handle.db);
    expect((await sys.selectFrom('audit_logs').select('seq').where('action', '=', 'application.receipt').where('target_id', '=', d.id).execute()).length).toBe(1);

    // the public query: no account, the number (spaces and dashes allowed) and the code (lower case allowed)
    const anon = t.agent();
    const view = ok<PublicApplicationView>(await anon.post('/api/public/application-query', { number: `${d.registrationNo!.slice(0, 4)}-${d.registrationNo!.slice(4)}`, code: receipt.queryCode!.toLowerCase() }));
    expect(view).toMatchObject({ registrationNo: d.registrationNo, itemName: '本县退役军人交通补贴', applicantName: '周**', status: 'review', collecting: false });
    expect(view.steps).toEqual([
      { label: '村(居)委会初审', unitName: units.village1.name, state: 'current', day: null },
      { label: '县级服务中心审核', unitName: expect.any(String), state: 'waiting', day: null },
    ]);
    expect(view.nextStep).toContain(units.village1.name);
    const text = JSON.stringify(view);
    expect(text).not.toContain('周国强');
    expect(text).not.toContain(phone);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    // the village gives its opinion: the query follows
    ok(await act(village, d.id, 'opinion', '情况属实', { agree: true }));
    const later = ok<PublicApplicationView>(await anon.post('/api/public/application-query', { number: d.registrationNo, code: receipt.queryCode }));
    expect(later.steps.map((s) => s.state)).toEqual(['done', 'current']);
    expect(later.steps[0].day).toBe(later.openedOn);

    // a wrong code and an unknown number: the same answer; bad input in Chinese
    const wrongCode = expectRefused(await anon.post('/api/public/application-query', { number: d.registrationNo, code: receipt.queryCode === 'ABCDEFGHJK' ? 'ABCDEFGHJM' : 'ABCDEFGHJK' }), 404);
    const unknownNo = expectRefused(await anon.post('/api/public/application-query', { number: '2026999999', code: receipt.queryCode }), 404);
    expect(unknownNo.message).toBe(wrongCode.message);
    expectRefused(await anon.post('/api/public/application-query', { number: '12', code: receipt.queryCode }), 400, chinese);
    expectRefused(await anon.post('/api/public/application-query', { number: d.registrationNo, code: '!!' }), 400, chinese);
    const audits = await sys.selectFrom('audit_logs').select(['result', 'target_id']).where('action', '=', 'public.application-query').execute();
    expect(audits.filter((a) => a.result === 'success' && a.target_id === d.id)).toHaveLength(2);
    expect(audits.filter((a) => a.result === 'failure')).toHaveLength(2);
  });

  it('online, linked: the registry person applies with their account, zero runs, seen in 我的 with the next step; another account gets 404', async () => {
    const phone = nextPhone();
    const idNumber = makeId('19750303', seq++);
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '吴建军', idNumber, { phone }));
    const me = await signUp('吴建军', idNumber, phone);
    const other = await signUp('钱立新', makeId('19760404', seq++), nextPhone());
    // the item page's unit is the county: a linked person applies at their record's unit whatever the pick
    const created = ok<PublicApplyCreated>(await pubPost(me, '/api/public/applications', { orgUnitId: units.county.id, itemId: item.id, received: [true, true] }));
    expect(created).toMatchObject({ source: 'online', status: 'review', unitName: units.village1.name, applicantName: '吴**', collecting: false });
    expect(created.queryCode).toMatch(/^[0-9A-Z]{10}$/);
    const staff = ok<ApplicationDetail>(await village.get(`/api/applications/${created.id}`));
    expect(staff).toMatchObject({ recipientId: person.id, source: 'online', runs: 0, status: 'review', registrationNo: created.registrationNo });
    // 我的: the application with its next step and link
    const overview = ok<PublicOverviewDto>(await me.get('/api/public/me/overview'));
    const section = overview.sections.find((s) => s.key === 'applications')!;
    const entry = section.items.find((i) => i.id === created.id)!;
    expect(entry).toMatchObject({ title: '本县退役军人交通补贴', statusLabel: '审核中', link: `/public/applications/${created.id}` });
    expect(entry.nextStep).toMatch(/村\(居\)委会初审中/);
    expect(ok<{ items: PublicOwnApplication[] }>(await me.get('/api/public/applications')).items.map((i) => i.id)).toContain(created.id);
    expect(ok<PublicOwnApplication>(await me.get(`/api/public/applications/${created.id}`)).registrationNo).toBe(created.registrationNo);
    // another account: not in its 我的, 404 on the page; no session: 401
    expectRefused(await other.get(`/api/public/applications/${created.id}`), 404);
    expect(ok<{ items: PublicOwnApplication[] }>(await other.get('/api/public/applications')).items).toEqual([]);
    expect(ok<PublicOverviewDto>(await other.get('/api/public/me/overview')).sections.find((s) => s.key === 'applications')!.items).toEqual([]);
    expect((await t.agent().get(`/api/public/applications/${created.id}`)).statusCode).toBe(401);
    expect((await t.agent().post('/api/public/applications', { orgUnitId: units.village1.id, itemId: item.id, received: [] })).statusCode).toBe(401);
    // the query code shown on screen works on the public query
    expect(ok<PublicApplicationView>(await t.agent().post('/api/public/application-query', { number: created.registrationNo, code: created.queryCode })).itemName).toBe('本县退役军人交通补贴');
  });

  it('online, not in the registry: a collection record is started in the village (encrypted); approval is refused until the collection review approves', async () => {
    const sys = systemDb(t.db.handle.db);
    const phone = nextPhone();
    const idNumber = makeId('19800505', seq++);
    const me = await signUp('孙志刚', idNumber, phone);
    // not a village: refused, nothing made
    const before = (await sys.selectFrom('recipients').select('id').execute()).length;
    expectRefused(await pubPost(me, '/api/public/applications', { orgUnitId: units.township.id, itemId: item.id, received: [true, true] }), 400, /村（社区）/);
    expectRefused(await pubPost(me, '/api/public/applications', { orgUnitId: units.village1.id, itemId: 'no-such-item', received: [] }), 404, chinese);
    expect((await sys.selectFrom('recipients').select('id').execute()).length).toBe(before);
    // one material missing: returned at once, told what is missing
    const created = ok<PublicApplyCreated>(await pubPost(me, '/api/public/applications', { orgUnitId: units.village1.id, itemId: item.id, received: [true, false] }));
    expect(created).toMatchObject({ status: 'returned', missingTold: ['退役证'], collecting: true, unitName: units.village1.name });
    expect(created.nextStep).toMatch(/信息采集/);
    const staff = ok<ApplicationDetail>(await village.get(`/api/applications/${created.id}`));
    expect(staff).toMatchObject({ recipientStatus: 'draft', recipientName: '孙志刚', source: 'online' });
    const r = await sys.selectFrom('recipients').selectAll().where('id', '=', staff.recipientId).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ status: 'draft', org_unit_id: units.village1.id, name: '孙志刚' });
    expect(r.id_number_enc).not.toContain(idNumber);
    expect(r.phone_enc).not.toContain(phone);
    expect(r.id_number_hash).toBeTruthy();
    expect(r.phone_hash).toBeTruthy();
    // a second application by the same account: the same record, no second one
    const again = ok<PublicApplyCreated>(await pubPost(me, '/api/public/applications', { orgUnitId: units.village2.id, itemId: item.id, received: [true, true] }));
    expect(ok<ApplicationDetail>(await village.get(`/api/applications/${again.id}`)).recipientId).toBe(staff.recipientId);
    expect((await sys.selectFrom('recipients').select('id').execute()).length).toBe(before + 1);
    // in 我的 (the account is not linked to a registered record, its own online applications show)
    const overview = ok<PublicOverviewDto>(await me.get('/api/public/me/overview'));
    expect(overview.registry.linked).toBe(false);
    expect(overview.sections.find((s) => s.key === 'applications')!.items.map((i) => i.id).sort()).toEqual([created.id, again.id].sort());

    // the steps proceed; the approval waits for 信息采集审核
    ok(await act(village, again.id, 'opinion', '情况属实', { agree: true }));
    ok(await act(county, again.id, 'opinionToDecision', '符合条件', { agree: true }));
    expectRefused(await act(county, again.id, 'approve', '同意'), 409, /信息采集审核/);
    // the worker completes and submits the record; the county's collection review approves
    const rec = ok<{ version: number }>(await village.get(`/api/recipients/${staff.recipientId}`));
    ok(await village.post(`/api/recipients/${staff.recipientId}/submit`, { version: rec.version }));
    expectRefused(await act(county, again.id, 'approve', '同意'), 409, /信息采集审核/);
    const review = await openCaseOf(county, staff.recipientId);
    ok(await caseAct(county, review.id, 'approve'));
    const done = ok<ApplicationDetail>(await act(county, again.id, 'approve', '同意'));
    expect(done).toMatchObject({ status: 'approved', recipientStatus: 'registered' });
    // the account is linked now (ID number and mobile on a registered record)
    expect(ok<PublicOverviewDto>(await me.get('/api/public/me/overview')).registry.linked).toBe(true);
  });

  it('staff take an application for a person whose collection is in progress; an ID number on record with another mobile is refused online', async () => {
    const draft = ok<{ id: string }>(await village.post('/api/recipients', simpleForm(units.village1.id, '赵采集', makeId('19710101', seq++))));
    const d = ok<ApplicationDetail>(await village.post('/api/applications', { recipientId: draft.id, itemId: item.id, received: [true, true], channel: 'inPerson' }));
    expect(d).toMatchObject({ status: 'review', recipientStatus: 'draft' });
    const idNumber = makeId('19780808', seq++);
    await registerApproved(village, county, simpleForm(units.village1.id, '李有档', idNumber, { phone: nextPhone() }));
    const me = await signUp('李有档', idNumber, nextPhone());
    expectRefused(await pubPost(me, '/api/public/applications', { orgUnitId: units.village1.id, itemId: item.id, received: [true, true] }), 409, /手机号码/);
  });

  it('the public query is rate-limited per client address', async () => {
    const hard = await createTestApp(kind, { env: { PUBLIC_RATE_LIMIT: '3' } });
    try {
      const anon = hard.agent();
      const body = { number: '2026000001', code: 'ABCDEFGHJK' };
      for (let i = 0; i < 3; i++) expect((await anon.post('/api/public/application-query', body)).statusCode).toBe(404);
      expect((await anon.post('/api/public/application-query', body)).statusCode).toBe(429);
    } finally {
      await hard.close();
    }
  });
});
