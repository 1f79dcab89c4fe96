// 矛盾纠纷排查化解台账: the disputes of the caller's range with filters, sort and paging; the ledger
// export follows the filter. 登记 opens the phone-friendly form; 月度汇总 the monthly summary.
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Typography } from 'antd';
import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { disputeMethodLabels, disputeMethods, disputeStatusLabels, disputeStatuses, riskLevelLabels, riskLevels, type DisputeDto } from '../../../shared/schemas/disputes';
import { disputeApi, disputeKeys } from '../../api/disputes';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { DisputeStatusTag, RiskTag } from './dispute-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '关键词', placeholder: '当事人或纠纷情况', width: 190 },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: disputeStatuses.map((s) => ({ value: s, label: disputeStatusLabels[s] })), width: 110 },
  { kind: 'select', name: 'riskLevel', label: '风险等级', options: riskLevels.map((r) => ({ value: r, label: riskLevelLabels[r] })), width: 110 },
  { kind: 'select', name: 'overdue', label: '超期', options: [{ value: 'true', label: '已超期' }], width: 110 },
  { kind: 'select', name: 'method', label: '排查方式', options: disputeMethods.map((m) => ({ value: m, label: disputeMethodLabels[m] })), width: 110, advanced: true },
  { kind: 'select', name: 'mine', label: '我负责的', options: [{ value: 'true', label: '我是责任人或包案领导' }], width: 200, advanced: true },
  { kind: 'dateRange', from: 'foundFrom', to: 'foundTo', label: '排查日期', advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={disputeApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

export function DisputeListPage() {
  const canWrite = useCan('disputes:write');
  const navigate = useNavigate();
  // on a phone the tags and the deadline go under the parties, so nothing is off screen
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<DisputeDto>[] = [
    {
      key: 'parties',
      title: '当事人 / 纠纷简要情况',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/disputes/${r.id}`}>
            <Typography.Text strong>{r.parties.map((p) => p.name).join('、')}</Typography.Text>
          </Link>
          <div className="dispute-cell-summary">{r.summary}</div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <RiskTag level={r.riskLevel} />
              <DisputeStatusTag d={r} />
              <Typography.Text type="secondary">{r.status === 'closed' ? `销号 ${r.closedOn ?? ''}` : `时限 ${r.deadline}`}</Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'foundOn', title: '排查日期', dataIndex: 'foundOn', sortKey: 'foundOn', responsive: ['md'] },
    { key: 'method', title: '排查方式', responsive: ['lg'], render: (_v, r) => disputeMethodLabels[r.method] },
    { key: 'village', title: '所属村(社区)', dataIndex: 'villageName', responsive: ['md'] },
    { key: 'risk', title: '风险等级', responsive: ['sm'], render: (_v, r) => <RiskTag level={r.riskLevel} /> },
    { key: 'responsible', title: '责任人', responsive: ['sm'], render: (_v, r) => (r.leaderName ? `${r.responsibleName}（包案：${r.leaderName}）` : r.responsibleName) },
    { key: 'deadline', title: '化解时限', dataIndex: 'deadline', sortKey: 'deadline', responsive: ['sm'] },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <DisputeStatusTag d={r} /> },
    { key: 'closedOn', title: '销号日期', dataIndex: 'closedOn', responsive: ['lg'], defaultHidden: true },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="矛盾纠纷排查化解"
      subtitle="接访、下访、入户、网络排查发现的矛盾纠纷：登记建账、落实责任人和时限、记录化解进展，一案一销"
      extra={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/disputes/summary')}>
            月度汇总与报送
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/disputes/new')}>
              登记矛盾纠纷
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<DisputeDto>
        queryKey={disputeKeys.list}
        fetchPage={disputeApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="disputes"
        ledger="矛盾纠纷排查化解台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无矛盾纠纷记录"
      />
    </PageShell>
  );
}
