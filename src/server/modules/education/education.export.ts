// Two ledgers, streamed in unit order in chunks with the one .xlsx writer, audited; ID numbers masked:
// 优秀退役军人典型台账 (序号, 姓名, 公民身份号码, 推荐单位, 推荐类别, 典型类别, 事迹标题, 表彰级别,
// 状态, 审核单位, 入库层级, 入库日期, 庆典与地方志 — the list's filter, e.g. only those named for the
// gazetteer) and 学习教育活动台账 (序号, 活动日期, 活动主题, 活动类型, 场所类别, 活动地点, 组织单位,
// 邀请人数, 参加人数, 参加人员, 备注).
import { auditAction } from '../../platform/audit.repo';
import {
  ACTIVITY_LEDGER_TITLE,
  EXEMPLAR_LEDGER_TITLE,
  activityKindLabels,
  activityPlaceKindLabels,
  exemplarCategoryLabels,
  exemplarKindLabels,
  exemplarStatusLabels,
  gazetteerGroundLabels,
  honorLevelLabels,
  type ActivityLedgerQuery,
  type ExemplarLedgerQuery,
} from '../../../shared/schemas/education';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { transaction } from '../../db/transaction';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { activityChunk, attendedNamesOf, exemplarChunk, type ActivityRow, type ExemplarRow } from './education.repo';
import { activityFilter, exemplarFilter, toActivityDto, toExemplarDto } from './education.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const EXEMPLAR_LEDGER_HEADERS = ['序号', '姓名', '公民身份号码', '推荐单位', '推荐类别', '典型类别', '事迹标题', '表彰级别', '状态', '审核单位', '入库层级', '入库日期', '庆典与地方志'];
export const ACTIVITY_LEDGER_HEADERS = ['序号', '活动日期', '活动主题', '活动类型', '场所类别', '活动地点', '组织单位', '邀请人数', '参加人数', '参加人员', '备注'];

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

export function exemplarValues(r: ExemplarRow, seq: number): (string | number)[] {
  const e = toExemplarDto(r);
  return [
    seq,
    e.recipientName,
    e.recipientIdMasked,
    e.orgUnitName,
    exemplarKindLabels[e.kind],
    exemplarCategoryLabels[e.category],
    e.title,
    honorLevelLabels[e.honorLevel],
    exemplarStatusLabels[e.status],
    e.reviewingUnitName ?? '',
    e.acceptedLevel ? `${e.acceptedUnitName ?? ''}（${orgLevelLabels[e.acceptedLevel as keyof typeof orgLevelLabels] ?? e.acceptedLevel}）` : '',
    e.acceptedOn ?? '',
    e.gazetteer.map((g) => gazetteerGroundLabels[g]).join('、'),
  ];
}

export function activityValues(r: ActivityRow, seq: number, names: string[]): (string | number)[] {
  const a = toActivityDto(r);
  return [seq, a.heldOn, a.topic, activityKindLabels[a.kind], activityPlaceKindLabels[a.placeKind], a.place, a.orgUnitName, a.invited, a.attended, names.join('、'), a.note];
}

export async function exportExemplarLedger(ctx: AppContext, auth: AuthContext, q: ExemplarLedgerQuery, ip: string | null) {
  const f = await exemplarFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'exemplar.export', 'exemplar', null, ip, JSON.stringify({ unit: unit.name, ...q })));
  const title = `${unit.name}${EXEMPLAR_LEDGER_TITLE}${q.gazetteer === 'true' ? '（重大庆典与地方志）' : ''}　导出日期：${day}`;
  const rows = chunked(
    (after) => exemplarChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.id }),
    async (list, seq) => list.map((r, i) => exemplarValues(r, seq + i + 1)),
  );
  return {
    name: `${unit.name}${EXEMPLAR_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, EXEMPLAR_LEDGER_TITLE, unit.id, { sheetName: EXEMPLAR_LEDGER_TITLE, title, headers: [EXEMPLAR_LEDGER_HEADERS], widths: [6, 10, 20, 16, 18, 14, 24, 12, 12, 16, 18, 12, 28] }, rows),
  };
}

export async function exportActivityLedger(ctx: AppContext, auth: AuthContext, q: ActivityLedgerQuery, ip: string | null) {
  const f = await activityFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await transaction(ctx.db, (trx) => auditAction(trx, ctx, auth, 'activity.export', 'activity', null, ip, JSON.stringify({ unit: unit.name, ...q })));
  const title = `${unit.name}${ACTIVITY_LEDGER_TITLE}　导出日期：${day}`;
  const rows = chunked(
    (after) => activityChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.id }),
    async (list, seq) => {
      const names = await attendedNamesOf(ctx.db, list.map((r) => r.id));
      return list.map((r, i) => activityValues(r, seq + i + 1, names.get(r.id) ?? []));
    },
  );
  return {
    name: `${unit.name}${ACTIVITY_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, ACTIVITY_LEDGER_TITLE, unit.id, { sheetName: ACTIVITY_LEDGER_TITLE, title, headers: [ACTIVITY_LEDGER_HEADERS], widths: [6, 12, 28, 12, 16, 20, 16, 8, 8, 40, 20] }, rows),
  };
}
