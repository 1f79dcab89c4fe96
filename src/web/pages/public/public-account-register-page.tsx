// 实名注册 (seed Part 7 二(四)): name, ID number (its check character checked here as on the
// server), mobile, password; the privacy notice is shown and must be accepted. Before sending,
// the browser solves the server's proof-of-work challenge ("正在进行安全校验…" with progress).
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Checkbox, Form, Input, Progress } from 'antd';
import { parseIdNumber } from '../../../shared/rules/id-number';
import { parsePhone } from '../../../shared/rules/phone';
import { PUBLIC_PRIVACY_NOTICE_VERSION, publicRegisterBody } from '../../../shared/schemas/public-accounts';
import { defaultSecurityPolicy } from '../../../shared/schemas/security-policy';
import { isApiError } from '../../api/client';
import { fetchChallenge, usePublicRegister } from '../../api/public-accounts';
import { applyServerErrors } from '../../components/zod-form';
import { solvePow } from './public-account-pow';

type Values = { name?: string; idNumber?: string; phone?: string; password?: string; password2?: string; agree?: boolean };

export const PUBLIC_PRIVACY_NOTICE = [
  '为核实信访人身份、办理和答复您的信访事项，我们依据《个人信息保护法》《信访工作条例》收集您的姓名、公民身份号码、手机号码，以及您在信访事项中填写的住址和内容。',
  '公民身份号码和手机号码属于敏感个人信息，加密存储，仅受理和办理您信访事项的工作人员可以查看，每次查看均记入审计日志。',
  '您的信息仅用于信访事项的登记、办理、答复、查询和评价，不用于其他目的，不向无关单位和个人提供；检举控告类事项不会透露给被检举控告的人员和单位。',
  '您可以通过本平台查询自己的信访事项，也可以向受理单位申请查阅、更正您的个人信息。',
];

/** Safe way back after signing in: only a path of the public pages. */
export function publicNext(params: URLSearchParams): string {
  const next = params.get('next') ?? '';
  return next.startsWith('/public/') && !next.startsWith('//') ? next : '/public/petitions';
}

export function PublicAccountRegisterPage() {
  const [form] = Form.useForm<Values>();
  const register = usePublicRegister();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [checking, setChecking] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function submit(values: Values): Promise<void> {
    if (checking !== null || register.isPending) return; // one registration per click
    setError(null);
    const draft = {
      name: values.name ?? '',
      idNumber: values.idNumber ?? '',
      phone: values.phone ?? '',
      password: values.password ?? '',
      privacyNoticeVersion: values.agree ? PUBLIC_PRIVACY_NOTICE_VERSION : '',
      pow: { challenge: 'pending', nonce: '0' },
    };
    if (!publicRegisterBody.safeParse(draft).success) {
      setError('请检查填写的内容');
      return;
    }
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    try {
      setChecking(0);
      const ch = await fetchChallenge();
      const nonce = await solvePow(ch.challenge, ch.difficulty, {
        signal: ctl.signal,
        onProgress: ({ tried, expected }) => setChecking(Math.min(95, Math.round((100 * tried) / (expected * 2)))),
      });
      setChecking(100);
      const body = { ...draft, pow: { challenge: ch.challenge, nonce } };
      register.mutate(body, {
        onSuccess: () => navigate(publicNext(params), { replace: true }),
        onError: (e) => {
          form.setFieldValue('password', '');
          form.setFieldValue('password2', '');
          applyServerErrors(form, e);
          setError(e.message);
        },
        onSettled: () => setChecking(null),
      });
    } catch (e) {
      setChecking(null);
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(isApiError(e) ? e.message : '安全校验失败，请刷新页面后重试');
    }
  }

  return (
    <>
      <div className="pp-title">实名注册</div>
      <p className="pp-hint">注册后可在网上提出信访事项，并随时查看办理进度和答复。请使用本人真实身份信息。</p>
      <div className="public-block">
        <Form<Values> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={(v) => void submit(v)} size="large">
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 30, message: '姓名最多 30 个字' }]}>
            <Input autoComplete="name" maxLength={30} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="公民身份号码"
            validateTrigger="onBlur"
            rules={[
              { required: true, whitespace: true, message: '请填写公民身份号码' },
              {
                validator: async (_r, v: string | undefined) => {
                  if (!v || !v.trim()) return;
                  const r = parseIdNumber(v);
                  if (!r.ok) throw new Error(r.message);
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" inputMode="text" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            validateTrigger="onBlur"
            extra="用于登录和查询信访事项"
            rules={[
              { required: true, whitespace: true, message: '请填写手机号码' },
              {
                validator: async (_r, v: string | undefined) => {
                  if (!v || !v.trim()) return;
                  const r = parsePhone(v);
                  if (!r.ok) throw new Error(r.message);
                  if (r.kind !== 'mobile') throw new Error('请填写手机号码');
                },
              },
            ]}
          >
            <Input maxLength={20} autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item name="password" label="设置密码" rules={[{ required: true, message: '请设置密码' }]} extra={`至少 ${defaultSecurityPolicy.passwordMinLength} 位，须包含小写字母、大写字母、数字、符号中的至少 ${defaultSecurityPolicy.passwordMinClasses} 种`}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="password2"
            label="确认密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  if (v && v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <div className="pp-privacy" role="region" aria-label="个人信息收集告知">
            <strong>个人信息收集告知</strong>
            {PUBLIC_PRIVACY_NOTICE.map((t, i) => (
              <p key={i} style={{ margin: '4px 0 0' }}>
                {i + 1}. {t}
              </p>
            ))}
          </div>
          <Form.Item
            name="agree"
            valuePropName="checked"
            rules={[{ validator: async (_r, v: boolean | undefined) => { if (!v) throw new Error('请阅读并同意个人信息收集告知'); } }]}
          >
            <Checkbox>我已阅读并同意《个人信息收集告知》</Checkbox>
          </Form.Item>
          {checking !== null && (
            <div className="pp-progress" data-testid="pow-progress">
              <div>{checking < 100 ? '正在进行安全校验…' : '正在提交…'}</div>
              <Progress percent={checking} size="small" showInfo={false} strokeColor="#b71c1c" />
            </div>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={checking !== null || register.isPending}>
            注册
          </Button>
        </Form>
      </div>
      <p className="pp-hint" style={{ textAlign: 'center' }}>
        已有账号？<Link to={`/public/account/login${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}>登录</Link>
      </p>
    </>
  );
}
