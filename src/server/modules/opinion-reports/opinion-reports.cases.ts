// The opinion report 舆情 as a case of the kernel: it waits on one level of its chain at a time
// (the counterpart), from the reporting unit up to the county.
//
//   report → signed 待处置或上报 (the reporting level, signed by the reporter)
//   awaitingSign 待签收 (within `ackHours` hours) ─sign→ signed
//   awaitingSign | signed ─handle (自行处置, with measures)→ handled 已处置 (closed)
//                        ─passUp (上报)→ awaitingSign at the next level up (a new deadline)
//
// Only the waiting level's own staff act (a county user does not sign for its township). The log
// is the signing record: the ledger's "各级签收时间" is read from the sign entries (and a decision
// taken before signing signs the level too).
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { z } from '../../../shared/zod-setup';
import { DEFAULT_ACK_HOURS, OPINION_CASE_TYPE, OPINION_SETTING_KEY, opinionSetting, opinionStatusLabels } from '../../../shared/schemas/opinion-reports';
import { defineCaseType, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import { readSettingUnscoped } from '../../platform/settings.repo';

export const opinionPayload = z.object({
  /** the units from the reporting unit up to the county, fixed when reported */
  chain: z.array(z.string()).min(1),
  /** the index in `chain` of the level the report is at */
  acting: z.number().int().min(0),
  /** the hours the current level has to sign (the setting when the report reached it) */
  ackHours: z.number().int().min(1),
});
export type OpinionPayload = z.infer<typeof opinionPayload>;

export type OpinionCaseStatus = 'awaitingSign' | 'signed' | 'handled';

/** The hours a level has to sign (setting `opinionReports.ackHours`); pass the transaction inside one. */
export async function ackHoursSetting(db: Db): Promise<number> {
  const parsed = opinionSetting.safeParse(await readSettingUnscoped(db, OPINION_SETTING_KEY));
  return parsed.success ? parsed.data.ackHours : DEFAULT_ACK_HOURS;
}

const states: Record<OpinionCaseStatus, CaseStateDef> = {
  awaitingSign: { label: '待签收', open: true, waitsOn: 'counterpart' },
  signed: { label: '待处置或上报', open: true, waitsOn: 'counterpart' },
  handled: { label: opinionStatusLabels.handled, open: false, waitsOn: 'none' },
};

/** The staff of the level the report waits on, and no one else (not the levels above it). */
function ownLevel(c: CaseRow, auth: AuthContext): boolean {
  return c.waiting_unit_id !== null && auth.unit.id === c.waiting_unit_id;
}

const measures = z.string().trim().max(1000, '处置措施最多 1000 个字').default('');

const actions: Record<string, CaseActionDef<OpinionPayload>> = {
  sign: { label: '签收', from: ['awaitingSign'], to: 'signed', permission: 'opinionReports:write', mayAct: ownLevel },
  handle: {
    label: '自行处置',
    from: ['awaitingSign', 'signed'],
    to: 'handled',
    permission: 'opinionReports:write',
    mayAct: ownLevel,
    input: z.object({ measures: measures.refine((s) => s.length > 0, '自行处置须填写处置措施') }),
  },
  passUp: {
    label: '上报',
    from: ['awaitingSign', 'signed'],
    to: 'awaitingSign',
    permission: 'opinionReports:write',
    mayAct: ownLevel,
    input: z.object({ measures }),
    async effect({ trx, ctx, payload, route }) {
      const next = payload.acting + 1;
      if (next >= payload.chain.length) throw badRequest('已是报送链的最高一级，不能再上报，请自行处置', [{ path: 'decision', message: '最高一级只能自行处置' }]);
      // the next level as it is now, under the tree lock (the case waits on it: its path is stored)
      const unit = await unitForWriteUnscoped(trx, ctx.dialect, payload.chain[next]).catch(() => undefined);
      if (!unit) throw badRequest('上一级单位已不存在，请自行处置');
      route.counterpart = unit;
      return { ...payload, acting: next, ackHours: await ackHoursSetting(trx) };
    },
  },
};

export const opinionCaseType = defineCaseType<OpinionPayload>({
  type: OPINION_CASE_TYPE,
  label: '舆情信息',
  domain: 'opinionReports',
  payload: opinionPayload,
  states,
  actions,
  deadline: (status, p) => (status === 'awaitingSign' ? { hours: p.ackHours } : null),
  // the report's list-friendly copies of its state; the kernel is their only writer
  mirror: {
    table: 'opinion_reports',
    columns: (s) => ({
      status: s.open ? 'open' : 'handled',
      acting_seq: s.payload.acting,
      waiting_unit_id: s.waiting?.id ?? null,
      version: s.version,
      updated_at: s.updatedAt,
    }),
  },
  link: (c) => `/opinion-reports/${c.id}`,
});
