// Change own password: current, new, new again. Used at sign-in and in 个人中心.
import { Button, Form, Input } from 'antd';
import type { MeDto } from '../../shared/schemas/auth';
import { changePasswordBody } from '../../shared/schemas/auth';
import { passwordProblems } from '../../shared/schemas/security-policy';
import { useChangePassword } from '../api/auth';
import { PasswordRulesHint, useKnownPolicy } from './password-rules';
import { applyServerErrors, parseWithSchema } from './zod-form';

type Values = { currentPassword: string; newPassword: string; confirm: string };

type Props = {
  me: MeDto;
  currentLabel?: string;
  submitText?: string;
  onDone: (me: MeDto) => void;
};

export function ChangePasswordForm({ me, currentLabel, submitText, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const policy = useKnownPolicy(me);

  function submit(values: Values): void {
    const body = parseWithSchema(form, changePasswordBody, {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!body) return;
    change.mutate(body, {
      onSuccess: (next) => {
        form.resetFields();
        onDone(next);
      },
      onError: (e) => {
        applyServerErrors(form, e);
      },
    });
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item
        name="currentPassword"
        label={currentLabel ?? '当前密码'}
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_r, value: string | undefined) => {
              if (!value || !policy) return;
              const problems = passwordProblems(value, policy, me.username);
              if (problems.length) throw new Error(problems.join('；'));
            },
          },
        ]}
        extra={<PasswordRulesHint policy={policy} />}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="再次输入新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending}>
        {submitText ?? '确认修改'}
      </Button>
    </Form>
  );
}
