// Excel import through the real route on both databases: a valid ledger lands in the importer's
// range (已入库 for the county, 草稿 below it) with name tokens, an 'imported' version, roll-ups
// and an audit entry; any wrong row (the last one too) imports nothing; every kind of problem
// is reported with its row and column; duplicates within the file and against the whole
// registry (another unit's record without naming it); units outside the range; bad input.
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import { liveWorkers } from '../../platform/workers';
import { directRollupsUnscoped } from '../recipients';
import { chinese, demoUnits, makeId, MANY_LOGINS, ok, registrySnapshot, type Page, type Units } from '../recipients/recipients-test-support';
import type { RecipientDetail, RecipientListItem } from '../../../shared/schemas/recipients';
import { NDJSON_MIME, type ImportError } from '../../../shared/schemas/ledgers';
import { authOf, ledgerWorkbook, rowOf, upload, veteranRow } from './imports-test-support';
import { importWorkbook } from './imports.service';
import { wpsShaped } from './xlsx-shapes-test-support';
import { maskIdNumber } from '../../../shared/rules/id-number';
import { keyGroupMaskOfStored } from '../../../shared/rules/visit-rules';

describe.each(dbKinds)('Excel import on %s', (kind) => {
  let t: TestApp;
  let county: Agent;
  let township: Agent;
  let village: Agent;
  let units: Units;
  let seq = 101;
  const sys = () => systemDb(t.db.handle.db);
  /** a new valid ID number (odd sequence: a man; born March 1975) */
  const nextId = (birth = '1975-03-0' + (1 + (seq % 9))) => makeId(birth, (seq += 2) % 1000);

  async function drift(): Promise<string[]> {
    const direct = await directRollupsUnscoped(sys());
    const stored = await sys().selectFrom('rollups').selectAll().where('n', '<>', 0).execute();
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
  const rollups = async () => JSON.stringify(await sys().selectFrom('rollups').selectAll().where('n', '<>', 0).orderBy('unit_id').orderBy('metric').orderBy('bucket').execute());
  const count = async (table: 'recipients' | 'recipient_name_tokens' | 'recipient_versions') => Number((await sys().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const find = async (a: Agent, q: string) => ok<Page<RecipientListItem>>(await a.get(`/api/recipients?q=${encodeURIComponent(q)}&pageSize=50`)).items;
  /** PostgreSQL: how many times recipient_name_tokens was analysed by an ANALYZE statement (autovacuum's count apart) */
  const analyses = async () =>
    kind === 'postgres'
      ? Number((await sql<{ n: string }>`select analyze_count as n from pg_stat_user_tables where relname = 'recipient_name_tokens'`.execute(sys())).rows[0]?.n ?? 0)
      : 0;
  /** PostgreSQL: pages of recipient_name_tokens not marked all-visible (an index-only scan visits the table for each of their entries) */
  const notAllVisible = async () =>
    kind === 'postgres'
      ? Number((await sql<{ n: string }>`select relpages - relallvisible as n from pg_class where relname = 'recipient_name_tokens'`.execute(sys())).rows[0]?.n ?? 0)
      : 0;
  const problemsOf = (errors: ImportError[], row: number) => errors.filter((e) => e.row === row);

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    county = await t.login('county');
    township = await t.login('township');
    village = await t.login('village');
    units = await demoUnits(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports a valid ledger as the county: 已入库, found by two characters, with history, roll-ups and an audit entry', async () => {
    const ids = [nextId(), nextId(), nextId()];
    const file = await ledgerWorkbook([
      // by the names of the units, as a station writes them
      veteranRow('岳振邦', ids[0], {
        '所属乡镇(街道)': '孝丰镇',
        '所属村(社区)': '三眼井社区',
        网格: '第一网格',
        优抚类别: '参战退役人员、农村籍退役士兵（60周岁以上）',
        立功受奖: '三等功（2003年）',
        // a value of its own in every text column: each must land in its own field
        户籍地址: '浙江省安吉县孝丰镇户籍路1号',
        现居住地址: '浙江省安吉县孝丰镇现居路2号',
        备注: '导入备注',
        军种: '海军',
        技能特长: '电工',
        原部队: '某部一连',
        '军衔/职级': '中士',
      }),
      // a 12-digit village code in the village column
      veteranRow('岳振华', ids[1], { '所属村(社区)': '330523105004', 出生日期: '1975-03-0' + ids[1][13], 性别: '男' }),
      // a 15-digit grid code in the grid column
      veteranRow('岳振国', ids[2], { 网格: '330523105003002', 伤残等级: '六级', 伤残性质: '因公', 人员类别: '残疾军人', 优抚类别: '伤残军人' }),
      // a survivor, placed by 单位代码
      { 姓名: '岳秀英', 公民身份号码: makeId('1950-05-05', 202), 人员类别: '烈士遗属', '牺牲(病故)军人姓名': '岳长青', '牺牲(病故)日期': '1979-02-17', '与牺牲(病故)军人关系': '配偶', 单位代码: '330523105003' },
    ]);
    const tokensBefore = await count('recipient_name_tokens');
    const analysedBefore = await analyses();
    const res = await upload(county, file);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain(NDJSON_MIME);
    expect(res.result, res.body).toEqual({ type: 'done', imported: 4, status: 'registered' });
    // four rows leave the statistics to autovacuum (ANALYZE_AFTER_ROWS)
    expect(await analyses()).toBe(analysedBefore);
    expect(await count('recipient_name_tokens')).toBeGreaterThan(tokensBefore);

    const found = await find(county, '振邦');
    expect(found.map((r) => r.name)).toEqual(['岳振邦']);
    expect((await find(county, 'yzb')).map((r) => r.name)).toContain('岳振邦');
    expect((await find(county, '岳振')).map((r) => r.name).sort()).toEqual(['岳振华', '岳振国', '岳振邦']);
    const d = ok<RecipientDetail>(await county.get(`/api/recipients/${found[0].id}`));
    expect(d.status).toBe('registered');
    expect(d.orgUnitPath.map((u) => u.name).slice(-3)).toEqual(['孝丰镇', '三眼井社区居委会', '第一网格']);
    expect(d.careCategories).toEqual(['warVeteran', 'ruralVeteran60']);
    expect(d.merits).toEqual([{ name: '三等功', level: 'third', year: 2003 }]);
    expect(d.idNumberMasked).toBe(`${ids[0].slice(0, 3)}***********${ids[0].slice(-4)}`);
    expect(d.phoneMasked).toBe('138****1234');
    expect(d.enlistmentDate).toBe('2001-12-01');
    expect(d.dischargeType).toBe('selfEmployed');
    expect(d.kind).toBe('veteran');
    expect(d).toMatchObject({
      name: '岳振邦',
      gender: 'male',
      ethnicity: '汉族',
      birthDate: `${ids[0].slice(6, 10)}-${ids[0].slice(10, 12)}-${ids[0].slice(12, 14)}`,
      politicalStatus: 'cpcMember',
      recipientGroup: 'dischargedSoldier',
      dischargeDate: '2006-12-01',
      householdAddress: '浙江省安吉县孝丰镇户籍路1号',
      currentAddress: '浙江省安吉县孝丰镇现居路2号',
      notes: '导入备注',
      branch: 'navy',
      skills: '电工',
      lastUnit: '某部一连',
      rank: '中士',
      education: 'seniorHigh',
      employmentStatus: 'employed',
      disabilityGrade: null,
      deceasedSoldier: null,
    });
    const history = ok<{ items: { kind: string; actorName: string }[] }>(await county.get(`/api/recipients/${d.id}/history`)).items;
    expect(history).toEqual([expect.objectContaining({ kind: 'imported', actorName: '李红梅' })]);

    const survivor = (await find(county, '秀英')).find((r) => r.name === '岳秀英')!;
    const sd = ok<RecipientDetail>(await county.get(`/api/recipients/${survivor.id}`));
    expect(sd.kind).toBe('martyrSurvivor');
    expect(sd.deceasedSoldier).toEqual({ name: '岳长青', deathDate: '1979-02-17', deathKind: 'martyr', certificateNo: '', relation: '配偶' });
    expect(sd.orgUnitPath.at(-1)?.name).toBe('三眼井社区居委会');
    const guo = (await find(county, '振国'))[0];
    expect(ok<RecipientDetail>(await county.get(`/api/recipients/${guo.id}`)).orgUnitPath.at(-1)?.name).toBe('第二网格');

    // the columns the import does not write hold their defaults; the key-group mask is the one
    // the record's values give (the import writes only the columns a ledger fills: IMPORTED_COLUMNS)
    const stored = await sys().selectFrom('recipients').selectAll().where('id', 'in', [d.id, sd.id, guo.id]).execute();
    expect(stored).toHaveLength(3);
    for (const r of stored) {
      expect(r).toMatchObject({ household_id: null, bank_account_enc: null, disability_cert_enc: null, medical_enc: null, situations: '{}', situations_filled: 0, family_members: '[]', certificates: '[]', lunar_birthday: 0, deceased: 0, death_date: null, merged_into: null, version: 1, home_service: 0 });
      expect(r.key_groups).toBe(keyGroupMaskOfStored(r));
    }
    expect(stored.filter((r) => r.key_groups !== 0).length).toBeGreaterThan(0);

    expect(await drift()).toEqual([]);
    const audit = await sys().selectFrom('audit_logs').select(['action', 'result', 'detail', 'username']).where('action', '=', 'recipient.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ result: 'success', username: 'county' });
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 4, imported: 4, status: 'registered' });
  });

  it('imports as drafts below the county; a village worker may leave the unit blank', async () => {
    const a = nextId();
    const res = await upload(township, await ledgerWorkbook([veteranRow('隋立新', a, { '所属村(社区)': '北街社区' })]));
    expect(res.result).toEqual({ type: 'done', imported: 1, status: 'draft' });
    const r = (await find(township, '立新')).find((x) => x.name === '隋立新')!;
    expect(r).toMatchObject({ status: 'draft', orgUnitName: '北街社区居委会' });

    const b = nextId();
    expect((await upload(village, await ledgerWorkbook([veteranRow('隋卫东', b)]))).result).toEqual({ type: 'done', imported: 1, status: 'draft' });
    expect((await find(village, '卫东')).find((x) => x.name === '隋卫东')?.orgUnitId).toBe(units.village1.id);
    expect(await drift()).toEqual([]);
  });

  it('owes 退役返乡 to a veteran the county imports who was discharged within 180 days, as a reviewed collection does (recipient registered)', async () => {
    const [fresh, old, draft] = [nextId('1998-04-01'), nextId('1998-04-02'), nextId('1998-04-03')];
    const file = await ledgerWorkbook([
      veteranRow('返乡甲', fresh, { '所属村(社区)': '330523105004', 入伍时间: '2021-09-01', 退役时间: '2026-03-01' }),
      veteranRow('返乡乙', old, { '所属村(社区)': '330523105004', 入伍时间: '2016-09-01', 退役时间: '2021-03-01' }),
    ]);
    expect((await upload(county, file)).result).toEqual({ type: 'done', imported: 2, status: 'registered' });
    const idOf = async (name: string) => (await sys().selectFrom('recipients').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const triggersOf = async (recipientId: string) => sys().selectFrom('visit_triggers').select(['kind', 'source', 'event_day']).where('recipient_id', '=', recipientId).execute();
    const owedOf = async (recipientId: string) => sys().selectFrom('due_visits').select(['reason', 'trigger_kind', 'window_start', 'window_end', 'status']).where('recipient_id', '=', recipientId).execute();
    const freshId = await idOf('返乡甲');
    expect(await triggersOf(freshId)).toEqual([{ kind: 'returnHome', source: 'registry', event_day: '2026-06-15' }]);
    expect(await owedOf(freshId)).toEqual([{ reason: 'trigger', trigger_kind: 'returnHome', window_start: '2026-06-15', window_end: '2026-06-30', status: 'owed' }]);
    // discharged five years ago: nothing owed
    expect(await triggersOf(await idOf('返乡乙'))).toEqual([]);
    // a draft (imported below the county) is not registered yet: nothing owed until its review
    const drafted = await ledgerWorkbook([veteranRow('返乡丙', draft, { 入伍时间: '2021-09-01', 退役时间: '2026-03-01' })]);
    expect((await upload(village, drafted)).result).toEqual({ type: 'done', imported: 1, status: 'draft' });
    expect(await triggersOf(await idOf('返乡丙'))).toEqual([]);
  });

  it('imports nothing when the last row is wrong: no record, token, version or roll-up changes', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => veteranRow(`全体${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`, nextId(), { '所属村(社区)': '330523105003' }));
    const bad = nextId();
    rows.push(veteranRow('全体错', bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1'), { '所属村(社区)': '330523105003' }));
    const before = { recipients: await count('recipients'), tokens: await count('recipient_name_tokens'), versions: await count('recipient_versions'), rollups: await rollups(), snapshot: await registrySnapshot(sys()) };
    const res = await upload(county, await ledgerWorkbook(rows));
    expect(res.result).toEqual({ type: 'failed', rows: 31, errorCount: 1, errors: [{ row: rowOf(30), column: '公民身份号码', message: '公民身份号码校验位不正确' }] });
    expect(await count('recipients')).toBe(before.recipients);
    expect(await count('recipient_name_tokens')).toBe(before.tokens);
    expect(await count('recipient_versions')).toBe(before.versions);
    expect(await rollups()).toBe(before.rollups);
    expect(await registrySnapshot(sys())).toBe(before.snapshot);
    expect(await find(county, '全体')).toEqual([]);
    const audit = await sys().selectFrom('audit_logs').select(['result', 'detail']).where('action', '=', 'recipient.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.result).toBe('failure');
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 31, errorCount: 1 });
  });

  it('reports every kind of problem with its row and column', async () => {
    const good = nextId();
    const inScope = nextId();
    // already registered in the county's range
    expect((await upload(county, await ledgerWorkbook([veteranRow('登记甲', inScope, { 单位代码: '330523105003' })]))).result.type).toBe('done');
    const checksum = nextId();
    const wrongCheck = checksum.slice(0, 17) + (checksum[17] === '3' ? '4' : '3');
    const rows = [
      veteranRow('错误甲', wrongCheck), // 4: check character
      veteranRow('错误乙', nextId(), { 出生日期: '1975-02-30' }), // 5: a day that does not exist
      veteranRow('错误丙', makeId('1981-02-29', 11)), // 6: the ID's birth date does not exist
      veteranRow('错误丁', nextId(), { '所属村(社区)': '不存在村' }), // 7: unknown unit
      veteranRow('错误戊', nextId(), { 人员类别: '老兵' }), // 8: not in the list
      veteranRow('错误己', good), // 9: first of a duplicate
      veteranRow('错误庚', good), // 10: duplicate within the file
      veteranRow('错误辛', inScope), // 11: already registered
      veteranRow('错误壬', nextId(), { 联系电话: '12345678901' }), // 12: phone
      veteranRow('错误癸', nextId(), { 入伍时间: '12/01/2001' }), // 13: date format
      veteranRow('', nextId()), // 14: no name
      veteranRow('错误子', nextId(), { 入伍时间: '2006-12-01', 退役时间: '2001-12-01' }), // 15: discharged before enlisted
      veteranRow('错误丑', nextId(), { 伤残等级: '五级' }), // 16: a grade without its cause
      veteranRow('错误寅', nextId(), { 人员类别: '烈士遗属' }), // 17: a survivor without the soldier
      veteranRow('错误卯', nextId(), { 优抚类别: '伤残军人、老红军' }), // 18: a care category not in the list
      veteranRow('错误辰', makeId('1975-04-04', 12), { 性别: '男' }), // 19: even sequence: a woman
      veteranRow('错误巳', nextId(), { 民族: '火星族' }), // 20: ethnicity
      veteranRow('错误午', nextId(), { 入伍时间: '2099-01-01', 退役时间: null }), // 21: in the future
    ];
    // a county worker names the unit of each row (row 7 by a name that does not exist)
    const placed = rows.map((r, i) => (i === 3 ? r : { 单位代码: '330523105003', ...r }));
    // 22: the ID number stored by Excel as a number
    const res = await upload(county, await ledgerWorkbook(placed, { cells: (ws) => (ws.getCell(rowOf(rows.length), 6).value = 330523197504040123) }));
    expect(res.result.type).toBe('failed');
    if (res.result.type !== 'failed') return;
    const e = res.result.errors;
    const at = (row: number) => problemsOf(e, row).map((x) => `${x.column}|${x.message}`);
    expect(at(4)).toEqual(['公民身份号码|公民身份号码校验位不正确']);
    expect(at(5)).toEqual(['出生日期|出生日期不存在']);
    expect(at(6)).toEqual(['公民身份号码|公民身份号码中的出生日期不存在']);
    expect(at(7)).toEqual(['所属村(社区)|单位“不存在村”不存在或不在本辖区']);
    expect(at(8)).toEqual(['人员类别|“老兵”不是有效的人员类别']);
    expect(at(9)).toEqual([]);
    expect(at(10)).toEqual(['公民身份号码|文件内重复的身份证号（与第 9 行相同）']);
    expect(at(11)).toEqual(['公民身份号码|已在系统中登记（登记甲），请勿重复导入']);
    expect(at(12)).toEqual(['联系电话|手机号码不正确']);
    expect(at(13)).toEqual(['入伍时间|入伍时间格式应为 YYYY-MM-DD']);
    expect(at(14)).toEqual(['姓名|请填写姓名']);
    expect(at(15)).toEqual(['退役时间|退役时间不能早于入伍时间']);
    expect(at(16)).toEqual(['伤残性质|填写伤残等级时须填写伤残性质']);
    expect(at(17)).toEqual(['牺牲(病故)军人姓名|遗属须填写牺牲(病故)军人姓名']);
    expect(at(18)).toEqual(['优抚类别|“老红军”不是有效的优抚类别']);
    expect(at(19)).toEqual(['性别|性别与公民身份号码不符']);
    expect(at(20)).toEqual(['民族|“火星族”不是有效的民族']);
    expect(at(21)).toEqual(['入伍时间|入伍时间不能晚于今天']);
    expect(at(22)).toContainEqual(expect.stringMatching(/^公民身份号码\|公民身份号码被 Excel 存成了数字/));
    expect(res.result.errorCount).toBe(e.length);
    for (const x of e) expect(x.message).toMatch(chinese);
  });

  it('reads dates written the ways people write them, and Excel dates', async () => {
    const id = nextId('1970-01-01');
    const file = await ledgerWorkbook([veteranRow('日期甲', id, { 入伍时间: '1988年12月1日', 退役时间: '1992/3/5', 单位代码: '330523105003' })], {
      cells: (ws) => (ws.getCell(rowOf(0), 5).value = new Date(Date.UTC(1970, 0, 1))),
    });
    expect((await upload(county, file)).result.type).toBe('done');
    const r = (await find(county, '日期甲'))[0];
    const d = ok<RecipientDetail>(await county.get(`/api/recipients/${r.id}`));
    expect([d.birthDate, d.enlistmentDate, d.dischargeDate]).toEqual(['1970-01-01', '1988-12-01', '1992-03-05']);
  });

  it('imports ledgers saved by Microsoft Excel and by WPS Office (<x:workbook>, parts in another order), every time', async () => {
    // WPS Office prefixes every element: ExcelJS's streaming reader failed on each such file (…reading 'sheets')
    const id = nextId('1970-01-01');
    const excel = await ledgerWorkbook([veteranRow('金山甲', id, { 入伍时间: '1988年12月1日', 单位代码: '330523105003' })], {
      cells: (ws) => (ws.getCell(rowOf(0), 5).value = new Date(Date.UTC(1970, 0, 1))),
    });
    const wps = wpsShaped(excel);
    const done = await upload(county, wps);
    expect(done.result, done.body).toEqual({ type: 'done', imported: 1, status: 'registered' });
    const r = (await find(county, '金山甲'))[0];
    const d = ok<RecipientDetail>(await county.get(`/api/recipients/${r.id}`));
    expect([d.birthDate, d.enlistmentDate, d.idNumberMasked]).toEqual(['1970-01-01', '1988-12-01', maskIdNumber(id)]);

    // the same wrong ledger, again and again in both shapes: the row's problem every time, never "文件无法读取"
    const hanggai = await sys().selectFrom('org_units').select('code').where('id', '=', units.hanggaiVillage.id).executeTakeFirstOrThrow();
    const wrong = await ledgerWorkbook([veteranRow('越界己', nextId(), { 单位代码: hanggai.code })]);
    for (const file of [wrong, wpsShaped(wrong), wrong, wpsShaped(wrong)]) {
      const res = await upload(township, file);
      expect(res.result, res.body).toEqual({ type: 'failed', rows: 1, errorCount: 1, errors: [{ row: rowOf(0), column: '单位代码', message: `单位“${hanggai.code}”不存在或不在本辖区` }] });
    }
  }, 180_000);

  it('finds a duplicate registered in another unit anywhere, without naming it', async () => {
    const elsewhere = nextId();
    // the county registers someone in 杭垓镇, outside the township worker's range
    const code = (await sys().selectFrom('org_units').select('code').where('id', '=', units.hanggaiVillage.id).executeTakeFirstOrThrow()).code;
    expect((await upload(county, await ledgerWorkbook([veteranRow('外单位人', elsewhere, { 单位代码: code })]))).result.type).toBe('done');
    const res = await upload(township, await ledgerWorkbook([veteranRow('本镇新人', nextId(), { '所属村(社区)': '三眼井社区' }), veteranRow('本镇重复', elsewhere, { '所属村(社区)': '三眼井社区' })]));
    expect(res.result).toEqual({ type: 'failed', rows: 2, errorCount: 1, errors: [{ row: rowOf(1), column: '公民身份号码', message: '已在系统中登记（其他单位），可申请迁入' }] });
    expect(res.body).not.toContain('外单位人');
    expect(res.body).not.toContain(units.hanggaiVillage.name);
    expect(res.body).not.toContain('杭垓');
  });

  it('refuses units outside the importer’s range, by code or by name, in the same words as units that do not exist', async () => {
    const hanggai = await sys().selectFrom('org_units').select(['code', 'name']).where('id', '=', units.hanggaiVillage.id).executeTakeFirstOrThrow();
    const res = await upload(
      township,
      await ledgerWorkbook([
        veteranRow('越界甲', nextId(), { 单位代码: hanggai.code }),
        veteranRow('越界乙', nextId(), { '所属村(社区)': hanggai.code }),
        veteranRow('越界丙', nextId(), { '所属乡镇(街道)': '杭垓镇', '所属村(社区)': '三眼井社区' }),
        veteranRow('越界丁', nextId(), { '所属村(社区)': hanggai.name }),
        veteranRow('越界戊', nextId(), { 单位代码: '330523999999' }),
      ]),
    );
    expect(res.result.type).toBe('failed');
    if (res.result.type !== 'failed') return;
    expect(res.result.errors).toEqual([
      { row: rowOf(0), column: '单位代码', message: `单位“${hanggai.code}”不存在或不在本辖区` },
      { row: rowOf(1), column: '所属村(社区)', message: `单位“${hanggai.code}”不存在或不在本辖区` },
      { row: rowOf(2), column: '所属乡镇(街道)', message: '单位“杭垓镇”不存在或不在本辖区' },
      { row: rowOf(3), column: '所属村(社区)', message: `单位“${hanggai.name}”不存在或不在本辖区` },
      { row: rowOf(4), column: '单位代码', message: '单位“330523999999”不存在或不在本辖区' },
    ]);
    // a county worker must say where: the county itself is not a place to import into by default
    const blank = await upload(county, await ledgerWorkbook([veteranRow('无单位', nextId())]));
    expect(blank.result.type === 'failed' && blank.result.errors[0]).toMatchObject({ row: 4, column: '所属村(社区)' });
  });

  it('reports progress every thousand rows and imports in batches', async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => veteranRow(`批量${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10]}`, makeId(`19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, (2 * i + 1) % 1000, i % 2 ? '330522' : '330521'), { 单位代码: i % 3 ? '330523105003001' : '330523105004' }));
    const analysedBefore = await analyses();
    const res = await upload(county, await ledgerWorkbook(rows));
    // PostgreSQL: 2,100 new rows refresh the planner's statistics at once (db/statistics.ts)
    if (kind === 'postgres') expect(await analyses()).toBe(analysedBefore + 1);
    // and marks the new pages all-visible (VACUUM), so the name search's counts stay index-only
    expect(await notAllVisible()).toBe(0);
    expect(res.events.filter((e) => e.type === 'progress')).toEqual([
      { type: 'progress', rows: 1000 },
      { type: 'progress', rows: 2000 },
    ]);
    expect(res.result).toEqual({ type: 'done', imported: 2100, status: 'registered' });
    expect(await drift()).toEqual([]);
    expect((await find(county, '批量')).length).toBe(50);
  });

  it('caps the error list and counts the rest', async () => {
    const rows = Array.from({ length: 1100 }, (_, i) => veteranRow(`上限${i}`, 'ABC', { 单位代码: '330523105003' }));
    const res = await upload(county, await ledgerWorkbook(rows));
    expect(res.result.type === 'failed' && [res.result.errors.length, res.result.errorCount]).toEqual([1000, 1100]);
  });

  it('refuses what is not a ledger workbook', async () => {
    const before = await registrySnapshot(sys());
    const notXlsx = await upload(county, Buffer.from('姓名,公民身份号码\n张三,1\n'));
    expect(notXlsx.status).toBe(400);
    expect(JSON.parse(notXlsx.body).message).toMatch(/不是 Excel 工作簿/);
    expect((await upload(county, Buffer.from('a,b'), 'text/csv')).status).toBe(415);
    expect((await county.post('/api/imports/recipients', { rows: [] })).statusCode).toBe(415);
    expect((await upload(county, Buffer.alloc(0))).status).toBe(400);

    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    const b = await upload(county, broken);
    expect(b.status).toBe(200);
    expect(b.result.type === 'failed' && b.result.errors[0].message).toMatch(/^文件无法读取/);

    const noHeader = await upload(county, await ledgerWorkbook([{ 姓名: '张三' }], { headers: ['名字', '号码'] }));
    expect(noHeader.result.type === 'failed' && noHeader.result.errors[0]).toMatchObject({ row: 0, message: expect.stringMatching(/^未找到表头/) });
    const missing = await upload(county, await ledgerWorkbook([{ 姓名: '张三', 公民身份号码: nextId() }], { headers: ['姓名', '公民身份号码'] }));
    expect(missing.result.type === 'failed' && missing.result.errors[0]).toMatchObject({ row: 3, message: '缺少必填列“人员类别”：请使用导入模板' });
    const empty = await upload(county, await ledgerWorkbook([]));
    expect(empty.result.type === 'failed' && empty.result.errors[0]).toMatchObject({ row: 0, message: '文件中没有数据行' });

    // an account that cannot register, and a request without the CSRF header
    const city = await t.login('city');
    expect((await upload(city, await ledgerWorkbook([veteranRow('无权限', nextId())]))).status).toBe(403);
    const noCsrf = await county.app.inject({ method: 'POST', url: '/api/imports/recipients', payload: await ledgerWorkbook([]), headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', cookie: Object.entries(county.cookies).map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await registrySnapshot(sys())).toBe(before);
  });

  it('reads a workbook with the header on the first row and the ledger’s other spellings of headers', async () => {
    const id = nextId();
    const file = await ledgerWorkbook([{ ' 姓名 ': '别名甲', '身份证号': id, '人员类别*': '退役士兵', 电话: '0572-5123456', 所属村: '330523105003' }], { title: false, headers: [' 姓名 ', '身份证号', '人员类别*', '电话', '所属村'] });
    expect((await upload(county, file)).result).toEqual({ type: 'done', imported: 1, status: 'registered' });
    const r = (await find(county, '别名甲'))[0];
    expect(r.phoneMasked).toBe('0572-***3456');
  });

  it('stops at the row limit and at the byte limit, importing nothing (the service’s options)', async () => {
    const auth = await authOf(county);
    const rows = Array.from({ length: 6 }, (_, i) => veteranRow(`限额${i}`, nextId(), { 单位代码: '330523105003' }));
    const file = await ledgerWorkbook(rows);
    const before = await count('recipients');
    const progress: number[] = [];
    const r = await importWorkbook(t.app.ctx, auth, Readable.from([file]), (n) => progress.push(n), { maxRows: 5 });
    expect(r).toEqual({ type: 'failed', rows: 0, errorCount: 1, errors: [{ row: 0, column: '', message: '一次最多导入 5 行，请分成几个文件导入' }] });
    // the worker, started before the upload arrived, is ended with it
    const workers = liveWorkers();
    await expect(importWorkbook(t.app.ctx, auth, Readable.from([file]), () => {}, { maxBytes: 100 })).rejects.toThrow(/^文件不能超过/);
    expect(liveWorkers()).toBe(workers);
    expect(await count('recipients')).toBe(before);
    // the same file within the limits imports
    expect(await importWorkbook(t.app.ctx, auth, Readable.from([file]), () => {}, { maxRows: 6 })).toEqual({ type: 'done', imported: 6, status: 'registered' });
    expect(liveWorkers()).toBe(workers);
  });
});
