// The row checks of the import on their own: headers, dates as people write them, lists,
// merits, the mobile-number shortcut (the same verdicts as the full phone rules), unit names.
import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../shared/rules/phone';
import { idCheckCharacter } from '../../../shared/rules/id-number';
import { registryLedgerColumns } from '../../../shared/schemas/ledgers';
import { mapHeader, parseDay, parseRow, phoneOf } from './import-row';
import { unitNameKey } from './unit-resolver';
import type { CellValue } from './xlsx-rows.protocol';

const headers = registryLedgerColumns.map((c) => c.header);
const columns = mapHeader(headers)!;
const id = (first17: string) => first17 + idCheckCharacter(first17);
const row = (values: Record<string, CellValue>): CellValue[] => headers.map((h) => values[h] ?? null);
const TODAY = '2026-06-15';

describe('import row checks', () => {
  it('finds the header by the ledger’s names and their other spellings', () => {
    expect(mapHeader(['序号', '姓名', '公民身份号码'])?.get('idNumber')).toBe(2);
    expect(mapHeader([' 姓 名 ', '身份证号码*', '手机号码'])?.get('phone')).toBe(2);
    expect(mapHeader(['姓名', '备注'])).toBeNull();
    expect(mapHeader(['退役军人信息台账'])).toBeNull();
    expect([...columns.keys()]).toEqual(registryLedgerColumns.map((c) => c.key));
  });

  it('reads dates as people write them, and Excel serial dates', () => {
    for (const s of ['2005-12-01', '2005/12/1', '2005.12.01', '2005年12月1日', '20051201', '２００５－１２－０１', '2005-12-01 00:00:00']) expect(parseDay(s), s).toEqual({ day: '2005-12-01' });
    expect(parseDay(20051201)).toEqual({ day: '2005-12-01' });
    expect(parseDay(38687)).toEqual({ day: '2005-12-01' });
    expect(parseDay('2005-02-29')).toEqual({ error: 'missing' });
    expect(parseDay('12/01/2005')).toEqual({ error: 'format' });
    expect(parseDay('2005-12')).toEqual({ error: 'format' });
  });

  it('turns a good row into the registry’s values', () => {
    const r = parseRow(
      row({
        姓名: ' 岳振邦 ',
        公民身份号码: id('33052319750301001').toLowerCase(),
        性别: '男',
        民族: '畲',
        政治面貌: '党员',
        人员类别: '残疾军人',
        优抚类别: '伤残军人，参战退役人员',
        伤残等级: '6级',
        伤残性质: '因战',
        立功受奖: '三等功（2003年）、优秀士兵（其他表彰，2002年）',
        入伍时间: 36861,
        联系电话: '138 5720 1234',
        文化程度: '大学本科',
        就业状况: '灵活就业',
        军种: '武警',
        备注: "'=1+1",
      }),
      columns,
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.row).toMatchObject({
      name: '岳振邦',
      gender: 'male',
      birthDate: '1975-03-01',
      ethnicity: '畲族',
      politicalStatus: 'cpcMember',
      recipientGroup: 'disabledVeteran',
      kind: 'veteran',
      disabilityGrade: 6,
      disabilityCause: 'war',
      enlistmentDate: '2000-12-01',
      phone: '13857201234',
      education: 'bachelor',
      employmentStatus: 'selfEmployed',
      branch: 'armedPolice',
      notes: '=1+1',
      merits: [
        { name: '三等功', level: 'third', year: 2003 },
        { name: '优秀士兵', level: 'other', year: 2002 },
      ],
    });
    expect(r.row!.id18).toBe(id('33052319750301001'));
  });

  it('gives the ID number and the unit of a row with problems (for the duplicate and unit checks)', () => {
    const r = parseRow(row({ 姓名: '', 公民身份号码: id('33052319750301001'), 人员类别: '退役士兵', '所属村(社区)': '三眼井社区' }), columns, TODAY);
    expect(r.row).toBeNull();
    expect(r.problems).toEqual([{ column: '姓名', message: '请填写姓名' }]);
    expect(r.id18).toBe(id('33052319750301001'));
    expect(r.unit).toEqual({ township: '', village: '三眼井社区', grid: '', code: '' });
  });

  it('refuses control characters and overlong text', () => {
    const r = parseRow(row({ 姓名: '张\u0001三', 公民身份号码: id('33052319750301001'), 人员类别: '退役士兵', 备注: 'x'.repeat(1001) }), columns, TODAY);
    expect(r.problems).toEqual([
      { column: '姓名', message: '姓名含有不允许的控制字符' },
      { column: '姓名', message: '请填写姓名' },
      { column: '备注', message: '备注最多 1000 个字' },
    ]);
  });

  it('judges mobile numbers by their block exactly as the phone rules do', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const n = `1${String(Math.floor(rnd() * 1e10)).padStart(10, '0')}`;
      const full = parsePhone(n);
      const fast = phoneOf(n);
      expect(fast.ok, n).toBe(full.ok && full.kind === 'mobile' ? true : full.ok);
      if (fast.ok && full.ok) expect(fast.national).toBe(full.national);
      if (!fast.ok && !full.ok) expect(fast.message).toBe(full.message);
    }
    expect(phoneOf('0572-5123456')).toEqual({ ok: true, national: '0572-5123456' });
  });

  it('compares unit names the way stations write them', () => {
    expect(unitNameKey('三眼井社区居委会')).toBe('三眼井社区');
    expect(unitNameKey('横溪坞村民委员会')).toBe('横溪坞村');
    expect(unitNameKey('横溪坞村委会')).toBe('横溪坞村');
    expect(unitNameKey(' 横溪坞 村 ')).toBe('横溪坞村');
  });
});
