// A panel of a recipient's page: the person's assistance applications 帮扶援助 (GET /api/assistance
// ?recipientId=, through the range guard), and 受理帮扶援助申请 for the person.
import { Link, useNavigate } from 'react-router';
import { Button, Flex, List, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { assistanceFormLabels, assistanceGroundShort } from '../../../shared/schemas/assistance';
import { useRecipientAid } from '../../api/assistance';
import { useCan } from '../../components/session';
import { AidStatusTag, Yuan } from './aid-tags';

export function RecipientAssistance({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('assistance:write');
  const q = useRecipientAid(recipient.id);
  const add =
    canWrite && recipient.status === 'registered' && !recipient.deceased ? (
      <Link to={`/assistance/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`} className="no-print">
        <Button size="small" icon={<PlusOutlined />}>
          受理帮扶援助申请
        </Button>
      </Link>
    ) : null;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">帮扶援助暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-assistance">
      {items.length === 0 ? (
        <div className="muted">尚无帮扶援助申请</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/assistance/${encodeURIComponent(a.id)}`)}>{a.openedOn} 帮扶援助申请</Typography.Link>
                <span>{assistanceGroundShort[a.ground]}</span>
                <AidStatusTag status={a.status} />
                {a.form && (
                  <span className="muted">
                    {assistanceFormLabels[a.form]} <Yuan fen={a.amountFen + a.goodsValueFen} />
                  </span>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 件，请在帮扶援助中查看</div>}
      {add && <div style={{ marginTop: 8 }}>{add}</div>}
    </div>
  );
}
