// Petitions through the real API on every database: the statutory clocks over real dates, every
// transition with its permission, extension once and ≤ 30 days, the review windows, refusal after
// 复核, registration numbers, bad input, repeats, letters, the work queue and the dashboard
// against direct counts, and the ledger export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { shippedHolidayTable } from '../../../shared/holidays/cn-holidays';
import { dayStatus } from '../../../shared/rules/calendar';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { PetitionDashboard, PetitionDetail, PetitionLetterDto, PetitionListItem } from '../../../shared/schemas/petitions';
import { MANY_LOGINS, act as caseAct, demoUnits, expectRefused, makeId, openCaseOf, register, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { petitionDueDay, petitionPayload } from './petitions.cases';
import { act, actOk, detail, newPersonId, ok, petitionBody, registerPetition } from './petitions-test-support';
import { seedDemoPetitions } from '../../cli/demo-petitions';

const chinese = /[\u4e00-\u9fa5]/;

describe('petition clocks over real dates (RULES.md counting days)', () => {
  const t = shippedHolidayTable;
  const base = petitionPayload.parse({ registrationNo: 'x', petitionType: 'claim', channel: 'letter', handlerUserId: null, leaderUserId: null, receivedOn: '2026-06-10', acceptClockFrom: '2026-06-10' });
  const due = (status: string, over: Record<string, unknown>) => petitionDueDay(status, { ...base, ...over }, t);

  it('15 days from receipt, ending in the National Day holiday, move to 2026-10-08', () => {
    expect(due('registered', { receivedOn: '2026-09-16', acceptClockFrom: '2026-09-16' })).toBe('2026-10-08');
  });
  it('15 days ending on a Saturday move to the Monday', () => {
    expect(dayStatus('2026-06-13', t).reason).toBe('weekend');
    expect(due('registered', { acceptClockFrom: '2026-05-29' })).toBe('2026-06-15');
  });
  it('a make-up working Saturday (2026-10-10) is a working day: the deadline stays on it', () => {
    expect(dayStatus('2026-10-10', t)).toMatchObject({ working: true, reason: 'makeup' });
    expect(due('registered', { acceptClockFrom: '2026-09-25' })).toBe('2026-10-10');
  });
  it('60 days from acceptance, + an extension of 30 counted on from the original deadline', () => {
    expect(due('accepted', { acceptedOn: '2026-06-12' })).toBe('2026-08-11');
    expect(due('extended', { acceptedOn: '2026-06-12', extension: { days: 30, reason: 'r', approvedBy: 'u', approvedByName: 'n', approvedOn: '2026-06-15' } })).toBe('2026-09-10');
  });
  it('the hearing of a re-review stops the clock: a closed hearing moves the due day by its days, an open one leaves none', () => {
    const rr = (hearings: { from: string; to: string | null }[]) => ({ reReview: { requestedOn: '2026-06-05', unitId: 'u', unitName: 'n', decision: null, opinion: null, decidedOn: null, hearings } });
    expect(due('reReviewRequested', rr([]))).toBe('2026-07-06');
    expect(due('reReviewRequested', rr([{ from: '2026-06-08', to: '2026-06-10' }]))).toBe('2026-07-08');
    expect(due('reReviewHearing', rr([{ from: '2026-06-08', to: null }]))).toBeNull();
  });
});

describe.each(dbKinds)('petitions on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let township: Agent;
  let townshipHead: Agent;
  let county: Agent;
  let countyHead: Agent;
  let village: Agent;
  let other: Agent; // a second worker of the township: neither handler nor head
  let cityReviewer: Agent;
  let townshipId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    county = await t.login('county');
    countyHead = await t.login('countyhead');
    village = await t.login('village');
    await t.createUser({ username: 'township-b', roles: ['worker'], orgUnitId: units.township.id });
    other = await t.login('township-b');
    // the demo's city-level reviewer: re-review 复核 of a township's petition is two levels up, at the city
    cityReviewer = await t.login('cityreviewer');
    townshipId = township.me!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const body = (over: Record<string, unknown> = {}) => petitionBody(units.township.id, townshipId, over);

  it('registers a letter: number per unit, channel and year, gap-free; the 15-day clock from the receipt day', async () => {
    const a = await registerPetition(township, body());
    const b = await registerPetition(township, body({ petitionerName: '吴建华' }));
    const v = await registerPetition(township, body({ channel: 'visit', idNumber: newPersonId(), dischargeCertChecked: true }));
    const [na, nb, nv] = [a, b, v].map((x) => x.registrationNo);
    const m = /^330523105〔2026〕来信第(\d{4})号$/.exec(na);
    expect(m, na).not.toBeNull();
    expect(nb).toBe(`330523105〔2026〕来信第${String(Number(m![1]) + 1).padStart(4, '0')}号`);
    expect(nv).toMatch(/^330523105〔2026〕来访第\d{4}号$/);
    expect(a.queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const d = await detail(township, a.id);
    expect(d.status).toBe('registered');
    expect(d.dueDay).toBe('2026-06-25');
    expect(d.acceptDueDay).toBe('2026-06-25');
    expect(d.phoneMasked).toBe('139****0001');
    expect(d.handlerName).toBe('张卫东');
    // the stage actions, and the work actions that run at any handling stage (issue 14)
    expect(d.actions.map((x) => x.name).sort()).toEqual(['accept', 'assign', 'assignmentAccept', 'assignmentReply', 'assignmentReturn', 'escalate', 'handle', 'notAccept', 'setContacts', 'supervisionReply', 'transfer']);
    // stored encrypted
    const row = await sys.selectFrom('petitions').select(['phone_enc', 'id_number_enc']).where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13905720001');
    expect(row.id_number_enc).toBeTruthy();
  });

  it('assignees: the unit’s staff and those above it (a county leader), never those below', async () => {
    const list = ok<{ items: { id: string; name: string; isHead: boolean }[] }>(await township.get(`/api/petitions/assignees?orgUnitId=${units.township.id}`));
    const names = list.items.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['张卫东', '陈志刚', '王立军', '李红梅']));
    expect(names).not.toContain('刘秀英');
    expect(list.items.find((i) => i.name === '陈志刚')?.isHead).toBe(true);
    expectRefused(await village.get(`/api/petitions/assignees?orgUnitId=${units.township.id}`), 404);
  });

  it('concurrent registrations get distinct, consecutive numbers', async () => {
    const rs = await Promise.all([0, 1, 2, 3, 4].map((i) => registerPetition(township, body({ channel: 'fax', petitionerName: `并发${i}` }))));
    const nos = rs.map((r) => Number(/第(\d{4})号/.exec(r.registrationNo)![1])).sort((x, y) => x - y);
    expect(nos).toEqual([1, 2, 3, 4, 5]);
  });

  it('a receipt day whose 15th day is in the National Day holiday: due 2026-10-08 through the API', async () => {
    t.clock.set('2026-09-20T02:00:00.000Z');
    try {
      await sys.updateTable('users').set({ password_changed_at: '2026-09-20T02:00:00.000Z' }).execute();
      const a = await t.login('township');
      const r = await registerPetition(a, body({ receivedOn: '2026-09-16' }));
      expect((await detail(a, r.id)).dueDay).toBe('2026-10-08');
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
      township = await t.login('township');
    }
  });

  it('bad input: 400 in Chinese and nothing written', async () => {
    const before = await sys.selectFrom('petitions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, RegExp][] = [
      [body({ petitionerName: '' }), /信访人姓名/],
      [body({ request: '' }), /信访请求/],
      [body({ channel: 'pigeon' }), /信访形式/],
      [body({ type: 'gossip' }), /类别/],
      [body({ receivedOn: '2026-02-30' }), /收到日期/],
      [body({ receivedOn: '2026-06-16' }), /不能晚于今天/],
      [body({ channel: 'visit' }), /公民身份号码/],
      [body({ idNumber: '330523195803120001' }), /校验位|身份证/],
      [body({ phone: '12345' }), /电话|手机/],
      [body({ channel: 'visit', idNumber: newPersonId(), headcount: 8 }), /代表/],
      [body({ channel: 'visit', idNumber: newPersonId(), headcount: 30, representatives: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `代表${i}`, idNumber: newPersonId() })) }), /最多推选 5 名代表|第二十条/],
      [body({ representatives: [{ name: '代表', idNumber: '123' }] }), /代表/],
      [body({ handlerUserId: village.me!.id }), /首办责任人/],
      [body({ accusedUserIds: [village.me!.id] }), /检举控告/],
      [body({ headcount: 0 }), /人数/],
    ];
    for (const [b, msg] of cases) {
      const res = await township.post('/api/petitions', b);
      expect(res.statusCode, res.body).toBe(400);
      const e = res.json() as { message: string };
      expect(e.message).toMatch(chinese);
      expect(e.message, JSON.stringify(b)).toMatch(msg);
    }
    const after = await sys.selectFrom('petitions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // a unit outside the range is 404
    expectRefused(await village.post('/api/petitions', petitionBody(units.township.id, village.me!.id)), 404);
  });

  it('each transition and its permission: accept (handler or head), extend (head, once, ≤ 30), reply, close', async () => {
    const { id } = await registerPetition(township, body({ receivedOn: '2026-06-10' }));
    // village is below the unit: the petition is not in its range
    expectRefused(await act(village, id, 'accept', { acceptedOn: '2026-06-12' }), 404);
    // a worker of the unit who is not the handler
    expectRefused(await act(other, id, 'accept', { acceptedOn: '2026-06-12' }), 403, /承办/);
    expect((await detail(other, id)).actions).toEqual([]);
    // data checks
    expectRefused(await act(township, id, 'accept', {}), 400, /受理日期/);
    expectRefused(await act(township, id, 'accept', { acceptedOn: '2026-06-09' }), 400, /不能早于收到日期/);
    expectRefused(await act(township, id, 'accept', { acceptedOn: '2026-06-16' }), 400, /不能晚于今天/);
    expectRefused(await act(township, id, 'reply', { outcome: 'support', replyText: 'x', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15' }), 409, /不能答复/);
    let d = await actOk(township, id, 'accept', { acceptedOn: '2026-06-12' });
    expect(d.status).toBe('accepted');
    expect(d.dueDay).toBe('2026-08-11');
    expect(d.handleDueDay).toBe('2026-08-11');
    // extension: the handler is no unit head; more than 30 days is refused; the head approves once
    expectRefused(await act(township, id, 'extend', { days: 10, reason: '需要调取档案' }), 403);
    expectRefused(await act(townshipHead, id, 'extend', { days: 31, reason: '需要调取档案' }), 400, /30 日/);
    expectRefused(await act(townshipHead, id, 'extend', { days: 30 }), 400, /延期理由/);
    d = await actOk(townshipHead, id, 'extend', { days: 30, reason: '需要调取原部队档案' });
    expect(d.status).toBe('extended');
    expect(d.dueDay).toBe('2026-09-10');
    expect(d.extension).toMatchObject({ days: 30, approvedByName: '陈志刚' });
    expectRefused(await act(townshipHead, id, 'extend', { days: 5, reason: '再延' }), 409);
    // the extension letter tells the reason
    const letter = ok<PetitionLetterDto>(await township.get(`/api/petitions/${id}/letters/extension`));
    expect(letter.paragraphs.join('')).toContain('需要调取原部队档案');
    expect(letter.title).toBe('信访事项延期办理告知书');
    // reply: by the handler; outcome checked
    expectRefused(await act(other, id, 'reply', { outcome: 'support', replyText: '经核实', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15' }), 403);
    expectRefused(await act(township, id, 'reply', { outcome: 'maybe', replyText: '经核实', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15' }), 400, /处理意见/);
    d = await actOk(township, id, 'reply', { outcome: 'support', replyText: '经核实，符合条件，自 7 月起发放。', repliedOn: '2026-06-15', replyReceivedOn: '2026-06-15' });
    expect(d.status).toBe('replied');
    expect(d.dueDay).toBeNull();
    expect(d.outcome).toBe('support');
    const reply = ok<PetitionLetterDto>(await township.get(`/api/petitions/${id}/letters/reply`));
    expect(reply.paragraphs.join('')).toContain('予以支持');
    // satisfaction recorded once by staff
    ok(await township.put(`/api/petitions/${id}/satisfaction`, { satisfaction: 4, version: d.version }));
    expectRefused(await township.put(`/api/petitions/${id}/satisfaction`, { satisfaction: 5, version: d.version }), 409, /已评价/);
    // close: the handler
    expectRefused(await act(other, id, 'close', { closedOn: '2026-06-15' }), 403);
    d = await actOk(township, id, 'close', { closedOn: '2026-06-15' });
    expect(d.status).toBe('closed');
    expect(d.open).toBe(false);
    expect(d.stages.map((s) => s.action)).toEqual(['register', 'accept', 'extend', 'reply', 'close']);
    // the kernel's log and the audit log
    const audit = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['petition.register', 'case.petition.accept', 'case.petition.extend', 'case.petition.reply', 'case.petition.close', 'petition.rate']));
  });

  it('not accepted with the reason; transferred to a competent body with where and when', async () => {
    const a = await registerPetition(township, body());
    expectRefused(await act(township, a.id, 'notAccept', {}), 400, /理由/);
    let d = await actOk(township, a.id, 'notAccept', { reason: '该事项已经人民法院判决' });
    expect(d).toMatchObject({ status: 'notAccepted', open: false, notAcceptedReason: '该事项已经人民法院判决' });
    expect(ok<PetitionLetterDto>(await township.get(`/api/petitions/${a.id}/letters/notAccepted`)).paragraphs.join('')).toContain('人民法院');
    const b = await registerPetition(township, body());
    expectRefused(await act(township, b.id, 'transfer', { body: '县人力社保局', transferredOn: '2026-06-14' }), 400, /转送记录/);
    d = await actOk(township, b.id, 'transfer', { body: '县人力社保局', transferredOn: '2026-06-14', record: '安退役信转〔2026〕3 号，专人送达' });
    expect(d).toMatchObject({ status: 'transferred', transfer: { body: '县人力社保局', transferredOn: '2026-06-14' } });
  });

  it('escalated to the level above: the county takes it (a new 15-day clock), the township keeps tracking it', async () => {
    const { id } = await registerPetition(township, body());
    let d = await actOk(township, id, 'escalate', { reason: '涉及县级政策，超出本级职权' });
    expect(d.status).toBe('registered');
    expect(d.orgUnitId).toBe(units.county.id);
    expect(d.dueDay).toBe('2026-06-30'); // 2026-06-15 + 15
    expect(d.escalations[0]).toMatchObject({ fromUnitName: expect.stringMatching(/孝丰/), toUnitName: expect.stringMatching(/安吉/) });
    // the township sees it but cannot act any more
    d = await detail(township, id);
    expect(d.actions).toEqual([]);
    expectRefused(await act(township, id, 'accept', { acceptedOn: '2026-06-15' }), 403);
    // a county worker accepts and becomes the handler
    d = await actOk(county, id, 'accept', { acceptedOn: '2026-06-15' });
    expect(d).toMatchObject({ status: 'accepted', handlerName: '李红梅' });
    expect((await detail(township, id)).status).toBe('accepted');
  });

  it('review within 30 days of receiving the reply at the level above, re-review two levels up with a hearing, then the same matter is refused', async () => {
    const { id } = await registerPetition(township, body({ receivedOn: '2026-04-01', idNumber: newPersonId('1950-01-01') }));
    await actOk(township, id, 'accept', { acceptedOn: '2026-04-03' });
    await actOk(township, id, 'reply', { outcome: 'reject', replyText: '不符合条件。', repliedOn: '2026-04-20', replyReceivedOn: '2026-04-22' });
    // 30 days from receiving the reply (2026-04-22) end on 2026-05-22: a later request is refused with the reason
    expectRefused(await act(township, id, 'requestReview', { requestedOn: '2026-06-01' }), 409, /30 日内（至 2026-05-22）/);
    expectRefused(await act(township, id, 'requestReview', { requestedOn: '2026-04-21' }), 400, /不能早于/);
    let d = await actOk(township, id, 'requestReview', { requestedOn: '2026-05-22' });
    expect(d).toMatchObject({ status: 'reviewRequested', dueDay: '2026-06-22', review: { unitName: expect.stringMatching(/安吉/) } });
    // the township may not review its own reply; the county reviewer does
    expectRefused(await act(township, id, 'review', { decision: 'uphold', opinion: '维持', decidedOn: '2026-06-01', receivedOn: '2026-06-03' }), 403);
    expectRefused(await act(townshipHead, id, 'review', { decision: 'uphold', opinion: '维持', decidedOn: '2026-06-01', receivedOn: '2026-06-03' }), 403);
    const queue = ok<{ items: WorkItemDto[] }>(await county.get('/api/work-queue'));
    expect(queue.items.find((i) => i.id === id)).toMatchObject({ dueDay: '2026-06-22' });
    d = await actOk(county, id, 'review', { decision: 'uphold', opinion: '原处理意见正确，予以维持。', decidedOn: '2026-06-01', receivedOn: '2026-06-03' });
    expect(d).toMatchObject({ status: 'reviewed', dueDay: null });
    // re-review at the city
    d = await actOk(township, id, 'requestReReview', { requestedOn: '2026-06-05' });
    expect(d).toMatchObject({ status: 'reReviewRequested', dueDay: '2026-07-06' });
    expect(d.reReview?.unitName).toMatch(/湖州/);
    expectRefused(await act(county, id, 'reReview', { decision: 'uphold', opinion: '维持', decidedOn: '2026-06-12' }), 403);
    d = await actOk(cityReviewer, id, 'startHearing', { startedOn: '2026-06-08' });
    expect(d).toMatchObject({ status: 'reReviewHearing', dueDay: null });
    expectRefused(await act(cityReviewer, id, 'endHearing', { endedOn: '2026-06-07' }), 400, /不能早于/);
    d = await actOk(cityReviewer, id, 'endHearing', { endedOn: '2026-06-10' });
    expect(d).toMatchObject({ status: 'reReviewRequested', dueDay: '2026-07-08' });
    d = await actOk(cityReviewer, id, 'reReview', { decision: 'uphold', opinion: '复查意见正确，予以维持。', decidedOn: '2026-06-12' });
    expect(d).toMatchObject({ status: 'reReviewed', open: false });
    // the same matter again: linked as a repeat, acceptance is refused with the reason
    const again = await registerPetition(township, body({ repeatOf: id }));
    expectRefused(await act(township, again.id, 'accept', { acceptedOn: '2026-06-15' }), 409, /复核终结.*不再受理/);
    expect((await actOk(township, again.id, 'notAccept', { reason: '同一事项已经复核终结（信访工作条例第三十六条）' })).status).toBe('notAccepted');
  });

  it('检举控告: only named participants see it, never the accused, even inside the range', async () => {
    // the county registers an accusation against the township worker `township`
    const r = await registerPetition(county, petitionBody(units.township.id, townshipHead.me!.id, { type: 'accusation', accusedUserIds: [townshipId], request: '检举某工作人员违规' }));
    const restricted = [r.id];
    expect((await detail(county, r.id)).restricted).toBe(true); // the registrar
    expect((await detail(townshipHead, r.id)).handlerName).toBe('陈志刚'); // the handler, a unit head
    for (const outsider of [township, other, village, countyHead]) {
      expectRefused(await outsider.get(`/api/petitions/${r.id}`), 404);
      const list = ok<Page<PetitionListItem>>(await outsider.get('/api/petitions?pageSize=200'));
      expect(list.items.map((i) => i.id)).not.toContain(r.id);
      const q = ok<{ items: WorkItemDto[] }>(await outsider.get('/api/work-queue'));
      expect(q.items.map((i) => i.id)).not.toContain(r.id);
      expectRefused(await outsider.get(`/api/cases/${r.id}`), 404);
    }
    // handled by its head; on review the county's reviewers are named, the accused still sees nothing
    await actOk(townshipHead, r.id, 'accept', { acceptedOn: '2026-06-12' });
    await actOk(townshipHead, r.id, 'reply', { outcome: 'explain', replyText: '经调查，情况已核实处理。', repliedOn: '2026-06-14', replyReceivedOn: '2026-06-14' });
    expectRefused(await county.get(`/api/petitions/${r.id}/letters/nonsense`), 400);
    await actOk(townshipHead, r.id, 'requestReview', { requestedOn: '2026-06-15' });
    expect((await detail(countyHead, r.id)).status).toBe('reviewRequested');
    expect((await actOk(county, r.id, 'review', { decision: 'uphold', opinion: '维持', decidedOn: '2026-06-15', receivedOn: '2026-06-15' })).status).toBe('reviewed');
    for (const outsider of [township, other, village]) expectRefused(await outsider.get(`/api/petitions/${r.id}`), 404);
    // the accused can be neither handler nor leader
    expectRefused(await county.post('/api/petitions', petitionBody(units.township.id, townshipId, { type: 'accusation', accusedUserIds: [townshipId] })), 400, /回避|被检举/);
    // an accusation against the township itself: the county handles it and the township sees nothing (Art. 28)
    const u = await registerPetition(county, petitionBody(units.township.id, county.me!.id, { type: 'accusation', accusedOrgUnitId: units.township.id, request: '检举孝丰镇服务站' }));
    restricted.push(u.id);
    const du = await detail(county, u.id);
    expect(du.orgUnitId).toBe(units.county.id);
    expect(du.registrationNo).toMatch(/^330523〔2026〕/);
    expect((await detail(countyHead, u.id)).id).toBe(u.id); // the county's head is a named participant
    for (const outsider of [township, townshipHead, other, village]) expectRefused(await outsider.get(`/api/petitions/${u.id}`), 404);
    expectRefused(await county.post('/api/petitions', petitionBody(units.township.id, townshipHead.me!.id, { type: 'accusation', accusedOrgUnitId: units.township.id })), 400, /回避|被检举/);
    // an accusation naming the township's head: the level above handles it as well
    const h = await registerPetition(county, petitionBody(units.township.id, county.me!.id, { type: 'accusation', accusedUserIds: [townshipHead.me!.id] }));
    restricted.push(h.id);
    expect((await detail(county, h.id)).orgUnitId).toBe(units.county.id);
    expectRefused(await townshipHead.get(`/api/petitions/${h.id}`), 404);
    // the ledger of an outsider does not list them either, and the registrar's shows no content
    const dash = ok<PetitionDashboard>(await township.get('/api/petitions/dashboard'));
    expect(dash.byType.accusation).toBe(0);
  });

  it('repeats: suggested by ID number, phone and name with similar content; linked to the first; not counted twice', async () => {
    const idNumber = newPersonId('1948-08-08');
    const first = await registerPetition(township, body({ petitionerName: '钱广生', idNumber, phone: '13905729999', request: '要求解决参战退役人员生活补助问题' }));
    const res = ok<{ items: { id: string; matchedBy: string[]; similarity: number }[] }>(
      await township.get(`/api/petitions/repeat-suggestions?orgUnitId=${units.township.id}&petitionerName=${encodeURIComponent('钱广生')}&idNumber=${idNumber}&request=${encodeURIComponent('再次要求解决参战退役人员的生活补助')}`),
    );
    const s = res.items.find((i) => i.id === first.id);
    expect(s?.matchedBy).toEqual(expect.arrayContaining(['idNumber', 'name']));
    expect(s!.similarity).toBeGreaterThan(0.4);
    // a name alone with different content is not suggested
    const none = ok<{ items: { id: string }[] }>(await township.get(`/api/petitions/repeat-suggestions?orgUnitId=${units.township.id}&petitionerName=${encodeURIComponent('钱广生')}&request=${encodeURIComponent('反映村道路灯损坏')}`));
    expect(none.items.map((i) => i.id)).not.toContain(first.id);
    const dashBefore = ok<PetitionDashboard>(await township.get('/api/petitions/dashboard'));
    const second = await registerPetition(township, body({ petitionerName: '钱广生', idNumber, request: '再次要求解决参战退役人员的生活补助' }));
    const third = await registerPetition(township, body({ petitionerName: '钱广生', idNumber, request: '第三次反映生活补助' }));
    let d = await detail(township, second.id);
    d = ok<PetitionDetail>(await township.put(`/api/petitions/${second.id}/repeat-of`, { repeatOf: first.id, version: d.version }));
    expect(d.repeatOf).toBe(first.id);
    // linking to a repeat links to the first of the chain
    const d3 = ok<PetitionDetail>(await township.put(`/api/petitions/${third.id}/repeat-of`, { repeatOf: second.id, version: (await detail(township, third.id)).version }));
    expect(d3.repeatOf).toBe(first.id);
    const dashAfter = ok<PetitionDashboard>(await township.get('/api/petitions/dashboard'));
    expect(dashAfter.total).toBe(dashBefore.total);
    expect(dashAfter.repeats).toBe(dashBefore.repeats + 2);
  });

  it('warnings: yellow (due within 3 days) and red (overdue) in the list, the work queue of handler and leader, and the dashboard', async () => {
    // received 2026-05-29: due 2026-06-15 (today) → yellow; received 2026-05-20: due 2026-06-04 → red
    const yellow = await registerPetition(township, body({ receivedOn: '2026-05-29', leaderUserId: countyHead.me!.id }));
    const red = await registerPetition(township, body({ receivedOn: '2026-05-20', leaderUserId: countyHead.me!.id }));
    expect((await detail(township, yellow.id)).warning).toBe('yellow');
    expect((await detail(township, red.id)).warning).toBe('red');
    const reds = ok<Page<PetitionListItem>>(await township.get('/api/petitions?warning=red&pageSize=200'));
    expect(reds.items.map((i) => i.id)).toContain(red.id);
    expect(reds.items.map((i) => i.id)).not.toContain(yellow.id);
    const q = ok<{ items: WorkItemDto[] }>(await township.get('/api/work-queue'));
    expect(q.items.find((i) => i.id === red.id)).toMatchObject({ overdue: true });
    expect(q.items.find((i) => i.id === yellow.id)).toMatchObject({ dueSoon: true, overdue: false });
    // the leader (at the county) sees them in their own queue
    const lq = ok<{ items: WorkItemDto[] }>(await countyHead.get('/api/work-queue'));
    expect(lq.items.filter((i) => i.provider === 'petitions-led').map((i) => i.id)).toEqual(expect.arrayContaining([yellow.id, red.id]));
    expect((await detail(countyHead, red.id)).leaderName).toBe('王立军');
  });

  it('the dashboard agrees with direct counts (repeats and restricted cases included as the caller sees them)', async () => {
    const dash = ok<PetitionDashboard>(await countyHead.get('/api/petitions/dashboard'));
    // direct counts of what the county head can see: every non-restricted petition of the county, plus restricted ones naming them
    const grants = await sys.selectFrom('access_grants').select('record_id').where('grantee_user_id', '=', countyHead.me!.id).execute();
    const rows = await sys.selectFrom('petitions as p').innerJoin('cases as c', 'c.id', 'p.id').select(['p.id', 'p.restricted', 'p.repeat_of', 'p.petition_type', 'p.channel', 'c.status', 'c.open', 'c.due_day', 'p.org_path']).execute();
    const seen = rows.filter((r) => r.restricted === 0 || grants.some((g) => g.record_id === r.id));
    const counted = seen.filter((r) => r.repeat_of === null);
    expect(dash.total).toBe(counted.length);
    expect(dash.repeats).toBe(seen.length - counted.length);
    expect(dash.byType.claim).toBe(counted.filter((r) => r.petition_type === 'claim').length);
    expect(dash.byChannel.letter).toBe(counted.filter((r) => r.channel === 'letter').length);
    expect(dash.byStatus.registered).toBe(counted.filter((r) => r.status === 'registered').length);
    expect(dash.warnings.red).toBe(counted.filter((r) => r.open === 1 && r.due_day !== null && r.due_day < '2026-06-15').length);
    const xiaofeng = dash.units.find((u) => u.orgUnitId === units.township.id)!;
    expect(xiaofeng.total).toBe(counted.filter((r) => r.org_path.startsWith(units.township.path)).length);
    expect(dash.units.reduce((s, u) => s + u.total, 0)).toBe(dash.total);
    expect(dash.onTime.done).toBeGreaterThan(0);
    expect(dash.onTime.rate).not.toBeNull();
  });

  it('reveals are audited; the ledger export masks phones unless a clear export is chosen with sensitive:export, and is audited', async () => {
    const { id } = await registerPetition(township, body({ phone: '13905728888' }));
    expect(ok<{ value: string }>(await township.post(`/api/petitions/${id}/reveal`, { field: 'phone' })).value).toBe('13905728888');
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', id).where('action', '=', 'petition.reveal').execute()).length).toBe(1);
    const read = async (a: Agent, choice = '') => {
      const res = await a.get(`/api/ledgers/petitions?orgUnitId=${units.township.id}${choice}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      // a clear export has a watermark row above the title
      const top = choice ? 1 : 0;
      const header = (ws.getRow(top + 3).values as unknown[]).slice(1);
      const rows: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > top + 3) rows.push((row.values as unknown[]).slice(1));
      });
      return { header, rows };
    };
    const worker = await read(township);
    expect(worker.header).toEqual(['序号', '登记编号', '登记日期', '信访形式', '信访人', '人数', '联系电话', '住址', '人员类别', '信访事项(诉求)', '问题类别', '首办责任人', '包案领导', '受理日期', '办理期限', '延期情况', '办理结果', '答复日期', '是否复查/复核', '满意度', '办结日期', '备注']);
    const mine = worker.rows.find((r) => r.includes('13905728888') || r.includes('139****8888'));
    expect(mine?.[6]).toBe('139****8888');
    const seen = ok<Page<PetitionListItem>>(await township.get(`/api/petitions?orgUnitId=${units.township.id}&pageSize=200`));
    expect(worker.rows.length).toBe(seen.total);
    expect((await read(townshipHead)).rows.some((r) => r[6] === '13905728888')).toBe(false);
    const head = await read(townshipHead, `&unmasked=1&purpose=${encodeURIComponent('核对来信人联系电话')}`);
    expect(head.rows.some((r) => r[6] === '13905728888')).toBe(true);
    const exports = await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'petition.export').execute();
    expect(exports.length).toBe(3);
    expect(exports.map((e) => JSON.parse(e.detail!).sensitive).sort()).toEqual(['clear', 'masked', 'masked']);
    // outside the range: 404
    expectRefused(await village.get(`/api/ledgers/petitions?orgUnitId=${units.township.id}`), 404);
  });

  it('letters need their stage; a stale version is refused', async () => {
    const { id } = await registerPetition(township, body());
    expectRefused(await township.get(`/api/petitions/${id}/letters/acknowledgement`), 409, /尚未受理/);
    expectRefused(await township.get(`/api/petitions/${id}/letters/nonsense`), 400);
    const d = await detail(township, id);
    await actOk(township, id, 'accept', { acceptedOn: '2026-06-15' });
    expectRefused(await township.post(`/api/petitions/${id}/actions`, { action: 'notAccept', reason: '重复', version: d.version }), 409);
    const letter = ok<PetitionLetterDto>(await township.get(`/api/petitions/${id}/letters/acknowledgement`));
    expect(letter.paragraphs.join('')).toContain('2026年8月14日');
    expectRefused(await township.post(`/api/petitions/${id}/actions`, { action: 'fly', version: 1 }), 400);
  });
  it('the petitioner’s receipt of the reply is entered or left empty, never assumed; a future one is refused; the review request records a missing one', async () => {
    // omitted: stays empty (a letter still in the post)
    const a = await registerPetition(township, body({ receivedOn: '2026-06-01' }));
    await actOk(township, a.id, 'accept', { acceptedOn: '2026-06-02' });
    expectRefused(await act(township, a.id, 'reply', { outcome: 'explain', replyText: '已解释政策。', repliedOn: '2026-06-10', replyReceivedOn: '2026-06-16' }), 400, /信访人收到答复的日期不能晚于今天/);
    expectRefused(await act(township, a.id, 'reply', { outcome: 'explain', replyText: '已解释政策。', repliedOn: '2026-06-10', replyReceivedOn: '2026-06-09' }), 400, /不能早于答复日期/);
    let d = await actOk(township, a.id, 'reply', { outcome: 'explain', replyText: '已解释政策。', repliedOn: '2026-06-10' });
    expect(d).toMatchObject({ status: 'replied', repliedOn: '2026-06-10', replyReceivedOn: null });
    const stored = await sys.selectFrom('petitions').select(['replied_on', 'reply_received_on']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ replied_on: '2026-06-10', reply_received_on: null });
    // the review window runs from the receipt: the request must say when it was, and it is kept
    expectRefused(await act(township, a.id, 'requestReview', { requestedOn: '2026-06-14' }), 400, /请填写信访人收到答复的日期/);
    expectRefused(await act(township, a.id, 'requestReview', { requestedOn: '2026-06-14', replyReceivedOn: '2026-06-20' }), 400, /不能晚于今天/);
    d = await actOk(township, a.id, 'requestReview', { requestedOn: '2026-06-14', replyReceivedOn: '2026-06-12' });
    expect(d).toMatchObject({ status: 'reviewRequested', replyReceivedOn: '2026-06-12' });
    // null given explicitly is the same as omitted; a given day is stored as given
    const b = await registerPetition(township, body({ receivedOn: '2026-06-01' }));
    await actOk(township, b.id, 'accept', { acceptedOn: '2026-06-02' });
    expect((await actOk(township, b.id, 'reply', { outcome: 'support', replyText: '予以落实。', repliedOn: '2026-06-08', replyReceivedOn: null })).replyReceivedOn).toBeNull();
    const c = await registerPetition(township, body({ receivedOn: '2026-06-01' }));
    await actOk(township, c.id, 'accept', { acceptedOn: '2026-06-02' });
    expect((await actOk(township, c.id, 'reply', { outcome: 'support', replyText: '予以落实。', repliedOn: '2026-06-08', replyReceivedOn: '2026-06-11' })).replyReceivedOn).toBe('2026-06-11');
    expect((await sys.selectFrom('petitions').select('reply_received_on').where('id', '=', c.id).executeTakeFirstOrThrow()).reply_received_on).toBe('2026-06-11');
  });

  it('the 受理告知书 carries the query code and how to use it, headed and signed by the station’s full name; the county signs as its center', async () => {
    const created = await registerPetition(township, body());
    await actOk(township, created.id, 'accept', { acceptedOn: '2026-06-15' });
    const letter = ok<PetitionLetterDto>(await township.get(`/api/petitions/${created.id}/letters/acknowledgement`));
    expect(letter.unitName).toBe('孝丰镇退役军人服务站');
    expect(letter.queryCode).toBe(created.queryCode);
    expect(letter.queryPath).toBe('/public/petition-query');
    expect(letter.paragraphs.join('')).toMatch(/查询码.*手机号码.*信访查询/);
    // the code on the letter finds the petition on the public query page's API
    ok(await t.agent().post('/api/public/petition-query', { code: letter.queryCode, phone: '13905720001' }));
    // other letters carry no code
    const notAcc = await registerPetition(township, body());
    await actOk(township, notAcc.id, 'notAccept', { reason: '不属于信访事项' });
    const na = ok<PetitionLetterDto>(await township.get(`/api/petitions/${notAcc.id}/letters/notAccepted`));
    expect(na).toMatchObject({ unitName: '孝丰镇退役军人服务站', queryCode: null, queryPath: null });
    // the county's letters are signed by its center
    const atCounty = await registerPetition(county, body({ orgUnitId: units.county.id, handlerUserId: county.me!.id }));
    await actOk(county, atCounty.id, 'accept', { acceptedOn: '2026-06-15' });
    expect(ok<PetitionLetterDto>(await county.get(`/api/petitions/${atCounty.id}/letters/acknowledgement`)).unitName).toBe('安吉县退役军人服务中心');
    // a petition registered before codes were kept: the letter says the code was given at registration
    await sys.updateTable('petitions').set({ query_code_enc: null }).where('id', '=', created.id).execute();
    const old = ok<PetitionLetterDto>(await township.get(`/api/petitions/${created.id}/letters/acknowledgement`));
    expect(old.queryCode).toBeNull();
    expect(old.paragraphs.join('')).toContain('登记时告知的查询码');
  });

  it('sorts the list by receipt day, due day or registration number, either way; an unknown order is refused', async () => {
    for (const receivedOn of ['2026-06-02', '2026-05-20', '2026-06-11']) await registerPetition(township, body({ receivedOn, channel: 'phone' }));
    const list = async (sort: string) => ok<Page<PetitionListItem>>(await township.get(`/api/petitions?pageSize=200&sort=${sort}`)).items;
    const days = (await list('receivedOn')).map((p) => p.receivedOn);
    expect(days.length).toBeGreaterThanOrEqual(3);
    expect(days).toEqual([...days].sort());
    expect((await list('-receivedOn')).map((p) => p.receivedOn)).toEqual([...days].sort().reverse());
    const nos = (await list('registrationNo')).map((p) => p.registrationNo);
    expect(nos).toEqual([...nos].sort());
    expect((await list('-registrationNo')).map((p) => p.registrationNo)).toEqual([...nos].sort().reverse());
    const dues = (await list('dueDay')).map((p) => p.dueDay).filter((d): d is string => !!d);
    expect(dues).toEqual([...dues].sort());
    expectRefused(await township.get('/api/petitions?sort=petitionerName'), 400, /排序/);
  });

  it('registers a need raised in a visit as a petition in one step; the follow-up closes naming it, all or nothing', async () => {
    // a veteran of village 1, visited; the visit raised a need with a follow-up
    const r = await register(village, simpleForm(units.village1.id, '孙转办', makeId('1962-04-05', 731)));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    ok(await caseAct(county, (await openCaseOf(county, r.id)).id, 'approve'));
    const visit = await village.post('/api/visits', {
      clientKey: `pass-on-${Date.now()}`,
      recipientId: r.id,
      visitedOn: '2026-06-14',
      visitType: 'home',
      visitors: '刘秀英',
      followUps: [{ need: '反映退役安置待遇未落实，要求协调' }],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const followUpId = (visit.json() as { followUps: { id: string }[] }).followUps[0].id;
    const petitionFrom = (over: Record<string, unknown> = {}) =>
      body({ channel: 'visit', idNumber: makeId('1962-04-05', 731), dischargeCertChecked: true, petitionerName: '孙转办', recipientId: r.id, request: '反映退役安置待遇未落实，要求协调', fromFollowUpId: followUpId, ...over });

    // a refusal of the petition leaves the follow-up open
    const before = await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    expectRefused(await township.post('/api/petitions', petitionFrom({ repeatOf: '0'.repeat(20) })), 400);
    expect(await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow()).toEqual(before);

    const created = await registerPetition(township, petitionFrom());
    const f = await sys.selectFrom('visit_follow_ups').selectAll().where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f.status).toBe('passedOn');
    expect(f.passed_to).toBe(`petition:${created.id}`);
    // passed on once: a second registration from it is refused and nothing is registered
    const count = async () => Number((await sys.selectFrom('petitions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    expectRefused(await township.post('/api/petitions', petitionFrom()), 409, /已转办/);
    expect(await count()).toBe(n);
    // a follow-up outside the user's range is not found, and nothing is registered
    expectRefused(await township.post('/api/petitions', body({ fromFollowUpId: '0'.repeat(20) })), 404);
    expect(await count()).toBe(n);

    // the recipient page lists the person's petitions: the filter narrows, the guard still applies
    const ofRecipient = async (by: Agent, id: string) => ok<Page<PetitionListItem>>(await by.get(`/api/petitions?recipientId=${id}&pageSize=200`)).items;
    const linked = await ofRecipient(township, r.id);
    expect(linked.map((p) => p.id)).toEqual([created.id]);
    const total = ok<Page<PetitionListItem>>(await township.get('/api/petitions?pageSize=1')).total;
    expect(total).toBeGreaterThan(1);
    expect(await ofRecipient(village, r.id)).toEqual([]); // the village is below the township that handles it
    expect(await ofRecipient(county, r.id)).toHaveLength(1);
    expect(await ofRecipient(township, '0'.repeat(20))).toEqual([]);
    expectRefused(await township.get(`/api/petitions?recipientId=${encodeURIComponent('x; drop')}`), 400, /编号格式/);
  });
});

describe.each(dbKinds)('demo petitions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const n = await seedDemoPetitions(systemDb(t.db.handle.db), { crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
    expect(n).toBe(6);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the pages something at each stage: a yellow and a red warning, an extension, a reply, a closed one and a restricted accusation', async () => {
    const township = await t.login('township');
    const head = await t.login('townshiphead');
    const list = ok<Page<PetitionListItem>>(await township.get('/api/petitions?pageSize=50'));
    expect(list.items.map((i) => i.status).sort()).toEqual(['accepted', 'closed', 'extended', 'registered', 'replied']);
    expect(list.items.some((i) => i.warning === 'yellow')).toBe(true);
    expect(list.items.some((i) => i.warning === 'red')).toBe(true);
    const all = ok<Page<PetitionListItem>>(await head.get('/api/petitions?pageSize=50'));
    expect(all.items.filter((i) => i.restricted).length).toBe(1);
    expectRefused(await (await t.login('village')).get(`/api/petitions/${all.items.find((i) => i.restricted)!.id}`), 404);
  });
});

describe.each(dbKinds)('petition clocks and a newly loaded holiday year on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loading next year’s schedule recomputes the due day of an open petition from its receipt day', async () => {
    t.clock.set('2026-12-22T02:00:00.000Z');
    await systemDb(t.db.handle.db).updateTable('users').set({ password_changed_at: '2026-12-22T02:00:00.000Z' }).execute();
    const township = await t.login('township');
    const units = await demoUnits(t);
    const r = await registerPetition(township, petitionBody(units.township.id, township.me!.id, { receivedOn: '2026-12-20' }));
    // 2027 is not shipped: weekends only, 2027-01-04 is a Monday
    expect((await detail(township, r.id)).dueDay).toBe('2027-01-04');
    const admin = await t.login('admin');
    const res = ok<{ recomputed: number }>(await admin.put('/api/holiday-years/2027', { holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: [] }));
    expect(res.recomputed).toBeGreaterThanOrEqual(1);
    expect((await detail(township, r.id)).dueDay).toBe('2027-01-05');
    // the deadline in force is the one the on-time figures count against
    const d = await actOk(township, r.id, 'accept', { acceptedOn: '2026-12-22' });
    expect(d.acceptDueDay).toBe('2027-01-05');
  });
});
