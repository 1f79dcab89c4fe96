// Exports with sensitive columns (PIPL Art. 51; 等保 2.0 level 3): masked as on screen by default.
// Clear values are an explicit choice (unmasked=1) that needs the permission sensitive:export and
// a stated purpose; such a file carries who exported it and when, in a watermark row above the
// title and in the workbook's properties, and the export is audited with its row count and purpose.
import { hasPermission } from '../../shared/permissions';
import { EXPORT_PURPOSE_MAX, EXPORT_PURPOSE_MIN, type SensitiveExportChoice } from '../../shared/schemas/sensitive-export';
import type { AuthContext } from './auth';
import { AppError, forbidden } from './errors';
import type { XlsxSheet } from './xlsx-writer';

export type ExportChoice = { clear: boolean; purpose: string | null };

/** The caller's choice, checked: masked unless unmasked=1 with the permission and a purpose. */
export function sensitiveExportChoice(auth: AuthContext, q: SensitiveExportChoice): ExportChoice {
  if (q.unmasked !== '1') return { clear: false, purpose: null };
  if (!hasPermission(auth.roles, 'sensitive:export')) throw forbidden('没有导出敏感信息明文的权限，请选择脱敏导出');
  const purpose = (q.purpose ?? '').trim().replace(/\s+/g, ' ');
  const length = Array.from(purpose).length;
  if (length < EXPORT_PURPOSE_MIN || length > EXPORT_PURPOSE_MAX) {
    const message = `明文导出须填写用途（${EXPORT_PURPOSE_MIN}～${EXPORT_PURPOSE_MAX} 个字）`;
    throw new AppError(400, 'EXPORT_PURPOSE', message, [{ path: 'purpose', message }]);
  }
  return { clear: true, purpose };
}

/** The filter of an export as audited: without the choice, which the audit records apart. */
export function filterOf<T extends SensitiveExportChoice>(q: T): Omit<T, 'unmasked' | 'purpose'> {
  const { unmasked: _u, purpose: _p, ...rest } = q;
  void _u;
  void _p;
  return rest;
}

const timeFormatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** '2026-06-15 10:00:00' in China time. */
export function chinaDateTime(at: Date): string {
  const p = Object.fromEntries(timeFormatter.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/**
 * Who exported the file and when, for the workbook: its properties always, and for a clear export
 * a watermark row above the title as well.
 */
export function exportMarks(auth: AuthContext, choice: ExportChoice, at: Date): Pick<XlsxSheet, 'watermark' | 'creator' | 'description' | 'created'> {
  const who = `${auth.displayName}（${auth.username}，${auth.unit.name}）`;
  const when = chinaDateTime(at);
  const kind = choice.clear ? '明文导出（含敏感信息，仅限用途内使用，注意保密）' : '脱敏导出';
  const description = `${kind}；导出人：${who}；导出时间：${when}${choice.clear ? `；用途：${choice.purpose}` : ''}`;
  return {
    creator: who,
    description,
    created: at,
    ...(choice.clear && { watermark: `${kind}　导出人：${who}　导出时间：${when}　用途：${choice.purpose}` }),
  };
}
