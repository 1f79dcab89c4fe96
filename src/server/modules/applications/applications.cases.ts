// The application 办件 as a case of the kernel (Part 2 二, §38, §44):
//
//   (received, materials complete) → review 审核中: each level the item names gives its opinion in
//     order, waiting on the applicant's village / township / county (the step's unit on the path);
//     the step's deadline is the item's days and dayKind (none when the item leaves them empty)
//   (received, materials missing) → returned 退回补正 ─resubmit→ review (at the step that returned it)
//   review ─returnToApplicant (a level names what is missing)→ returned
//   review ─opinion (not the last step)→ review (next step's unit)
//          ─opinionToNotice (last step, 公示 required)→ notice 公示中 (start and end on the calendar)
//          ─opinionToDecision (last step, no 公示)→ deciding 待决定
//   notice ─objection / resolveObjection→ notice
//   notice | deciding ─approve / reject (services:review; refused while the notice runs or an
//     objection is open; approve refused while the applicant's collection record 信息采集 awaits
//     its review)→ approved 已批准 | rejected 不予批准
//
// Each action's effect keeps the 'app-*' roll-ups (status by item, steps on time, closed and closed
// with at most one run) in the same transaction; the kernel writes the mirror columns.
import { z } from '../../../shared/zod-setup';
import {
  APPLICATION_CASE_TYPE,
  applicationStatusLabels,
  materialCheck,
  opinionInput,
  resubmitInput,
  returnInput,
  stepOpinion,
  type ApplicationStatus,
  type MaterialCheck,
} from '../../../shared/schemas/applications';
import { serviceItemSnapshot } from '../../../shared/schemas/service-items';
import { objectionInput, objectionResolveInput, publicNotice, maskNameForNotice, type ObjectionInput, type ObjectionResolveInput } from '../../../shared/schemas/public-notice';
import { defineCaseType, type ActionEnv, type CaseActionDef, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import { dayOf, recordObjection, requireNoticeSettled, resolveObjection, startNotice } from '../../cases/public-notice';
import type { AuthContext } from '../../platform/auth';
import { AppError, badRequest } from '../../platform/errors';
import { unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { countClosed, countStep, recipientStatusUnscoped, runsOf, shiftStatus } from './applications.repo';

export { APPLICATION_CASE_TYPE };

export const applicationPayload = z.object({
  recipientId: z.string(),
  recipientName: z.string(),
  item: serviceItemSnapshot,
  materials: z.array(materialCheck),
  /** the unit of each step (the applicant's village / township / county), by step index */
  stepUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  stepIndex: z.number().int(),
  opinions: z.array(stepOpinion),
  missingTold: z.array(z.string()),
  notice: publicNotice.nullable(),
  decision: z.object({ approved: z.boolean(), reason: z.string(), day: z.string(), by: z.string() }).nullable(),
  note: z.string(),
});
export type ApplicationPayload = z.infer<typeof applicationPayload>;

const st = (s: ApplicationStatus, open: boolean, waitsOn: CaseStateDef['waitsOn']): CaseStateDef => ({ label: applicationStatusLabels[s], open, waitsOn });
const states: Record<ApplicationStatus, CaseStateDef> = {
  returned: st('returned', true, 'owner'),
  review: st('review', true, 'counterpart'),
  notice: st('notice', true, 'counterpart'),
  deciding: st('deciding', true, 'counterpart'),
  approved: st('approved', false, 'none'),
  rejected: st('rejected', false, 'none'),
};

type Env = ActionEnv<ApplicationPayload>;

/** The required materials not received, by name. */
export function missingMaterials(m: readonly MaterialCheck[]): string[] {
  return m.filter((x) => x.required && !x.received).map((x) => x.name);
}

/** The checklist from the item's materials and the worker's ticks (by index). */
export function checklistOf(item: z.infer<typeof serviceItemSnapshot>, received: readonly boolean[]): MaterialCheck[] {
  if (received.length > item.materials.length) throw badRequest('材料清单与事项不符，请刷新后重试', [{ path: 'received', message: '材料数目不符' }]);
  return item.materials.map((m, i) => ({ name: m.name, required: m.required, received: received[i] === true }));
}

/** Only the waiting unit's own staff give its opinion (a township does not speak for its village). */
const atWaitingUnit = (c: CaseRow, auth: AuthContext) => c.waiting_unit_id === auth.unit.id;
const lastStep = (p: ApplicationPayload) => p.stepIndex >= p.item.steps.length - 1;

async function moveStatus(env: Env, to: ApplicationStatus): Promise<void> {
  await shiftStatus(env.trx, env.caseRow.org_path, env.payload.item, env.caseRow.status, to);
}

/** The opinion of the current step, with whether it came by the step's due day; counts the step on time or late. */
async function giveOpinion(env: Env): Promise<ApplicationPayload> {
  const p = env.payload;
  const step = p.item.steps[p.stepIndex];
  const { agree } = env.input as z.infer<typeof opinionInput>;
  const day = dayOf(env.at);
  const due = env.caseRow.due_day;
  const onTime = due ? day <= due : null;
  if (onTime !== null) await countStep(env.trx, env.caseRow.org_path, step.level, onTime);
  const opinion = { stepIndex: p.stepIndex, level: step.level, label: step.label, unitName: env.auth.unit.name, by: env.auth.displayName, day, agree, text: env.comment, dueDay: due, onTime };
  return { ...p, opinions: [...p.opinions, opinion] };
}

async function routeToStep(env: Env, index: number): Promise<void> {
  const u = env.payload.stepUnits[index];
  env.route.counterpart = await unitForWriteUnscoped(env.trx, env.ctx.dialect, u.id);
}

async function decide(env: Env, approved: boolean): Promise<ApplicationPayload> {
  requireNoticeSettled(env.payload.notice, env.at);
  // SPEC §2: an applicant the registry did not know has a collection record; approval waits for its review
  if (approved && (await recipientStatusUnscoped(env.trx, env.payload.recipientId)) !== 'registered')
    throw new AppError(409, 'NOT_REGISTERED', '申请人的信息采集尚未通过信息采集审核入库，暂不能批准：请先完成信息采集并经县级审核入库');
  const day = dayOf(env.at);
  await moveStatus(env, approved ? 'approved' : 'rejected');
  const runs = await runsOf(env.trx, env.caseRow.id);
  await countClosed(env.trx, env.caseRow.org_path, day.slice(0, 7), runs <= 1, 1);
  return { ...env.payload, decision: { approved, reason: env.comment, day, by: env.auth.displayName } };
}

const opinionBase = {
  label: '出具意见',
  from: ['review'],
  permission: 'services:write',
  requireComment: true,
  input: opinionInput,
} as const;

const actions: Record<string, CaseActionDef<ApplicationPayload>> = {
  opinion: {
    ...opinionBase,
    to: 'review',
    mayAct: (c, auth, p) => atWaitingUnit(c, auth) && !lastStep(p),
    effect: async (env) => {
      const next = await giveOpinion(env);
      await routeToStep(env, env.payload.stepIndex + 1);
      return { ...next, stepIndex: env.payload.stepIndex + 1 };
    },
  },
  opinionToNotice: {
    ...opinionBase,
    to: 'notice',
    mayAct: (c, auth, p) => atWaitingUnit(c, auth) && lastStep(p) && p.item.noticeRequired,
    effect: async (env) => {
      const next = await giveOpinion(env);
      const p = env.payload;
      const unit = p.stepUnits[p.stepIndex]?.name ?? env.auth.unit.name;
      const notice = await startNotice(env.ctx, env.trx, { at: env.at, days: p.item.noticeDays, text: '' });
      notice.text = `${maskNameForNotice(p.recipientName)}申请“${p.item.name}”，经审核拟予办理，现予公示。公示期自 ${notice.startDay} 起至 ${notice.endDay} 止，如有异议，请向${unit}反映。`;
      await moveStatus(env, 'notice');
      return { ...next, notice };
    },
  },
  opinionToDecision: {
    ...opinionBase,
    to: 'deciding',
    mayAct: (c, auth, p) => atWaitingUnit(c, auth) && lastStep(p) && !p.item.noticeRequired,
    effect: async (env) => {
      const next = await giveOpinion(env);
      await moveStatus(env, 'deciding');
      return next;
    },
  },
  returnToApplicant: {
    label: '退回补正',
    from: ['review'],
    to: 'returned',
    permission: 'services:write',
    input: returnInput,
    mayAct: atWaitingUnit,
    effect: async (env) => {
      const { missing } = env.input as z.infer<typeof returnInput>;
      await moveStatus(env, 'returned');
      const names = new Set(missing);
      return { ...env.payload, missingTold: missing, materials: env.payload.materials.map((m) => (names.has(m.name) ? { ...m, received: false } : m)) };
    },
  },
  resubmit: {
    label: '补正材料',
    from: ['returned'],
    to: 'review',
    permission: 'services:write',
    input: resubmitInput,
    effect: async (env) => {
      const { received } = env.input as z.infer<typeof resubmitInput>;
      const materials = checklistOf(env.payload.item, received);
      const missing = missingMaterials(materials);
      if (missing.length) throw badRequest(`材料仍不齐全：${missing.join('、')}`, [{ path: 'received', message: '材料不齐全' }]);
      await routeToStep(env, env.payload.stepIndex);
      await moveStatus(env, 'review');
      return { ...env.payload, materials, missingTold: [] };
    },
  },
  objection: {
    label: '登记异议',
    from: ['notice'],
    to: 'notice',
    permission: 'services:write',
    actor: 'owner',
    input: objectionInput,
    effect: async (env) => ({ ...env.payload, notice: recordObjection(env.payload.notice!, env.input as ObjectionInput, env.auth.displayName, env.at) }),
  },
  resolveObjection: {
    label: '处理异议',
    from: ['notice'],
    to: 'notice',
    permission: 'services:review',
    input: objectionResolveInput,
    mayAct: atWaitingUnit,
    effect: async (env) => ({ ...env.payload, notice: resolveObjection(env.payload.notice!, env.input as ObjectionResolveInput, env.auth.displayName, env.at) }),
  },
  approve: {
    label: '批准',
    from: ['notice', 'deciding'],
    to: 'approved',
    permission: 'services:review',
    mayAct: atWaitingUnit,
    effect: (env) => decide(env, true),
  },
  reject: {
    label: '不予批准',
    from: ['notice', 'deciding'],
    to: 'rejected',
    permission: 'services:review',
    requireComment: true,
    mayAct: atWaitingUnit,
    effect: (env) => decide(env, false),
  },
};

export const applicationCaseType = defineCaseType<ApplicationPayload>({
  type: APPLICATION_CASE_TYPE,
  label: '政策服务办件',
  domain: 'services',
  payload: applicationPayload,
  states,
  actions,
  // a step's time limit from the item (null days: no deadline); the notice runs its days
  deadline: (status, p) => {
    if (status === 'review') {
      const s = p.item.steps[p.stepIndex];
      return s && s.days !== null ? { days: s.days, kind: s.dayKind } : null;
    }
    if (status === 'notice' && p.notice) return { days: p.notice.days, kind: p.notice.dayKind };
    return null;
  },
  mirror: {
    table: 'applications',
    columns: ({ status, payload: p, owner, dueDay, closedAt, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      step_label: status === 'review' || status === 'returned' ? (p.item.steps[p.stepIndex]?.label ?? '') : '',
      due_day: dueDay,
      closed_on: closedAt ? dayOf(closedAt) : null,
      version,
      updated_at: updatedAt,
    }),
  },
  view: (p) => ({ ...p }),
  link: (c) => `/applications/${c.id}`,
});
