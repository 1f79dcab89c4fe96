// 我的: the petitions section of the public account's own page — the petitions the account itself
// submitted online (public_account_id), with their stage and next step. Petitions registered at a
// window under the same ID number are not shown: an account's ID number is checked for form, not
// proven, so the account's own submissions are the only records it is sure to own.
import { petitionStatusLabels, type PetitionStatus } from '../../../shared/schemas/petitions';
import type { OverviewItem, OverviewTone } from '../../../shared/schemas/public-overview';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { petitionsOfPublicAccountUnscoped, type PetitionRow } from './petitions.repo';

const SHOWN = 5;

function tone(status: PetitionStatus): OverviewTone {
  switch (status) {
    case 'registered':
      return 'warning';
    case 'replied':
    case 'reviewed':
    case 'reReviewed':
    case 'closed':
      return 'success';
    case 'notAccepted':
    case 'transferred':
      return 'default';
    default:
      return 'processing';
  }
}

/** What the petitioner waits for or may do next (信访工作条例 第三十五、三十六条 for 复查/复核). */
function nextStep(row: PetitionRow): string | null {
  const status = row.status as PetitionStatus;
  const by = row.open === 1 && row.due_day ? `（最迟 ${row.due_day}）` : '';
  switch (status) {
    case 'registered':
      return `等待受理，单位将告知是否受理${by}`;
    case 'accepted':
    case 'extended':
      return `办理中，将书面答复${by}`;
    case 'reviewRequested':
      return `复查中，将作出复查意见${by}`;
    case 'reReviewRequested':
    case 'reReviewHearing':
      return `复核中，将作出复核意见${by}`;
    case 'replied':
      return row.satisfaction === null ? '已答复，请评价满意度；不服答复意见的，可自收到之日起 30 日内请求复查' : '已答复；不服答复意见的，可自收到之日起 30 日内请求复查';
    case 'reviewed':
      return '已复查；不服复查意见的，可自收到之日起 30 日内请求复核';
    case 'transferred':
      return '已转送有权处理的机关，请留意其通知';
    default:
      return null;
  }
}

function item(row: PetitionRow): OverviewItem {
  const status = row.status as PetitionStatus;
  return {
    id: row.id,
    title: row.request.length > 60 ? `${row.request.slice(0, 60)}…` : row.request,
    subtitle: `${row.registration_no} · ${row.org_unit_name} · ${row.received_on} 提交`,
    statusLabel: petitionStatusLabels[status] ?? row.status,
    tone: tone(status),
    nextStep: nextStep(row),
    dueDay: row.open === 1 ? row.due_day : null,
    link: `/public/petitions/${encodeURIComponent(row.id)}`,
  };
}

export const petitionsOverviewSection: OverviewSectionSource = {
  key: 'petitions',
  title: '我的信访',
  load: async (_ctx, db, owner) => {
    const rows = await petitionsOfPublicAccountUnscoped(db, owner.accountId);
    // open ones first, then the newest
    const ordered = [...rows.filter((r) => r.open === 1), ...rows.filter((r) => r.open !== 1)];
    return {
      key: 'petitions',
      title: '我的信访',
      items: ordered.slice(0, SHOWN).map(item),
      total: rows.length,
      emptyText: '您还没有网上提交过信访事项',
      moreLink: rows.length > 0 ? '/public/petitions' : '/public/petitions/new',
      moreLabel: rows.length > 0 ? `全部信访（${rows.length}）` : '网上信访',
    };
  },
};
