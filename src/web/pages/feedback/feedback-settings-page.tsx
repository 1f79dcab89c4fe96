// 意见簿答复期限: how many days (natural or working) a unit has to answer an entry of the feedback
// box. Everyone who reads feedback sees it; a county-level (or higher) unit head or services
// reviewer changes it (the server says who: `mayEdit`). A new entry takes the deadline in force when
// it comes in; entries already in keep theirs. Each change is audited.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Radio, Spin, Typography } from 'antd';
import { feedbackSettingsBody, type FeedbackSettings } from '../../../shared/schemas/feedback';
import { isApiError } from '../../api/client';
import { useFeedbackSettings, useSaveFeedbackSettings } from '../../api/portal';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PageShell } from '../../components/page-shell';

const kindLabels: Record<FeedbackSettings['replyDayKind'], string> = { natural: '自然日', working: '工作日（不含法定节假日和周末）' };

export function FeedbackSettingsPage() {
  const q = useFeedbackSettings();
  const save = useSaveFeedbackSettings();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  useEffect(() => {
    if (q.data) form.setFieldsValue({ replyDays: q.data.replyDays, replyDayKind: q.data.replyDayKind });
  }, [q.data, form]);

  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, feedbackSettingsBody, v);
    if (!body) return;
    try {
      await save.mutateAsync(body);
      void message.success('已保存，新收到的意见按新期限计算');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title="意见簿答复期限" subtitle="公开页面“意见簿 · 监督卡”收到意见后，单位应在此期限内答复">
      <Card className="fb-settings-card" style={{ maxWidth: 640 }}>
        {q.isPending ? (
          <Spin />
        ) : q.isError ? (
          <Alert type="error" showIcon title={q.error.message} />
        ) : (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="现行期限">
                <span data-testid="reply-deadline">
                  {q.data.replyDays} 个{q.data.replyDayKind === 'working' ? '工作日' : '自然日'}
                </span>
                {q.data.isDefault && <Typography.Text type="secondary">（默认）</Typography.Text>}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary">新收到的意见按收到时的期限计算答复日期；已收到的意见不受修改影响。</Typography.Paragraph>
            {q.data.mayEdit ? (
              <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark={false}>
                <Form.Item name="replyDays" label="答复期限（天）" rules={[{ required: true, message: '请填写答复期限天数' }]}>
                  <InputNumber min={1} max={90} precision={0} style={{ width: 160 }} aria-label="答复期限天数" />
                </Form.Item>
                <Form.Item name="replyDayKind" label="计算方式">
                  <Radio.Group>
                    {(Object.keys(kindLabels) as FeedbackSettings['replyDayKind'][]).map((k) => (
                      <Radio key={k} value={k}>
                        {kindLabels[k]}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存
                </Button>
              </Form>
            ) : (
              <Alert type="info" showIcon title="答复期限由县级及以上服务中心负责人或审核人员修改" />
            )}
          </>
        )}
      </Card>
    </PageShell>
  );
}
