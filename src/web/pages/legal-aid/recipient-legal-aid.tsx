// A panel of a recipient's page: the person's legal-aid cases 法律援助 (GET /api/legal-aid
// ?recipientId=, through the cases' range guard), and 登记法律援助申请 for the person; below, the
// person's care records 关爱服务记录 (consultations, counselling, law education, health checks, insurance).
import { Link, useNavigate } from 'react-router';
import { Button, Flex, List, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { legalAidMatterKindLabels } from '../../../shared/schemas/legal-aid';
import { useRecipientLegalAid } from '../../api/legal-aid';
import { useRecipientCareRecords } from '../../api/care-records';
import { careRecordKindLabels } from '../../../shared/schemas/care-records';
import { useCan } from '../../components/session';
import { LegalAidStatusTag } from './legal-aid-tags';

export function RecipientLegalAid({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('legalAid:write');
  const q = useRecipientLegalAid(recipient.id);
  const add =
    canWrite && recipient.status === 'registered' && !recipient.deceased ? (
      <Link to={`/legal-aid/new?${new URLSearchParams({ recipient: recipient.id, name: recipient.name }).toString()}`} className="no-print">
        <Button size="small" icon={<PlusOutlined />}>
          登记法律援助申请
        </Button>
      </Link>
    ) : null;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">法律援助案件暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-legal-aid">
      {items.length === 0 ? (
        <div className="muted">尚无法律援助申请</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/legal-aid/${encodeURIComponent(c.id)}`)}>{c.appliedOn} 法律援助</Typography.Link>
                <span>{legalAidMatterKindLabels[c.matterKind]}</span>
                <LegalAidStatusTag c={c} />
                <span className="muted">{c.partnerName ? `转介 ${c.partnerName}` : '未转介'}{c.closedOn ? ` · 结案 ${c.closedOn}` : ''}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 件，请在法律援助中查看</div>}
      {add && <div style={{ marginTop: 8 }}>{add}</div>}
      <RecipientCareRecords recipientId={recipient.id} />
    </div>
  );
}

/** The person's care records 关爱服务记录 (details stay masked here: they are revealed on the records page). */
function RecipientCareRecords({ recipientId }: { recipientId: string }) {
  const navigate = useNavigate();
  const q = useRecipientCareRecords(recipientId);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">关爱服务记录暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  return (
    <div data-testid="recipient-care-records" style={{ marginTop: 12 }}>
      <Typography.Text strong>关爱服务记录</Typography.Text>
      {items.length === 0 ? (
        <div className="muted">尚无法律咨询、心理疏导、普法活动、健康体检或保险记录</div>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/legal-aid/care-records?tab=${r.kind}`)}>
                  {r.day} {careRecordKindLabels[r.kind]}
                </Typography.Link>
                <span>{r.title}</span>
                {r.hasDetails && <span className="muted">{r.detailsMasked}</span>}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 条，请在关爱服务记录中查看</div>}
    </div>
  );
}
