// 疑难问题: the problems raised in the caller's range (state, level now at, category, reporting
// period, raising unit, 待我研究), sort and paging; the ledger export follows the filter (ID numbers
// always masked, the export audited by the server).
import { Link, useNavigate } from 'react-router';
import { Button, Grid, Space, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { hardProblemCategories, hardProblemCategoryLabels, hardProblemLevelLabels, hardProblemLevels, type HardProblemDto } from '../../../shared/schemas/hard-problems';
import { hardProblemApi, hardProblemKeys } from '../../api/hard-problems';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { periodOptions } from '../../components/period-select';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';
import { HardProblemStatusTag } from './hard-problems-tags';
import './hard-problems.css';

const filters: RecordFilter[] = [
  { kind: 'select', name: 'waitingOnMe', label: '待我研究', options: [{ value: 'true', label: '待本单位研究' }], width: 150 },
  { kind: 'select', name: 'status', label: '状态', options: [{ value: 'open', label: '在办' }, { value: 'resolved', label: '已解决' }, { value: 'withdrawn', label: '已撤回' }], width: 120 },
  { kind: 'select', name: 'level', label: '所在层级', options: hardProblemLevels.map((l) => ({ value: l, label: `${hardProblemLevelLabels[l]}研究中` })), width: 160 },
  { kind: 'select', name: 'category', label: '问题类别', options: hardProblemCategories.map((c) => ({ value: c, label: hardProblemCategoryLabels[c] })), width: 170, advanced: true },
  { kind: 'select', name: 'period', label: '上报期间', options: [...periodOptions('month'), ...periodOptions('quarter'), ...periodOptions('year')], width: 150, advanced: true },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '上报单位',
    advanced: true,
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="上报单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="上报单位" />,
  },
];

export function HardProblemsPage() {
  const canWrite = useCan('hardProblems:write');
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<HardProblemDto>[] = [
    {
      key: 'title',
      title: '问题 / 类别',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/hard-problems/${r.id}`}>
            <Typography.Text strong>{r.title}</Typography.Text>
          </Link>
          <span className="muted"> · {hardProblemCategoryLabels[r.category]}</span>
          {r.recipientName && <div className="muted">涉及：{r.recipientName}</div>}
          {narrow && (
            <div className="hard-problem-cell-meta">
              <HardProblemStatusTag p={r} />
              <Typography.Text type="secondary">
                {r.orgUnitName} {r.reportedOn} 上报
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '上报单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'reportedOn', title: '上报日期', dataIndex: 'reportedOn', sortKey: 'reportedOn', responsive: ['md'] },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <HardProblemStatusTag p={r} /> },
    { key: 'dueDay', title: '研究时限', sortKey: 'dueDay', responsive: ['lg'], render: (_v, r) => r.dueDay ?? (r.closedOn ? `办结 ${r.closedOn}` : '—') },
    { key: 'lastReviewOn', title: '最近月度研究', responsive: ['xl'], render: (_v, r) => r.lastReviewOn ?? '—' },
    { key: 'resolved', title: '解决', responsive: ['lg'], render: (_v, r) => (r.resolvedLevel ? `${r.resolvedUnitName ?? ''}（${hardProblemLevelLabels[r.resolvedLevel]}）` : '—') },
    { key: 'updatedAt', title: '最近更新', sortKey: 'updatedAt', responsive: ['xl'], defaultHidden: true, render: (_v, r) => r.updatedAt.slice(0, 10) },
  ];
  return (
    <PageShell
      title="疑难问题"
      subtitle="下级服务站上报的问题和困难：乡镇（街道）及时专题研究，县级每月研究，解决不了的及时上报，跟踪至解决"
      extra={
        <Space wrap>
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/hard-problems/review')}>
            每月研究
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/hard-problems/new')}>
              上报疑难问题
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<HardProblemDto>
        queryKey={hardProblemKeys.list}
        fetchPage={hardProblemApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="hard-problems"
        ledger="疑难问题台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={hardProblemApi.ledgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无疑难问题"
      />
    </PageShell>
  );
}
