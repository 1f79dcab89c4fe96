// The deadline marks of the work queue: 逾期 (red) and 即将到期 (orange). The rule is the shared one
// (shared/rules/due-marks.ts), the same the server applies.
import { Tag } from 'antd';
import { dueMarks, type DueMarks } from '../../../shared/rules/due-marks';

/** A tag for a deadline (a due day, or an hour deadline's instant), from the server's marks when given. */
export function dueTag(dueDay: string | null, marks?: DueMarks, dueAt?: string | null) {
  const m = marks ?? dueMarks({ dueDay, dueAt }, new Date());
  if (m.overdue) return <Tag color="red">逾期</Tag>;
  if (m.dueSoon) return <Tag color="orange">即将到期</Tag>;
  return null;
}
