// The status tag of an organisation transfer, with its overdue mark.
import { Tag } from 'antd';
import { partyTransferStatusLabels, type PartyTransferDto } from '../../../shared/schemas/party';

const colors = { issued: 'blue', reported: 'gold', done: 'green', cancelled: 'default' } as const;

export function TransferStatusTag({ t }: { t: Pick<PartyTransferDto, 'status' | 'overdue' | 'dueSoon' | 'onTime'> }) {
  return (
    <>
      <Tag color={colors[t.status]}>{partyTransferStatusLabels[t.status]}</Tag>
      {t.overdue && <Tag color="red">已超期</Tag>}
      {!t.overdue && t.dueSoon && <Tag color="orange">即将到期</Tag>}
      {t.onTime === false && <Tag color="volcano">超期办结</Tag>}
    </>
  );
}
