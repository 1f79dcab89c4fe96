// Bank card numbers 银行卡号: most carry a Luhn check digit (ISO/IEC 7812), but a passbook
// 存折 account has none, so a failed check is a warning to look again, never a refusal.

/** The digits of an account as typed (spaces dropped), or null when anything else is in it. */
export function accountDigits(account: string): string | null {
  const d = account.replace(/\s/g, '');
  return /^\d+$/.test(d) ? d : null;
}

/** Whether the digits pass the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * The warning to show for a payee's account, or null: a card-length number (16–19 digits) that
 * fails the Luhn check may be mistyped (or a passbook number: please check with the bank).
 */
export function accountWarning(account: string | null | undefined): string | null {
  if (!account) return '未登记银行账号';
  const d = accountDigits(account);
  if (!d) return '银行账号含有数字以外的字符';
  if (d.length < 10 || d.length > 19) return '银行账号位数异常，请核对';
  if (d.length >= 16 && !luhnValid(d)) return '卡号校验位不符（如为存折账号可忽略），请与开户行核对';
  return null;
}
