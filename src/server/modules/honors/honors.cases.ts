// The three workflows of honors as cases of the kernel (seed Part 3 四(四), §18, §40):
//
// Star-rating campaign 评星级活动 (owned by the unit that runs it, normally the county):
//   open 推荐评审中 ─publish (公布: the day; no nomination left unreviewed)→ published
//   open ─cancel (撤销: the reason)→ cancelled
// Nomination 评星级推荐 (owned by the nominating station, reviewed by the campaign's unit):
//   nominated 待评审 ─approve→ approved | ─reject (comment required)→ rejected
// Merit notice 喜报 (owned by the unit where the family lives; due MERIT_NOTICE_DAYS natural days
// after registration, counted by the kernel's calendar, so it stands in the unit's work queue):
//   pending 待送达 ─deliver (date, who, photo)→ delivered | ─cancel (reason)→ cancelled
import { z } from '../../../shared/zod-setup';
import { MERIT_NOTICE_DAYS, meritNoticeStatusLabels, starCampaignStatusLabels, starNominationStatusLabels, type MeritNoticeStatus, type StarCampaignStatus, type StarNominationStatus } from '../../../shared/schemas/honors';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseStateDef } from '../../cases/case-type';
import { badRequest, conflict } from '../../platform/errors';
import { campaignStatusUnscoped, pendingNominationCount } from './honors.repo';

export const STAR_CAMPAIGN_CASE_TYPE = 'star-rating-campaign';
export const STAR_NOMINATION_CASE_TYPE = 'star-rating-nomination';
export const MERIT_NOTICE_CASE_TYPE = 'merit-notice';

function checkDay(at: string, day: string, from: string, fromLabel: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
  if (day < from) throw badRequest(`${label}不能早于${fromLabel}（${from}）`, [{ path: field, message: `不能早于${fromLabel}` }]);
}

// ---- campaign ----

export const campaignPayload = z.object({ periodFrom: z.string(), publishedOn: z.string().nullable().default(null) });
export type CampaignPayload = z.infer<typeof campaignPayload>;
const campaignStates: Record<StarCampaignStatus, CaseStateDef> = {
  open: { label: starCampaignStatusLabels.open, open: true, waitsOn: 'none' },
  published: { label: starCampaignStatusLabels.published, open: false, waitsOn: 'none' },
  cancelled: { label: starCampaignStatusLabels.cancelled, open: false, waitsOn: 'none' },
};

export const starCampaignCaseType = defineCaseType<CampaignPayload>({
  type: STAR_CAMPAIGN_CASE_TYPE,
  label: '评星级活动',
  domain: 'honors',
  payload: campaignPayload,
  states: campaignStates,
  actions: {
    publish: {
      label: '公布结果',
      from: ['open'],
      to: 'published',
      permission: 'honors:write',
      actor: 'owner',
      input: z.object({ publishedOn: z.string() }),
      effect: async (env: ActionEnv<CampaignPayload>) => {
        const { publishedOn } = env.input as { publishedOn: string };
        checkDay(env.at, publishedOn, env.payload.periodFrom, '推荐开始日期', 'publishedOn', '公布日期');
        const pending = await pendingNominationCount(env.trx, env.caseRow.id);
        if (pending > 0) throw conflict(`尚有 ${pending} 个推荐人选未评审，请评审后再公布`);
        return { ...env.payload, publishedOn };
      },
    },
    cancel: { label: '撤销活动', from: ['open'], to: 'cancelled', permission: 'honors:write', actor: 'owner', requireComment: true },
  },
  mirror: {
    table: 'star_rating_campaigns',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({ org_unit_id: owner.id, org_path: owner.path, status, published_on: p.publishedOn, version, updated_at: updatedAt }),
  },
  link: (c) => `/honors/campaigns/${c.id}`,
});

// ---- nomination ----

export const nominationPayload = z.object({ campaignId: z.string(), recipientId: z.string(), level: z.number().int(), reviewComment: z.string().default('') });
export type NominationPayload = z.infer<typeof nominationPayload>;
const nominationStates: Record<StarNominationStatus, CaseStateDef> = {
  nominated: { label: starNominationStatusLabels.nominated, open: true, waitsOn: 'counterpart' },
  approved: { label: starNominationStatusLabels.approved, open: false, waitsOn: 'none' },
  rejected: { label: starNominationStatusLabels.rejected, open: false, waitsOn: 'none' },
};

async function reviewEffect(env: ActionEnv<NominationPayload>): Promise<NominationPayload> {
  const status = await campaignStatusUnscoped(env.trx, env.payload.campaignId);
  if (status !== 'open') throw conflict('该评星级活动已公布或撤销，不能再评审');
  return { ...env.payload, reviewComment: env.comment };
}

export const starNominationCaseType = defineCaseType<NominationPayload>({
  type: STAR_NOMINATION_CASE_TYPE,
  label: '评星级推荐',
  domain: 'honors',
  payload: nominationPayload,
  states: nominationStates,
  actions: {
    approve: { label: '评审通过', from: ['nominated'], to: 'approved', permission: 'honors:write', effect: reviewEffect },
    reject: { label: '评审不通过', from: ['nominated'], to: 'rejected', permission: 'honors:write', requireComment: true, effect: reviewEffect },
  },
  mirror: {
    table: 'star_rating_nominations',
    columns: ({ status, payload: p, owner, updatedAt, version }) => ({ org_unit_id: owner.id, org_path: owner.path, status, review_comment: p.reviewComment, version, updated_at: updatedAt }),
  },
  link: (c) => `/honors/campaigns/${c.subject_id}`,
});

// ---- merit notice ----

export const meritPayload = z.object({
  recipientId: z.string(),
  registeredOn: z.string(),
  deliveredOn: z.string().nullable().default(null),
  deliveredBy: z.string().nullable().default(null),
  photoFileId: z.string().nullable().default(null),
});
export type MeritPayload = z.infer<typeof meritPayload>;
const meritStates: Record<MeritNoticeStatus, CaseStateDef> = {
  pending: { label: meritNoticeStatusLabels.pending, open: true, waitsOn: 'owner' },
  delivered: { label: meritNoticeStatusLabels.delivered, open: false, waitsOn: 'none' },
  cancelled: { label: meritNoticeStatusLabels.cancelled, open: false, waitsOn: 'none' },
};
export const deliverData = z.object({ deliveredOn: z.string(), deliveredBy: z.string().min(1), note: z.string().default(''), photoFileId: z.string().nullable().default(null) });

export const meritNoticeCaseType = defineCaseType<MeritPayload>({
  type: MERIT_NOTICE_CASE_TYPE,
  label: '送喜报',
  domain: 'honors',
  payload: meritPayload,
  states: meritStates,
  actions: {
    deliver: {
      label: '登记送达',
      from: ['pending'],
      to: 'delivered',
      permission: 'honors:write',
      input: deliverData,
      effect: async (env: ActionEnv<MeritPayload>) => {
        const d = env.input as z.infer<typeof deliverData>;
        checkDay(env.at, d.deliveredOn, env.payload.registeredOn, '登记日期', 'deliveredOn', '送达日期');
        return { ...env.payload, deliveredOn: d.deliveredOn, deliveredBy: d.deliveredBy, photoFileId: d.photoFileId };
      },
    },
    cancel: { label: '撤销', from: ['pending'], to: 'cancelled', permission: 'honors:write', requireComment: true },
  },
  deadline: (status) => (status === 'pending' ? { days: MERIT_NOTICE_DAYS, kind: 'natural' } : null),
  mirror: {
    table: 'merit_notices',
    columns: ({ status, open, payload: p, owner, updatedAt, version, dueDay }) => ({
      org_unit_id: owner.id,
      org_path: owner.path,
      status,
      ...(open ? { due_day: dueDay } : {}),
      delivered_on: p.deliveredOn,
      delivered_by: p.deliveredBy,
      version,
      updated_at: updatedAt,
    }),
  },
  link: (c) => `/honors/merit-notices/${c.id}`,
});
