// 就业信息台账: every registered veteran of the range with status, intention and skills; filters
// (unit, status, seeking, due for confirmation, skill, name), sort, paging and the .xlsx ledger.
import { Link } from 'react-router';
import { Button, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { EmploymentProfileDto } from '../../../shared/schemas/employment';
import { employmentStatusLabels, employmentStatuses } from '../../../shared/schemas/recipients';
import { skillCodes, skillLabels } from '../../../shared/rules/job-matching';
import { employmentApi, employmentKeys } from '../../api/employment';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { EmploymentNav } from './employment-nav';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'name', label: '姓名', placeholder: '姓名', width: 120, live: true },
  { kind: 'custom', name: 'orgUnitId', label: '所属单位', render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" /> },
  { kind: 'select', name: 'status', label: '就业状况', options: [...employmentStatuses.map((s) => ({ value: s, label: employmentStatusLabels[s] })), { value: 'none', label: '未填' }], width: 150 },
  { kind: 'select', name: 'seeking', label: '求职意向', options: [{ value: '1', label: '有求职意向' }, { value: '0', label: '无' }], width: 130 },
  { kind: 'select', name: 'due', label: '待核实', options: [{ value: '1', label: '待核实' }], width: 110 },
  { kind: 'select', name: 'skill', label: '技能特长', options: skillCodes.map((c) => ({ value: c, label: skillLabels[c] })), width: 150, advanced: true },
];

export function ProfilesListPage() {
  const columns: RecordColumn<EmploymentProfileDto>[] = [
    {
      key: 'name',
      title: '姓名',
      sortKey: 'name',
      fixedShown: true,
      render: (_v, p) => (
        <div>
          <Link to={`/employment/profiles/${p.recipientId}`}>
            <Typography.Text strong>{p.recipientName}</Typography.Text>
          </Link>
          <span className="muted"> · {p.orgUnitName}</span>
          {p.due && (
            <Tag color="orange" style={{ marginLeft: 6 }}>
              待核实
            </Tag>
          )}
        </div>
      ),
    },
    { key: 'status', title: '就业状况', render: (_v, p) => (p.status ? employmentStatusLabels[p.status] : '未填') },
    { key: 'seeking', title: '求职意向', responsive: ['sm'], render: (_v, p) => (p.seeking ? <Tag color="blue">求职中</Tag> : '—') },
    { key: 'skills', title: '技能特长', responsive: ['md'], render: (_v, p) => p.skills.map((s) => skillLabels[s]).join('、') || '—' },
    { key: 'confirmedOn', title: '核实日期', sortKey: 'confirmedOn', responsive: ['md'], render: (_v, p) => p.confirmedOn ?? '从未核实' },
  ];
  return (
    <PageShell title="就业创业" subtitle="退役军人就业状况、求职意向、技能与培训意愿，定期核实；岗位匹配与推荐">
      <EmploymentNav />
      <RecordTable<EmploymentProfileDto>
        queryKey={employmentKeys.profiles}
        fetchPage={employmentApi.profiles}
        columns={columns}
        rowKey="recipientId"
        filters={filters}
        storageKey="employment-profiles"
        ledger="就业创业台账"
        exportSlot={(params: RecordParams) => (
          <Space>
            <Button icon={<DownloadOutlined />} href={employmentApi.ledgerUrl(params)} download>
              导出台账
            </Button>
          </Space>
        )}
        emptyText="暂无退役军人就业信息"
      />
    </PageShell>
  );
}
