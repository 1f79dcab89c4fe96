// The 走访慰问 panel of a recipient's page: key-group marks and the county contact, the next owed
// visit, the visits owed, the visits made (each opens the visit), and the buttons 记录走访 and
// 登记走访事由 (a 六必访 event recorded by hand: kind, day, note).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Flex, Form, Input, List, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { visitTriggerCreate, visitTriggerKindLabels, visitTriggerKinds, visitTypeLabels } from '../../../shared/schemas/visits';
import { useCreateTrigger, useRecipientVisits } from '../../api/visits';
import { DayPicker, todayDay } from '../../components/day-picker';
import { useCan } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { DueDay, DueStateTag, KeyGroupTags } from '../visits/visit-tags';
import '../visits/visits.css';

function TriggerModal({ recipient, open, onClose }: { recipient: RecipientDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const create = useCreateTrigger();
  async function submit(): Promise<void> {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const body = parseWithSchema(form, visitTriggerCreate, { recipientId: recipient.id, kind: v.kind, eventDay: v.eventDay, note: v.note ?? '' });
    if (!body) return;
    try {
      const t = await create.mutateAsync(body);
      void message.success(t.dueVisitId ? `已登记${visitTriggerKindLabels[t.kind]}，已列入应访名单` : `已登记${visitTriggerKindLabels[t.kind]}`);
      form.resetFields();
      onClose();
    } catch (e) {
      applyServerErrors(form, e);
    }
  }
  return (
    <Modal open={open} title={`登记走访事由：${recipient.name}`} okText="登记" cancelText="取消" confirmLoading={create.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">六必访：退役返乡、立功受奖、英模典型、重要节日、遇到困难、重大变故必访。登记后按走访期列入应访名单。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ eventDay: todayDay() }} requiredMark="optional">
        <Form.Item name="kind" label="事由" rules={[{ required: true, message: '请选择走访事由' }]}>
          <Select placeholder="请选择" aria-label="事由" options={visitTriggerKinds.map((k) => ({ value: k, label: visitTriggerKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="eventDay" label="事件日期" rules={[{ required: true, message: '请选择事件日期' }]}>
          <DayPicker maxDay={todayDay()} aria-label="事件日期" />
        </Form.Item>
        <Form.Item name="note" label="情况说明">
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 5 }} aria-label="情况说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Where 记录走访 goes for a person: their next owed visit, else a routine visit. */
function recordVisitPath(recipientId: string, nextDueId: string | undefined): string {
  return nextDueId
    ? `/visits/new?dueVisit=${encodeURIComponent(nextDueId)}&recipient=${encodeURIComponent(recipientId)}`
    : `/visits/new?recipient=${encodeURIComponent(recipientId)}`;
}

/**
 * The main action of a person's page on a phone, at its top: 记录走访 (the next owed visit when
 * there is one, with its label and due day), so that it is not screens down in the 走访慰问 panel.
 */
export function RecipientVisitAction({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const q = useRecipientVisits(recipient.id);
  const next = q.data?.next ?? null;
  return (
    <div className="recipient-visit-action no-print" data-testid="recipient-visit-action">
      <div className="recipient-visit-action-text">
        {q.isPending ? (
          <span className="muted">正在读取应访…</span>
        ) : next ? (
          <>
            <span>
              应访：<strong>{next.label}</strong>
            </span>
            <span className="muted">
              期限 <DueDay due={next} />
            </span>
          </>
        ) : (
          <span className="muted">目前没有应访，可记录日常走访</span>
        )}
      </div>
      <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate(recordVisitPath(recipient.id, next?.id))}>
        记录走访
      </Button>
    </div>
  );
}

export function RecipientVisits({ recipient }: { recipient: RecipientDetail }) {
  const navigate = useNavigate();
  const canWrite = useCan('visits:write');
  const q = useRecipientVisits(recipient.id);
  const [triggering, setTriggering] = useState(false);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">走访记录暂时无法读取：{q.error.message}</span>;
  const d = q.data;
  const next = d.next;
  return (
    <div className="recipient-visits" data-testid="recipient-visits">
      {(d.keyGroups.length > 0 || d.contact) && (
        <Flex wrap gap={6} align="center" className="recipient-visits-row">
          <KeyGroupTags groups={d.keyGroups} full />
          {d.contact && <span className="muted">县级联系人：{d.contact.name}</span>}
        </Flex>
      )}
      <div className="recipient-visits-row">
        {next ? (
          <>
            <Space wrap size={6}>
              <span>下次应访：</span>
              <strong>{next.label}</strong>
              <DueStateTag state={next.state} />
            </Space>
            <div className="muted">
              日期 {next.occasionDay} · 期限 <DueDay due={next} />
              {next.assignedUserName && ` · 走访人 ${next.assignedUserName}`}
            </div>
          </>
        ) : (
          <span className="muted">目前没有应访的走访</span>
        )}
      </div>
      {d.owed.length > 1 && (
        <div className="recipient-visits-row muted">
          另有应访：{d.owed.filter((o) => o.id !== next?.id).map((o) => `${o.label}（${o.windowEnd}前）`).join('、')}
        </div>
      )}
      {canWrite && (
        <Space wrap className="recipient-visits-row no-print">
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => navigate(recordVisitPath(recipient.id, next?.id))}
          >
            记录走访
          </Button>
          <Button size="small" onClick={() => setTriggering(true)}>
            登记走访事由
          </Button>
        </Space>
      )}
      {d.visits.length === 0 ? (
        <div className="muted recipient-visits-row">尚无走访记录</div>
      ) : (
        <List
          size="small"
          dataSource={d.visits}
          renderItem={(v) => (
            <List.Item>
              <Flex wrap gap={6} align="center" style={{ width: '100%' }}>
                <Typography.Link onClick={() => navigate(`/visits?visit=${encodeURIComponent(v.id)}`)}>{v.visitedOn}</Typography.Link>
                <span>{visitTypeLabels[v.visitType]}</span>
                <span className="muted">{v.dueLabel ?? '日常走访'}</span>
                {v.late && <Tag color="gold">逾期走访</Tag>}
                <span className="muted">走访人员：{v.visitors}</span>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {d.triggers.length > 0 && (
        <div className="recipient-visits-row muted">
          走访事由：{d.triggers.map((t) => `${visitTriggerKindLabels[t.kind]} ${t.eventDay}`).join('、')}
        </div>
      )}
      <TriggerModal recipient={recipient} open={triggering} onClose={() => setTriggering(false)} />
    </div>
  );
}
