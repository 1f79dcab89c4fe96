// Tags of the education pages: an exemplar's state, and the gazetteer mark 重大庆典·地方志.
import { Tag, Tooltip } from 'antd';
import { exemplarStatusLabels, gazetteerGroundLabels, type ExemplarDto, type GazetteerGround } from '../../../shared/schemas/education';

const colors: Record<ExemplarDto['status'], string> = { reviewing: 'processing', returned: 'warning', accepted: 'success', withdrawn: 'default' };

export function ExemplarStatusTag({ e }: { e: Pick<ExemplarDto, 'status' | 'reviewingUnitName'> }) {
  return (
    <Tag color={colors[e.status]}>
      {exemplarStatusLabels[e.status]}
      {e.status === 'reviewing' && e.reviewingUnitName ? `（${e.reviewingUnitName}）` : ''}
    </Tag>
  );
}

export function GazetteerTag({ grounds }: { grounds: readonly GazetteerGround[] }) {
  if (!grounds.length) return null;
  return (
    <Tooltip title={`推荐参加地方重大庆典活动、写入地方志：${grounds.map((g) => gazetteerGroundLabels[g]).join('、')}`}>
      <Tag color="red" data-testid="gazetteer-tag">
        庆典·地方志
      </Tag>
    </Tooltip>
  );
}
