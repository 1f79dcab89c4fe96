// 信访事项登记台账 on screen: every petition of the user's range (检举控告 only for their named
// participants), filtered by channel, type, stage, unit, warning, receipt dates and "mine", sorted
// and paged by the server, with yellow/red warning marks and the ledger export of the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Typography } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { petitionChannelLabels, petitionTypeLabels, type PetitionListItem } from '../../../shared/schemas/petitions';
import { petitionApi, petitionKeys, petitionUrls } from '../../api/petitions';
import { LedgerExportButton } from '../../components/ledger-export-button';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { StatusTag, WarningMark, channelOptions, statusOptions, typeOptions } from './petition-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '信访人或编号', placeholder: '信访人、登记编号或诉求', width: 220 },
  { kind: 'select', name: 'status', label: '办理阶段', options: statusOptions, width: 150 },
  {
    kind: 'select',
    name: 'warning',
    label: '预警',
    options: [
      { value: 'red', label: '红色预警（逾期）' },
      { value: 'yellow', label: '黄色预警（3日内到期）' },
    ],
    width: 190,
  },
  {
    kind: 'select',
    name: 'mine',
    label: '我的信访件',
    options: [{ value: 'true', label: '我是首办责任人或包案领导' }],
    width: 220,
  },
  { kind: 'select', name: 'channel', label: '信访形式', options: channelOptions, width: 130, advanced: true },
  { kind: 'select', name: 'type', label: '事项类别', options: typeOptions, width: 130, advanced: true },
  {
    kind: 'select',
    name: 'open',
    label: '办结情况',
    options: [
      { value: 'true', label: '未办结' },
      { value: 'false', label: '已办结/终结' },
    ],
    width: 140,
    advanced: true,
  },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    advanced: true,
    render: (value, onChange) => (
      <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 240, maxWidth: '100%' }} aria-label="所属单位" />
    ),
  },
  { kind: 'dateRange', from: 'receivedFrom', to: 'receivedTo', label: '收到日期', advanced: true },
];

function DueCell({ r }: { r: PetitionListItem }) {
  if (!r.dueDay) return <span className="muted">—</span>;
  return (
    <Space size={4} wrap>
      <Typography.Text type={r.warning === 'red' ? 'danger' : r.warning === 'yellow' ? 'warning' : undefined}>{r.dueDay}</Typography.Text>
      <WarningMark warning={r.warning} dueDay={r.dueDay} />
    </Space>
  );
}

export function PetitionListPage() {
  const canWrite = useCan('petitions:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;

  const columns: RecordColumn<PetitionListItem>[] = [
    {
      key: 'registrationNo',
      title: '登记编号 / 信访人',
      fixedShown: true,
      sortKey: 'registrationNo',
      render: (_v, r) => (
        <div className="petition-row-title">
          <Link to={`/petitions/${encodeURIComponent(r.id)}`}>
            <strong>{r.petitionerName}</strong>
            {r.headcount > 1 ? `等 ${r.headcount} 人` : ''}
          </Link>
          <div className="petition-row-sub mono">{r.registrationNo}</div>
          <div className="petition-row-sub">{r.request.length > 40 ? `${r.request.slice(0, 40)}…` : r.request}</div>
          {narrow && (
            <div className="petition-row-sub">
              <StatusTag status={r.status} label={r.statusLabel} /> {r.dueDay && <DueCell r={r} />}
            </div>
          )}
        </div>
      ),
    },
    { key: 'channel', title: '信访形式', responsive: ['md'], render: (_v, r) => petitionChannelLabels[r.channel] },
    {
      key: 'type',
      title: '类别',
      responsive: ['md'],
      render: (_v, r) => (
        <span>
          {petitionTypeLabels[r.type]}
          {r.restricted && <span className="muted">（限定知悉）</span>}
        </span>
      ),
    },
    { key: 'receivedOn', title: '收到日期', dataIndex: 'receivedOn', sortKey: 'receivedOn', responsive: ['md'] },
    { key: 'orgUnitName', title: '办理单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
    { key: 'handlerName', title: '首办责任人', dataIndex: 'handlerName', responsive: ['lg'] },
    { key: 'leaderName', title: '包案领导', dataIndex: 'leaderName', responsive: ['lg'], defaultHidden: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { key: 'status', title: '办理阶段', responsive: ['md'], render: (_v, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
    { key: 'dueDay', title: '当前期限', sortKey: 'dueDay', responsive: ['md'], render: (_v, r) => <DueCell r={r} /> },
    {
      key: 'repeat',
      title: '重复件',
      responsive: ['lg'],
      defaultHidden: true,
      render: (_v, r) => (r.repeatOf ? <Link to={`/petitions/${encodeURIComponent(r.repeatOf)}`}>重复件，查看首件</Link> : <span className="muted">—</span>),
    },
  ];

  return (
    <PageShell
      title="信访事项"
      subtitle="登记、受理、办理、答复与复查复核；黄色预警为 3 日内到期，红色预警为已逾期"
      extra={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/petitions/dashboard')}>
            信访统计
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/petitions/new')}>
              登记信访
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<PetitionListItem>
        queryKey={petitionKeys.list}
        fetchPage={petitionApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="petitions"
        ledger="信访事项登记台账"
        exportSlot={(params: RecordParams) => (
          <LedgerExportButton params={params} path={petitionUrls.ledger} fallbackName="信访事项登记台账.xlsx" />
        )}
        emptyText="暂无信访事项"
      />
    </PageShell>
  );
}
