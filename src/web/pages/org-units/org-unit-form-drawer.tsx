// Create a subordinate unit or edit one: a drawer form validated with the shared schema.
import { useEffect } from 'react';
import { App, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import {
  codeLengthByLevel,
  orgLevelLabels,
  orgUnitCreate,
  orgUnitEditable,
  orgUnitUpdate,
  type OrgLevel,
  type OrgUnitDto,
} from '../../../shared/schemas/org-units';
import { useCreateOrgUnit, useUpdateOrgUnit } from '../../api/org-units';
import { applyServerErrors, clearFormErrors, parseWithSchema, zodRule } from '../../components/zod-form';

export type OrgUnitFormTarget =
  | { mode: 'create'; parent: OrgUnitDto; level: OrgLevel }
  | { mode: 'edit'; unit: OrgUnitDto };

type Values = {
  name: string;
  code?: string;
  address?: string;
  phone?: string;
  officeHours?: string;
  headName?: string;
};

type Props = { target: OrgUnitFormTarget | null; onClose: () => void; onSaved: (unit: OrgUnitDto) => void };

export function OrgUnitFormDrawer({ target, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit();
  const isGrid = target?.mode === 'create' && target.level === 'grid';

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({
        name: u.name,
        address: u.address,
        phone: u.phone,
        officeHours: u.officeHours,
        headName: u.headName,
      });
    }
  }, [target, form]);

  async function submit(): Promise<void> {
    if (!target) return;
    const values = await form.validateFields();
    clearFormErrors(form);
    if (target.mode === 'create') {
      const body = parseWithSchema(form, orgUnitCreate, {
        ...values,
        parentId: target.parent.id,
        code: isGrid ? undefined : values.code,
      });
      if (!body) return;
      create.mutate(body, {
        onSuccess: (u) => {
          void message.success(`已新增“${u.name}”`);
          onSaved(u);
        },
        onError: (e) => applyServerErrors(form, e),
      });
    } else {
      const body = parseWithSchema(form, orgUnitUpdate, values);
      if (!body) return;
      update.mutate(
        { id: target.unit.id, body },
        {
          onSuccess: (u) => {
            void message.success('已保存');
            onSaved(u);
          },
          onError: (e) => applyServerErrors(form, e),
        },
      );
    }
  }

  const title =
    target?.mode === 'create'
      ? `新增下级${orgLevelLabels[target.level]}（上级：${target.parent.name}）`
      : target
        ? `编辑：${target.unit.name}`
        : '';
  const codeLength = target?.mode === 'create' ? codeLengthByLevel[target.level] : 0;
  const saving = create.isPending || update.isPending;

  return (
    <Drawer
      open={!!target}
      title={title}
      onClose={onClose}
      size={520}
      rootClassName="org-unit-form-drawer"
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
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, message: '请填写名称' }, zodRule(orgUnitEditable, 'name')]}
        >
          <Input placeholder="如：城关镇退役军人服务站" maxLength={60} />
        </Form.Item>
        {target?.mode === 'create' && (
          <Form.Item
            name="code"
            label="区划代码"
            rules={
              isGrid
                ? []
                : [
                    { required: true, message: '请填写统计用区划代码' },
                    {
                      pattern: new RegExp(`^\\d{${codeLength}}$`),
                      message: `${orgLevelLabels[target.level]}的区划代码应为 ${codeLength} 位数字`,
                    },
                  ]
            }
            extra={
              isGrid
                ? '网格没有官方代码：保存时自动编号（村代码 + 3 位序号）。'
                : `统计用区划代码，${codeLength} 位，以上级代码 ${target.parent.code} 开头。`
            }
          >
            <Input
              disabled={isGrid}
              placeholder={isGrid ? '自动编号' : target.parent.code.padEnd(codeLength, '0')}
              inputMode="numeric"
              maxLength={codeLength}
            />
          </Form.Item>
        )}
        {target?.mode === 'edit' && (
          <Form.Item label="区划代码">
            <Typography.Text className="mono">{target.unit.code}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="address" label="地址" rules={[zodRule(orgUnitEditable, 'address')]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(orgUnitEditable, 'phone')]}>
          <Input inputMode="tel" maxLength={40} placeholder="如：0571-12345678" />
        </Form.Item>
        <Form.Item name="officeHours" label="办公时间" rules={[zodRule(orgUnitEditable, 'officeHours')]}>
          <Input maxLength={100} placeholder="如：工作日 8:30-12:00，14:00-17:30" />
        </Form.Item>
        <Form.Item name="headName" label="负责人" rules={[zodRule(orgUnitEditable, 'headName')]}>
          <Input maxLength={30} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
