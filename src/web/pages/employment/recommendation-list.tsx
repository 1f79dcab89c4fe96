// Recommendations of a person or an opening, with their outcome buttons (登记面试 / 录用 / 未成功:
// kernel actions; a hire makes the person 在岗就业; 未成功 asks for the reason of the fixed list, 其他
// with the words).
import { useState } from 'react';
import { App, Button, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { declineReasonLabels, declineReasons, recommendationStatusLabels, type DeclineReason, type RecommendationDto } from '../../../shared/schemas/employment';
import { useRecommendationAction, useRecommendations } from '../../api/employment';
import { isApiError } from '../../api/client';
import { todayDay } from '../../components/day-picker';

const color = { recommended: 'blue', interviewed: 'cyan', hired: 'green', declined: 'default' } as const;

/** 登记未成功: the reason (required), and the words when 其他. */
function DeclineDialog({ r, onClose }: { r: RecommendationDto; onClose: () => void }) {
  const act = useRecommendationAction();
  const [form] = Form.useForm<{ reason?: DeclineReason; reasonNote?: string }>();
  const reason = Form.useWatch('reason', form);
  const { message } = App.useApp();
  async function submit(v: { reason?: DeclineReason; reasonNote?: string }) {
    if (!v.reason) return;
    try {
      await act.mutateAsync({ id: r.id, body: { action: 'decline', version: r.version, comment: '', on: todayDay(), reason: v.reason, reasonNote: (v.reasonNote ?? '').trim() } });
      void message.success('已登记未成功');
      onClose();
    } catch (e) {
      const details = isApiError(e) ? e.details : [];
      if (details.some((d) => d.path === 'reasonNote')) form.setFields([{ name: 'reasonNote', errors: [details.find((d) => d.path === 'reasonNote')!.message] }]);
      else void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Modal open title={`登记未成功：${r.recipientName}——${r.position}`} okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label="未成功原因" rules={[{ required: true, message: '请选择未成功原因' }]}>
          <Radio.Group aria-label="未成功原因" options={declineReasons.map((x) => ({ value: x, label: declineReasonLabels[x] }))} />
        </Form.Item>
        {reason === 'other' && (
          <Form.Item name="reasonNote" label="具体原因" rules={[{ required: true, whitespace: true, message: '请填写具体原因' }]}>
            <Input.TextArea rows={2} maxLength={200} aria-label="具体原因" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function RecommendationList({ query, show }: { query: { recipientId?: string; openingId?: string }; show: 'opening' | 'person' }) {
  const q = useRecommendations(query);
  const act = useRecommendationAction();
  const { message } = App.useApp();
  const [declining, setDeclining] = useState<RecommendationDto | null>(null);
  async function run(r: RecommendationDto, action: 'interview' | 'hire') {
    try {
      const on = todayDay();
      await act.mutateAsync({ id: r.id, body: { action, version: r.version, comment: '', on } });
      void message.success(action === 'hire' ? '已登记录用，就业状况已改为在岗就业' : '已登记');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  if (!q.data) return null;
  if (!q.data.items.length) return <div className="muted">尚无推荐记录</div>;
  return (
    <>
    {declining && <DeclineDialog r={declining} onClose={() => setDeclining(null)} />}
    <List
      size="small"
      data-testid="employment-recommendations"
      dataSource={q.data.items}
      renderItem={(r) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Space wrap size={6}>
              <Typography.Text strong>{show === 'opening' ? `${r.employerName} ${r.position}` : r.recipientName}</Typography.Text>
              <Tag color={color[r.status]}>{recommendationStatusLabels[r.status]}</Tag>
              <span className="muted">
                推荐 {r.recommendedOn} · 匹配度 {r.score}
                {r.outcomeOn ? ` · ${r.outcomeOn}` : ''}
              </span>
              {r.declineReason && (
                <span className="muted" data-testid="decline-reason">
                  原因：{declineReasonLabels[r.declineReason]}
                  {r.declineNote ? `（${r.declineNote}）` : ''}
                </span>
              )}
            </Space>
            {r.actions.length > 0 && (
              <Space wrap size={6} style={{ marginTop: 6 }}>
                {r.actions.includes('interview') && (
                  <Button size="small" onClick={() => run(r, 'interview')} loading={act.isPending}>
                    登记面试
                  </Button>
                )}
                {r.actions.includes('hire') && (
                  <Button size="small" type="primary" onClick={() => run(r, 'hire')} loading={act.isPending}>
                    登记录用
                  </Button>
                )}
                {r.actions.includes('decline') && (
                  <Button size="small" danger onClick={() => setDeclining(r)}>
                    登记未成功
                  </Button>
                )}
              </Space>
            )}
          </div>
        </List.Item>
      )}
    />
    </>
  );
}
