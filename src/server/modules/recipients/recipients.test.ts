// The registry through the real API on every database: versioned edits (reviewed and direct,
// stale versions), search (name tokens, pinyin initials, ID number in both forms, phone, every
// filter, age boundaries), privacy (masks, audited reveals, encrypted documents, nothing clear at
// rest), ID-number rules, deaths, duplicates and merges, households.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { idCheckCharacter } from '../../../shared/rules/id-number';
import type { RecipientDetail, RecipientListItem } from '../../../shared/schemas/recipients';
import type { CaseDto } from '../../../shared/schemas/cases';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import {
  MANY_LOGINS,
  act,
  demoUnits,
  expectRefused,
  makeId,
  makeId15,
  ok,
  openCaseOf,
  register,
  registerApproved,
  registrySnapshot,
  simpleForm,
  editBody,
  updateBody,
  veteranForm,
  type CaseDetail,
  type Page,
  type Units,
} from './recipients-test-support';

type History = { items: { version: number; at: string; actorName: string; kind: string; changes: { field: string; label: string; from: string; to: string }[]; caseId: string | null }[] };
type Update = { detail: RecipientDetail; reviewCaseId: string | null };

// a 1×1 PNG, a minimal JPEG header and a minimal PDF
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.each(dbKinds)('registry on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let city: Agent;
  let grid: Agent;

  const detail = async (a: Agent, id: string) => ok<RecipientDetail>(await a.get(`/api/recipients/${id}`));
  const history = async (a: Agent, id: string) => ok<History>(await a.get(`/api/recipients/${id}/history`));
  const search = async (a: Agent, query: Record<string, string | number>) => {
    const qs = new URLSearchParams(Object.entries({ pageSize: 200, ...query }).map(([k, v]) => [k, String(v)])).toString();
    return ok<Page<RecipientListItem>>(await a.get(`/api/recipients?${qs}`)).items;
  };
  const names = async (a: Agent, query: Record<string, string | number>) => (await search(a, query)).map((i) => i.name).sort();
  const audits = async (action: string, targetId: string) =>
    sys.selectFrom('audit_logs').select(['action', 'detail', 'username', 'result']).where('action', '=', action).where('target_id', '=', targetId).orderBy('seq').execute();

  /** Moves "today" and signs the agents in again. */
  const travel = async (iso: string) => {
    t.clock.set(iso);
    await sys.updateTable('users').set({ password_changed_at: iso }).execute();
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    city = await t.login('city');
    grid = await t.login('grid');
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    await travel(t.clock.now().toISOString());
  });
  afterAll(async () => {
    await t?.close();
  });

  // ---- versioned edits ----

  it('after approval, phone and skills apply at once and are versioned with masked values', async () => {
    const r = await registerApproved(village, county, veteranForm(units.village1.id, { name: '陈建军', idNumber: makeId('1976-04-04', 151), household: { mode: 'none' } }));
    const body = await updateBody(village, r.id, { phone: '139 5720 1234', skills: '电工、焊工', bankAccount: '6222020000000009' });
    t.clock.advance(60);
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, body));
    expect(res.reviewCaseId).toBeNull();
    expect(res.detail.phoneMasked).toBe('139****1234');
    expect(res.detail.skills).toBe('电工、焊工');
    expect(res.detail.bankAccountMasked).toBe('****0009');
    expect(res.detail.version).toBe(r.version + 1);
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'phone' })).value).toBe('13957201234');

    const h = await history(county, r.id);
    expect(h.items.map((v) => v.kind)).toEqual(['edit', 'approved', 'created']);
    const edit = h.items[0];
    expect(edit.actorName).toBe('刘秀英');
    expect(edit.at).toBe(t.clock.now().toISOString());
    expect(edit.version).toBe(r.version + 1);
    expect(edit.changes).toEqual(
      expect.arrayContaining([
        { field: 'phone', label: '联系电话', from: '138****5678', to: '139****1234' },
        { field: 'skills', label: '技能特长', from: '电工', to: '电工、焊工' },
        { field: 'bankAccount', label: '银行账号', from: '（敏感信息）', to: '（敏感信息）' },
      ]),
    );
    expect(edit.changes).toHaveLength(3);
    const raw = JSON.stringify(h);
    for (const secret of ['13957201234', '13857205678', '6222020000000009', '6217000011112222']) expect(raw).not.toContain(secret);
    // an edit that changes nothing writes nothing
    const before = await registrySnapshot(sys);
    const same = ok<Update>(await village.put(`/api/recipients/${r.id}`, { ...body, version: res.detail.version }));
    expect(same.reviewCaseId).toBeNull();
    expect(await registrySnapshot(sys)).toBe(before);
  });

  it('name, ID number, group, care and disability changes wait for the county; approval applies them, rejection leaves the record as it was', async () => {
    const oldId = makeId('1977-05-05', 171);
    const r = await registerApproved(village, county, veteranForm(units.village1.id, { name: '黄志明', idNumber: oldId, household: { mode: 'none' } }));
    const newId = makeId('1977-05-15', 173);
    const body = await updateBody(village, r.id, { name: '黄智明', idNumber: newId, recipientGroup: 'dischargedSoldier', careCategories: ['warVeteran'], disabilityGrade: 4, disabilityCause: 'war', skills: '木工' });
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, body));
    expect(res.reviewCaseId).not.toBeNull();
    // the direct part (skills) applies; the reviewed part waits
    expect(res.detail).toMatchObject({ name: '黄志明', birthDate: '1977-05-05', recipientGroup: 'disabledVeteran', careCategories: ['disabledVeteran', 'warVeteran'], disabilityGrade: 6, disabilityCause: 'duty', skills: '木工' });
    expect(res.detail.idNumberMasked.slice(-4)).toBe(oldId.slice(-4));
    expect(res.detail.openCases.map((c) => c.type)).toContain('edit-review');
    expect(await names(village, { q: '黄智明' })).toEqual([]);
    expect(await names(village, { q: '黄志明' })).toEqual(['黄志明']);
    // the review case: in the county's queue, changes shown masked, no ciphertext or hash leaves the server
    const c = ok<CaseDetail>(await county.get(`/api/cases/${res.reviewCaseId}`));
    expect(c).toMatchObject({ type: 'edit-review', status: 'pending', subjectId: r.id });
    expect(c.dueDay).not.toBeNull();
    const changes = (c.payload as { changes: { field: string; from: string; to: string }[] }).changes;
    expect(changes.map((x) => x.field).sort()).toEqual(['careCategories', 'disabilityCause', 'disabilityGrade', 'idNumber', 'name', 'recipientGroup']);
    expect(changes.find((x) => x.field === 'careCategories')).toMatchObject({ from: '伤残军人、参战退役人员', to: '参战退役人员' });
    expect(changes.find((x) => x.field === 'disabilityCause')).toMatchObject({ from: '因公', to: '因战' });
    expect(changes.find((x) => x.field === 'recipientGroup')).toMatchObject({ from: '残疾军人', to: '退役士兵' });
    expect(changes.find((x) => x.field === 'idNumber')).toMatchObject({ from: oldId.slice(0, 3) + '*'.repeat(11) + oldId.slice(-4), to: newId.slice(0, 3) + '*'.repeat(11) + newId.slice(-4) });
    const caseJson = JSON.stringify(c);
    expect(caseJson).not.toContain(newId);
    expect(caseJson).not.toMatch(/_enc|_hash/);
    expect(ok<{ items: { id: string }[] }>(await county.get('/api/work-queue')).items.map((i) => i.id)).toContain(res.reviewCaseId);

    // a second reviewed edit while one is pending: 409, nothing written
    const cur = await detail(village, r.id);
    const before = await registrySnapshot(sys);
    expectRefused(await village.put(`/api/recipients/${r.id}`, { ...body, name: '黄知明', version: cur.version }), 409, /待审核/);
    expect(await registrySnapshot(sys)).toBe(before);
    // a direct edit meanwhile is fine (the stored reviewed values sent back unchanged)
    const direct = await updateBody(village, r.id, { phone: '13957209999' });
    ok<Update>(await village.put(`/api/recipients/${r.id}`, direct));

    // the county approves: applied, searchable under the new name, the phone edit kept
    ok(await act(county, res.reviewCaseId!, 'approve'));
    const after = await detail(village, r.id);
    expect(after).toMatchObject({ name: '黄智明', birthDate: '1977-05-15', recipientGroup: 'dischargedSoldier', careCategories: ['warVeteran'], disabilityGrade: 4, disabilityCause: 'war', skills: '木工', phoneMasked: '139****9999' });
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' })).value).toBe(newId);
    expect(await names(village, { q: '黄智明' })).toEqual(['黄智明']);
    expect(await names(village, { q: '智明' })).toEqual(['黄智明']);
    expect(await names(village, { q: '黄志明' })).toEqual([]);
    expect((await search(village, { idNumber: newId })).map((i) => i.id)).toEqual([r.id]);
    expect(await search(village, { idNumber: oldId })).toEqual([]);
    const h = await history(village, r.id);
    expect(h.items[0]).toMatchObject({ kind: 'reviewed-edit', actorName: '李红梅', caseId: res.reviewCaseId });

    // rejection: nothing changes
    const again = await updateBody(village, r.id, { careCategories: ['warVeteran', 'returnedIll'], disabilityGrade: 3, disabilityCause: 'war' });
    const res2 = ok<Update>(await village.put(`/api/recipients/${r.id}`, again));
    expect(res2.reviewCaseId).not.toBeNull();
    expectRefused(await act(county, res2.reviewCaseId!, 'reject'), 400);
    const rej = ok<CaseDetail>(await act(county, res2.reviewCaseId!, 'reject', '伤残等级须以鉴定结论为准'));
    expect(rej.status).toBe('rejected');
    const final = await detail(village, r.id);
    expect(final).toMatchObject({ careCategories: ['warVeteran'], disabilityGrade: 4 });
    expect(final.openCases).toEqual([]);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('an approved ID change that someone else registered meanwhile is refused, not a server error', async () => {
    const r = await registerApproved(village, county, simpleForm(units.village1.id, '杨光', makeId('1978-06-06', 191)));
    const target = makeId('1978-06-06', 193);
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, await updateBody(village, r.id, { idNumber: target })));
    expect(res.reviewCaseId).not.toBeNull();
    // another village registers the same ID number before the county decides
    await register(village2, simpleForm(units.village2.id, '杨广', target));
    const before = await registrySnapshot(sys);
    expectRefused(await act(county, res.reviewCaseId!, 'approve'), 409);
    expect(await registrySnapshot(sys)).toBe(before);
    expect((await detail(village, r.id)).idNumberMasked.slice(-4)).not.toBe(target.slice(-4));
  });

  it('two staff editing the same version: the second gets 409 and nothing is overwritten', async () => {
    const r = await registerApproved(village, county, simpleForm(units.village1.id, '林海', makeId('1979-07-07', 211), { phone: '13857201111', skills: '' }));
    const first = await updateBody(village, r.id, { skills: '驾驶' });
    const second = await updateBody(township, r.id, { phone: '13857202222', skills: '厨师' });
    expect(first.version).toBe(second.version);
    ok(await village.put(`/api/recipients/${r.id}`, first));
    const before = await registrySnapshot(sys);
    const res = expectRefused(await township.put(`/api/recipients/${r.id}`, second), 409, /已被他人修改.*刷新/);
    expect(res.message).toMatch(/未保存/);
    expect(await registrySnapshot(sys)).toBe(before);
    const d = await detail(township, r.id);
    expect(d).toMatchObject({ skills: '驾驶', phoneMasked: '138****1111' });
    // at the same moment: exactly one wins
    const a = await updateBody(village, r.id, { skills: '甲' });
    const b = await updateBody(township, r.id, { skills: '乙' });
    const results = await Promise.all([village.put(`/api/recipients/${r.id}`, a), township.put(`/api/recipients/${r.id}`, b)]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const winner = results[0].statusCode === 200 ? '甲' : '乙';
    expect((await detail(village, r.id)).skills).toBe(winner);
    expect((await history(village, r.id)).items.filter((v) => v.kind === 'edit')).toHaveLength(2);
  });

  // ---- edits without clear sensitive values (an editor reveals only what they change) ----

  const sensitiveOf = async (a: Agent, id: string) => {
    const out: Record<string, string> = {};
    for (const field of ['idNumber', 'phone', 'bankAccount', 'disabilityCert', 'medicalDetails']) out[field] = ok<{ value: string }>(await a.post(`/api/recipients/${id}/reveal`, { field })).value;
    return out;
  };

  it('an edit without the sensitive fields keeps all five as stored and reveals nothing', async () => {
    const idNumber = makeId('1971-02-03', 611);
    const r = await registerApproved(village, county, veteranForm(units.village1.id, { name: '钱守义', idNumber, household: { mode: 'none' } }));
    const revealsBefore = (await audits('recipient.reveal', r.id)).length;
    const body = await editBody(village, r.id, { skills: '木工、瓦工' });
    for (const f of ['idNumber', 'phone', 'bankAccount', 'disabilityCert', 'medicalDetails']) expect(body).not.toHaveProperty(f);
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, body));
    expect(res.reviewCaseId).toBeNull();
    // no reveal was needed or written by the edit
    expect(await audits('recipient.reveal', r.id)).toHaveLength(revealsBefore);
    expect(res.detail).toMatchObject({ skills: '木工、瓦工', version: r.version + 1, birthDate: '1971-02-03', gender: 'male', idNumberMasked: r.idNumberMasked, phoneMasked: '138****5678', bankAccountMasked: '****2222', hasDisabilityCert: true, hasMedicalDetails: true });
    expect((await history(village, r.id)).items[0].changes.map((c) => c.field)).toEqual(['skills']);
    // the stored values are the same (read back through reveal), and the lookups still find the person
    expect(await sensitiveOf(village, r.id)).toEqual({ idNumber, phone: '13857205678', bankAccount: '6217000011112222', disabilityCert: '浙残军000123', medicalDetails: '左腿旧伤，需定期复查' });
    expect((await search(village, { idNumber })).map((i) => i.id)).toEqual([r.id]);
    expect((await search(village, { phone: '13857205678' })).map((i) => i.id)).toContain(r.id);
    // the dates are still checked against the stored birth date
    expectRefused(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { enlistmentDate: '1970-01-01' })), 400, /出生日期/);
  });

  it('an edit with only a new phone changes the phone and nothing else', async () => {
    const idNumber = makeId('1972-03-04', 613);
    const r = await registerApproved(village, county, veteranForm(units.village1.id, { name: '孙守仁', idNumber, household: { mode: 'none' } }));
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { phone: '13957206060' })));
    expect(res.reviewCaseId).toBeNull();
    expect(res.detail.phoneMasked).toBe('139****6060');
    const h = await history(village, r.id);
    expect(h.items[0].changes).toEqual([{ field: 'phone', label: '联系电话', from: '138****5678', to: '139****6060' }]);
    expect(await sensitiveOf(village, r.id)).toEqual({ idNumber, phone: '13957206060', bankAccount: '6217000011112222', disabilityCert: '浙残军000123', medicalDetails: '左腿旧伤，需定期复查' });
    expect((await search(village, { phone: '13957206060' })).map((i) => i.id)).toEqual([r.id]);
    expect(await search(village, { phone: '13857205678' }).then((x) => x.map((i) => i.id))).not.toContain(r.id);
    // an optional sensitive field sent empty is cleared
    const cleared = ok<Update>(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { bankAccount: '' })));
    expect(cleared.detail).toMatchObject({ bankAccountMasked: null, phoneMasked: '139****6060', hasMedicalDetails: true });
  });

  it('an ID number sent alone still derives birth date and gender, and is checked for duplicates', async () => {
    const taken = makeId('1973-04-05', 615);
    await register(village, simpleForm(units.village1.id, '周已登', taken));
    const r = await register(village, simpleForm(units.village1.id, '周新录', makeId('1973-04-06', 617), { phone: '13857206161', enlistmentDate: '1992-12-01' }));
    // a draft: the ID change applies at once
    expectRefused(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { idNumber: taken })), 409, /已被其他记录使用/);
    expectRefused(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { idNumber: makeId('1993-01-01', 618) })), 400, /入伍时间不能早于出生日期/);
    const newId = makeId('1974-05-06', 618);
    const res = ok<Update>(await village.put(`/api/recipients/${r.id}`, await editBody(village, r.id, { idNumber: newId })));
    expect(res.detail).toMatchObject({ birthDate: '1974-05-06', gender: 'female', phoneMasked: '138****6161' });
    expect((await search(village, { idNumber: newId })).map((i) => i.id)).toEqual([r.id]);
    expect((await history(village, r.id)).items[0].changes.map((c) => c.field)).toEqual(['idNumber']);
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'phone' })).value).toBe('13857206161');
  });

  // ---- search ----

  it('search: one, two and three characters, pinyin initials, ID number in both forms, phone', async () => {
    const zwd = makeId('1975-08-18', 231);
    const a = await register(village, simpleForm(units.village1.id, '张卫东', zwd, { phone: '13857205678' }));
    const b = await register(village, simpleForm(units.village1.id, '张伟', makeId('1980-01-02', 233), { phone: '0572-5123456' }));
    const c = await register(village2, simpleForm(units.village2.id, '李卫东', makeId('1981-02-03', 235)));
    const d = await register(village, simpleForm(units.village1.id, '单小明', makeId('1982-03-04', 237)));
    const ids = (items: RecipientListItem[]) => items.map((i) => i.id).filter((id) => [a.id, b.id, c.id, d.id].includes(id)).sort();
    const sorted = (...xs: string[]) => [...xs].sort();

    expect(ids(await search(township, { q: '张' }))).toEqual(sorted(a.id, b.id));
    expect(ids(await search(township, { q: '卫东' }))).toEqual(sorted(a.id, c.id));
    expect(ids(await search(township, { q: '东' }))).toEqual(sorted(a.id, c.id));
    expect(ids(await search(township, { q: '张卫东' }))).toEqual([a.id]);
    expect(ids(await search(township, { q: '张卫' }))).toEqual([a.id]);
    expect(ids(await search(township, { q: 'zwd' }))).toEqual([a.id]);
    expect(ids(await search(township, { q: 'ZW' }))).toEqual(sorted(a.id, b.id));
    expect(ids(await search(township, { q: '张wd' }))).toEqual([a.id]);
    expect(ids(await search(township, { q: 'sxm' }))).toEqual([d.id]);
    expect(ids(await search(township, { q: 'dxm' }))).toEqual([d.id]);
    // the village sees its own only
    expect(ids(await search(village, { q: '卫东' }))).toEqual([a.id]);
    expect(ids(await search(village2, { q: '卫东' }))).toEqual([c.id]);
    expect(ids(await search(grid, { q: '卫东' }))).toEqual([]);
    expect(ids(await search(city, { q: '卫东' }))).toEqual(sorted(a.id, c.id));
    // nothing searchable in the query
    expectRefused(await township.get('/api/recipients?q=123'), 400);

    // ID number: 18 digits, the legacy 15-digit form of the same person, spaces and full-width digits
    expect(ids(await search(township, { idNumber: zwd }))).toEqual([a.id]);
    expect(ids(await search(township, { idNumber: makeId15('1975-08-18', 231) }))).toEqual([a.id]);
    expect(ids(await search(township, { idNumber: zwd.slice(0, 6) + ' ' + zwd.slice(6) }))).toEqual([a.id]);
    expect(ids(await search(village2, { idNumber: zwd }))).toEqual([]);
    expectRefused(await township.get(`/api/recipients?idNumber=${zwd.slice(0, 17)}${zwd[17] === '1' ? '2' : '1'}`), 400, /校验位/);
    // phone, as people write it
    expect(ids(await search(township, { phone: '13857205678' }))).toEqual([a.id]);
    expect(ids(await search(township, { phone: '138 5720 5678' }))).toEqual([a.id]);
    expect(ids(await search(township, { phone: '+8613857205678' }))).toEqual([a.id]);
    expect(ids(await search(township, { phone: '0572-5123456' }))).toEqual([b.id]);
    expect(ids(await search(township, { phone: '13857205679' }))).toEqual([]);
    expectRefused(await township.get('/api/recipients?phone=12345678901'), 400);
  });

  it('search filters: unit, group, care category, discharge type, employment, deceased, disability grade', async () => {
    const mk = (name: string, unit: string, seq: number, over: Record<string, unknown>) => register(unit === units.village1.id ? village : village2, simpleForm(unit, name, makeId('1960-09-09', seq), over));
    const p1 = await mk('筛选甲', units.village1.id, 301, { recipientGroup: 'disabledVeteran', careCategories: ['disabledVeteran', 'warVeteran'], dischargeType: 'demobilized', employmentStatus: 'employed', disabilityGrade: 5, disabilityCause: 'war' });
    const p2 = await mk('筛选乙', units.village1.id, 303, { recipientGroup: 'demobilized', careCategories: ['ruralDemobilized'], dischargeType: 'demobilized', employmentStatus: 'retired' });
    const p3 = await mk('筛选丙', units.village2.id, 305, { recipientGroup: 'dischargedSoldier', careCategories: [], dischargeType: 'selfEmployed', employmentStatus: 'unemployed' });
    const q = async (f: Record<string, string | number>) => (await names(township, { q: '筛选', ...f })).join(',');
    expect(await q({})).toBe('筛选丙,筛选乙,筛选甲');
    expect(await q({ orgUnitId: units.village1.id })).toBe('筛选乙,筛选甲');
    expect(await q({ orgUnitId: units.village2.id })).toBe('筛选丙');
    expect(await q({ orgUnitId: units.township.id })).toBe('筛选丙,筛选乙,筛选甲');
    expectRefused(await township.get(`/api/recipients?orgUnitId=${units.hanggaiVillage.id}`), 404);
    expectRefused(await village.get(`/api/recipients?orgUnitId=${units.village2.id}`), 404);
    expect(await q({ group: 'disabledVeteran' })).toBe('筛选甲');
    expect(await q({ group: 'demobilized' })).toBe('筛选乙');
    expect(await q({ care: 'warVeteran' })).toBe('筛选甲');
    expect(await q({ care: 'ruralDemobilized' })).toBe('筛选乙');
    expect(await q({ priorityCare: 'true' })).toBe('筛选乙,筛选甲');
    expect(await q({ priorityCare: 'false' })).toBe('筛选丙');
    expect(await q({ dischargeType: 'demobilized' })).toBe('筛选乙,筛选甲');
    expect(await q({ dischargeType: 'selfEmployed' })).toBe('筛选丙');
    expect(await q({ employment: 'unemployed' })).toBe('筛选丙');
    expect(await q({ employment: 'retired' })).toBe('筛选乙');
    expect(await q({ disabilityGrade: 5 })).toBe('筛选甲');
    expect(await q({ disabilityGrade: 6 })).toBe('');
    expect(await q({ status: 'draft' })).toBe('筛选丙,筛选乙,筛选甲');
    expect(await q({ status: 'registered' })).toBe('');
    expect(await q({ deceased: 'false' })).toBe('筛选丙,筛选乙,筛选甲');
    ok(await village.post(`/api/recipients/${p2.id}/death`, { deathDate: '2026-05-01', version: p2.version }));
    expect(await q({ deceased: 'true' })).toBe('筛选乙');
    expect(await q({ deceased: 'false' })).toBe('筛选丙,筛选甲');
    expect(await q({ group: 'demobilized', deceased: 'true', orgUnitId: units.village1.id })).toBe('筛选乙');
    void p1;
    void p3;
  });

  it('search by age: boundaries on the birthday, and on 28 and 29 February', async () => {
    try {
      await ageBoundaries();
    } finally {
      await travel('2026-06-15T02:00:00.000Z');
    }
  });

  const ageBoundaries = async () => {
    // today 2026-06-15
    await travel('2026-06-15T02:00:00.000Z');
    const born = { 龄甲: '1966-06-15', 龄乙: '1966-06-16', 龄丙: '1965-06-15', 龄丁: '1965-06-16' } as const;
    let seq = 401;
    for (const [name, b] of Object.entries(born)) await register(village, simpleForm(units.village1.id, name, makeId(b, (seq += 2))));
    const ages = Object.fromEntries((await search(village, { q: '龄' })).map((i) => [i.name, i.age]));
    expect(ages).toEqual({ 龄甲: 60, 龄乙: 59, 龄丙: 61, 龄丁: 60 });
    const q = async (f: Record<string, number>) => (await names(village, { q: '龄', ...f })).join(',');
    expect(await q({ ageMin: 60 })).toBe('龄丁,龄丙,龄甲');
    expect(await q({ ageMax: 60 })).toBe('龄丁,龄乙,龄甲');
    expect(await q({ ageMin: 60, ageMax: 60 })).toBe('龄丁,龄甲');
    expect(await q({ ageMin: 61 })).toBe('龄丙');
    expect(await q({ ageMax: 59 })).toBe('龄乙');

    // born on 29 February 1964: 62 on 28 February 2026 (民法典 Art. 202)
    const leap = await register(village, simpleForm(units.village1.id, '闰年生', makeId('1964-02-29', 421)));
    await travel('2026-02-28T02:00:00.000Z');
    expect((await detail(village, leap.id)).age).toBe(62);
    expect(await names(village, { q: '闰年生', ageMin: 62 })).toEqual(['闰年生']);
    expect(await names(village, { q: '闰年生', ageMax: 61 })).toEqual([]);
    expect(await names(village, { q: '闰年生', ageMax: 62 })).toEqual(['闰年生']);
    await travel('2026-02-27T02:00:00.000Z');
    expect(await names(village, { q: '闰年生', ageMin: 62 })).toEqual([]);
    expect(await names(village, { q: '闰年生', ageMax: 61 })).toEqual(['闰年生']);

    // today 29 February 2028: born 1967-03-01 is still 60, born 1967-02-28 is 61
    await travel('2028-02-29T02:00:00.000Z');
    await register(village, simpleForm(units.village1.id, '岁二月', makeId('1967-02-28', 431)));
    await register(village, simpleForm(units.village1.id, '岁三月', makeId('1967-03-01', 433)));
    const r = async (f: Record<string, number>) => (await search(village, { q: '岁', ...f })).map((i) => `${i.name}${i.age}`).sort().join(',');
    expect(await r({})).toBe('岁三月60,岁二月61');
    expect(await r({ ageMax: 60 })).toBe('岁三月60');
    expect(await r({ ageMin: 61 })).toBe('岁二月61');
    expect(await r({ ageMin: 60, ageMax: 61 })).toBe('岁三月60,岁二月61');
    expect(await r({ ageMin: 62 })).toBe('');
  };

  it('at rest: the token table holds only name tokens; recipient rows hold no clear ID, phone, bank, certificate or medical values', async () => {
    const idNumber = makeId('1983-12-12', 451);
    const form = veteranForm(units.village1.id, {
      name: '欧阳明辉',
      idNumber,
      phone: '13857203456',
      bankAccount: '6228480000000001234',
      disabilityCert: '浙残军998877',
      medicalDetails: '患有高血压病史十年',
      certificates: [
        { kind: 'disabledVeteranCert', number: '浙残军998877' },
        { kind: 'dischargeCert', number: '退字2003556677' },
      ],
      household: { mode: 'none' },
    });
    const r = await register(village, form);
    expect(r.certificates).toEqual(form.certificates);
    const tokens = await sys.selectFrom('recipient_name_tokens').select(['token', 'unit_key']).where('recipient_id', '=', r.id).execute();
    expect(tokens.map((x) => x.token).sort()).toEqual(['py:o', 'py:oy', 'py:oym', 'py:oymh', '明', '明辉', '欧', '欧阳', '辉', '阳', '阳明'].sort());
    // keyed by the key path of the record's unit (0060)
    const villageKey = (await sys.selectFrom('org_units').select('key_path').where('id', '=', units.village1.id).executeTakeFirstOrThrow()).key_path;
    expect(new Set(tokens.map((x) => x.unit_key))).toEqual(new Set([villageKey]));
    const allTokens = await sys.selectFrom('recipient_name_tokens').select('token').execute();
    for (const x of allTokens) expect(x.token).not.toMatch(/\d{4}/);
    const row = await sys.selectFrom('recipients').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const text = JSON.stringify(row);
    for (const secret of [idNumber, idNumber.slice(0, 6) + idNumber.slice(8, 17), '13857203456', '6228480000000001234', '0000000001234', '浙残军998877', '998877', '高血压', '退字2003556677']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(row.id_number_masked).toBe(idNumber.slice(0, 3) + '*'.repeat(11) + idNumber.slice(-4));
    expect(row.phone_masked).toBe('138****3456');
    // and the same reads back through a reveal
    const reveal = async (field: string) => ok<{ value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field })).value;
    expect(await reveal('idNumber')).toBe(idNumber);
    expect(await reveal('phone')).toBe('13857203456');
    expect(await reveal('bankAccount')).toBe('6228480000000001234');
    expect(await reveal('disabilityCert')).toBe('浙残军998877');
    expect(await reveal('medicalDetails')).toBe('患有高血压病史十年');
    // an upper viewer, who may not reveal, sees the certificate numbers masked
    const seen = await detail(city, r.id);
    expect(seen.certificates).toEqual([
      { kind: 'disabledVeteranCert', number: '*****8877' },
      { kind: 'dischargeCert', number: '********6677' },
    ]);
    expect(JSON.stringify(seen)).not.toContain('998877');
    const survivor = await register(village, simpleForm(units.village1.id, '烈属', makeId('1950-05-05', 452), {
      kind: 'martyrSurvivor',
      recipientGroup: 'martyrSurvivor',
      careCategories: ['martyrSurvivor'],
      deceasedSoldier: { name: '烈士甲', deathDate: '1979-02-17', deathKind: 'martyr', certificateNo: '烈证1979001234', relation: '父亲' },
    }));
    expect(survivor.deceasedSoldier?.certificateNo).toBe('烈证1979001234');
    expect((await detail(city, survivor.id)).deceasedSoldier).toMatchObject({ name: '烈士甲', certificateNo: '********1234' });
    // an edit that leaves the certificates alone changes nothing
    const body = await updateBody(village, r.id);
    const before = await registrySnapshot(sys);
    ok(await village.put(`/api/recipients/${r.id}`, body));
    expect(await registrySnapshot(sys)).toBe(before);
    const changed = ok<Update>(await village.put(`/api/recipients/${r.id}`, { ...body, certificates: [{ kind: 'dischargeCert', number: '退字2003556677' }] }));
    expect(changed.detail.certificates).toEqual([{ kind: 'dischargeCert', number: '退字2003556677' }]);
    expect((await history(village, r.id)).items[0].changes.map((c) => c.field)).toEqual(['certificates']);
    expect(JSON.stringify(await history(village, r.id))).not.toContain('998877');
  });

  // ---- privacy ----

  it('reveal: clear value to a worker, audited with the field label; an upper viewer and an administrator cannot', async () => {
    const idNumber = makeId('1984-01-21', 471);
    const r = await register(village, simpleForm(units.village1.id, '马骏', idNumber, { phone: '13857204444' }));
    expect(ok<{ field: string; value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' }))).toEqual({ field: 'idNumber', value: idNumber });
    expect(ok<{ value: string }>(await county.post(`/api/recipients/${r.id}/reveal`, { field: 'phone' })).value).toBe('13857204444');
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'bankAccount' })).value).toBe('');
    const logged = await audits('recipient.reveal', r.id);
    expect(logged.map((a) => [a.username, a.detail, a.result])).toEqual([
      ['village', '公民身份号码', 'success'],
      ['county', '联系电话', 'success'],
      ['village', '银行账号', 'success'],
    ]);
    // the city sees the record masked, but cannot reveal
    const seen = await detail(city, r.id);
    expect(seen.idNumberMasked).not.toContain(idNumber.slice(6, 14));
    expectRefused(await city.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' }), 403);
    const admin = await t.login('admin');
    expectRefused(await admin.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' }), 403);
    expectRefused(await admin.get(`/api/recipients/${r.id}`), 403);
    // outside the range: 404
    expectRefused(await village2.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' }), 404);
    expect(await audits('recipient.reveal', r.id)).toHaveLength(3);
    expectRefused(await village.post(`/api/recipients/${r.id}/reveal`, { field: 'name' }), 400);
  });

  it('documents: PNG, JPEG and PDF by their magic bytes, at most 3 MB, stored encrypted, downloads audited', async () => {
    const r = await register(village, simpleForm(units.village1.id, '罗文', makeId('1985-02-22', 491)));
    const up = (a: Agent, mime: string, data: Buffer, name = '扫描件') => a.post(`/api/recipients/${r.id}/documents`, { kind: 'idCard', name, mime, dataBase64: data.toString('base64') });
    const png = ok<{ id: string; size: number; mime: string }>(await up(village, 'image/png', PNG, '身份证正面.png'));
    expect(png).toMatchObject({ size: PNG.length, mime: 'image/png' });
    const jpg = ok<{ id: string }>(await up(village, 'image/jpeg', JPEG, '退伍证.jpg'));
    const pdf = ok<{ id: string }>(await up(village, 'application/pdf', PDF, '鉴定结论.pdf'));
    // wrong labels, empty, too big
    const before = await registrySnapshot(sys);
    expectRefused(await up(village, 'application/pdf', PNG), 400, /类型/);
    expectRefused(await up(village, 'image/jpeg', PNG), 400);
    expectRefused(await up(village, 'image/png', PDF), 400);
    expectRefused(await up(village, 'image/gif', Buffer.from('GIF89a')), 400);
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024 + 1 - PNG.length)]);
    expectRefused(await up(village, 'image/png', big), 400, /3 MB/);
    expectRefused(await up(village, 'image/png', Buffer.concat([big, Buffer.alloc(200_000)])), 400);
    expectRefused(await village.post(`/api/recipients/${r.id}/documents`, { kind: 'idCard', name: 'x', mime: 'image/png', dataBase64: '@@@' }), 400);
    expectRefused(await up(village2, 'image/png', PNG), 404);
    expectRefused(await city.post(`/api/recipients/${r.id}/documents`, { kind: 'idCard', name: 'x', mime: 'image/png', dataBase64: PNG.toString('base64') }), 403);
    expect(await registrySnapshot(sys)).toBe(before);
    // exactly 3 MB is accepted
    const max = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024 - PNG.length)]);
    ok(await up(village, 'image/png', max, '大图.png'));

    // encrypted at rest
    const stored = await sys.selectFrom('files').select(['id', 'data_enc', 'org_path']).where('owner_id', '=', r.id).execute();
    expect(stored).toHaveLength(4);
    for (const f of stored) {
      for (const raw of [PNG, JPEG, PDF]) expect(f.data_enc).not.toContain(raw.toString('base64').slice(0, 40));
      expect(f.data_enc).not.toContain('%PDF');
      expect(f.org_path).toBe(units.village1.path);
    }
    // listed on the record; downloads return the same bytes and are audited
    expect((await detail(village, r.id)).documents.map((d) => d.name).sort()).toEqual(['大图.png', '身份证正面.png', '退伍证.jpg', '鉴定结论.pdf'].sort());
    for (const [id, bytes, mime] of [[png.id, PNG, 'image/png'], [jpg.id, JPEG, 'image/jpeg'], [pdf.id, PDF, 'application/pdf']] as const) {
      const res = await village.get(`/api/recipients/${r.id}/documents/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(mime);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);
    }
    expect((await audits('recipient.document-view', r.id)).map((a) => a.detail)).toEqual(['身份证正面.png', '退伍证.jpg', '鉴定结论.pdf']);
    expect((await audits('recipient.document-add', r.id)).map((a) => a.detail)).toEqual(['身份证正面.png', '退伍证.jpg', '鉴定结论.pdf', '大图.png']);
    // not through another record, not outside the range, not for those who may not see sensitive data
    const other = await register(village, simpleForm(units.village1.id, '罗武', makeId('1985-02-23', 493)));
    expectRefused(await village.get(`/api/recipients/${other.id}/documents/${png.id}`), 404);
    expectRefused(await village2.get(`/api/recipients/${r.id}/documents/${png.id}`), 404);
    expectRefused(await city.get(`/api/recipients/${r.id}/documents/${png.id}`), 403);
    expect(await audits('recipient.document-view', r.id)).toHaveLength(3);
  });

  // ---- ID number rules ----

  it('ID numbers: checksum, impossible dates, legacy 15 digits, lower-case x, duplicates in and out of scope, check-id', async () => {
    const good = makeId('1986-03-03', 511);
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const before = await registrySnapshot(sys);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '校验错', badCheck)), 400, /校验位/);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '日期错', makeId('1986-02-30', 511))), 400, /出生日期/);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '日期错', '330523860230511')), 400, /出生日期/);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '位数错', good.slice(0, 16))), 400, /18 位/);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '未来', makeId('2030-01-01', 511))), 400, /晚于/);
    expectRefused(await village.post('/api/recipients/check-id', { idNumber: badCheck }), 400, /校验位/);
    expect(await registrySnapshot(sys)).toBe(before);

    // legacy 15 digits: accepted, stored as 18
    const legacy = makeId15('1952-07-07', 513);
    const old = await register(village, simpleForm(units.village1.id, '老兵', legacy));
    expect(old.birthDate).toBe('1952-07-07');
    expect(old.gender).toBe('male');
    expect(old.idNumberMasked).toHaveLength(18);
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${old.id}/reveal`, { field: 'idNumber' })).value).toBe(makeId('1952-07-07', 513));
    // its 18-digit form is the same person
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '老兵二', makeId('1952-07-07', 513))), 409, /老兵/);

    // lower-case x
    let seq = 515;
    while (idCheckCharacter(`33052319870404${String(seq).padStart(3, '0')}`) !== 'X') seq += 2;
    const withX = makeId('1987-04-04', seq);
    const x = await register(village, simpleForm(units.village1.id, '末位叉', withX.toLowerCase()));
    expect(x.idNumberMasked.endsWith('X')).toBe(true);
    expect(ok<{ value: string }>(await village.post(`/api/recipients/${x.id}/reveal`, { field: 'idNumber' })).value).toBe(withX);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '末位叉二', withX)), 409, /末位叉/);

    // duplicate in scope: named; registered elsewhere: not named, a transfer offered
    const dup = await register(village, simpleForm(units.village1.id, '钟华', good));
    const mid = await registrySnapshot(sys);
    const inScope = expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '钟华', good)), 409, /钟华/);
    expect(inScope.error).toBe('DUPLICATE_ID');
    expectRefused(await township.post('/api/recipients', simpleForm(units.township.id, '钟华', good)), 409, /钟华/);
    const elsewhere = expectRefused(await village2.post('/api/recipients', simpleForm(units.village2.id, '钟华华', good)), 409);
    expect(elsewhere.message).toBe('该公民身份号码已在其他单位登记，可申请迁入');
    expect(JSON.stringify(elsewhere)).not.toContain('钟华');
    expect(JSON.stringify(elsewhere)).not.toContain(dup.id);
    expect(await registrySnapshot(sys)).toBe(mid);

    // check-id
    const fresh = ok<{ status: string; birthDate: string; gender: string }>(await village2.post('/api/recipients/check-id', { idNumber: makeId('1988-05-05', 522) }));
    expect(fresh).toEqual({ status: 'new', birthDate: '1988-05-05', gender: 'female' });
    expect(ok(await village.post('/api/recipients/check-id', { idNumber: good }))).toEqual({ status: 'inScope', recipientId: dup.id, name: '钟华' });
    expect(ok(await township.post('/api/recipients/check-id', { idNumber: good }))).toMatchObject({ status: 'inScope', recipientId: dup.id });
    expect(ok(await village.post('/api/recipients/check-id', { idNumber: makeId15('1952-07-07', 513) }))).toMatchObject({ status: 'inScope', recipientId: old.id });
    const other = ok<Record<string, unknown>>(await village2.post('/api/recipients/check-id', { idNumber: good }));
    expect(other).toEqual({ status: 'elsewhere', message: '该公民身份号码已在其他单位登记，可申请迁入' });
    expect(ok(await village2.post('/api/recipients/check-id', { idNumber: withX.toLowerCase() }))).toMatchObject({ status: 'elsewhere' });
  });

  it('the same person registered twice at once: one record, the other a conflict', async () => {
    const idNumber = makeId('1989-06-06', 541);
    const results = await Promise.all([
      village.post('/api/recipients', simpleForm(units.village1.id, '并发甲', idNumber)),
      village2.post('/api/recipients', simpleForm(units.village2.id, '并发乙', idNumber)),
      township.post('/api/recipients', simpleForm(units.township.id, '并发丙', idNumber)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expectRefused(r, 409, /已登记|已在其他单位登记/);
    const rows = await sys.selectFrom('recipients').select('name').where('name', 'like', '并发%').execute();
    expect(rows).toHaveLength(1);
    expect(await sys.selectFrom('recipient_name_tokens').select('token').where('token', '=', '并发').execute()).toHaveLength(1);
    // and a draft submitted twice at once opens one review
    const winner = JSON.parse(results.find((r) => r.statusCode === 200)!.body) as RecipientDetail;
    const by = winner.orgUnitId === units.village2.id ? village2 : winner.orgUnitId === units.township.id ? township : village;
    const subs = await Promise.all([by.post(`/api/recipients/${winner.id}/submit`, { version: winner.version }), by.post(`/api/recipients/${winner.id}/submit`, { version: winner.version })]);
    expect(subs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(ok<Page<CaseDto>>(await county.get(`/api/cases?subjectId=${winner.id}`)).items).toHaveLength(1);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  // ---- deaths ----

  it('death: not in the future, not before birth; the record stays, marked, filterable; twice is a conflict', async () => {
    const r = await registerApproved(village, county, simpleForm(units.village1.id, '去世者', makeId('1930-08-08', 531), { recipientGroup: 'redArmyVeteran' }));
    const before = await registrySnapshot(sys);
    expectRefused(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-16', version: r.version }), 400, /晚于今天/);
    expectRefused(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '1930-08-07', version: r.version }), 400, /早于出生/);
    expectRefused(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-02-30', version: r.version }), 400);
    expectRefused(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: r.version + 5 }), 409);
    expectRefused(await village2.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: r.version }), 404);
    expectRefused(await city.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: r.version }), 403);
    expect(await registrySnapshot(sys)).toBe(before);
    const d = ok<RecipientDetail>(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-15', version: r.version, note: '病故' }));
    expect(d).toMatchObject({ deceased: true, deathDate: '2026-06-15', status: 'registered', age: 95 });
    expect(await names(village, { q: '去世者', deceased: 'true' })).toEqual(['去世者']);
    expect(await names(village, { q: '去世者', deceased: 'false' })).toEqual([]);
    expect(await names(village, { q: '去世者' })).toEqual(['去世者']);
    expect((await history(village, r.id)).items[0]).toMatchObject({ kind: 'death', changes: [{ field: 'deathDate', label: '去世日期', from: '', to: '2026-06-15' }] });
    expectRefused(await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-14', version: d.version }), 409, /已登记去世/);
    expect((await detail(village, r.id)).deathDate).toBe('2026-06-15');
    expect((await audits('recipient.death', r.id)).map((a) => a.detail)).toEqual(['病故']);
  });

  // ---- duplicates and merge ----

  it('duplicates: same name and birth date across villages listed for the county; merge moves versions, documents and cases', async () => {
    const a = await registerApproved(village, county, simpleForm(units.village1.id, '重名者', makeId('1962-10-10', 551), { household: { mode: 'new', address: '一村' } }));
    const b = await register(village2, simpleForm(units.village2.id, '重名者', makeId('1962-10-10', 553), { phone: '13857207777', household: { mode: 'new', address: '二村' } }));
    const bSon = await register(village2, simpleForm(units.village2.id, '户内成员', makeId('1990-10-10', 557), { kind: 'militaryFamily', recipientGroup: 'militaryFamily', household: { mode: 'join', householdId: b.household!.id } }));
    ok(await village2.post(`/api/recipients/${b.id}/documents`, { kind: 'photo', name: '照片.png', mime: 'image/png', dataBase64: PNG.toString('base64') }));
    ok(await village2.post(`/api/recipients/${b.id}/submit`, { version: b.version }));
    const bCase = await openCaseOf(county, b.id);

    const list = ok<{ items: { a: RecipientListItem; b: RecipientListItem; reason: string }[] }>(await county.get('/api/recipients/duplicates'));
    const pair = list.items.find((p) => [p.a.id, p.b.id].sort().join() === [a.id, b.id].sort().join());
    expect(pair).toBeDefined();
    expect(pair!.reason).toBe('nameBirth');
    expect(JSON.stringify(pair)).not.toContain('13857207777');
    expectRefused(await village.get('/api/recipients/duplicates'), 403);
    expectRefused(await township.get('/api/recipients/duplicates'), 403);
    expectRefused(await city.get('/api/recipients/duplicates'), 403);

    const c = await register(village, simpleForm(units.village1.id, '不重名', makeId('1962-10-10', 555)));
    const before = await registrySnapshot(sys);
    expectRefused(await village.post(`/api/recipients/${b.id}/merge`, { intoId: a.id }), 403);
    expectRefused(await city.post(`/api/recipients/${b.id}/merge`, { intoId: a.id }), 403);
    expectRefused(await county.post(`/api/recipients/${b.id}/merge`, { intoId: b.id }), 400);
    expectRefused(await county.post(`/api/recipients/${c.id}/merge`, { intoId: a.id }), 400, /姓名和出生日期/);
    expectRefused(await county.post(`/api/recipients/${b.id}/merge`, { intoId: 'nosuchrecord' }), 404);
    // b still waits for its collection review: that case would be left with no record to act on
    expectRefused(await county.post(`/api/recipients/${b.id}/merge`, { intoId: a.id }), 409, /未办结/);
    expect(await registrySnapshot(sys)).toBe(before);
    ok(await act(county, bCase.id, 'approve'));

    const merged = ok<RecipientDetail>(await county.post(`/api/recipients/${b.id}/merge`, { intoId: a.id }));
    expect(merged.id).toBe(a.id);
    // the merge adds history and documents, not field values: an editor holding the record keeps going
    expect(merged.version).toBe(a.version);
    ok(await village.put(`/api/recipients/${a.id}`, { ...(await updateBody(village, a.id)), skills: '合并后编辑', version: a.version }));
    // the merged record is gone from reads, lists, search and duplicates
    expectRefused(await county.get(`/api/recipients/${b.id}`), 404);
    expectRefused(await village2.get(`/api/recipients/${b.id}`), 404);
    expect((await search(county, { q: '重名者' })).map((i) => i.id)).toEqual([a.id]);
    expect((await search(county, { phone: '13857207777' })).map((i) => i.id)).toEqual([]);
    expect((await search(county, { orgUnitId: units.village2.id, q: '重名' })).map((i) => i.id)).toEqual([]);
    expect(ok<{ items: { a: { id: string }; b: { id: string } }[] }>(await county.get('/api/recipients/duplicates')).items.some((p) => [p.a.id, p.b.id].includes(b.id))).toBe(false);
    expect(await sys.selectFrom('recipient_name_tokens').select('token').where('recipient_id', '=', b.id).execute()).toEqual([]);
    // the household b headed is headed by the member who remains
    expect((await detail(village2, bSon.id)).household).toMatchObject({ headRecipientId: bSon.id, members: [{ id: bSon.id, isHead: true }] });
    // versions, documents and cases follow, and the remaining record's unit can see them
    const h = await history(village, a.id);
    expect(h.items.map((v) => v.kind)).toEqual(expect.arrayContaining(['merge', 'approved', 'created']));
    expect(h.items.filter((v) => v.kind === 'created')).toHaveLength(2);
    expect(h.items.find((v) => v.kind === 'merge')!.changes[0].from).toMatch(/重名者/);
    const da = await detail(village, a.id);
    expect(da.documents.map((d) => d.name)).toEqual(['照片.png']);
    const doc = await village.get(`/api/recipients/${a.id}/documents/${da.documents[0].id}`);
    expect(doc.statusCode).toBe(200);
    expect(Buffer.compare(doc.rawPayload, PNG)).toBe(0);
    const moved = ok<CaseDto>(await county.get(`/api/cases/${bCase.id}`));
    expect(moved.subjectId).toBe(a.id);
    expect(ok<Page<CaseDto>>(await county.get(`/api/cases?subjectId=${a.id}`)).items.map((x) => x.id)).toContain(bCase.id);
    // merging again: the record is gone
    expectRefused(await county.post(`/api/recipients/${b.id}/merge`, { intoId: a.id }), 404);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  // ---- households ----

  it('households: the first member heads a new household, a second joins, members shown; no joining outside one’s range', async () => {
    const head = await register(village, simpleForm(units.village1.id, '户主甲', makeId('1955-11-11', 571), { household: { mode: 'new', address: '一村 8 号' } }));
    expect(head.household).toMatchObject({ address: '一村 8 号', headRecipientId: head.id, members: [{ id: head.id, name: '户主甲', kind: 'veteran', isHead: true }] });
    const hid = head.household!.id;
    const wife = await register(village, simpleForm(units.village1.id, '家属乙', makeId('1958-12-12', 572), { kind: 'militaryFamily', recipientGroup: 'militaryFamily', household: { mode: 'join', householdId: hid } }));
    expect(wife.household?.id).toBe(hid);
    expect(wife.household?.headRecipientId).toBe(head.id);
    const members = (await detail(village, head.id)).household!.members;
    expect(members).toEqual([
      { id: head.id, name: '户主甲', kind: 'veteran', isHead: true },
      { id: wife.id, name: '家属乙', kind: 'militaryFamily', isHead: false },
    ]);
    // a new household's address falls back on the current address
    const solo = await register(village, simpleForm(units.village1.id, '独居丙', makeId('1956-01-13', 573), { currentAddress: '一村 9 号', household: { mode: 'new' } }));
    expect(solo.household).toMatchObject({ address: '一村 9 号', headRecipientId: solo.id });
    // outside the range: 404, nothing written
    const before = await registrySnapshot(sys);
    expectRefused(await village2.post('/api/recipients', simpleForm(units.village2.id, '外村丁', makeId('1957-02-14', 575), { household: { mode: 'join', householdId: hid } })), 404, /家庭户/);
    expectRefused(await village.post('/api/recipients', simpleForm(units.village1.id, '无户戊', makeId('1957-02-15', 577), { household: { mode: 'join', householdId: 'nosuchhousehold' } })), 404);
    expect(await registrySnapshot(sys)).toBe(before);
    // the township sees the household across its villages
    expect((await detail(township, wife.id)).household?.members).toHaveLength(2);
  });
});
