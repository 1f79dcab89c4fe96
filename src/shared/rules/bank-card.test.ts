import { describe, expect, it } from 'vitest';
import { accountDigits, accountWarning, luhnValid } from './bank-card';

describe('bank card Luhn rule', () => {
  it('accepts numbers whose check digit is right and refuses a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('6222020200112233445')).toBe(luhnValid('6222020200112233445'));
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });
  it('finds every single-digit change of a valid card number', () => {
    const good = '6217000010001234561';
    // make the last digit right first
    const base = good.slice(0, -1);
    const check = [...'0123456789'].find((d) => luhnValid(base + d))!;
    const card = base + check;
    expect(luhnValid(card)).toBe(true);
    for (let i = 0; i < card.length; i++) {
      const d = card.charCodeAt(i) - 48;
      const changed = card.slice(0, i) + String((d + 1) % 10) + card.slice(i + 1);
      expect(luhnValid(changed)).toBe(false);
    }
  });
  it('warns, in Chinese, on a card-length number that fails, never on a passbook length', () => {
    expect(accountWarning('4111 1111 1111 1111')).toBeNull();
    expect(accountWarning('4111111111111112')).toMatch(/校验位/);
    expect(accountWarning('123456789012')).toBeNull();
    expect(accountWarning('')).toBe('未登记银行账号');
    expect(accountWarning(null)).toBe('未登记银行账号');
    expect(accountWarning('12345')).toMatch(/位数/);
    expect(accountDigits('62 17')).toBe('6217');
    expect(accountDigits('62-17')).toBeNull();
  });
});
