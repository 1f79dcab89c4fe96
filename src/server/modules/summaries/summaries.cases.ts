// The semi-annual summary 半年工作总结 as a case of the kernel (seed §45; DHIS2's data approval):
//
//   draft 起草中 ─submit (the owner's own staff; figures counted and frozen)→ submitted 已提交待审核
//   submitted ─return (the parent unit; comment required)→ returned 已退回修改 ─submit→ submitted
//   submitted ─accept (the parent unit; only when every child of the owner is accepted)→ accepted (locked)
//   accepted ─reopen (the parent unit, while its own summary is not accepted; comment required)→ returned
//
// The owner is the unit, the counterpart its parent (the one level up that reviews). The text is
// edited outside the kernel while the summary is with its owner (summaries.service.ts).
import { z } from '../../../shared/zod-setup';
import { summaryStatusLabels, type SummaryStatus } from '../../../shared/schemas/summaries';
import { periodDays } from '../../../shared/rules/periods';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import type { CaseRow } from '../../cases/cases.repo';
import type { AuthContext } from '../../platform/auth';
import { conflict } from '../../platform/errors';
import { publish } from '../../platform/events';
import { dialectOf, unitForWriteUnscoped } from '../../platform/stored-unit.repo';
import { childrenStandingUnscoped, ownSummaryStatusUnscoped, parentIdUnscoped, writeFrozenFigures } from './summaries.repo';
import { countFiguresOf } from './summaries.sheet';
import { summaryReviewed, type SummaryStep } from './summaries.events';

export const SUMMARY_CASE_TYPE = 'semi-annual-summary';

export const summaryPayload = z.object({
  halfYear: z.string(),
  submittedAt: z.string().nullable().default(null),
  acceptedAt: z.string().nullable().default(null),
  reviewComment: z.string().default(''),
});
export type SummaryPayload = z.infer<typeof summaryPayload>;

const states: Record<SummaryStatus, CaseStateDef> = {
  draft: { label: summaryStatusLabels.draft, open: true, waitsOn: 'owner' },
  submitted: { label: summaryStatusLabels.submitted, open: true, waitsOn: 'counterpart' },
  returned: { label: summaryStatusLabels.returned, open: true, waitsOn: 'owner' },
  accepted: { label: summaryStatusLabels.accepted, open: false, waitsOn: 'none' },
};

/** Only the unit's own staff submit its summary (an upper unit reads it, never writes it). */
export const isOwnerStaff = (c: Pick<CaseRow, 'org_unit_id'>, auth: AuthContext) => auth.unit.id === c.org_unit_id;
/** Only the parent unit (the one level up) returns, accepts or reopens. */
export const isParentStaff = (c: Pick<CaseRow, 'counterpart_unit_id'>, auth: AuthContext) => c.counterpart_unit_id !== null && auth.unit.id === c.counterpart_unit_id;

async function announce(env: ActionEnv<SummaryPayload>, step: SummaryStep): Promise<void> {
  const c = env.caseRow;
  await publish(env.trx, env.ctx, summaryReviewed, {
    summaryId: c.id,
    step,
    halfYear: env.payload.halfYear,
    orgUnit: { id: c.org_unit_id, path: c.org_path },
    reviewer: env.route.counterpart ? { id: env.route.counterpart.id, path: env.route.counterpart.path } : c.counterpart_unit_id && c.counterpart_path ? { id: c.counterpart_unit_id, path: c.counterpart_path } : null,
    comment: env.comment,
    at: env.at,
    actorUserId: env.auth.userId,
    actorName: env.auth.displayName,
  });
}

async function submitEffect(env: ActionEnv<SummaryPayload>): Promise<SummaryPayload> {
  const parentId = await parentIdUnscoped(env.trx, env.caseRow.org_unit_id);
  if (!parentId) throw conflict('本单位没有上级单位，工作总结无需提交审核');
  // reviewed by the unit's parent as it is now (a unit moved since its draft goes to its new parent)
  if (parentId !== env.caseRow.counterpart_unit_id) env.route.counterpart = await unitForWriteUnscoped(env.trx, dialectOf(env.trx), parentId);
  const days = periodDays(env.payload.halfYear)!;
  const figures = await countFiguresOf(env.trx, { path: env.caseRow.org_path, from: days.from, to: days.to });
  await writeFrozenFigures(env.trx, env.caseRow.id, JSON.stringify(figures), env.at);
  await announce(env, 'submitted');
  return { ...env.payload, submittedAt: env.at, acceptedAt: null };
}

async function acceptEffect(env: ActionEnv<SummaryPayload>): Promise<SummaryPayload> {
  const children = await childrenStandingUnscoped(env.trx, env.caseRow.org_unit_id, env.payload.halfYear);
  const missing = children.filter((c) => c.status !== 'accepted');
  if (missing.length) {
    const names = missing.map((c) => `${c.name}（${c.status ? summaryStatusLabels[c.status as SummaryStatus] : '未起草'}）`);
    throw conflict(`下级单位的工作总结尚未全部审核通过，不能通过本总结：${names.slice(0, 20).join('、')}${names.length > 20 ? ` 等 ${names.length} 个单位` : ''}`);
  }
  await announce(env, 'accepted');
  return { ...env.payload, acceptedAt: env.at, reviewComment: env.comment };
}

async function reopenEffect(env: ActionEnv<SummaryPayload>): Promise<SummaryPayload> {
  const own = await ownSummaryStatusUnscoped(env.trx, env.caseRow.counterpart_unit_id!, env.payload.halfYear);
  if (own === 'accepted') throw conflict('本单位的同期工作总结已经上级审核通过，不能重新打开下级单位的总结');
  await announce(env, 'reopened');
  return { ...env.payload, acceptedAt: null, reviewComment: env.comment };
}

export const summaryCaseType = defineCaseType<SummaryPayload>({
  type: SUMMARY_CASE_TYPE,
  label: '半年工作总结',
  domain: 'summaries',
  payload: summaryPayload,
  states,
  actions: {
    submit: { label: '提交上级审核', from: ['draft', 'returned'], to: 'submitted', permission: 'summaries:write', mayAct: isOwnerStaff, effect: submitEffect },
    return: {
      label: '退回修改',
      from: ['submitted'],
      to: 'returned',
      permission: 'summaries:review',
      requireComment: true,
      mayAct: isParentStaff,
      effect: async (env: ActionEnv<SummaryPayload>) => {
        await announce(env, 'returned');
        return { ...env.payload, reviewComment: env.comment };
      },
    },
    accept: { label: '审核通过', from: ['submitted'], to: 'accepted', permission: 'summaries:review', mayAct: isParentStaff, effect: acceptEffect },
    reopen: { label: '重新打开', from: ['accepted'], to: 'returned', permission: 'summaries:review', requireComment: true, actor: 'owner', mayAct: isParentStaff, effect: reopenEffect },
  },
  mirror: {
    table: 'semi_annual_summaries',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({
      org_path: owner.path,
      status,
      submitted_at: p.submittedAt,
      accepted_at: p.acceptedAt,
      review_comment: p.reviewComment,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/summaries/${c.id}`,
});
