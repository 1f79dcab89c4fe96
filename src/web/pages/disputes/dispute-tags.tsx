// Small tags shared by the dispute pages: risk level, status with the deadline marks.
import { Tag } from 'antd';
import { disputeStatusLabels, riskLevelLabels, type DisputeDto, type RiskLevel } from '../../../shared/schemas/disputes';

const riskColors: Record<RiskLevel, string> = { low: 'blue', medium: 'orange', high: 'red' };

export function RiskTag({ level }: { level: RiskLevel }) {
  return <Tag color={riskColors[level]}>{riskLevelLabels[level]}</Tag>;
}

export function DisputeStatusTag({ d }: { d: Pick<DisputeDto, 'status' | 'overdue' | 'dueSoon'> }) {
  if (d.status === 'closed') return <Tag color="green">{disputeStatusLabels.closed}</Tag>;
  if (d.overdue) return <Tag color="red">已超期</Tag>;
  if (d.dueSoon) return <Tag color="gold">临近时限</Tag>;
  return <Tag color="processing">{disputeStatusLabels.open}</Tag>;
}
