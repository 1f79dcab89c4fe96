// Party members 退役军人党员 through the real API on every database: branches kept by a unit and seen
// below it, members taken from the registry's 政治面貌 (not repeated), placing a member in a branch,
// the members without a branch (§16) and their .xlsx ledger, the organisation transfer 组织关系转接 as a
// kernel case (dates reversed refused in Chinese with nothing written, steps to done, the member's
// branch following it), the per-county time limit changing who is overdue in the work queue, the
// on-time figure by child unit equal to the list behind it, and the range guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { PartyBranchDto, PartyMemberDto, PartyOfRecipient, PartySettingsView, PartyTransferDetail, PartyTransferDto, PartyTransferFigures } from '../../../shared/schemas/party';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { PARTY_MEMBER_LEDGER_HEADERS, PARTY_TRANSFER_LEDGER_HEADERS } from './party.export';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('party members on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let member: RecipientDetail;
  let townBranch: PartyBranchDto;
  let villageBranch: PartyBranchDto;
  let seq = 800;

  const newPerson = async (by: Agent, unitId: string, name: string, politicalStatus: string | null = 'cpcMember') =>
    registerApproved(by, county, simpleForm(unitId, name, makeId('1970-05-0' + ((seq % 9) + 1), ++seq), { politicalStatus }));
  const branchBody = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.township.id, name: '孝丰镇退役军人党支部', kind: 'veterans', secretary: '张书记', contact: '0572-5111111', ...over });
  const members = async (a: Agent, q = '') => ok<Page<PartyMemberDto>>(await a.get(`/api/party/members?pageSize=200${q}`));
  const transfers = async (a: Agent, q = '') => ok<Page<PartyTransferDto>>(await a.get(`/api/party/transfers?pageSize=200${q}`));
  const panel = async (a: Agent, id: string) => ok<PartyOfRecipient>(await a.get(`/api/party/members/${id}`));
  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue')).items;
  const count = async (table: 'party_transfers' | 'party_memberships' | 'party_branches' | 'cases' | 'case_actions') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => [await count('party_transfers'), await count('party_memberships'), await count('party_branches'), await count('cases'), await count('case_actions')];
  const transferBody = (recipientId: string, over: Record<string, unknown> = {}) => ({
    recipientId,
    orgUnitId: units.township.id,
    fromBranchId: null,
    fromName: '某部队党委',
    toBranchId: townBranch.id,
    toName: '',
    letterNo: `转字第${++seq}号`,
    letterIssuedOn: '2026-06-01',
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
    member = await newPerson(village, units.village1.id, '钱党员');
    townBranch = ok<PartyBranchDto>(await township.post('/api/party/branches', branchBody()));
    villageBranch = ok<PartyBranchDto>(await village.post('/api/party/branches', branchBody({ orgUnitId: units.village1.id, name: '一村党支部', kind: 'village' })));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps branches at a unit, seen below it, changed only in its range', async () => {
    const seen = ok<{ items: PartyBranchDto[] }>(await village.get(`/api/party/branches?orgUnitId=${units.village1.id}`)).items;
    expect(seen.map((b) => b.name).sort()).toEqual(['一村党支部', '孝丰镇退役军人党支部'].sort());
    expect(seen.find((b) => b.id === townBranch.id)?.canEdit).toBe(false);
    // village2 does not see village1's branch
    expect(ok<{ items: PartyBranchDto[] }>(await village2.get('/api/party/branches')).items.map((b) => b.id)).not.toContain(villageBranch.id);
    const before = await counts();
    expectRefused(await village.put(`/api/party/branches/${townBranch.id}`, { ...branchBody(), version: 1, active: true }), 404);
    expectRefused(await village2.post('/api/party/branches', branchBody({ orgUnitId: units.village1.id })), 404, /单位/);
    expectRefused(await township.post('/api/party/branches', branchBody({ name: '' })), 400, /支部名称/);
    expectRefused(await township.post('/api/party/branches', branchBody({ kind: 'club' })), 400, /支部类别/);
    expectRefused(await township.put(`/api/party/branches/${townBranch.id}`, { ...branchBody(), version: 9, active: true }), 409, /刷新/);
    expect(await counts()).toEqual(before);
    const edited = ok<PartyBranchDto>(await township.put(`/api/party/branches/${townBranch.id}`, { ...branchBody({ secretary: '李书记' }), version: 1, active: true }));
    expect([edited.secretary, edited.version]).toEqual(['李书记', 2]);
    townBranch = edited;
  });

  it('takes party members from the registry, lists those without a branch and places them', async () => {
    const masses = await newPerson(village, units.village1.id, '孙群众', 'masses');
    const probationary = await newPerson(village, units.village1.id, '周预备', 'cpcProbationary');
    const without = await members(village, '&withoutBranch=true');
    expect(without.items.map((m) => m.name).sort()).toEqual(['周预备', '钱党员'].sort());
    expect(without.items.find((m) => m.recipientId === probationary.id)?.kind).toBe('probationary');
    expect((await panel(village, masses.id)).member).toBeNull();
    const before = await counts();
    expectRefused(await village.put(`/api/party/members/${masses.id}`, { version: 0, joinedOn: null, branchId: townBranch.id }), 400, /政治面貌/);
    expectRefused(await village.put(`/api/party/members/${member.id}`, { version: 0, joinedOn: '2099-01-01', branchId: townBranch.id }), 400, /入党日期/);
    expectRefused(await village2.put(`/api/party/members/${member.id}`, { version: 0, joinedOn: null, branchId: null }), 404);
    // a branch of another township is not the member's
    const hanggai = await t.login('county');
    const other = ok<PartyBranchDto>(await hanggai.post('/api/party/branches', branchBody({ orgUnitId: units.hanggaiVillage.id, name: '杭垓某村党支部', kind: 'village' })));
    expect(await counts()).toEqual([before[0], before[1], before[2] + 1, before[3], before[4]]);
    expectRefused(await county.put(`/api/party/members/${member.id}`, { version: 0, joinedOn: null, branchId: other.id }), 400, /所在单位或其上级/);
    const placed = ok<PartyOfRecipient>(await village.put(`/api/party/members/${member.id}`, { version: 0, joinedOn: '1995-07-01', branchId: villageBranch.id }));
    expect([placed.member?.branchName, placed.member?.joinedOn, placed.member?.version]).toEqual(['一村党支部', '1995-07-01', 1]);
    expectRefused(await village.put(`/api/party/members/${member.id}`, { version: 0, joinedOn: null, branchId: null }), 409, /刷新/);
    expect((await members(village, '&withoutBranch=true')).items.map((m) => m.name)).toEqual(['周预备']);
    expect((await members(village, `&branchId=${villageBranch.id}`)).items.map((m) => m.name)).toEqual(['钱党员']);
    expect(ok<PartyBranchDto>(await village.get(`/api/party/branches/${villageBranch.id}`)).memberCount).toBe(1);
    expect((await sys.selectFrom('audit_logs').select('action').where('target_id', '=', member.id).where('action', '=', 'party-member.update').execute()).length).toBe(1);

    // the ledger of members without a branch: the same rows as the list
    const res = await township.get(`/api/ledgers/party-members?orgUnitId=${units.village1.id}&withoutBranch=true`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/退役军人党员台账（未编入支部）/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(PARTY_MEMBER_LEDGER_HEADERS);
    expect(ws.rowCount).toBe(4);
    expect([ws.getRow(4).getCell(2).value, ws.getRow(4).getCell(5).value, ws.getRow(4).getCell(7).value]).toEqual(['周预备', '预备党员', '未编入支部']);
    expectRefused(await village.get(`/api/ledgers/party-members?orgUnitId=${units.village2.id}`), 404);
  });

  it('tracks a transfer as a kernel case to done; dates reversed are refused and the branch follows', async () => {
    const mover = await newPerson(village, units.village1.id, '吴转接');
    const before = await counts();
    const bad: [Record<string, unknown>, number, RegExp][] = [
      [{ letterNo: '' }, 400, /介绍信编号/],
      [{ letterIssuedOn: '2026-02-30' }, 400, /不存在/],
      [{ letterIssuedOn: '2026-07-01' }, 400, /不能晚于今天/],
      [{ toBranchId: null, toName: '' }, 400, /转入/],
      [{ orgUnitId: units.village2.id }, 400, /所在单位或其上级/],
    ];
    for (const [over, status, msg] of bad) expectRefused(await township.post('/api/party/transfers', transferBody(mover.id, over)), status, msg);
    expectRefused(await village2.post('/api/party/transfers', transferBody(mover.id, { orgUnitId: units.village2.id })), 404);
    expect(await counts()).toEqual(before);

    let c = ok<PartyTransferDetail>(await township.post('/api/party/transfers', transferBody(mover.id)));
    expect([c.status, c.fromName, c.toName, c.limitDays, c.dueDay, c.overdue, c.canEdit]).toEqual(['issued', '某部队党委', '孝丰镇退役军人党支部', 90, '2026-08-31', false, true]);
    const row = await sys.selectFrom('cases').select(['case_type', 'status', 'subject_id', 'open', 'due_day']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_type: 'party-transfer', status: 'issued', subject_id: mover.id, open: 1, due_day: '2026-08-31' });
    expectRefused(await township.post('/api/party/transfers', transferBody(mover.id)), 409, /正在办理/);
    // the member's branch is not changed by hand while the transfer runs
    expectRefused(await village.put(`/api/party/members/${mover.id}`, { version: 0, joinedOn: null, branchId: villageBranch.id }), 409, /转接中/);

    const mid = await counts();
    expectRefused(await township.post(`/api/party/transfers/${c.id}/report`, { version: c.version, reportedOn: '2026-05-20' }), 400, /报到日期不能早于介绍信开具日期/);
    expectRefused(await township.post(`/api/party/transfers/${c.id}/complete`, { version: c.version, doneOn: '2026-06-10' }), 409);
    expect(await counts()).toEqual(mid);
    c = ok<PartyTransferDetail>(await township.post(`/api/party/transfers/${c.id}/report`, { version: c.version, reportedOn: '2026-06-05' }));
    expect([c.status, c.reportedOn]).toEqual(['reported', '2026-06-05']);
    expectRefused(await township.post(`/api/party/transfers/${c.id}/complete`, { version: c.version, doneOn: '2026-06-04' }), 400, /接收日期不能早于报到日期/);
    c = ok<PartyTransferDetail>(await township.post(`/api/party/transfers/${c.id}/complete`, { version: c.version, doneOn: '2026-06-10' }));
    expect([c.status, c.doneOn, c.onTime, c.canEdit, c.dueDay]).toEqual(['done', '2026-06-10', true, false, '2026-08-31']);
    expect(c.log.map((l) => l.action)).toEqual(['open', 'report', 'complete']);
    expect((await panel(village, mover.id)).member?.branchId).toBe(townBranch.id);
    expectRefused(await township.post(`/api/party/transfers/${c.id}/cancel`, { version: c.version, reason: '误登' }), 409, /已办结/);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);

    // the ledger
    const res = await county.get(`/api/ledgers/party-transfers?orgUnitId=${units.township.id}&status=done`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(PARTY_TRANSFER_LEDGER_HEADERS);
    expect([ws.getRow(4).getCell(2).value, ws.getRow(4).getCell(13).value, ws.getRow(4).getCell(14).value]).toEqual(['吴转接', '转接完成', '按时']);
    expect((await sys.selectFrom('audit_logs').select('username').where('action', '=', 'party-transfer.export').execute()).map((a) => a.username)).toEqual(['county']);
  });

  it("the county's time limit decides who is overdue and reaches the work queue", async () => {
    const a = await newPerson(village, units.village1.id, '郑超期');
    const b = await newPerson(village, units.village1.id, '王未超');
    // letter of 2026-05-01: 45 days before today (2026-06-15)
    const withDefault = ok<PartyTransferDetail>(await township.post('/api/party/transfers', transferBody(b.id, { letterIssuedOn: '2026-05-01' })));
    expect([withDefault.limitDays, withDefault.overdue]).toEqual([90, false]);
    // a township neither sees nor changes its county's setting; the county may
    expectRefused(await township.put('/api/party/settings', { countyId: units.county.id, transferDays: 30 }), 404);
    expectRefused(await county.put('/api/party/settings', { countyId: units.county.id, transferDays: 3 }), 400, /不少于/);
    expectRefused(await county.put('/api/party/settings', { countyId: units.township.id, transferDays: 30 }), 400, /县级/);
    const s = ok<PartySettingsView>(await county.put('/api/party/settings', { countyId: units.county.id, transferDays: 30 }));
    expect([s.transferDays, s.isDefault]).toEqual([30, false]);
    expect(ok<PartySettingsView>(await county.get(`/api/party/settings?countyId=${units.county.id}`)).mayEdit).toBe(true);
    const withSetting = ok<PartyTransferDetail>(await township.post('/api/party/transfers', transferBody(a.id, { letterIssuedOn: '2026-05-01' })));
    expect([withSetting.limitDays, withSetting.dueDay, withSetting.overdue]).toEqual([30, '2026-06-01', true]);
    // the earlier transfer keeps the limit it was opened with
    expect(ok<PartyTransferDetail>(await township.get(`/api/party/transfers/${withDefault.id}`)).overdue).toBe(false);
    expect((await transfers(township, '&overdue=true')).items.map((x) => x.recipientName)).toEqual(['郑超期']);
    const items = await queue(township);
    expect(items.find((i) => i.id === withSetting.id)?.overdue).toBe(true);
    expect(items.find((i) => i.id === withDefault.id)?.overdue).toBe(false);
    expect((await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'party-settings.update').execute()).map((x) => x.detail)).toEqual([expect.stringContaining('90天 → 30天')]);
    // cancelling needs a reason and takes it out of the queue
    expectRefused(await township.post(`/api/party/transfers/${withSetting.id}/cancel`, { version: withSetting.version, reason: '' }), 400, /撤销原因/);
    ok(await township.post(`/api/party/transfers/${withSetting.id}/cancel`, { version: withSetting.version, reason: '党员暂缓转接' }));
    expect((await queue(township)).map((i) => i.id)).not.toContain(withSetting.id);
    ok(await county.put('/api/party/settings', { countyId: units.county.id, transferDays: 90 }));
  });

  it('counts transfers done on time by child unit, each figure equal to the list behind it', async () => {
    const f = ok<PartyTransferFigures>(await county.get(`/api/party/transfers/figures?orgUnitId=${units.county.id}&period=2026-Q2`));
    const town = f.rows.find((r) => r.orgUnitId === units.township.id);
    expect(town).toMatchObject({ done: 1, onTime: 1, late: 0 });
    for (const r of f.rows.filter((x) => x.orgUnitId !== units.county.id)) {
      expect((await transfers(county, `&orgUnitId=${r.orgUnitId}&donePeriod=2026-Q2`)).total).toBe(r.done);
      expect((await transfers(county, `&orgUnitId=${r.orgUnitId}&donePeriod=2026-Q2&onTime=true`)).total).toBe(r.onTime);
    }
    expect(f.total.done).toBe((await transfers(county, `&orgUnitId=${units.county.id}&donePeriod=2026-Q2`)).total);
    expect(ok<PartyTransferFigures>(await county.get(`/api/party/transfers/figures?orgUnitId=${units.county.id}&period=2026-Q1`)).total.done).toBe(0);
    expectRefused(await county.get(`/api/party/transfers/figures?period=2026-13`), 400, /期间/);
    expectRefused(await village.get(`/api/party/transfers/figures?orgUnitId=${units.county.id}&period=2026`), 404);
  });
});
