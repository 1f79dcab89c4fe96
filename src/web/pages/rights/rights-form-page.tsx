// 登记权益维护案件 (seed Part 9): one column, for a phone too. The person is a registry recipient
// (found by name, or given by the recipient page, a petition or a visit's follow-up — then saving
// closes the follow-up as passed on); the unit defaults to the worker's own.
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { partyKindLabels, partyKinds, rightsCreate, rightsKindLabels, rightsKinds } from '../../../shared/schemas/rights';
import { useCreateRightsCase } from '../../api/rights';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RecipientPick } from './rights-tags';

export function RightsFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateRightsCase();
  const [sp] = useSearchParams();
  const fromFollowUpId = sp.get('fromFollowUp');
  const fromPetitionId = sp.get('fromPetition');
  const recipientParam = sp.get('recipient');
  const initial = recipientParam ? { id: recipientParam, name: sp.get('name') ?? '' } : null;
  const need = sp.get('need');
  const petitionNo = sp.get('petitionNo');
  const petitionRequest = sp.get('request');

  useEffect(() => {
    form.setFieldsValue({
      recipientId: recipientParam,
      orgUnitId: me.orgUnit.id,
      openedOn: todayDay(),
      kind: 'preferential',
      policy: '',
      partyKind: 'employer',
      partyName: '',
      facts: need ? `${sp.get('visitedOn') ?? ''} 走访时反映：${need}`.trim() : (sp.get('facts') ?? ''),
      request: petitionRequest ?? '',
    });
  }, [form, me, recipientParam, need, sp, petitionRequest]);

  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, rightsCreate, { ...values, fromFollowUpId, fromPetitionId });
    if (!body) return;
    try {
      const c = await create.mutateAsync(body);
      void message.success(fromFollowUpId ? '已登记权益维护案件，走访后续事项已转办' : '已登记权益维护案件');
      navigate(`/rights/${c.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title="登记权益维护案件" subtitle="优抚安置等政策未落实、合法权益受到侵害的情况：登记后核查，属实的督促责任主体落实">
      <Card className="rights-form">
        {fromFollowUpId && <Alert type="info" showIcon title={`由走访后续事项转办：${need ?? ''}。保存后该事项标记为“已转办”。`} style={{ marginBottom: 12 }} />}
        {fromPetitionId && <Alert type="info" showIcon title={`由信访事项${petitionNo ? ` ${petitionNo} ` : ''}转入。`} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="recipientId" label="服务对象" rules={[{ required: true, message: '请选择服务对象' }]}>
            <RecipientPick initial={initial} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="办理单位" rules={[{ required: true, message: '请选择办理单位' }]} extra="服务对象所在单位或其上级单位">
            <OrgUnitSelect aria-label="办理单位" />
          </Form.Item>
          <Form.Item name="openedOn" label="登记日期" rules={[{ required: true, message: '请选择登记日期' }]}>
            <DayPicker aria-label="登记日期" maxDay={todayDay()} />
          </Form.Item>
          <Form.Item name="kind" label="权益类别" rules={[{ required: true, message: '请选择权益类别' }]}>
            <Select aria-label="权益类别" options={rightsKinds.map((k) => ({ value: k, label: rightsKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="policy" label="未落实的政策或受损的权益" rules={[{ required: true, message: '请填写未落实的政策或受损的权益' }]}>
            <Input maxLength={200} placeholder="如：退役士兵安置待遇、优待证相关优待" aria-label="未落实的政策或受损的权益" />
          </Form.Item>
          <Form.Item name="partyKind" label="责任主体类别" rules={[{ required: true, message: '请选择责任主体类别' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={partyKinds.map((k) => ({ value: k, label: partyKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="partyName" label="责任主体名称" rules={[{ required: true, message: '请填写责任主体名称' }]}>
            <Input maxLength={100} placeholder="单位或部门全称" aria-label="责任主体名称" />
          </Form.Item>
          <Form.Item name="facts" label="基本事实" rules={[{ required: true, message: '请填写基本事实' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder="何时、何事、涉及哪项待遇或权益，目前情况" aria-label="基本事实" />
          </Form.Item>
          <Form.Item name="request" label="当事人诉求" rules={[{ required: true, message: '请填写当事人诉求' }]}>
            <Input.TextArea rows={2} maxLength={2000} aria-label="当事人诉求" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              保存案件
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
