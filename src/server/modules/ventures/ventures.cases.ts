// A zero-employment household 零就业家庭 (§23) as a case of the kernel:
//
//   helping 帮扶中 ─measure (帮扶措施: kind, day, what was done)→ helping (a progress entry)
//   helping ─reassign (包联人员: another worker of the unit or above)→ helping
//   helping ─reemploy (上岗再就业: who, where, the day)→ reemployed (closed)
//   helping ─revoke (撤销: the reason, e.g. wrongly found)→ revoked (closed)
//
// Opened when the worker confirms a candidate found in the registry's data (ventures.service.ts);
// waits on the owner unit (the household's unit), so it stands in that unit's work queue. No
// deadline: the seed gives none ("及时纳入再就业重点帮扶范围").
import { z } from '../../../shared/zod-setup';
import { shanghaiDay } from '../../../shared/rules/dates';
import {
  ZERO_EMPLOYMENT_CASE_TYPE,
  zeroEmploymentMeasure,
  zeroEmploymentMeasureLabels,
  zeroEmploymentReassign,
  zeroEmploymentReemploy,
  zeroEmploymentRevoke,
  zeroEmploymentStatusLabels,
  type ZeroEmploymentStatus,
} from '../../../shared/schemas/ventures';
import { SAME_STATE, defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { badRequest } from '../../platform/errors';
import { setEmploymentStatusIn, setFamilyMemberEmploymentStatusIn } from '../recipients';
import { assigneesOf, householdOf } from './ventures.repo';

export const zeroEmploymentPayload = z.object({
  recipientId: z.string(),
  householdId: z.string().nullable(),
  workerUserId: z.string(),
  confirmedOn: z.string(),
  measureCount: z.number().int().default(0),
  closedOn: z.string().nullable().default(null),
  reemployedName: z.string().default(''),
  employerName: z.string().default(''),
});
export type ZeroEmploymentPayload = z.infer<typeof zeroEmploymentPayload>;

export const measureInput = zeroEmploymentMeasure.omit({ version: true });
export const reassignInput = zeroEmploymentReassign.omit({ version: true });
export const reemployInput = zeroEmploymentReemploy.omit({ version: true });
export const revokeInput = zeroEmploymentRevoke.omit({ version: true });

const states: Record<ZeroEmploymentStatus, CaseStateDef> = {
  helping: { label: zeroEmploymentStatusLabels.helping, open: true, waitsOn: 'owner' },
  reemployed: { label: zeroEmploymentStatusLabels.reemployed, open: false, waitsOn: 'none' },
  revoked: { label: zeroEmploymentStatusLabels.revoked, open: false, waitsOn: 'none' },
};

type Env = ActionEnv<ZeroEmploymentPayload>;

/** A day of the household's help: not after today, not before it was confirmed. */
function checkDay(env: Env, day: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < env.payload.confirmedOn) throw badRequest(`${label}不能早于确认为零就业家庭的日期（${env.payload.confirmedOn}）`, [{ path: field, message: '不能早于确认日期' }]);
}

export const zeroEmploymentCaseType = defineCaseType<ZeroEmploymentPayload>({
  type: ZERO_EMPLOYMENT_CASE_TYPE,
  label: '零就业家庭帮扶',
  messages: { notFound: '零就业家庭', closed: '该零就业家庭已销号，不能再登记', stale: '该零就业家庭的帮扶记录已被他人修改，请刷新后再操作（您的操作未保存）' },
  domain: 'employment',
  payload: zeroEmploymentPayload,
  states,
  actions: {
    measure: {
      label: '登记帮扶措施',
      from: ['helping'],
      to: SAME_STATE,
      permission: 'employment:write',
      input: measureInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof measureInput>;
        checkDay(env, i.takenOn, 'takenOn', `${zeroEmploymentMeasureLabels[i.kind]}日期`);
        return { ...env.payload, measureCount: env.payload.measureCount + 1 };
      },
    },
    reassign: {
      label: '更换包联人员',
      from: ['helping'],
      to: SAME_STATE,
      permission: 'employment:write',
      input: reassignInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof reassignInput>;
        const [u] = await assigneesOf(env.auth.scope, env.trx, env.caseRow.org_path, i.workerUserId);
        if (!u) throw badRequest('包联人员须是该家庭所在单位或其上级单位的在岗工作人员', [{ path: 'workerUserId', message: '不可选的工作人员' }]);
        return { ...env.payload, workerUserId: i.workerUserId };
      },
    },
    reemploy: {
      label: '上岗再就业',
      from: ['helping'],
      to: 'reemployed',
      permission: 'employment:write',
      input: reemployInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof reemployInput>;
        checkDay(env, i.reemployedOn, 'reemployedOn', '上岗日期');
        // the registry learns it too: the member who took up work is 在岗就业 from now on (a registered person of
        // the household, or a family member listed on one of their records)
        const why = `零就业家庭上岗再就业 ${i.reemployedOn}`;
        const people = await householdOf(env.auth.scope, env.trx, env.payload.recipientId);
        const registered = people.find((p) => p.name === i.memberName);
        const holder = registered ? undefined : people.find((p) => (JSON.parse(p.family_members) as { name: string }[]).some((m) => m.name === i.memberName));
        if (registered) await setEmploymentStatusIn(env.ctx, env.auth, env.trx, registered.id, 'employed', why);
        else if (holder) await setFamilyMemberEmploymentStatusIn(env.ctx, env.auth, env.trx, holder.id, i.memberName, 'employed', why);
        else throw badRequest('上岗人员须是该家庭的成员', [{ path: 'memberName', message: '不是该家庭的成员' }]);
        return { ...env.payload, closedOn: i.reemployedOn, reemployedName: i.memberName, employerName: i.employerName };
      },
    },
    revoke: {
      label: '撤销',
      from: ['helping'],
      to: 'revoked',
      permission: 'employment:write',
      requireComment: true,
      input: revokeInput,
      effect: async (env) => ({ ...env.payload, closedOn: shanghaiDay(new Date(env.at)) }),
    },
  },
  mirror: {
    table: 'zero_employment_households',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      worker_user_id: p.workerUserId,
      closed_on: p.closedOn,
      reemployed_name: p.reemployedName,
      employer_name: p.employerName,
      measure_count: p.measureCount,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/ventures/zero-employment/${c.id}`,
});
