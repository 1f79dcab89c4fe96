// 今年退役人员适应性培训 (Part 4 五(一)): every veteran of the range discharged this year and where they
// stand with the adaptive training (未参训 / 在训未结业 / 已结业), with the figures per unit below.
import { Link } from 'react-router';
import { Card, Progress, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { coverageStateLabels, coverageStates, type CoverageItem, type CoverageState } from '../../../shared/schemas/trainings';
import { trainingApi, trainingKeys, useTrainingFigures } from '../../api/trainings';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { TrainingsNav } from './trainings-nav';

const filters: RecordFilter[] = [
  {
    kind: 'select',
    name: 'state',
    label: '培训情况',
    options: [{ value: 'open', label: '未结业（默认）' }, ...coverageStates.map((s) => ({ value: s, label: coverageStateLabels[s] })), { value: 'all', label: '全部' }],
    width: 150,
  },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
];

const stateColors: Record<CoverageState, string> = { notEnrolled: 'red', enrolled: 'orange', completed: 'green' };

function Figures() {
  const year = dayjs().format('YYYY');
  const q = useTrainingFigures(`${year}-01-01`, `${year}-12-31`);
  if (!q.data) return null;
  return (
    <Card size="small" title={`${year}年培训统计`} style={{ marginBottom: 12 }} data-testid="training-figures">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={q.data.units}
        columns={[
          { key: 'name', title: '单位', dataIndex: 'name' },
          { key: 'd', title: '今年退役', dataIndex: 'discharged' },
          { key: 'e', title: '已参训', dataIndex: 'enrolled', responsive: ['sm'] },
          { key: 'c', title: '已结业', dataIndex: 'covered' },
          { key: 'r', title: '覆盖率', render: (_v, u) => <Progress percent={u.coverageRate} size="small" style={{ minWidth: 90 }} /> },
          { key: 'a', title: '适应性培训结业', dataIndex: 'completedAdaptive', responsive: ['md'] },
          { key: 's', title: '技能培训结业', dataIndex: 'completedSkills', responsive: ['md'] },
        ]}
      />
    </Card>
  );
}

export function CoveragePage() {
  const columns: RecordColumn<CoverageItem>[] = [
    {
      key: 'name',
      title: '姓名',
      fixedShown: true,
      render: (_v, c) => (
        <div>
          <Link to={`/recipients/${c.recipientId}`}>{c.name}</Link>
          <div className="muted">退役 {c.dischargeDate}</div>
        </div>
      ),
    },
    { key: 'state', title: '适应性培训', render: (_v, c) => <Tag color={stateColors[c.state]}>{coverageStateLabels[c.state]}</Tag> },
    { key: 'training', title: '培训', responsive: ['sm'], render: (_v, c) => (c.trainingId ? <Link to={`/trainings/courses/${c.trainingId}`}>{c.trainingName}</Link> : '—') },
    { key: 'done', title: '结业日期', responsive: ['md'], render: (_v, c) => c.completedOn ?? '—' },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
  ];
  return (
    <PageShell title="招聘会与培训" subtitle="今年退役的退役军人均应参加适应性培训：未参训、未结业的人员">
      <TrainingsNav />
      <Figures />
      <RecordTable<CoverageItem> queryKey={trainingKeys.coverage} fetchPage={trainingApi.coverage} columns={columns} rowKey="recipientId" filters={filters} storageKey="trainings-coverage" emptyText="今年退役的人员均已完成适应性培训" />
    </PageShell>
  );
}
