// Small shared pieces of the plaque pages: the status tag and the grounds as tags.
import { Flex, Tag } from 'antd';
import { plaqueGroundLabels, plaqueStatusLabels, type PlaqueGround, type PlaqueStatus } from '../../../shared/schemas/glory-plaques';

const statusColors: Record<PlaqueStatus, string> = { waiting: 'orange', hung: 'green', replaced: 'blue', revoked: 'default' };

export function PlaqueStatusTag({ status }: { status: PlaqueStatus }) {
  return <Tag color={statusColors[status]}>{plaqueStatusLabels[status]}</Tag>;
}

export function GroundTags({ grounds, certificate }: { grounds: readonly PlaqueGround[]; certificate?: boolean }) {
  return (
    <Flex gap={4} wrap>
      {grounds.map((g) => (
        <Tag key={g} color="red" className="plaque-tag">
          {plaqueGroundLabels[g]}
        </Tag>
      ))}
      {certificate && (
        <Tag color="gold" className="plaque-tag">
          持证
        </Tag>
      )}
    </Flex>
  );
}
