// 预约办理台账: the list's filter, in day order, streamed; the phone is masked; each export is audited.
import { appointmentStatusLabels, type AppointmentListQuery, type AppointmentStatus } from '../../../shared/schemas/appointments';
import { shanghaiDay } from '../../../shared/rules/dates';
import { maskPhone } from '../../../shared/rules/phone';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { ledgerXlsx } from '../../platform/ledger-export';
import { appointmentChunk, unitInScope } from './appointments.repo';
import { appointmentFilter } from './appointments.service';

const CHUNK = 1000;
export const APPOINTMENT_LEDGER_TITLE = '预约办理台账';
export const APPOINTMENT_LEDGER_HEADERS = ['序号', '预约日期', '时段', '单位', '预约人', '联系电话', '服务事项', '状态', '关联办件', '备注', '预约时间'];
const WIDTHS = [6, 12, 14, 20, 10, 14, 30, 8, 20, 24, 20];

export async function exportAppointmentLedger(ctx: AppContext, auth: AuthContext, q: Omit<AppointmentListQuery, 'page' | 'pageSize' | 'sort'>, ip: string | null) {
  const f = await appointmentFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const today = shanghaiDay(ctx.clock.now());
  const period = q.from || q.to ? `（${q.from ?? ''}至${q.to ?? ''}）` : '';
  const title = `${unit.name}${APPOINTMENT_LEDGER_TITLE}${period}　导出日期：${today}`;
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'appointment.export', targetType: 'appointment', targetId: null, result: 'success', ip, detail: JSON.stringify({ unit: unit.name, ...q }) }),
  );
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { day: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await appointmentChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => [
        ++seq,
        r.day,
        `${r.start_time}–${r.end_time}`,
        r.org_unit_name,
        r.person_name,
        maskPhone(ctx.crypto.decrypt(r.phone_enc)),
        r.item_name,
        appointmentStatusLabels[r.status as AppointmentStatus] ?? r.status,
        r.application_id ?? '',
        r.note,
        r.created_at.slice(0, 16).replace('T', ' '),
      ]);
      const last = rows[rows.length - 1];
      after = { day: last.day, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  return { name: `${unit.name}${APPOINTMENT_LEDGER_TITLE}-${today}.xlsx`, stream: ledgerXlsx(ctx.db, APPOINTMENT_LEDGER_TITLE, unit.id, { sheetName: APPOINTMENT_LEDGER_TITLE, title, headers: [APPOINTMENT_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
