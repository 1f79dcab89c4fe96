// Two ledgers, streamed in unit order in chunks with the one .xlsx writer, audited; ID numbers masked:
// 退役军人党员台账 (序号, 姓名, 公民身份号码, 所属单位, 党员类别, 入党日期, 所在党支部 — the list's filter,
// e.g. 未编入支部 for §16) and 组织关系转接台账 (序号, 党员, 公民身份号码, 办理单位, 转出党组织, 转入党组织,
// 介绍信编号, 开具日期, 时限（天）, 应办结日期, 报到日期, 接收日期, 状态, 是否按时).
import {
  PARTY_MEMBER_LEDGER_TITLE,
  PARTY_TRANSFER_LEDGER_TITLE,
  partyMemberKindLabels,
  partyTransferStatusLabels,
  type PartyMemberLedgerQuery,
  type PartyTransferLedgerQuery,
  type PartyTransferStatus,
} from '../../../shared/schemas/party';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { ledgerXlsx } from '../../platform/ledger-export';
import { today } from '../../platform/clock';
import { memberChunk, transferChunk, type MemberRow, type TransferRow } from './party.repo';
import { auditPartyExport, memberFilter, toMemberDto, transferFilter } from './party.service';
import { requireUnit } from '../../platform/scope-units.repo';

const CHUNK = 1000;
export const PARTY_MEMBER_LEDGER_HEADERS = ['序号', '姓名', '公民身份号码', '所属单位', '党员类别', '入党日期', '所在党支部'];
export const PARTY_TRANSFER_LEDGER_HEADERS = ['序号', '党员', '公民身份号码', '办理单位', '转出党组织', '转入党组织', '介绍信编号', '开具日期', '时限（天）', '应办结日期', '报到日期', '接收日期', '状态', '是否按时'];

async function* chunked<R extends { id: string; path: string }, Row>(read: (after: { path: string; id: string } | null) => Promise<Row[]>, key: (r: Row) => R, values: (r: Row, seq: number) => (string | number)[]): AsyncGenerator<(string | number)[][]> {
  let after: { path: string; id: string } | null = null;
  let seq = 0;
  for (;;) {
    const rows = await read(after);
    if (!rows.length) return;
    yield rows.map((r) => values(r, ++seq));
    const k = key(rows[rows.length - 1]);
    after = { path: k.path, id: k.id };
    if (rows.length < CHUNK) return;
  }
}

export function memberValues(r: MemberRow, seq: number): (string | number)[] {
  const m = toMemberDto(r);
  return [seq, m.name, m.idMasked, m.orgUnitName, partyMemberKindLabels[m.kind], m.joinedOn ?? '', m.branchName ?? '未编入支部'];
}

export function transferValues(r: TransferRow, seq: number, todayDay: string): (string | number)[] {
  const open = r.status === 'issued' || r.status === 'reported';
  const status = partyTransferStatusLabels[r.status as PartyTransferStatus] ?? r.status;
  const onTime = r.status === 'done' && r.done_on && r.due_day ? (r.done_on <= r.due_day ? '按时' : '超期') : '';
  return [
    seq,
    r.recipient_name,
    r.recipient_id_masked,
    r.org_unit_name,
    r.from_name,
    r.to_name,
    r.letter_no,
    r.letter_issued_on,
    Number(r.limit_days),
    r.due_day ?? '',
    r.reported_on ?? '',
    r.done_on ?? '',
    open && r.due_day && r.due_day < todayDay ? `${status}（已超期）` : status,
    onTime,
  ];
}

export async function exportMemberLedger(ctx: AppContext, auth: AuthContext, q: PartyMemberLedgerQuery, ip: string | null) {
  const f = await memberFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditPartyExport(ctx, auth, 'party-member.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${PARTY_MEMBER_LEDGER_TITLE}${q.withoutBranch === 'true' ? '（未编入支部）' : ''}　导出日期：${day}`;
  const rows = chunked(
    (after) => memberChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.recipient_id }),
    memberValues,
  );
  return { name: `${unit.name}${PARTY_MEMBER_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, PARTY_MEMBER_LEDGER_TITLE, unit.id, { sheetName: PARTY_MEMBER_LEDGER_TITLE, title, headers: [PARTY_MEMBER_LEDGER_HEADERS], widths: [6, 10, 20, 16, 10, 12, 24] }, rows) };
}

export async function exportTransferLedger(ctx: AppContext, auth: AuthContext, q: PartyTransferLedgerQuery, ip: string | null) {
  const f = await transferFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await requireUnit(ctx, auth, q.orgUnitId) : auth.unit;
  const day = today(ctx);
  await auditPartyExport(ctx, auth, 'party-transfer.export', ip, JSON.stringify({ unit: unit.name, ...q }));
  const title = `${unit.name}${PARTY_TRANSFER_LEDGER_TITLE}　导出日期：${day}`;
  const rows = chunked(
    (after) => transferChunk(auth.scope, ctx.db, f, after, CHUNK),
    (r) => ({ path: r.org_path, id: r.id }),
    (r, seq) => transferValues(r, seq, day),
  );
  return {
    name: `${unit.name}${PARTY_TRANSFER_LEDGER_TITLE}-${day}.xlsx`,
    stream: ledgerXlsx(ctx.db, PARTY_TRANSFER_LEDGER_TITLE, unit.id, { sheetName: PARTY_TRANSFER_LEDGER_TITLE, title, headers: [PARTY_TRANSFER_LEDGER_HEADERS], widths: [6, 10, 20, 16, 24, 24, 14, 12, 8, 12, 12, 12, 18, 8] }, rows),
  };
}
