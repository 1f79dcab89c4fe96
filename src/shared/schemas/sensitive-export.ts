// The choice of an export with sensitive columns, shared by the ledgers that have them.
import { z } from '../zod-setup';

/** The purpose an unmasked export must state: this many characters at least and at most. */
export const EXPORT_PURPOSE_MIN = 2;
export const EXPORT_PURPOSE_MAX = 200;

/**
 * The choice of an export with sensitive columns (ID numbers, phones): masked as on screen by
 * default; `unmasked=1` asks for clear values, which takes the permission sensitive:export and a
 * stated purpose (checked by the server: 403 without the permission, 400 without a purpose).
 */
export const sensitiveExportShape = {
  unmasked: z.enum(['0', '1'], { message: 'unmasked 只能是 0 或 1' }).optional(),
  purpose: z.string().max(1000, '用途最多 200 个字').optional(),
};
export type SensitiveExportChoice = { unmasked?: '0' | '1'; purpose?: string };
