// Petition handling of issue 14 through the real API on every database: handling entries on the
// timeline, 交办 down to a lower unit (which then sees the petition and has it in its work queue)
// or out to a department, the reply received, 督办 from the level above answered by the handler,
// 一对一包联 and 一案一专班; bad input refused in Chinese with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, ok, type Units } from '../recipients/recipients-test-support';
import type { AssignmentDto } from '../../../shared/schemas/supervision';
import { act, actOk, detail, petitionBody, registerPetition } from './petitions-test-support';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('petition handling, 交办 and 督办 on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  const ids: Record<string, string> = {};
  const count = async (table: 'case_actions' | 'case_supervisions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('case_actions'), await count('case_supervisions')];
  const queue = async (a: Agent) => (await a.get('/api/work-queue')).json() as Queue;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records handling entries on the timeline without moving the stage; bad ones refused', async () => {
    const p = await registerPetition(township, petitionBody(units.township.id, ids.township));
    const before = await counts();
    expectRefused(await act(township, p.id, 'handle', { handledOn: '2026-06-14', what: '' }), 400, /办理情况/);
    expectRefused(await act(township, p.id, 'handle', { handledOn: '2026-06-16', what: '约谈' }), 400, /晚于今天/);
    expectRefused(await act(township, p.id, 'handle', { handledOn: '2026-06-09', what: '约谈' }), 400, /收到日期/);
    expectRefused(await act(village, p.id, 'handle', { handledOn: '2026-06-14', what: '越界' }), 404);
    expect(await counts()).toEqual(before);
    const d = await actOk(township, p.id, 'handle', { handledOn: '2026-06-14', what: '与信访人面谈，调取安置档案', withWhom: '县人社局劳动监察大队' });
    expect(d.status).toBe('registered');
    expect(d.handlings).toEqual([{ seq: 2, handledOn: '2026-06-14', what: '与信访人面谈，调取安置档案', withWhom: '县人社局劳动监察大队', actorName: '张卫东', at: expect.any(String), files: [] }]);
    expect(d.log.at(-1)).toMatchObject({ action: 'handle', actionLabel: '办理记录', fromStatus: 'registered', toStatus: 'registered' });
    // the acceptance clock is not restarted by an entry
    expect(d.acceptDueDay).toBe((await detail(township, p.id)).acceptDueDay);
  });

  it('a handling entry carries attachments: checked, encrypted, on its timeline entry, downloads audited; nothing written when one is bad', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const pdf = Buffer.from('%PDF-1.4 约谈笔录').toString('base64');
    const p = await registerPetition(township, petitionBody(units.township.id, ids.township));
    const files = () => sys.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const before = [await counts(), await files()];
    // one bad file refuses the whole entry
    expectRefused(await act(township, p.id, 'handle', { handledOn: '2026-06-14', what: '约谈', files: [{ name: '笔录.pdf', mime: 'application/pdf', dataBase64: pdf }, { name: '假.png', mime: 'image/png', dataBase64: pdf }] }), 400, /内容与类型不符/);
    const four = Array.from({ length: 4 }, (_, n) => ({ name: `照片${n}.png`, mime: 'image/png', dataBase64: png }));
    expectRefused(await act(township, p.id, 'handle', { handledOn: '2026-06-14', what: '约谈', files: four }), 400, /最多 3 个附件/);
    expect([await counts(), await files()]).toEqual(before);
    let d = await actOk(township, p.id, 'handle', { handledOn: '2026-06-14', what: '约谈企业负责人', withWhom: '企业人事经理', files: [{ name: '约谈笔录.pdf', mime: 'application/pdf', dataBase64: pdf }, { name: '现场照片.png', mime: 'image/png', dataBase64: png }] });
    d = await actOk(township, p.id, 'handle', { handledOn: '2026-06-14', what: '电话回访信访人' });
    expect(d.handlings.map((h) => [h.what, h.files.map((f) => f.name)])).toEqual([
      ['约谈企业负责人', ['约谈笔录.pdf', '现场照片.png']],
      ['电话回访信访人', []],
    ]);
    const [first] = d.handlings;
    // the log keeps the entry, never the bytes
    expect(JSON.stringify(d.log)).not.toContain(png.slice(0, 16));
    const row = await sys.selectFrom('files').select(['owner_type', 'owner_id', 'kind', 'org_path', 'data_enc']).where('id', '=', first.files[0].id).executeTakeFirstOrThrow();
    expect([row.owner_type, row.owner_id, row.kind, row.org_path]).toEqual(['case', p.id, `handling:${first.seq}`, units.township.path]);
    expect(row.data_enc).not.toContain(pdf.slice(0, 12));
    const got = await county.get(`/api/petitions/${p.id}/files/${first.files[0].id}`);
    expect([got.statusCode, got.headers['content-type'], got.rawPayload.toString('base64')]).toEqual([200, 'application/pdf', pdf]);
    const audits = await sys.selectFrom('audit_logs').select(['action', 'username']).where('target_id', '=', p.id).where('action', '=', 'petition.file-view').execute();
    expect(audits).toEqual([{ action: 'petition.file-view', username: 'county' }]);
    expectRefused(await village.get(`/api/petitions/${p.id}/files/${first.files[0].id}`), 404);
    expectRefused(await township.get(`/api/petitions/nope/files/${first.files[0].id}`), 404);
  });

  it('检举控告: the attachments of its entries keep the petition visibility rule (the accused and the rest of the range see nothing)', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const townshipHead = await t.login('townshiphead');
    const countyHead = await t.login('countyhead');
    const r = await registerPetition(county, petitionBody(units.township.id, ids.townshiphead, { type: 'accusation', accusedUserIds: [ids.township], request: '检举某工作人员违规' }));
    const d = await actOk(townshipHead, r.id, 'handle', { handledOn: '2026-06-14', what: '调取考勤记录', files: [{ name: '考勤记录.png', mime: 'image/png', dataBase64: png }] });
    const f = d.handlings[0].files[0];
    expect(f.name).toBe('考勤记录.png');
    for (const named of [townshipHead, county]) expect((await named.get(`/api/petitions/${r.id}/files/${f.id}`)).statusCode).toBe(200);
    // the accused worker, and staff of the range who are not named, get nothing
    for (const outsider of [township, countyHead, village]) {
      expectRefused(await outsider.get(`/api/petitions/${r.id}/files/${f.id}`), 404);
      expectRefused(await outsider.get(`/api/petitions/${r.id}`), 404);
    }
  });

  it('交办 down to a lower unit and out to a department, with the reply received; 督办 from above answered by the handler', async () => {
    const p = await registerPetition(township, petitionBody(units.township.id, ids.township));
    await actOk(township, p.id, 'accept', { acceptedOn: '2026-06-12' });
    // the village cannot see it before it is assigned
    expectRefused(await village.get(`/api/petitions/${p.id}`), 404);
    const before = await counts();
    expectRefused(await act(township, p.id, 'assign', { target: 'unit', orgUnitId: units.county.id, content: '请核查', replyDays: 5 }), 400, /管辖范围/);
    expectRefused(await act(township, p.id, 'assign', { target: 'unit', orgUnitId: units.township.id, content: '请核查', replyDays: 5 }), 400, /下级单位/);
    expectRefused(await act(township, p.id, 'assign', { target: 'unit', content: '请核查', replyDays: 5 }), 400, /下级单位或填写部门/);
    expectRefused(await act(township, p.id, 'assign', { target: 'department', department: '', content: '请核查', replyDays: 5 }), 400, /部门/);
    expectRefused(await act(township, p.id, 'assign', { target: 'unit', orgUnitId: units.village1.id, content: '请核查', replyDays: 99 }), 400, /回复期限/);
    expect(await counts()).toEqual(before);
    let d = await actOk(township, p.id, 'assign', { target: 'unit', orgUnitId: units.village1.id, content: '请村服务站上门了解情况，5 个工作日内回复', replyDays: 5 });
    const toVillage = d.supervisions[0];
    expect(toVillage).toMatchObject({ kind: 'assign', kindLabel: '交办', targetName: units.village1.name, external: false, reply: null });
    // the village has the item in its queue (opening the assignment, not the petition, which it still cannot see); the other village has nothing
    expectRefused(await village.get(`/api/petitions/${p.id}`), 404);
    expect((await queue(village)).items.find((i) => i.id === toVillage.id)).toMatchObject({ typeLabel: '信访事项·交办', dueDay: toVillage.dueDay, link: `/assignments/${toVillage.id}` });
    expectRefused(await village2.get(`/api/petitions/${p.id}`), 404);
    d = await actOk(township, p.id, 'assign', { target: 'department', department: '县人社局', content: '请核查劳动合同解除情况', replyDays: 10 });
    expect(d.supervisions[1]).toMatchObject({ kind: 'assign', targetName: '县人社局', external: true });
    // the department's reply is received and recorded by the township
    expectRefused(await act(township, p.id, 'assignmentReply', { supervisionId: d.supervisions[1].id, reply: '', repliedOn: '2026-06-15' }), 400, /回复内容/);
    d = await actOk(township, p.id, 'assignmentReply', { supervisionId: d.supervisions[1].id, reply: '已责令企业补签合同', repliedOn: '2026-06-15' });
    expect(d.supervisions[1]).toMatchObject({ reply: '已责令企业补签合同', repliedOn: '2026-06-15', repliedByName: '张卫东' });
    // an item assigned to a unit of the tree is answered by that unit, not recorded by the assigning one
    expectRefused(await act(township, p.id, 'assignmentReply', { supervisionId: toVillage.id, reply: '村里已上门，情况属实', repliedOn: '2026-06-15' }), 403, /自行回复/);
    ok(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '村里已上门，情况属实', result: '情况属实', repliedOn: '2026-06-15' }));
    expect((await queue(village)).items.some((i) => i.id === toVillage.id)).toBe(false);
    d = await detail(township, p.id);

    // 督办 from the county, answered by the township's handler
    expectRefused(await act(township, p.id, 'supervise', { content: '自督', replyDays: 3 }), 403);
    d = await actOk(county, p.id, 'supervise', { content: '请加快办理，3 个工作日内报告进展', replyDays: 3 });
    const s = d.supervisions[2];
    expect(s).toMatchObject({ kind: 'supervise', kindLabel: '督办', targetName: expect.any(String), reply: null });
    expect((await queue(township)).items.find((i) => i.id === s.id)).toMatchObject({ typeLabel: '信访事项·督办', statusLabel: '待回复' });
    expect((await queue(county)).items.some((i) => i.id === s.id)).toBe(false);
    expectRefused(await act(county, p.id, 'supervisionReply', { supervisionId: s.id, reply: '代答', repliedOn: '2026-06-15' }), 403);
    d = await actOk(township, p.id, 'supervisionReply', { supervisionId: s.id, reply: '已约谈企业，预计本周答复信访人', repliedOn: '2026-06-15' });
    expect(d.supervisions[2]).toMatchObject({ repliedByName: '张卫东', overdue: false });
    expect(d.status).toBe('accepted');
    expect(d.log.map((l) => l.action)).toEqual(['register', 'accept', 'assign', 'assign', 'assignmentReply', 'assignmentUnitReply', 'supervise', 'supervisionReply']);
    // once replied, no 督办 or 交办 work after the reply stage
    await actOk(township, p.id, 'reply', { outcome: 'support', replyText: '支持', repliedOn: '2026-06-15', replyReceivedOn: null });
    expectRefused(await act(county, p.id, 'supervise', { content: '晚了', replyDays: 3 }), 409);
  });

  it('交办 to a lower unit: it sees only the assignment, replies itself with files; the assigning unit sends it back or accepts it; attacks refused', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const p = await registerPetition(township, petitionBody(units.township.id, ids.township));
    let d = await actOk(township, p.id, 'assign', { target: 'unit', orgUnitId: units.village1.id, content: '请上门核实家庭情况', replyDays: 5 });
    d = await actOk(township, p.id, 'assign', { target: 'department', department: '县民政局', content: '请核实低保', replyDays: 5 });
    d = await actOk(county, p.id, 'supervise', { content: '请加快', replyDays: 3 });
    const [toVillage, toDept, notice] = d.supervisions;
    const a = ok<AssignmentDto>(await village.get(`/api/assignments/${toVillage.id}`));
    expect(a).toMatchObject({ id: toVillage.id, caseTypeLabel: '信访事项', content: '请上门核实家庭情况', mayReply: true, reply: null, review: null, files: [] });
    expect(a.caseTitle.length).toBeGreaterThan(0);
    // nothing else of the case: not the petition, its log, its files, nor the generic case routes
    expectRefused(await village.get(`/api/petitions/${p.id}`), 404);
    expectRefused(await village.get(`/api/cases/${p.id}`), 404);
    // another village, a forged id, a department item or a 督办 notice id: not found
    expectRefused(await village2.get(`/api/assignments/${toVillage.id}`), 404);
    expectRefused(await village2.post(`/api/assignments/${toVillage.id}/reply`, { reply: '越界', result: '越界', repliedOn: '2026-06-15' }), 404);
    for (const forged of ['nope', toDept.id, notice.id]) {
      expectRefused(await village.get(`/api/assignments/${forged}`), 404);
      expectRefused(await township.post(`/api/assignments/${forged}/reply`, { reply: '伪造', result: '伪造', repliedOn: '2026-06-15' }), 404);
    }
    // the delegated action is not reachable through the case routes, even by a unit that sees the case
    const v = (await detail(township, p.id)).version;
    expectRefused(await township.post(`/api/cases/${p.id}/actions`, { action: 'assignmentUnitReply', version: v, comment: '', data: { supervisionId: toVillage.id, reply: '代答', result: '代答', repliedOn: '2026-06-15' } }), 400);
    // the assigning unit above cannot answer in the village's name; nothing to review before a reply
    expectRefused(await township.post(`/api/assignments/${toVillage.id}/reply`, { reply: '代答', result: '代答', repliedOn: '2026-06-15' }), 403, /接收单位/);
    expectRefused(await act(township, p.id, 'assignmentAccept', { supervisionId: toVillage.id }), 409, /尚未回复/);
    const before = await counts();
    expectRefused(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '', result: '属实', repliedOn: '2026-06-15' }), 400, /办理情况/);
    expectRefused(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '已上门', result: '属实', repliedOn: '2026-06-16' }), 400, /晚于今天/);
    expectRefused(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '已上门', result: '属实', repliedOn: '2026-06-15', files: [{ name: '假.png', mime: 'image/png', dataBase64: Buffer.from('%PDF').toString('base64') }] }), 400, /内容与类型不符/);
    expect(await counts()).toEqual(before);
    let r = ok<AssignmentDto>(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '已上门核实', result: '家庭困难属实', repliedOn: '2026-06-15', files: [{ name: '走访照片.png', mime: 'image/png', dataBase64: png }] }));
    expect(r).toMatchObject({ reply: '已上门核实', result: '家庭困难属实', repliedOn: '2026-06-15', repliedByName: '刘秀英', mayReply: false });
    expect(r.files.map((f) => f.name)).toEqual(['走访照片.png']);
    expectRefused(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '再答', result: '再答', repliedOn: '2026-06-15' }), 409, /等待交办单位审核/);
    // the assigning unit sees the reply and its file on the case and downloads it (audited)
    d = await detail(township, p.id);
    const s1 = d.supervisions.find((x) => x.id === toVillage.id)!;
    expect(s1).toMatchObject({ reply: '已上门核实', result: '家庭困难属实', review: null });
    const fileId = s1.files[0].id;
    expect((await township.get(`/api/assignments/${toVillage.id}/files/${fileId}`)).rawPayload.toString('base64')).toBe(png);
    expect((await village.get(`/api/assignments/${toVillage.id}/files/${fileId}`)).statusCode).toBe(200);
    expectRefused(await village2.get(`/api/assignments/${toVillage.id}/files/${fileId}`), 404);
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'assignment.file-view').execute()).map((x) => x.username).sort()).toEqual(['township', 'village']);
    // sent back with a comment: in the village's queue again, answered again
    expectRefused(await act(township, p.id, 'assignmentReturn', { supervisionId: toVillage.id }), 400, /意见或理由/);
    d = await actOk(township, p.id, 'assignmentReturn', { supervisionId: toVillage.id, comment: '请补充收入证明' });
    expect(d.supervisions.find((x) => x.id === toVillage.id)).toMatchObject({ review: 'returned', reviewComment: '请补充收入证明', repliedOn: null, returns: 1 });
    expect((await queue(village)).items.some((i) => i.id === toVillage.id)).toBe(true);
    r = ok<AssignmentDto>(await village.get(`/api/assignments/${toVillage.id}`));
    expect(r).toMatchObject({ review: 'returned', reviewComment: '请补充收入证明', mayReply: true });
    r = ok<AssignmentDto>(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '已补充收入证明', result: '月收入低于当地低保标准', repliedOn: '2026-06-15' }));
    expect(r).toMatchObject({ review: null, result: '月收入低于当地低保标准' });
    d = await actOk(township, p.id, 'assignmentAccept', { supervisionId: toVillage.id });
    expect(d.supervisions.find((x) => x.id === toVillage.id)).toMatchObject({ review: 'accepted', reviewedByName: '张卫东' });
    // after acceptance: no further reply, no second review
    expectRefused(await village.post(`/api/assignments/${toVillage.id}/reply`, { reply: '再改', result: '再改', repliedOn: '2026-06-15' }), 409, /采纳/);
    expectRefused(await act(township, p.id, 'assignmentReturn', { supervisionId: toVillage.id, comment: '再退' }), 409, /已采纳/);
    expect(ok<AssignmentDto>(await village.get(`/api/assignments/${toVillage.id}`)).mayReply).toBe(false);
    expect(d.log.map((l) => l.action).filter((x) => x.startsWith('assignment'))).toEqual(['assignmentUnitReply', 'assignmentReturn', 'assignmentUnitReply', 'assignmentAccept']);
    expect(d.log.find((l) => l.action === 'assignmentUnitReply')).toMatchObject({ actorName: '刘秀英' });
    // a department item is still recorded by the assigning unit
    d = await actOk(township, p.id, 'assignmentReply', { supervisionId: toDept.id, reply: '民政局已复函', repliedOn: '2026-06-15' });
    expect(d.supervisions.find((x) => x.id === toDept.id)).toMatchObject({ reply: '民政局已复函' });
    expectRefused(await village.get(`/api/petitions/${p.id}`), 404);
  });

  it('一对一包联 and 一案一专班: named staff of the unit or above, never outside the range', async () => {
    const p = await registerPetition(township, petitionBody(units.township.id, ids.township));
    const before = await counts();
    expectRefused(await act(township, p.id, 'setContacts', { contactUserId: ids.village }), 400, /包联人员/);
    expectRefused(await act(township, p.id, 'setContacts', { teamUserIds: [ids.township] }), 400, /专班负责人/);
    expectRefused(await act(township, p.id, 'setContacts', { teamLeaderUserId: ids.townshiphead, teamUserIds: [ids.township, ids.township] }), 400, /重复/);
    expectRefused(await act(township, p.id, 'setContacts', { teamLeaderUserId: ids.townshiphead, teamUserIds: [ids.admin] }), 400, /专班成员/);
    // the county's staff are above the unit but outside the township's range
    expectRefused(await act(township, p.id, 'setContacts', { teamLeaderUserId: ids.townshiphead, teamUserIds: [ids.county] }), 400, /专班成员/);
    expect(await counts()).toEqual(before);
    const d = await actOk(township, p.id, 'setContacts', { contactUserId: ids.township, teamLeaderUserId: ids.townshiphead, teamUserIds: [ids.township] });
    expect(d.keyContact).toEqual({ userId: ids.township, name: '张卫东' });
    expect(d.team).toEqual({ leader: { userId: ids.townshiphead, name: '陈志刚' }, members: [{ userId: ids.township, name: '张卫东' }] });
    const cleared = await actOk(township, p.id, 'setContacts', {});
    expect([cleared.keyContact, cleared.team]).toEqual([null, null]);
    const err = expectRefused(await act(township, p.id, 'setContacts', { contactUserId: 'nobody' }), 400);
    expect(err.message).toMatch(chinese);
  });
});
