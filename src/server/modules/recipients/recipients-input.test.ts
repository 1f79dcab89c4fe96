// Bad input on every registry route, on every database: wrong types, unknown options, over-long
// text, impossible dates and the cross-field rules answer 400 with a Chinese message, and nothing
// is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, register, registerApproved, registrySnapshot, simpleForm, updateBody, veteranForm, type Units } from './recipients-test-support';

type Case = [label: string, body: Record<string, unknown>, message?: RegExp];

describe.each(dbKinds)('registry input on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let county: Agent;
  let draft: RecipientDetail;
  let registered: RecipientDetail;
  let fileId: string;

  /** each request answers 400 with a Chinese message (matching when given), and the registry is unchanged */
  const refuseAll = async (send: (body: Record<string, unknown>) => ReturnType<Agent['post']>, cases: Case[]) => {
    const before = await registrySnapshot(sys);
    for (const [label, body, message] of cases) {
      const res = await send(body);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
      expectRefused(res, 400, message);
    }
    expect(await registrySnapshot(sys)).toBe(before);
  };

  /** field cases shared by create and update: [label, patch, message] */
  const fieldCases = (): Case[] => [
    ['name of the wrong type', { name: 123 }],
    ['empty name', { name: '  ' }, /姓名/],
    ['name too long', { name: '张'.repeat(31) }, /30/],
    ['name with a NUL', { name: '张\u0000三' }],
    ['unknown kind', { kind: 'soldier' }, /kind/],
    ['unknown group', { recipientGroup: 'general' }, /recipientGroup/],
    ['care categories not a list', { careCategories: 'disabledVeteran' }],
    ['unknown care category', { careCategories: ['hero'] }],
    ['disability grade 11', { disabilityGrade: 11, disabilityCause: 'war' }, /一至十级/],
    ['disability grade 0', { disabilityGrade: 0, disabilityCause: 'war' }, /一至十级/],
    ['disability grade 5.5', { disabilityGrade: 5.5, disabilityCause: 'war' }],
    ['disability grade as text', { disabilityGrade: '5', disabilityCause: 'war' }],
    ['grade without cause', { disabilityGrade: 5, disabilityCause: null }, /伤残性质/],
    ['cause without grade', { disabilityGrade: null, disabilityCause: 'war' }, /伤残等级/],
    ['unknown cause', { disabilityGrade: 5, disabilityCause: 'accident' }],
    ['discharge before enlistment', { enlistmentDate: '1995-12-01', dischargeDate: '1993-12-01' }, /退役时间不能早于入伍时间/],
    ['enlistment before birth', { enlistmentDate: '1960-12-01', dischargeDate: '1965-12-01' }, /入伍时间不能早于出生日期/],
    ['enlistment in the future', { enlistmentDate: '2027-03-01', dischargeDate: null }, /入伍时间不能晚于今天/],
    ['discharge in the future', { enlistmentDate: '2020-03-01', dischargeDate: '2026-09-01' }, /退役时间不能晚于今天/],
    ['a date that does not exist', { enlistmentDate: '1994-02-30' }, /日期不存在/],
    ['a date in another format', { enlistmentDate: '1994/03/01' }, /YYYY-MM-DD/],
    ['unknown discharge type', { dischargeType: 'fired' }],
    ['unknown branch', { branch: 'spaceForce' }],
    ['unknown political status', { politicalStatus: 'anarchist' }],
    ['unknown education', { education: 'phd' }],
    ['unknown employment', { employmentStatus: 'busy' }],
    ['survivor without the soldier', { kind: 'martyrSurvivor', recipientGroup: 'martyrSurvivor', deceasedSoldier: null }, /牺牲（病故）军人/],
    ['soldier of an unknown kind', { kind: 'martyrSurvivor', recipientGroup: 'martyrSurvivor', deceasedSoldier: { name: '张烈', deathDate: '1979-02-17', deathKind: 'hero' } }],
    ['soldier without a name', { kind: 'martyrSurvivor', recipientGroup: 'martyrSurvivor', deceasedSoldier: { name: '', deathDate: null, deathKind: 'martyr' } }, /姓名/],
    ['soldier died in the future', { kind: 'martyrSurvivor', recipientGroup: 'martyrSurvivor', deceasedSoldier: { name: '张烈', deathDate: '2027-01-01', deathKind: 'martyr' } }, /晚于今天/],
    ['phone with letters', { phone: '138abc' }, /电话/],
    ['phone not a real number', { phone: '12345678901' }, /手机号码不正确/],
    ['phone too short', { phone: '1385720567' }],
    ['phone too long', { phone: '1'.repeat(21) }],
    ['bank account with letters', { bankAccount: '6217abc' }, /银行账号/],
    ['empty ID number', { idNumber: '' }, /身份号码/],
    ['ID number too long', { idNumber: '1'.repeat(31) }],
    ['ID number with a bad check character', { idNumber: makeId('1975-03-08', 131).slice(0, 17) + (makeId('1975-03-08', 131)[17] === '1' ? '2' : '1') }, /校验位/],
    ['unknown situation level', { situations: { health: { level: 'great', note: '' } } }, /健康状况/],
    ['situation note too long', { situations: { needs: { level: 'some', note: '需'.repeat(501) } } }],
    ['merit without a name', { merits: [{ name: '', level: 'first', year: 1990 }] }, /奖项/],
    ['merit of an unknown level', { merits: [{ name: '一等功', level: 'platinum', year: 1990 }] }],
    ['merit in 1800', { merits: [{ name: '一等功', level: 'first', year: 1800 }] }],
    ['merit next year', { merits: [{ name: '一等功', level: 'first', year: 2027 }] }, /年份/],
    ['family member without a name', { familyMembers: [{ name: '', relation: '子', birthYear: 2000 }] }, /家庭成员/],
    ['family member born next year', { familyMembers: [{ name: '张三', relation: '子', birthYear: 2027 }] }, /年份/],
    ['31 family members', { familyMembers: Array.from({ length: 31 }, (_, i) => ({ name: `成员${i}`, relation: '亲属', birthYear: null })) }],
    ['unknown certificate', { certificates: [{ kind: 'passport', number: 'E1234' }] }],
    ['certificate without a number', { certificates: [{ kind: 'dischargeCert', number: '' }] }, /证件号码/],
    ['skills too long', { skills: '技'.repeat(301) }],
    ['notes too long', { notes: '注'.repeat(1001) }],
    ['medical details too long', { medicalDetails: '病'.repeat(1001) }],
    ['empty ethnicity', { ethnicity: '' }],
    ['lunar birthday as text', { lunarBirthday: 'yes' }],
  ];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    county = await t.login('county');
    draft = await register(village, simpleForm(units.village1.id, '草稿甲', makeId('1970-01-01', 11)));
    registered = await registerApproved(village, county, simpleForm(units.village1.id, '入库乙', makeId('1970-01-02', 13)));
    fileId = ok<{ id: string }>(
      await village.post(`/api/recipients/${draft.id}/documents`, {
        kind: 'photo',
        name: '照片.png',
        mime: 'image/png',
        dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      }),
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('POST /api/recipients: every field', async () => {
    const base = veteranForm(units.village1.id, { idNumber: makeId('1975-03-08', 131) });
    // the base form itself is fine (shown at the end, so the refusals are not about it)
    await refuseAll((patch) => village.post('/api/recipients', { ...base, ...patch }), [
      ...fieldCases(),
      ['no body fields', { kind: undefined, name: undefined, idNumber: undefined, recipientGroup: undefined, orgUnitId: undefined }],
      ['bad unit id', { orgUnitId: 'not an id!' }, /编号格式/],
      ['unknown household mode', { household: { mode: 'move' } }],
      ['join without a household', { household: { mode: 'join' } }],
      ['household address too long', { household: { mode: 'new', address: '址'.repeat(201) } }],
    ]);
    expectRefused(await village.post('/api/recipients', 'not json' as unknown as Record<string, unknown>), 415, /JSON/);
    expectRefused(await village.request('POST', '/api/recipients', '{"name": "张', { 'content-type': 'application/json' }), 400);
    expectRefused(await village.post('/api/recipients', [base] as unknown as Record<string, unknown>), 400);
    ok(await village.post('/api/recipients', base));
  });

  it('PUT /api/recipients/:id: every field, and the version', async () => {
    const base = await updateBody(village, draft.id, { skills: '修理' });
    await refuseAll((patch) => village.put(`/api/recipients/${draft.id}`, { ...base, ...patch }), [
      ...fieldCases(),
      ['no version', { version: undefined }],
      ['version 0', { version: 0 }],
      ['version as text', { version: '1' }],
    ]);
    const reg = await updateBody(village, registered.id);
    await refuseAll((patch) => village.put(`/api/recipients/${registered.id}`, { ...reg, ...patch }), fieldCases().slice(0, 12));
    expectRefused(await village.put('/api/recipients/bad%20id', base), 400);
    ok(await village.put(`/api/recipients/${draft.id}`, base));
  });

  it('the other record routes: submit, reveal, death, documents, merge, history, check-id, transfers', async () => {
    const cur = ok<RecipientDetail>(await village.get(`/api/recipients/${draft.id}`));
    const post = (url: string) => (body: Record<string, unknown>) => village.post(url, body);
    await refuseAll(post(`/api/recipients/${draft.id}/submit`), [
      ['no version', {}],
      ['version as text', { version: String(cur.version) }],
      ['comment too long', { version: cur.version, comment: '注'.repeat(501) }],
    ]);
    await refuseAll(post(`/api/recipients/${draft.id}/reveal`), [
      ['no field', {}],
      ['not a sensitive field', { field: 'name' }],
      ['field of the wrong type', { field: 1 }],
    ]);
    await refuseAll(post(`/api/recipients/${draft.id}/death`), [
      ['no date', { version: cur.version }],
      ['date in another format', { deathDate: '2026年6月1日', version: cur.version }, /YYYY-MM-DD/],
      ['a date that does not exist', { deathDate: '2026-02-29', version: cur.version }, /日期不存在/],
      ['no version', { deathDate: '2026-06-01' }],
      ['note too long', { deathDate: '2026-06-01', version: cur.version, note: '注'.repeat(301) }],
      ['in the future', { deathDate: '2026-06-16', version: cur.version }, /晚于今天/],
      ['before birth', { deathDate: '1969-12-31', version: cur.version }, /早于出生/],
    ]);
    await refuseAll(post(`/api/recipients/${draft.id}/documents`), [
      ['no data', { kind: 'photo', name: 'a.png', mime: 'image/png' }],
      ['unknown kind', { kind: 'selfie', name: 'a.png', mime: 'image/png', dataBase64: 'iVBORw0KGgo=' }],
      ['unknown type', { kind: 'photo', name: 'a.txt', mime: 'text/plain', dataBase64: 'aGVsbG8=' }, /JPG|PDF/],
      ['empty name', { kind: 'photo', name: '', mime: 'image/png', dataBase64: 'iVBORw0KGgo=' }],
      ['name too long', { kind: 'photo', name: 'n'.repeat(121), mime: 'image/png', dataBase64: 'iVBORw0KGgo=' }],
      ['not base64', { kind: 'photo', name: 'a.png', mime: 'image/png', dataBase64: 'iVBOR#w0KGgo' }, /编码/],
      ['bytes that are no PNG', { kind: 'photo', name: 'a.png', mime: 'image/png', dataBase64: 'aGVsbG8gd29ybGQ=' }, /类型/],
    ]);
    await refuseAll((body) => county.post(`/api/recipients/${draft.id}/merge`, body), [
      ['no target', {}],
      ['bad target id', { intoId: '../x' }],
      ['itself', { intoId: draft.id }],
    ]);
    await refuseAll(post('/api/recipients/check-id'), [
      ['empty', { idNumber: '' }],
      ['a number', { idNumber: 110105194912310020 }],
      ['too long', { idNumber: '1'.repeat(31) }],
      ['bad check character', { idNumber: '110105194912310021' }, /校验位/],
      ['letters', { idNumber: '11010519491231ABCD' }],
    ]);
    await refuseAll(post('/api/transfers'), [
      ['no direction', { recipientId: registered.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' }],
      ['unknown direction', { direction: 'up', recipientId: registered.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' }],
      ['out without a record', { direction: 'out', toUnitId: units.hanggaiVillage.id, reason: '迁居' }],
      ['in without an ID number', { direction: 'in', toUnitId: units.village1.id, reason: '投靠' }],
      ['reason too long', { direction: 'out', recipientId: registered.id, toUnitId: units.hanggaiVillage.id, reason: '因'.repeat(301) }],
      ['bad unit id', { direction: 'out', recipientId: registered.id, toUnitId: 'a b', reason: '迁居' }],
    ]);
    const before = await registrySnapshot(sys);
    for (const url of ['/api/recipients/bad%20id', '/api/recipients/bad%20id/history', `/api/recipients/${draft.id}/documents/bad%20id`, '/api/recipients/%E4%B8%AD/documents/x']) {
      expectRefused(await village.get(url), 400);
    }
    expectRefused(await village.get(`/api/recipients/${draft.id}/documents/${fileId}x`), 404);
    expect(await registrySnapshot(sys)).toBe(before);
  });

  it('GET /api/recipients: every query parameter', async () => {
    const bad: [string, RegExp?][] = [
      ['q=' + '张'.repeat(31)],
      ['q=123', /汉字或拼音/],
      ['group=general'],
      ['care=hero'],
      ['kind=soldier'],
      ['status=deleted'],
      ['dischargeType=fired'],
      ['employment=busy'],
      ['disabilityGrade=11'],
      ['disabilityGrade=abc'],
      ['ageMin=-1'],
      ['ageMin=abc'],
      ['ageMax=131'],
      ['ageMin=1.5'],
      ['deceased=yes'],
      ['priorityCare=1'],
      ['sort=random'],
      ['page=0'],
      ['pageSize=201'],
      ['orgUnitId=a%20b'],
      ['idNumber=12345', /18 位/],
      ['idNumber=' + '1'.repeat(31)],
      ['phone=12345678901', /手机号码/],
      ['phone=abc'],
    ];
    for (const [query, message] of bad) {
      const res = await village.get(`/api/recipients?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expectRefused(res, 400, message);
    }
    // and the good ones answer
    ok(await village.get('/api/recipients?q=zj&group=dischargedSoldier&ageMin=20&ageMax=90&deceased=false&sort=name&page=1&pageSize=200'));
  });
});
