// 我的: the applications section of the public account's own page — the applications 办件 of the
// registry person the account is linked to (ID number hash and the mobile on record both match:
// public-accounts decides the link), with their stage and next step. Nothing of the case beyond
// the item, the unit, the stage and the days.
import { applicationStatusLabels, type ApplicationStatus } from '../../../shared/schemas/applications';
import type { OverviewItem, OverviewTone } from '../../../shared/schemas/public-overview';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { applicationsOfRecipientUnscoped, countApplicationsOfRecipientUnscoped } from './applications.repo';

const SHOWN = 5;

const tones: Record<ApplicationStatus, OverviewTone> = {
  returned: 'warning',
  review: 'processing',
  notice: 'processing',
  deciding: 'processing',
  approved: 'success',
  rejected: 'default',
};

function nextStep(status: ApplicationStatus, stepLabel: string, dueDay: string | null): string | null {
  const by = dueDay ? `（最迟 ${dueDay}）` : '';
  switch (status) {
    case 'returned':
      return '材料需补正：请按告知补齐材料后到服务站办理';
    case 'review':
      return `${stepLabel || '审核'}中${by}`;
    case 'notice':
      return `公示中${dueDay ? `，至 ${dueDay}` : ''}`;
    case 'deciding':
      return `县级中心审批中${by}`;
    case 'approved':
      return '已批准，请按通知领取办理结果';
    default:
      return null;
  }
}

export const applicationsOverviewSection: OverviewSectionSource = {
  key: 'applications',
  title: '我的办件',
  load: async (_ctx, db, owner) => {
    const empty = { key: 'applications', title: '我的办件', items: [] as OverviewItem[], total: 0, moreLink: null, moreLabel: null };
    if (!owner.recipientId) return { ...empty, emptyText: '您的账号尚未与服务对象档案关联，办件进度请凭受理告知书到服务站查询' };
    const [rows, total] = await Promise.all([applicationsOfRecipientUnscoped(db, owner.recipientId, SHOWN), countApplicationsOfRecipientUnscoped(db, owner.recipientId)]);
    return {
      ...empty,
      total,
      emptyText: '您还没有政策服务办件',
      items: rows.map((r) => {
        const status = r.status as ApplicationStatus;
        const open = !r.closed_on;
        return {
          id: r.id,
          title: r.item_name,
          subtitle: `${r.org_unit_name} · ${r.opened_on} 受理`,
          statusLabel: applicationStatusLabels[status] ?? r.status,
          tone: tones[status] ?? 'default',
          nextStep: nextStep(status, r.step_label, open ? r.due_day : null),
          dueDay: open ? r.due_day : null,
          link: null,
        };
      }),
    };
  },
};
