// 每月研究 (§8: 县级退役军人服务中心原则上每月研究): the open problems the caller's unit studies now,
// with the day of the last monthly review; those not reviewed in the chosen month are marked.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, List, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { hardProblemCategoryLabels } from '../../../shared/schemas/hard-problems';
import { useHardProblemReview } from '../../api/hard-problems';
import { todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { periodOptions } from '../../components/period-select';
import { HardProblemStatusTag } from './hard-problems-tags';

export function HardProblemReviewPage() {
  const [month, setMonth] = useState(todayDay().slice(0, 7));
  const q = useHardProblemReview(month);
  return (
    <PageShell title="疑难问题每月研究" subtitle="本单位正在研究的疑难问题，原则上每月专题研究一次，逐件明确意见、责任人和办理时限">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>月份</span>
        <Select aria-label="月份" value={month} onChange={setMonth} options={periodOptions('month', month)} style={{ width: 150 }} />
      </Space>
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Result status="warning" title="暂时无法读取" subTitle={q.error.message} />
      ) : (
        <>
          <Alert
            type={q.data.notReviewed ? 'warning' : 'success'}
            showIcon
            data-testid="hard-problem-review-summary"
            title={`${q.data.unitName}：在办 ${q.data.items.length} 件，${month} 尚未研究 ${q.data.notReviewed} 件`}
            style={{ marginBottom: 12 }}
          />
          <Card size="small">
            <List
              dataSource={q.data.items}
              locale={{ emptyText: '本单位暂无在办的疑难问题' }}
              renderItem={(p) => (
                <List.Item key={p.id} data-testid="hard-problem-review-item">
                  <div style={{ width: '100%' }}>
                    <Link to={`/hard-problems/${p.id}`}>
                      <Typography.Text strong>{p.title}</Typography.Text>
                    </Link>
                    <span className="muted"> · {hardProblemCategoryLabels[p.category]}</span>
                    <div>
                      <Space size={4} wrap>
                        <HardProblemStatusTag p={p} />
                        {p.reviewedThisMonth ? <Tag color="success">本月已研究</Tag> : <Tag color="warning">本月未研究</Tag>}
                        <Typography.Text type="secondary">
                          {p.orgUnitName} {p.reportedOn} 上报 · 最近研究 {p.lastReviewOn ?? '无'}
                        </Typography.Text>
                      </Space>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </PageShell>
  );
}
