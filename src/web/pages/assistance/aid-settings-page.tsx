// 帮扶援助设置: the township's and county's approval limits, the repeat-aid period and the 公示 days;
// changed by a county-level head or reviewer (audited), read-only for others.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Space } from 'antd';
import { assistanceSettings } from '../../../shared/schemas/assistance';
import { useAssistanceSettings, useSaveAssistanceSettings } from '../../api/assistance';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

export function AidSettingsPage() {
  const q = useAssistanceSettings();
  const save = useSaveAssistanceSettings();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  useEffect(() => {
    if (q.data)
      form.setFieldsValue({
        townshipLimitYuan: q.data.townshipLimitFen / 100,
        countyLimitYuan: q.data.countyLimitFen === null ? null : q.data.countyLimitFen / 100,
        repeatMonths: q.data.repeatMonths,
        noticeDays: q.data.noticeDays,
      });
  }, [q.data, form]);
  const mayEdit = q.data?.mayEdit === true;
  async function submit(v: Record<string, unknown>) {
    const toFen = (y: unknown) => (typeof y === 'number' ? Math.round(y * 100) : null);
    const body = parseWithSchema(form, assistanceSettings, { townshipLimitFen: toFen(v.townshipLimitYuan) ?? 0, countyLimitFen: toFen(v.countyLimitYuan), repeatMonths: v.repeatMonths, noticeDays: v.noticeDays });
    if (!body) return;
    try {
      await save.mutateAsync(body);
      void message.success('已保存');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败');
    }
  }
  return (
    <PageShell title="帮扶援助设置" subtitle="审批限额决定由哪一级审批：超出乡镇限额的由县级审批">
      <Card className="aid-form">
        {!mayEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="由县级及以上服务中心负责人或帮扶援助审批人员修改" />}
        <Form form={form} layout="vertical" disabled={!mayEdit} onFinish={(v: Record<string, unknown>) => void submit(v)}>
          <Space wrap size={16}>
            <Form.Item name="townshipLimitYuan" label="乡镇审批限额（元）" extra="0：乡镇不审批涉及资金或物资的援助">
              <InputNumber min={0} precision={2} style={{ width: 180 }} aria-label="乡镇审批限额" />
            </Form.Item>
            <Form.Item name="countyLimitYuan" label="县级审批限额（元）" extra="留空：不限">
              <InputNumber min={0} precision={2} style={{ width: 180 }} aria-label="县级审批限额" />
            </Form.Item>
          </Space>
          <Space wrap size={16}>
            <Form.Item name="repeatMonths" label="重复申请提醒（月）">
              <InputNumber min={1} max={60} precision={0} style={{ width: 140 }} aria-label="重复申请提醒" />
            </Form.Item>
            <Form.Item name="noticeDays" label="公示天数">
              <InputNumber min={1} max={30} precision={0} style={{ width: 140 }} aria-label="公示天数" />
            </Form.Item>
          </Space>
          {mayEdit && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
          )}
        </Form>
      </Card>
    </PageShell>
  );
}
