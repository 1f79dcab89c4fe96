// 退役军人党员: the party members of the range (政治面貌 from the registry), by default those without a
// branch (§16: 每名退役军人党员及时编入一个党支部); the ledger export follows the filter.
import { Link } from 'react-router';
import { Button, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { partyMemberKindLabels, partyMemberKinds, type PartyMemberDto } from '../../../shared/schemas/party';
import { partyApi, partyKeys } from '../../api/party';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'select', name: 'withoutBranch', label: '支部', options: [{ value: 'true', label: '未编入支部' }, { value: 'false', label: '已编入支部' }], width: 140 },
  { kind: 'select', name: 'kind', label: '党员类别', options: partyMemberKinds.map((k) => ({ value: k, label: partyMemberKindLabels[k] })), width: 120 },
];

export function MembersPage() {
  const columns: RecordColumn<PartyMemberDto>[] = [
    {
      key: 'name',
      title: '姓名',
      fixedShown: true,
      render: (_v, m) => (
        <div>
          <Link to={`/recipients/${m.recipientId}`}>
            <Typography.Text strong>{m.name}</Typography.Text>
          </Link>
          <span className="muted"> {partyMemberKindLabels[m.kind]}</span>
          {m.openTransferId && (
            <Link to={`/party/transfers/${m.openTransferId}`}>
              <Tag color="blue" style={{ marginLeft: 6 }}>
                转接中
              </Tag>
            </Link>
          )}
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['sm'] },
    { key: 'joinedOn', title: '入党日期', responsive: ['md'], render: (_v, m) => m.joinedOn ?? '—' },
    { key: 'branch', title: '所在党支部', render: (_v, m) => m.branchName ?? <Typography.Text type="danger">未编入支部</Typography.Text> },
  ];
  return (
    <PageShell title="退役军人党员" subtitle="政治面貌取自信息采集；未编入支部的党员请在服务对象详情页编入">
      <RecordTable<PartyMemberDto>
        queryKey={partyKeys.members}
        fetchPage={partyApi.members}
        columns={columns}
        rowKey="recipientId"
        filters={filters}
        storageKey="party-members"
        ledger="退役军人党员台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={partyApi.membersLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无退役军人党员"
      />
    </PageShell>
  );
}
