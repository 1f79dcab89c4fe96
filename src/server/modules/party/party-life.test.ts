// Branch meetings 三会一课/主题党日 and volunteer teams 志愿服务队/示范岗 through the real API on every
// database: a meeting recorded with every member's attendance (bad input refused in Chinese with
// nothing written), a member's attendance history, the count per branch, kind and period equal to
// the list behind it, the meetings ledger; a team with members of its range, activities of its
// members with hours, its ledger; and the range guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { PartyBranchDto } from '../../../shared/schemas/party';
import type { PartyMeetingDetail, PartyMeetingDto, PartyMeetingFigures, PartyMemberMeetings, VolunteerTeamDetail, VolunteerTeamDto } from '../../../shared/schemas/party-life';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { PARTY_MEETING_LEDGER_HEADERS, VOLUNTEER_TEAM_LEDGER_HEADERS } from './party-life.export';

async function sheet(res: { statusCode: number; body: string; rawPayload: Buffer }) {
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

describe.each(dbKinds)('branch meetings and volunteer teams on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let a: RecipientDetail;
  let b: RecipientDetail;
  let c: RecipientDetail;
  let branch: PartyBranchDto;
  let seq = 900;

  const newPerson = async (unitId: string, name: string, politicalStatus: string | null = 'cpcMember') =>
    registerApproved(village, county, simpleForm(unitId, name, makeId('1972-03-0' + ((seq % 9) + 1), ++seq), { politicalStatus }));
  const count = async (table: 'party_meetings' | 'party_meeting_attendance' | 'volunteer_teams' | 'volunteer_team_members' | 'volunteer_activities' | 'volunteer_activity_people') =>
    Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['party_meetings', 'party_meeting_attendance', 'volunteer_teams', 'volunteer_team_members', 'volunteer_activities', 'volunteer_activity_people'] as const).map(count));
  const meetingBody = (over: Record<string, unknown> = {}) => ({
    branchId: branch.id,
    kind: 'partyLecture',
    heldOn: '2026-05-20',
    topic: '学习党的二十大精神',
    place: '孝丰镇退役军人服务站',
    host: '张书记',
    content: '集中学习并交流',
    attendance: [
      { recipientId: a.id, attendance: 'present', reason: '' },
      { recipientId: b.id, attendance: 'excused', reason: '外出务工' },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    a = await newPerson(units.village1.id, '孙出席');
    b = await newPerson(units.village1.id, '李请假');
    c = await newPerson(units.village1.id, '赵群众', null);
    branch = ok<PartyBranchDto>(await township.post('/api/party/branches', { orgUnitId: units.township.id, name: '孝丰镇退役军人党支部', kind: 'veterans' }));
    for (const p of [a, b]) ok(await village.put(`/api/party/members/${p.id}`, { version: 0, joinedOn: null, branchId: branch.id }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a meeting with the attendance of every member of the branch; bad input changes nothing', async () => {
    const before = await counts();
    const bad: [Agent, Record<string, unknown>, number, RegExp?][] = [
      [township, { heldOn: '2026-07-01' }, 400, /会议日期不能晚于今天/],
      [township, { heldOn: '2026-02-30' }, 400, /不存在/],
      [township, { topic: '' }, 400, /会议主题/],
      [township, { kind: 'party' }, 400, /会议类别/],
      [township, { attendance: [{ recipientId: a.id, attendance: 'present', reason: '' }] }, 400, /尚缺：李请假/],
      [township, { attendance: [{ recipientId: a.id, attendance: 'present' }, { recipientId: b.id, attendance: 'excused', reason: '' }] }, 400, /请假须填写原因/],
      [township, { attendance: [{ recipientId: a.id, attendance: 'present' }, { recipientId: a.id, attendance: 'absent' }] }, 400, /重复/],
      [township, { attendance: [...meetingBody().attendance, { recipientId: c.id, attendance: 'present' }] }, 400, /不是该党支部党员/],
      // the branch is kept above the village: the township records its meetings
      [village, {}, 400, /上级单位/],
      [county, { branchId: 'no-such-branch' }, 404],
    ];
    for (const [who, over, status, msg] of bad) expectRefused(await who.post('/api/party/meetings', meetingBody(over)), status, msg);
    expect(await counts()).toEqual(before);

    const m = ok<PartyMeetingDetail>(await township.post('/api/party/meetings', meetingBody()));
    expect([m.kind, m.branchName, m.present, m.excused, m.absent, m.canEdit]).toEqual(['partyLecture', '孝丰镇退役军人党支部', 1, 1, 0, true]);
    expect(m.attendance.map((x) => [x.name, x.attendance, x.reason]).sort()).toEqual([['孙出席', 'present', ''], ['李请假', 'excused', '外出务工']].sort());
    expectRefused(await village2.get(`/api/party/meetings/${m.id}`), 404);
    expectRefused(await village.get(`/api/party/meetings/${m.id}`), 404);

    // changed at the version seen; a stale version is refused
    const changed = ok<PartyMeetingDetail>(
      await township.put(`/api/party/meetings/${m.id}`, { ...meetingBody({ topic: '学习党章' }), version: m.version, attendance: [{ recipientId: a.id, attendance: 'present' }, { recipientId: b.id, attendance: 'absent' }] }),
    );
    expect([changed.topic, changed.absent, changed.version]).toEqual(['学习党章', 1, 2]);
    expectRefused(await township.put(`/api/party/meetings/${m.id}`, { ...meetingBody(), version: m.version }), 409, /刷新/);
    expectRefused(await township.put(`/api/party/meetings/${m.id}`, { ...meetingBody(), version: changed.version, attendance: [{ recipientId: a.id, attendance: 'present' }] }), 400, /尚缺/);

    // the member's history, seen from the member's village too (the branch is kept above it)
    ok(await township.post('/api/party/meetings', meetingBody({ kind: 'themeDay', heldOn: '2026-06-01', topic: '清明祭扫', attendance: [{ recipientId: a.id, attendance: 'present' }, { recipientId: b.id, attendance: 'present' }] })));
    const hist = ok<PartyMemberMeetings>(await village.get(`/api/party/members/${b.id}/meetings`));
    expect(hist.items.map((i) => [i.heldOn, i.kind, i.attendance])).toEqual([
      ['2026-06-01', 'themeDay', 'present'],
      ['2026-05-20', 'partyLecture', 'absent'],
    ]);
    expect([hist.present, hist.absent, hist.excused]).toEqual([1, 1, 0]);
    expectRefused(await village2.get(`/api/party/members/${b.id}/meetings`), 404);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', m.id).execute()).map((x) => x.action).sort()).toEqual(['party-meeting.create', 'party-meeting.update']);
  });

  it('counts meetings per branch, kind and period against the usual frequency, equal to the list behind it', async () => {
    const f = ok<PartyMeetingFigures>(await county.get(`/api/party/meetings/figures?orgUnitId=${units.county.id}&period=2026-Q2`));
    expect(f.required).toEqual({ memberAssembly: 1, committee: 3, groupMeeting: 3, partyLecture: 1, themeDay: 3 });
    const row = f.rows.find((r) => r.branchId === branch.id);
    expect(row?.held).toEqual({ memberAssembly: 0, committee: 0, groupMeeting: 0, partyLecture: 1, themeDay: 1 });
    expect(row?.met).toEqual(['partyLecture']);
    for (const k of ['partyLecture', 'themeDay'] as const) {
      expect(ok<Page<PartyMeetingDto>>(await county.get(`/api/party/meetings?branchId=${branch.id}&kind=${k}&period=2026-Q2`)).total).toBe(row?.held[k]);
    }
    // a month asks one of each kind
    const june = ok<PartyMeetingFigures>(await township.get(`/api/party/meetings/figures?period=2026-06`));
    expect(june.required.partyLecture).toBe(1);
    expect(june.rows.find((r) => r.branchId === branch.id)?.met).toEqual(['themeDay']);
    expect(ok<PartyMeetingFigures>(await county.get(`/api/party/meetings/figures?orgUnitId=${units.county.id}&period=2026-Q1`)).rows.find((r) => r.branchId === branch.id)?.met).toEqual([]);
    expectRefused(await county.get('/api/party/meetings/figures?period=2026-13'), 400, /期间/);
    expectRefused(await village.get(`/api/party/meetings/figures?orgUnitId=${units.county.id}&period=2026`), 404);

    // the ledger
    const ws = await sheet(await county.get(`/api/ledgers/party-meetings?orgUnitId=${units.township.id}&period=2026-Q2`));
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/三会一课及主题党日台账（2026年第二季度）/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(PARTY_MEETING_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(5);
    expect([4, 5, 6, 9, 10, 12, 13].map((i) => ws.getRow(4).getCell(i).value)).toEqual(['党课', '2026-05-20', '学习党章', 2, 1, 1, '李请假（缺席）']);
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'party-meeting.export').execute()).map((x) => x.username)).toEqual(['county']);
  });

  it('keeps volunteer teams and model posts with members of the range and activities of their members', async () => {
    const body = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.village1.id, kind: 'team', name: '一村退役军人应急救援志愿服务队', field: 'emergency', leaderId: a.id, foundedOn: '2026-01-10', memberIds: [a.id, c.id], ...over });
    const outsider = await registerApproved(village2, county, simpleForm(units.village2.id, '周外村', makeId('1975-01-01', ++seq)));
    const before = await counts();
    expectRefused(await village.post('/api/party/volunteer-teams', body({ leaderId: b.id })), 400, /负责人须是成员/);
    expectRefused(await village.post('/api/party/volunteer-teams', body({ memberIds: [a.id, c.id, a.id] })), 400, /重复/);
    expectRefused(await village.post('/api/party/volunteer-teams', body({ foundedOn: '2026-12-01' })), 400, /成立日期不能晚于今天/);
    expectRefused(await township.post('/api/party/volunteer-teams', body({ memberIds: [a.id, outsider.id] })), 400, /辖区内/);
    expectRefused(await village.post('/api/party/volunteer-teams', body({ field: 'sports' })), 400, /服务领域/);
    expectRefused(await village2.post('/api/party/volunteer-teams', body()), 404);
    expect(await counts()).toEqual(before);

    let team = ok<VolunteerTeamDetail>(await village.post('/api/party/volunteer-teams', body()));
    expect([team.leaderName, team.memberCount, team.activityCount, team.personHours]).toEqual(['孙出席', 2, 0, 0]);
    ok(await village.post('/api/party/volunteer-teams', body({ kind: 'modelPost', name: '孙出席党员示范岗', field: 'governance', memberIds: [a.id] })));
    expectRefused(await village2.get(`/api/party/volunteer-teams/${team.id}`), 404);

    const act = { heldOn: '2026-06-10', content: '防汛巡堤', place: '西溪堤岸', hours: 2.5, participantIds: [a.id, c.id] };
    const mid = await counts();
    expectRefused(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, { ...act, participantIds: [a.id, b.id] }), 400, /须是该队伍（岗位）的成员/);
    expectRefused(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, { ...act, hours: 0 }), 400, /时长/);
    expectRefused(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, { ...act, heldOn: '2025-12-31' }), 400, /不能早于成立日期/);
    expectRefused(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, { ...act, participantIds: [] }), 400, /参与人员/);
    expectRefused(await village2.post(`/api/party/volunteer-teams/${team.id}/activities`, act), 404);
    expect(await counts()).toEqual(mid);
    team = ok<VolunteerTeamDetail>(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, act));
    expect([team.activityCount, team.personHours, team.lastActivityOn]).toEqual([1, 5, '2026-06-10']);
    expect(team.activities[0].participants.map((p) => p.name).sort()).toEqual(['孙出席', '赵群众'].sort());

    // members change at the version seen; a stopped team takes no activity
    const upd = (over: Record<string, unknown>) => ({ kind: 'team', name: team.name, field: 'emergency', leaderId: a.id, foundedOn: '2026-01-10', description: '', memberIds: [a.id, b.id, c.id], active: true, version: team.version, ...over });
    team = ok<VolunteerTeamDetail>(await village.put(`/api/party/volunteer-teams/${team.id}`, upd({})));
    expect([team.memberCount, team.version]).toEqual([3, 2]);
    expectRefused(await village.put(`/api/party/volunteer-teams/${team.id}`, upd({ version: 1 })), 409, /刷新/);
    team = ok<VolunteerTeamDetail>(await village.put(`/api/party/volunteer-teams/${team.id}`, upd({ active: false })));
    expectRefused(await village.post(`/api/party/volunteer-teams/${team.id}/activities`, act), 400, /已停用/);

    const list = ok<Page<VolunteerTeamDto>>(await township.get(`/api/party/volunteer-teams?orgUnitId=${units.village1.id}&kind=modelPost`));
    expect(list.items.map((x) => x.name)).toEqual(['孙出席党员示范岗']);
    expect(ok<Page<VolunteerTeamDto>>(await village2.get('/api/party/volunteer-teams')).total).toBe(0);

    const ws = await sheet(await township.get(`/api/ledgers/volunteer-teams?orgUnitId=${units.village1.id}&kind=team&period=2026-Q2`));
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(VOLUNTEER_TEAM_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(4);
    expect([2, 3, 4, 6, 8, 10, 11, 12].map((i) => ws.getRow(4).getCell(i).value)).toEqual(['一村退役军人应急救援志愿服务队', '志愿服务队', '应急救援', '孙出席', 3, 1, 5, '2026-06-10']);
    const q1 = await sheet(await township.get(`/api/ledgers/volunteer-teams?orgUnitId=${units.village1.id}&kind=team&period=2026-Q1`));
    expect([q1.getRow(4).getCell(10).value, q1.getRow(4).getCell(11).value]).toEqual([0, 0]);
    expectRefused(await village2.get(`/api/ledgers/volunteer-teams?orgUnitId=${units.village1.id}`), 404);
  });
});
