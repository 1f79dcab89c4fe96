// Rights cases 权益维护 and the kernel's 督办 through the real API on every database: opening at the
// desk, from a petition and from a visit's follow-up; bad input refused in Chinese with nothing
// written; verification, supervision notices to the responsible body with their deadline,
// follow-up contacts, escalation, closing on time; the policy explanation and the report up for a
// request outside policy; an upper unit's supervision notice reaching the case unit's work queue,
// answered there, overdue when late; the range guard; list filters, figures and the .xlsx ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { RightsDetail, RightsFigures, RightsListItem } from '../../../shared/schemas/rights';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { petitionBody, registerPetition } from '../petitions/petitions-test-support';
import { RIGHTS_LEDGER_HEADERS } from './rights.export';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('rights cases on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  const ids: Record<string, string> = {};
  let person: RecipientDetail;
  let seq = 700;

  const newPerson = async (by: Agent, unitId: string, name: string) => registerApproved(by, county, simpleForm(unitId, name, makeId('1962-04-0' + ((seq % 9) + 1), ++seq)));
  const body = (over: Record<string, unknown> = {}) => ({
    recipientId: person.id,
    orgUnitId: units.village1.id,
    kind: 'employment',
    policy: '退役士兵安置条例：接收单位应当与安置对象签订不少于 3 年的劳动合同',
    partyKind: 'employer',
    partyName: '孝丰某建材有限公司',
    facts: '2025 年安置到该公司，2026 年 5 月被告知解除劳动合同，未支付经济补偿',
    request: '恢复劳动关系或依法给予补偿',
    openedOn: '2026-06-15',
    ...over,
  });
  const create = async (a: Agent, over: Record<string, unknown> = {}) => ok<RightsDetail>(await a.post('/api/rights', body(over)));
  const detail = async (a: Agent, id: string) => ok<RightsDetail>(await a.get(`/api/rights/${id}`));
  const act = async (a: Agent, id: string, action: string, data: Record<string, unknown> = {}) => {
    const d = await a.get(`/api/rights/${id}`);
    const version = d.statusCode === 200 ? (d.json() as RightsDetail).version : 1;
    return a.post(`/api/rights/${id}/actions`, { action, version, ...data });
  };
  const actOk = async (a: Agent, id: string, action: string, data: Record<string, unknown> = {}) => ok<RightsDetail>(await act(a, id, action, data));
  const verify = (conclusion: string) => ({ verifiedOn: '2026-06-15', method: 'site', verifiers: '刘秀英、张卫东', findings: '走访公司人事部门，解除合同属实，未支付补偿', conclusion });
  const notice = (over: Record<string, unknown> = {}) => ({ sentOn: '2026-06-15', content: '请于期限内依法支付经济补偿并书面回复', replyDays: 5, ...over });
  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue'));
  const count = async (table: 'rights_cases' | 'cases' | 'case_actions' | 'case_supervisions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('rights_cases'), await count('cases'), await count('case_actions'), await count('case_supervisions')];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    person = await newPerson(village, units.village1.id, '冯维权');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a case at the desk: verifying, due in 15 working days, logged, audited, mirrored', async () => {
    const c = await create(village);
    expect(c).toMatchObject({ status: 'verifying', statusLabel: '核查中', source: 'desk', recipientName: '冯维权', partyName: '孝丰某建材有限公司', kind: 'employment', conclusion: null });
    expect(c.recipientIdMasked).toContain('*');
    expect(c.dueDay! > '2026-07-01').toBe(true);
    expect(c.log.map((l) => l.action)).toEqual(['open']);
    expect(c.actions.map((a) => a.name).sort()).toEqual(['assign', 'assignmentAccept', 'assignmentReply', 'assignmentReturn', 'explain', 'notify', 'reportUp', 'supervisionReply', 'verify'].filter((a) => a !== 'reportUp').sort());
    const row = await sys.selectFrom('cases').select(['case_type', 'status', 'due_day', 'subject_id']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_type: 'rights', status: 'verifying', due_day: c.dueDay, subject_id: person.id });
    expect((await sys.selectFrom('rights_cases').select(['status', 'due_day']).where('id', '=', c.id).executeTakeFirstOrThrow())).toEqual({ status: 'verifying', due_day: c.dueDay });
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', c.id).execute()).map((a) => a.action)).toContain('rights.create');
    // the case waits on the village's queue
    expect((await queue(village)).items.some((i) => i.id === c.id && i.typeLabel === '权益维护')).toBe(true);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const other = await newPerson(village2, units.village2.id, '吴外村');
    const foreignPetition = await registerPetition(village2, petitionBody(units.village2.id, ids.village2, { idNumber: makeId('1960-01-01', ++seq) }));
    const hanggai = await newPerson(county, units.hanggaiVillage.id, '孙杭垓');
    const base = await counts();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ policy: '' }, 400, /政策/],
      [{ partyName: '  ' }, 400, /责任主体/],
      [{ kind: 'rich' }, 400, /权益类别/],
      [{ partyKind: 'alien' }, 400, /责任主体类别/],
      [{ facts: undefined }, 400, /基本事实/],
      [{ recipientId: other.id }, 404, /服务对象/],
      [{ orgUnitId: units.village2.id }, 404, /单位/],
      [{ orgUnitId: units.township.id, recipientId: person.id }, 200, /./],
      [{ openedOn: '2026-06-16' }, 400, /晚于今天/],
      [{ openedOn: '2026-02-30' }, 400, /不存在/],
      [{ fromPetitionId: foreignPetition.id }, 404, /信访事项/],
      [{ fromFollowUpId: '0'.repeat(20) }, 404, /后续事项/],
      [{ fromFollowUpId: '0'.repeat(20), fromPetitionId: foreignPetition.id }, 400, /只能来自/],
    ];
    for (const [over, status, msg] of cases) {
      if (status === 200) continue; // the township may open it: checked below
      const res = await village.post('/api/rights', body(over));
      const err = expectRefused(res, status, msg);
      expect(err.message, JSON.stringify(over)).toMatch(chinese);
    }
    // a village cannot open a case under the township (outside its range)
    expectRefused(await village.post('/api/rights', body({ orgUnitId: units.township.id })), 404, /单位/);
    // a unit that does not hold the person
    expectRefused(await township.post('/api/rights', body({ recipientId: hanggai.id })), 404, /服务对象/);
    expectRefused(await county.post('/api/rights', body({ recipientId: hanggai.id, orgUnitId: units.township.id })), 400, /所在单位或其上级/);
    expect(await counts()).toEqual(base);
  });

  it('verifies, sends supervision notices to the responsible body, follows up, escalates and closes on time', async () => {
    let c = await create(village);
    const before = await counts();
    // no notice before the verification; no explanation of a founded case
    expectRefused(await act(village, c.id, 'notify', notice()), 409, /核查/);
    expectRefused(await act(village, c.id, 'verify', { ...verify('founded'), verifiedOn: '2026-06-14' }), 400, /登记日期/);
    expectRefused(await act(village, c.id, 'verify', { ...verify('founded'), conclusion: 'maybe' }), 400, /核查结论/);
    expectRefused(await act(village, c.id, 'contact', { contactedOn: '2026-06-15', contactWith: '人事部', way: 'phone', content: '催办' }), 409, /核查中/);
    expect(await counts()).toEqual(before);
    c = await actOk(village, c.id, 'verify', verify('founded'));
    expect(c.verification).toMatchObject({ conclusion: 'founded', method: 'site' });
    expectRefused(await act(village, c.id, 'explain', { explainedOn: '2026-06-15', basis: '条例', explanation: '解释' }), 409, /情况属实/);
    expectRefused(await act(village, c.id, 'notify', notice({ replyDays: 0 })), 400, /回复期限/);
    expectRefused(await act(village, c.id, 'notify', notice({ replyDays: 61 })), 400, /回复期限/);
    expectRefused(await act(village, c.id, 'notify', notice({ content: '' })), 400, /督办通知/);
    expectRefused(await act(village, c.id, 'notify', notice({ sentOn: '2026-06-16' })), 400, /晚于今天/);
    // the township (above) handles nothing itself: it supervises
    expectRefused(await act(township, c.id, 'notify', notice()), 403);
    c = await actOk(village, c.id, 'notify', notice());
    expect(c.status).toBe('supervising');
    expect(c.notices).toHaveLength(1);
    expect(c.dueDay).toBe(c.notices[0].dueDay);
    expect(c.dueDay! > '2026-06-20').toBe(true);
    c = await actOk(village, c.id, 'contact', { contactedOn: '2026-06-15', contactWith: '公司人事部王经理', way: 'phone', content: '电话催办，答应一周内答复' });
    expect(c.contacts).toEqual([{ contactedOn: '2026-06-15', contactWith: '公司人事部王经理', way: 'phone', content: '电话催办，答应一周内答复', actorName: '刘秀英' }]);
    // unresolved: escalated to the township, which now handles it; the village keeps sight of it
    c = await actOk(village, c.id, 'escalate', { reason: '企业拒不答复' });
    expect(c.orgUnitId).toBe(units.township.id);
    expect(c.escalations).toEqual([{ fromUnitName: units.village1.name, toUnitName: expect.any(String), on: '2026-06-15', reason: '企业拒不答复' }]);
    expect((await detail(village, c.id)).actions).toEqual([]);
    expectRefused(await act(village, c.id, 'contact', { contactedOn: '2026-06-15', contactWith: 'x', way: 'phone', content: 'x' }), 403);
    c = await actOk(township, c.id, 'notify', notice({ content: '镇服务站再次督办', replyDays: 3 }));
    expect(c.notices.map((n) => n.seq)).toEqual([1, 2]);
    expectRefused(await act(township, c.id, 'close', { closedOn: '2026-06-15', outcome: 'great', result: '已补偿' }), 400, /办理结果/);
    c = await actOk(township, c.id, 'close', { closedOn: '2026-06-15', outcome: 'resolved', result: '公司支付经济补偿 3.2 万元' });
    expect(c).toMatchObject({ status: 'closed', outcome: 'resolved', onTime: true, closedOn: '2026-06-15', dueDay: null });
    expectRefused(await act(township, c.id, 'contact', { contactedOn: '2026-06-15', contactWith: 'x', way: 'phone', content: 'x' }), 409, /已办结/);
    expect(c.log.map((l) => l.action)).toEqual(['open', 'verify', 'notify', 'contact', 'escalate', 'notify', 'close']);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('a request outside policy: the explanation closes it, a reviewer reports it up, a worker may not', async () => {
    let c = await create(village, { kind: 'preferential', request: '要求按在编干部标准发放补贴' });
    expectRefused(await act(village, c.id, 'explain', { explainedOn: '2026-06-15', basis: '条例', explanation: '解释' }), 409, /核查/);
    c = await actOk(village, c.id, 'verify', verify('outsidePolicy'));
    expectRefused(await act(village, c.id, 'notify', notice()), 409, /政策解释/);
    expectRefused(await act(village, c.id, 'reportUp', { reportedOn: '2026-06-15', reportTo: '市退役军人事务局', suggestion: '建议研究' }), 403);
    c = await actOk(village, c.id, 'explain', { explainedOn: '2026-06-15', basis: '《军人抚恤优待条例》第三十条', explanation: '耐心解释现行标准，引导形成合理预期' });
    expect(c).toMatchObject({ status: 'explained', closedOn: '2026-06-15', onTime: true });
    expect(c.explanation?.basis).toContain('第三十条');
    const closedAt = (await sys.selectFrom('cases').select('closed_at').where('id', '=', c.id).executeTakeFirstOrThrow()).closed_at;
    t.clock.advance(60);
    c = await actOk(county, c.id, 'reportUp', { reportedOn: '2026-06-15', reportTo: '市退役军人事务局', suggestion: '同类诉求较多，建议研究提高标准' });
    expect(c.status).toBe('explained');
    expect(c.reports).toEqual([{ reportedOn: '2026-06-15', reportTo: '市退役军人事务局', suggestion: '同类诉求较多，建议研究提高标准', actorName: '李红梅' }]);
    // a record added to a closed case keeps its closing time
    expect((await sys.selectFrom('cases').select('closed_at').where('id', '=', c.id).executeTakeFirstOrThrow()).closed_at).toBe(closedAt);
    expectRefused(await act(village, c.id, 'verify', verify('founded')), 409, /已解释说明/);
  });

  it('督办: an upper unit supervises the case; the notice reaches the case unit queue, is answered there, and shows overdue when late', async () => {
    let c = await create(village);
    c = await actOk(village, c.id, 'verify', verify('founded'));
    // only a unit above the case's unit supervises; the case's unit answers
    expectRefused(await act(village, c.id, 'supervise', { content: '自己督办自己', replyDays: 3 }), 403);
    expectRefused(await act(township, c.id, 'supervise', { content: '', replyDays: 3 }), 400, /督办事项/);
    expectRefused(await act(township, c.id, 'supervise', { content: '请加快', replyDays: 0 }), 400, /回复期限/);
    expectRefused(await act(village2, c.id, 'supervise', { content: '越界', replyDays: 3 }), 404);
    c = await actOk(township, c.id, 'supervise', { content: '请 3 个工作日内报告核查处理情况', replyDays: 3 });
    expect(c.status).toBe('verifying');
    expect(c.supervisions).toHaveLength(1);
    const s = c.supervisions[0];
    expect(s).toMatchObject({ kind: 'supervise', kindLabel: '督办', issuerUnitName: expect.any(String), issuedOn: '2026-06-15', targetName: units.village1.name, reply: null, overdue: false });
    expect(s.dueDay > '2026-06-17').toBe(true);
    // in the village's work queue, not the township's
    const item = (await queue(village)).items.find((i) => i.provider === 'supervisions' && i.id === s.id);
    expect(item).toMatchObject({ typeLabel: '权益维护·督办', statusLabel: '待回复', dueDay: s.dueDay, link: `/rights/${c.id}` });
    expect((await queue(township)).items.some((i) => i.provider === 'supervisions')).toBe(false);
    expect((await queue(village2)).items.some((i) => i.provider === 'supervisions')).toBe(false);
    // late: overdue on the case and in the queue
    t.clock.set(`${s.dueDay}T16:30:00.000Z`);
    try {
      const [lateVillage, lateTownship] = [await t.login('village'), await t.login('township')];
      expect((await detail(lateTownship, c.id)).supervisions[0].overdue).toBe(true);
      const q = await queue(lateVillage);
      expect(q.items.find((i) => i.id === s.id)?.overdue).toBe(true);
      expect(q.overdue).toBeGreaterThanOrEqual(1);
      const n = ok<{ count: number; overdue: number }>(await lateVillage.get('/api/work-queue/count'));
      expect(n.overdue).toBe(q.overdue);
    } finally {
      t.clock.set('2026-06-15T02:00:00.000Z');
      village = await t.login('village');
      township = await t.login('township');
    }
    // the upper unit cannot answer its own notice; the answer is refused for a bad day
    expectRefused(await act(township, c.id, 'supervisionReply', { supervisionId: s.id, reply: '代答', repliedOn: '2026-06-15' }), 403);
    expectRefused(await act(village, c.id, 'supervisionReply', { supervisionId: s.id, reply: '', repliedOn: '2026-06-15' }), 400, /回复内容/);
    expectRefused(await act(village, c.id, 'supervisionReply', { supervisionId: s.id, reply: '已核查', repliedOn: '2026-06-14' }), 400, /不能早于/);
    expectRefused(await act(village, c.id, 'supervisionReply', { supervisionId: 'nope', reply: '已核查', repliedOn: '2026-06-15' }), 404, /督办/);
    c = await actOk(village, c.id, 'supervisionReply', { supervisionId: s.id, reply: '已完成核查，已向企业发出督办通知', repliedOn: '2026-06-15' });
    expect(c.supervisions[0]).toMatchObject({ reply: '已完成核查，已向企业发出督办通知', repliedOn: '2026-06-15', repliedByName: '刘秀英', overdue: false });
    expectRefused(await act(village, c.id, 'supervisionReply', { supervisionId: s.id, reply: '再答', repliedOn: '2026-06-15' }), 409, /已于/);
    expect((await queue(village)).items.some((i) => i.id === s.id)).toBe(false);
    expect(c.log.map((l) => l.action)).toEqual(['open', 'verify', 'supervise', 'supervisionReply']);
    // the kernel audits each
    const audits = (await sys.selectFrom('audit_logs').select('action').where('target_id', '=', c.id).execute()).map((a) => a.action);
    expect(audits).toEqual(expect.arrayContaining(['case.rights.supervise', 'case.rights.supervisionReply']));
  });

  it('evidence files: encrypted under the case unit, content-checked, listed on the case, each download audited, none after closing', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    let c = await create(village, { kind: 'preferential' });
    const up = ok<{ open: boolean; items: { id: string; name: string; size: number }[] }>(await village.post(`/api/rights/${c.id}/files`, { name: '解除合同通知.png', mime: 'image/png', dataBase64: png }));
    expect([up.open, up.items.map((f) => f.name)]).toEqual([true, ['解除合同通知.png']]);
    const before = await sys.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expectRefused(await village.post(`/api/rights/${c.id}/files`, { name: '假的.pdf', mime: 'application/pdf', dataBase64: png }), 400, /内容与类型不符/);
    expectRefused(await village.post(`/api/rights/${c.id}/files`, { name: '大.png', mime: 'image/png', dataBase64: 'A'.repeat(4_300_000) }), 400, /3 MB/);
    expectRefused(await village.post(`/api/rights/${c.id}/files`, { name: '', mime: 'image/gif', dataBase64: png }), 400);
    expect(await sys.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
    const row = await sys.selectFrom('files').select(['data_enc', 'org_path', 'owner_type', 'owner_id', 'kind']).where('id', '=', up.items[0].id).executeTakeFirstOrThrow();
    expect([row.owner_type, row.owner_id, row.kind, row.org_path]).toEqual(['case', c.id, 'evidence', units.village1.path]);
    expect(row.data_enc).not.toContain(png.slice(0, 20));
    expect((await detail(township, c.id)).evidence.map((f) => f.name)).toEqual(['解除合同通知.png']);
    const file = await township.get(`/api/rights/${c.id}/files/${up.items[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString('base64')).toBe(png);
    const audits = (await sys.selectFrom('audit_logs').select(['action', 'username']).where('target_id', '=', c.id).execute()).map((a) => `${a.action}:${a.username}`);
    expect(audits).toEqual(expect.arrayContaining(['rights.evidence-add:village', 'rights.evidence-view:township']));
    // outside the range: nothing, not even the list
    expectRefused(await village2.get(`/api/rights/${c.id}/files`), 404);
    expectRefused(await village2.get(`/api/rights/${c.id}/files/${up.items[0].id}`), 404);
    expectRefused(await village2.post(`/api/rights/${c.id}/files`, { name: '越界.png', mime: 'image/png', dataBase64: png }), 404);
    // a file id of another case is not found through this one
    const other = await create(village);
    expectRefused(await village.get(`/api/rights/${other.id}/files/${up.items[0].id}`), 404);
    c = await actOk(village, c.id, 'verify', verify('outsidePolicy'));
    c = await actOk(village, c.id, 'explain', { explainedOn: '2026-06-15', basis: '条例', explanation: '已解释' });
    expectRefused(await village.post(`/api/rights/${c.id}/files`, { name: '晚了.png', mime: 'image/png', dataBase64: png }), 409, /已办结/);
    expect(ok<{ open: boolean }>(await village.get(`/api/rights/${c.id}/files`)).open).toBe(false);
  });

  it('opens from a petition of the range and from a visit follow-up (closing it as passed on)', async () => {
    const p = await registerPetition(village, petitionBody(units.village1.id, ids.village, { idNumber: makeId('1961-02-03', ++seq) }));
    const fromPetition = await create(village, { fromPetitionId: p.id });
    expect(fromPetition).toMatchObject({ source: 'petition', sourceId: p.id });
    expect(fromPetition.log[0].data).toMatchObject({ source: 'petition', petitionNo: expect.any(String) });

    const r = await newPerson(village, units.village1.id, '钱反映');
    const visit = await village.post('/api/visits', { clientKey: `rights-pass-on-${kind}`, recipientId: r.id, visitedOn: '2026-06-14', visitType: 'home', visitors: '刘秀英', followUps: [{ need: '子女入学优待未落实' }] });
    expect(visit.statusCode, visit.body).toBe(201);
    const [followUpId] = (visit.json() as { followUps: { id: string }[] }).followUps.map((f) => f.id);
    const before = await counts();
    expectRefused(await village.post('/api/rights', body({ fromFollowUpId: followUpId })), 400, /不是此服务对象/);
    expect(await counts()).toEqual(before);
    const c = await create(village, { recipientId: r.id, kind: 'education', fromFollowUpId: followUpId });
    expect(c.source).toBe('followUp');
    const f = await sys.selectFrom('visit_follow_ups').select(['status', 'passed_to']).where('id', '=', followUpId).executeTakeFirstOrThrow();
    expect(f).toEqual({ status: 'passedOn', passed_to: `rights:${c.id}` });
    expectRefused(await village.post('/api/rights', body({ recipientId: r.id, fromFollowUpId: followUpId })), 409);
  });

  it('keeps cases in range, lists with filters and sort, counts figures and exports the masked ledger', async () => {
    const mine = await create(village, { kind: 'housing', partyKind: 'office', partyName: '某镇政府' });
    expectRefused(await village2.get(`/api/rights/${mine.id}`), 404);
    expectRefused(await act(village2, mine.id, 'verify', verify('founded')), 404);
    const list = async (a: Agent, q = '') => ok<Page<RightsListItem>>(await a.get(`/api/rights?pageSize=200${q}`));
    expect((await list(village2)).items.some((i) => i.id === mine.id)).toBe(false);
    expect((await list(village, '&kind=housing')).items.map((i) => i.id)).toContain(mine.id);
    expect((await list(village, '&kind=housing')).items.every((i) => i.kind === 'housing')).toBe(true);
    expect((await list(village, '&partyKind=office')).items.every((i) => i.partyKind === 'office')).toBe(true);
    expect((await list(village, '&open=false')).items.every((i) => i.status === 'closed' || i.status === 'explained')).toBe(true);
    expect((await list(county, `&recipientId=${person.id}`)).items.every((i) => i.recipientId === person.id)).toBe(true);
    expect((await list(village, '&overdue=true')).items).toEqual([]);
    const asc = (await list(village, '&sort=dueDay&order=asc')).items.filter((i) => i.dueDay).map((i) => i.dueDay!);
    expect(asc).toEqual([...asc].sort());
    expectRefused(await village.get('/api/rights?status=lost'), 400, /状态/);
    expectRefused(await village.get('/api/rights?openedFrom=2026-06-20&openedTo=2026-06-01'), 400, /结束日期/);
    expectRefused(await village2.get(`/api/rights?orgUnitId=${units.village1.id}`), 404);

    const fig = ok<RightsFigures>(await county.get('/api/rights/figures?from=2026-06-01&to=2026-06-30'));
    const all = (await list(county)).items;
    expect(fig.opened).toBe(all.length);
    expect(fig.closed).toBe(all.filter((i) => i.closedOn).length);
    expect(fig.closedOnTime + fig.closedLate).toBe(fig.closed);
    expect(fig.open).toBe(all.filter((i) => i.status === 'verifying' || i.status === 'supervising').length);
    expect(fig.byKind.find((k) => k.kind === 'housing')?.opened).toBeGreaterThanOrEqual(1);
    expect(ok<RightsFigures>(await village2.get('/api/rights/figures?from=2026-06-01&to=2026-06-30')).opened).toBe(0);
    expectRefused(await county.get('/api/rights/figures?from=2026-06-30&to=2026-06-01'), 400, /结束日期/);

    const res = await village.get(`/api/ledgers/rights?orgUnitId=${units.village1.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(RIGHTS_LEDGER_HEADERS);
    const data = rows.slice(header + 1);
    expect(data.length).toBe((await list(village, `&orgUnitId=${units.village1.id}`)).items.length);
    const idNo = person.idNumberMasked;
    expect(data.some((r) => r[1] === '冯维权' && r[2] === idNo)).toBe(true);
    // masked: no plain ID number anywhere
    expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);
    expect((await sys.selectFrom('audit_logs').select('action').where('action', '=', 'rights.export').execute()).length).toBeGreaterThanOrEqual(1);
  });
});
