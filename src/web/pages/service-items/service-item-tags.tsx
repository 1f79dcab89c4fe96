// Small pieces of the catalog pages: the status and kind tags, the 待填写 tag naming what the
// starter catalog left empty, and a step's time limit in words.
import { Tag, Tooltip } from 'antd';
import { stepDayKindLabels, serviceItemKindLabels, serviceItemStatusLabels, type ServiceItemKind, type ServiceItemStatus, type Step } from '../../../shared/schemas/service-items';

export const TO_FILL_TEXT = '待县级中心填写';

export function stepLimit(s: Pick<Step, 'days' | 'dayKind'>): string {
  return s.days === null ? TO_FILL_TEXT : `${s.days}${stepDayKindLabels[s.dayKind]}`;
}

export function KindTag({ kind }: { kind: ServiceItemKind }) {
  return <Tag color={kind === 'national' ? 'red' : 'blue'}>{serviceItemKindLabels[kind]}</Tag>;
}

export function StatusTag({ status }: { status: ServiceItemStatus }) {
  return <Tag color={status === 'active' ? 'green' : 'default'}>{serviceItemStatusLabels[status]}</Tag>;
}

/** The fields the sources left empty, still unfilled: a county sees at once what to complete. */
export function ToFillTag({ toFill, long }: { toFill: readonly string[]; long?: boolean }) {
  if (toFill.length === 0) return null;
  const text = `待填写：${toFill.join('、')}`;
  if (long) return <Tag color="orange" className="item-to-fill">{text}</Tag>;
  return (
    <Tooltip title={text}>
      <Tag color="orange" className="item-to-fill">
        待填写 {toFill.length} 项
      </Tag>
    </Tooltip>
  );
}
