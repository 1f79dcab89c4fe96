// The veteran's side of employment 就业创业 (issue 15: "Veterans see the openings that match their
// profile in their public account on a phone, and can say they are interested"). The account must be
// linked to a registered living veteran (ID number hash AND the mobile on record, as assistance and
// 我的 decide). The person sees the open openings of their own line — owned at, above or below their
// unit, or shared with a unit of that line — ranked for their profile by shared/rules/job-matching.ts
// with the reasons; opens one; says 我有意向 (once per opening) and may withdraw it until the station
// has put them forward. What they see of an opening: position, employer's name and kind, pay, place,
// validity, requirements and the publishing unit — no employer contacts, no staff names.
// The interest reaches the station's work queue (employment.work-queue.ts) and the opening's page.
import type { PublicOpeningDto, PublicOpeningList, RecommendationStatus } from '../../../shared/schemas/employment';
import { recommendationStatusLabels } from '../../../shared/schemas/employment';
import { codesOf, matchReasons, matchScore, rankPage, skillCodes, type IndustryCode, type Seeker } from '../../../shared/rules/job-matching';
import type { OverviewItem } from '../../../shared/schemas/public-overview';
import { transaction, type Tx } from '../../db/transaction';
import { appendAudit } from '../../platform/audit.repo';
import { today } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { accountForUse, type PublicAuthContext } from '../public-accounts';
import { registryLinkOfIdHashUnscoped } from '../recipients';
import {
  deleteInterestUnscoped,
  insertInterestUnscoped,
  interestsOfPersonUnscoped,
  openOpeningsForPersonUnscoped,
  profileOfLinkedUnscoped,
  recommendationsOfPersonUnscoped,
  type OpeningRow,
  type ProfileRow,
} from './employment.repo';
import { openingForRule, placePathsOf, seekerOf } from './employment.service';

type Ip = string | null;
const OPENINGS_MAX = 5000;
/** the openings listed on the phone (the best-ranked) */
const LIST_MAX = 30;

export const NOT_LINKED_EMPLOYMENT =
  '岗位匹配面向已登记的退役军人：您的账号尚未关联退役军人档案，请到户籍或居住所在地的村（社区）退役军人服务站采集信息、核对手机号码';

async function personOf(ctx: AppContext, db: Tx, pub: PublicAuthContext): Promise<{ accountId: string; profile: ProfileRow | undefined }> {
  const a = await accountForUse(ctx, pub);
  const link = await registryLinkOfIdHashUnscoped(db, a.idHash, a.phoneHash);
  return { accountId: a.id, profile: link ? await profileOfLinkedUnscoped(db, link.id) : undefined };
}

async function requirePerson(ctx: AppContext, db: Tx, pub: PublicAuthContext) {
  const p = await personOf(ctx, db, pub);
  if (!p.profile) throw new AppError(409, 'NOT_LINKED', NOT_LINKED_EMPLOYMENT);
  return { accountId: p.accountId, profile: p.profile };
}

const hasIntention = (p: ProfileRow) => Number(p.seeking ?? 0) === 1 || Number(p.skills_mask ?? 0) !== 0 || Number(p.industries_mask ?? 0) !== 0;

/** The person's open openings ranked for them (the best `limit`, or the one `id`), as they see them. */
async function rankedFor(ctx: AppContext, db: Tx, profile: ProfileRow, opts: { limit: number; id?: string }): Promise<{ total: number; items: PublicOpeningDto[] }> {
  const rows = await openOpeningsForPersonUnscoped(db, profile.org_path, today(ctx), OPENINGS_MAX, opts.id);
  const seeker: Seeker = seekerOf(profile, await placePathsOf(ctx, [profile]));
  const rules = await Promise.all(rows.map(async (o) => ({ o, rule: await openingForRule(ctx, o) })));
  const { total, ranked } = rankPage(rules, (x) => matchScore(seeker, x.rule), (x) => x.o.id, { offset: 0, limit: opts.limit });
  const interests = new Map((await interestsOfPersonUnscoped(db, profile.recipient_id)).map((i) => [i.opening_id, i.interested_on]));
  const recs = new Map((await recommendationsOfPersonUnscoped(db, profile.recipient_id)).map((r) => [r.opening_id, r.status as RecommendationStatus]));
  return { total, items: ranked.map((x) => toPublic(x.item.o, x.score, matchReasons(seeker, x.item.rule), interests.get(x.item.o.id) ?? null, recs.get(x.item.o.id) ?? null)) };
}

function toPublic(o: OpeningRow, score: number, reasons: string[], interestedOn: string | null, recommendation: RecommendationStatus | null): PublicOpeningDto {
  return {
    id: o.id,
    position: o.position,
    employerName: o.employer_name,
    employerKind: o.employer_kind as PublicOpeningDto['employerKind'],
    employerVeteranFounded: Number(o.employer_veteran_founded) === 1,
    industry: o.industry as IndustryCode,
    skills: codesOf(skillCodes, Number(o.skills_mask)),
    placeName: o.place_name,
    workTime: o.work_time as 'full' | 'part',
    payMin: Number(o.pay_min),
    payMax: Number(o.pay_max),
    headcount: Number(o.headcount),
    validFrom: o.valid_from,
    validTo: o.valid_to,
    veteransPreferred: Number(o.veterans_preferred) === 1,
    description: o.description,
    orgUnitName: o.org_unit_name,
    score,
    reasons,
    interestedOn,
    recommendation,
  };
}

/** 为我匹配的岗位: the linked veteran's open openings, best first, with the reasons. */
export async function publicOpenings(ctx: AppContext, pub: PublicAuthContext): Promise<PublicOpeningList> {
  const { profile } = await personOf(ctx, ctx.db, pub);
  if (!profile) return { linked: false, hasIntention: false, items: [], total: 0 };
  const r = await rankedFor(ctx, ctx.db, profile, { limit: LIST_MAX });
  return { linked: true, hasIntention: hasIntention(profile), ...r };
}

/** One opening the person sees (open, of their line); any other answers 404. */
export async function publicOpening(ctx: AppContext, pub: PublicAuthContext, id: string): Promise<PublicOpeningDto> {
  const { profile } = await requirePerson(ctx, ctx.db, pub);
  const [o] = (await rankedFor(ctx, ctx.db, profile, { limit: 1, id })).items;
  if (!o) throw notFound('岗位');
  return o;
}

async function audit(trx: Tx, ctx: AppContext, accountId: string, action: 'public.job-interest' | 'public.job-interest-withdraw', profile: ProfileRow, openingId: string, ip: Ip, detail: string) {
  await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: null, username: `public:${accountId}`, orgUnitId: profile.org_unit_id, action, targetType: 'job-opening', targetId: openingId, result: 'success', ip, detail });
}

/** 我有意向: recorded once per opening (a second time is a 409). */
export async function sayInterested(ctx: AppContext, pub: PublicAuthContext, id: string, ip: Ip): Promise<PublicOpeningDto> {
  const { accountId, profile } = await requirePerson(ctx, ctx.db, pub);
  const o = await publicOpening(ctx, pub, id);
  await transaction(ctx.db, async (trx) => {
    const added = await insertInterestUnscoped(trx, { id: newId(), opening_id: o.id, recipient_id: profile.recipient_id, public_account_id: accountId, interested_on: today(ctx), created_at: ctx.clock.now().toISOString() });
    if (!added) throw new AppError(409, 'ALREADY_INTERESTED', '您已表示过对该岗位有意向，服务站工作人员会与您联系');
    await audit(trx, ctx, accountId, 'public.job-interest', profile, o.id, ip, `${profile.org_unit_name} ${profile.recipient_name} → ${o.employerName} ${o.position}`);
  });
  return publicOpening(ctx, pub, id);
}

/** Withdraws the interest, until the station has put the person forward (then the station is told in person). */
export async function withdrawInterest(ctx: AppContext, pub: PublicAuthContext, id: string, ip: Ip): Promise<PublicOpeningDto> {
  const { accountId, profile } = await requirePerson(ctx, ctx.db, pub);
  const o = await publicOpening(ctx, pub, id);
  if (o.recommendation && o.recommendation !== 'declined') throw new AppError(409, 'RECOMMENDED', `服务站已推荐您到该岗位（${recommendationStatusLabels[o.recommendation]}），如不再考虑请与服务站联系`);
  await transaction(ctx.db, async (trx) => {
    if (!(await deleteInterestUnscoped(trx, profile.recipient_id, o.id))) throw new AppError(409, 'NOT_INTERESTED', '您尚未对该岗位表示意向');
    await audit(trx, ctx, accountId, 'public.job-interest-withdraw', profile, o.id, ip, `${profile.org_unit_name} ${profile.recipient_name} → ${o.employerName} ${o.position}`);
  });
  return publicOpening(ctx, pub, id);
}

// ---- 我的: the employment section of the account's own page ----

const SECTION_ITEMS = 3;

export const employmentOverviewSection: OverviewSectionSource = {
  key: 'employment',
  title: '为我匹配的岗位',
  load: async (ctx, db, account) => {
    const profile = account.recipientId ? await profileOfLinkedUnscoped(db, account.recipientId) : undefined;
    const base = { key: 'employment', title: '为我匹配的岗位' };
    if (!profile) return { ...base, items: [], total: 0, emptyText: '岗位匹配面向已登记的退役军人：关联退役军人档案后可查看', moreLink: null, moreLabel: null };
    const r = await rankedFor(ctx, db, profile, { limit: SECTION_ITEMS });
    return {
      ...base,
      total: r.total,
      emptyText: '暂无面向您所在地区的有效岗位',
      moreLink: '/public/jobs',
      moreLabel: '查看全部岗位',
      items: r.items.map(
        (o): OverviewItem => ({
          id: o.id,
          title: `${o.position} · ${o.employerName}`,
          subtitle: `${o.placeName} · ${o.payMin}–${o.payMax} 元/月`,
          statusLabel: o.recommendation ? recommendationStatusLabels[o.recommendation] : o.interestedOn ? '已表示意向' : `匹配度 ${o.score}`,
          tone: o.recommendation === 'hired' ? 'success' : o.recommendation || o.interestedOn ? 'processing' : 'default',
          nextStep: o.interestedOn && !o.recommendation ? '服务站工作人员会与您联系' : null,
          dueDay: null,
          link: `/public/jobs/${o.id}`,
        }),
      ),
    };
  },
};
