// 登记法律援助申请 (Part 10 二: 法律援助申请表): one column, for a phone too. The applicant is a
// registry recipient (found by name, or given by the recipient page or a visit's follow-up — then
// saving closes the follow-up as passed on); the unit defaults to the worker's own. Whether the
// matter is already through mediation, arbitration or a court decides the routes offered
// (Part 10 四(二)(三)).
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Radio, Space } from 'antd';
import {
  legalAidCreate,
  legalAidMatterKindLabels,
  legalAidMatterKinds,
  legalAidRouteLabels,
  routesFor,
} from '../../../shared/schemas/legal-aid';
import { useCreateLegalAid } from '../../api/legal-aid';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RecipientPick } from './legal-aid-tags';

export function LegalAidFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateLegalAid();
  const [sp] = useSearchParams();
  const fromFollowUpId = sp.get('fromFollowUp');
  const recipientParam = sp.get('recipient');
  const initial = recipientParam ? { id: recipientParam, name: sp.get('name') ?? '' } : null;
  const need = sp.get('need');
  const priorSteps = Form.useWatch('priorSteps', form) as boolean | undefined;

  useEffect(() => {
    form.setFieldsValue({
      recipientId: recipientParam,
      orgUnitId: me.orgUnit.id,
      appliedOn: todayDay(),
      matterKind: 'labor',
      matter: need ? `${sp.get('visitedOn') ?? ''} 走访时反映：${need}`.trim() : '',
      opposingParty: '',
      claims: '',
      priorSteps: false,
      route: 'mediation',
    });
  }, [form, me, recipientParam, need, sp]);

  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, legalAidCreate, { ...values, fromFollowUpId });
    if (!body) return;
    try {
      const c = await create.mutateAsync(body);
      void message.success(fromFollowUpId ? '已登记法律援助申请，走访后续事项已转办' : '已登记法律援助申请');
      navigate(`/legal-aid/${c.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title="登记法律援助申请" subtitle="申请人须提交身份证件、转业证（退伍证）原件，并提交与申请事项有关的案件材料">
      <Card className="legal-aid-form">
        {fromFollowUpId && <Alert type="info" showIcon title={`由走访后续事项转办：${need ?? ''}。保存后该事项标记为“已转办”。`} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="recipientId" label="申请人" rules={[{ required: true, message: '请选择申请人' }]}>
            <RecipientPick initial={initial} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="登记单位" rules={[{ required: true, message: '请选择登记单位' }]} extra="申请人所在单位或其上级单位">
            <OrgUnitSelect aria-label="登记单位" />
          </Form.Item>
          <Form.Item name="appliedOn" label="申请日期" rules={[{ required: true, message: '请选择申请日期' }]}>
            <DayPicker aria-label="申请日期" maxDay={todayDay()} />
          </Form.Item>
          <Form.Item name="matterKind" label="事项类别" rules={[{ required: true, message: '请选择事项类别' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={legalAidMatterKinds.map((k) => ({ value: k, label: legalAidMatterKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="matter" label="申请事项及事实经过" rules={[{ required: true, message: '请填写申请事项及事实经过' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="何时、何地、与谁发生何种纠纷，目前情况" aria-label="申请事项及事实经过" />
          </Form.Item>
          <Form.Item name="opposingParty" label="对方当事人">
            <Input maxLength={200} placeholder="单位名称或姓名" aria-label="对方当事人" />
          </Form.Item>
          <Form.Item name="claims" label="请求事项" rules={[{ required: true, message: '请填写请求事项' }]}>
            <Input.TextArea rows={2} maxLength={1000} placeholder="如：支付拖欠工资及经济补偿" aria-label="请求事项" />
          </Form.Item>
          <Form.Item name="priorSteps" label="是否已经过调解、仲裁、诉讼等程序">
            <Radio.Group
              options={[
                { value: false, label: '未经过' },
                { value: true, label: '已经过，仍不满意' },
              ]}
              onChange={(e) => form.setFieldsValue({ route: routesFor(e.target.value as boolean)[0] })}
            />
          </Form.Item>
          <Form.Item
            name="route"
            label="建议途径"
            rules={[{ required: true, message: '请选择建议途径' }]}
            extra={priorSteps ? '已经过调解、仲裁、诉讼等程序的事项，建议依法向司法等有关部门反映' : '根据事项性质，告知可申请调解、仲裁或向法院起诉'}
          >
            <Radio.Group options={routesFor(!!priorSteps).map((r) => ({ value: r, label: legalAidRouteLabels[r] }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              保存申请
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
