import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdNumber, maskMiddle, maskName, maskPhone } from './mask';

describe('maskMiddle', () => {
  it('keeps the ends and keeps the length', () => {
    expect(maskMiddle('6222021234567890123', 6, 4)).toBe('622202*********0123');
    expect(maskMiddle('abcdef', 1, 1)).toBe('a****f');
    expect(maskMiddle('abcdef', 0, 2)).toBe('****ef');
    expect(maskMiddle('abcdef', 2, 0)).toBe('ab****');
  });

  it('hides a value that is too short to show any part safely', () => {
    expect(maskMiddle('abc', 2, 1)).toBe('***');
    expect(maskMiddle('abcd', 2, 1)).toBe('ab*d');
    expect(maskMiddle('', 3, 4)).toBe('');
    expect(maskMiddle(null, 3, 4)).toBe('');
    expect(maskMiddle(undefined, 3, 4)).toBe('');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskMiddle('李𠮷明', 1, 0)).toBe('李**');
    expect(maskMiddle('𠮷abc𠮷', 1, 1)).toBe('𠮷***𠮷');
  });

  it('rejects negative or fractional keeps', () => {
    expect(() => maskMiddle('abc', -1, 0)).toThrow(RangeError);
    expect(() => maskMiddle('abc', 0, 1.5)).toThrow(RangeError);
  });
});

describe('maskBankAccount', () => {
  it('shows only the last 4 digits', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('***************0123');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('***************0123');
    expect(maskBankAccount('6222-0212-3456-7890')).toBe('************7890');
  });

  it('hides short or empty values', () => {
    expect(maskBankAccount('1234')).toBe('****');
    expect(maskBankAccount('')).toBe('');
    expect(maskBankAccount(null)).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the surname character', () => {
    expect(maskName('张卫东')).toBe('张**');
    expect(maskName('李娜')).toBe('李*');
    expect(maskName('张')).toBe('*');
    expect(maskName(null)).toBe('');
  });
});

describe('re-exports', () => {
  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
