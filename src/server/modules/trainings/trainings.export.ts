// 招聘会台账 and 退役军人培训台账 (LEDGERS.md 就业创业: 培训情况), through the one .xlsx writer, the
// list's filter, streamed in chunks, audited.
// - Fairs: 序号, 招聘会名称, 举办单位, 举办日期, 地点, 类型, 参会用人单位（提供岗位数）, 提供岗位数,
//   报名人数, 到场人数, 意向达成人数, 录用人数.
// - Trainings, one row per enrolled person: 序号, 姓名, 公民身份号码 (masked), 所属单位, 退役时间,
//   培训类别, 培训名称, 课程内容, 承办机构, 举办单位, 起止日期, 出勤（课次）, 结业日期, 证书名称, 证书编号.
import { JOB_FAIR_LEDGER_TITLE, jobFairKindLabels, TRAINING_LEDGER_TITLE, trainingKindLabels, type JobFairKind, type JobFairLedgerQuery, type TrainingKind, type TrainingLedgerQuery } from '../../../shared/schemas/trainings';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { enrolmentChunk, fairChunk, fairEmployersOf, type EnrolmentLedgerRow, type FairRow } from './trainings.repo';
import { fairFilterOf } from './trainings.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const JOB_FAIR_LEDGER_HEADERS = ['序号', '招聘会名称', '举办单位', '举办日期', '地点', '类型', '参会用人单位（提供岗位数）', '提供岗位数', '报名人数', '到场人数', '意向达成人数', '录用人数', '逐人登记：达成意向', '逐人登记：已录用', '逐人登记：未达成'];
const FAIR_WIDTHS = [6, 24, 16, 12, 20, 8, 40, 10, 10, 10, 12, 10, 12, 12, 12];
export const TRAINING_LEDGER_HEADERS = ['序号', '姓名', '公民身份号码', '所属单位', '退役时间', '培训类别', '培训名称', '课程内容', '承办机构', '举办单位', '起止日期', '出勤（课次）', '结业日期', '证书名称', '证书编号'];
const TRAINING_WIDTHS = [6, 10, 20, 16, 12, 12, 24, 30, 20, 16, 24, 12, 12, 20, 20];

type Ip = string | null;

export function fairLedgerValues(f: FairRow, employers: { employer_id: string; name: string; openings: number }[], seq: number): (string | number)[] {
  return [
    seq,
    f.name,
    f.org_unit_name,
    f.held_on,
    f.place,
    jobFairKindLabels[f.kind as JobFairKind] ?? f.kind,
    employers.map((e) => `${e.name}（${e.openings}）`).join('、'),
    Number(f.openings_offered ?? 0),
    Number(f.registered ?? 0),
    Number(f.attended ?? 0),
    f.intent_count === null ? '' : Number(f.intent_count),
    f.hired_count === null ? '' : Number(f.hired_count),
    Number(f.result_intent ?? 0),
    Number(f.result_hired ?? 0),
    Number(f.result_none ?? 0),
  ];
}

export function trainingLedgerValues(e: EnrolmentLedgerRow, seq: number): (string | number)[] {
  return [
    seq,
    e.name,
    e.id_number_masked,
    e.org_unit_name,
    e.discharge_date ?? '',
    trainingKindLabels[e.kind as TrainingKind] ?? e.kind,
    e.training_name,
    e.course,
    e.provider,
    e.training_unit_name,
    `${e.start_on}至${e.end_on}`,
    `${e.attended_sessions}/${e.sessions}`,
    e.completed_on ?? '',
    e.certificate_name,
    e.certificate_no,
  ];
}

async function auditExport(ctx: AppContext, auth: AuthContext, action: 'job-fair.export' | 'training.export', detail: string, ip: Ip) {
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action, targetType: 'ledger', targetId: null, result: 'success', ip, detail }),
  );
}

export async function exportFairLedger(ctx: AppContext, auth: AuthContext, q: JobFairLedgerQuery, ip: Ip) {
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const f = fairFilterOf(q.orgUnitId ? unit.path : undefined, q);
  const day = today(ctx);
  await auditExport(ctx, auth, 'job-fair.export', JSON.stringify({ unit: unit.name, ...q }), ip);
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { day: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await fairChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const emps = await fairEmployersOf(ctx.db, rows.map((r) => r.id));
      yield rows.map((r) => fairLedgerValues(r, emps.filter((e) => e.fair_id === r.id).map((e) => ({ ...e, openings: Number(e.openings) })), ++seq));
      const last = rows[rows.length - 1];
      after = { day: last.held_on, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${JOB_FAIR_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${JOB_FAIR_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, JOB_FAIR_LEDGER_TITLE, unit.id, { sheetName: JOB_FAIR_LEDGER_TITLE, title, headers: [JOB_FAIR_LEDGER_HEADERS], widths: FAIR_WIDTHS }, chunks()) };
}

export async function exportTrainingLedger(ctx: AppContext, auth: AuthContext, q: TrainingLedgerQuery, ip: Ip) {
  if (q.from && q.to && q.to < q.from) throw badRequest('结束日期不能早于开始日期', [{ path: 'to', message: '不能早于开始日期' }]);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const f = { unitPath: q.orgUnitId ? unit.path : undefined, kind: q.kind, from: q.from, to: q.to };
  const day = today(ctx);
  await auditExport(ctx, auth, 'training.export', JSON.stringify({ unit: unit.name, ...q }), ip);
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { start: string; trainingId: string; recipientId: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await enrolmentChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => trainingLedgerValues(r, ++seq));
      const last = rows[rows.length - 1];
      after = { start: last.start_on, trainingId: last.training_id, recipientId: last.recipient_id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${TRAINING_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${TRAINING_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, TRAINING_LEDGER_TITLE, unit.id, { sheetName: TRAINING_LEDGER_TITLE, title, headers: [TRAINING_LEDGER_HEADERS], widths: TRAINING_WIDTHS }, chunks()) };
}
