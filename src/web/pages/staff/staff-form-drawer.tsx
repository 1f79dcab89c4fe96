// Create or edit a staff account in a drawer; validated with the shared staff schemas.
import { useEffect } from 'react';
import { App, Button, Checkbox, Drawer, Form, Input, Space, Switch, Typography } from 'antd';
import { roleLabels, roles, type Role } from '../../../shared/permissions';
import { staffCreate, staffUpdate, type StaffDto } from '../../../shared/schemas/staff';
import { useCreateStaff, useUpdateStaff } from '../../api/staff';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { roleGrantsText } from './role-permissions';
import { applyServerErrors, clearFormErrors, parseWithSchema, zodRule } from '../../components/zod-form';

export type StaffFormTarget = { mode: 'create'; orgUnitId?: string } | { mode: 'edit'; staff: StaffDto };

type Values = {
  username?: string;
  displayName: string;
  orgUnitId?: string;
  roles: Role[];
  title?: string;
  workPhone?: string;
  showInDirectory: boolean;
};

type Props = {
  target: StaffFormTarget | null;
  onClose: () => void;
  onCreated: (staff: StaffDto, initialPassword: string) => void;
  /** the roles offered: the system admin's page offers business roles, the security admin's the administrator roles (三员分立) */
  roleChoices?: readonly Role[];
};

const roleHelp: Record<Role, string> = {
  worker: '村（社区）、乡镇（街道）站的日常工作',
  station_head: '站（中心）负责人，可查看本单位人员',
  county_reviewer: '县级审核各类申请与事项',
  upper_viewer: '市、省级查看汇总与记录',
  mediator: '只办理矛盾纠纷（可查看服务对象）',
  sys_admin: '管理组织机构与账号（不看业务数据）',
  security_admin: '管理员账号与角色、安全策略（只设在顶层单位，不看业务数据）',
  audit_admin: '查看审计日志（不看业务数据）',
};

export function StaffFormDrawer({ target, onClose, onCreated, roleChoices = roles }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateStaff();
  const update = useUpdateStaff();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const s = target.staff;
      form.setFieldsValue({
        displayName: s.displayName,
        orgUnitId: s.orgUnitId,
        roles: s.roles,
        title: s.title,
        workPhone: s.workPhone,
        showInDirectory: s.showInDirectory,
      });
    } else {
      form.setFieldsValue({ orgUnitId: target.orgUnitId, roles: [roleChoices[0]], showInDirectory: false });
    }
  }, [target, form, roleChoices]);

  async function submit(): Promise<void> {
    if (!target) return;
    const values = await form.validateFields();
    clearFormErrors(form);
    if (target.mode === 'create') {
      const body = parseWithSchema(form, staffCreate, values);
      if (!body) return;
      create.mutate(body, {
        onSuccess: (r) => onCreated(r.staff, r.initialPassword),
        onError: (e) => applyServerErrors(form, e),
      });
    } else {
      const body = parseWithSchema(form, staffUpdate, values);
      if (!body) return;
      update.mutate(
        { id: target.staff.id, body },
        {
          onSuccess: () => {
            void message.success('已保存');
            onClose();
          },
          onError: (e) => applyServerErrors(form, e),
        },
      );
    }
  }

  const saving = create.isPending || update.isPending;
  return (
    <Drawer
      open={!!target}
      title={target?.mode === 'edit' ? `编辑工作人员：${target.staff.displayName}` : '新增工作人员'}
      onClose={onClose}
      size={560}
      rootClassName="staff-form-drawer"
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        {target?.mode === 'create' ? (
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, message: '请填写用户名' }, zodRule(staffCreate, 'username')]}
            extra="登录用，创建后不能修改：小写字母开头，可含小写字母、数字、_ . -，如 zhangsan01。"
          >
            <Input autoComplete="off" autoCapitalize="none" maxLength={32} />
          </Form.Item>
        ) : target ? (
          <Form.Item label="用户名">
            <Typography.Text className="mono">{target.staff.username}</Typography.Text>
          </Form.Item>
        ) : null}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, message: '请填写姓名' }, zodRule(staffCreate, 'displayName')]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgUnitSelect placeholder="选择单位，可输入名称搜索" />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <div className="role-options">
              {roleChoices.map((r) => (
                <Checkbox key={r} value={r} style={{ display: 'flex', marginBottom: 6 }}>
                  {roleLabels[r]}
                  <span className="muted" style={{ marginLeft: 8, fontSize: 12 }}>
                    {roleHelp[r]}
                  </span>
                  <div className="muted" style={{ fontSize: 12 }}>
                    权限：{roleGrantsText(r)}
                  </div>
                </Checkbox>
              ))}
            </div>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="title" label="职务" rules={[zodRule(staffCreate, 'title')]}>
          <Input maxLength={30} placeholder="如：站长、专干" />
        </Form.Item>
        <Form.Item name="workPhone" label="工作电话" rules={[zodRule(staffCreate, 'workPhone')]}>
          <Input inputMode="tel" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="showInDirectory"
          label="在公开信息中显示"
          valuePropName="checked"
          extra="开启后，姓名、职务和工作电话会出现在本单位的公开信息页面上。"
        >
          <Switch />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
