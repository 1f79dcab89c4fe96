// 信访查询 without signing in: the query code and the phone number given with the petition show
// that one petition's progress (and nothing else), and let it be rated once it is answered.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Form, Input } from 'antd';
import { normalizeQueryCode, petitionQueryBody, type PetitionQueryBody } from '../../../shared/schemas/public-accounts';
import { useQueryPetition, useRateByCode, type PublicPetitionView } from '../../api/public-accounts';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PetitionProgress } from './petition-progress';

type Values = { code?: string; phone?: string };

export function PetitionQueryPage() {
  const [form] = Form.useForm<Values>();
  const query = useQueryPetition();
  const rate = useRateByCode();
  const { message } = App.useApp();
  const [asked, setAsked] = useState<PetitionQueryBody | null>(null);
  const [view, setView] = useState<PublicPetitionView | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(values: Values): void {
    setError(null);
    const body = parseWithSchema(form, petitionQueryBody, values);
    if (!body) return;
    query.mutate(body, {
      onSuccess: (v) => {
        setAsked(body);
        setView(v);
      },
      onError: (e) => {
        setView(null);
        if (!applyServerErrors(form, e)) setError(e.message);
      },
    });
  }

  return (
    <>
      <div className="pp-title">信访查询</div>
      <p className="pp-hint">
        输入提交信访事项时获得的查询码和留下的手机号码，即可查看办理进度和答复，无需登录。已注册的信访人也可
        <Link to="/public/petitions">登录查看全部信访事项</Link>。
      </p>
      <div className="public-block">
        <Form<Values> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={submit} size="large">
          <Form.Item name="code" label="查询码" rules={[{ required: true, whitespace: true, message: '请输入查询码' }]} normalize={(v: string) => (v ? normalizeQueryCode(v) : v)}>
            <Input maxLength={16} autoComplete="off" autoCapitalize="characters" className="mono" placeholder="10 位字母或数字" />
          </Form.Item>
          <Form.Item name="phone" label="手机号码" rules={[{ required: true, whitespace: true, message: '请输入信访时留的手机号码' }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={query.isPending}>
            查询
          </Button>
        </Form>
      </div>
      {view && asked && (
        <PetitionProgress
          p={view}
          rating={rate.isPending}
          onRate={(n) =>
            rate.mutate(
              { ...asked, satisfaction: n },
              {
                onSuccess: (v) => {
                  setView(v);
                  void message.success('感谢您的评价');
                },
              },
            )
          }
        />
      )}
    </>
  );
}
