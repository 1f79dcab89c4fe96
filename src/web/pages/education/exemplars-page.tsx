// 优秀退役军人典型: the recommendations and the pool of the caller's range (unit, state, kind,
// category, 待我审核, those named for major celebrations and the gazetteer); the ledger export
// follows the filter. A recommendation starts on the person's page (教育管理 panel).
import { Link, useNavigate } from 'react-router';
import { Button, Space, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, FlagOutlined } from '@ant-design/icons';
import {
  exemplarCategories,
  exemplarCategoryLabels,
  exemplarKindLabels,
  exemplarKinds,
  exemplarStatusLabels,
  exemplarStatuses,
  type ExemplarDto,
} from '../../../shared/schemas/education';
import { educationApi, educationKeys } from '../../api/education';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { ExemplarStatusTag, GazetteerTag } from './education-tags';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'name', label: '姓名', placeholder: '姓名', width: 120, live: true },
  { kind: 'select', name: 'waitingOnMe', label: '待我审核', options: [{ value: 'true', label: '待本单位审核' }], width: 150 },
  { kind: 'select', name: 'gazetteer', label: '庆典·地方志', options: [{ value: 'true', label: '推荐参加重大庆典、写入地方志' }, { value: 'false', label: '其他' }], width: 230 },
  { kind: 'select', name: 'status', label: '状态', options: exemplarStatuses.map((s) => ({ value: s, label: exemplarStatusLabels[s] })), width: 150 },
  { kind: 'select', name: 'kind', label: '推荐类别', options: exemplarKinds.map((s) => ({ value: s, label: exemplarKindLabels[s] })), width: 220, advanced: true },
  { kind: 'select', name: 'category', label: '典型类别', options: exemplarCategories.map((s) => ({ value: s, label: exemplarCategoryLabels[s] })), width: 160, advanced: true },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '推荐单位',
    advanced: true,
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="推荐单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="推荐单位" />,
  },
];

export function ExemplarsPage() {
  const navigate = useNavigate();
  const columns: RecordColumn<ExemplarDto>[] = [
    {
      key: 'person',
      title: '典型 / 事迹',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/education/exemplars/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> {r.title}</span>
          <div>
            <Space size={4} wrap>
              <ExemplarStatusTag e={r} />
              <GazetteerTag grounds={r.gazetteer} />
            </Space>
          </div>
        </div>
      ),
    },
    { key: 'kind', title: '推荐类别', responsive: ['md'], render: (_v, r) => exemplarKindLabels[r.kind] },
    { key: 'category', title: '典型类别', responsive: ['sm'], render: (_v, r) => exemplarCategoryLabels[r.category] },
    { key: 'unit', title: '推荐单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
    { key: 'accepted', title: '入库', responsive: ['md'], render: (_v, r) => (r.acceptedOn ? `${r.acceptedUnitName ?? ''} ${r.acceptedOn}` : '—') },
  ];
  return (
    <PageShell
      title="优秀退役军人典型"
      subtitle="政治素质好、表现优秀的退役军人逐级推荐，纳入典型资源库或推荐进入村（社区）“两委”班子"
      extra={
        <Space wrap>
          <Button icon={<FlagOutlined />} onClick={() => navigate('/education/gazetteer')}>
            庆典·地方志人选
          </Button>
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/education/activities')}>
            学习教育活动
          </Button>
        </Space>
      }
    >
      <RecordTable<ExemplarDto>
        queryKey={educationKeys.exemplars}
        fetchPage={educationApi.exemplars}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="education-exemplars"
        ledger="优秀退役军人典型台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={educationApi.exemplarsLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无典型推荐（请从服务对象详情页的“教育管理”推荐）"
      />
    </PageShell>
  );
}
