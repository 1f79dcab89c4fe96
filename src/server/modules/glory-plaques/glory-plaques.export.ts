// The 光荣牌悬挂台账 export: the list's filter, in unit order, streamed; each export is audited.
import { plaqueStatusLabels, type PlaqueLedgerQuery } from '../../../shared/schemas/glory-plaques';
import { shanghaiDay } from '../../../shared/rules/dates';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { LEDGER_TITLE, ledgerStream, type LedgerRow } from './glory-plaques.ledger';
import { plaqueChunk, unitInScope } from './glory-plaques.repo';
import { auditExport, plaqueFilter, toPlaqueDto } from './glory-plaques.service';

const CHUNK = 1000;

export async function exportLedger(ctx: AppContext, auth: AuthContext, q: PlaqueLedgerQuery, ip: string | null) {
  const f = await plaqueFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const today = shanghaiDay(ctx.clock.now());
  const statusPart = f.status ? `（${plaqueStatusLabels[f.status as keyof typeof plaqueStatusLabels]}）` : '';
  const title = `${unit.name}${LEDGER_TITLE}${statusPart}　导出日期：${today}`;
  await auditExport(ctx, auth, ip, JSON.stringify({ unit: unit.name, ...q }));
  async function* chunks(): AsyncGenerator<LedgerRow[]> {
    let after: { path: string; id: string } | null = null;
    for (;;) {
      const rows = await plaqueChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map(toPlaqueDto);
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  return { name: `${unit.name}${LEDGER_TITLE}-${today}.xlsx`, stream: ledgerStream(ctx.db, unit.id, title, chunks()) };
}
