// 一人一策帮扶台账: the plans of the caller's range with filters (unit, status, difficulty, overdue
// review), sort and paging; the ledger export follows the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { difficultyKindLabels, difficultyKinds, supportPlanStatusLabels, supportPlanStatuses, type SupportPlanDto } from '../../../shared/schemas/support-plans';
import { supportPlanApi, supportPlanKeys } from '../../api/support-plans';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { PlanStatusTag } from './plan-tags';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: supportPlanStatuses.map((s) => ({ value: s, label: supportPlanStatusLabels[s] })), width: 110 },
  { kind: 'select', name: 'overdue', label: '评估超期', options: [{ value: 'true', label: '评估已超期' }], width: 130 },
  { kind: 'select', name: 'difficulty', label: '困难类型', options: difficultyKinds.map((d) => ({ value: d, label: difficultyKindLabels[d] })), width: 120 },
  { kind: 'select', name: 'mine', label: '我负责的', options: [{ value: 'true', label: '我是责任人' }], width: 140, advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={supportPlanApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

export function PlanListPage() {
  const canWrite = useCan('supportPlans:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<SupportPlanDto>[] = [
    {
      key: 'recipient',
      title: '服务对象 / 困难情况',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/support-plans/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> · {difficultyKindLabels[r.difficulty]}</span>
          <div className="plan-cell-summary">{r.situation}</div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <PlanStatusTag p={r} />
              <Typography.Text type="secondary">
                措施 {r.measuresDone}/{r.measureCount} · {r.status === 'closed' ? `结案 ${r.closedOn ?? ''}` : `评估 ${r.nextReviewOn ?? ''}`}
              </Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'openedOn', title: '制定日期', dataIndex: 'openedOn', sortKey: 'openedOn', responsive: ['md'] },
    { key: 'responsible', title: '责任人', dataIndex: 'responsibleName', responsive: ['sm'] },
    { key: 'measures', title: '措施落实', responsive: ['sm'], render: (_v, r) => `${r.measuresDone}/${r.measureCount}` },
    { key: 'nextReviewOn', title: '下次评估', dataIndex: 'nextReviewOn', sortKey: 'nextReviewOn', responsive: ['sm'], render: (_v, r) => r.nextReviewOn ?? '—' },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <PlanStatusTag p={r} /> },
    { key: 'closedOn', title: '结案日期', dataIndex: 'closedOn', responsive: ['lg'], defaultHidden: true },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="一人一策"
      subtitle="生活存在特殊困难的服务对象：困难情况、帮扶目标、措施及责任人、跟踪评估与结案"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/support-plans/new')}>
            制定帮扶计划
          </Button>
        )
      }
    >
      <RecordTable<SupportPlanDto>
        queryKey={supportPlanKeys.list}
        fetchPage={supportPlanApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="support-plans"
        ledger="一人一策帮扶台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无帮扶计划"
      />
    </PageShell>
  );
}
