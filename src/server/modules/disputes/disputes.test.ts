// Disputes 矛盾纠纷 through the real API on every database: registration and its bad input, who may
// be named responsible, the progress log, closure one by one (only the responsible person or a
// unit head) and read-only after it, scope, the work queue's due-soon and overdue marks, list
// filters and sorting, the monthly summary against a direct count, submissions up and the
// children still missing, and the two .xlsx exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { AssigneeDto, DisputeDetail, DisputeDto, DisputeSummary, SubmissionDto, SubmissionStatus } from '../../../shared/schemas/disputes';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, register as registerRecipient, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { DISPUTE_LEDGER_HEADERS } from './disputes.export';
import { monthBounds } from './disputes.service';
import { shortUnitName } from '../../../shared/rules/unit-names';

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('disputes on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let townshipHead: Agent;
  let grid: Agent;
  let county: Agent;
  let city: Agent;
  const ids: Record<string, string> = {};

  const body = (over: Record<string, unknown> = {}) => ({
    orgUnitId: units.village1.id,
    foundOn: '2026-06-10',
    method: 'homeVisit',
    parties: [{ name: '王大山' }, { name: '李小河' }],
    summary: '退役军人王大山与邻居李小河因宅基地边界发生争执',
    riskLevel: 'medium',
    responsibleUserId: ids.village,
    deadline: '2026-06-30',
    plan: '村调委会牵头调解',
    ...over,
  });
  const register = async (a: Agent, over: Record<string, unknown> = {}) => ok<DisputeDetail>(await a.post('/api/disputes', body(over)));
  const detail = async (a: Agent, id: string) => ok<DisputeDetail>(await a.get(`/api/disputes/${id}`));
  const list = async (a: Agent, q = '') => ok<Page<DisputeDto>>(await a.get(`/api/disputes?pageSize=200${q}`));
  // the kernel's case provider (disputes waiting on the user's unit) and the module's (the responsible person's or leader's, of other units)
  const queue = async (a: Agent) => (ok<Queue>(await a.get('/api/work-queue')).items).filter((i) => i.typeLabel === '矛盾纠纷');
  const count = async () => Number((await sys.selectFrom('disputes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function signIn(): Promise<void> {
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    grid = await t.login('grid');
    county = await t.login('county');
    city = await t.login('city');
  }
  async function travel(iso: string): Promise<void> {
    t.clock.set(iso);
    await sys.updateTable('users').set({ password_changed_at: iso }).execute();
    await signIn();
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    await signIn();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers as responsible person only staff at the unit or above it, inside the caller range', async () => {
    const names = (r: { items: AssigneeDto[] }) => r.items.map((a) => a.id).sort();
    expect(names(ok(await village.get(`/api/disputes/assignees?orgUnitId=${units.village1.id}`)))).toEqual([ids.village].sort());
    const fromTownship = ok<{ items: AssigneeDto[] }>(await township.get(`/api/disputes/assignees?orgUnitId=${units.village1.id}`));
    expect(names(fromTownship)).toEqual([ids.village, ids.township, ids.townshiphead].sort());
    expect(fromTownship.items.find((a) => a.id === ids.townshiphead)?.isHead).toBe(true);
    expectRefused(await village.get(`/api/disputes/assignees?orgUnitId=${units.village2.id}`), 404);
  });

  it('registers a dispute and refuses bad input in Chinese, changing nothing', async () => {
    const d = await register(village);
    expect(d).toMatchObject({ status: 'open', method: 'homeVisit', riskLevel: 'medium', responsibleName: '刘秀英', leaderName: '', villageName: units.village1.name, version: 1, progress: [], canClose: true, overdue: false, dueSoon: false });
    expect(d.parties).toEqual([{ name: '王大山', recipientId: null }, { name: '李小河', recipientId: null }]);
    ids.first = d.id;
    const before = await count();
    const bad: [Record<string, unknown>, RegExp, string][] = [
      [{ parties: [] }, /至少填写一名当事人/, 'parties'],
      [{ summary: '  ' }, /纠纷简要情况/, 'summary'],
      [{ method: 'phone' }, /排查方式/, 'method'],
      [{ riskLevel: 'extreme' }, /风险等级/, 'riskLevel'],
      [{ foundOn: '2026-06-16' }, /排查日期不能晚于今天/, 'foundOn'],
      [{ foundOn: '2026-02-30' }, /不存在/, 'foundOn'],
      [{ deadline: '2026-06-01' }, /化解时限不能早于排查日期/, 'deadline'],
      [{ responsibleUserId: ids.village2 }, /责任人/, 'responsibleUserId'],
      [{ responsibleUserId: ids.grid }, /责任人/, 'responsibleUserId'],
      [{ leaderUserId: ids.township }, /包案领导/, 'leaderUserId'],
      [{ parties: [{ name: '张三', recipientId: 'no-such-recipient' }] }, /服务对象/, 'parties'],
    ];
    for (const [over, message, path] of bad) {
      const e = expectRefused(await village.post('/api/disputes', body(over)), 400, message);
      expect(e.message, JSON.stringify(over)).toMatch(chinese);
      if (e.details?.length) expect(e.details[0].path).toContain(path);
    }
    expectRefused(await village.post('/api/disputes', body({ orgUnitId: units.village2.id })), 404);
    expectRefused(await city.post('/api/disputes', body()), 403);
    expect(await count()).toBe(before);
    // a township worker may name the township head as leader for a village dispute
    const led = await register(township, { leaderUserId: ids.townshiphead, riskLevel: 'high', method: 'reception' });
    expect(led).toMatchObject({ leaderName: '陈志刚', riskLevel: 'high' });
    ids.led = led.id;
  });

  it('links a party to a registry recipient of the range only', async () => {
    const r = await registerRecipient(village, simpleForm(units.village1.id, '纠纷甲', makeId('1970-03-03', 501)));
    const d = await register(village, { parties: [{ name: '纠纷甲', recipientId: r.id }, { name: '邻居' }] });
    expect(d.parties).toEqual([{ name: '纠纷甲', recipientId: r.id }, { name: '邻居', recipientId: null }]);
    // 村二 cannot name a recipient of 村一
    const e = expectRefused(await village2.post('/api/disputes', body({ orgUnitId: units.village2.id, responsibleUserId: ids.village2, parties: [{ name: '纠纷甲', recipientId: r.id }] })), 400, /服务对象/);
    expect(e.details?.[0]?.path).toContain('parties');
    // tidy: the counts below are those of the other tests (the dispute and its case)
    await sys.deleteFrom('disputes').where('id', '=', d.id).execute();
    await sys.deleteFrom('case_actions').where('case_id', '=', d.id).execute();
    await sys.deleteFrom('cases').where('id', '=', d.id).execute();
  });

  it('refuses writes to a read-only role and to users outside the range', async () => {
    const d = await detail(village, ids.first);
    expectRefused(await city.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-12', measure: '走访' }), 403);
    expectRefused(await city.post(`/api/disputes/${d.id}/plan`, { version: d.version, riskLevel: 'low', responsibleUserId: ids.village, deadline: '2026-06-30' }), 403);
    expectRefused(await city.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: 'x' }), 403);
    expectRefused(await grid.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-12', measure: '走访' }), 404);
    expectRefused(await village2.post(`/api/disputes/${d.id}/plan`, { version: d.version, riskLevel: 'low', responsibleUserId: ids.village, deadline: '2026-06-30' }), 404);
    expect((await detail(village, ids.first)).version).toBe(d.version);
  });

  it('keeps the dispute inside its range', async () => {
    expectRefused(await village2.get(`/api/disputes/${ids.first}`), 404);
    expectRefused(await grid.get(`/api/disputes/${ids.first}`), 404, /矛盾纠纷/);
    ok(await county.get(`/api/disputes/${ids.first}`));
    ok(await city.get(`/api/disputes/${ids.first}`));
    expect((await list(village2)).items.map((d) => d.id)).not.toContain(ids.first);
  });

  it('appends progress, updates the plan, and refuses stale versions', async () => {
    let d = await detail(village, ids.first);
    d = ok<DisputeDetail>(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-12', measure: '入户走访双方', progress: '双方同意调解' }));
    d = ok<DisputeDetail>(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-14', measure: '组织调解会', progress: '初步达成一致' }));
    expect(d.progress.map((p) => [p.day, p.measure, p.actorName])).toEqual([
      ['2026-06-12', '入户走访双方', '刘秀英'],
      ['2026-06-14', '组织调解会', '刘秀英'],
    ]);
    expect(d.progressCount).toBe(2);
    // the progress log is the case's action log, with each entry's data
    expect(d.log.map((l) => [l.action, l.actionLabel, l.actorName, l.data])).toEqual([
      ['register', '发起', '刘秀英', null],
      ['progress', '化解进展', '刘秀英', { day: '2026-06-12', measure: '入户走访双方', progress: '双方同意调解' }],
      ['progress', '化解进展', '刘秀英', { day: '2026-06-14', measure: '组织调解会', progress: '初步达成一致' }],
    ]);
    const kase = await sys.selectFrom('cases').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ case_type: 'dispute', status: 'open', open: 1, version: d.version, due_day: '2026-06-30', waiting_path: units.village1.path });
    expectRefused(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version - 1, day: '2026-06-14', measure: 'x' }), 409, /已被他人修改/);
    expectRefused(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-01', measure: 'x' }), 400, /不能早于排查日期/);
    expectRefused(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-14', measure: '' }), 400, /化解措施/);
    d = ok<DisputeDetail>(await township.post(`/api/disputes/${d.id}/plan`, { version: d.version, riskLevel: 'high', responsibleUserId: ids.village, leaderUserId: ids.townshiphead, deadline: '2026-06-20', plan: '镇村联合调解' }));
    expect(d).toMatchObject({ riskLevel: 'high', leaderName: '陈志刚', deadline: '2026-06-20', plan: '镇村联合调解' });
    expect(d.progress).toHaveLength(2);
    // the new deadline is the case's due day (from the payload), and the plan change is logged
    expect((await sys.selectFrom('cases').select('due_day').where('id', '=', d.id).executeTakeFirstOrThrow()).due_day).toBe('2026-06-20');
    expect(d.log.at(-1)).toMatchObject({ action: 'plan', actorName: '张卫东', data: { riskLevel: 'high', deadline: '2026-06-20', leaderUserId: ids.townshiphead } });
  });

  it('closes one by one: only the responsible person or a unit head, and then read-only', async () => {
    let d = await detail(township, ids.first);
    expect(d.canClose).toBe(false);
    expectRefused(await township.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: '调解成功' }), 403, /责任人或单位负责人/);
    expectRefused(await village2.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: '调解成功' }), 404);
    expectRefused(await village.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: '' }), 400, /化解结果/);
    expectRefused(await village.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-09', result: '调解成功' }), 400, /不能早于排查日期/);
    d = ok<DisputeDetail>(await village.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: '双方签订调解协议' }));
    expect(d).toMatchObject({ status: 'closed', closedOn: '2026-06-15', result: '双方签订调解协议', closedByName: '刘秀英', canClose: false });
    const frozen = await sys.selectFrom('disputes').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expectRefused(await village.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-15', measure: '回访' }), 409, /已销号/);
    expectRefused(await township.post(`/api/disputes/${d.id}/plan`, { version: d.version, riskLevel: 'low', responsibleUserId: ids.village, deadline: '2026-06-30' }), 409, /已销号/);
    expectRefused(await village.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-15', result: '再次' }), 409, /已销号/);
    expect(await sys.selectFrom('disputes').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow()).toEqual(frozen);
    // the township head closes a dispute he is not responsible for
    const led = await detail(townshipHead, ids.led);
    expect(led.canClose).toBe(true);
    ok(await townshipHead.post(`/api/disputes/${led.id}/close`, { version: led.version, closedOn: '2026-06-15', result: '包案领导协调解决' }));
    // the kernel audits the case's actions
    const audits = await sys.selectFrom('audit_logs').select(['action', 'username']).where('target_type', '=', 'case').orderBy('seq').execute();
    expect(audits.filter((a) => a.action === 'case.dispute.close').map((a) => a.username)).toEqual(['village', 'townshiphead']);
    const closed = await sys.selectFrom('cases').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ status: 'closed', open: 0, due_day: null, waiting_path: null });
    expect(closed.closed_at).toBeTruthy();
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('puts open disputes due within 3 days or overdue in the responsible person and leader queues', async () => {
    const soon = await register(village, { deadline: '2026-06-18', leaderUserId: null });
    const later = await register(village, { deadline: '2026-06-19' });
    // both wait on 村一: the kernel's case provider lists them for its workers, soonest first, marked
    const mine = await queue(village);
    expect(mine.map((i) => i.id)).toContain(soon.id);
    expect(mine.map((i) => i.id)).toContain(later.id);
    const item = mine.find((i) => i.id === soon.id)!;
    expect(item).toMatchObject({ provider: 'cases', dueDay: '2026-06-18', dueSoon: true, overdue: false, typeLabel: '矛盾纠纷', statusLabel: '化解中', link: `/disputes/${soon.id}` });
    expect(item.title).toBe('矛盾纠纷：王大山、李小河');
    expect(mine.find((i) => i.id === later.id)).toMatchObject({ dueSoon: false, overdue: false });
    expect(mine.filter((i) => i.id === soon.id)).toHaveLength(1);
    expect((await queue(village2)).map((i) => i.id)).not.toContain(soon.id);
    // the leader sees it too
    const withLeader = ok<DisputeDetail>(await township.post(`/api/disputes/${soon.id}/plan`, { version: soon.version, riskLevel: 'medium', responsibleUserId: ids.village, leaderUserId: ids.townshiphead, deadline: '2026-06-18' }));
    expect((await queue(townshipHead)).find((i) => i.id === soon.id)?.title).toMatch(/包案领导/);
    expect((await queue(township)).map((i) => i.id)).not.toContain(soon.id);
    await travel('2026-06-19T02:00:00.000Z');
    const late = (await queue(village)).find((i) => i.id === soon.id)!;
    expect(late).toMatchObject({ overdue: true, dueSoon: false });
    expect((await queue(townshipHead)).find((i) => i.id === soon.id)).toMatchObject({ provider: 'disputes', overdue: true, statusLabel: '已超期' });
    expect((await list(village, '&overdue=true')).items.map((d) => d.id)).toEqual([withLeader.id]);
    // closed: it leaves the queue
    const d = await detail(village, soon.id);
    ok(await village.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-19', result: '已化解' }));
    expect((await queue(village)).map((i) => i.id)).not.toContain(soon.id);
    expect((await queue(village)).map((i) => i.id)).toContain(later.id);
    await travel('2026-06-15T02:00:00.000Z');
  });

  it('filters, sorts and pages the list', async () => {
    const all = await list(county);
    expect(all.total).toBe(4);
    expect((await list(county, '&status=closed')).items.every((d) => d.status === 'closed')).toBe(true);
    expect((await list(county, '&status=open')).total).toBe(1);
    expect((await list(county, '&method=reception')).items.map((d) => d.id)).toEqual([ids.led]);
    expect((await list(county, '&riskLevel=high')).items.map((d) => d.id).sort()).toEqual([ids.first, ids.led].sort());
    expect((await list(townshipHead, '&mine=true')).items.map((d) => d.id)).toContain(ids.led);
    expect((await list(county, '&q=宅基地')).total).toBe(4);
    expect((await list(county, '&q=李小河')).total).toBe(4);
    expect((await list(county, '&q=没有这个')).total).toBe(0);
    const byDeadline = await list(county, '&sort=deadline&order=asc');
    const deadlines = byDeadline.items.map((d) => d.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const paged = ok<Page<DisputeDto>>(await county.get('/api/disputes?pageSize=3&page=2'));
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(4);
    expectRefused(await county.get('/api/disputes?sort=name'), 400, /排序方式/);
    expectRefused(await county.get('/api/disputes?foundFrom=2026-06-10&foundTo=2026-06-01'), 400, /开始日期/);
  });

  it('summarises a month per child unit, matching a direct count, and exports it', async () => {
    // more disputes: 村二 in May (closed in June), the township itself in June, a village of 杭垓镇
    const may = await register(village2, { orgUnitId: units.village2.id, foundOn: '2026-05-20', deadline: '2026-06-30', responsibleUserId: ids.village2, method: 'online', riskLevel: 'low' });
    ok(await village2.post(`/api/disputes/${may.id}/close`, { version: may.version, closedOn: '2026-06-02', result: '已化解' }));
    await register(village2, { orgUnitId: units.village2.id, foundOn: '2026-05-25', deadline: '2026-06-30', responsibleUserId: ids.village2, method: 'fieldVisit', riskLevel: 'low' });
    await register(township, { orgUnitId: units.township.id, foundOn: '2026-06-03', responsibleUserId: ids.township, method: 'reception', riskLevel: 'high' });
    await register(county, { orgUnitId: units.hanggaiVillage.id, responsibleUserId: ids.county });

    const s = ok<DisputeSummary>(await township.get(`/api/disputes/summary?orgUnitId=${units.township.id}&month=2026-06`));
    const { start, end } = monthBounds('2026-06');
    expect([start, end]).toEqual(['2026-06-01', '2026-06-30']);
    const rows = await sys.selectFrom('disputes').select(['org_path', 'found_on', 'closed_on', 'risk_level', 'method']).execute();
    const direct = (path: string, pick: (r: (typeof rows)[number]) => boolean = () => true) => {
      const mine = rows.filter((r) => r.org_path.startsWith(path) && pick(r));
      return {
        found: mine.filter((r) => r.found_on >= start && r.found_on <= end).length,
        closed: mine.filter((r) => r.closed_on && r.closed_on >= start && r.closed_on <= end).length,
        open: mine.filter((r) => r.found_on <= end && (!r.closed_on || r.closed_on > end)).length,
      };
    };
    const v1 = s.rows.find((r) => r.orgUnitId === units.village1.id)!;
    const v2 = s.rows.find((r) => r.orgUnitId === units.village2.id)!;
    const own = s.rows.find((r) => r.ownLevel)!;
    expect(v1.total).toEqual(direct(units.village1.path));
    expect(v1.total).toEqual({ found: 4, closed: 3, open: 1 });
    expect(v2.total).toEqual({ found: 0, closed: 1, open: 1 });
    expect(v2.byMethod.online).toEqual({ found: 0, closed: 1, open: 0 });
    expect(v2.byRisk.low).toEqual(direct(units.village2.path, (r) => r.risk_level === 'low'));
    expect(own.total).toEqual({ found: 1, closed: 0, open: 1 });
    expect(s.total.total).toEqual(direct(units.township.path));
    for (const risk of ['low', 'medium', 'high'] as const) expect(s.total.byRisk[risk]).toEqual(direct(units.township.path, (r) => r.risk_level === risk));
    for (const m of ['reception', 'fieldVisit', 'homeVisit', 'online'] as const) expect(s.total.byMethod[m]).toEqual(direct(units.township.path, (r) => r.method === m));
    // every village of the township has a row; 杭垓镇's dispute is not counted
    const villages = await sys.selectFrom('org_units').select('id').where('parent_id', '=', units.township.id).execute();
    expect(s.rows.filter((r) => !r.ownLevel)).toHaveLength(villages.length);
    // May: 村二's two, both open at the end of May
    const mayS = ok<DisputeSummary>(await township.get(`/api/disputes/summary?orgUnitId=${units.township.id}&month=2026-05`));
    expect(mayS.total.total).toEqual({ found: 2, closed: 0, open: 2 });
    expectRefused(await township.get(`/api/disputes/summary?orgUnitId=${units.township.id}&month=2026-07`), 400, /未来的月份/);
    expectRefused(await township.get(`/api/disputes/summary?orgUnitId=${units.township.id}&month=2026-13`), 400, /月份格式/);
    expectRefused(await village.get(`/api/disputes/summary?orgUnitId=${units.township.id}&month=2026-06`), 404);

    const x = await township.get(`/api/disputes/summary/export?orgUnitId=${units.township.id}&month=2026-06`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toContain('矛盾纠纷排查化解情况月报（2026-06）');
    expect(ws.getRow(2).getCell(2).value).toBe('合计');
    expect([2, 3, 4].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['排查', '销号', '在办']);
    const v1Row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === units.village1.name)!;
    expect([2, 3, 4].map((c) => v1Row.getCell(c).value)).toEqual([4, 3, 1]);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect([2, 3, 4].map((c) => last.getCell(c).value)).toEqual([s.total.total.found, s.total.total.closed, s.total.total.open]);
  });

  it('submits a month up; the upper unit sees who submitted and who is missing', async () => {
    const first = ok<SubmissionDto>(await village.post('/api/disputes/summary/submit', { month: '2026-06' }));
    expect(first).toMatchObject({ orgUnitId: units.village1.id, month: '2026-06', submittedByName: '刘秀英', revision: 1 });
    expect(first.summary.total.total).toEqual({ found: 4, closed: 3, open: 1 });
    const again = ok<SubmissionDto>(await village.post('/api/disputes/summary/submit', { month: '2026-06' }));
    expect(again.revision).toBe(2);
    expectRefused(await village.post('/api/disputes/summary/submit', { month: '2026-07' }), 400, /未来的月份/);
    expectRefused(await village.post('/api/disputes/summary/submit', {}), 400, /月份/);
    expectRefused(await city.post('/api/disputes/summary/submit', { month: '2026-06' }), 403);
    const status = ok<SubmissionStatus>(await township.get(`/api/disputes/submissions?orgUnitId=${units.township.id}&month=2026-06`));
    const villages = await sys.selectFrom('org_units').select('id').where('parent_id', '=', units.township.id).execute();
    expect(status.children).toHaveLength(villages.length);
    expect(status.children.find((c) => c.orgUnitId === units.village1.id)?.submission?.revision).toBe(2);
    expect(status.children.find((c) => c.orgUnitId === units.village2.id)?.submission).toBeNull();
    expect(status.missing).toBe(villages.length - 1);
    expect(status.own).toBeNull();
    ok(await township.post('/api/disputes/summary/submit', { month: '2026-06' }));
    const county1 = ok<SubmissionStatus>(await county.get(`/api/disputes/submissions?orgUnitId=${units.county.id}&month=2026-06`));
    expect(county1.children.find((c) => c.orgUnitId === units.township.id)?.submission?.submittedByName).toBe('张卫东');
    // a village sees its own, not its sibling's
    expectRefused(await village.get(`/api/disputes/submissions?orgUnitId=${units.township.id}&month=2026-06`), 404);
    const v2 = ok<SubmissionStatus>(await village2.get(`/api/disputes/submissions?orgUnitId=${units.village2.id}&month=2026-06`));
    expect(v2.own).toBeNull();
  });

  it('exports the ledger with the LEDGERS.md columns, audited, and within the range', async () => {
    const res = await township.get(`/api/ledgers/disputes?orgUnitId=${units.village1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/矛盾纠纷排查化解台账/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(DISPUTE_LEDGER_HEADERS);
    expect(DISPUTE_LEDGER_HEADERS).toEqual(['序号', '排查日期', '排查方式', '当事人', '所属村(社区)', '纠纷简要情况', '风险等级', '责任人', '包案领导', '化解时限', '化解措施及进展', '化解结果', '销号日期', '备注']);
    expect(ws.rowCount).toBe(3 + 4);
    const first = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => String(r.getCell(11).value ?? '').includes('组织调解会'))!;
    expect(first.getCell(3).value).toBe('入户');
    expect(first.getCell(4).value).toBe('王大山、李小河');
    expect(first.getCell(7).value).toBe('重大');
    expect(first.getCell(9).value).toBe('陈志刚');
    expect(first.getCell(12).value).toBe('双方签订调解协议');
    expect(first.getCell(13).value).toBe('2026-06-15');
    const closedOnly = await township.get('/api/ledgers/disputes?status=closed');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(closedOnly.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].rowCount).toBe(3 + 4); // 村一's three and 村二's one
    expectRefused(await village.get(`/api/ledgers/disputes?orgUnitId=${units.village2.id}`), 404);
    const exports = await sys.selectFrom('audit_logs').select(['username']).where('action', '=', 'dispute.export').orderBy('seq').execute();
    expect(exports.map((e) => e.username)).toEqual(['township', 'township']);
  });

  it('names a grid with its village in the list (孝丰村·第一网格), once on the server; the detail keeps its own name', async () => {
    const g = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').innerJoin('org_units as p', 'p.id', 'u.parent_id').select(['u.id', 'u.name', 'p.name as parent']).where('username', '=', 'grid').executeTakeFirstOrThrow();
    const d = await register(grid, { orgUnitId: g.id, responsibleUserId: ids.grid, summary: '网格内邻里纠纷' });
    const label = `${shortUnitName(g.parent)}·${g.name}`;
    expect((await list(townshipHead)).items.find((x) => x.id === d.id)?.orgUnitName).toBe(label);
    expect((await list(county)).items.find((x) => x.id === d.id)?.orgUnitName).toBe(label);
    expect((await list(township)).items.filter((x) => x.orgUnitId === units.village1.id).every((x) => !x.orgUnitName.includes('·'))).toBe(true);
    expect((await detail(grid, d.id)).orgUnitName).toBe(g.name);
    await sys.deleteFrom('disputes').where('id', '=', d.id).execute();
    await sys.deleteFrom('case_actions').where('case_id', '=', d.id).execute();
    await sys.deleteFrom('cases').where('id', '=', d.id).execute();
  });

  it('moves disputes with their village to another township, and merges it keeping each unit its submissions', async () => {
    const admin = await t.login('admin');
    const hanggai = await sys.selectFrom('org_units').select(['id']).where('code', '=', '330523104').executeTakeFirstOrThrow();
    ok(await admin.post(`/api/org-units/${units.village2.id}/move`, { newParentId: hanggai.id }));
    const moved = await sys.selectFrom('disputes').select('org_path').where('org_unit_id', '=', units.village2.id).execute();
    expect(moved.length).toBe(2);
    expect(moved.every((m) => m.org_path.includes(`/${hanggai.id}/${units.village2.id}/`))).toBe(true);
    const sub = await sys.selectFrom('dispute_submissions').select('org_path').where('org_unit_id', '=', units.village1.id).executeTakeFirstOrThrow();
    expect(sub.org_path).toBe(units.village1.path);
    // merged into a village that has its own submission of the month: both stay, each its unit's
    const hv = await t.createUser({ username: 'hv-worker', roles: ['worker'], orgUnitId: units.hanggaiVillage.id });
    expect(hv).toBeTruthy();
    ok(await (await t.login('hv-worker')).post('/api/disputes/summary/submit', { month: '2026-06' }));
    ok(await village2.post('/api/disputes/summary/submit', { month: '2026-06' }));
    ok(await admin.post(`/api/org-units/${units.village2.id}/merge`, { targetId: units.hanggaiVillage.id }));
    const subs = await sys.selectFrom('dispute_submissions').select(['org_unit_id', 'org_path']).where('month', '=', '2026-06').where('org_path', 'like', `${units.hanggaiVillage.path}%`).execute();
    expect(subs.map((x) => x.org_unit_id).sort()).toEqual([units.village2.id, units.hanggaiVillage.id].sort());
    const merged = await sys.selectFrom('disputes').select('org_unit_id').where('org_path', '=', units.hanggaiVillage.path).execute();
    expect(merged.length).toBeGreaterThanOrEqual(2);
    expect(merged.every((m) => m.org_unit_id === units.hanggaiVillage.id)).toBe(true);
  });
});
