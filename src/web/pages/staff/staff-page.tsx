// 工作人员: accounts of the user's scope, with create/edit, password reset and disable/enable.
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { isAdminRole, roleLabels, roles } from '../../../shared/permissions';
import type { StaffDto } from '../../../shared/schemas/staff';
import { staffApi, staffKeys, useResetStaffPassword, useSetStaffDisabled } from '../../api/staff';
import { OneTimePasswordModal } from '../../components/one-time-password';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { RolePermissionsButton } from './role-permissions';
import { StaffFormDrawer, type StaffFormTarget } from './staff-form-drawer';

/** 三员分立: the system admin gives business roles; administrator roles are the security admin's */
const businessRoles = roles.filter((r) => !isAdminRole(r));

function statusTag(s: StaffDto) {
  if (s.disabled) return <Tag>已停用</Tag>;
  if (s.locked) return <Tag color="orange">已锁定</Tag>;
  if (s.mustChangePassword) return <Tag color="gold">待改密</Tag>;
  return <Tag color="green">正常</Tag>;
}

function when(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => (
      <OrgUnitSelect
        value={value}
        onChange={(id) => onChange(id)}
        allowClear
        placeholder="所属单位（含下级）"
        style={{ width: 260 }}
        aria-label="所属单位"
      />
    ),
  },
  { kind: 'text', name: 'q', label: '姓名或用户名', placeholder: '姓名或用户名' },
  { kind: 'select', name: 'role', label: '角色', options: roles.map((r) => ({ value: r, label: roleLabels[r] })) },
];

export function StaffPage() {
  const me = useCurrentUser();
  const canWrite = useCan('staff:write');
  const { message } = App.useApp();
  const [formTarget, setFormTarget] = useState<StaffFormTarget | null>(null);
  const [oneTime, setOneTime] = useState<{ password: string; forWhom: string; title: string } | null>(null);
  const reset = useResetStaffPassword();
  const setDisabled = useSetStaffDisabled();

  const columns: RecordColumn<StaffDto>[] = [
    { key: 'displayName', title: '姓名', dataIndex: 'displayName', fixedShown: true },
    { key: 'username', title: '用户名', dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
    { key: 'orgUnitName', title: '所属单位', dataIndex: 'orgUnitName' },
    {
      key: 'roles',
      title: '角色',
      dataIndex: 'roles',
      render: (rs: StaffDto['roles']) => (
        <>
          {rs.map((r) => (
            <Tag key={r} color={r.endsWith('admin') ? 'purple' : 'blue'} style={{ marginBottom: 2 }}>
              {roleLabels[r]}
            </Tag>
          ))}
        </>
      ),
    },
    { key: 'title', title: '职务', dataIndex: 'title' },
    { key: 'workPhone', title: '工作电话', dataIndex: 'workPhone' },
    { key: 'status', title: '状态', render: (_v, s) => statusTag(s) },
    {
      key: 'totpEnabled',
      title: '动态口令',
      dataIndex: 'totpEnabled',
      render: (v: boolean) => (v ? '已绑定' : <span className="muted">未绑定</span>),
      defaultHidden: true,
    },
    {
      key: 'showInDirectory',
      title: '公开显示',
      dataIndex: 'showInDirectory',
      render: (v: boolean) => (v ? '是' : <span className="muted">否</span>),
      defaultHidden: true,
    },
    { key: 'lastLoginAt', title: '最近登录', dataIndex: 'lastLoginAt', render: when },
    { key: 'createdAt', title: '创建时间', dataIndex: 'createdAt', render: when, defaultHidden: true },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: '操作',
      fixedShown: true,
      fixed: 'right',
      render: (_v, s) => (
        <Space size={0} wrap>
          {s.roles.some(isAdminRole) ? (
            <span className="muted" title="三员分立：管理员账号的角色、密码、动态验证码和启停由顶层单位的安全管理员办理">
              由安全管理员办理
            </span>
          ) : (
          <>
          <Typography.Link onClick={() => setFormTarget({ mode: 'edit', staff: s })} style={{ marginRight: 12 }}>
            编辑
          </Typography.Link>
          <Popconfirm
            title={`重置 ${s.displayName} 的密码？`}
            description="将生成新的一次性密码，对方下次登录时须修改。"
            okText="重置"
            cancelText="取消"
            onConfirm={() =>
              reset.mutateAsync(s.id).then((r) =>
                setOneTime({
                  password: r.initialPassword,
                  forWhom: `${s.displayName}（${s.username}）`,
                  title: '密码已重置',
                }),
              )
              .catch(() => undefined)
            }
          >
            <Typography.Link style={{ marginRight: 12 }}>重置密码</Typography.Link>
          </Popconfirm>
          {s.id !== me.id && (
            <Popconfirm
              title={s.disabled ? `启用 ${s.displayName} 的账号？` : `停用 ${s.displayName} 的账号？`}
              description={s.disabled ? undefined : '停用后该账号立即无法登录，已登录的会话也将失效。'}
              okText={s.disabled ? '启用' : '停用'}
              okButtonProps={{ danger: !s.disabled }}
              cancelText="取消"
              onConfirm={() =>
                setDisabled
                  .mutateAsync({ id: s.id, disabled: !s.disabled })
                  .then((x) => void message.success(x.disabled ? '已停用' : '已启用'))
                  .catch(() => undefined)
              }
            >
              <Typography.Link type={s.disabled ? undefined : 'danger'}>{s.disabled ? '启用' : '停用'}</Typography.Link>
            </Popconfirm>
          )}
          </>
          )}
        </Space>
      ),
    });
  }

  return (
    <PageShell title="工作人员">
      <RecordTable<StaffDto>
        queryKey={staffKeys.list}
        fetchPage={staffApi.list}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="staff"
        toolbar={
          <Space>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })}>
                新增工作人员
              </Button>
            )}
            <RolePermissionsButton />
          </Space>
        }
      />
      <StaffFormDrawer
        target={formTarget}
        roleChoices={businessRoles}
        onClose={() => setFormTarget(null)}
        onCreated={(s, password) => {
          setFormTarget(null);
          setOneTime({ password, forWhom: `${s.displayName}（${s.username}）`, title: '账号已创建' });
        }}
      />
      <OneTimePasswordModal
        open={!!oneTime}
        password={oneTime?.password ?? ''}
        forWhom={oneTime?.forWhom ?? ''}
        title={oneTime?.title}
        onClose={() => setOneTime(null)}
      />
    </PageShell>
  );
}
