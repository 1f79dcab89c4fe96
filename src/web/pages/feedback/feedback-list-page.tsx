// 意见簿（监督卡）: the entries of the caller's range with filters, sort and paging; the ledger export
// follows the filter. 服务承诺与监督员 opens the unit's public-page lists.
// 答复期限 opens the reply deadline setting.
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Typography } from 'antd';
import { DownloadOutlined, FieldTimeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { feedbackKindLabels, feedbackKinds, feedbackStatusLabels, feedbackStatuses, type FeedbackDto } from '../../../shared/schemas/feedback';
import { feedbackApi, portalKeys } from '../../api/portal';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { FeedbackStatusTag, KindTag } from './feedback-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '关键词', placeholder: '意见内容', width: 170 },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'status', label: '状态', options: feedbackStatuses.map((s) => ({ value: s, label: feedbackStatusLabels[s] })), width: 110 },
  { kind: 'select', name: 'kind', label: '类别', options: feedbackKinds.map((k) => ({ value: k, label: feedbackKindLabels[k] })), width: 100 },
  { kind: 'select', name: 'overdue', label: '超期', options: [{ value: 'true', label: '已超期' }], width: 110 },
  { kind: 'select', name: 'published', label: '公开', options: [{ value: 'true', label: '已公开' }, { value: 'false', label: '未公开' }], width: 110, advanced: true },
];

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={feedbackApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

export function FeedbackListPage() {
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<FeedbackDto>[] = [
    {
      key: 'text',
      title: '内容',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/feedback/${r.id}`}>
            <Typography.Text strong ellipsis style={{ maxWidth: 420 }}>
              {r.text}
            </Typography.Text>
          </Link>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <KindTag f={r} />
              <FeedbackStatusTag f={r} />
              <Typography.Text type="secondary">{r.status === 'replied' ? `答复 ${r.repliedOn ?? ''}` : `期限 ${r.dueDay ?? ''}`}</Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'kind', title: '类别', responsive: ['sm'], render: (_v, r) => <KindTag f={r} /> },
    { key: 'submittedAt', title: '收到日期', sortKey: 'submittedAt', responsive: ['md'], render: (_v, r) => r.submittedOn },
    { key: 'unit', title: '单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'writer', title: '署名', dataIndex: 'writerName', responsive: ['lg'] },
    { key: 'rating', title: '评价', sortKey: 'rating', responsive: ['lg'], render: (_v, r) => (r.rating ? `${r.rating} 星` : '') },
    { key: 'dueDay', title: '答复期限', dataIndex: 'dueDay', sortKey: 'dueDay', responsive: ['sm'] },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <FeedbackStatusTag f={r} /> },
    { key: 'repliedOn', title: '答复日期', dataIndex: 'repliedOn', responsive: ['lg'], defaultHidden: true },
  ];
  return (
    <PageShell
      title="意见簿"
      subtitle="公开页面“意见簿 · 监督卡”收到的意见、建议、投诉和表扬：按期答复，答复可在本单位公开页面公开"
      extra={
        <Space wrap>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate('/feedback/service')}>
            服务承诺与监督员
          </Button>
          <Button icon={<FieldTimeOutlined />} onClick={() => navigate('/feedback/settings')}>
            答复期限
          </Button>
        </Space>
      }
    >
      <RecordTable<FeedbackDto>
        queryKey={portalKeys.list}
        fetchPage={feedbackApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="feedback"
        ledger="意见簿（监督卡）登记台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无意见"
      />
    </PageShell>
  );
}
