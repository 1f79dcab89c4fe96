// Evaluation 考核评估 and rectification 整改 through the real API on every database: the default
// indicator sets (weights add up to 100, formulas written out) and a county's copy (copy-on-edit: the
// default stays; a changed target changes the score); a round of the county over its villages; a
// village's self-assessment with evidence (the county reads it, never edits it); return, scoring by
// the county's sheet, publication; the figures frozen at scoring (visits recorded after scoring and
// after publication change nothing); results and the dashboard figure; a rectification item with an
// owner and a due day, overdue by the kernel's marks, completed by the unit; and a joint group's
// scoring (each named member, nobody for their own unit); grades 等次 by the set's bands (validated,
// each boundary, kept when the bands change after publication, on the public page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { TEST_NOW, createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import { computeFigures } from '../../platform/figures';
import { newId } from '../../platform/ids';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { EvaluationDetail, IndicatorSetDto, IndicatorSetList, PublicEvaluationResults, RectificationDetail, RoundDetail, RoundResults } from '../../../shared/schemas/evaluations';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const photo = { name: '场所照片.png', mime: 'image/png', dataBase64: PNG };

describe.each(dbKinds)('evaluations on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let hero: RecipientDetail;
  let mySet: IndicatorSetDto;
  let visitSeq = 0;

  const count = async (table: 'evaluation_sets' | 'evaluation_rounds' | 'evaluations' | 'rectifications' | 'cases' | 'files') =>
    Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['evaluation_sets', 'evaluation_rounds', 'evaluations', 'rectifications', 'cases', 'files'] as const).map(count));
  const queue = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items;
  const visit = async () => expect((await village.post('/api/visits', { clientKey: `eval-${kind}-visit-${String(++visitSeq).padStart(4, '0')}`, recipientId: hero.id, visitedOn: '2026-06-14', visitType: 'home', visitors: '刘秀英' })).statusCode).toBeLessThan(300);
  const userId = async (username: string) => (await sys.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const item = (d: EvaluationDetail, key: string) => d.items.find((i) => i.key === key)!;
  /** moves the clock and signs everyone in again (sessions time out when days pass) */
  const setClock = async (at: string) => {
    t.clock.set(at);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    hero = await registerApproved(village, county, simpleForm(units.village1.id, '考评甲', makeId('1970-05-05', 881)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ships default sets with formulas (weights add up to 100); a county edits its own copy and the default stays', async () => {
    const list = ok<IndicatorSetList>(await county.get('/api/evaluations/sets'));
    const defaults = list.items.filter((s) => s.isDefault);
    expect(defaults.map((s) => s.id)).toEqual(['default-annual-county', 'default-annual-township', 'default-annual-village', 'default-routine-township', 'default-routine-village']);
    for (const s of defaults) {
      expect(s.indicators.reduce((a, i) => a + i.weight, 0)).toBe(100);
      for (const i of s.indicators) expect(i.formula.length).toBeGreaterThan(8);
    }
    expect(list.figures.map((f) => f.key)).toContain('visits.done');
    const routine = defaults.find((s) => s.id === 'default-routine-village')!;
    const done = routine.indicators.find((i) => i.key === 'visitsDone')!;
    expect([done.method, done.figureKey, done.rule]).toEqual(['figure', 'visits.done', { kind: 'target', target: 100 }]);
    // the default is never edited in place
    expectRefused(await county.put('/api/evaluations/sets/default-routine-village', { name: 'x', kind: 'routine', level: 'village', indicators: routine.indicators, version: 1 }), 409, /默认指标体系不能直接修改/);
    const before = await counts();
    const copy = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.county.id, basedOn: routine.id, name: '安吉县村级服务站日常考察', kind: 'routine', level: 'village', indicators: routine.indicators, ...over });
    const withDone = (d: Record<string, unknown>) => routine.indicators.map((i) => (i.key === 'visitsDone' ? { ...i, ...d } : i));
    expectRefused(await county.post('/api/evaluations/sets', copy({ indicators: withDone({ weight: 29 }) })), 400, /各项指标权重之和应为 100，当前为 99/);
    expectRefused(await county.post('/api/evaluations/sets', copy({ indicators: withDone({ figureKey: 'nothing.here' }) })), 400, /已有的统计数据项/);
    expectRefused(await county.post('/api/evaluations/sets', copy({ indicators: [...routine.indicators, routine.indicators[0]] })), 400, /权重之和|重复/);
    expectRefused(await village.post('/api/evaluations/sets', copy()), 403);
    expectRefused(await township.post('/api/evaluations/sets', copy()), 403);
    expect(await counts()).toEqual(before);
    // the county's copy: the target of visits is 2 (a setting: it changes the score below)
    mySet = ok<IndicatorSetDto>(await county.post('/api/evaluations/sets', copy({ indicators: withDone({ rule: { kind: 'target', target: 2 }, formula: '走访慰问次数达到 2 次得满分，不足按比例' }) })));
    expect([mySet.isDefault, mySet.canEdit, mySet.basedOn]).toEqual([false, true, routine.id]);
    const again = ok<IndicatorSetDto>(await county.get('/api/evaluations/sets/default-routine-village'));
    expect(again.indicators.find((i) => i.key === 'visitsDone')!.rule).toEqual({ kind: 'target', target: 100 });
    mySet = ok<IndicatorSetDto>(await county.put(`/api/evaluations/sets/${mySet.id}`, { name: mySet.name, kind: 'routine', level: 'village', indicators: mySet.indicators, version: mySet.version }));
    expect(mySet.version).toBe(2);
    expectRefused(await county.put(`/api/evaluations/sets/${mySet.id}`, { name: mySet.name, kind: 'routine', level: 'village', indicators: mySet.indicators, version: 1 }), 409, /已被他人修改/);
    // a village station sees the defaults, not the county's sets
    const seen = ok<IndicatorSetList>(await village.get('/api/evaluations/sets'));
    expect(seen.items.some((s) => s.id === mySet.id)).toBe(false);
    expectRefused(await village.get(`/api/evaluations/sets/${mySet.id}`), 404);
  });

  it('runs a round: self-assessment with evidence, return, scoring by the county, figures frozen at scoring, publication, rectification', async () => {
    const body = (over: Record<string, unknown> = {}) => ({ orgUnitId: units.county.id, setId: mySet.id, title: '2026年村级服务站日常考察', period: '2026-H1', unitIds: [units.village1.id, units.village2.id], selfDueDay: '2026-06-30', scorerMode: 'upper', ...over });
    const before = await counts();
    expectRefused(await county.post('/api/evaluations/rounds', body({ unitIds: [units.township.id] })), 400, /不是该层级/);
    expectRefused(await county.post('/api/evaluations/rounds', body({ unitIds: [units.county.id] })), 400, /下级单位/);
    expectRefused(await county.post('/api/evaluations/rounds', body({ selfDueDay: '2026-06-01' })), 400, /自评截止日期不能早于今天/);
    expectRefused(await county.post('/api/evaluations/rounds', body({ scorerMode: 'group' })), 400, /至少指定一名成员/);
    expectRefused(await county.post('/api/evaluations/rounds', body({ period: '2026-13' })), 400, /考评期间格式/);
    expectRefused(await village.post('/api/evaluations/rounds', body()), 403);
    expect(await counts()).toEqual(before);

    const round = ok<RoundDetail>(await county.post('/api/evaluations/rounds', body()));
    expect(round.evaluations.map((e) => [e.orgUnitName, e.status])).toEqual([
      [units.village1.name, 'selfAssessing'],
      [units.village2.name, 'selfAssessing'],
    ]);
    const mine = round.evaluations.find((e) => e.orgUnitId === units.village1.id)!;
    // the village finds it in its work queue (due on the self-assessment day); the other village does not see it
    expect((await queue(village)).find((i) => i.id === mine.id)?.dueDay).toBe('2026-06-30');
    expectRefused(await village2.get(`/api/evaluations/${mine.id}`), 404);
    expect(ok<RoundDetail>(await village2.get(`/api/evaluations/rounds/${round.id}`)).evaluations.map((e) => e.orgUnitId)).toEqual([units.village2.id]);

    // the figure is live until scoring
    let d = ok<EvaluationDetail>(await village.get(`/api/evaluations/${mine.id}`));
    const v0 = item(d, 'visitsDone').value!;
    await visit();
    d = ok<EvaluationDetail>(await village.get(`/api/evaluations/${mine.id}`));
    expect([item(d, 'visitsDone').value, item(d, 'visitsDone').frozen]).toEqual([v0 + 1, false]);
    expect(d.canSelfAssess).toBe(true);

    // the self-assessment: the county reads it and never edits it
    const entered = d.items.filter((i) => i.method === 'entered');
    expect(entered.map((i) => i.key)).toContain('records');
    expectRefused(await village.post(`/api/evaluations/${mine.id}/submit`, { version: d.version }), 400, /请填写“.+”的自评分/);
    const self = (items: Record<string, unknown>[], version = d.version) => village.put(`/api/evaluations/${mine.id}/self`, { version, items });
    expectRefused(await county.put(`/api/evaluations/${mine.id}/self`, { version: d.version, items: [{ key: 'records', selfScore: 1 }] }), 403, /上级单位只能查看/);
    expectRefused(await self([{ key: 'records', selfScore: 99 }]), 400, /不能超过权重/);
    expectRefused(await self([{ key: 'visitsDone', selfScore: 1 }]), 400, /自动计算/);
    const fills = entered.map((i) => ({ key: i.key, selfScore: i.weight - 1, selfNote: '台账齐全，责任人明确' }));
    d = ok<EvaluationDetail>(await self(fills));
    // 'records' needs evidence (a setting of the indicator)
    const needs = entered.filter((i) => i.evidenceRequired);
    if (needs.length) {
      expectRefused(await village.post(`/api/evaluations/${mine.id}/submit`, { version: d.version }), 400, /须上传佐证材料/);
      d = ok<EvaluationDetail>(await self(needs.map((i) => ({ key: i.key, selfScore: i.weight - 1, files: [photo] }))));
      expect(item(d, needs[0].key).evidence.map((f) => f.name)).toEqual(['场所照片.png']);
      const file = await county.get(`/api/evaluations/${mine.id}/files/${item(d, needs[0].key).evidence[0].id}`);
      expect(file.statusCode).toBe(200);
    }
    expectRefused(await county.post(`/api/evaluations/${mine.id}/submit`, { version: d.version }), 403);
    d = ok<EvaluationDetail>(await village.post(`/api/evaluations/${mine.id}/submit`, { version: d.version }));
    expect(d.status).toBe('submitted');
    const doneRule = Math.min((v0 + 1) / 2, 1) * item(d, 'visitsDone').weight;
    expect(item(d, 'visitsDone').ruleScore).toBe(Math.round(doneRule * 10) / 10);
    expect(d.total).toBe(null);
    expectRefused(await village.put(`/api/evaluations/${mine.id}/self`, { version: d.version, items: [] }), 409, /自评已提交/);

    // returned with a reason, submitted again
    expectRefused(await county.post(`/api/evaluations/${mine.id}/return`, { version: d.version, reason: '' }), 400, /退回意见/);
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${mine.id}/return`, { version: d.version, reason: '请补充培训记录' }));
    expect(d.status).toBe('selfAssessing');
    d = ok<EvaluationDetail>(await village.post(`/api/evaluations/${mine.id}/submit`, { version: d.version }));

    // scoring: the county's sheet; the village can't score
    expectRefused(await village.put(`/api/evaluations/${mine.id}/sheet`, { items: [] }), 403);
    expectRefused(await county.post(`/api/evaluations/${mine.id}/score`, { version: d.version }), 409, /尚有指标未评分/);
    expectRefused(await county.put(`/api/evaluations/${mine.id}/sheet`, { items: [{ key: 'records', score: 50 }] }), 400, /不能超过权重/);
    const sheet = entered.map((i) => ({ key: i.key, score: i.weight - 2, problem: i.key === 'records' ? '走访台账未按月归档' : '' }));
    d = ok<EvaluationDetail>(await county.put(`/api/evaluations/${mine.id}/sheet`, { items: sheet }));
    expect(d.sheets.map((s) => s.scorerName)).toEqual(['李红梅']);
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${mine.id}/score`, { version: d.version }));
    expect([d.status, item(d, 'visitsDone').frozen, item(d, 'visitsDone').value]).toEqual(['scored', true, v0 + 1]);
    expect(item(d, 'records').problem).toBe('走访台账未按月归档');
    const total = d.total!;
    const expected = d.items.reduce((s, i) => s + (i.score ?? 0), 0);
    expect(total).toBeCloseTo(expected, 5);
    // before publication the village sees its self-assessment, not the county's scores
    const early = ok<EvaluationDetail>(await village.get(`/api/evaluations/${mine.id}`));
    expect([early.total, item(early, 'records').score]).toEqual([null, null]);

    // nothing is public before publication: the public page of the county lists no round, the staff results no unit
    const publicPage = async () => ok<PublicEvaluationResults>(await t.agent().get(`/api/public/org-units/${units.county.id}/evaluation-results`));
    expect((await publicPage()).rounds.map((x) => x.id)).not.toContain(round.id);
    expect(ok<RoundResults>(await county.get(`/api/evaluations/rounds/${round.id}/results`)).rows).toEqual([]);
    // a unit never published has no score (null), not a score of 0
    const score = async (path: string) => (await computeFigures(t.db.handle.db, { path, from: '2026-01-01', to: '2026-12-31' }, ['evaluations.score']))['evaluations.score'];
    expect(await score(units.village1.path)).toBe(null);

    // data recorded after scoring and after publication change nothing
    await visit();
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${mine.id}/publish`, { version: d.version }));
    await visit();
    d = ok<EvaluationDetail>(await village.get(`/api/evaluations/${mine.id}`));
    expect([d.status, d.total, item(d, 'visitsDone').value, item(d, 'visitsDone').frozen]).toEqual(['published', total, v0 + 1, true]);
    expect(d.canSelfAssess || d.canScore).toBe(false);
    expectRefused(await county.post(`/api/evaluations/${mine.id}/reopen`, { version: d.version, reason: '改分' }), 409);

    // the results (四(五)) and the dashboards' figure
    const results = ok<RoundResults>(await county.get(`/api/evaluations/rounds/${round.id}/results`));
    expect(results.rows.map((r) => [r.rank, r.orgUnitName, r.total])).toEqual([[1, units.village1.name, total]]);
    // the other evaluated unit of the round sees the published results too (四(五)), its own unpublished row never
    expect(ok<RoundResults>(await village2.get(`/api/evaluations/rounds/${round.id}/results`)).rows.map((r) => [r.orgUnitName, r.total])).toEqual([[units.village1.name, total]]);
    expect([await score(units.village1.path), await score(units.village2.path)]).toEqual([total, null]);
    // the public page (no sign-in): the round with its published units, totals and ranks only — no people, notes, problems or files
    const pub = (await publicPage()).rounds.find((x) => x.id === round.id)!;
    expect([pub.title, pub.organizerName, pub.units, pub.rows]).toEqual([round.title, round.orgUnitName, 2, [{ rank: 1, orgUnitName: units.village1.name, total, grade: d.grade }]]);
    const raw = (await t.agent().get(`/api/public/org-units/${units.county.id}/evaluation-results`)).body;
    for (const hidden of ['李红梅', '刘秀英', '走访台账未按月归档', '台账齐全', '场所照片', mine.id]) expect(raw).not.toContain(hidden);
    expect((await t.agent().get(`/api/public/org-units/${units.village1.id}/evaluation-results`)).json()).toMatchObject({ rounds: [] });
    expectRefused(await t.agent().get(`/api/public/org-units/${newId()}/evaluation-results`), 404);
    // published numbers never change: more visits after publication leave the public total as it was
    await visit();
    expect((await publicPage()).rounds.find((x) => x.id === round.id)!.rows[0].total).toBe(total);

    // rectification 整改: the county names an owner of the village and a deadline
    const villageUser = await userId('village');
    const rect = (over: Record<string, unknown> = {}) => county.post(`/api/evaluations/${mine.id}/rectifications`, { indicatorKey: 'records', problem: '走访台账未按月归档', ownerUserId: villageUser, dueDay: '2026-06-20', ...over });
    const mid = await counts();
    expectRefused(await rect({ ownerUserId: await userId('village2') }), 400, /整改责任人须是/);
    expectRefused(await rect({ dueDay: '2026-06-01' }), 400, /整改期限不能早于今天/);
    expectRefused(await rect({ indicatorKey: 'nothing' }), 400, /请选择本次考评的指标/);
    expectRefused(await village.post(`/api/evaluations/${mine.id}/rectifications`, { indicatorKey: 'records', problem: 'x', ownerUserId: villageUser, dueDay: '2026-06-20' }), 403);
    expect(await counts()).toEqual(mid);
    let r = ok<RectificationDetail>(await rect());
    expect([r.status, r.ownerName, r.dueDay, r.overdue]).toEqual(['open', '刘秀英', '2026-06-20', false]);
    expect((await queue(village)).some((i) => i.id === r.id)).toBe(true);
    expect(ok<Page<{ id: string }>>(await village.get('/api/evaluations/rectifications')).items.map((x) => x.id)).toContain(r.id);
    expectRefused(await village2.get(`/api/evaluations/rectifications/${r.id}`), 404);
    await setClock('2026-06-23T02:00:00.000Z');
    r = ok<RectificationDetail>(await village.get(`/api/evaluations/rectifications/${r.id}`));
    expect([r.overdue, r.canComplete]).toEqual([true, true]);
    expect((await queue(village)).find((i) => i.id === r.id)?.overdue).toBe(true);
    expectRefused(await county.post(`/api/evaluations/rectifications/${r.id}/complete`, { version: r.version, report: '代为完成' }), 403);
    expectRefused(await village.post(`/api/evaluations/rectifications/${r.id}/complete`, { version: r.version, report: '' }), 400, /整改情况/);
    r = ok<RectificationDetail>(await village.post(`/api/evaluations/rectifications/${r.id}/complete`, { version: r.version, report: '已按月归档并指定专人' }));
    expect([r.status, r.doneOn, r.report]).toEqual(['done', '2026-06-23', '已按月归档并指定专人']);
    expect(ok<EvaluationDetail>(await county.get(`/api/evaluations/${mine.id}`)).rectifications.map((x) => x.status)).toEqual(['done']);
    await setClock(TEST_NOW);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('scores by a named joint group: each member, none for their own unit, the mean taken', async () => {
    const members = [await userId('township'), await userId('village')];
    // the candidates: staff of the organizer's range who may fill in evaluations
    const candidates = ok<{ items: { id: string; name: string }[] }>(await county.get(`/api/evaluations/scorers?orgUnitId=${units.county.id}`)).items.map((c) => c.id);
    for (const m of members) expect(candidates).toContain(m);
    expectRefused(await township.get(`/api/evaluations/scorers?orgUnitId=${units.county.id}`), 403);
    const round = ok<RoundDetail>(
      await county.post('/api/evaluations/rounds', { orgUnitId: units.county.id, setId: 'default-routine-village', title: '区域互评', period: '2026-Q2', unitIds: [units.village2.id, units.village1.id], selfDueDay: '2026-06-30', scorerMode: 'group', scorerIds: members }),
    );
    expect(round.scorers.map((s) => s.name).sort()).toEqual(['刘秀英', '张卫东'].sort());
    const e2 = round.evaluations.find((e) => e.orgUnitId === units.village2.id)!;
    const e1 = round.evaluations.find((e) => e.orgUnitId === units.village1.id)!;
    let d = ok<EvaluationDetail>(await village2.get(`/api/evaluations/${e2.id}`));
    const entered = d.items.filter((i) => i.method === 'entered');
    d = ok<EvaluationDetail>(await village2.put(`/api/evaluations/${e2.id}/self`, { version: d.version, items: entered.map((i) => ({ key: i.key, selfScore: i.weight, files: i.evidenceRequired ? [photo] : [] })) }));
    d = ok<EvaluationDetail>(await village2.post(`/api/evaluations/${e2.id}/submit`, { version: d.version }));
    // a member of the group from village 1 reads village 2's evaluation through the group's grant
    expect(ok<EvaluationDetail>(await village.get(`/api/evaluations/${e2.id}`)).canScore).toBe(true);
    expectRefused(await county.put(`/api/evaluations/${e2.id}/sheet`, { items: [] }), 403, /不是考评组成员/);
    const sheet = (delta: number) => ({ items: entered.map((i) => ({ key: i.key, score: i.weight - delta })) });
    ok(await village.put(`/api/evaluations/${e2.id}/sheet`, sheet(2)));
    expectRefused(await county.post(`/api/evaluations/${e2.id}/score`, { version: d.version }), 409, /张卫东未评分/);
    ok(await township.put(`/api/evaluations/${e2.id}/sheet`, sheet(1)));
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${e2.id}/score`, { version: d.version }));
    for (const i of entered) expect(item(d, i.key).score).toBe(i.weight - 1.5);
    // village 1 is in the group but never scores itself
    let d1 = ok<EvaluationDetail>(await village.get(`/api/evaluations/${e1.id}`));
    d1 = ok<EvaluationDetail>(await village.put(`/api/evaluations/${e1.id}/self`, { version: d1.version, items: entered.map((i) => ({ key: i.key, selfScore: i.weight, files: i.evidenceRequired ? [photo] : [] })) }));
    ok<EvaluationDetail>(await village.post(`/api/evaluations/${e1.id}/submit`, { version: d1.version }));
    expectRefused(await village.put(`/api/evaluations/${e1.id}/sheet`, sheet(0)), 403, /回避/);
  });
  it("grades each unit by the set's bands: bands validated, a grade per boundary, kept at publication when the bands change, published", async () => {
    const indicators = [{ key: 'work', name: '综合工作', weight: 100, method: 'entered', formula: '综合评价服务站工作落实情况' }];
    const base = { orgUnitId: units.county.id, basedOn: null, name: '等次测试指标体系', kind: 'routine', level: 'village', indicators };
    const bands = (...b: [string, number][]) => b.map(([name, min]) => ({ name, min }));
    const defaults = bands(['优秀', 90], ['良好', 80], ['合格', 60], ['不合格', 0]);
    const before = await counts();
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['良好', 80], ['优秀', 90], ['不合格', 0]) }), 400, /等次应从高到低排列：“优秀”的分数线（90）应低于“良好”（80）/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 80], ['良好', 80], ['不合格', 0]) }), 400, /从高到低/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 101], ['不合格', 0]) }), 400, /等次分数线在 0 至 100 之间/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 90], ['不合格', -1]) }), 400, /等次分数线在 0 至 100 之间/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 89.95], ['不合格', 0]) }), 400, /最多保留一位小数/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 90], ['优秀', 60], ['不合格', 0]) }), 400, /等次名称“优秀”重复/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 90], [' ', 0]) }), 400, /请填写等次名称/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: bands(['优秀', 90], ['合格', 60]) }), 400, /最低一档“合格”的分数线应为 0/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: [] }), 400, /至少设置一个等次/);
    expectRefused(await county.post('/api/evaluations/sets', { ...base, grades: [{ name: '优秀' }] }), 400, /请填写等次分数线/);
    expect(await counts()).toEqual(before);
    // the default sets and a set saved without bands grade by the default bands
    expect(ok<IndicatorSetDto>(await county.get('/api/evaluations/sets/default-annual-village')).grades).toEqual(defaults);
    let set = ok<IndicatorSetDto>(await county.post('/api/evaluations/sets', base));
    expect(set.grades).toEqual(defaults);
    // an update without bands keeps them; bad bands are refused on update too
    set = ok<IndicatorSetDto>(await county.put(`/api/evaluations/sets/${set.id}`, { name: set.name, kind: 'routine', level: 'village', indicators, version: set.version }));
    expect(set.grades).toEqual(defaults);
    expectRefused(await county.put(`/api/evaluations/sets/${set.id}`, { name: set.name, kind: 'routine', level: 'village', indicators, grades: bands(['优秀', 90], ['优秀', 0]), version: set.version }), 400, /重复/);

    const round = ok<RoundDetail>(await county.post('/api/evaluations/rounds', { orgUnitId: units.county.id, setId: set.id, title: '等次测试', period: '2026-Q2', unitIds: [units.village1.id], selfDueDay: '2026-06-30', scorerMode: 'upper' }));
    expect(round.grades).toEqual(defaults);
    const id = round.evaluations[0].id;
    let d = ok<EvaluationDetail>(await village.get(`/api/evaluations/${id}`));
    d = ok<EvaluationDetail>(await village.put(`/api/evaluations/${id}/self`, { version: d.version, items: [{ key: 'work', selfScore: 95 }] }));
    d = ok<EvaluationDetail>(await village.post(`/api/evaluations/${id}/submit`, { version: d.version }));
    // no total, no grade (未评分)
    expect([d.total, d.grade]).toEqual([null, null]);
    expect(ok<RoundDetail>(await county.get(`/api/evaluations/rounds/${round.id}`)).evaluations[0].grade).toBe(null);
    // each band's boundary: the total reaching the line takes the band, a tenth below the next one down
    const boundaries: [number, string][] = [[89.9, '良好'], [80, '良好'], [79.9, '合格'], [60, '合格'], [59.9, '不合格'], [0, '不合格'], [100, '优秀'], [90, '优秀']];
    for (const [n, [points, grade]] of boundaries.entries()) {
      if (n > 0) d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${id}/reopen`, { version: d.version, reason: '复核评分' }));
      ok(await county.put(`/api/evaluations/${id}/sheet`, { items: [{ key: 'work', score: points }] }));
      d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${id}/score`, { version: d.version }));
      expect([d.status, d.total, d.grade]).toEqual(['scored', points, grade]);
      expect(ok<RoundDetail>(await county.get(`/api/evaluations/rounds/${round.id}`)).evaluations.map((e) => [e.total, e.grade])).toEqual([[points, grade]]);
    }
    // the evaluated unit sees neither the total nor the grade before publication
    expect(ok<EvaluationDetail>(await village.get(`/api/evaluations/${id}`)).grade).toBe(null);
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${id}/publish`, { version: d.version }));
    expect([d.total, d.grade]).toEqual([90, '优秀']);

    // the set's bands edited after publication: the published evaluation keeps its grade; a new round takes the new bands
    const stricter = bands(['优秀', 95], ['良好', 85], ['合格', 70], ['不合格', 0]);
    set = ok<IndicatorSetDto>(await county.put(`/api/evaluations/sets/${set.id}`, { name: set.name, kind: 'routine', level: 'village', indicators, grades: stricter, version: set.version }));
    expect(set.grades).toEqual(stricter);
    const audited = await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'evaluation-set.update').where('target_id', '=', set.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audited.detail).toContain('等次 优秀≥95/良好≥85/合格≥70/不合格≥0');
    expect(ok<EvaluationDetail>(await village.get(`/api/evaluations/${id}`)).grade).toBe('优秀');
    expect(ok<EvaluationDetail>(await county.get(`/api/evaluations/${id}`)).round.grades).toEqual(defaults);
    expect(ok<RoundResults>(await county.get(`/api/evaluations/rounds/${round.id}/results`)).rows.map((r) => [r.orgUnitName, r.total, r.grade])).toEqual([[units.village1.name, 90, '优秀']]);
    const next = ok<RoundDetail>(await county.post('/api/evaluations/rounds', { orgUnitId: units.county.id, setId: set.id, title: '等次测试（新分数线）', period: '2026-Q3', unitIds: [units.village1.id], selfDueDay: '2026-09-30', scorerMode: 'upper' }));
    expect(next.grades).toEqual(stricter);

    // the public page (no sign-in) shows the grade with the total and rank
    const pub = ok<PublicEvaluationResults>(await t.agent().get(`/api/public/org-units/${units.county.id}/evaluation-results`)).rounds.find((x) => x.id === round.id)!;
    expect(pub.rows).toEqual([{ rank: 1, orgUnitName: units.village1.name, total: 90, grade: '优秀' }]);
    expect(pub.grades).toEqual(defaults);

    // the results as .xlsx: the page's rows with the grade and each indicator's score, audited
    const results = ok<RoundResults>(await county.get(`/api/evaluations/rounds/${round.id}/results`));
    const auditCount = async () => Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'evaluation-round.export').where('target_id', '=', round.id).executeTakeFirstOrThrow()).n);
    const res = await county.get(`/api/evaluations/rounds/${round.id}/results/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('考评结果');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const head = sheet.findIndex((row) => row[0] === '名次');
    expect(sheet[head]).toEqual(['名次', '单位', '总分', '等次', ...results.indicators.map((i) => `${i.name}（${i.weight}）`)]);
    expect(sheet.slice(head + 1)).toEqual([[1, units.village1.name, 90, '优秀', ...results.indicators.map((i) => results.rows[0].scores[i.key])]]);
    expect(await auditCount()).toBe(1);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('tells an indicator not yet scored (null) from a score of 0, in the sheet, the scores and the total', async () => {
    const round = ok<RoundDetail>(await county.post('/api/evaluations/rounds', { orgUnitId: units.county.id, setId: 'default-routine-village', title: '零分与未评分', period: '2026-Q2', unitIds: [units.village2.id], selfDueDay: '2026-06-30', scorerMode: 'upper' }));
    const id = round.evaluations[0].id;
    let d = ok<EvaluationDetail>(await village2.get(`/api/evaluations/${id}`));
    const entered = d.items.filter((i) => i.method === 'entered');
    d = ok<EvaluationDetail>(await village2.put(`/api/evaluations/${id}/self`, { version: d.version, items: entered.map((i) => ({ key: i.key, selfScore: 0, files: i.evidenceRequired ? [photo] : [] })) }));
    // a self score of 0 is a score: the self-assessment is complete
    expect(entered.map((i) => item(d, i.key).selfScore)).toEqual(entered.map(() => 0));
    d = ok<EvaluationDetail>(await village2.post(`/api/evaluations/${id}/submit`, { version: d.version }));
    // a sheet left blank (null) is not scored: scoring is refused and names the indicator
    d = ok<EvaluationDetail>(await county.put(`/api/evaluations/${id}/sheet`, { items: entered.map((i) => ({ key: i.key, score: null })) }));
    expect(d.sheets[0].items.map((x) => x.score)).toEqual(entered.map(() => null));
    expectRefused(await county.post(`/api/evaluations/${id}/score`, { version: d.version }), 409, new RegExp(`尚有指标未评分：“${entered[0].name}”`));
    // 0 is a score: scoring goes through, the item reads 0 (not null) and adds nothing to the total
    d = ok<EvaluationDetail>(await county.put(`/api/evaluations/${id}/sheet`, { items: entered.map((i) => ({ key: i.key, score: 0 })) }));
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${id}/score`, { version: d.version }));
    expect(entered.map((i) => item(d, i.key).score)).toEqual(entered.map(() => 0));
    const figures = d.items.filter((i) => i.method === 'figure').reduce((s, i) => s + i.score!, 0);
    expect(d.total).toBeCloseTo(figures, 5);
    d = ok<EvaluationDetail>(await county.post(`/api/evaluations/${id}/publish`, { version: d.version }));
    const results = ok<RoundResults>(await county.get(`/api/evaluations/rounds/${round.id}/results`));
    expect(entered.map((i) => results.rows[0].scores[i.key])).toEqual(entered.map(() => 0));
  });
});
