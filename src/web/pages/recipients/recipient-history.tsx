// 变更历史: every version of a record as a timeline — who, when, what changed (from → to).
import { Link } from 'react-router';
import { Empty, Skeleton, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useRecipientHistory } from '../../api/recipients';
import { changeValueText } from './recipient-tags';

const kindLabels: Record<string, { label: string; color: string }> = {
  created: { label: '新建采集', color: 'blue' },
  edit: { label: '修改', color: 'blue' },
  'reviewed-edit': { label: '审核通过的变更', color: 'purple' },
  approved: { label: '审核入库', color: 'green' },
  death: { label: '登记去世', color: 'gray' },
  transfer: { label: '迁移', color: 'orange' },
  merge: { label: '合并重复记录', color: 'orange' },
  imported: { label: 'Excel 导入', color: 'blue' },
  visit: { label: '走访更新', color: 'cyan' },
};

export function RecipientHistory({ recipientId }: { recipientId: string }) {
  const history = useRecipientHistory(recipientId);
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Empty description="历史记录加载失败" />;
  const items = [...history.data.items].sort((a, b) => (a.at < b.at ? 1 : -1));
  if (items.length === 0) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      className="history-timeline"
      items={items.map((v, i) => {
        const k = kindLabels[v.kind] ?? { label: v.kind, color: 'blue' };
        return {
          key: `${v.version}-${v.at}-${i}`,
          color: k.color,
          content: (
            <div className="history-item">
              <div className="history-head">
                <Tag color={k.color === 'gray' ? 'default' : k.color}>{k.label}</Tag>
                <span className="history-who">{v.actorName}</span>
                <span className="muted">{dayjs(v.at).format('YYYY-MM-DD HH:mm')}</span>
                {v.caseId && (
                  <Link to={`/cases/${v.caseId}`} className="history-case no-print">
                    办件
                  </Link>
                )}
              </div>
              {v.changes.length > 0 && (
                <ul className="history-changes">
                  {v.changes.map((c, j) => (
                    <li key={j}>
                      <span className="history-field">{c.label}</span>：
                      <span className="history-from">{changeValueText(c.field, c.from) || '（空）'}</span>
                      <span className="muted"> → </span>
                      <span className="history-to">{changeValueText(c.field, c.to) || '（空）'}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
