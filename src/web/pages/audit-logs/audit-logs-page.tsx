// 审计日志: the append-only log of sign-ins, changes and views of sensitive data.
import { Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import { auditLogApi, auditLogKeys } from '../../api/audit-logs';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';

/** Chinese names of the audited actions; an unknown action shows its code. */
const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.totp': '动态口令验证',
  'auth.totp-enrol': '绑定动态口令',
  'auth.password-change': '修改密码',
  'org-unit.create': '新增单位',
  'org-unit.update': '修改单位',
  'org-unit.move': '移动单位',
  'org-unit.merge': '合并单位',
  'org-unit.import': '导入区划',
  'staff.create': '新增工作人员',
  'staff.update': '修改工作人员',
  'staff.reset-password': '重置密码',
  'staff.reset-totp': '重置动态验证码',
  'staff.disable': '停用账号',
  'staff.enable': '启用账号',
  'security-policy.update': '修改安全策略',
};

const targetTypeLabels: Record<string, string> = {
  user: '账号',
  org_unit: '单位',
  setting: '设置',
};

const filters: RecordFilter[] = [
  { kind: 'dateRange', from: 'from', to: 'to', label: '日期' },
  { kind: 'text', name: 'username', label: '用户名', width: 160 },
  {
    kind: 'select',
    name: 'action',
    label: '操作',
    width: 180,
    options: Object.entries(actionLabels).map(([value, label]) => ({ value, label })),
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
    dataIndex: 'action',
    render: (v: string) =>
      actionLabels[v] ? (
        <Tooltip title={v}>
          <span>{actionLabels[v]}</span>
        </Tooltip>
      ) : (
        <span className="mono">{v}</span>
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
