// 我的: the applications section of the public account's own page — the applications 办件 the
// account applied for online, and those of the registry person the account is linked to (ID
// number hash and the mobile on record both match: public-accounts decides the link), with their
// stage and next step. Nothing of the case beyond the item, the unit, the stage and the days.
import { applicationStatusLabels, type ApplicationStatus } from '../../../shared/schemas/applications';
import type { OverviewItem, OverviewTone } from '../../../shared/schemas/public-overview';
import type { OverviewSectionSource } from '../../platform/public-overview';
import { applicationsOfOwnerUnscoped, countApplicationsOfOwnerUnscoped } from './applications.repo';
import { nextStepText } from './applications.public';

const SHOWN = 5;

const tones: Record<ApplicationStatus, OverviewTone> = {
  returned: 'warning',
  review: 'processing',
  notice: 'processing',
  deciding: 'processing',
  approved: 'success',
  rejected: 'default',
};

export const applicationsOverviewSection: OverviewSectionSource = {
  key: 'applications',
  title: '我的办件',
  load: async (_ctx, db, account) => {
    const owner = { accountId: account.accountId, recipientId: account.recipientId };
    const [rows, total] = await Promise.all([applicationsOfOwnerUnscoped(db, owner, SHOWN), countApplicationsOfOwnerUnscoped(db, owner)]);
    return {
      key: 'applications',
      title: '我的办件',
      total,
      moreLink: null,
      moreLabel: null,
      emptyText: '您还没有政策服务办件：可在服务事项页面在线申请，或凭受理回执上的办件编号和查询码查询进度',
      items: rows.map((r): OverviewItem => {
        const status = r.status as ApplicationStatus;
        const open = !r.closed_on;
        return {
          id: r.id,
          title: r.item_name,
          subtitle: `${r.org_unit_name} · ${r.opened_on} ${r.source === 'online' ? '网上申请' : '受理'}${r.registration_no ? ` · 编号 ${r.registration_no}` : ''}`,
          statusLabel: applicationStatusLabels[status] ?? r.status,
          tone: tones[status] ?? 'default',
          nextStep: nextStepText(status, r.step_label, open ? r.due_day : null),
          dueDay: open ? r.due_day : null,
          link: `/public/applications/${r.id}`,
        };
      }),
    };
  },
};
