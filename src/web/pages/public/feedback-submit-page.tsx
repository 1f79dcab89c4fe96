// 意见簿 · 监督卡 of one unit (seed Part 1 三(七)): anyone writes an opinion, suggestion, complaint or
// praise, anonymously or signed (name and phone), or signed with their public account when signed
// in, with an optional rating of the service. The query code is shown once, to follow the reply.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Form, Input, Radio, Rate, Result, Skeleton } from 'antd';
import { accountFeedbackCreate, feedbackKindLabels, feedbackKinds, feedbackRatingLabels, publicFeedbackCreate, type FeedbackCreated } from '../../../shared/schemas/feedback';
import { usePublicUnit } from '../../api/public';
import { usePublicMe } from '../../api/public-accounts';
import { useSubmitAccountFeedback, useSubmitFeedback } from '../../api/portal';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PUBLIC_TITLE } from './public-layout';
import './portal.css';

type Values = { kind?: string; text?: string; rating?: number; signature?: 'anonymous' | 'named' | 'account'; name?: string; phone?: string };

function CodeShown({ created, unitId }: { created: FeedbackCreated; unitId: string }) {
  return (
    <Result
      status="success"
      title="已提交，感谢您的监督"
      subTitle={`${created.unitName}将${created.dueDay ? `于 ${created.dueDay} 前` : '尽快'}答复。请记下查询码，凭它查看答复（只显示这一次）。`}
      extra={
        <div>
          <div className="pp-code" data-testid="feedback-code">
            {created.queryCode}
          </div>
          <div style={{ display: 'flex', gap: 8, justifyContent: 'center', flexWrap: 'wrap' }}>
            <Link to="/public/feedback-query">
              <Button type="primary">查询答复</Button>
            </Link>
            <Link to={`/public/units/${encodeURIComponent(unitId)}`}>
              <Button>返回服务站页面</Button>
            </Link>
          </div>
        </div>
      }
    />
  );
}

export function FeedbackSubmitPage() {
  const { id = '' } = useParams();
  const unit = usePublicUnit(id);
  const me = usePublicMe();
  const [form] = Form.useForm<Values>();
  const submitPublic = useSubmitFeedback();
  const submitAccount = useSubmitAccountFeedback();
  const [created, setCreated] = useState<FeedbackCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signature = Form.useWatch('signature', form);
  useEffect(() => {
    document.title = `意见簿 · ${unit.data?.name ?? ''} · ${PUBLIC_TITLE}`;
  }, [unit.data]);

  if (unit.isPending) return <Skeleton active />;
  if (!unit.data) return <Alert type="error" showIcon title="未找到该服务中心（站）" description={<Link to="/public">返回查找</Link>} />;
  if (created) return <CodeShown created={created} unitId={id} />;

  const account = me.data ?? null;
  function submit(values: Values) {
    setError(null);
    const onError = (e: Error) => {
      if (!applyServerErrors(form, e)) setError(e.message);
    };
    const onSuccess = (c: FeedbackCreated) => setCreated(c);
    const base = { orgUnitId: id, kind: values.kind, text: values.text ?? '', rating: values.rating ? values.rating : null };
    if (values.signature === 'account') {
      const body = parseWithSchema(form, accountFeedbackCreate, base);
      if (body) submitAccount.mutate(body, { onSuccess, onError });
      return;
    }
    const body = parseWithSchema(form, publicFeedbackCreate, { ...base, signature: values.signature, name: values.signature === 'named' ? values.name : '', phone: values.signature === 'named' ? values.phone : '' });
    if (body) submitPublic.mutate(body, { onSuccess, onError });
  }

  return (
    <>
      <div className="pp-title">意见簿 · 监督卡</div>
      <p className="pp-hint">
        对 <b>{unit.data.name}</b> 的服务提出意见、建议、投诉或表扬。可以匿名；署名的联系电话只用于回访，加密保存，不会公开。单位负责人会按期答复，答复经同意后可能在本站页面公开（不含您的个人信息）。
      </p>
      <div className="public-block">
        <Form<Values> form={form} layout="vertical" className="pp-form" requiredMark={false} size="large" onFinish={submit} initialValues={{ kind: 'opinion', signature: account ? 'account' : 'anonymous' }}>
          <Form.Item name="kind" label="类别">
            <Radio.Group optionType="button" buttonStyle="solid" options={feedbackKinds.map((k) => ({ value: k, label: feedbackKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="text" label="内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }]}>
            <Input.TextArea rows={5} maxLength={1000} showCount placeholder="请写明事情经过、时间、涉及的窗口或人员，以及您的意见或建议" />
          </Form.Item>
          <Form.Item name="rating" label="服务评价（可不选）">
            <Rate tooltips={[1, 2, 3, 4, 5].map((n) => feedbackRatingLabels[n])} aria-label="服务评价" />
          </Form.Item>
          <Form.Item name="signature" label="署名方式">
            <Radio.Group>
              <Radio value="anonymous">匿名</Radio>
              <Radio value="named">署名（留姓名和电话）</Radio>
              {account && <Radio value="account">以公众账号署名（{account.name}）</Radio>}
            </Radio.Group>
          </Form.Item>
          {signature === 'named' && (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                <Input maxLength={30} autoComplete="name" />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }]}>
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={submitPublic.isPending || submitAccount.isPending}>
            提交
          </Button>
        </Form>
      </div>
    </>
  );
}
