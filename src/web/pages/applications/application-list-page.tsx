// 办件列表: the applications of the caller's range with filters (unit, item, status, overdue, more
// than one run), sort and paging; above it this month's 最多跑一次 figure, steps on time and the
// applications by item and status (roll-ups, not scans).
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Grid, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { applicationStatuses, applicationStatusLabels, type ApplicationDto } from '../../../shared/schemas/applications';
import { stepLevelLabels } from '../../../shared/schemas/service-items';
import { applicationApi, applicationKeys, useApplicationFigures, useCatalog } from '../../api/applications';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { todayDay } from '../../components/day-picker';
import { ApplicationStatusTag } from './application-tags';
import { periodKind, periodLabel } from '../../../shared/rules/periods';
import { periodOptions } from '../../components/period-select';

function pct(r: number | null): string {
  return r === null ? '—' : `${Math.round(r * 1000) / 10}%`;
}

/** This month's figures of the caller's unit: 最多跑一次, each step's on-time rate, applications by item and status. */
export function ApplicationFiguresCard() {
  const period = todayDay().slice(0, 7);
  const q = useApplicationFigures(undefined, period);
  if (!q.data) return null;
  const f = q.data;
  return (
    <Card size="small" className="app-figures" title={`${period} 办件统计`}>
      <Flex wrap gap={24}>
        <Statistic title="“最多跑一次”比率" value={pct(f.oneRunRate)} data-testid="one-run-rate" />
        <Statistic title="本月办结" value={f.closed} />
        <Statistic title="其中最多跑一次" value={f.atMostOneRun} data-testid="one-run-count" />
        {f.steps.map((s) => (
          <Statistic key={s.level} title={`${stepLevelLabels[s.level]}按时率`} value={pct(s.rate)} />
        ))}
      </Flex>
      {f.closed > f.atMostOneRun && (
        <Link to={`/applications?manyRuns=true&closedIn=${period}`}>查看跑动超过一次的办件（{f.closed - f.atMostOneRun} 件）</Link>
      )}
      {f.byItemStatus.length > 0 && (
        <Table
          size="small"
          className="app-figures-table"
          pagination={false}
          rowKey={(r) => `${r.itemId}|${r.status}`}
          dataSource={f.byItemStatus}
          columns={[
            { key: 'item', title: '事项', dataIndex: 'itemName' },
            { key: 'status', title: '状态', render: (_v, r) => applicationStatusLabels[r.status] },
            { key: 'n', title: '件数', dataIndex: 'n', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

function ExportButton({ params }: { params: RecordParams }) {
  return (
    <Button icon={<DownloadOutlined />} href={applicationApi.ledgerUrl(params)} download>
      导出台账
    </Button>
  );
}

/** The options of the 办结期间 filter: recent months, quarters and years (and the URL's own). */
function closedInOptions(value: string | null): { value: string; label: string }[] {
  const recent = [...periodOptions('month', undefined, '办结').slice(0, 12), ...periodOptions('quarter', undefined, '办结').slice(0, 4), ...periodOptions('year', undefined, '办结').slice(0, 3)];
  if (value && periodKind(value) && !recent.some((o) => o.value === value)) recent.push({ value, label: `${periodLabel(value)}办结` });
  return recent;
}

/** Why the list is filtered when it comes from a 最多跑一次 figure (统计看板 or the figures card). */
function OneRunFilterNote() {
  const [params] = useSearchParams();
  const closedIn = params.get('closedIn');
  if (!closedIn || !periodKind(closedIn)) return null;
  const runs = params.get('manyRuns');
  const which = runs === 'true' ? '跑动超过一次的' : runs === 'false' ? '最多跑一次的' : '';
  return (
    <Alert
      type="info"
      showIcon
      className="one-run-filter-note"
      style={{ marginBottom: 12 }}
      message={`“最多跑一次”统计所依据的办件：${periodLabel(closedIn)}办结${which ? `、${which}` : '的'}办件${params.get('orgUnitId') ? '（所选单位及下级）' : ''}`}
    />
  );
}

export function ApplicationListPage() {
  const canWrite = useCan('services:write');
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().sm;
  const catalog = useCatalog();
  const filters: RecordFilter[] = [
    {
      kind: 'custom',
      name: 'orgUnitId',
      label: '所属单位',
      render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
    },
    { kind: 'select', name: 'itemId', label: '事项', options: (catalog.data?.items ?? []).filter((i) => !i.handoff).map((i) => ({ value: i.id, label: i.name })), width: 220 },
    { kind: 'select', name: 'status', label: '状态', options: applicationStatuses.map((s) => ({ value: s, label: applicationStatusLabels[s] })), width: 120 },
    { kind: 'select', name: 'overdue', label: '超期', options: [{ value: 'true', label: '已超期' }], width: 110 },
    { kind: 'select', name: 'manyRuns', label: '跑动次数', options: [{ value: 'true', label: '跑动超过一次' }, { value: 'false', label: '最多跑一次' }], width: 140, advanced: true },
    { kind: 'select', name: 'closedIn', label: '办结期间', options: closedInOptions(searchParams.get('closedIn')), width: 170, advanced: true },
  ];
  const columns: RecordColumn<ApplicationDto>[] = [
    {
      key: 'who',
      title: '申请人 / 事项',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/applications/${r.id}`}>
            <Typography.Text strong>{r.recipientName}</Typography.Text>
          </Link>
          <div>{r.itemName}</div>
          {narrow && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <ApplicationStatusTag a={r} />
              <Typography.Text type="secondary">{r.stepLabel || ''}{r.dueDay ? ` 时限 ${r.dueDay}` : ''}</Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { key: 'no', title: '办件编号', dataIndex: 'registrationNo', responsive: ['lg'], render: (_v, r) => (r.source === 'online' ? <Space size={4}>{r.registrationNo}<Tag>网上申请</Tag></Space> : (r.registrationNo ?? '—')) },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'opened', title: '受理日期', dataIndex: 'openedOn', sortKey: 'opened', responsive: ['md'] },
    { key: 'status', title: '状态', responsive: ['sm'], render: (_v, r) => <ApplicationStatusTag a={r} /> },
    { key: 'step', title: '当前环节', dataIndex: 'stepLabel', responsive: ['lg'] },
    { key: 'due', title: '环节时限', dataIndex: 'dueDay', sortKey: 'due', responsive: ['sm'] },
    { key: 'runs', title: '跑动次数', dataIndex: 'runs', responsive: ['md'], render: (_v, r) => (r.homeServices ? `${r.runs}（上门/代办 ${r.homeServices}）` : r.runs) },
    { key: 'closed', title: '办结日期', dataIndex: 'closedOn', responsive: ['lg'], defaultHidden: true },
  ];
  return (
    <PageShell
      title="政策服务办件"
      subtitle="受理、逐级出具意见、公示、审批决定；记录每次到场（最多跑一次）与上门服务、全程代办"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/applications/new')}>
            受理办件
          </Button>
        )
      }
    >
      <ApplicationFiguresCard />
      <OneRunFilterNote />
      <RecordTable<ApplicationDto>
        queryKey={applicationKeys.list}
        fetchPage={applicationApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="applications"
        ledger="政策服务办件台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无办件"
      />
    </PageShell>
  );
}
