// 舆情信息报送台账 (LEDGERS.md): 序号, 发现时间, 来源/平台, 舆情摘要, 涉及人员, 等级, 报送人, 报送时间,
// 各级签收时间, 处置情况, 备注; the list's filter, oldest first, streamed, audited.
import { OPINION_LEDGER_TITLE, opinionDecisionLabels, opinionLevelLabels, type OpinionDto, type OpinionLedgerQuery } from '../../../shared/schemas/opinion-reports';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { ledgerXlsx } from '../../platform/ledger-export';
import { unitInScope } from '../disputes';
import { reportChunk } from './opinion-reports.repo';
import { auditExport, reportFilter, searchReportsOf } from './opinion-reports.service';

const CHUNK = 500;
export const OPINION_LEDGER_HEADERS = ['序号', '发现时间', '来源/平台', '舆情摘要', '涉及人员', '等级', '报送人', '报送时间', '各级签收时间', '处置情况', '备注'];
const WIDTHS = [6, 17, 14, 40, 14, 8, 16, 17, 36, 36, 20];

const timeFormatter = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** '2026-06-15 10:20' in China time. */
export function chinaTime(iso: string): string {
  const p = Object.fromEntries(timeFormatter.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}小时${m}分钟` : `${h}小时`;
}

export function ledgerValues(r: OpinionDto, seq: number): (string | number)[] {
  // the levels the report reached (or that signed): a level it never reached had nothing to sign
  const signed = r.chain
    .filter((l) => l.reached || l.acknowledgedAt)
    .map((l) => `${l.orgUnitName}：${l.acknowledgedAt ? `${chinaTime(l.acknowledgedAt)}（${l.seq === 0 ? '报送单位' : `用时${durationText(l.ackMinutes ?? 0)}`}）` : '未签收'}`)
    .join('\n');
  const handling = r.chain
    .filter((l) => l.decision)
    .map((l) => `${l.orgUnitName}${opinionDecisionLabels[l.decision!]}${l.measures ? `：${l.measures}` : ''}`)
    .join('\n');
  const acting = r.chain.find((l) => l.acting);
  return [
    seq,
    chinaTime(r.foundAt),
    r.source,
    r.summary,
    r.people,
    opinionLevelLabels[r.level],
    `${r.reportedByName}（${r.orgUnitName}）`,
    chinaTime(r.reportedAt),
    signed,
    handling || (acting ? `待${acting.orgUnitName}处置` : ''),
    [r.link, r.note].filter(Boolean).join('；'),
  ];
}

export async function exportOpinionLedger(ctx: AppContext, auth: AuthContext, q: OpinionLedgerQuery, ip: string | null) {
  const f = await reportFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const day = shanghaiDay(ctx.clock.now());
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<(string | number)[][]> {
    let after: { at: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await reportChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      const dtos = await searchReportsOf(ctx, auth, rows);
      yield dtos.map((r) => ledgerValues(r, ++seq));
      const last = rows[rows.length - 1];
      after = { at: last.reported_at, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const title = `${unit.name}${OPINION_LEDGER_TITLE}　导出日期：${day}`;
  return { name: `${unit.name}${OPINION_LEDGER_TITLE}-${day}.xlsx`, stream: ledgerXlsx(ctx.db, OPINION_LEDGER_TITLE, unit.id, { sheetName: OPINION_LEDGER_TITLE, title, headers: [OPINION_LEDGER_HEADERS], widths: WIDTHS }, chunks()) };
}
