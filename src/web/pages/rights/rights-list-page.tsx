// 权益维护案件台账: the cases of the caller's range with filters (unit, status, kind, responsible
// party, open, overdue, opened period), sort and paging; this year's figures above; the ledger
// export follows the filter (ID numbers always masked, the export audited by the server).
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Grid, Row, Space, Statistic, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { partyKindLabels, partyKinds, rightsKindLabels, rightsKinds, rightsSourceLabels, rightsStatusLabels, rightsStatuses, type RightsListItem } from '../../../shared/schemas/rights';
import { rightsApi, rightsKeys, useRightsFigures } from '../../api/rights';
import { todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { RightsStatusTag } from './rights-tags';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: rightsStatuses.map((s) => ({ value: s, label: rightsStatusLabels[s] })), width: 140 },
  { kind: 'select', name: 'overdue', label: '超期', options: [{ value: 'true', label: '已超期' }], width: 120 },
  { kind: 'select', name: 'kind', label: '权益类别', options: rightsKinds.map((k) => ({ value: k, label: rightsKindLabels[k] })), width: 190, advanced: true },
  { kind: 'select', name: 'partyKind', label: '责任主体', options: partyKinds.map((k) => ({ value: k, label: partyKindLabels[k] })), width: 130, advanced: true },
  { kind: 'select', name: 'open', label: '在办', options: [{ value: 'true', label: '在办' }, { value: 'false', label: '已结束' }], width: 110, advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={rightsApi.ledgerUrl(params)} download>
      导出台账（身份证号脱敏）
    </Button>
  );
}

function Figures() {
  const to = todayDay();
  const from = `${to.slice(0, 4)}-01-01`;
  const q = useRightsFigures(from, to);
  if (!q.data) return null;
  const f = q.data;
  return (
    <Card size="small" className="rights-figures" data-testid="rights-figures" title={<span className="muted">{`${from} 至 ${to}`}</span>}>
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title="登记" value={f.opened} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="办结（按期/超期）" value={`${f.closedOnTime}/${f.closedLate}`} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="在办" value={f.open} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="在办超期" value={f.openOverdue} valueStyle={f.openOverdue ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
    </Card>
  );
}

export function RightsListPage() {
  const canWrite = useCan('rights:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<RightsListItem>[] = [
    {
      key: 'recipient',
      title: '服务对象 / 权益类别',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/rights/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> · {rightsKindLabels[r.kind]}</span>
          <div className="rights-cell-summary">
            {partyKindLabels[r.partyKind]}：{r.partyName}
          </div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <RightsStatusTag c={r} />
              <Typography.Text type="secondary">
                {r.openedOn}
                {r.dueDay && (r.status === 'verifying' || r.status === 'supervising') ? ` · ${r.dueDay} 前` : ''}
              </Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'openedOn', title: '登记日期', dataIndex: 'openedOn', sortKey: 'openedOn', responsive: ['md'] },
    { key: 'source', title: '来源', responsive: ['lg'], defaultHidden: true, render: (_v, r) => rightsSourceLabels[r.source] },
    { key: 'notices', title: '督办通知', responsive: ['lg'], render: (_v, r) => (r.noticeCount ? `${r.noticeCount} 次` : '—') },
    { key: 'dueDay', title: '办理期限', sortKey: 'dueDay', responsive: ['sm'], render: (_v, r) => (r.status === 'verifying' || r.status === 'supervising' ? (r.dueDay ?? '—') : r.closedOn ? `办结 ${r.closedOn}` : '—') },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <RightsStatusTag c={r} /> },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="权益维护"
      subtitle="登记权益受损或政策未落实的情况，核查、督办责任主体落实、跟进直至办结；不符合政策的做好解释说明"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/rights/new')}>
            登记案件
          </Button>
        )
      }
    >
      <Figures />
      <RecordTable<RightsListItem>
        queryKey={rightsKeys.list}
        fetchPage={rightsApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="rights"
        ledger="权益维护案件台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无权益维护案件"
      />
    </PageShell>
  );
}
