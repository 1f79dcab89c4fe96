// Small pieces of the assistance pages: the status tag, money as yuan.
import { Tag } from 'antd';
import { assistanceStatusLabels, yuan, type AssistanceStatus } from '../../../shared/schemas/assistance';

const colors: Record<AssistanceStatus, string> = { submitted: 'gold', verifying: 'orange', review: 'blue', notice: 'purple', followUp: 'cyan', closed: 'green', rejected: 'default' };

export function AidStatusTag({ status }: { status: AssistanceStatus }) {
  return <Tag color={colors[status]}>{assistanceStatusLabels[status]}</Tag>;
}

/** 分 shown as 元 with two decimals. */
export function Yuan({ fen }: { fen: number }) {
  return <span className="aid-money">{yuan(fen)} 元</span>;
}
