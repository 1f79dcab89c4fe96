// 帮扶援助台账: the applications of the caller's range with filters (unit, status, ground, form), sort
// and paging; the ledger export follows the filter (ID numbers masked).
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Tag, Typography } from 'antd';
import { BarChartOutlined, DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { assistanceFormLabels, assistanceForms, assistanceGroundShort, assistanceGrounds, assistanceStatusLabels, assistanceStatuses, type AssistanceDto } from '../../../shared/schemas/assistance';
import { assistanceApi, assistanceKeys } from '../../api/assistance';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { AidStatusTag, Yuan } from './aid-tags';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: assistanceStatuses.map((s) => ({ value: s, label: assistanceStatusLabels[s] })), width: 110 },
  { kind: 'select', name: 'ground', label: '困难类型', options: assistanceGrounds.map((g) => ({ value: g, label: assistanceGroundShort[g] })), width: 130 },
  { kind: 'select', name: 'form', label: '帮扶方式', options: assistanceForms.map((f) => ({ value: f, label: assistanceFormLabels[f] })), width: 150, advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={assistanceApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

export function AidListPage() {
  const canWrite = useCan('assistance:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<AssistanceDto>[] = [
    {
      key: 'recipient',
      title: '帮扶对象 / 困难类型',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/assistance/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> · {assistanceGroundShort[r.ground]}</span>
          {r.source === 'online' && <Tag color="blue" style={{ marginInlineStart: 6 }}>网上申请</Tag>}
          {r.repeatFlagged && !r.repeatReason && <div className="aid-cell-summary">期限内已获援助：受理时须说明理由</div>}
          {r.repeatReason && <div className="aid-cell-summary">重复申请：{r.repeatReason}</div>}
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <AidStatusTag status={r.status} />
              <Typography.Text type="secondary">
                {r.openedOn}
                {r.waitingUnitName ? ` · 待${r.waitingUnitName}` : ''}
              </Typography.Text>
              {r.form && <Yuan fen={r.amountFen + r.goodsValueFen} />}
            </Space>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '受理单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'openedOn', title: '申请日期', dataIndex: 'openedOn', sortKey: 'openedOn', responsive: ['md'] },
    { key: 'verified', title: '核实', responsive: ['lg'], render: (_v, r) => (r.verified ? '已核实' : '未核实') },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <AidStatusTag status={r.status} /> },
    { key: 'waiting', title: '当前办理', responsive: ['lg'], render: (_v, r) => r.waitingUnitName ?? '—' },
    { key: 'form', title: '帮扶方式', responsive: ['sm'], render: (_v, r) => (r.form ? assistanceFormLabels[r.form] : '—') },
    { key: 'amountFen', title: '金额', sortKey: 'amountFen', responsive: ['sm'], render: (_v, r) => (r.form ? <Yuan fen={r.amountFen + r.goodsValueFen} /> : '—') },
    { key: 'decidedOn', title: '决定日期', dataIndex: 'decidedOn', responsive: ['xl'], defaultHidden: true },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="帮扶援助"
      subtitle="困难退役军人帮扶援助：申请、核实、逐级审核审批、公示、转介救助与回访"
      extra={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/assistance/figures')}>
            统计
          </Button>
          <Button icon={<SettingOutlined />} onClick={() => navigate('/assistance/settings')}>
            设置
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/assistance/new')}>
              受理申请
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<AssistanceDto>
        queryKey={assistanceKeys.list}
        fetchPage={assistanceApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="assistance"
        ledger="帮扶援助台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无帮扶援助申请"
      />
    </PageShell>
  );
}
