import { Tag } from 'antd';
import type { FeedbackDto } from '../../../shared/schemas/feedback';

const kindColors: Record<FeedbackDto['kind'], string> = { opinion: 'blue', suggestion: 'cyan', complaint: 'red', praise: 'green' };

export function KindTag({ f }: { f: Pick<FeedbackDto, 'kind' | 'kindLabel'> }) {
  return <Tag color={kindColors[f.kind]}>{f.kindLabel}</Tag>;
}

export function FeedbackStatusTag({ f }: { f: Pick<FeedbackDto, 'status' | 'statusLabel' | 'warning' | 'published'> }) {
  if (f.status === 'replied') return <Tag color="green">{f.published ? '已答复·已公开' : f.statusLabel}</Tag>;
  return <Tag color={f.warning === 'red' ? 'red' : f.warning === 'yellow' ? 'gold' : 'orange'}>{f.warning === 'red' ? '已超期' : f.statusLabel}</Tag>;
}
