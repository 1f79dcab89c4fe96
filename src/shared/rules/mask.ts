// Masks for values shown on screen (PIPL Art. 51: de-identify where full values are not needed).
// All work on Unicode code points, so a rare character outside the BMP counts as one.

export { maskIdNumber } from './id-number';
export { maskPhone } from './phone';

/**
 * Keep `keepStart` characters at the start and `keepEnd` at the end, replace the rest by '*'
 * (one per character, so the length stays). A value too short to hide at least one character
 * this way is hidden entirely: masking must never show the whole value.
 */
export function maskMiddle(value: string | null | undefined, keepStart: number, keepEnd: number): string {
  if (!Number.isInteger(keepStart) || keepStart < 0 || !Number.isInteger(keepEnd) || keepEnd < 0) {
    throw new RangeError('keepStart and keepEnd must be non-negative integers');
  }
  const chars = Array.from(value ?? '');
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(chars.length - keepEnd).join('');
}

/** A bank account or card number: spaces and dashes dropped, only the last 4 digits shown. */
export function maskBankAccount(account: string | null | undefined): string {
  const compact = (account ?? '').normalize('NFKC').replace(/[\s-]/g, '');
  return maskMiddle(compact, 0, 4);
}

/** A person's name: the first character kept (张**, 李*); a one-character name is hidden. */
export function maskName(name: string | null | undefined): string {
  return maskMiddle((name ?? '').trim(), 1, 0);
}
