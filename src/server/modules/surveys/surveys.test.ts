// Satisfaction surveys 满意度调查 through the real API on every database: a questionnaire is checked
// (Chinese 400s), published and then frozen (409); a run samples the people served in the range and
// period (all, a size, a rate; a source with nobody served is a 400); the public page by token shows
// the questionnaire and nothing of the person; one answer per invitation (a second is a 409, a bad
// one a 400 that writes nothing); an unknown token 404, a closed survey 409; 电话回访 by staff of the
// person's range only; results per unit, service and question, the figures equal to the rows; 我的
// lists the linked person's own open invitations only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { InvitationDetail, InvitationDto, LettersDto, PublicSurveyView, QuestionnaireDto, SurveyRunDetail } from '../../../shared/schemas/surveys';
import { PUBLIC_PRIVACY_NOTICE_VERSION } from '../../../shared/schemas/public-accounts';
import type { PublicOverviewDto } from '../../../shared/schemas/public-overview';
import { computeFigures } from '../../platform/figures';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import './index';

const questions = [
  { id: 'q1', kind: 'rating', text: '您对走访慰问服务是否满意？', options: [], required: true },
  { id: 'q2', kind: 'single', text: '工作人员是否主动说明政策？', options: ['是', '否'], required: true },
  { id: 'q3', kind: 'multiple', text: '您希望加强哪些服务？', options: ['就业', '医疗', '法律'], required: false },
  { id: 'q4', kind: 'text', text: '意见和建议', options: [], required: false },
];

describe.each(dbKinds)('surveys on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let q: QuestionnaireDto;
  let run: SurveyRunDetail;
  let tokens: string[];
  const people: RecipientDetail[] = [];
  let seq = 500;
  let phoneSeq = 5000;
  let mine: { person: RecipientDetail; account: Agent; phone: string; idNumber: string };

  const visit = async (by: Agent, recipientId: string, day = '2026-06-10') =>
    expect((await by.post('/api/visits', { clientKey: `survey-visit-${++seq}`, recipientId, visitedOn: day, visitType: 'home', visitors: '张三' })).statusCode).toBe(201);
  const runBody = (over: Record<string, unknown> = {}) => ({ questionnaireId: q?.id ?? '', orgUnitId: units.township.id, title: '2026年6月走访满意度调查', period: '2026-06', sources: ['visits'], sampleMode: 'all', sampleValue: null, closesOn: '2026-06-30', ...over });
  const tokenOf = (path: string) => path.split('/').pop()!;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { ...MANY_LOGINS, PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    // a veteran with a public account (linked by ID number and phone), and three more people
    const phone = `1370573${++phoneSeq}`;
    const idNumber = makeId('19850101', ++seq);
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '钱满意', idNumber, { phone }));
    people.push(person);
    for (const [unit, name] of [[units.village1.id, '孙一般'], [units.village1.id, '李不满'], [units.village2.id, '周邻村']] as const) {
      people.push(await registerApproved(unit === units.village1.id ? village : village2, county, simpleForm(unit, name, makeId('19860202', ++seq))));
    }
    for (const p of people.slice(0, 3)) await visit(village, p.id);
    await visit(village2, people[3].id);
    await visit(village, people[1].id, '2026-05-20'); // before the period: counted once, in June
    const a = t.agent();
    const c = ok<{ challenge: string; difficulty: number }>(await a.get('/api/public/accounts/challenge'));
    expect((await a.post('/api/public/accounts', { name: '钱满意', idNumber, phone, password: 'Veteran@2026', privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION, pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) } })).statusCode).toBe(200);
    mine = { person, account: a, phone, idNumber };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a questionnaire is checked, published, and then frozen', async () => {
    expectRefused(await county.post('/api/surveys/questionnaires', { orgUnitId: units.county.id, title: '问卷', questions: [{ id: 'q1', kind: 'single', text: '只有一个选项', options: ['是'] }] }), 400, /至少需要两个选项/);
    expectRefused(await county.post('/api/surveys/questionnaires', { orgUnitId: units.county.id, title: '问卷', questions: [] }), 400, /至少需要一道题/);
    expect(await sys.selectFrom('questionnaires').select('id').execute()).toHaveLength(0);
    const draft = ok<QuestionnaireDto>(await county.post('/api/surveys/questionnaires', { orgUnitId: units.county.id, title: '服务满意度问卷（草稿）', questions: questions.slice(0, 1) }));
    expect(draft).toMatchObject({ published: false, canEdit: true });
    // a village sees the county's questionnaire but cannot change it
    expect(ok<QuestionnaireDto>(await village.get(`/api/surveys/questionnaires/${draft.id}`)).canEdit).toBe(false);
    expectRefused(await village.put(`/api/surveys/questionnaires/${draft.id}`, { version: draft.version, title: '改', intro: '', questions }), 403, chinese);
    const changed = ok<QuestionnaireDto>(await county.put(`/api/surveys/questionnaires/${draft.id}`, { version: draft.version, title: '退役军人服务满意度问卷', intro: '请根据您的真实感受作答', questions }));
    // a run needs a published questionnaire
    expectRefused(await county.post('/api/surveys/runs', { ...runBody(), questionnaireId: changed.id, orgUnitId: units.county.id }), 400, /尚未发布/);
    q = ok<QuestionnaireDto>(await county.post(`/api/surveys/questionnaires/${draft.id}/publish`, { version: changed.version }));
    expect(q).toMatchObject({ published: true, canEdit: false, title: '退役军人服务满意度问卷' });
    expectRefused(await county.put(`/api/surveys/questionnaires/${q.id}`, { version: q.version, title: '再改', intro: '', questions }), 409, /已发布/);
  });

  it('a run samples the people served in the range and period: all, a size or a rate', async () => {
    // nobody petitioned in the township in June: a Chinese 400 and nothing written
    expectRefused(await village.post('/api/surveys/runs', runBody({ orgUnitId: units.village1.id, sources: ['petitions'] })), 400, /没有可调查的服务对象/);
    expectRefused(await village.post('/api/surveys/runs', runBody({ orgUnitId: units.village1.id, sampleMode: 'size' })), 400, /样本量/);
    expect(await sys.selectFrom('survey_runs').select('id').execute()).toHaveLength(0);
    // another township's unit is outside the village's range
    expectRefused(await village.post('/api/surveys/runs', runBody({ orgUnitId: units.village2.id })), 404, chinese);
    const sized = ok<SurveyRunDetail>(await village.post('/api/surveys/runs', runBody({ orgUnitId: units.village1.id, title: '抽样', sampleMode: 'size', sampleValue: 2 })));
    expect(sized).toMatchObject({ served: 3, invited: 2, answered: 0, responseRate: 0 });
    const rated = ok<SurveyRunDetail>(await village.post('/api/surveys/runs', runBody({ orgUnitId: units.village1.id, title: '按比例', sampleMode: 'rate', sampleValue: 34 })));
    expect(rated).toMatchObject({ served: 3, invited: 2 }); // 34% of 3 rounded up
    // the township's run over everyone: its two villages' four people, each invited once
    run = ok<SurveyRunDetail>(await county.post('/api/surveys/runs', runBody()));
    expect(run).toMatchObject({ served: 4, invited: 4, sources: ['visits'], closed: false });
    const rows = await sys.selectFrom('survey_invitations').select(['recipient_id', 'source_mask', 'org_path']).where('run_id', '=', run.id).execute();
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(rows.every((r) => Number(r.source_mask) === 1)).toBe(true);
    // village2 sees its own person only
    const seen = ok<Page<InvitationDto>>(await village2.get(`/api/surveys/runs/${run.id}/invitations`));
    expect(seen.items.map((i) => i.name)).toEqual(['周邻村']);
    expect(ok<SurveyRunDetail>(await village2.get(`/api/surveys/runs/${run.id}`)).invited).toBe(1);
    const letters = ok<LettersDto>(await county.get(`/api/surveys/runs/${run.id}/letters`));
    expect(letters.items).toHaveLength(4);
    tokens = people.map((p) => tokenOf(letters.items.find((l) => l.name === p.name)!.path));
    expect(tokens.every((tk) => /^[A-Za-z0-9_-]{40,}$/.test(tk))).toBe(true);
  });

  it('the public page by token shows the questionnaire only; one answer per invitation', async () => {
    const anon = t.agent();
    const view = ok<PublicSurveyView>(await anon.get(`/api/public/surveys/${tokens[1]}`));
    expect(view).toMatchObject({ title: '退役军人服务满意度问卷', state: 'open', orgUnitName: expect.any(String), closesOn: '2026-06-30' });
    expect(JSON.stringify(view)).not.toMatch(/孙一般|recipient|张三/);
    expectRefused(await anon.get('/api/public/surveys/not-a-token'), 400, chinese);
    expectRefused(await anon.get(`/api/public/surveys/${'x'.repeat(43)}`), 404, chinese);
    // bad answers are Chinese 400s and write nothing
    expectRefused(await anon.post(`/api/public/surveys/${tokens[1]}/answers`, { answers: [{ questionId: 'q1', value: 6 }, { questionId: 'q2', value: 0 }] }), 400, /评分应为 1 至 5/);
    expectRefused(await anon.post(`/api/public/surveys/${tokens[1]}/answers`, { answers: [{ questionId: 'q1', value: 3 }] }), 400, /第 2 题为必答题/);
    expectRefused(await anon.post(`/api/public/surveys/${tokens[1]}/answers`, { answers: [{ questionId: 'q1', value: 3 }, { questionId: 'q2', value: 5 }] }), 400, /请选择一个选项/);
    expect((await sys.selectFrom('survey_invitations').select('answered_at').where('run_id', '=', run.id).where('answered_at', 'is not', null).execute()).length).toBe(0);
    const answered = ok<PublicSurveyView>(await anon.post(`/api/public/surveys/${tokens[1]}/answers`, { answers: [{ questionId: 'q1', value: 3 }, { questionId: 'q2', value: 1 }, { questionId: 'q3', value: [0, 2] }, { questionId: 'q4', value: '希望多来走访' }] }));
    expect(answered.state).toBe('answered');
    // a used token: a second answer is a Chinese 409 and the first stays as given
    expectRefused(await t.agent().post(`/api/public/surveys/${tokens[1]}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }), 409, /只能答复一次/);
    const row = await sys.selectFrom('survey_invitations').selectAll().where('run_id', '=', run.id).where('recipient_id', '=', people[1].id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ answered_via: 'link', rating_sum: 3, answered_by: null });
    // a token answers its own invitation only: everyone else's stays open
    const answeredNow = await sys.selectFrom('survey_invitations').select('recipient_id').where('answered_at', 'is not', null).execute();
    expect(answeredNow.map((x) => x.recipient_id)).toEqual([people[1].id]);
    expect(Number(row.satisfied_count)).toBe(0);
  });

  it('电话回访: staff of the person’s range record the answers on the person’s behalf, once', async () => {
    const inv = ok<Page<InvitationDto>>(await village.get(`/api/surveys/runs/${run.id}/invitations?answered=false`)).items.find((i) => i.name === '李不满')!;
    expectRefused(await village2.post(`/api/surveys/invitations/${inv.id}/answers`, { answers: [{ questionId: 'q1', value: 1 }, { questionId: 'q2', value: 1 }] }), 404, chinese);
    const d = ok<InvitationDetail>(await village.post(`/api/surveys/invitations/${inv.id}/answers`, { answers: [{ questionId: 'q1', value: 1 }, { questionId: 'q2', value: 1 }] }));
    expect(d).toMatchObject({ answeredVia: 'phone', answers: [{ questionId: 'q1', value: 1 }, { questionId: 'q2', value: 1 }] });
    expectRefused(await village.post(`/api/surveys/invitations/${inv.id}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }), 409, /只能答复一次/);
    // the person's own answer by link after the call: the same 409
    expectRefused(await t.agent().post(`/api/public/surveys/${tokens[2]}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }), 409, /只能答复一次/);
  });

  it('我的 lists the linked person’s own open invitation; the page answers it', async () => {
    // the person may also be in the village's two sampled runs: every open invitation listed is theirs
    const own = await sys.selectFrom('survey_invitations').select('id').where('recipient_id', '=', mine.person.id).where('answered_at', 'is', null).execute();
    const s = ok<PublicOverviewDto>(await mine.account.get('/api/public/me/overview')).sections.find((x) => x.key === 'surveys')!;
    expect(s.items.map((i) => i.id).sort()).toEqual(own.map((i) => i.id).sort());
    expect(s.items.map((i) => i.link)).toContain(`/public/surveys/${tokens[0]}`);
    ok(await mine.account.post(`/api/public/surveys/${tokens[0]}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }));
    const after = ok<PublicOverviewDto>(await mine.account.get('/api/public/me/overview')).sections.find((x) => x.key === 'surveys')!;
    expect(after.items).toHaveLength(own.length - 1);
    expect(after.items.map((i) => i.link)).not.toContain(`/public/surveys/${tokens[0]}`);
  });

  it('results per unit, per service and per question; the figures equal the rows', async () => {
    const r = ok<SurveyRunDetail>(await county.get(`/api/surveys/runs/${run.id}`));
    expect(r).toMatchObject({ invited: 4, answered: 3, responseRate: 75, ratings: 3, satisfied: 1, satisfaction: 33.3 });
    expect(r.byUnit).toEqual([expect.objectContaining({ label: units.village1.name, invited: 3, answered: 3, satisfaction: 33.3 }), expect.objectContaining({ label: units.village2.name, invited: 1, answered: 0, responseRate: 0, satisfaction: null })]);
    expect(r.bySource).toEqual([expect.objectContaining({ key: 'visits', label: '走访', invited: 4, answered: 3 })]);
    const q1 = r.questions.find((x) => x.questionId === 'q1')!;
    expect(q1).toMatchObject({ counts: [1, 0, 1, 0, 1], average: 3 });
    expect(r.questions.find((x) => x.questionId === 'q3')!.counts).toEqual([1, 0, 1]);
    expect(r.questions.find((x) => x.questionId === 'q4')!.texts).toBe(1);
    const f = await computeFigures(t.db.handle.db, { path: units.township.path, from: '2026-06-01', to: '2026-06-30' }, ['surveys.invited', 'surveys.answered', 'surveys.responseRate', 'surveys.satisfaction']);
    // the township's own run plus the village's two sampled runs (2 + 2)
    const all = await sys.selectFrom('survey_invitations').select(['answered_at']).execute();
    expect(f['surveys.invited']).toBe(all.length);
    expect(f['surveys.answered']).toBe(all.filter((x) => x.answered_at).length);
    expect(f['surveys.satisfaction']).toBe(33.3);
  });

  it('exports the results as .xlsx (per unit, per service, per question; the page’s numbers, no person), audited', async () => {
    const r = ok<SurveyRunDetail>(await county.get(`/api/surveys/runs/${run.id}`));
    const before = Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'survey.export').executeTakeFirstOrThrow()).n);
    const res = await county.get(`/api/surveys/runs/${run.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const find = (label: string) => rows.find((x) => x[1] === label)!;
    const v1 = r.byUnit.find((x) => x.label === units.village1.name)!;
    expect(find(units.village1.name).slice(0, 8)).toEqual(['按单位', v1.label, v1.invited, v1.answered, v1.responseRate, v1.ratings, v1.satisfied, v1.satisfaction]);
    expect(v1).toMatchObject({ invited: 3, answered: 3, satisfaction: 33.3 });
    expect(find('走访').slice(0, 4)).toEqual(['按服务', '走访', 4, 3]);
    const q1 = r.questions.find((x) => x.questionId === 'q1')!;
    const n1 = r.questions.indexOf(q1) + 1;
    expect(q1.labels.map((l) => find(`${n1}. ${q1.text}：${l}`)[3])).toEqual(q1.counts);
    expect(find(`${n1}. ${q1.text}：平均分`)[3]).toBe(3);
    // no person's name in the workbook
    expect(JSON.stringify(rows)).not.toContain('李不满');
    const after = Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'survey.export').executeTakeFirstOrThrow()).n);
    expect(after).toBe(before + 1);
  });

  it('a closed survey takes no answer, by token or by phone', async () => {
    expectRefused(await village.post(`/api/surveys/runs/${run.id}/close`, { version: run.version }), 403, chinese);
    const closed = ok<SurveyRunDetail>(await county.post(`/api/surveys/runs/${run.id}/close`, { version: run.version }));
    expect(closed.closed).toBe(true);
    expect(ok<PublicSurveyView>(await t.agent().get(`/api/public/surveys/${tokens[3]}`)).state).toBe('closed');
    expectRefused(await t.agent().post(`/api/public/surveys/${tokens[3]}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }), 409, /调查已结束/);
    const inv = ok<Page<InvitationDto>>(await village2.get(`/api/surveys/runs/${run.id}/invitations`)).items[0];
    expectRefused(await village2.post(`/api/surveys/invitations/${inv.id}/answers`, { answers: [{ questionId: 'q1', value: 5 }, { questionId: 'q2', value: 0 }] }), 409, /调查已结束/);
    expectRefused(await county.get(`/api/surveys/runs/${run.id}/letters`), 409, /调查已结束/);
  });
});
