// Glory plaques through the real API on every database: eligibility per household (one plaque
// whatever the number of grounds, none without grounds, certificate holders without asking),
// transitions and bad ones, scope, the 'plaque' roll-ups against a direct count, the work-queue
// window before Army Day and Spring Festival, and the 光荣牌悬挂台账 export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { EligibleHousehold, PlaqueDetail, PlaqueDto } from '../../../shared/schemas/glory-plaques';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import {
  MANY_LOGINS,
  demoUnits,
  expectRefused,
  makeId,
  ok,
  register,
  registerApproved,
  type Page,
  type Units,
} from '../recipients/recipients-test-support';
import { directPlaqueRollupsUnscoped } from './glory-plaques.repo';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';

/** A 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const photo = { name: '悬挂照片.png', mime: 'image/png', dataBase64: TINY_PNG };

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('glory plaques on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let seq = 100;

  /** Registers a person (approved by the county unless `draft`), in a new household or joining one. */
  async function person(
    by: Agent,
    unitId: string,
    name: string,
    over: Record<string, unknown>,
    household: { address: string } | { householdId: string },
    opts: { draft?: boolean } = {},
  ): Promise<RecipientDetail> {
    seq += 2;
    const body = {
      kind: 'veteran',
      orgUnitId: unitId,
      name,
      idNumber: makeId('1968-05-20', seq + 1),
      recipientGroup: 'dischargedSoldier',
      household: 'address' in household ? { mode: 'new', address: household.address } : { mode: 'join', householdId: household.householdId },
      ...over,
    };
    return opts.draft ? register(by, body) : registerApproved(by, county, body);
  }
  const survivor = (k: 'martyrSurvivor' | 'dutyDeathSurvivor' | 'illnessDeathSurvivor', certs: { kind: string; number: string }[] = []) => ({
    kind: k,
    recipientGroup: k,
    deceasedSoldier: { name: '王英雄', deathDate: '1985-07-01', deathKind: k === 'martyrSurvivor' ? 'martyr' : k === 'dutyDeathSurvivor' ? 'dutyDeath' : 'illnessDeath', relation: '父亲' },
    certificates: certs,
  });

  const eligible = async (a: Agent, query = '') => ok<Page<EligibleHousehold>>(await a.get(`/api/glory-plaques/eligible?pageSize=200${query}`));
  const plaques = async (a: Agent, query = '') => ok<Page<PlaqueDto>>(await a.get(`/api/glory-plaques?pageSize=200${query}`));
  const detail = async (a: Agent, id: string) => ok<PlaqueDetail>(await a.get(`/api/glory-plaques/${id}`));
  const apply = (a: Agent, householdId: string, appliedOn = '2026-06-01') => a.post('/api/glory-plaques', { householdId, basis: 'application', appliedOn, applicant: '本人' });
  const queue = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue'));

  /** Moves "today" and signs the agents in again (sessions idle out; passwords must not expire on the jump). */
  async function travel(iso: string): Promise<void> {
    t.clock.set(iso);
    await sys.updateTable('users').set({ password_changed_at: iso }).execute();
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
  }

  async function rollupDrift(): Promise<string[]> {
    const direct = await directPlaqueRollupsUnscoped(sys);
    const stored = await sys.selectFrom('rollups').selectAll().where('metric', '=', 'plaque').where('n', '<>', 0).execute();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of stored) {
      const key = `${r.unit_id}|${r.metric}|${r.bucket}`;
      seen.add(key);
      if ((direct.get(key) ?? 0) !== Number(r.n)) problems.push(`${key}: stored ${r.n}, direct ${direct.get(key) ?? 0}`);
    }
    for (const [key, n] of direct) if (!seen.has(key)) problems.push(`${key}: missing, direct ${n}`);
    return problems;
  }

  // households of 村一 (village) and 村二 (village2)
  let mixed: RecipientDetail; // a veteran and a serving soldier's family: two grounds, one plaque
  let militia: RecipientDetail; // 伤残民兵民工 only: no ground
  let draftOnly: RecipientDetail; // a veteran whose record is still a draft
  let martyr: RecipientDetail; // a martyr's survivor with the 烈士证明书
  let disabledCert: RecipientDetail; // a disabled veteran with the 残疾军人证
  let plain: RecipientDetail; // a veteran, no certificate
  let deceased: RecipientDetail; // a veteran who has died
  let other: RecipientDetail; // 村二's household

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    await travel(t.clock.now().toISOString());
    const v1 = units.village1.id;
    mixed = await person(village, v1, '牌一甲', {}, { address: '一号' });
    await person(village, v1, '牌一乙', { kind: 'militaryFamily', recipientGroup: 'militaryFamily' }, { householdId: mixed.household!.id });
    militia = await person(village, v1, '牌二甲', { recipientGroup: 'disabledMilitia', careCategories: ['disabledMilitia'] }, { address: '二号' });
    draftOnly = await person(village, v1, '牌三甲', {}, { address: '三号' }, { draft: true });
    martyr = await person(village, v1, '牌四甲', survivor('martyrSurvivor', [{ kind: 'martyrCert', number: '烈证0001' }]), { address: '四号' });
    disabledCert = await person(
      village,
      v1,
      '牌五甲',
      { recipientGroup: 'disabledVeteran', careCategories: ['disabledVeteran'], disabilityGrade: 6, disabilityCause: 'duty', certificates: [{ kind: 'disabledVeteranCert', number: '浙残军0005' }] },
      { address: '五号' },
    );
    plain = await person(village, v1, '牌六甲', {}, { address: '=HYPERLINK("http://x.example","点我")' });
    deceased = await person(village, v1, '牌七甲', {}, { address: '七号' });
    ok(await village.post(`/api/recipients/${deceased.id}/death`, { deathDate: '2026-06-01', version: deceased.version }));
    other = await person(village2, units.village2.id, '牌八甲', {}, { address: '八号' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists a household with two grounds once, and not those without grounds', async () => {
    const list = await eligible(village);
    const byHousehold = new Map(list.items.map((h) => [h.householdId, h]));
    const m = byHousehold.get(mixed.household!.id);
    expect(m, 'the mixed household is eligible').toBeDefined();
    expect(list.items.filter((h) => h.householdId === mixed.household!.id)).toHaveLength(1);
    expect(m!.grounds).toEqual(['militaryFamily', 'veteranFamily']);
    expect(m!.certificateHolder).toBe(false);
    expect(m!.headName).toBe('牌一甲');
    expect(m!.villageName).toBe(units.village1.name);
    expect(m!.members.map((x) => [x.name, x.ground, x.isHead])).toEqual([
      ['牌一甲', 'veteranFamily', true],
      ['牌一乙', 'militaryFamily', false],
    ]);
    expect(byHousehold.has(militia.household!.id), '伤残民兵民工 give no ground').toBe(false);
    expect(byHousehold.has(draftOnly.household!.id), 'a draft record gives no ground').toBe(false);
    expect(byHousehold.has(deceased.household!.id), 'a deceased veteran gives no ground').toBe(false);
    expect(byHousehold.has(other.household!.id), "another village's household").toBe(false);
    expect(byHousehold.get(martyr.household!.id)?.certificateHolder).toBe(true);
    expect(byHousehold.get(martyr.household!.id)?.grounds).toEqual(['martyrFamily']);
    expect(byHousehold.get(disabledCert.household!.id)?.certificateHolder).toBe(true);
    expect(byHousehold.get(plain.household!.id)?.certificateHolder).toBe(false);

    const certified = await eligible(village, '&certified=true');
    expect(certified.items.map((h) => h.householdId).sort()).toEqual([martyr.household!.id, disabledCert.household!.id].sort());
    // the county sees both villages' households
    const all = await eligible(county);
    expect(all.items.some((h) => h.householdId === other.household!.id)).toBe(true);
    const onlyV2 = await eligible(county, `&orgUnitId=${units.village2.id}`);
    expect(onlyV2.items.map((h) => h.householdId)).toEqual([other.household!.id]);
    expectRefused(await village.get(`/api/glory-plaques/eligible?orgUnitId=${units.village2.id}`), 404);
  });

  it('registers one plaque per household; certificate holders without an application', async () => {
    const created = ok<PlaqueDetail>(await apply(village, mixed.household!.id));
    expect(created).toMatchObject({ status: 'waiting', basis: 'application', appliedOn: '2026-06-01', applicant: '本人', grounds: ['militaryFamily', 'veteranFamily'], headName: '牌一甲', version: 1 });
    expect(created.history.map((e) => e.action)).toEqual(['register']);
    expectRefused(await apply(village, mixed.household!.id), 409, /一户只发一块/);
    ok(await village.post('/api/glory-plaques', { householdId: martyr.household!.id, basis: 'certificate' }));
    const m = (await plaques(village)).items.find((p) => p.householdId === martyr.household!.id)!;
    expect(m).toMatchObject({ status: 'waiting', basis: 'certificate', appliedOn: null, grounds: ['martyrFamily'] });
    // eligible list: households with a plaque record are gone
    const left = (await eligible(village)).items.map((h) => h.householdId);
    expect(left).not.toContain(mixed.household!.id);
    expect(left).not.toContain(martyr.household!.id);
    // the database holds one row per household
    const rows = await sys.selectFrom('glory_plaques').select('household_id').execute();
    expect(new Set(rows.map((r) => r.household_id)).size).toBe(rows.length);
  });

  it('refuses households without grounds, a certificate basis without a certificate, and a missing application date', async () => {
    expectRefused(await apply(village, militia.household!.id), 400, /没有悬挂光荣牌的依据/);
    expectRefused(await apply(village, draftOnly.household!.id), 400, /没有悬挂光荣牌的依据/);
    expectRefused(await apply(village, deceased.household!.id), 400, /没有悬挂光荣牌的依据/);
    expectRefused(await village.post('/api/glory-plaques', { householdId: plain.household!.id, basis: 'certificate' }), 400, /按申请登记/);
    const noDate = expectRefused(await village.post('/api/glory-plaques', { householdId: plain.household!.id, basis: 'application' }), 400, /申请日期/);
    expect(noDate.details?.[0]?.path).toContain('appliedOn');
    expectRefused(await village.post('/api/glory-plaques', { householdId: plain.household!.id }), 400, /悬挂依据/);
    expectRefused(await apply(village, plain.household!.id, '2026-07-01'), 400, /不能晚于今天/);
    expectRefused(await apply(village, plain.household!.id, '2026-02-30'), 400, /不存在/);
    expectRefused(await apply(village, 'no-such-household'), 404);
    expect(await sys.selectFrom('glory_plaques').select('id').where('household_id', 'in', [militia.household!.id, plain.household!.id]).execute()).toEqual([]);
  });

  it('hangs, replaces and revokes, refusing wrong states, stale versions and bad input', async () => {
    const p = ok<PlaqueDetail>(await apply(village, plain.household!.id, '2026-06-10'));
    const hangBody = { version: p.version, hungOn: '2026-06-14', hungBy: '县退役军人事务局 李红梅、县人武部 王强', photo };
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, hungBy: '' }), 400, /悬挂人/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, hungOn: '2026-06-16' }), 400, /不能晚于今天/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, hungOn: '2026-06-09' }), 400, /不能早于申请日期/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, photo: { ...photo, mime: 'image/jpeg' } }), 400, /图片类型不符/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, version: 7 }), 409, /已被他人修改/);
    const hung = ok<PlaqueDetail>(await county.post(`/api/glory-plaques/${p.id}/hang`, hangBody));
    expect(hung).toMatchObject({ status: 'hung', hungOn: '2026-06-14', hungBy: hangBody.hungBy, hasPhoto: true, version: 2 });
    const img = await county.get(`/api/glory-plaques/${p.id}/photo`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(Buffer.from(TINY_PNG, 'base64'))).toBe(true);
    const stored = await sys.selectFrom('files').select(['owner_type', 'data_enc', 'org_path']).where('owner_id', '=', p.id).executeTakeFirstOrThrow();
    expect(stored.owner_type).toBe('glory-plaque');
    expect(stored.data_enc).not.toContain(TINY_PNG.slice(0, 20)); // encrypted at rest

    // hang twice
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, version: hung.version }), 409, /已悬挂，不能再次悬挂/);
    // a stale version
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: p.version, replacedOn: '2026-06-15', reason: 'damage' }), 409, /已被他人修改/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: hung.version, replacedOn: '2026-06-15' }), 400, /更换原因/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: hung.version, replacedOn: '2026-06-13', reason: 'move' }), 400, /不能早于悬挂日期/);
    const r1 = ok<PlaqueDetail>(await village.post(`/api/glory-plaques/${p.id}/replace`, { version: hung.version, replacedOn: '2026-06-15', reason: 'move', hungBy: '村服务站 刘秀英' }));
    expect(r1).toMatchObject({ status: 'replaced', replacedOn: '2026-06-15', replaceReason: 'move', replaceCount: 1, hungBy: '村服务站 刘秀英', hungOn: '2026-06-14' });
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: r1.version, replacedOn: '2026-06-15', reason: 'other' }), 400, /须说明情况/);
    const r2 = ok<PlaqueDetail>(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: r1.version, replacedOn: '2026-06-15', reason: 'other', note: '台风吹落' }));
    expect(r2.replaceCount).toBe(2);

    // revoke: a county decision, with a reason
    expectRefused(await village.post(`/api/glory-plaques/${p.id}/revoke`, { version: r2.version, revokedOn: '2026-06-15', reason: 'criminal' }), 403);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/revoke`, { version: r2.version, revokedOn: '2026-06-15' }), 400, /撤销原因/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/revoke`, { version: r2.version, revokedOn: '2026-06-15', reason: 'other' }), 400, /须说明情况/);
    const revoked = ok<PlaqueDetail>(await county.post(`/api/glory-plaques/${p.id}/revoke`, { version: r2.version, revokedOn: '2026-06-15', reason: 'criminal', note: '2026年判处有期徒刑' }));
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 'criminal', revokedOn: '2026-06-15', revokeNote: '2026年判处有期徒刑' });
    expect(revoked.history.map((e) => e.action)).toEqual(['register', 'hang', 'replace', 'replace', 'revoke']);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/revoke`, { version: revoked.version, revokedOn: '2026-06-15', reason: 'criminal' }), 409, /已撤销/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/replace`, { version: revoked.version, replacedOn: '2026-06-15', reason: 'move' }), 409, /已撤销，不能更换/);
    expectRefused(await county.post(`/api/glory-plaques/${p.id}/hang`, { ...hangBody, version: revoked.version }), 409);

    const audit = await sys.selectFrom('audit_logs').select(['action', 'username']).where('target_id', '=', p.id).orderBy('seq').execute();
    // registration is the module's entry; the actions are audited by the case kernel (case.<type>.<action>)
    expect(audit.map((a) => a.action)).toEqual(['glory-plaque.create', 'case.glory-plaque.hang', 'case.glory-plaque.replace', 'case.glory-plaque.replace', 'case.glory-plaque.revoke']);
    // the plaque is a case: same id, closed when revoked, its log the plaque's history with each action's data
    const kase = await sys.selectFrom('cases').select(['case_type', 'status', 'open', 'subject_type', 'subject_id', 'version', 'closed_at']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ case_type: 'glory-plaque', status: 'revoked', open: 0, subject_type: 'household', subject_id: plain.household!.id, version: revoked.version });
    expect(kase.closed_at).not.toBeNull();
    expect(revoked.log.map((l) => [l.action, l.fromStatus, l.toStatus])).toEqual([
      ['register', null, 'waiting'],
      ['hang', 'waiting', 'hung'],
      ['replace', 'hung', 'replaced'],
      ['replace', 'replaced', 'replaced'],
      ['revoke', 'replaced', 'revoked'],
    ]);
    expect(revoked.log[1].data).toMatchObject({ hungOn: '2026-06-14', hungBy: hangBody.hungBy });
    expect((revoked.log[1].data as { photoFileId: string | null }).photoFileId).toBeTruthy();
    expect(revoked.history.map((e) => e.day)).toEqual(['2026-06-10', '2026-06-14', '2026-06-15', '2026-06-15', '2026-06-15']);
    expect(revoked.history[3].detail).toBe('原因：其他（台风吹落）');
    expect(revoked.history[4].detail).toBe('原因：受到刑事处罚（2026年判处有期徒刑）');
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);

    // a waiting plaque may be revoked too (before it was ever hung)
    const w = (await plaques(village, '&status=waiting')).items.find((x) => x.householdId === martyr.household!.id)!;
    expectRefused(await county.post(`/api/glory-plaques/${w.id}/replace`, { version: w.version, replacedOn: '2026-06-15', reason: 'move' }), 409, /待悬挂，不能更换/);
  });

  it("hides another village's plaques: 404 for reads and writes, absent from lists", async () => {
    const mine = (await plaques(village)).items.find((x) => x.householdId === mixed.household!.id)!;
    expectRefused(await village2.get(`/api/glory-plaques/${mine.id}`), 404);
    expectRefused(await village2.get(`/api/glory-plaques/${mine.id}/photo`), 404);
    expectRefused(await village2.post(`/api/glory-plaques/${mine.id}/hang`, { version: mine.version, hungOn: '2026-06-15', hungBy: '越权' }), 404);
    expectRefused(await village2.post(`/api/glory-plaques/${mine.id}/replace`, { version: mine.version, replacedOn: '2026-06-15', reason: 'move' }), 404);
    expectRefused(await apply(village2, disabledCert.household!.id), 404);
    expect((await plaques(village2)).items).toEqual([]);
    expectRefused(await village2.get(`/api/glory-plaques?orgUnitId=${units.village1.id}`), 404);
    expect((await detail(village, mine.id)).status).toBe('waiting');
    // the county sees it
    expect((await detail(county, mine.id)).id).toBe(mine.id);
  });

  it('filters and pages the list', async () => {
    ok(await village2.post('/api/glory-plaques', { householdId: other.household!.id, basis: 'application', appliedOn: '2026-06-12' }));
    const all = await plaques(county);
    expect(all.items.length).toBe(4);
    expect((await plaques(county, '&status=waiting')).items.every((p) => p.status === 'waiting')).toBe(true);
    expect((await plaques(county, '&waitingOnly=true')).items.map((p) => p.id).sort()).toEqual((await plaques(county, '&status=waiting')).items.map((p) => p.id).sort());
    expectRefused(await county.get('/api/glory-plaques?waitingOnly=true&status=hung'), 400);
    expect((await plaques(county, '&basis=certificate')).items.map((p) => p.householdId)).toEqual([martyr.household!.id]);
    expect((await plaques(county, '&ground=militaryFamily')).items.map((p) => p.householdId)).toEqual([mixed.household!.id]);
    expect((await plaques(county, `&orgUnitId=${units.village2.id}`)).items.map((p) => p.householdId)).toEqual([other.household!.id]);
    expect((await plaques(county, `&householdId=${mixed.household!.id}`)).items.map((p) => p.headName)).toEqual(['牌一甲']);
    expect((await plaques(village2, `&householdId=${mixed.household!.id}`)).items).toEqual([]);
    expect((await plaques(county, '&status=revoked')).items).toHaveLength(1);
    const p1 = ok<Page<PlaqueDto>>(await county.get('/api/glory-plaques?pageSize=3&page=1'));
    const p2 = ok<Page<PlaqueDto>>(await county.get('/api/glory-plaques?pageSize=3&page=2'));
    expect(p1.total).toBe(4);
    expect(p1.items).toHaveLength(3);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((p) => p.id)).size).toBe(4);
    expectRefused(await county.get('/api/glory-plaques?status=lost'), 400);
  });

  it("keeps the 'plaque' roll-ups equal to a direct count", async () => {
    expect(await rollupDrift()).toEqual([]);
    const countyRows = await sys.selectFrom('rollups').select(['bucket', 'n']).where('unit_id', '=', units.county.id).where('metric', '=', 'plaque').where('n', '<>', 0).execute();
    const direct = await sys.selectFrom('glory_plaques').select(['status']).execute();
    const byStatus = (list: { status: string }[]) => Object.fromEntries(['waiting', 'hung', 'replaced', 'revoked'].map((s) => [s, list.filter((x) => x.status === s).length]).filter(([, n]) => n));
    expect(Object.fromEntries(countyRows.map((r) => [r.bucket, Number(r.n)]))).toEqual(byStatus(direct));
    expect(byStatus(direct)).toEqual({ waiting: 3, revoked: 1 });
    const v2 = await sys.selectFrom('rollups').select(['bucket', 'n']).where('unit_id', '=', units.village2.id).where('metric', '=', 'plaque').execute();
    expect(v2.map((r) => [r.bucket, Number(r.n)])).toEqual([['waiting', 1]]);
  });

  it('writes the 光荣牌悬挂台账 with a title row, the ledger columns and formulas defused', async () => {
    const res = await county.get('/api/ledgers/glory-plaques');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('光荣牌悬挂台账');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toMatch(/安吉县光荣牌悬挂台账/);
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual(['序号', '户主姓名', '所属村(社区)', '家庭住址', '悬挂依据', '申请日期', '悬挂日期', '悬挂人', '状态', '备注']);
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push(Array.from({ length: 10 }, (_, i) => row.getCell(i + 1).value ?? ''));
    });
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    const mixedRow = rows.find((r) => r[1] === '牌一甲')!;
    expect(mixedRow.slice(2, 9)).toEqual([units.village1.name, '一号', '军属、退役军人家庭', '2026-06-01', '', '', '待悬挂']);
    const martyrRow = rows.find((r) => r[1] === '牌四甲')!;
    expect(martyrRow[4]).toBe('烈属');
    expect(martyrRow[9]).toContain('持证');
    const revokedRow = rows.find((r) => r[1] === '牌六甲')!;
    expect(revokedRow[8]).toBe('已撤销');
    expect(revokedRow[9]).toMatch(/2026-06-15更换（其他），共更换2次；2026-06-15撤销（受到刑事处罚：2026年判处有期徒刑）/);
    // the address begins with '=': a text cell in the text format, not a formula
    const rowNo = 4 + rows.indexOf(revokedRow);
    const cell = ws.getRow(rowNo).getCell(4);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x.example","点我")');
    expect(cell.numFmt).toBe('@');

    // the filter applies, and each export is audited
    const waiting = await county.get('/api/ledgers/glory-plaques?status=waiting');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(waiting.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0].getRow(1).getCell(1).value)).toContain('（待悬挂）');
    expect(wb2.worksheets[0].rowCount).toBe(3 + 3);
    const v1 = await village.get('/api/ledgers/glory-plaques');
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(v1.rawPayload as unknown as ArrayBuffer);
    expect(wb3.worksheets[0].rowCount).toBe(3 + 3);
    expectRefused(await village.get(`/api/ledgers/glory-plaques?orgUnitId=${units.village2.id}`), 404);
    const exports = await sys.selectFrom('audit_logs').select(['username']).where('action', '=', 'glory-plaque.export').orderBy('seq').execute();
    expect(exports.map((e) => e.username)).toEqual(['county', 'county', 'village']);
  });

  it('puts waiting plaques in the work queue within 30 days before Army Day and Spring Festival', async () => {
    const waitingV1 = (await plaques(village, '&status=waiting')).items.map((p) => p.id).sort();
    expect(waitingV1).toHaveLength(2);
    const items = async (a: Agent) => (await queue(a)).items.filter((i) => i.provider === 'glory-plaques');
    // 2026-06-15: 47 days before Army Day
    expect(await items(village)).toEqual([]);
    await travel('2026-07-01T02:00:00.000Z'); // 31 days before
    expect(await items(village)).toEqual([]);
    await travel('2026-07-02T02:00:00.000Z'); // 30 days before
    const inWindow = await items(village);
    expect(inWindow.map((i) => i.id).sort()).toEqual(waitingV1);
    expect(inWindow.every((i) => i.dueDay === '2026-08-01' && !i.overdue && !i.dueSoon)).toBe(true);
    expect(inWindow[0].title).toMatch(/八一建军节前悬挂光荣牌/);
    expect(inWindow[0].link).toMatch(/^\/glory-plaques\?/);
    // each unit its own: 村二 sees its one, the county all three
    expect((await items(village2)).length).toBe(1);
    expect((await items(county)).length).toBe(3);
    await travel('2026-07-30T02:00:00.000Z');
    expect((await items(village)).every((i) => i.dueSoon)).toBe(true);
    await travel('2026-08-01T02:00:00.000Z'); // the day itself
    expect((await items(village)).length).toBe(2);
    await travel('2026-08-02T02:00:00.000Z');
    expect(await items(village)).toEqual([]);
    // Spring Festival 2027 is 2027-02-06
    await travel('2027-01-06T02:00:00.000Z');
    expect(await items(village)).toEqual([]);
    await travel('2027-01-07T02:00:00.000Z');
    const spring = await items(village);
    expect(spring.map((i) => i.dueDay)).toEqual(['2027-02-06', '2027-02-06']);
    expect(spring[0].title).toMatch(/春节前/);
    // hung: it leaves the queue
    const one = await detail(village, waitingV1[0]);
    ok(await county.post(`/api/glory-plaques/${one.id}/hang`, { version: one.version, hungOn: '2027-01-07', hungBy: '县人武部' }));
    expect((await items(village)).map((i) => i.id)).toEqual([waitingV1[1]]);
    expect(await rollupDrift()).toEqual([]);
  });

  it("keeps the 'plaque' roll-ups right when a village moves to another township and is merged into another village", async () => {
    const admin = await t.login('admin');
    const hanggai = await sys.selectFrom('org_units').select(['id']).where('code', '=', '330523104').executeTakeFirstOrThrow();
    ok(await admin.post(`/api/org-units/${units.village2.id}/move`, { newParentId: hanggai.id }));
    expect(await rollupDrift()).toEqual([]);
    const moved = await sys.selectFrom('glory_plaques').select(['org_path']).where('household_id', '=', other.household!.id).executeTakeFirstOrThrow();
    expect(moved.org_path).toContain(`/${hanggai.id}/${units.village2.id}/`);
    ok(await admin.post(`/api/org-units/${units.village2.id}/merge`, { targetId: units.hanggaiVillage.id }));
    expect(await rollupDrift()).toEqual([]);
    const merged = await sys.selectFrom('glory_plaques').select(['org_unit_id']).where('household_id', '=', other.household!.id).executeTakeFirstOrThrow();
    expect(merged.org_unit_id).toBe(units.hanggaiVillage.id);
    const h = await sys.selectFrom('rollups').select(['bucket', 'n']).where('unit_id', '=', units.hanggaiVillage.id).where('metric', '=', 'plaque').where('n', '<>', 0).execute();
    expect(h.map((r) => [r.bucket, Number(r.n)])).toEqual([['waiting', 1]]);
  });
});
