// 创业项目台账: the ventures of the caller's range (unit, stage, sector, veteran-founded), with the
// support given; the ledger export follows the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, HomeOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { industryCodes, industryLabels } from '../../../shared/rules/job-matching';
import { ventureStageLabels, ventureStages, type VentureDto } from '../../../shared/schemas/ventures';
import { ventureApi, ventureKeys } from '../../api/ventures';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'stage', label: '发展阶段', options: ventureStages.map((s) => ({ value: s, label: ventureStageLabels[s] })), width: 130 },
  { kind: 'select', name: 'sector', label: '所属行业', options: industryCodes.map((s) => ({ value: s, label: industryLabels[s] })), width: 180 },
  { kind: 'select', name: 'veteranFounded', label: '退役军人创办', options: [{ value: '1', label: '退役军人创办' }], width: 150 },
];

export const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function VenturesPage() {
  const navigate = useNavigate();
  const canWrite = useCan('employment:write');
  const columns: RecordColumn<VentureDto>[] = [
    {
      key: 'name',
      title: '项目 / 创办人',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/ventures/${r.id}`}>
            <Typography.Text strong>{r.name}</Typography.Text>
          </Link>
          <div className="muted">{r.founders.map((f) => f.name).join('、')}</div>
          <Space size={4} wrap>
            <Tag color="blue">{ventureStageLabels[r.stage]}</Tag>
            {r.veteranFounded && <Tag color="red">退役军人创办</Tag>}
          </Space>
        </div>
      ),
    },
    { key: 'sector', title: '所属行业', responsive: ['sm'], render: (_v, r) => industryLabels[r.sector] },
    { key: 'jobs', title: '带动就业', responsive: ['sm'], render: (_v, r) => `${r.jobsCreated} 人（退役军人 ${r.veteransEmployed}）` },
    { key: 'support', title: '扶持', responsive: ['md'], render: (_v, r) => (r.supportCount ? `${r.supportCount} 次 · ${yuan(r.supportTotal)} 元` : '—') },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="创业项目"
      subtitle="退役军人创业项目与扶持，培育致富带头人"
      extra={
        <Space wrap>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/ventures/new')}>
              登记创业项目
            </Button>
          )}
          <Button icon={<TeamOutlined />} onClick={() => navigate('/ventures/mentors')}>
            创业导师
          </Button>
          <Button icon={<HomeOutlined />} onClick={() => navigate('/ventures/zero-employment')}>
            零就业家庭
          </Button>
        </Space>
      }
    >
      <RecordTable<VentureDto>
        queryKey={ventureKeys.list}
        fetchPage={ventureApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="ventures"
        ledger="退役军人创业项目台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={ventureApi.ledgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无创业项目"
      />
    </PageShell>
  );
}
