// 就业创业台账 (LEDGERS.md: 就业状况, 就业意向, 技能特长, 培训情况, 推荐岗位, 就业单位, 创业项目):
// 序号, 姓名, 公民身份号码 (masked), 所属单位, 退役时间, 就业状况, 就业单位, 求职意向, 意向行业,
// 意向工作地, 全职/兼职, 期望月薪（元）, 技能特长, 培训意愿, 创业意向, 需要的扶持, 推荐岗位, 核实日期 —
// the list's filter, in unit order, streamed in chunks, audited.
import { EMPLOYMENT_LEDGER_TITLE, recommendationStatusLabels, type EmploymentLedgerQuery, type RecommendationStatus } from '../../../shared/schemas/employment';
import { employmentStatusLabels } from '../../../shared/schemas/recipients';
import { codesOf, industryCodes, industryLabels, skillCodes, skillLabels, workTimeLabels, type WorkTime } from '../../../shared/rules/job-matching';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { profileChunk, recommendationsOfPeople, unitsByIdUnscoped, type ProfileRow } from './employment.repo';
import { profileFilter } from './employment.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const EMPLOYMENT_LEDGER_HEADERS = ['序号', '姓名', '公民身份号码', '所属单位', '退役时间', '就业状况', '就业单位', '求职意向', '意向行业', '意向工作地', '全职/兼职', '期望月薪（元）', '技能特长', '培训意愿', '创业意向', '需要的扶持', '推荐岗位', '核实日期'];
const WIDTHS = [6, 10, 20, 16, 12, 14, 20, 8, 24, 20, 8, 10, 24, 24, 8, 24, 36, 12];

type Rec = { recipient_id: string; employer_name: string; position: string; status: string; recommended_on: string };

export function employmentLedgerValues(r: ProfileRow, recs: Rec[], places: Map<string, string>, seq: number): (string | number)[] {
  const placeIds = r.place_unit_ids ? (JSON.parse(r.place_unit_ids) as string[]) : [];
  return [
    seq,
    r.recipient_name,
    r.id_number_masked,
    r.org_unit_name,
    r.discharge_date ?? '',
    r.employment_status ? (employmentStatusLabels[r.employment_status as keyof typeof employmentStatusLabels] ?? r.employment_status) : '',
    r.employer_name ?? '',
    Number(r.seeking ?? 0) === 1 ? '是' : '否',
    codesOf(industryCodes, Number(r.industries_mask ?? 0)).map((c) => industryLabels[c]).join('、'),
    placeIds.map((id) => places.get(id) ?? '').join('、'),
    workTimeLabels[(r.work_time as WorkTime | null) ?? 'any'],
    r.pay_min === null ? '' : Number(r.pay_min),
    codesOf(skillCodes, Number(r.skills_mask ?? 0)).map((c) => skillLabels[c]).join('、'),
    r.training_wishes ?? '',
    Number(r.venture_intent ?? 0) === 1 ? '有' : '',
    r.venture_help ?? '',
    recs.map((x) => `${x.recommended_on} ${x.employer_name} ${x.position}（${recommendationStatusLabels[x.status as RecommendationStatus] ?? x.status}）`).join('\n'),
    r.confirmed_on ?? '',
  ];
}

export async function exportEmploymentLedger(ctx: AppContext, auth: AuthContext, q: EmploymentLedgerQuery, ip: string | null) {
  const f = await profileFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'employment.export', targetType: 'ledger', targetId: null, result: 'success', ip, detail: JSON.stringify({ unit: unit.name, ...q }) }),
  );
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await profileChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const recs = await recommendationsOfPeople(auth.scope, ctx.db, rows.map((r) => r.recipient_id));
      const places = new Map((await unitsByIdUnscoped(ctx.db, rows.flatMap((r) => (r.place_unit_ids ? (JSON.parse(r.place_unit_ids) as string[]) : [])))).map((u) => [u.id, u.name]));
      yield rows.map((r) => employmentLedgerValues(r, recs.filter((x) => x.recipient_id === r.recipient_id), places, ++seq));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.recipient_id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${EMPLOYMENT_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${EMPLOYMENT_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, EMPLOYMENT_LEDGER_TITLE, unit.id, { sheetName: EMPLOYMENT_LEDGER_TITLE, title, headers: [EMPLOYMENT_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
