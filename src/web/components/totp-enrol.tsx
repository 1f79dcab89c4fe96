// Enrolment of a TOTP authenticator (动态口令): QR code, secret text, confirm with a code.
import { useEffect, useRef } from 'react';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import type { MeDto } from '../../shared/schemas/auth';
import { totpCodeBody } from '../../shared/schemas/auth';
import { useTotpConfirm, useTotpSetup } from '../api/auth';
import { applyServerErrors, parseWithSchema, zodRule } from './zod-form';

type Props = { onDone: (me: MeDto) => void };

function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpEnrol({ onDone }: Props) {
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [form] = Form.useForm<{ code: string }>();
  const started = useRef(false);

  useEffect(() => {
    // once per mount: a second setup call would replace the secret just shown
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);

  async function submit(): Promise<void> {
    const values = await form.validateFields();
    const body = parseWithSchema(form, totpCodeBody, values);
    if (!body) return;
    confirm.mutate(body.code, {
      onSuccess: onDone,
      onError: (e) => {
        applyServerErrors(form, e);
        form.setFieldValue('code', '');
      },
    });
  }

  const data = setup.data;
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        1. 在手机上打开动态口令应用（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器），扫描下方二维码；
        无法扫描时，手动输入密钥。
      </Typography.Paragraph>
      {setup.isPending && <Skeleton.Image active style={{ width: 200, height: 200 }} />}
      {setup.isError && (
        <Alert
          type="error"
          showIcon
          title="无法生成动态口令密钥"
          action={
            <Button size="small" onClick={() => setup.mutate()}>
              重试
            </Button>
          }
        />
      )}
      {data && (
        <Flex vertical align="center" gap={8}>
          <img src={data.qrDataUrl} alt="动态口令二维码" width={200} height={200} className="totp-qr" />
          <Typography.Text type="secondary">密钥（手动输入用）</Typography.Text>
          <Typography.Text code copyable={{ text: data.secret, tooltips: ['复制', '已复制'] }} data-testid="totp-secret">
            {groupSecret(data.secret)}
          </Typography.Text>
        </Flex>
      )}
      <Typography.Paragraph style={{ marginBottom: 0 }}>2. 输入应用中显示的 6 位动态码完成绑定。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={() => void submit()} disabled={!data}>
        <Form.Item
          name="code"
          label="动态码"
          rules={[{ required: true, message: '请输入 6 位数字动态码' }, zodRule(totpCodeBody, 'code')]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="6 位数字"
            className="otp-input"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
          完成绑定
        </Button>
      </Form>
    </Flex>
  );
}
