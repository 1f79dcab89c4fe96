// A panel of a recipient's page: the person's employment profile in short, and a link to it.
import { Link } from 'react-router';
import { Space, Spin, Tag } from 'antd';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { employmentStatusLabels } from '../../../shared/schemas/recipients';
import { skillLabels } from '../../../shared/rules/job-matching';
import { useProfile } from '../../api/employment';

export function RecipientEmployment({ recipient }: { recipient: RecipientDetail }) {
  // only registered, living veterans have an employment profile: nobody else's page asks for one (it
  // would answer 404, and the page would show that as an error)
  const hasProfile = recipient.kind === 'veteran' && recipient.status === 'registered' && !recipient.deceased;
  const q = useProfile(recipient.id, hasProfile);
  if (!hasProfile) return <span className="muted">仅在册的退役军人有就业信息</span>;
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">该服务对象没有就业信息（仅在册的退役军人）</span>;
  const p = q.data;
  return (
    <div data-testid="recipient-employment">
      <Space wrap size={6}>
        <span>{p.status ? employmentStatusLabels[p.status] : '就业状况未填'}</span>
        {p.seeking && <Tag color="blue">求职中</Tag>}
        {p.due && <Tag color="orange">待核实</Tag>}
        <span className="muted">{p.skills.map((s) => skillLabels[s]).join('、')}</span>
        <span className="muted">{p.confirmedOn ? `核实于 ${p.confirmedOn}` : '从未核实'}</span>
        <Link to={`/employment/profiles/${p.recipientId}`}>就业信息与岗位匹配</Link>
      </Space>
    </div>
  );
}
