// 管理员账号 (security admin): the system, security and audit administrators' accounts, with
// password and second-factor resets. 三员分立: the system admin cannot do these for another
// administrator, and nobody does them for their own account here.
import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { adminRoles, roleLabels } from '../../../shared/permissions';
import type { StaffDto } from '../../../shared/schemas/staff';
import { useAdminAccounts, useResetAdminPassword, useResetAdminTotp, useSetStaffDisabled } from '../../api/staff';
import { StaffFormDrawer, type StaffFormTarget } from './staff-form-drawer';
import { OneTimePasswordModal } from '../../components/one-time-password';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';

function when(v: string | null): string {
  return v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '—';
}

export function AdminAccountsPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const list = useAdminAccounts();
  const resetPassword = useResetAdminPassword();
  const resetTotp = useResetAdminTotp();
  const setDisabled = useSetStaffDisabled();
  const [oneTime, setOneTime] = useState<{ password: string; forWhom: string; title: string } | null>(null);
  const [formTarget, setFormTarget] = useState<StaffFormTarget | null>(null);

  return (
    <PageShell
      title="管理员账号"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })}>
          新建管理员
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="三员分立"
        description="系统管理员、安全管理员、审计管理员的账号、角色、启停、密码和动态验证码只由顶层单位的安全管理员办理；安全管理员只设在顶层单位；本人的账号须由另一位安全管理员办理。每次操作都记入审计日志。"
      />
      <Table<StaffDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { key: 'displayName', title: '姓名', dataIndex: 'displayName' },
          { key: 'username', title: '用户名', dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
          {
            key: 'roles',
            title: '角色',
            dataIndex: 'roles',
            render: (rs: StaffDto['roles']) => rs.map((r) => <Tag key={r} color="purple">{roleLabels[r]}</Tag>),
          },
          { key: 'orgUnitName', title: '所属单位', dataIndex: 'orgUnitName' },
          { key: 'totp', title: '动态验证码', dataIndex: 'totpEnabled', render: (v: boolean) => (v ? '已绑定' : <span className="muted">未绑定</span>) },
          { key: 'state', title: '状态', render: (_v, s) => (s.disabled ? <Tag>已停用</Tag> : s.locked ? <Tag color="red">已锁定</Tag> : <Tag color="green">正常</Tag>) },
          { key: 'lastLoginAt', title: '最近登录', dataIndex: 'lastLoginAt', render: when },
          {
            key: 'actions',
            title: '操作',
            fixed: 'right',
            render: (_v, s) =>
              s.id === me.id ? (
                <span className="muted">本人账号</span>
              ) : (
                <Space size={12} wrap>
                  <Typography.Link onClick={() => setFormTarget({ mode: 'edit', staff: s })}>编辑</Typography.Link>
                  <Popconfirm
                    title={s.disabled ? `启用 ${s.displayName} 的账号？` : `停用 ${s.displayName} 的账号？`}
                    okText={s.disabled ? '启用' : '停用'}
                    cancelText="取消"
                    onConfirm={() => setDisabled.mutateAsync({ id: s.id, disabled: !s.disabled }).catch(() => undefined)}
                  >
                    <Typography.Link>{s.disabled ? '启用' : '停用'}</Typography.Link>
                  </Popconfirm>
                  <Popconfirm
                    title={`重置 ${s.displayName} 的密码？`}
                    description="将生成新的一次性密码，对方下次登录时须修改；已登录的会话立即失效。"
                    okText="重置"
                    cancelText="取消"
                    onConfirm={() =>
                      resetPassword
                        .mutateAsync(s.id)
                        .then((r) => setOneTime({ password: r.initialPassword, forWhom: `${s.displayName}（${s.username}）`, title: '密码已重置' }))
                        .catch(() => undefined)
                    }
                  >
                    <Typography.Link>重置密码</Typography.Link>
                  </Popconfirm>
                  <Popconfirm
                    title={`重置 ${s.displayName} 的动态验证码？`}
                    description="用于手机丢失等情况：原绑定作废，对方下次登录时重新绑定；已登录的会话立即失效。"
                    okText="重置"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() =>
                      resetTotp
                        .mutateAsync(s.id)
                        .then(() => void message.success('已重置动态验证码，对方下次登录时重新绑定'))
                        .catch(() => undefined)
                    }
                  >
                    <Typography.Link type="danger">重置动态验证码</Typography.Link>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <StaffFormDrawer
        target={formTarget}
        roleChoices={adminRoles}
        onClose={() => setFormTarget(null)}
        onCreated={(s, password) => {
          setFormTarget(null);
          setOneTime({ password, forWhom: `${s.displayName}（${s.username}）`, title: '账号已创建' });
        }}
      />
      <OneTimePasswordModal open={!!oneTime} password={oneTime?.password ?? ''} forWhom={oneTime?.forWhom ?? ''} title={oneTime?.title ?? ''} onClose={() => setOneTime(null)} />
    </PageShell>
  );
}
