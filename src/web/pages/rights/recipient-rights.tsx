// A panel of a recipient's page: the person's rights cases 权益维护 (GET /api/rights?recipientId=,
// through the cases' range guard), and 登记权益维护案件 for the person.
import { Link, useNavigate } from 'react-router';
import { Button, Flex, List, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { partyKindLabels, rightsKindLabels } from '../../../shared/schemas/rights';
import { useRecipientRights } from '../../api/rights';
import { useCan } from '../../components/session';
import { RightsStatusTag } from './rights-tags';

export function RecipientRights({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('rights:write');
  const q = useRecipientRights(recipient.id);
  const add =
    canWrite && recipient.status === 'registered' && !recipient.deceased ? (
      <Link to={`/rights/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`} className="no-print">
        <Button size="small" icon={<PlusOutlined />}>
          登记权益维护案件
        </Button>
      </Link>
    ) : null;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">权益维护案件暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-rights">
      {items.length === 0 ? (
        <div className="muted">尚无权益维护案件</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/rights/${encodeURIComponent(c.id)}`)}>{c.openedOn} 权益维护</Typography.Link>
                <span>{rightsKindLabels[c.kind]}</span>
                <RightsStatusTag c={c} />
                <span className="muted">
                  {partyKindLabels[c.partyKind]}：{c.partyName}
                  {c.closedOn ? ` · 办结 ${c.closedOn}` : ''}
                </span>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 件，请在权益维护中查看</div>}
      {add && <div style={{ marginTop: 8 }}>{add}</div>}
    </div>
  );
}
