// An entry of the feedback box 意见簿/监督卡 (seed Part 1 三(七)) as a case of the kernel: it waits
// on the unit it was written to until a reply, within the reply deadline of the setting in force
// when it came in.
//
//   submitted 待答复 (due: replyDays after the day it came in) ─reply (答复; may publish at once)→ replied 已答复 (closed)
//   replied ─publish (公开答复: shown on the unit's public page)→ replied
//           ─unpublish (撤回公开)→ replied
//
// The feedback_entries row keeps what the writer sent; its status, due day, reply and published
// flag are the type's mirror, written only by the kernel.
import { z } from '../../../shared/zod-setup';
import { shanghaiDay } from '../../../shared/rules/dates';
import {
  FEEDBACK_CASE_TYPE,
  FEEDBACK_SETTING_KEY,
  defaultFeedbackSettings,
  feedbackSettings,
  feedbackStatusLabels,
  type FeedbackSettings,
  type FeedbackStatus,
} from '../../../shared/schemas/feedback';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { defineCaseType, type CaseStateDef } from '../../cases/case-type';
import { conflict } from '../../platform/errors';
import { readSettingUnscoped } from '../../platform/settings.repo';

export const feedbackPayload = z.object({
  /** the reply deadline of the setting in force when the entry came in */
  replyDays: z.number().int().min(1),
  replyDayKind: z.enum(['natural', 'working']),
  reply: z.string().nullable().default(null),
  repliedOn: z.string().nullable().default(null),
  repliedByName: z.string().nullable().default(null),
  published: z.boolean().default(false),
  publishedAt: z.string().nullable().default(null),
});
export type FeedbackPayload = z.infer<typeof feedbackPayload>;

/** The reply deadline (setting `feedback`); pass the transaction inside one. */
export async function feedbackSettingsOf(db: Db | Tx): Promise<FeedbackSettings> {
  const parsed = feedbackSettings.safeParse(await readSettingUnscoped(db as Db, FEEDBACK_SETTING_KEY));
  return parsed.success ? parsed.data : defaultFeedbackSettings;
}

const states: Record<FeedbackStatus, CaseStateDef> = {
  submitted: { label: feedbackStatusLabels.submitted, open: true, waitsOn: 'owner' },
  replied: { label: feedbackStatusLabels.replied, open: false, waitsOn: 'none' },
};

export const replyInput = z.object({
  reply: z.string({ message: '请填写答复内容' }).trim().min(1, '请填写答复内容').max(1000, '答复内容最多 1000 个字'),
  publish: z.boolean().default(false),
});

export const feedbackCaseType = defineCaseType<FeedbackPayload>({
  type: FEEDBACK_CASE_TYPE,
  label: '意见簿',
  domain: 'feedback',
  payload: feedbackPayload,
  states,
  actions: {
    reply: {
      label: '答复',
      from: ['submitted'],
      to: 'replied',
      permission: 'feedback:write',
      input: replyInput,
      effect: async (env) => {
        const i = env.input as z.infer<typeof replyInput>;
        return {
          ...env.payload,
          reply: i.reply,
          repliedOn: shanghaiDay(new Date(env.at)),
          repliedByName: env.auth.displayName,
          published: i.publish,
          publishedAt: i.publish ? env.at : null,
        };
      },
    },
    publish: {
      label: '公开答复',
      from: ['replied'],
      to: 'replied',
      permission: 'feedback:write',
      actor: 'owner',
      effect: async (env) => {
        if (env.payload.published) throw conflict('该答复已公开');
        return { ...env.payload, published: true, publishedAt: env.at };
      },
    },
    unpublish: {
      label: '撤回公开',
      from: ['replied'],
      to: 'replied',
      permission: 'feedback:write',
      actor: 'owner',
      effect: async (env) => {
        if (!env.payload.published) throw conflict('该答复未公开');
        return { ...env.payload, published: false, publishedAt: null };
      },
    },
  },
  deadline: (status, p) => (status === 'submitted' ? { days: p.replyDays, kind: p.replyDayKind } : null),
  mirror: {
    table: 'feedback_entries',
    columns: ({ status, payload: p, owner, dueDay, updatedAt, version }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      due_day: dueDay,
      reply: p.reply,
      replied_on: p.repliedOn,
      replied_by_name: p.repliedByName,
      published: p.published ? 1 : 0,
      published_at: p.publishedAt,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/feedback/${c.id}`,
});
