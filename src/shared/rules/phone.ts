// Mainland China telephone numbers: mobiles and landlines, checked with libphonenumber-js.
//
// Metadata: 'max'. The 'min' metadata checks only leading digit and length, so it accepts
// 12345678901 and the IoT range 144…; 'mobile' knows mobile ranges but not landlines. 'max' knows
// every number type, so it rejects 12345678901 and the IoT/data ranges (140–144, 146, 148, 149,
// 174…), and tells a mobile from a landline. It costs ~150 kB of metadata in the browser bundle.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from '../zod-setup';

export type PhoneKind = 'mobile' | 'fixed';
export type PhoneInfo = {
  ok: true;
  /** '+8613800138000' */
  e164: string;
  /** mobile: '13800138000'; landline: '0572-5123000' (area code with its 0, a dash, the number) */
  national: string;
  kind: PhoneKind;
};
export type PhoneResult = PhoneInfo | { ok: false; message: string };

export const PHONE_MESSAGES = {
  empty: '请输入电话号码',
  characters: '电话号码只能包含数字、空格、括号、+ 和 -',
  mobile: '手机号码不正确',
  needAreaCode: '固定电话请加区号，如 0572-5123000',
  invalid: '电话号码不正确',
  foreign: '只支持中国大陆的电话号码',
  kind: '请填写手机号码或固定电话号码',
  mobileEmpty: '请输入手机号码',
  notMobile: '请填写手机号码',
} as const;

function clean(input: unknown): string {
  return (typeof input === 'string' ? input : '').normalize('NFKC').trim();
}

/** Parse a mobile or landline number as people write it: '138 0013 8000', '+86 13800138000', '(0572)5123000'. */
export function parsePhone(input: string): PhoneResult {
  const s = clean(input);
  if (s === '') return { ok: false, message: PHONE_MESSAGES.empty };
  if (!/^[\d\s()+-]+$/.test(s)) return { ok: false, message: PHONE_MESSAGES.characters };
  const digits = s.replace(/\D/g, '');

  const parsed = parsePhoneNumberFromString(s, 'CN');
  if (parsed && parsed.country !== undefined && parsed.country !== 'CN') return { ok: false, message: PHONE_MESSAGES.foreign };
  if (parsed && parsed.countryCallingCode !== '86') return { ok: false, message: PHONE_MESSAGES.foreign };
  if (!parsed || !parsed.isValid()) {
    if (/^1\d{10}$/.test(digits)) return { ok: false, message: PHONE_MESSAGES.mobile };
    if (/^[2-9]\d{6,7}$/.test(digits)) return { ok: false, message: PHONE_MESSAGES.needAreaCode };
    return { ok: false, message: PHONE_MESSAGES.invalid };
  }

  const type = parsed.getType();
  const national = parsed.nationalNumber;
  let kind: PhoneKind;
  if (type === 'MOBILE') kind = 'mobile';
  else if (type === 'FIXED_LINE') kind = 'fixed';
  else if (type === 'FIXED_LINE_OR_MOBILE') kind = national.startsWith('1') ? 'mobile' : 'fixed';
  else return { ok: false, message: PHONE_MESSAGES.kind }; // 400/800 service numbers, VoIP…

  if (kind === 'mobile') return { ok: true, e164: parsed.number, national, kind };
  const groups = parsed.formatNational().split(' ');
  const areaCode = groups[0].startsWith('0') ? groups[0] : null;
  return {
    ok: true,
    e164: parsed.number,
    national: areaCode ? `${areaCode}-${groups.slice(1).join('')}` : `0${national}`,
    kind,
  };
}

export function isMobile(input: string): boolean {
  const r = parsePhone(input);
  return r.ok && r.kind === 'mobile';
}

export function isLandline(input: string): boolean {
  const r = parsePhone(input);
  return r.ok && r.kind === 'fixed';
}

/**
 * Masks for display. A mobile keeps its first 3 and last 4 digits ('138****5678'); a landline
 * 'area-number' keeps the area code and the last 4 ('0572-***3000'); anything else keeps its
 * first 3 and last 4 characters, or is hidden entirely when shorter than 8.
 */
export function maskPhone(phone: string | null | undefined): string {
  const s = (phone ?? '').trim();
  if (s === '') return '';
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}****${s.slice(7)}`;
  const landline = /^(0\d{2,3})-(\d{5,8})$/.exec(s);
  if (landline) return `${landline[1]}-${'*'.repeat(landline[2].length - 4)}${landline[2].slice(-4)}`;
  const chars = Array.from(s);
  if (chars.length < 8) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** A mainland mobile number; outputs the 11 digits ('13800138000'). */
export const mobileSchema = z.string().transform((value, ctx) => {
  const r = parsePhone(value);
  if (r.ok && r.kind === 'mobile') return r.national;
  const message = clean(value) === '' ? PHONE_MESSAGES.mobileEmpty : r.ok ? PHONE_MESSAGES.notMobile : PHONE_MESSAGES.mobile;
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
});

/** A mainland mobile or landline number; outputs the national form ('13800138000', '0572-5123000'). */
export const phoneSchema = z.string().transform((value, ctx) => {
  const r = parsePhone(value);
  if (r.ok) return r.national;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});
