// 办件台账 (.xlsx): the list's filter, in unit order, streamed through the product's writer; each
// export is audited. 序号, 办件编号 (网上申请 marked), 申请人, 所属单位, 事项, 受理日期, 状态, 当前环节, 环节时限, 跑动次数,
// 上门/代办, 办结日期.
import { applicationStatusLabels, type ApplicationLedgerQuery, type ApplicationStatus } from '../../../shared/schemas/applications';
import { shanghaiDay } from '../../../shared/rules/dates';
import { transaction } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { unitInScope } from '../../platform/scope-units.repo';
import { ledgerXlsx } from '../../platform/ledger-export';
import { applicationChunk } from './applications.repo';
import { applicationFilter } from './applications.service';

const TITLE = '政策服务办件台账';
const HEADERS = ['序号', '办件编号', '申请人', '所属单位', '服务事项', '受理日期', '状态', '当前环节', '环节时限', '跑动次数', '上门/代办次数', '办结日期'] as const;
const WIDTHS = [6, 22, 12, 20, 28, 12, 10, 22, 12, 10, 14, 12];
const CHUNK = 1000;

export async function exportApplicationLedger(ctx: AppContext, auth: AuthContext, q: ApplicationLedgerQuery, ip: string | null) {
  const f = await applicationFilter(ctx, auth, q);
  const unit = q.orgUnitId ? await unitInScope(auth.scope, ctx.db, q.orgUnitId) : auth.unit;
  if (!unit) throw notFound('单位');
  const today = shanghaiDay(ctx.clock.now());
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, (trx) =>
    appendAudit(trx, { at, userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: 'application.export', targetType: 'application', targetId: null, result: 'success', ip, detail: JSON.stringify({ unit: unit.name, ...q }) }),
  );
  async function* values(): AsyncGenerator<(string | number)[][]> {
    let after: { path: string; id: string } | null = null;
    let seq = 0;
    for (;;) {
      const rows = await applicationChunk(auth.scope, ctx.db, f, after, CHUNK);
      if (!rows.length) return;
      yield rows.map((r) => [
        ++seq,
        r.source === 'online' ? `${r.registration_no ?? ''}（网上申请）` : (r.registration_no ?? ''),
        r.recipient_name,
        r.org_unit_name,
        r.item_name,
        r.opened_on,
        applicationStatusLabels[r.status as ApplicationStatus] ?? r.status,
        r.step_label,
        r.due_day ?? '',
        r.runs,
        r.home_services,
        r.closed_on ?? '',
      ]);
      const last = rows[rows.length - 1];
      after = { path: last.org_path, id: last.id };
      if (rows.length < CHUNK) return;
    }
  }
  const stream = ledgerXlsx(ctx.db, TITLE, unit.id, { sheetName: TITLE, title: `${unit.name}${TITLE}　导出日期：${today}`, headers: [HEADERS], widths: WIDTHS }, values());
  return { name: `${unit.name}${TITLE}-${today}.xlsx`, stream };
}
