// Shared bits of the opinion-report pages: the level tag, the caller's level state, times.
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { opinionLevelLabels, type OpinionDto, type OpinionLevel } from '../../../shared/schemas/opinion-reports';

const levelColors: Record<OpinionLevel, string> = { general: 'blue', major: 'orange', serious: 'red' };

export function OpinionLevelTag({ level }: { level: OpinionLevel }) {
  return <Tag color={levelColors[level]}>{opinionLevelLabels[level]}</Tag>;
}

export function time(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
}

/** What the caller's level still owes: 待签收, 待处置, or done. */
export function MyLevelTag({ r }: { r: OpinionDto }) {
  if (r.canAcknowledge) return <Tag color={r.myLevel?.ackOverdue ? 'red' : 'gold'}>{r.myLevel?.ackOverdue ? '超时未签收' : '待本级签收'}</Tag>;
  if (r.canDecide) return <Tag color="processing">待本级处置或上报</Tag>;
  if (r.status === 'handled') return <Tag color="green">已处置</Tag>;
  return <Tag>处置中</Tag>;
}
