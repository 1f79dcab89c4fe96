// Two panels of a recipient's page: the petitions 信访诉求 linked to the person (GET /api/petitions
// ?recipientId=, through the petition guard: a restricted 检举控告 shows only to its participants)
// and the glory plaque 光荣牌 of the person's household (GET /api/glory-plaques?householdId=).
import { useNavigate } from 'react-router';
import { Flex, List, Spin, Typography } from 'antd';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { petitionTypeLabels } from '../../../shared/schemas/petitions';
import { plaqueBasisLabels } from '../../../shared/schemas/glory-plaques';
import { useRecipientPetitions } from '../../api/petitions';
import { useHouseholdPlaque } from '../../api/glory-plaques';
import { StatusTag, WarningMark } from '../petitions/petition-tags';
import { PlaqueStatusTag } from '../glory-plaques/plaque-tags';

export function RecipientPetitions({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const q = useRecipientPetitions(recipient.id);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">信访记录暂时无法读取：{q.error.message}</span>;
  const items = q.data.items;
  if (items.length === 0) return <div className="muted" data-testid="recipient-petitions">没有与本人关联的信访事项</div>;
  return (
    <div data-testid="recipient-petitions">
      <List
        size="small"
        dataSource={items}
        renderItem={(p) => (
          <List.Item>
            <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
              <Typography.Link onClick={() => navigate(`/petitions/${encodeURIComponent(p.id)}`)}>{p.registrationNo}</Typography.Link>
              <span className="muted">{p.receivedOn}</span>
              <span>{petitionTypeLabels[p.type]}</span>
              <StatusTag status={p.status} label={p.statusLabel} />
              <WarningMark warning={p.warning} dueDay={p.dueDay} />
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
                {p.request}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {q.data.total > items.length && <div className="muted">另有 {q.data.total - items.length} 件，请在信访模块中查看</div>}
    </div>
  );
}

export function RecipientPlaque({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const householdId = recipient.household?.id ?? null;
  const q = useHouseholdPlaque(householdId);
  if (!householdId) return <div className="muted" data-testid="recipient-plaque">未编入家庭户：光荣牌按家庭户登记</div>;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">光荣牌记录暂时无法读取：{q.error.message}</span>;
  const p = q.data;
  if (!p) return <div className="muted" data-testid="recipient-plaque">本户尚无光荣牌记录</div>;
  return (
    <Flex wrap gap={6} align="center" data-testid="recipient-plaque">
      <PlaqueStatusTag status={p.status} />
      <span>{plaqueBasisLabels[p.basis]}</span>
      {p.hungOn && <span className="muted">悬挂于 {p.hungOn}</span>}
      {p.replacedOn && <span className="muted">更换于 {p.replacedOn}</span>}
      {p.revokedOn && <span className="muted">撤销于 {p.revokedOn}</span>}
      <Typography.Link onClick={() => navigate(`/glory-plaques?tab=${p.status}&plaque=${encodeURIComponent(p.id)}`)}>查看</Typography.Link>
    </Flex>
  );
}
