// 登记矛盾纠纷: one column, big touch targets, so a worker can fill it on a phone during a visit.
// The unit defaults to the worker's own; the responsible person defaults to the worker.
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Radio, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { disputeCreate, disputeMethodLabels, disputeMethods, riskLevelLabels, riskLevels } from '../../../shared/schemas/disputes';
import { useCreateDispute } from '../../api/disputes';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PartyRecipientSelect } from './party-recipient-select';
import { PeopleSelect } from './people-select';

export function DisputeFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateDispute();
  const unitId = Form.useWatch('orgUnitId', form) as string | undefined;
  const foundOn = Form.useWatch('foundOn', form) as string | undefined;

  useEffect(() => {
    form.setFieldsValue({ orgUnitId: me.orgUnit.id, foundOn: todayDay(), method: 'homeVisit', riskLevel: 'low', parties: [{ name: '', recipientId: null }], responsibleUserId: me.id, leaderUserId: null });
  }, [form, me]);

  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, disputeCreate, values);
    if (!body) return;
    try {
      const d = await create.mutateAsync(body);
      void message.success('已登记');
      navigate(`/disputes/${d.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '登记失败，请稍后重试');
    }
  }

  return (
    <PageShell title="登记矛盾纠纷" subtitle="排查建账：写明当事人和纠纷简要情况，研判风险，落实责任人和化解时限">
      <Card className="dispute-form">
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <OrgUnitSelect aria-label="所属单位" onChange={(id) => form.setFieldsValue({ orgUnitId: id, responsibleUserId: null, leaderUserId: null })} />
          </Form.Item>
          <Form.Item name="foundOn" label="排查日期" rules={[{ required: true, message: '请选择排查日期' }]}>
            <DayPicker aria-label="排查日期" maxDay={todayDay()} />
          </Form.Item>
          <Form.Item name="method" label="排查方式" rules={[{ required: true, message: '请选择排查方式' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={disputeMethods.map((m) => ({ value: m, label: disputeMethodLabels[m] }))} />
          </Form.Item>
          <Form.Item label="当事人" required>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} className="dispute-party-row">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写当事人姓名' }]} style={{ width: 140 }}>
                        <Input placeholder="姓名" aria-label={`当事人${i + 1}姓名`} maxLength={30} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'recipientId']} style={{ flex: 1, minWidth: 200 }}>
                        <PartyRecipientSelect
                          onChange={(id, name) => {
                            form.setFieldValue(['parties', f.name, 'recipientId'], id);
                            if (id && name) form.setFieldValue(['parties', f.name, 'name'], name);
                          }}
                        />
                      </Form.Item>
                      {fields.length > 1 && <Button icon={<DeleteOutlined />} aria-label="删除当事人" onClick={() => remove(f.name)} />}
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', recipientId: null })}>
                    添加当事人
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="summary" label="纠纷简要情况" rules={[{ required: true, message: '请填写纠纷简要情况' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder="起因、经过、诉求、涉及人数等" />
          </Form.Item>
          <Form.Item name="riskLevel" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={riskLevels.map((r) => ({ value: r, label: riskLevelLabels[r] }))} />
          </Form.Item>
          <Form.Item name="responsibleUserId" label="责任人（首办责任人）" rules={[{ required: true, message: '请选择责任人' }]}>
            <PeopleSelect orgUnitId={unitId} aria-label="责任人" placeholder="选择责任人" />
          </Form.Item>
          <Form.Item name="leaderUserId" label="包案领导" extra="疑难复杂、时间跨度大、涉及面广、社会关注度高的，实行领导干部包案">
            <PeopleSelect orgUnitId={unitId} aria-label="包案领导" placeholder="（不需要包案可不选）" allowClear />
          </Form.Item>
          <Form.Item name="deadline" label="化解时限" rules={[{ required: true, message: '请选择化解时限' }]}>
            <DayPicker aria-label="化解时限" minDay={foundOn} />
          </Form.Item>
          <Form.Item name="plan" label="化解方案">
            <Input.TextArea rows={3} maxLength={1000} placeholder="研判意见与化解工作方案（可稍后补充）" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={300} />
          </Form.Item>
          {create.isError && !isApiError(create.error) && <Alert type="error" title="登记失败，请稍后重试" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              登记
            </Button>
            <Button size="large" onClick={() => navigate('/disputes')}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
