// Organisation transfer 组织关系转接 as a case of the kernel (seed §16, Part 3 四(六) 一站式服务):
//
//   issued 已开具介绍信（待报到） ─report (报到: the day the member reported to the new branch)→ reported
//   reported 已报到（待接收） ─complete (接收: the day the new branch took the member in)→ done
//   issued | reported ─cancel (撤销: the reason)→ cancelled
//
// Both open states wait on the owner unit, so the case stands in its work queue; the due day is the
// letter's day plus the county's time limit in natural days (the limit in force when the transfer was
// opened, kept in the payload), counted by the kernel's calendar. On done, the member's branch
// becomes the receiving branch (none when the member went to a party organisation outside the tree).
import { z } from '../../../shared/zod-setup';
import { partyTransferCancel, partyTransferComplete, partyTransferReport, partyTransferStatusLabels, type PartyTransferStatus } from '../../../shared/schemas/party';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { dueDayWith } from '../../cases/deadlines';
import { badRequest, conflict } from '../../platform/errors';
import { writeMembership } from './party.repo';

export const PARTY_TRANSFER_CASE_TYPE = 'party-transfer';

export const partyTransferPayload = z.object({
  recipientId: z.string(),
  fromBranchId: z.string().nullable(),
  toBranchId: z.string().nullable(),
  letterIssuedOn: z.string(),
  limitDays: z.number().int(),
  reportedOn: z.string().nullable().default(null),
  doneOn: z.string().nullable().default(null),
});
export type PartyTransferPayload = z.infer<typeof partyTransferPayload>;

export const reportInput = partyTransferReport.omit({ version: true });
export const completeInput = partyTransferComplete.omit({ version: true });
export const cancelInput = partyTransferCancel.omit({ version: true });

const states: Record<PartyTransferStatus, CaseStateDef> = {
  issued: { label: partyTransferStatusLabels.issued, open: true, waitsOn: 'owner' },
  reported: { label: partyTransferStatusLabels.reported, open: true, waitsOn: 'owner' },
  done: { label: partyTransferStatusLabels.done, open: false, waitsOn: 'none' },
  cancelled: { label: partyTransferStatusLabels.cancelled, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<PartyTransferPayload>;

/** A day of the transfer: not after today, not before `from` (the letter's day or the report's). */
function checkDay(env: Env, day: string, from: string, fromLabel: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < from) throw badRequest(`${label}不能早于${fromLabel}（${from}）`, [{ path: field, message: `不能早于${fromLabel}` }]);
}

export const partyTransferCaseType = defineCaseType<PartyTransferPayload>({
  type: PARTY_TRANSFER_CASE_TYPE,
  label: '组织关系转接',
  messages: { notFound: '组织关系转接', closed: '该组织关系转接已办结，不能再修改', stale: '该组织关系转接已被他人修改，请刷新后再操作（您的操作未保存）' },
  domain: 'party',
  payload: partyTransferPayload,
  states,
  actions: {
    report: {
      label: '报到',
      from: ['issued'],
      to: 'reported',
      permission: 'party:write',
      input: reportInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof reportInput>;
        checkDay(env, i.reportedOn, env.payload.letterIssuedOn, '介绍信开具日期', 'reportedOn', '报到日期');
        return { ...env.payload, reportedOn: i.reportedOn };
      },
    },
    complete: {
      label: '接收',
      from: ['reported'],
      to: 'done',
      permission: 'party:write',
      input: completeInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof completeInput>;
        checkDay(env, i.doneOn, env.payload.reportedOn ?? env.payload.letterIssuedOn, '报到日期', 'doneOn', '接收日期');
        // the member's branch follows the transfer, in the action's transaction
        const moved = await writeMembership(env.auth.scope, env.trx, env.payload.recipientId, -1, { branch_id: env.payload.toBranchId, updated_by: env.auth.userId, updated_at: env.at });
        if (!moved) throw conflict('该党员不在您的管辖范围内，不能完成接收');
        return { ...env.payload, doneOn: i.doneOn };
      },
    },
    cancel: {
      label: '撤销',
      from: ['issued', 'reported'],
      to: 'cancelled',
      permission: 'party:write',
      requireComment: true,
      input: cancelInput,
    },
  },
  // due: the letter's day plus the limit (natural days); kept once the case closes, for the on-time figure
  dueDay: ({ status, payload, table }) => (states[status as PartyTransferStatus]?.open ? dueDayWith(table, payload.letterIssuedOn, { days: payload.limitDays, kind: 'natural' }) : null),
  mirror: {
    table: 'party_transfers',
    columns: ({ status, open, payload: p, owner, updatedAt, version, dueDay }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      ...(open ? { due_day: dueDay } : {}),
      reported_on: p.reportedOn,
      done_on: p.doneOn,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/party/transfers/${c.id}`,
});
