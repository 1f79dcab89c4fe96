// The registry's case types: collection review, edit review (identity, category, disability
// changes after approval) and transfer between jurisdictions.
import { unitForWriteUnscoped, unitOfRecordForWriteUnscoped } from '../../platform/stored-unit.repo';
import { z } from '../../../shared/zod-setup';
import { defineCaseType } from '../../cases/case-type';
import { AppError } from '../../platform/errors';
import { findByIdHashUnscoped, getRecipientUnscoped, moveRecipientUnscoped, insertVersionUnscoped, syncNameTokensUnscoped, unitPathByIdUnscoped, updateRecipientUnscoped } from './recipients.repo';
import { newId } from '../../platform/ids';
import { publish } from '../../platform/events';
import { recipientMovedIn, recipientsRegistered } from './recipients.events';

const link = (c: { subject_id: string | null; id: string }) => (c.subject_id ? `/recipients/${c.subject_id}` : `/cases/${c.id}`);

export const collectionReview = defineCaseType({
  type: 'collection-review',
  label: '信息采集审核',
  domain: 'registry',
  payload: z.object({ recipientId: z.string(), name: z.string() }),
  states: {
    pending: { label: '待县级审核', open: true, waitsOn: 'counterpart' },
    returned: { label: '已退回修改', open: true, waitsOn: 'owner' },
    approved: { label: '已审核入库', open: false, waitsOn: 'none' },
  },
  actions: {
    approve: {
      label: '审核通过',
      from: ['pending'],
      to: 'approved',
      permission: 'registry:review',
      effect: async ({ trx, ctx, payload, at, caseRow, auth }) => {
        const n = await updateRecipientUnscoped(trx, payload.recipientId, { status: 'registered', registered_at: at, updated_at: at });
        if (n !== 1) throw new AppError(409, 'GONE', '该服务对象记录已不存在');
        const r = await getRecipientUnscoped(trx, payload.recipientId);
        await insertVersionUnscoped(trx, { id: newId(), recipient_id: payload.recipientId, version: r!.version, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'approved', changes: '[]', case_id: caseRow.id });
        // subscribers (visits: a newly returned veteran's 退役返乡 visit and the person's coming calendar visits)
        await publish(trx, ctx, recipientsRegistered, { recipients: [r!], at, actorUserId: auth.userId, via: 'review' });
      },
    },
    return: {
      label: '退回',
      from: ['pending'],
      to: 'returned',
      permission: 'registry:review',
      requireComment: true,
      effect: async ({ trx, payload, at }) => {
        await updateRecipientUnscoped(trx, payload.recipientId, { status: 'returned', updated_at: at });
      },
    },
    resubmit: {
      label: '重新提交',
      from: ['returned'],
      to: 'pending',
      permission: 'registry:write',
      effect: async ({ trx, payload, at }) => {
        await updateRecipientUnscoped(trx, payload.recipientId, { status: 'pending', updated_at: at });
      },
    },
  },
  deadline: (s) => (s === 'pending' ? { days: 10, kind: 'working' } : s === 'returned' ? { days: 10, kind: 'working' } : null),
  link,
});

/** A proposed change: the new values of reviewed fields (sensitive ones encrypted), and labels of what changes. */
export const editReviewPayload = z.object({
  recipientId: z.string(),
  name: z.string(),
  /** column → new value, as stored (encrypted where the column is) */
  patch: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
  baseVersion: z.number().int(),
});

export const editReview = defineCaseType({
  type: 'edit-review',
  label: '信息变更审核',
  domain: 'registry',
  payload: editReviewPayload,
  states: {
    pending: { label: '待县级审核', open: true, waitsOn: 'counterpart' },
    approved: { label: '已同意变更', open: false, waitsOn: 'none' },
    rejected: { label: '未同意变更', open: false, waitsOn: 'none' },
  },
  actions: {
    approve: {
      label: '同意变更',
      from: ['pending'],
      to: 'approved',
      permission: 'registry:review',
      effect: async ({ trx, ctx, payload, at, caseRow, auth }) => {
        // a new ID number someone registered while the change waited: refuse, do not break the unique index
        const hash = payload.patch.id_number_hash;
        if (typeof hash === 'string') {
          const other = await findByIdHashUnscoped(trx, hash);
          if (other && other.id !== payload.recipientId) throw new AppError(409, 'DUPLICATE_ID', '变更后的公民身份号码已被其他记录登记，不能同意此变更');
        }
        // under the tree lock: the path the tokens were written for is the stored one, not one a unit move is rewriting
        await unitOfRecordForWriteUnscoped(trx, ctx.dialect, 'recipients', payload.recipientId);
        const before = await getRecipientUnscoped(trx, payload.recipientId);
        const n = await updateRecipientUnscoped(trx, payload.recipientId, { ...(payload.patch as Record<string, never>), updated_at: at });
        if (n !== 1) throw new AppError(409, 'GONE', '该服务对象记录已不存在');
        const r = await getRecipientUnscoped(trx, payload.recipientId);
        await insertVersionUnscoped(trx, { id: newId(), recipient_id: payload.recipientId, version: r!.version, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'reviewed-edit', changes: JSON.stringify(payload.changes), case_id: caseRow.id });
        await syncNameTokensUnscoped(trx, payload.recipientId, before!, r!);
      },
    },
    reject: { label: '不同意变更', from: ['pending'], to: 'rejected', permission: 'registry:review', requireComment: true },
  },
  deadline: (s) => (s === 'pending' ? { days: 10, kind: 'working' } : null),
  // the stored patch holds ciphertext and lookup hashes: clients see the masked changes only
  view: ({ patch: _patch, ...rest }) => rest,
  link,
});

export const transferPayload = z.object({
  recipientId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  direction: z.enum(['out', 'in']),
  fromUnitId: z.string(),
  toUnitId: z.string(),
  reason: z.string(),
});

/**
 * A transfer: owner = the unit that started it, counterpart = the other side. 'out' (迁出) is
 * started by the holding unit and waits on the receiver; 'in' (迁入申请) is started by the
 * receiving unit and waits on the holder. On acceptance the record moves to the receiving unit.
 */
export const transfer = defineCaseType({
  type: 'transfer',
  label: '迁入迁出',
  domain: 'registry',
  payload: transferPayload,
  states: {
    waiting: { label: '待对方接收/同意', open: true, waitsOn: 'counterpart' },
    accepted: { label: '已迁移', open: false, waitsOn: 'none' },
    declined: { label: '对方未同意', open: false, waitsOn: 'none' },
    withdrawn: { label: '已撤回', open: false, waitsOn: 'none' },
  },
  actions: {
    accept: {
      label: '同意迁移',
      from: ['waiting'],
      to: 'accepted',
      permission: 'registry:write',
      effect: async ({ trx, ctx, payload, at, caseRow, auth }) => {
        const r = await getRecipientUnscoped(trx, payload.recipientId);
        if (!r || r.org_unit_id !== payload.fromUnitId) throw new AppError(409, 'MOVED', '该服务对象已不在迁出单位，迁移无法完成');
        const to = await unitForWriteUnscoped(trx, ctx.dialect, payload.toUnitId).catch(() => undefined);
        if (!to) throw new AppError(409, 'GONE', '接收单位已不存在');
        const from = await unitPathByIdUnscoped(trx, payload.fromUnitId);
        await moveRecipientUnscoped(trx, payload.recipientId, to, at);
        // subscribers (visits follow the person; open owed visits pass to the receiving side's owners)
        await publish(trx, ctx, recipientMovedIn, { recipientId: payload.recipientId, unit: to, at, actorUserId: auth.userId });
        await insertVersionUnscoped(trx, {
          id: newId(),
          recipient_id: payload.recipientId,
          version: r.version + 1,
          at,
          actor_user_id: auth.userId,
          actor_name: auth.displayName,
          kind: 'transfer',
          changes: JSON.stringify([{ field: 'orgUnit', label: '所属单位', from: from?.name ?? '', to: to.name }]),
          case_id: caseRow.id,
        });
      },
    },
    decline: { label: '不同意', from: ['waiting'], to: 'declined', permission: 'registry:write', requireComment: true },
    withdraw: { label: '撤回', from: ['waiting'], to: 'withdrawn', permission: 'registry:write', actor: 'owner' },
  },
  deadline: (s) => (s === 'waiting' ? { days: 15, kind: 'natural' } : null),
  link: (c) => `/cases/${c.id}`,
});
