import { describe, expect, it } from 'vitest';
import { PHONE_MESSAGES, isLandline, isMobile, maskPhone, mobileSchema, parsePhone, phoneSchema } from './phone';

const fail = (message: string) => ({ ok: false, message });

describe('parsePhone: mobiles', () => {
  it('accepts 13800138000 in every usual spelling', () => {
    for (const input of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '+8613800138000', '008613800138000', '8613800138000', '１３８００１３８０００', ' 13800138000 ']) {
      expect(parsePhone(input)).toEqual({ ok: true, e164: '+8613800138000', national: '13800138000', kind: 'mobile' });
    }
  });

  it('accepts current ranges (162, 165, 170, 172, 190, 199, 145 data, 147 data)', () => {
    for (const n of ['16212345678', '16512345678', '17012345678', '17212345678', '19012345678', '19912345678', '14512345678', '14712345678']) {
      expect(parsePhone(n)).toMatchObject({ ok: true, kind: 'mobile', national: n });
    }
  });

  it('rejects IoT and unassigned ranges that /^1[3-9]\\d{9}$/ would accept', () => {
    for (const n of ['14400000000', '14412345678', '14012345678', '14112345678', '14612345678', '14812345678', '17412345678']) {
      expect(/^1[3-9]\d{9}$/.test(n)).toBe(true);
      expect(parsePhone(n)).toEqual(fail(PHONE_MESSAGES.mobile));
    }
  });

  it('rejects numbers that are no mobile at all', () => {
    expect(parsePhone('12345678901')).toEqual(fail('手机号码不正确'));
    expect(parsePhone('10000000000')).toEqual(fail(PHONE_MESSAGES.mobile));
    expect(parsePhone('1380013800')).toEqual(fail(PHONE_MESSAGES.invalid)); // 10 digits
    expect(parsePhone('138001380001')).toEqual(fail(PHONE_MESSAGES.invalid)); // 12 digits
  });
});

describe('parsePhone: landlines', () => {
  it('accepts 0572-5123000 (Huzhou) in usual spellings, output with a dash after the area code', () => {
    for (const input of ['0572-5123000', '05725123000', '0572 5123000', '(0572)5123000', '+86 572 5123000', '0086 572 512 3000']) {
      expect(parsePhone(input)).toEqual({ ok: true, e164: '+865725123000', national: '0572-5123000', kind: 'fixed' });
    }
  });

  it('handles two- and three-digit area codes', () => {
    expect(parsePhone('010-65529988')).toEqual({ ok: true, e164: '+861065529988', national: '010-65529988', kind: 'fixed' });
    expect(parsePhone('02088888888')).toMatchObject({ ok: true, national: '020-88888888', kind: 'fixed' });
  });

  it('asks for the area code when it is missing', () => {
    expect(parsePhone('5123000')).toEqual(fail(PHONE_MESSAGES.needAreaCode));
    expect(parsePhone('65529988')).toEqual(fail(PHONE_MESSAGES.needAreaCode));
  });

  it('rejects a landline with a wrong length', () => {
    expect(parsePhone('057225123000')).toEqual(fail(PHONE_MESSAGES.invalid));
    expect(parsePhone('021-6212345')).toEqual(fail(PHONE_MESSAGES.invalid));
  });
});

describe('parsePhone: other input', () => {
  it('rejects service numbers, foreign numbers, letters, empty input', () => {
    expect(parsePhone('4008123123')).toEqual(fail(PHONE_MESSAGES.kind));
    expect(parsePhone('8008101234')).toEqual(fail(PHONE_MESSAGES.kind));
    expect(parsePhone('+1 202 555 0143')).toEqual(fail(PHONE_MESSAGES.foreign));
    expect(parsePhone('+852 2123 4567')).toEqual(fail(PHONE_MESSAGES.foreign));
    expect(parsePhone('0572-5123000 转 801')).toEqual(fail(PHONE_MESSAGES.characters));
    expect(parsePhone('138oo138ooo')).toEqual(fail(PHONE_MESSAGES.characters));
    expect(parsePhone('')).toEqual(fail('请输入电话号码'));
    expect(parsePhone('  ')).toEqual(fail(PHONE_MESSAGES.empty));
  });
});

describe('isMobile / isLandline', () => {
  it('tell the kinds apart', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isLandline('13800138000')).toBe(false);
    expect(isMobile('0572-5123000')).toBe(false);
    expect(isLandline('0572-5123000')).toBe(true);
    expect(isMobile('14400000000')).toBe(false);
    expect(isLandline('5123000')).toBe(false);
  });
});

describe('maskPhone', () => {
  it('masks mobiles and landlines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0572-5123000')).toBe('0572-***3000');
    expect(maskPhone('010-65529988')).toBe('010-****9988');
  });

  it('masks anything else by the first 3 / last 4 rule, short values fully', () => {
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
    expect(maskPhone('5123000')).toBe('*******');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
  });
});

describe('schemas', () => {
  it('mobileSchema outputs 11 digits', () => {
    expect(mobileSchema.parse('+86 138 0013 8000')).toBe('13800138000');
  });

  it('mobileSchema fails in Chinese', () => {
    const messages = (v: string) => mobileSchema.safeParse(v).error?.issues.map((i) => i.message);
    expect(messages('14400000000')).toEqual(['手机号码不正确']);
    expect(messages('12345678901')).toEqual([PHONE_MESSAGES.mobile]);
    expect(messages('0572-5123000')).toEqual([PHONE_MESSAGES.notMobile]);
    expect(messages('')).toEqual([PHONE_MESSAGES.mobileEmpty]);
  });

  it('phoneSchema accepts both kinds', () => {
    expect(phoneSchema.parse('(0572)5123000')).toBe('0572-5123000');
    expect(phoneSchema.parse('138 0013 8000')).toBe('13800138000');
    expect(phoneSchema.safeParse('4008123123').error?.issues[0].message).toBe(PHONE_MESSAGES.kind);
  });
});
