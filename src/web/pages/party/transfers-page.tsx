// 组织关系转接台账: the transfers of the caller's range (unit, status, overdue), with this year's
// figures of transfers done on time; the ledger export follows the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { ApartmentOutlined, CalendarOutlined, DownloadOutlined, HeartOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { partyTransferStatusLabels, partyTransferStatuses, type PartyTransferDto } from '../../../shared/schemas/party';
import { partyApi, partyKeys, usePartyFigures } from '../../api/party';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { TransferStatusTag } from './party-tags';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '办理单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="办理单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="办理单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: partyTransferStatuses.map((s) => ({ value: s, label: partyTransferStatusLabels[s] })), width: 170 },
  { kind: 'select', name: 'overdue', label: '超期', options: [{ value: 'true', label: '已超期未办结' }], width: 140 },
];

function Figures() {
  const year = dayjs().format('YYYY');
  const q = usePartyFigures(year);
  if (!q.data) return null;
  const t = q.data.total;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="party-figures">
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={`${year}年办结`} value={t.done} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="按时办结" value={t.done ? `${t.onTime}/${t.done}` : '—'} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="超期办结" value={t.late} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="在办已超期" value={q.data.overdueOpen} valueStyle={q.data.overdueOpen ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
    </Card>
  );
}

export function TransfersPage() {
  const navigate = useNavigate();
  const columns: RecordColumn<PartyTransferDto>[] = [
    {
      key: 'recipient',
      title: '党员 / 转接',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/party/transfers/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <div className="muted">
            {r.fromName} → {r.toName}
          </div>
          <Space size={4} wrap>
            <TransferStatusTag t={r} />
          </Space>
        </div>
      ),
    },
    { key: 'letterNo', title: '介绍信编号', dataIndex: 'letterNo', responsive: ['md'] },
    { key: 'letterIssuedOn', title: '开具日期', dataIndex: 'letterIssuedOn', responsive: ['sm'] },
    { key: 'dueDay', title: '应办结日期', responsive: ['sm'], render: (_v, r) => r.dueDay ?? '—' },
    { key: 'doneOn', title: '接收日期', responsive: ['md'], render: (_v, r) => r.doneOn ?? '—' },
    { key: 'unit', title: '办理单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="组织关系转接"
      subtitle="为退役军人党员转接组织关系提供一站式服务，及时编入党支部"
      extra={
        <Space wrap>
          <Button icon={<TeamOutlined />} onClick={() => navigate('/party/members')}>
            退役军人党员
          </Button>
          <Button icon={<ApartmentOutlined />} onClick={() => navigate('/party/branches')}>
            党支部
          </Button>
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/party/meetings')}>
            三会一课
          </Button>
          <Button icon={<HeartOutlined />} onClick={() => navigate('/party/teams')}>
            志愿服务队
          </Button>
        </Space>
      }
    >
      <Figures />
      <RecordTable<PartyTransferDto>
        queryKey={partyKeys.transfers}
        fetchPage={partyApi.transfers}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="party-transfers"
        ledger="组织关系转接台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={partyApi.transfersLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无组织关系转接（请从服务对象详情页的“党员信息”办理）"
      />
    </PageShell>
  );
}
