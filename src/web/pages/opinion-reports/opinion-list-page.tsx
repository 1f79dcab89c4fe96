// 舆情信息: 待本级办理 (reports waiting on the caller's unit: to sign, or to handle or pass up) and
// 全部 (the reports of the caller's unit and the units below). 签收 right from the list.
import { useSearchParams, Link, useNavigate } from 'react-router';
import { App, Button, Grid, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { opinionLevelLabels, opinionLevels, opinionStatusLabels, opinionStatuses, type OpinionDto } from '../../../shared/schemas/opinion-reports';
import { opinionApi, opinionKeys, useAcknowledgeOpinion } from '../../api/opinion-reports';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan } from '../../components/session';
import { MyLevelTag, OpinionLevelTag, time } from './opinion-bits';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'q', label: '关键词', placeholder: '摘要、来源或涉及人员', width: 200 },
  { kind: 'select', name: 'level', label: '等级', options: opinionLevels.map((l) => ({ value: l, label: opinionLevelLabels[l] })), width: 100 },
  { kind: 'select', name: 'status', label: '状态', options: opinionStatuses.map((s) => ({ value: s, label: opinionStatusLabels[s] })), width: 110 },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '报送单位',
    advanced: true,
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="报送单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="报送单位" />,
  },
];

export function OpinionListPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'all' ? 'all' : 'inbox';
  const canWrite = useCan('opinionReports:write');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const ack = useAcknowledgeOpinion();
  const narrow = !Grid.useBreakpoint().sm;
  const actions = (r: OpinionDto) => (
    <Space size={4} wrap>
      {r.canAcknowledge && (
        <Button
          size="small"
          type="primary"
          loading={ack.isPending && ack.variables === r.id}
          onClick={() =>
            ack.mutate(r.id, {
              onSuccess: () => void message.success('已签收'),
              onError: (e) => void message.error(isApiError(e) ? e.message : '签收失败'),
            })
          }
        >
          签收
        </Button>
      )}
      <Button size="small" onClick={() => navigate(`/opinion-reports/${r.id}`)}>
        {r.canDecide ? '处置' : '详情'}
      </Button>
    </Space>
  );
  const columns: RecordColumn<OpinionDto>[] = [
    {
      key: 'summary',
      title: '舆情摘要',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/opinion-reports/${r.id}`}>
            <Typography.Text strong>{r.source}</Typography.Text>
          </Link>
          <div className="dispute-cell-summary">{r.summary}</div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <OpinionLevelTag level={r.level} />
              <MyLevelTag r={r} />
              <Typography.Text type="secondary">{time(r.reportedAt)}</Typography.Text>
              {actions(r)}
            </Space>
          )}
        </div>
      ),
    },
    { key: 'level', title: '等级', responsive: ['sm'], render: (_v, r) => <OpinionLevelTag level={r.level} /> },
    { key: 'unit', title: '报送单位', responsive: ['md'], render: (_v, r) => `${r.orgUnitName}（${r.reportedByName}）` },
    { key: 'reportedAt', title: '报送时间', responsive: ['sm'], render: (_v, r) => time(r.reportedAt) },
    { key: 'signed', title: '各级签收', responsive: ['lg'], render: (_v, r) => `${r.chain.filter((l) => l.acknowledgedAt).length} / ${r.chain.length}` },
    { key: 'mine', title: '本级', responsive: ['sm'], render: (_v, r) => <MyLevelTag r={r} /> },
    {
      key: 'actions',
      title: '操作',
      responsive: ['sm'],
      render: (_v, r) => actions(r),
    },
  ];
  return (
    <PageShell
      title="舆情信息"
      subtitle="涉退役军人舆情逐级即时上报：各级签收，本级自行处置或上报上一级"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/opinion-reports/new')}>
            报送舆情
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'all' ? { tab: 'all' } : {}, { replace: true })}
        items={[
          { key: 'inbox', label: '待本级办理' },
          { key: 'all', label: '全部' },
        ]}
      />
      <RecordTable<OpinionDto>
        key={tab}
        queryKey={opinionKeys.list(tab)}
        fetchPage={(p, signal) => opinionApi.list({ ...p, ...(tab === 'inbox' ? { inbox: 'true' } : {}) }, signal)}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="opinion-reports"
        ledger="舆情信息报送台账"
        exportSlot={(p) => (
          <Button icon={<DownloadOutlined />} href={opinionApi.ledgerUrl({ ...p, ...(tab === 'inbox' ? { inbox: 'true' } : {}) })} download>
            导出台账
          </Button>
        )}
        emptyText={tab === 'inbox' ? '没有待本级签收或处置的舆情' : '暂无舆情信息'}
      />
    </PageShell>
  );
}
