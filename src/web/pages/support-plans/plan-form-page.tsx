// 制定帮扶计划 (一人一策): one column, for a phone too. The person is a registry recipient (found by
// name, or given by the recipient page or a visit's follow-up — then saving closes the follow-up as
// passed on); the unit defaults to the worker's own, the responsible person to the worker.
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { difficultyKindLabels, difficultyKinds, supportPlanCreate } from '../../../shared/schemas/support-plans';
import { useCreateSupportPlan } from '../../api/support-plans';
import { recipientApi } from '../../api/recipients';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PlanPeopleSelect } from './plan-tags';

/** Finds a registry recipient by name (never a free-text name). */
function RecipientPick(props: { value?: string | null; onChange?: (id: string | null) => void; initial?: { id: string; name: string } | null; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'plan-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  if (props.initial && !options.some((o) => o.value === props.initial!.id)) options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      id={props.id}
      aria-label="服务对象"
      value={props.value ?? undefined}
      placeholder="输入姓名查找服务对象"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到（须为已入库的服务对象）' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      options={options}
    />
  );
}

export function PlanFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateSupportPlan();
  const [sp] = useSearchParams();
  const fromFollowUpId = sp.get('fromFollowUp');
  const recipientParam = sp.get('recipient');
  const initial = recipientParam ? { id: recipientParam, name: sp.get('name') ?? '' } : null;
  const need = sp.get('need');
  const unitId = Form.useWatch('orgUnitId', form) as string | undefined;
  const openedOn = Form.useWatch('openedOn', form) as string | undefined;

  useEffect(() => {
    form.setFieldsValue({
      recipientId: recipientParam,
      orgUnitId: me.orgUnit.id,
      difficulty: 'livelihood',
      situation: need ? `${sp.get('visitedOn') ?? ''} 走访时反映：${need}`.trim() : '',
      openedOn: todayDay(),
      nextReviewOn: dayjs(todayDay()).add(1, 'month').format('YYYY-MM-DD'),
      responsibleUserId: me.id,
      measures: [{ content: '', ownerUserId: me.id, dueOn: dayjs(todayDay()).add(1, 'month').format('YYYY-MM-DD') }],
    });
  }, [form, me, recipientParam, need, sp]);

  async function submit(values: Record<string, unknown>) {
    const raw = { ...values, measures: ((values.measures as Record<string, unknown>[] | undefined) ?? []).filter((m) => m.content), fromFollowUpId };
    const body = parseWithSchema(form, supportPlanCreate, raw);
    if (!body) return;
    try {
      const p = await create.mutateAsync(body);
      void message.success(fromFollowUpId ? '已制定帮扶计划，走访后续事项已转办' : '已制定帮扶计划');
      navigate(`/support-plans/${p.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title="制定帮扶计划（一人一策）" subtitle="写明困难情况和帮扶目标，逐项落实帮扶措施、责任人和完成时限，定期跟踪评估">
      <Card className="plan-form">
        {fromFollowUpId && <Alert type="info" showIcon title={`由走访后续事项转办：${need ?? ''}。保存后该事项标记为“已转办”。`} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="recipientId" label="服务对象" rules={[{ required: true, message: '请选择服务对象' }]}>
            <RecipientPick initial={initial} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="制定单位" rules={[{ required: true, message: '请选择制定单位' }]} extra="服务对象所在单位或其上级单位">
            <OrgUnitSelect aria-label="制定单位" onChange={(id) => form.setFieldsValue({ orgUnitId: id, responsibleUserId: null })} />
          </Form.Item>
          <Form.Item name="difficulty" label="困难类型" rules={[{ required: true, message: '请选择困难类型' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={difficultyKinds.map((d) => ({ value: d, label: difficultyKindLabels[d] }))} />
          </Form.Item>
          <Form.Item name="situation" label="困难情况" rules={[{ required: true, message: '请填写困难情况' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder="家庭、健康、收入、住房等方面的具体困难" />
          </Form.Item>
          <Form.Item name="goals" label="帮扶目标" rules={[{ required: true, message: '请填写帮扶目标' }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder="如：医疗费用有保障，家庭基本生活稳定" />
          </Form.Item>
          <Form.Item name="responsibleUserId" label="责任人" rules={[{ required: true, message: '请选择责任人' }]} extra="评估日期到期前提醒责任人">
            <PlanPeopleSelect orgUnitId={unitId} aria-label="责任人" placeholder="选择责任人" />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item name="openedOn" label="制定日期" rules={[{ required: true, message: '请选择制定日期' }]}>
              <DayPicker aria-label="制定日期" maxDay={todayDay()} />
            </Form.Item>
            <Form.Item name="nextReviewOn" label="下次评估日期" rules={[{ required: true, message: '请选择下次评估日期' }]}>
              <DayPicker aria-label="下次评估日期" minDay={openedOn} />
            </Form.Item>
          </Space>
          <Form.Item label="帮扶措施">
            <Form.List name="measures">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} className="plan-measure-row">
                      <Form.Item name={[f.name, 'content']} style={{ flex: '1 1 260px' }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} placeholder={`措施 ${i + 1}：如协助申请临时救助`} aria-label={`措施${i + 1}内容`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'ownerUserId']} style={{ flex: '1 1 180px' }}>
                        <PlanPeopleSelect orgUnitId={unitId} aria-label={`措施${i + 1}责任人`} placeholder="责任人" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueOn']}>
                        <DayPicker aria-label={`措施${i + 1}完成时限`} minDay={openedOn} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label={`删除措施${i + 1}`} onClick={() => remove(f.name)} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ content: '', ownerUserId: me.id, dueOn: dayjs(todayDay()).add(1, 'month').format('YYYY-MM-DD') })}>
                    添加措施
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              保存计划
            </Button>
            <Button size="large" onClick={() => navigate(-1)}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
