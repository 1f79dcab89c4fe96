// 三会一课及主题党日: the branch meetings of the caller's range (branch's unit, kind, period), with
// this quarter's count per branch and kind against the usual frequency; the ledger follows the filter.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { partyMeetingKindLabels, partyMeetingKinds, type PartyMeetingDto, type PartyMeetingFigureRow } from '../../../shared/schemas/party-life';
import { periodLabel, periodOf } from '../../../shared/rules/periods';
import { partyLifeApi, partyLifeKeys, useMeetingFigures } from '../../api/party-life';
import { todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="党支部所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="单位" />,
  },
  { kind: 'select', name: 'kind', label: '类别', options: partyMeetingKinds.map((k) => ({ value: k, label: partyMeetingKindLabels[k] })), width: 150 },
];

function Figures() {
  const period = periodOf(todayDay(), 'quarter');
  const q = useMeetingFigures(period);
  if (!q.data) return null;
  const f = q.data;
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={`${periodLabel(period)}各党支部召开情况（达标 ${f.branchesMet}/${f.rows.length}）`} data-testid="meeting-figures">
      <Table<PartyMeetingFigureRow>
        rowKey="branchId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={f.rows}
        locale={{ emptyText: '暂无党支部' }}
        columns={[
          { key: 'branch', title: '党支部', render: (_v, r) => <>{r.branchName}<div className="muted">{r.orgUnitName}</div></> },
          ...partyMeetingKinds.map((k) => ({
            key: k,
            title: `${partyMeetingKindLabels[k]}（应${f.required[k]}）`,
            render: (_v: unknown, r: PartyMeetingFigureRow) => <Tag color={r.met.includes(k) ? 'green' : 'orange'}>{r.held[k]}</Tag>,
          })),
        ]}
      />
    </Card>
  );
}

export function MeetingsPage() {
  const navigate = useNavigate();
  const canWrite = useCan('party:write');
  const columns: RecordColumn<PartyMeetingDto>[] = [
    {
      key: 'topic',
      title: '会议',
      fixedShown: true,
      render: (_v, m) => (
        <div>
          <Link to={`/party/meetings/${m.id}`}>
            <Typography.Text strong>{m.topic}</Typography.Text>
          </Link>
          <div className="muted">
            {m.heldOn} · {partyMeetingKindLabels[m.kind]}
          </div>
        </div>
      ),
    },
    { key: 'branch', title: '党支部', dataIndex: 'branchName', responsive: ['sm'] },
    { key: 'attendance', title: '出席 / 请假 / 缺席', render: (_v, m) => `${m.present} / ${m.excused} / ${m.absent}` },
    { key: 'place', title: '地点', dataIndex: 'place', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="三会一课及主题党日"
      subtitle="协调基层党组织定期举办“三会一课”，开展主题党日活动，登记退役军人党员出勤"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/party/meetings/new')}>
            登记会议
          </Button>
        )
      }
    >
      <Figures />
      <RecordTable<PartyMeetingDto>
        queryKey={partyLifeKeys.meetings}
        fetchPage={partyLifeApi.meetings}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="party-meetings"
        ledger="三会一课及主题党日台账"
        exportSlot={(params) => (
          <Space>
            <Button icon={<DownloadOutlined />} href={partyLifeApi.meetingsLedgerUrl(params)} download>
              导出台账
            </Button>
          </Space>
        )}
        emptyText="暂无会议记录"
      />
    </PageShell>
  );
}
