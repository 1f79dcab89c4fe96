import { describe, expect, it } from 'vitest';
import { ID_MESSAGES, ageOn, idCheckCharacter, idNumberSchema, makeIdNumberSchema, maskIdNumber, parseIdNumber } from './id-number';

const TODAY = '2026-06-15';
const fail = (message: string) => ({ ok: false, message });

describe('idCheckCharacter', () => {
  it('computes ISO 7064 MOD 11-2 on the standard examples', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X'); // GB 11643-1999 example
    expect(idCheckCharacter('44052418800101001')).toBe('4'); // GB 11643-1999 example
    expect(idCheckCharacter('11010519900307001')).toBe('7');
    expect(idCheckCharacter('51010819720101000')).toBe('1');
  });

  it('uses the weight 7 on the first digit and 2 on the 17th', () => {
    // the 1949 example with the first or the last digit changed (sum +7 → '3', sum +2 → '8')
    expect(idCheckCharacter('21010519491231002')).toBe('3');
    expect(idCheckCharacter('11010519491231003')).toBe('8');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseIdNumber', () => {
  it('accepts the standard example and reads it', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      id18: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      addressCode: '110105',
      legacy: false,
    });
    expect(parseIdNumber('440524188001010014', TODAY)).toMatchObject({ ok: true, birthDate: '1880-01-01', gender: 'male', addressCode: '440524' });
  });

  it('accepts lower-case x, spaces, and full-width characters', () => {
    for (const input of ['11010519491231002x', '  11010519491231002X ', '110105 19491231 002X', '１１０１０５１９４９１２３１００２ｘ', '110105\u300019491231002X']) {
      const r = parseIdNumber(input, TODAY);
      expect(r.ok && r.id18).toBe('11010519491231002X');
    }
  });

  it('reads gender from the 17th digit (odd = male)', () => {
    expect(parseIdNumber('110105199003070017', TODAY)).toMatchObject({ ok: true, gender: 'male' });
    expect(parseIdNumber('510108197201010001', TODAY)).toMatchObject({ ok: true, gender: 'female' });
  });

  it('normalises a legacy 15-digit number to 18 digits', () => {
    // the 1949 example in its old form: same person, same id18
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      id18: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      addressCode: '110105',
      legacy: true,
    });
    expect(parseIdNumber('510108720101001', TODAY)).toMatchObject({ ok: true, id18: '51010819720101001X', gender: 'male' });
  });

  it('rejects a wrong check character', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual(fail('身份证号校验位不正确'));
    expect(parseIdNumber('110105194912310020', TODAY)).toEqual(fail(ID_MESSAGES.check));
    // one digit mistyped
    expect(parseIdNumber('11010519491231003X', TODAY)).toEqual(fail(ID_MESSAGES.check));
    // two adjacent digits swapped
    expect(parseIdNumber('10110519491231002X', TODAY)).toEqual(fail(ID_MESSAGES.check));
  });

  it('rejects birth dates that do not exist', () => {
    // 1990-02-30 with a correct check character, so only the date is wrong
    expect(parseIdNumber('11010519900230001X', TODAY)).toEqual(fail('出生日期不存在'));
    expect(parseIdNumber('110105199013010010', TODAY)).toEqual(fail(ID_MESSAGES.birthMissing));
    expect(parseIdNumber('110105900230001', TODAY)).toEqual(fail(ID_MESSAGES.birthMissing)); // legacy
    expect(parseIdNumber('110105190002290011', TODAY)).toEqual(fail(ID_MESSAGES.birthMissing)); // 1900 is no leap year
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseIdNumber('330502200002290017', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('rejects a birth date after today, accepts today', () => {
    expect(parseIdNumber('110105209912310010', TODAY)).toEqual(fail('出生日期不能晚于今天'));
    expect(parseIdNumber('110105209912310010', '2099-12-31')).toMatchObject({ ok: true, birthDate: '2099-12-31' });
    expect(parseIdNumber('110105209912310010', '2099-12-30')).toEqual(fail(ID_MESSAGES.birthFuture));
  });

  it('rejects absurdly early birth dates', () => {
    expect(parseIdNumber('110105180001010010', TODAY)).toEqual(fail(ID_MESSAGES.birthTooEarly));
  });

  it('rejects the wrong length', () => {
    for (const input of ['1101051949123100', '11010519491231002X1', '12345', '1101054912310021']) {
      expect(parseIdNumber(input, TODAY)).toEqual(fail('身份证号应为 18 位（或旧版 15 位）'));
    }
  });

  it('rejects letters other than a final X', () => {
    expect(parseIdNumber('1101051949123100XX', TODAY)).toEqual(fail(ID_MESSAGES.characters));
    expect(parseIdNumber('X10105194912310021', TODAY)).toEqual(fail(ID_MESSAGES.characters));
    expect(parseIdNumber('11010549123100X', TODAY)).toEqual(fail(ID_MESSAGES.characters)); // no X in legacy numbers
    expect(parseIdNumber('11010519491231-02X', TODAY)).toEqual(fail(ID_MESSAGES.characters));
  });

  it('rejects an empty input', () => {
    expect(parseIdNumber('', TODAY)).toEqual(fail('请输入身份证号'));
    expect(parseIdNumber('   ', TODAY)).toEqual(fail(ID_MESSAGES.empty));
  });

  it('accepts unknown and abolished address codes but not 000000', () => {
    // 110103 (Beijing 崇文区) was abolished in 2010; 990101 is in no list at all
    const chongwen = '11010319700101001';
    expect(parseIdNumber(chongwen + idCheckCharacter(chongwen), TODAY)).toMatchObject({ ok: true, addressCode: '110103' });
    const unknown = '99010119700101001';
    expect(parseIdNumber(unknown + idCheckCharacter(unknown), TODAY)).toMatchObject({ ok: true, addressCode: '990101' });
    const zero = '00000019700101001';
    expect(parseIdNumber(zero + idCheckCharacter(zero), TODAY)).toEqual(fail(ID_MESSAGES.address));
  });

  it('defaults today to the real current day', () => {
    expect(parseIdNumber('11010519491231002X')).toMatchObject({ ok: true });
    expect(parseIdNumber('110105290012310016')).toEqual(fail(ID_MESSAGES.birthFuture)); // 2900-12-31
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
  });

  it('hides short values completely and tolerates empty ones', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('12345678')).toBe('123*5678');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
  });
});

describe('ageOn', () => {
  it('counts full years, turning a year older on the birthday', () => {
    expect(ageOn('1949-12-31', '2026-12-30')).toBe(76);
    expect(ageOn('1949-12-31', '2026-12-31')).toBe(77);
    expect(ageOn('1966-06-15', '2026-06-14')).toBe(59);
    expect(ageOn('1966-06-15', '2026-06-15')).toBe(60);
    expect(ageOn('2026-06-15', '2026-06-15')).toBe(0);
  });

  it('someone born on 29 February turns a year older on 28 February in a common year', () => {
    expect(ageOn('2000-02-29', '2026-02-27')).toBe(25);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2028-02-28')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('rejects a day before the birth and invalid dates', () => {
    expect(() => ageOn('2000-01-02', '2000-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-02-30', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-02-01', '2026-13-01')).toThrow(RangeError);
  });
});

describe('idNumberSchema', () => {
  it('outputs id18', () => {
    expect(idNumberSchema.parse(' 11010519491231002x')).toBe('11010519491231002X');
    expect(idNumberSchema.parse('110105491231002')).toBe('11010519491231002X');
  });

  it('fails with the Chinese message', () => {
    const r = idNumberSchema.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['身份证号校验位不正确']);
    const notString = idNumberSchema.safeParse(110105);
    expect(notString.success).toBe(false);
    expect(notString.error?.issues[0].message).toMatch(/[\u4e00-\u9fff]/); // zod's zh-CN locale
  });

  it('uses the injected day', () => {
    const schema = makeIdNumberSchema(() => '2020-01-01');
    expect(schema.safeParse('110105202001010015').success).toBe(true);
    expect(schema.safeParse('110105202001020010').error?.issues[0].message).toBe(ID_MESSAGES.birthFuture);
  });
});
