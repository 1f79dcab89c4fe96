// 服务事项目录: the catalog as seen from a unit of the caller's range (its own items and those of
// the units above), filtered by kind, status and name; a reviewer publishes new items here.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { serviceItemKindLabels, serviceItemKinds, serviceItemStatusLabels, serviceItemStatuses, type ServiceItemDto } from '../../../shared/schemas/service-items';
import { serviceItemApi, serviceItemKeys } from '../../api/service-items';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';
import { KindTag, StatusTag, ToFillTag, stepLimit } from './service-item-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '事项名称', placeholder: '事项名称', width: 200, live: true, phonePlaceholder: '搜索事项名称' },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '查看单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="本单位看到的目录" style={{ width: 240, maxWidth: '100%' }} aria-label="查看单位" />,
  },
  { kind: 'select', name: 'kind', label: '事项类别', options: serviceItemKinds.map((k) => ({ value: k, label: serviceItemKindLabels[k] })), width: 150 },
  { kind: 'select', name: 'status', label: '状态', options: serviceItemStatuses.map((k) => ({ value: k, label: serviceItemStatusLabels[k] })), width: 110 },
];

function stepsText(r: ServiceItemDto): string {
  return r.steps.map((s) => `${s.label}（${stepLimit(s)}）`).join(' → ');
}

function ItemCard({ r }: { r: ServiceItemDto }) {
  return (
    <Card size="small" className="item-card">
      <Link to={`/service-items/${encodeURIComponent(r.id)}`} className="item-card-title">
        {r.name}
      </Link>
      <div className="item-card-tags">
        <KindTag kind={r.kind} />
        <StatusTag status={r.status} />
        <ToFillTag toFill={r.toFill} />
      </div>
      <div className="muted item-card-sub">
        {r.orgUnitName}发布 · 材料 {r.materials.length} 项 · {r.noticeRequired ? `公示${r.noticeDays ? ` ${r.noticeDays} 天` : ''}` : '不需公示'}
      </div>
      <div className="item-card-sub">{stepsText(r)}</div>
    </Card>
  );
}

export function ServiceItemListPage() {
  const canReview = useCan('services:review');
  const navigate = useNavigate();
  const columns: RecordColumn<ServiceItemDto>[] = [
    {
      key: 'name',
      title: '事项名称',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/service-items/${encodeURIComponent(r.id)}`}>
            <strong>{r.name}</strong>
          </Link>
          <div>
            <ToFillTag toFill={r.toFill} />
          </div>
        </div>
      ),
    },
    { key: 'kind', title: '类别', render: (_v, r) => <KindTag kind={r.kind} /> },
    { key: 'orgUnitName', title: '发布单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'steps', title: '办理环节与时限', responsive: ['lg'], render: (_v, r) => <span className="item-steps-cell">{stepsText(r)}</span> },
    { key: 'materials', title: '材料', responsive: ['md'], render: (_v, r) => `${r.materials.length} 项` },
    { key: 'notice', title: '公示', responsive: ['md'], render: (_v, r) => (r.noticeRequired ? (r.noticeDays ? `${r.noticeDays} 天` : <span className="muted">需公示，天数待填</span>) : <span className="muted">不需</span>) },
    { key: 'status', title: '状态', render: (_v, r) => <StatusTag status={r.status} /> },
  ];
  return (
    <PageShell
      title="服务事项"
      subtitle="本单位可办理的事项：上级发布的事项下级继承，县级可增加本地优待事项，或为上级事项制定本地版本（补齐时限等）"
      extra={
        canReview && (
          <Space>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/service-items/new')}>
              新增事项
            </Button>
          </Space>
        )
      }
    >
      <RecordTable<ServiceItemDto>
        queryKey={serviceItemKeys.list}
        fetchPage={serviceItemApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="service-items"
        emptyText="没有符合条件的服务事项"
        cardRender={(r) => <ItemCard r={r} />}
      />
      <Typography.Paragraph type="secondary" className="item-foot-note">
        “待填写”为政策文件未明确、需由县级中心根据本地实际填写的内容（如各环节办理时限、公示天数），填写前办件不计算该环节期限。
      </Typography.Paragraph>
    </PageShell>
  );
}
