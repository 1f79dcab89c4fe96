// An entry of the feedback box: what was written (the phone masked, revealed with an audit entry),
// the deadline, the case's log, and the reply (optionally published at once), then publish or
// withdraw the publication.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { feedbackRatingLabels, feedbackSignatureLabels, type FeedbackDetail } from '../../../shared/schemas/feedback';
import { isApiError } from '../../api/client';
import { useFeedback, useFeedbackAction, useRevealFeedbackPhone } from '../../api/portal';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { FeedbackStatusTag, KindTag } from './feedback-tags';

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

function Phone({ f }: { f: FeedbackDetail }) {
  const canReveal = useCan('sensitive:reveal');
  const reveal = useRevealFeedbackPhone();
  const [clear, setClear] = useState<string | null>(null);
  if (!f.phoneMasked) return <>—</>;
  return (
    <Space>
      <span className="mono">{clear ?? f.phoneMasked}</span>
      {canReveal && !clear && (
        <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate(f.id, { onSuccess: (r) => setClear(r.value) })}>
          显示
        </Button>
      )}
    </Space>
  );
}

function ReplyForm({ f }: { f: FeedbackDetail }) {
  const [form] = Form.useForm<{ reply?: string; publish?: boolean }>();
  const act = useFeedbackAction();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  function submit(v: { reply?: string; publish?: boolean }) {
    setError(null);
    act.mutate(
      { id: f.id, body: { action: 'reply', version: f.version, reply: v.reply ?? '', publish: !!v.publish } },
      { onSuccess: () => void message.success('已答复'), onError: (e) => setError(errorText(e)) },
    );
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="reply" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="答复内容将通过查询码告知提出人" />
      </Form.Item>
      <Form.Item name="publish" valuePropName="checked">
        <Checkbox>同时在本单位公开页面公开（只公开意见内容和答复，不含提出人信息）</Checkbox>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={act.isPending}>
        答复
      </Button>
    </Form>
  );
}

export function FeedbackDetailPage() {
  const { id } = useParams();
  const q = useFeedback(id);
  const act = useFeedbackAction();
  const { message } = App.useApp();
  const f = q.data;
  if (q.isPending) return <Spin />;
  if (!f) return <Result status="404" title="未找到该意见" />;
  const can = (name: string) => f.actions.some((a) => a.name === name);
  const simple = (action: 'publish' | 'unpublish', done: string) =>
    act.mutate({ id: f.id, body: { action, version: f.version } }, { onSuccess: () => void message.success(done), onError: (e) => void message.error(errorText(e)) });
  return (
    <PageShell title="意见详情" subtitle={f.orgUnitName}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Space wrap style={{ marginBottom: 12 }}>
            <KindTag f={f} />
            <FeedbackStatusTag f={f} />
          </Space>
          <Typography.Paragraph style={{ fontSize: 15, whiteSpace: 'pre-wrap' }}>{f.text}</Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label="收到日期">{f.submittedOn}</Descriptions.Item>
            <Descriptions.Item label="答复期限">{f.status === 'submitted' ? (f.dueDay ?? '—') : '—'}</Descriptions.Item>
            <Descriptions.Item label="服务评价">{f.rating ? `${f.rating} 星（${feedbackRatingLabels[f.rating]}）` : '未评价'}</Descriptions.Item>
            <Descriptions.Item label="署名">
              {f.writerName}（{feedbackSignatureLabels[f.signature]}）
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">
              <Phone f={f} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
        {f.reply && (
          <Card
            title="答复"
            extra={
              <Space>
                {can('publish') && (
                  <Button type="primary" loading={act.isPending} onClick={() => simple('publish', '已公开')}>
                    公开答复
                  </Button>
                )}
                {can('unpublish') && (
                  <Button loading={act.isPending} onClick={() => simple('unpublish', '已撤回公开')}>
                    撤回公开
                  </Button>
                )}
              </Space>
            }
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.reply}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {f.repliedByName}　{f.repliedOn}　{f.published ? '已在公开页面公开' : '未公开'}
            </Typography.Text>
          </Card>
        )}
        {can('reply') && (
          <Card title="答复">
            <ReplyForm f={f} />
          </Card>
        )}
        <Card title="办理记录">
          <CaseTimeline log={f.log} />
        </Card>
      </Space>
    </PageShell>
  );
}
