// 意见答复查询 without signing in: the query code given at submission shows that one entry and its reply.
import { useState } from 'react';
import { Alert, Button, Form, Input, Tag } from 'antd';
import { normalizeQueryCode } from '../../../shared/schemas/public-accounts';
import { feedbackKindLabels, feedbackQueryBody, type PublicFeedbackView } from '../../../shared/schemas/feedback';
import { useQueryFeedback } from '../../api/portal';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import './portal.css';

export function FeedbackQueryPage() {
  const [form] = Form.useForm<{ code?: string }>();
  const query = useQueryFeedback();
  const [view, setView] = useState<PublicFeedbackView | null>(null);
  const [error, setError] = useState<string | null>(null);
  function submit(values: { code?: string }) {
    setError(null);
    const body = parseWithSchema(form, feedbackQueryBody, values);
    if (!body) return;
    query.mutate(body.code, {
      onSuccess: setView,
      onError: (e) => {
        setView(null);
        if (!applyServerErrors(form, e)) setError(e.message);
      },
    });
  }
  return (
    <>
      <div className="pp-title">意见答复查询</div>
      <p className="pp-hint">输入提交意见时获得的查询码，查看答复，无需登录。</p>
      <div className="public-block">
        <Form form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={submit} size="large">
          <Form.Item name="code" label="查询码" rules={[{ required: true, whitespace: true, message: '请输入查询码' }]} normalize={(v: string) => (v ? normalizeQueryCode(v) : v)}>
            <Input maxLength={16} autoComplete="off" autoCapitalize="characters" className="mono" placeholder="10 位字母或数字" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={query.isPending}>
            查询
          </Button>
        </Form>
      </div>
      {view && (
        <div className="public-block" data-testid="feedback-view">
          <div className="portal-reply-head">
            <span>
              <Tag>{feedbackKindLabels[view.kind]}</Tag>
              {view.unitName}
            </span>
            <Tag color={view.status === 'replied' ? 'green' : 'orange'}>{view.statusLabel}</Tag>
          </div>
          <div className="muted" style={{ fontSize: 13 }}>
            提交于 {view.submittedOn}
            {view.status === 'submitted' && view.dueDay ? `，答复期限 ${view.dueDay}` : ''}
          </div>
          <div className="portal-reply-text" style={{ marginTop: 6 }}>
            {view.text}
          </div>
          {view.reply && (
            <div className="portal-reply-answer">
              <span className="portal-reply-label">答复（{view.repliedOn}）：</span>
              {view.reply}
            </div>
          )}
        </div>
      )}
    </>
  );
}
