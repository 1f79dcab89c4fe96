// The deadline marks of the work queue: 逾期 (red) and 即将到期 (orange, within 3 days).
import { Tag } from 'antd';
import dayjs from 'dayjs';

export const DUE_SOON_DAYS = 3;

export function dueMarks(dueDay: string | null, today = dayjs().format('YYYY-MM-DD')): { overdue: boolean; dueSoon: boolean } {
  if (!dueDay) return { overdue: false, dueSoon: false };
  const left = dayjs(dueDay).diff(dayjs(today), 'day');
  return { overdue: left < 0, dueSoon: left >= 0 && left <= DUE_SOON_DAYS };
}

/** A tag for a due day, from the server's marks when given. */
export function dueTag(dueDay: string | null, marks?: { overdue: boolean; dueSoon: boolean }) {
  const m = marks ?? dueMarks(dueDay);
  if (m.overdue) return <Tag color="red">逾期</Tag>;
  if (m.dueSoon) return <Tag color="orange">即将到期</Tag>;
  return null;
}
