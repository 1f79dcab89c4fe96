// The semi-annual summary 半年工作总结 through the real API on every database: a village station's draft
// starts from every registered figure over its range and the half-year (grouped by module), its own
// text is saved with a version; bad input is a Chinese 400 with nothing written; the township (the
// parent) reads it, never edits or submits it; submission freezes the figures (a recipient registered
// afterwards changes the live count, not the summary's); the parent returns it with a comment, the
// station fixes and resubmits it, the parent accepts it and it is locked; the parent cannot accept
// before all of the unit's children are accepted (409 naming them); a parent reopens an accepted
// child only while its own summary is not accepted; the .docx has the tables and is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { figureDefs } from '../../platform/figures';
import { subscribe } from '../../platform/events';
import { summaryReviewed } from './summaries.events';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { SummaryDetail, SummaryOverview } from '../../../shared/schemas/summaries';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';

const H = '2026-H1';

describe.each(dbKinds)('semi-annual summaries on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let township: Agent;
  let townshipHead: Agent;
  let county: Agent;
  let unsubscribe: () => void;
  const steps: string[] = [];

  const rows = async () => Number((await sys.selectFrom('semi_annual_summaries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const overview = async (a: Agent, q = '') => ok<SummaryOverview>(await a.get(`/api/summaries?halfYear=${H}${q}`));
  const detail = async (a: Agent, id: string) => ok<SummaryDetail>(await a.get(`/api/summaries/${id}`));
  const create = async (a: Agent, orgUnitId: string) => ok<SummaryDetail>(await a.post('/api/summaries', { orgUnitId, halfYear: H }));
  const text = (s: SummaryDetail, over: Partial<{ editVersion: number; work: string; problems: string; plans: string }> = {}) => ({ editVersion: s.editVersion, work: s.work, problems: s.problems, plans: s.plans, ...over });
  const figure = (s: { figures: SummaryDetail['figures'] }, key: string) => s.figures.flatMap((g) => g.figures).find((f) => f.key === key)?.value;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    county = await t.login('countyhead');
    unsubscribe = subscribe(summaryReviewed, async (_trx, _ctx, e) => {
      steps.push(`${e.step}:${e.orgUnit.id === units.village1.id ? 'village1' : e.orgUnit.id}:${e.reviewer?.id === units.township.id ? 'township' : e.reviewer?.id}:${e.comment}`);
    });
  });
  afterAll(async () => {
    unsubscribe?.();
    await t?.close();
  });

  it('drafts from the data, returns, fixes, accepts and locks a village summary; the parent reads, never writes', async () => {
    // what a draft starts from: every registered figure, grouped by its module
    const before = await overview(village);
    expect(before.summary).toBeNull();
    expect(before.canCreate).toBe(true);
    expect(before.halfYearLabel).toBe('2026年上半年');
    const keys = before.figures.flatMap((g) => g.figures.map((f) => f.key));
    expect(keys.sort()).toEqual(figureDefs().map((d) => d.key).sort());
    expect(new Set(before.figures.map((g) => g.module))).toEqual(new Set(figureDefs().map((d) => d.module)));
    expect(before.figures.find((g) => g.module === 'visits')?.moduleLabel).toBe('走访慰问');

    // bad input: Chinese 400s, nothing written
    expectRefused(await village.get('/api/summaries?halfYear=2026-H3'), 400, /半年度格式/);
    expectRefused(await village.post('/api/summaries', { orgUnitId: units.village1.id, halfYear: '2026-06' }), 400, /半年度格式/);
    expectRefused(await village.post('/api/summaries', { orgUnitId: units.village1.id, halfYear: '2026-H2' }), 400, /尚未开始/);
    // the parent cannot draft for its child
    expectRefused(await townshipHead.post('/api/summaries', { orgUnitId: units.village1.id, halfYear: H }), 403, /本单位/);
    expect(await rows()).toBe(0);

    let s = await create(village, units.village1.id);
    expect(s.status).toBe('draft');
    expect(s.figuresFrozen).toBe(false);
    expect(s.canEdit && s.canSubmit).toBe(true);
    expect(s.parentUnitName).toBe('孝丰镇');
    expect(s.period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expectRefused(await village.post('/api/summaries', { orgUnitId: units.village1.id, halfYear: H }), 409, /已经起草/);

    // the unit's text, saved with its own version
    s = ok<SummaryDetail>(await village.put(`/api/summaries/${s.id}`, text(s, { work: '上半年走访慰问全覆盖。', problems: '人员不足。', plans: '下半年加强培训。' })));
    expect(s.work).toBe('上半年走访慰问全覆盖。');
    expectRefused(await village.put(`/api/summaries/${s.id}`, text(s, { editVersion: s.editVersion - 1, work: '旧版本' })), 409, /已被他人修改/);
    expectRefused(await village.put(`/api/summaries/${s.id}`, { editVersion: s.editVersion, work: 'x'.repeat(20001), problems: '', plans: '' }), 400, /最多/);

    // the parent reads the child's draft but never writes it
    const seen = await detail(townshipHead, s.id);
    expect(seen.canEdit || seen.canSubmit).toBe(false);
    expectRefused(await townshipHead.put(`/api/summaries/${s.id}`, text(s, { work: '上级改写' })), 403, /只能修改本单位/);
    expectRefused(await townshipHead.post(`/api/summaries/${s.id}/submit`, { version: s.version }), 403, /只能提交本单位/);
    expectRefused(await county.post(`/api/cases/${s.id}/actions`, { action: 'submit', comment: '', version: s.version }), 403);
    // the village cannot review its own
    expectRefused(await village.post(`/api/summaries/${s.id}/accept`, { version: s.version }), 403);
    expect((await detail(village, s.id)).work).toBe('上半年走访慰问全覆盖。');

    // submission freezes the figures
    s = ok<SummaryDetail>(await village.post(`/api/summaries/${s.id}/submit`, { version: s.version }));
    expect(s.status).toBe('submitted');
    expect(s.figuresFrozen).toBe(true);
    const frozen = figure(s, 'recipients.registered');
    expect(frozen).toBeTypeOf('number');
    await registerApproved(village, county, simpleForm(units.village1.id, '钱新登', makeId('1980-02-02', 881)));
    expect(figure(await detail(village, s.id), 'recipients.registered')).toBe(frozen);
    expectRefused(await village.put(`/api/summaries/${s.id}`, text(s, { work: '提交后修改' })), 409, /已提交/);

    // in the township's work queue
    const queue = ok<{ items: WorkItemDto[] }>(await townshipHead.get('/api/work-queue')).items;
    expect(queue.some((i) => i.id === s.id)).toBe(true);

    // a worker without summaries:review cannot return; the head returns with a comment
    expectRefused(await township.post(`/api/summaries/${s.id}/return`, { version: s.version, comment: '请补充' }), 403);
    expectRefused(await townshipHead.post(`/api/summaries/${s.id}/return`, { version: s.version, comment: '' }), 400, /退回意见/);
    s = ok<SummaryDetail>(await townshipHead.post(`/api/summaries/${s.id}/return`, { version: s.version, comment: '请补充存在问题的具体情况。' }));
    expect(s.status).toBe('returned');
    expect(s.reviewComment).toBe('请补充存在问题的具体情况。');

    // fixed and resubmitted; the figures are counted again at the new submission
    s = await detail(village, s.id);
    expect(s.figuresFrozen).toBe(false);
    expect(figure(s, 'recipients.registered')).toBe((frozen as number) + 1);
    s = ok<SummaryDetail>(await village.put(`/api/summaries/${s.id}`, text(s, { problems: '人员不足，专干兼职较多。' })));
    s = ok<SummaryDetail>(await village.post(`/api/summaries/${s.id}/submit`, { version: s.version }));
    expect(figure(s, 'recipients.registered')).toBe((frozen as number) + 1);

    // accepted (the village has no children that write summaries) and locked
    s = ok<SummaryDetail>(await townshipHead.post(`/api/summaries/${s.id}/accept`, { version: s.version, comment: '同意。' }));
    expect(s.status).toBe('accepted');
    expect(s.acceptedAt).not.toBeNull();
    const locked = await detail(village, s.id);
    expect(locked.canEdit || locked.canSubmit).toBe(false);
    expectRefused(await village.put(`/api/summaries/${s.id}`, text(locked, { work: '通过后修改' })), 409, /锁定/);
    expectRefused(await village.post(`/api/summaries/${s.id}/submit`, { version: s.version }), 409);
    expect(locked.log.map((l) => l.action)).toEqual(['open', 'submit', 'return', 'submit', 'accept']);
    // each step published for the notifications, in the action's transaction
    expect(steps).toEqual(['submitted:village1:township:', 'returned:village1:township:请补充存在问题的具体情况。', 'submitted:village1:township:', 'accepted:village1:township:同意。']);

    // the township's page lists its children with their states
    const tw = await overview(townshipHead);
    const row = tw.children.find((c) => c.orgUnitId === units.village1.id);
    expect(row?.summary?.status).toBe('accepted');
    expect(tw.children.find((c) => c.orgUnitId === units.village2.id)?.summary).toBeNull();
    expect(tw.children.every((c) => c.level === 'village')).toBe(true);

    // the .docx: the tables, audited
    const res = await townshipHead.get(`/api/summaries/${s.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(`${units.village1.name}2026年上半年工作总结`);
    expect(xml).toContain('在册服务对象');
    expect(xml).toContain('人员不足，专干兼职较多。');
    expect(xml).toContain('<w:tbl>');
    const audit = await sys.selectFrom('audit_logs').select(['action', 'detail']).where('action', '=', 'summary.export').execute();
    expect(audit.length).toBe(1);
    expect(chinese.test(audit[0].detail ?? '')).toBe(true);

    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('accepts only when all children are accepted, and reopens a child only while its own is not accepted', async () => {
    // the township's own summary cannot be accepted while its villages are not
    let own = await create(townshipHead, units.township.id);
    own = ok<SummaryDetail>(await townshipHead.post(`/api/summaries/${own.id}/submit`, { version: own.version }));
    const missing = expectRefused(await county.post(`/api/summaries/${own.id}/accept`, { version: own.version }), 409, /尚未全部审核通过/);
    expect(missing.message).toContain(units.village2.name.replace(/.*镇/, ''));
    expect(missing.message).not.toContain(`${units.village1.name}（`);

    // a small township of one village: the whole chain
    const admin = await t.login('admin');
    const tw = ok<{ id: string }>(await admin.post('/api/org-units', { parentId: units.county.id, name: '测试镇', code: '330523190' }));
    const vi = ok<{ id: string }>(await admin.post('/api/org-units', { parentId: tw.id, name: '测试村', code: '330523190201' }));
    await t.createUser({ username: 'sum-tw', roles: ['station_head'], orgUnitId: tw.id });
    await t.createUser({ username: 'sum-vi', roles: ['worker'], orgUnitId: vi.id });
    const twHead = await t.login('sum-tw');
    const viWorker = await t.login('sum-vi');

    let child = await create(viWorker, vi.id);
    child = ok<SummaryDetail>(await viWorker.post(`/api/summaries/${child.id}/submit`, { version: child.version }));
    let parent = await create(twHead, tw.id);
    parent = ok<SummaryDetail>(await twHead.post(`/api/summaries/${parent.id}/submit`, { version: parent.version }));
    expectRefused(await county.post(`/api/summaries/${parent.id}/accept`, { version: parent.version }), 409, /测试村（已提交待审核）/);
    child = ok<SummaryDetail>(await twHead.post(`/api/summaries/${child.id}/accept`, { version: child.version }));
    // the county (not the parent) cannot act on the village's summary
    expectRefused(await county.post(`/api/summaries/${child.id}/reopen`, { version: child.version, comment: '越级' }), 403, /上一级单位/);
    // reopened while the township's own is not accepted, then accepted again
    expect(child.canReopen).toBe(true);
    expect((await detail(viWorker, child.id)).canReopen).toBe(false);
    expectRefused(await twHead.post(`/api/summaries/${child.id}/reopen`, { version: child.version, comment: '' }), 400);
    child = ok<SummaryDetail>(await twHead.post(`/api/summaries/${child.id}/reopen`, { version: child.version, comment: '数据需核对。' }));
    expect(child.status).toBe('returned');
    expectRefused(await county.post(`/api/summaries/${parent.id}/accept`, { version: parent.version }), 409, /测试村（已退回修改）/);
    child = await detail(viWorker, child.id);
    child = ok<SummaryDetail>(await viWorker.post(`/api/summaries/${child.id}/submit`, { version: child.version }));
    child = ok<SummaryDetail>(await twHead.post(`/api/summaries/${child.id}/accept`, { version: child.version }));
    parent = ok<SummaryDetail>(await county.post(`/api/summaries/${parent.id}/accept`, { version: parent.version }));
    expect(parent.status).toBe('accepted');
    // the township's own is accepted: its village's can no longer be reopened
    expect((await detail(twHead, child.id)).canReopen).toBe(false);
    expectRefused(await twHead.post(`/api/summaries/${child.id}/reopen`, { version: child.version, comment: '再核对' }), 409, /已经上级审核通过/);
    expect((await detail(twHead, child.id)).status).toBe('accepted');
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('a unit moved since its draft is reviewed by its new parent', async () => {
    const admin = await t.login('admin');
    const a = ok<{ id: string }>(await admin.post('/api/org-units', { parentId: units.county.id, name: '迁出镇', code: '330523192' }));
    const b = ok<{ id: string }>(await admin.post('/api/org-units', { parentId: units.county.id, name: '迁入镇', code: '330523193' }));
    const vi = ok<{ id: string }>(await admin.post('/api/org-units', { parentId: a.id, name: '迁移村', code: '330523192201' }));
    await t.createUser({ username: 'mv-a', roles: ['station_head'], orgUnitId: a.id });
    await t.createUser({ username: 'mv-b', roles: ['station_head'], orgUnitId: b.id });
    await t.createUser({ username: 'mv-v', roles: ['worker'], orgUnitId: vi.id });
    const [headA, headB, worker] = [await t.login('mv-a'), await t.login('mv-b'), await t.login('mv-v')];
    const s = await create(worker, vi.id);
    expect(s.parentUnitName).toBe('迁出镇');
    ok(await admin.post(`/api/org-units/${vi.id}/move`, { newParentId: b.id }));
    const sent = ok<SummaryDetail>(await worker.post(`/api/summaries/${s.id}/submit`, { version: s.version }));
    expect(sent.parentUnitName).toBe('迁入镇');
    expect((await headA.get(`/api/summaries/${s.id}`)).statusCode).toBe(404);
    expect((await detail(headB, s.id)).canReview).toBe(true);
    expect(ok<SummaryDetail>(await headB.post(`/api/summaries/${s.id}/accept`, { version: sent.version })).status).toBe('accepted');
  });

  it('opens one draft per unit and half-year when two colleagues draft at once', async () => {
    const v2 = await t.login('village2');
    const both = await Promise.all([0, 1].map(() => v2.post('/api/summaries', { orgUnitId: units.village2.id, halfYear: '2025-H2' })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json<{ message: string }>().message).toMatch(/已经起草/);
    expect(Number((await sys.selectFrom('semi_annual_summaries').select((eb) => eb.fn.countAll().as('n')).where('half_year', '=', '2025-H2').executeTakeFirstOrThrow()).n)).toBe(1);
  });
});
