// 审计日志: the append-only log of sign-ins, changes and views of sensitive data. Actions show in
// Chinese (the server's label), the code under it for whoever searches by it.
import { Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { auditActionLabels, type AuditLogDto } from '../../../shared/schemas/audit-logs';
import { auditLogApi, auditLogKeys } from '../../api/audit-logs';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import './audit-logs.css';

const targetTypeLabels: Record<string, string> = {
  user: '账号',
  org_unit: '单位',
  setting: '设置',
  case: '办件',
  petition: '信访事项',
  recipient: '服务对象',
  visit: '走访记录',
  'due-visit': '应访名单',
  'visit-trigger': '必访事由',
  backup: '备份',
  division: '行政区划',
  holiday_year: '节假日安排',
  ledger: '台账',
  dispute: '矛盾纠纷',
  'glory-plaque': '光荣牌',
  'opinion-report': '舆情',
};

const filters: RecordFilter[] = [
  { kind: 'dateRange', from: 'from', to: 'to', label: '日期' },
  { kind: 'text', name: 'username', label: '用户名', width: 160 },
  {
    kind: 'select',
    name: 'action',
    label: '操作',
    width: 180,
    options: Object.entries(auditActionLabels).map(([value, label]) => ({ value, label })),
  },
  {
    kind: 'select',
    name: 'result',
    label: '结果',
    width: 120,
    options: [
      { value: 'success', label: '成功' },
      { value: 'failure', label: '失败' },
    ],
  },
  { kind: 'text', name: 'targetId', label: '对象编号', width: 200 },
];

const columns: RecordColumn<AuditLogDto>[] = [
  { key: 'seq', title: '序号', dataIndex: 'seq', defaultHidden: true },
  {
    key: 'at',
    title: '时间',
    dataIndex: 'at',
    fixedShown: true,
    render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(v).format('YYYY-MM-DD HH:mm:ss')}</span>,
  },
  { key: 'username', title: '用户', dataIndex: 'username', render: (v: string | null) => v ?? <span className="muted">—</span> },
  {
    key: 'action',
    title: '操作',
    dataIndex: 'actionLabel',
    render: (label: string, r: AuditLogDto) => (
      <Tooltip title={`操作代码：${r.action}`}>
        <span className="audit-action" data-testid="audit-action">
          <span>{label}</span>
          {label !== r.action && <span className="audit-action-code muted mono">{r.action}</span>}
        </span>
      </Tooltip>
    ),
  },
  {
    key: 'result',
    title: '结果',
    dataIndex: 'result',
    render: (v: AuditLogDto['result']) => (v === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
  },
  {
    key: 'targetType',
    title: '对象类型',
    dataIndex: 'targetType',
    render: (v: string | null) => (v ? (targetTypeLabels[v] ?? v) : '—'),
  },
  {
    key: 'targetId',
    title: '对象编号',
    dataIndex: 'targetId',
    render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—'),
  },
  { key: 'orgUnitId', title: '单位编号', dataIndex: 'orgUnitId', defaultHidden: true },
  { key: 'ip', title: 'IP 地址', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  {
    key: 'detail',
    title: '详情',
    dataIndex: 'detail',
    render: (v: string | null) =>
      v ? (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
          {v}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
  {
    key: 'sealed',
    title: '封存',
    dataIndex: 'sealed',
    render: (v: boolean) =>
      v ? (
        <Tooltip title="已封存：记录已纳入防篡改校验链">
          <LockOutlined />
        </Tooltip>
      ) : null,
  },
];

export function AuditLogsPage() {
  return (
    <PageShell title="审计日志" subtitle="日志只能查看，任何人不能修改或删除">
      <RecordTable<AuditLogDto>
        queryKey={auditLogKeys.list}
        fetchPage={auditLogApi.list}
        columns={columns}
        rowKey="seq"
        filters={filters}
        storageKey="audit-logs"
        defaultPageSize={50}
      />
    </PageShell>
  );
}
