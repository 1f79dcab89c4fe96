// Two ledgers, streamed in unit order in chunks with the one .xlsx writer, audited; ID numbers masked:
// 退役军人创业项目台账 (序号, 项目名称, 创办人, 所属单位, 所属行业, 经营地点, 发展阶段, 创办日期,
// 带动就业人数, 吸纳退役军人人数, 退役军人创办, 关联用人单位, 扶持次数, 扶持金额（元）, 扶持明细) and
// 零就业家庭台账 (序号, 户主（本人）, 公民身份号码, 所属单位, 家庭住址, 确认日期, 包联人员,
// 帮扶措施（次）, 状态, 销号日期, 上岗人员, 就业单位).
import { industryLabels, type IndustryCode } from '../../../shared/rules/job-matching';
import {
  VENTURE_LEDGER_TITLE,
  ZERO_EMPLOYMENT_LEDGER_TITLE,
  ventureStageLabels,
  ventureSupportKindLabels,
  zeroEmploymentStatusLabels,
  type VentureLedgerQuery,
  type VentureStage,
  type VentureSupportKind,
  type ZeroEmploymentLedgerQuery,
  type ZeroEmploymentStatus,
} from '../../../shared/schemas/ventures';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { supportsOf, ventureChunk, zeroChunk, type VentureRow, type ZeroRow } from './ventures.repo';
import { auditVenturesExport, foundersByVenture, ventureFilter, zeroFilter } from './ventures.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 500;
export const VENTURE_LEDGER_HEADERS = ['序号', '项目名称', '创办人', '所属单位', '所属行业', '经营地点', '发展阶段', '创办日期', '带动就业人数', '吸纳退役军人人数', '退役军人创办', '关联用人单位', '扶持次数', '扶持金额（元）', '扶持明细'];
export const ZERO_EMPLOYMENT_LEDGER_HEADERS = ['序号', '户主（本人）', '公民身份号码', '所属单位', '家庭住址', '确认日期', '包联人员', '帮扶措施（次）', '状态', '销号日期', '上岗人员', '就业单位'];

async function* chunked<Row>(read: (after: { path: string; id: string } | null) => Promise<Row[]>, key: (r: Row) => { path: string; id: string }, values: (rows: Row[], seq: number) => Promise<(string | number)[][]>): AsyncGenerator<(string | number)[][]> {
  let after: { path: string; id: string } | null = null;
  let seq = 0;
  for (;;) {
    const rows = await read(after);
    if (!rows.length) return;
    yield await values(rows, seq);
    seq += rows.length;
    after = key(rows[rows.length - 1]);
    if (rows.length < CHUNK) return;
  }
}

export async function exportVentureLedger(ctx: AppContext, auth: AuthContext, q: VentureLedgerQuery, ip: string | null) {
  const f = await ventureFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditVenturesExport(ctx, auth, 'venture.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${VENTURE_LEDGER_TITLE}　导出日期：${day}`;
  const rows = chunked<VentureRow>(
    (after) => ventureChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.id }),
    async (chunk, seq) => {
      const ids = chunk.map((r) => r.id);
      const founders = await foundersByVenture(ctx, ids);
      const supports = await supportsOf(ctx.db, ids);
      return chunk.map((r, i) => {
        const mine = supports.filter((s) => s.venture_id === r.id);
        const vf = r.employer_id ? r.employer_veteran_founded === 1 : r.veteran_founded === 1;
        return [
          seq + i + 1,
          r.name,
          (founders.get(r.id) ?? []).map((f) => f.name).join('、'),
          r.org_unit_name,
          industryLabels[r.sector as IndustryCode] ?? r.sector,
          r.place,
          ventureStageLabels[r.stage as VentureStage] ?? r.stage,
          r.started_on ?? '',
          r.jobs_created,
          r.veterans_employed,
          vf ? '是' : '否',
          r.employer_name ?? '',
          mine.length,
          Number(r.support_fen) / 100,
          mine.map((s) => `${s.given_on} ${ventureSupportKindLabels[s.kind as VentureSupportKind] ?? s.kind} ${Number(s.amount_fen) / 100}元（${s.giver}）`).join('；'),
        ];
      });
    },
  );
  return {
    name: `${unit.name}${VENTURE_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, VENTURE_LEDGER_TITLE, unit.id, { sheetName: VENTURE_LEDGER_TITLE, title, headers: [VENTURE_LEDGER_HEADERS], widths: [6, 24, 16, 16, 14, 20, 8, 12, 8, 8, 8, 20, 8, 12, 40] }, rows),
  };
}

export async function exportZeroLedger(ctx: AppContext, auth: AuthContext, q: ZeroEmploymentLedgerQuery, ip: string | null) {
  const f = await zeroFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditVenturesExport(ctx, auth, 'zero-employment.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${ZERO_EMPLOYMENT_LEDGER_TITLE}　导出日期：${day}`;
  const rows = chunked<ZeroRow>(
    (after) => zeroChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.id }),
    async (chunk, seq) =>
      chunk.map((r, i) => [
        seq + i + 1,
        r.head_name,
        r.head_id_masked,
        r.org_unit_name,
        r.current_address || r.household_address,
        r.confirmed_on,
        r.worker_name,
        Number(r.measure_count),
        zeroEmploymentStatusLabels[r.status as ZeroEmploymentStatus] ?? r.status,
        r.closed_on ?? '',
        r.reemployed_name,
        r.employer_name,
      ]),
  );
  return {
    name: `${unit.name}${ZERO_EMPLOYMENT_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, ZERO_EMPLOYMENT_LEDGER_TITLE, unit.id, { sheetName: ZERO_EMPLOYMENT_LEDGER_TITLE, title, headers: [ZERO_EMPLOYMENT_LEDGER_HEADERS], widths: [6, 12, 20, 16, 28, 12, 10, 10, 12, 12, 10, 20] }, rows),
  };
}
