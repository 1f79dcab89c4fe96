// 帮扶援助台账 (LEDGERS.md): 序号, 申请日期, 帮扶对象, 公民身份号码 (always masked), 所属单位, 困难类型,
// 家庭月收入, 家庭人口, 核实情况 (each verification: day, method, verifiers, conclusion, findings),
// 状态, 帮扶方式, 金额(元), 物资, 决定日期, 公示起止, 回访, 转介, 经办人 — the list's filter, in unit
// order, streamed in chunks through the one writer, audited. Payment columns (资金来源, 发放方式,
// 发放日期) belong to the funds side.
import { assistanceFormLabels, assistanceGroundShort, assistanceStatusLabels, referralAgencyLabels, verificationConclusionLabels, verificationMethodLabels, yuan, type AssistanceForm, type AssistanceGround, type AssistanceLedgerQuery, type AssistanceStatus, type ReferralAgency } from '../../../shared/schemas/assistance';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { exportMarks, filterOf } from '../../platform/sensitive-export';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import type { AssistancePayload } from './assistance.cases';
import { aidChunk, referralsOf, type AidRow } from './assistance.repo';
import { aidFilter, auditExport } from './assistance.service';
import type { AssistanceReferralTable } from '../../db/types';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const ASSISTANCE_LEDGER_TITLE = '帮扶援助台账';
export const ASSISTANCE_LEDGER_HEADERS = ['序号', '申请日期', '帮扶对象', '公民身份号码', '所属单位', '困难类型', '家庭月收入(元)', '家庭人口', '核实情况', '状态', '帮扶方式', '金额(元)', '物资', '决定日期', '公示起止', '回访', '转介', '经办人'];
const WIDTHS = [6, 12, 10, 20, 16, 12, 12, 8, 48, 10, 14, 12, 28, 12, 24, 30, 30, 10];

export function ledgerValues(r: AidRow, referrals: AssistanceReferralTable[], seq: number): (string | number)[] {
  const p = JSON.parse(r.payload) as AssistancePayload;
  const verifications = p.verifications.map((v) => `${v.day} ${verificationMethodLabels[v.method]}（${v.verifierNames.join('、')}）${verificationConclusionLabels[v.conclusion]}：${v.findings}`);
  const d = p.decision;
  return [
    seq,
    r.opened_on,
    r.recipient_name,
    r.recipient_id_masked,
    r.org_unit_name,
    assistanceGroundShort[r.ground as AssistanceGround] ?? r.ground,
    yuan(Number(r.monthly_income_fen)),
    Number(r.members),
    verifications.join('\n'),
    assistanceStatusLabels[r.status as AssistanceStatus] ?? r.status,
    r.form ? assistanceFormLabels[r.form as AssistanceForm] : '',
    r.approved ? yuan(Number(r.amount_fen)) : '',
    d?.approved ? d.goods.map((g) => `${g.name}×${g.quantity}（${yuan(g.valueFen)}元）`).join('、') : '',
    r.decided_on ?? '',
    p.notice ? `${p.notice.startDay} 至 ${p.notice.endDay}` : '',
    p.returnVisit ? `${p.returnVisit.day} ${p.returnVisit.by}：${p.returnVisit.effect}` : '',
    referrals.map((x) => `${x.referred_on} ${referralAgencyLabels[x.agency as ReferralAgency]}${x.outcome ? `：${x.outcome}` : '（待结果）'}`).join('\n'),
    d?.by ?? '',
  ];
}

export async function exportAidLedger(ctx: AppContext, auth: AuthContext, q: AssistanceLedgerQuery, ip: string | null) {
  const query = filterOf(q);
  const f = await aidFilter(ctx, auth, query);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...query, masked: true }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await aidChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const refs = await referralsOf(auth.scope, ctx.db, rows.map((r) => r.id));
      yield rows.map((r) => ledgerValues(r, refs.filter((x) => x.case_id === r.id), ++seq));
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${ASSISTANCE_LEDGER_TITLE}　导出日期：${day}`;
  const marks = exportMarks(auth, { clear: false, purpose: null }, ctx.clock.now());
  return { name: `${unit.name}${ASSISTANCE_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, ASSISTANCE_LEDGER_TITLE, unit.id, { sheetName: ASSISTANCE_LEDGER_TITLE, title, headers: [ASSISTANCE_LEDGER_HEADERS], widths: WIDTHS, ...marks }, chunks()) };
}
