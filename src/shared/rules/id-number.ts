// Citizen ID number 公民身份号码, GB 11643-1999: 6-digit address code + YYYYMMDD birth date +
// 3-digit sequence (odd = male) + check character (ISO 7064 MOD 11-2).
// Legacy 15-digit numbers (YYMMDD, no check character) are normalised to 18 digits, so the
// same person hashes and matches the same either way.
import { z } from '../zod-setup';
import { isValidDay } from './calendar';
import { shanghaiDay } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Birth dates before this are typing errors, not people. */
const EARLIEST_BIRTH = '1850-01-01';

export const ID_MESSAGES = {
  empty: '请输入身份证号',
  length: '身份证号应为 18 位（或旧版 15 位）',
  characters: '身份证号只能由数字组成，18 位号码的最后一位可以是 X',
  address: '身份证号前 6 位地址码不正确',
  birthMissing: '出生日期不存在',
  birthTooEarly: '出生日期不合理',
  birthFuture: '出生日期不能晚于今天',
  check: '身份证号校验位不正确',
} as const;

export type IdNumberInfo = {
  ok: true;
  /** the 18-character number, check character upper case */
  id18: string;
  birthDate: string;
  gender: 'male' | 'female';
  addressCode: string;
  /** true when the input was a legacy 15-digit number */
  legacy: boolean;
};
export type IdNumberResult = IdNumberInfo | { ok: false; message: string };

/** The check character for the first 17 digits: Σ(digit × weight) mod 11 mapped onto "10X98765432". */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Full-width digits and Ｘ become ASCII, every space goes, x becomes X. */
function normalise(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Parse and check a citizen ID number. `today` ('YYYY-MM-DD', Asia/Shanghai) defaults to the
 * current day; a birth date after it is rejected. Address codes are only checked for shape (6
 * digits, not all zero): codes of abolished divisions stay valid.
 */
export function parseIdNumber(input: string, today: string = shanghaiDay(new Date())): IdNumberResult {
  const s = normalise(typeof input === 'string' ? input : '');
  if (s === '') return { ok: false, message: ID_MESSAGES.empty };
  if (s.length !== 18 && s.length !== 15) return { ok: false, message: ID_MESSAGES.length };
  const legacy = s.length === 15;
  if (legacy ? !/^\d{15}$/.test(s) : !/^\d{17}[\dX]$/.test(s)) return { ok: false, message: ID_MESSAGES.characters };

  const addressCode = s.slice(0, 6);
  if (addressCode === '000000') return { ok: false, message: ID_MESSAGES.address };

  const birth = legacy ? `19${s.slice(6, 12)}` : s.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isValidDay(birthDate)) return { ok: false, message: ID_MESSAGES.birthMissing };
  if (birthDate < EARLIEST_BIRTH) return { ok: false, message: ID_MESSAGES.birthTooEarly };
  if (birthDate > today) return { ok: false, message: ID_MESSAGES.birthFuture };

  const sequence = legacy ? s.slice(12, 15) : s.slice(14, 17);
  const first17 = addressCode + birth + sequence;
  const check = idCheckCharacter(first17);
  if (!legacy && s[17] !== check) return { ok: false, message: ID_MESSAGES.check };

  return {
    ok: true,
    id18: first17 + check,
    birthDate,
    gender: Number(sequence[2]) % 2 === 1 ? 'male' : 'female',
    addressCode,
    legacy,
  };
}

/** '11010519491231002X' → '110***********002X': first 3 and last 4 kept, length unchanged. */
export function maskIdNumber(id: string | null | undefined): string {
  const chars = Array.from(id ?? '');
  if (chars.length === 0) return '';
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/**
 * Age in full years (周岁) on `day`: the person turns N on the birthday. Someone born on 29
 * February turns N on 28 February in a common year (民法典 Art. 202: no corresponding day →
 * the last day of that month).
 */
export function ageOn(birthDate: string, day: string): number {
  if (!isValidDay(birthDate)) throw new RangeError(`Invalid birth date: ${birthDate}`);
  if (!isValidDay(day)) throw new RangeError(`Invalid day: ${day}`);
  if (day < birthDate) throw new RangeError(`${day} is before the birth date ${birthDate}`);
  const year = Number(day.slice(0, 4));
  // only a 29 February birthday can be missing from the year (every list row's age comes through here)
  let birthday = `${year}${birthDate.slice(4)}`;
  if (birthDate.endsWith('-02-29') && !isValidDay(birthday)) birthday = `${year}-02-28`; // 29 February in a common year
  const years = year - Number(birthDate.slice(0, 4));
  return day >= birthday ? years : years - 1;
}

/** A zod schema: accepts any spelling parseIdNumber accepts and outputs id18. */
export function makeIdNumberSchema(today: () => string = () => shanghaiDay(new Date())) {
  return z.string().transform((value, ctx) => {
    const r = parseIdNumber(value, today());
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.id18;
  });
}

export const idNumberSchema = makeIdNumberSchema();
