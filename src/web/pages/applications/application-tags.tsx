// The status tag of an application, with the overdue mark.
import { Tag } from 'antd';
import type { ApplicationDto, ApplicationStatus } from '../../../shared/schemas/applications';

const colors: Record<ApplicationStatus, string> = { returned: 'orange', review: 'processing', notice: 'purple', deciding: 'blue', approved: 'green', rejected: 'default' };

export function ApplicationStatusTag({ a }: { a: Pick<ApplicationDto, 'status' | 'statusLabel' | 'overdue'> }) {
  return (
    <>
      <Tag color={colors[a.status]}>{a.statusLabel}</Tag>
      {a.overdue && <Tag color="red">已超期</Tag>}
    </>
  );
}
