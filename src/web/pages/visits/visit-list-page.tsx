// 走访记录 /visits: the visit ledger of the user's range — filters by unit, date range, type,
// reason and key group, sortable, exported as the 走访慰问台账 (.xlsx) of the current filter.
// A row opens the visit (drawer, printable on A4 with its photos).
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { dueVisitReasonLabels, dueVisitReasons, keyGroupLabels, keyGroups, visitTypeLabels, visitTypes, type VisitDto } from '../../../shared/schemas/visits';
import { downloadVisitLedger, visitApi, visitKeys } from '../../api/visits';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan } from '../../components/session';
import { VisitDetailDrawer } from './visit-detail-drawer';
import { yuan } from './visit-form-values';
import { KeyGroupTags, OutboxIndicator } from './visit-tags';
import { VisitsNav } from './visits-nav';
import './visits.css';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => (
      <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 240, maxWidth: '100%' }} aria-label="所属单位" />
    ),
  },
  { kind: 'dateRange', from: 'from', to: 'to', label: '走访日期' },
  { kind: 'select', name: 'visitType', label: '走访形式', options: visitTypes.map((t) => ({ value: t, label: visitTypeLabels[t] })), width: 140 },
  { kind: 'select', name: 'reason', label: '走访事由', options: dueVisitReasons.map((r) => ({ value: r, label: dueVisitReasonLabels[r] })), width: 170, advanced: true },
  { kind: 'select', name: 'keyGroup', label: '重点人员', options: keyGroups.map((g) => ({ value: g, label: keyGroupLabels[g] })), width: 170, advanced: true },
  {
    kind: 'select',
    name: 'mine',
    label: '范围',
    options: [{ value: 'true', label: '本人记录或参加的' }],
    width: 170,
    advanced: true,
  },
];

function ExportButton({ params }: { params: RecordParams }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          void message.success(`已导出：${await downloadVisitLedger(params)}`);
        } catch (e) {
          void message.error(e instanceof Error ? e.message : '导出失败，请稍后重试');
        } finally {
          setBusy(false);
        }
      }}
    >
      导出台账
    </Button>
  );
}

export function VisitListPage() {
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const canWrite = useCan('visits:write');
  const openId = sp.get('visit') ?? undefined;
  const setOpen = (id: string | undefined) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('visit', id);
        else next.delete('visit');
        return next;
      },
      { replace: !id },
    );

  const columns: RecordColumn<VisitDto>[] = [
    {
      key: 'name',
      title: '走访对象',
      fixedShown: true,
      render: (_v, r) => (
        <div className="visit-list-name">
          <Typography.Link strong onClick={() => setOpen(r.id)}>
            {r.recipientName}
          </Typography.Link>
          <div>
            <KeyGroupTags groups={r.keyGroups} />
          </div>
          <div className="muted visit-list-phone">
            {r.visitedOn} · {visitTypeLabels[r.visitType]}
          </div>
        </div>
      ),
    },
    { key: 'visitedOn', title: '走访日期', dataIndex: 'visitedOn', sortKey: 'visitedOn', responsive: ['sm'] },
    { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
    { key: 'visitType', title: '走访形式', responsive: ['sm'], render: (_v, r) => visitTypeLabels[r.visitType] },
    {
      key: 'reason',
      title: '走访事由',
      render: (_v, r) => (
        <>
          {r.dueLabel ?? <span className="muted">日常走访</span>}
          {r.late && <span className="visit-overdue">（逾期）</span>}
        </>
      ),
    },
    { key: 'visitors', title: '走访人员', dataIndex: 'visitors', responsive: ['lg'] },
    { key: 'money', title: '慰问金', responsive: ['lg'], render: (_v, r) => yuan(r.moneyCents) },
    { key: 'goods', title: '慰问物品', dataIndex: 'goods', defaultHidden: true },
    { key: 'needs', title: '反映问题', dataIndex: 'needs', defaultHidden: true, ellipsis: true },
    { key: 'photos', title: '照片', responsive: ['md'], render: (_v, r) => (r.photoCount ? `${r.photoCount} 张` : <span className="muted">—</span>) },
    { key: 'createdBy', title: '记录人', dataIndex: 'createdByName', defaultHidden: true },
  ];

  return (
    <PageShell
      title="走访慰问"
      subtitle="走访记录台账：按单位、日期、形式和事由查询，导出 Excel"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')}>
            记录走访
          </Button>
        )
      }
    >
      <VisitsNav />
      <OutboxIndicator />
      <RecordTable<VisitDto>
        queryKey={visitKeys.list}
        fetchPage={visitApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="visits"
        ledger="走访慰问台账"
        exportSlot={(params) => <ExportButton params={params} />}
        emptyText="暂无走访记录"
      />
      <VisitDetailDrawer id={openId} onClose={() => setOpen(undefined)} />
    </PageShell>
  );
}
