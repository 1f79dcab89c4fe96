// Small pieces shared by the petition pages: the warning mark, the status tag, option lists.
import { Tag, Tooltip } from 'antd';
import {
  petitionCategories,
  petitionCategoryLabels,
  petitionChannelLabels,
  petitionChannels,
  petitionStatusLabels,
  petitionStatuses,
  petitionTypeLabels,
  petitionTypes,
  type PetitionStatus,
  type PetitionWarning,
} from '../../../shared/schemas/petitions';

export const channelOptions = petitionChannels.map((c) => ({ value: c, label: petitionChannelLabels[c] }));
export const typeOptions = petitionTypes.map((t) => ({ value: t, label: petitionTypeLabels[t] }));
export const categoryOptions = petitionCategories.map((c) => ({ value: c, label: petitionCategoryLabels[c] }));
export const statusOptions = petitionStatuses.map((s) => ({ value: s, label: petitionStatusLabels[s] }));

/** Yellow: due within 3 days; red: overdue. */
export function WarningMark({ warning, dueDay }: { warning: PetitionWarning; dueDay?: string | null }) {
  if (warning === 'none') return null;
  const red = warning === 'red';
  return (
    <Tooltip title={red ? `已逾期（期限 ${dueDay ?? ''}）` : `3 日内到期（期限 ${dueDay ?? ''}）`}>
      <Tag color={red ? 'red' : 'gold'} className="petition-warning" data-warning={warning}>
        {red ? '红色预警·逾期' : '黄色预警'}
      </Tag>
    </Tooltip>
  );
}

const statusColors: Partial<Record<PetitionStatus, string>> = {
  registered: 'blue',
  accepted: 'processing',
  extended: 'orange',
  notAccepted: 'default',
  transferred: 'default',
  replied: 'green',
  reviewRequested: 'purple',
  reviewed: 'green',
  reReviewRequested: 'purple',
  reReviewHearing: 'magenta',
  reReviewed: 'green',
  closed: 'default',
};

export function StatusTag({ status, label }: { status: PetitionStatus; label?: string }) {
  return <Tag color={statusColors[status]}>{label ?? petitionStatusLabels[status]}</Tag>;
}
