// Shared by the registry and case-kernel tests: valid ID numbers, a full veteran form, the demo
// units, and the collection flow (register → submit → county approves) through the real API.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { idCheckCharacter } from '../../../shared/rules/id-number';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { CaseDto } from '../../../shared/schemas/cases';

/** Tests sign in far more often than a person. */
export const MANY_LOGINS = { LOGIN_RATE_LIMIT: '10000' };

export type ErrorBody = { error: string; message: string; details?: { path: string; message: string }[] };
export type Page<T> = { items: T[]; total: number; totalCapped: boolean; page: number; pageSize: number };
export type CaseDetail = CaseDto & {
  log: { seq: number; action: string; fromStatus: string | null; toStatus: string; actorName: string; comment: string }[];
  actions: { name: string; label: string; requireComment: boolean }[];
};
export const chinese = /[\u4e00-\u9fa5]/;

/** An 18-digit ID number with a correct check character. seq: 3 digits, odd = male. */
export function makeId(birth: string, seq: number, area = '330523'): string {
  const first17 = `${area}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** The legacy 15-digit form of a person born in the 1900s. */
export function makeId15(birth: string, seq: number, area = '330523'): string {
  return `${area}${birth.replace(/-/g, '').slice(2)}${String(seq).padStart(3, '0')}`;
}

export function expectRefused(res: LightMyRequestResponse, status: number, message?: RegExp): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as ErrorBody;
  expect(body.message).toMatch(chinese);
  if (message) expect(body.message).toMatch(message);
  return body;
}

export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return json<T>(res);
}

export type Units = {
  county: { id: string; path: string };
  township: { id: string; path: string };
  village1: { id: string; path: string; name: string };
  village2: { id: string; path: string; name: string };
  /** a village of 杭垓镇 (330523104), another township of the county */
  hanggaiVillage: { id: string; path: string; name: string };
  /** a second village of 杭垓镇 */
  hanggaiVillage2: { id: string; path: string; name: string };
};

export async function demoUnits(t: TestApp): Promise<Units> {
  const sys = systemDb(t.db.handle.db);
  const unitOf = async (username: string) =>
    sys
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['org_units.id', 'org_units.path', 'org_units.name'])
      .where('users.username', '=', username)
      .executeTakeFirstOrThrow();
  const byCode = (code: string) => sys.selectFrom('org_units').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
  const hanggai = await byCode('330523104');
  const hv = await sys.selectFrom('org_units').select(['id', 'path', 'name']).where('parent_id', '=', hanggai.id).orderBy('code').limit(2).execute();
  return {
    county: await byCode('330523'),
    township: await byCode('330523105'),
    village1: await unitOf('village'),
    village2: await unitOf('village2'),
    hanggaiVillage: hv[0],
    hanggaiVillage2: hv[1],
  };
}

/** A full veteran form: identity, service record, group, care, disability, merits, the seven situations, family. */
export function veteranForm(orgUnitId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'veteran',
    orgUnitId,
    name: '张卫东',
    idNumber: makeId('1975-03-08', 131),
    ethnicity: '汉族',
    phone: '13857205678',
    politicalStatus: 'cpcMember',
    recipientGroup: 'disabledVeteran',
    careCategories: ['disabledVeteran', 'warVeteran'],
    enlistmentDate: '1993-12-01',
    dischargeDate: '1997-12-01',
    dischargeType: 'selfEmployed',
    branch: 'army',
    lastUnit: '某集团军某旅',
    rank: '中士',
    disabilityGrade: 6,
    disabilityCause: 'duty',
    disabilityCert: '浙残军000123',
    medicalDetails: '左腿旧伤，需定期复查',
    bankAccount: '6217 0000 1111 2222',
    education: 'seniorHigh',
    employmentStatus: 'employed',
    skills: '电工',
    merits: [{ name: '三等功', level: 'third', year: 1996 }],
    situations: {
      service: { level: 'merit', note: '服役期间立三等功' },
      family: { level: 'harmonious', note: '' },
      health: { level: 'disabled', note: '六级伤残' },
      income: { level: 'near', note: '接近低保线' },
      employment: { level: 'employed', note: '村电工' },
      thought: { level: 'stable', note: '' },
      needs: { level: 'some', note: '希望参加技能培训' },
    },
    familyMembers: [
      { name: '王丽', relation: '配偶', birthYear: 1977, occupation: '务农' },
      { name: '张小明', relation: '儿子', birthYear: 2001, occupation: '学生' },
    ],
    householdAddress: '浙江省湖州市安吉县孝丰镇某村 12 号',
    currentAddress: '浙江省湖州市安吉县孝丰镇某村 12 号',
    household: { mode: 'new', address: '孝丰镇某村 12 号' },
    notes: '',
    ...over,
  };
}

/** A minimal veteran form. */
export function simpleForm(orgUnitId: string, name: string, idNumber: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'veteran', orgUnitId, name, idNumber, recipientGroup: 'dischargedSoldier', ...over };
}

export async function register(by: Agent, body: Record<string, unknown>): Promise<RecipientDetail> {
  return ok<RecipientDetail>(await by.post('/api/recipients', body));
}

export async function openCaseOf(by: Agent, recipientId: string, type = 'collection-review'): Promise<CaseDto> {
  const page = ok<Page<CaseDto>>(await by.get(`/api/cases?subjectId=${recipientId}&type=${type}&open=true`));
  expect(page.items.length, `open ${type} case of ${recipientId}`).toBe(1);
  return page.items[0];
}

export async function act(by: Agent, caseId: string, action: string, comment = ''): Promise<LightMyRequestResponse> {
  const c = ok<CaseDetail>(await by.get(`/api/cases/${caseId}`));
  return by.post(`/api/cases/${caseId}/actions`, { action, comment, version: c.version });
}

/** Registers (if given a form), submits, and has the county approve; returns the registered record. */
export async function registerApproved(worker: Agent, county: Agent, body: Record<string, unknown>): Promise<RecipientDetail> {
  const r = await register(worker, body);
  ok(await worker.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
  const c = await openCaseOf(county, r.id);
  ok(await act(county, c.id, 'approve'));
  const d = ok<RecipientDetail>(await worker.get(`/api/recipients/${r.id}`));
  expect(d.status).toBe('registered');
  return d;
}

/** The stored form of a recipient as an update body (the clear ID number comes from a reveal). */
/**
 * An edit's body as the edit form sends it when no sensitive field changes: the record's other
 * fields, no ID number, phone, bank account, disability certificate or medical details (the
 * server keeps those), so nothing is revealed.
 */
export async function editBody(by: Agent, id: string, over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const d = ok<RecipientDetail>(await by.get(`/api/recipients/${id}`));
  return {
    kind: d.kind,
    name: d.name,
    ethnicity: d.ethnicity,
    politicalStatus: d.politicalStatus,
    recipientGroup: d.recipientGroup,
    careCategories: d.careCategories,
    enlistmentDate: d.enlistmentDate,
    dischargeDate: d.dischargeDate,
    dischargeType: d.dischargeType,
    branch: d.branch,
    lastUnit: d.lastUnit,
    rank: d.rank,
    disabilityGrade: d.disabilityGrade,
    disabilityCause: d.disabilityCause,
    education: d.education,
    employmentStatus: d.employmentStatus,
    skills: d.skills,
    merits: d.merits,
    situations: d.situations,
    familyMembers: d.familyMembers,
    deceasedSoldier: d.deceasedSoldier,
    certificates: d.certificates,
    householdAddress: d.householdAddress,
    currentAddress: d.currentAddress,
    notes: d.notes,
    lunarBirthday: d.lunarBirthday,
    version: d.version,
    ...over,
  };
}

/** A full edit's body: every field, the sensitive ones revealed (each reveal audited) and sent back. */
export async function updateBody(by: Agent, id: string, over: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const d = ok<RecipientDetail>(await by.get(`/api/recipients/${id}`));
  const reveal = async (field: string) => ok<{ value: string }>(await by.post(`/api/recipients/${id}/reveal`, { field })).value;
  return {
    ...(await editBody(by, id)),
    idNumber: await reveal('idNumber'),
    phone: d.phoneMasked ? await reveal('phone') : '',
    disabilityCert: d.hasDisabilityCert ? await reveal('disabilityCert') : '',
    medicalDetails: d.hasMedicalDetails ? await reveal('medicalDetails') : '',
    bankAccount: d.bankAccountMasked ? await reveal('bankAccount') : '',
    ...over,
  };
}

/** Row counts of the registry's tables and every recipient row, to show a refused request wrote nothing. */
export async function registrySnapshot(sys: SystemDb): Promise<string> {
  const tables = ['recipients', 'households', 'recipient_versions', 'recipient_name_tokens', 'files', 'cases', 'case_actions', 'access_grants', 'holiday_years'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const r = await sys.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(r.n);
  }
  const recipients = await sys.selectFrom('recipients').selectAll().orderBy('id').execute();
  const households = await sys.selectFrom('households').selectAll().orderBy('id').execute();
  const cases = await sys.selectFrom('cases').selectAll().orderBy('id').execute();
  return JSON.stringify({ counts, recipients, households, cases });
}
