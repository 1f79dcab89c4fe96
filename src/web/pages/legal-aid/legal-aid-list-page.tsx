// 法律援助台账: the cases of the caller's range with filters (unit, status, route, matter, overdue
// acknowledgement), sort and paging; the figures of the range above; the ledger export follows the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Col, Grid, Row, Space, Statistic, Typography } from 'antd';
import { BankOutlined, DownloadOutlined, HeartOutlined, PlusOutlined } from '@ant-design/icons';
import {
  legalAidMatterKindLabels,
  legalAidMatterKinds,
  legalAidRouteLabels,
  legalAidRoutes,
  legalAidStatusLabels,
  legalAidStatuses,
  type LegalAidDto,
} from '../../../shared/schemas/legal-aid';
import { legalAidApi, legalAidKeys, useLegalAidFigures } from '../../api/legal-aid';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { LegalAidStatusTag } from './legal-aid-tags';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: legalAidStatuses.map((s) => ({ value: s, label: legalAidStatusLabels[s] })), width: 150 },
  { kind: 'select', name: 'ackOverdue', label: '回执超期', options: [{ value: 'true', label: '回执已超期' }], width: 130 },
  { kind: 'select', name: 'route', label: '建议途径', options: legalAidRoutes.map((r) => ({ value: r, label: legalAidRouteLabels[r] })), width: 160, advanced: true },
  { kind: 'select', name: 'matterKind', label: '事项类别', options: legalAidMatterKinds.map((k) => ({ value: k, label: legalAidMatterKindLabels[k] })), width: 130, advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={legalAidApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

function Figures() {
  const q = useLegalAidFigures(undefined);
  if (!q.data) return null;
  const f = q.data;
  const acked = f.ackOnTime + f.ackLate;
  return (
    <Card size="small" className="legal-aid-figures" data-testid="legal-aid-figures">
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title="在办" value={f.open} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="案结事了" value={f.closed} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="回执按时" value={acked ? `${f.ackOnTime}/${acked}` : '—'} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="回执超期未到" value={f.ackOverdueOpen} valueStyle={f.ackOverdueOpen ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
    </Card>
  );
}

export function LegalAidListPage() {
  const canWrite = useCan('legalAid:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<LegalAidDto>[] = [
    {
      key: 'recipient',
      title: '申请人 / 申请事项',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/legal-aid/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> · {legalAidMatterKindLabels[r.matterKind]}</span>
          <div className="legal-aid-cell-summary">{r.matter}</div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <LegalAidStatusTag c={r} />
              <Typography.Text type="secondary">
                {r.appliedOn} · {r.partnerName ?? legalAidRouteLabels[r.route]}
              </Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'appliedOn', title: '申请日期', dataIndex: 'appliedOn', sortKey: 'appliedOn', responsive: ['md'] },
    { key: 'route', title: '建议途径', responsive: ['lg'], defaultHidden: true, render: (_v, r) => legalAidRouteLabels[r.route] },
    { key: 'partner', title: '转介机构', responsive: ['sm'], render: (_v, r) => r.partnerName ?? '—' },
    { key: 'ackDueDay', title: '回执期限', sortKey: 'ackDueDay', responsive: ['sm'], render: (_v, r) => (r.status === 'referred' ? r.ackDueDay : r.acknowledgedOn ? `已回执 ${r.acknowledgedOn}` : '—') },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <LegalAidStatusTag c={r} /> },
    { key: 'closedOn', title: '结案日期', dataIndex: 'closedOn', responsive: ['lg'], defaultHidden: true },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="法律援助"
      subtitle="登记申请、告知途径、转介法律援助中心或合作律师事务所、跟踪直至案结事了"
      extra={
        <Space wrap>
          <Button icon={<BankOutlined />} onClick={() => navigate('/legal-aid/partners')}>
            机构名录
          </Button>
          <Button icon={<HeartOutlined />} onClick={() => navigate('/legal-aid/care-records')}>
            关爱服务记录
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/legal-aid/new')}>
              登记申请
            </Button>
          )}
        </Space>
      }
    >
      <Figures />
      <RecordTable<LegalAidDto>
        queryKey={legalAidKeys.list}
        fetchPage={legalAidApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="legal-aid"
        ledger="法律援助台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无法律援助申请"
      />
    </PageShell>
  );
}
