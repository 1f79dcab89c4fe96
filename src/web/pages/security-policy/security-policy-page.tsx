// 安全策略: password, lock-out, session and TOTP settings (等保 2.0 level 3 defaults).
import { useEffect } from 'react';
import { Alert, App, Button, Form, InputNumber, Skeleton, Space, Switch, Typography } from 'antd';
import {
  defaultSecurityPolicy,
  securityPolicySchema,
  type SecurityPolicy,
} from '../../../shared/schemas/security-policy';
import { useSaveSecurityPolicy, useSecurityPolicy } from '../../api/security-policy';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { applyServerErrors, clearFormErrors, parseWithSchema, zodRule } from '../../components/zod-form';

type NumberField = Exclude<keyof SecurityPolicy, 'adminTotpRequired'>;

const numberFields: { name: NumberField; label: string; unit: string; help: string; min: number; max: number }[] = [
  {
    name: 'passwordMinLength',
    label: '密码最小长度',
    unit: '位',
    help: '等保三级要求不少于 8 位。',
    min: 8,
    max: 64,
  },
  {
    name: 'passwordMinClasses',
    label: '密码字符种类',
    unit: '种',
    help: '小写字母、大写字母、数字、符号四类中至少包含几类；等保三级建议不少于 3 类。',
    min: 2,
    max: 4,
  },
  {
    name: 'passwordMaxAgeDays',
    label: '密码有效期',
    unit: '天',
    help: '超过有效期须修改密码后才能继续使用；等保三级建议不超过 90 天。',
    min: 1,
    max: 365,
  },
  {
    name: 'lockThreshold',
    label: '登录失败锁定次数',
    unit: '次',
    help: '连续输错密码达到此次数后锁定账号；等保三级建议不超过 5 次。',
    min: 1,
    max: 20,
  },
  {
    name: 'lockSeconds',
    label: '锁定时长',
    unit: '秒',
    help: '账号锁定后多久自动解锁；默认 300 秒（5 分钟）。',
    min: 60,
    max: 86400,
  },
  {
    name: 'idleTimeoutSeconds',
    label: '会话空闲超时',
    unit: '秒',
    help: '无操作超过此时长自动退出登录；默认 600 秒（10 分钟）。',
    min: 60,
    max: 3600,
  },
];

export function SecurityPolicyPage() {
  const canWrite = useCan('policy:write');
  const policy = useSecurityPolicy();
  const save = useSaveSecurityPolicy();
  const [form] = Form.useForm<SecurityPolicy>();
  const { message, modal } = App.useApp();

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  async function submit(): Promise<void> {
    const values = await form.validateFields();
    clearFormErrors(form);
    const body = parseWithSchema(form, securityPolicySchema, values);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => void message.success('安全策略已保存，新的设置立即生效'),
      onError: (e) => applyServerErrors(form, e),
    });
  }

  return (
    <PageShell title="安全策略" subtitle="依据网络安全等级保护（等保 2.0）第三级要求设置">
      <div className="panel" style={{ maxWidth: 760 }}>
        {policy.isPending ? (
          <Skeleton active />
        ) : (
          <Form
            form={form}
            layout="horizontal"
            labelCol={{ xs: 24, sm: 8 }}
            wrapperCol={{ xs: 24, sm: 16 }}
            disabled={!canWrite}
            onFinish={() => void submit()}
          >
            {!canWrite && (
              <Alert type="info" showIcon title="您只能查看安全策略，修改须由安全管理员进行。" style={{ marginBottom: 16 }} />
            )}
            <Typography.Title level={5}>密码</Typography.Title>
            {numberFields.slice(0, 3).map((f) => (
              <NumberItem key={f.name} {...f} />
            ))}
            <Typography.Title level={5}>登录失败处理</Typography.Title>
            {numberFields.slice(3, 5).map((f) => (
              <NumberItem key={f.name} {...f} />
            ))}
            <Typography.Title level={5}>会话与身份鉴别</Typography.Title>
            <NumberItem {...numberFields[5]} />
            <Form.Item
              name="adminTotpRequired"
              label="管理员双因素认证"
              valuePropName="checked"
              extra="开启后，系统管理员、安全管理员、审计管理员须使用“密码 + 动态口令”登录（等保三级要求）。"
            >
              <Switch checkedChildren="开启" unCheckedChildren="关闭" />
            </Form.Item>
            {canWrite && (
              <Form.Item wrapperCol={{ xs: 24, sm: { span: 16, offset: 8 } }} className="no-print">
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={save.isPending}>
                    保存
                  </Button>
                  <Button
                    onClick={() =>
                      modal.confirm({
                        title: '恢复等保三级默认值？',
                        content: '表单将填入默认值，点击“保存”后生效。',
                        okText: '填入默认值',
                        cancelText: '取消',
                        onOk: () => form.setFieldsValue(defaultSecurityPolicy),
                      })
                    }
                  >
                    恢复默认值
                  </Button>
                </Space>
              </Form.Item>
            )}
          </Form>
        )}
      </div>
    </PageShell>
  );
}

function NumberItem(props: { name: NumberField; label: string; unit: string; help: string; min: number; max: number }) {
  return (
    <Form.Item
      name={props.name}
      label={props.label}
      extra={props.help}
      rules={[{ required: true, message: `请填写${props.label}` }, zodRule(securityPolicySchema, props.name)]}
    >
      <InputNumber min={props.min} max={props.max} precision={0} suffix={props.unit} style={{ width: 180 }} />
    </Form.Item>
  );
}
