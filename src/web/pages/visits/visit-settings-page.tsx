// 走访设置 /visits/settings: how many days before and after each occasion a visit counts, which
// unit owes routine and key-person visits, how far ahead owed visits are generated and the
// birthday age. Everyone who reads visits sees them; only a reviewer of a county (or higher) center
// gets an editable form with 保存设置 (the server refuses anyone else), the others a read-only one.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Result, Spin, Table } from 'antd';
import {
  keyPersonOwnerLabels,
  keyPersonOwners,
  routineOwnerLabels,
  routineOwners,
  visitSettingsSchema,
  windowReasonLabels,
  windowReasons,
  type VisitSettings,
  type WindowReason,
} from '../../../shared/schemas/visits';
import { isApiError } from '../../api/client';
import { useSaveVisitSettings, useVisitSettings } from '../../api/visits';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { useCurrentUser } from '../../components/session';
import { mayChangeVisitSettings, VisitsNav } from './visits-nav';
import './visits.css';

export function VisitSettingsPage() {
  const { message } = App.useApp();
  const editable = mayChangeVisitSettings(useCurrentUser());
  const q = useVisitSettings();
  const save = useSaveVisitSettings();
  const [form] = Form.useForm<VisitSettings>();
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);

  if (q.isError)
    return isApiError(q.error) && (q.error.status === 403 || q.error.status === 404) ? (
      <Result status="403" title="无权查看" subTitle="走访设置由县级服务中心负责人维护。" />
    ) : (
      <Result status="warning" title="无法读取走访设置" subTitle={q.error.message} />
    );
  if (!q.data) return <Spin />;

  async function submit(): Promise<void> {
    const body = parseWithSchema(form, visitSettingsSchema, form.getFieldsValue(true));
    if (!body) return void message.error('请检查标红的内容');
    try {
      await save.mutateAsync(body);
      void message.success('走访设置已保存，下次生成应访名单时生效');
    } catch (e) {
      applyServerErrors(form, e);
    }
  }

  const num = (min: number, max: number, label: string) => <InputNumber min={min} max={max} precision={0} suffix="天" style={{ width: 86 }} aria-label={label} />;
  return (
    <PageShell title="走访设置" subtitle="走访期、责任单位与应访名单的生成">
      <VisitsNav />
      {!editable && <Alert className="visit-card" type="info" showIcon title="走访设置由县级服务中心的审核人员维护，这里仅供查看。" data-testid="visit-settings-read-only" />}
      <Form form={form} layout="vertical" initialValues={q.data} disabled={!editable} className="visit-settings" style={{ maxWidth: 760 }}>
        <Card size="small" title="走访期（节日、生日等前后多少天内走访算按期）" className="visit-card">
          <Table<{ reason: WindowReason }>
            rowKey="reason"
            size="small"
            pagination={false}
            dataSource={windowReasons.map((reason) => ({ reason }))}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'reason', title: '事由', render: (_v, r) => windowReasonLabels[r.reason] },
              {
                key: 'before',
                title: '提前',
                render: (_v, r) => (
                  <Form.Item name={['windows', r.reason, 'before']} noStyle>
                    {num(0, 90, `${windowReasonLabels[r.reason]}提前天数`)}
                  </Form.Item>
                ),
              },
              {
                key: 'after',
                title: '延后',
                render: (_v, r) => (
                  <Form.Item name={['windows', r.reason, 'after']} noStyle>
                    {num(0, 90, `${windowReasonLabels[r.reason]}延后天数`)}
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title="责任单位" className="visit-card">
          <Form.Item name="routineOwner" label="日常走访（节日、生日、忌日、六必访）由">
            <Radio.Group options={routineOwners.map((o) => ({ value: o, label: routineOwnerLabels[o] }))} />
          </Form.Item>
          <Form.Item name="keyPersonOwner" label="重点人员节日走访">
            <Radio.Group options={keyPersonOwners.map((o) => ({ value: o, label: keyPersonOwnerLabels[o] }))} />
          </Form.Item>
        </Card>
        <Card size="small" title="应访名单" className="visit-card">
          <Form.Item name="horizonDays" label="提前生成天数" extra="每天自动生成今后这些天内的应访走访">
            <InputNumber min={1} max={366} precision={0} suffix="天" aria-label="提前生成天数" />
          </Form.Item>
          <Form.Item name="birthdayMinAge" label="生日走访年龄" extra="重点优抚对象年满此年龄的生日走访">
            <InputNumber min={50} max={120} precision={0} suffix="周岁" aria-label="生日走访年龄" />
          </Form.Item>
        </Card>
        {save.isError && !isApiError(save.error) && <Alert type="error" title={save.error.message} />}
        {editable && (
          <div className="form-actions no-print">
            <span className="muted">保存后对新生成的应访生效，已生成的不变。</span>
            <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
              保存设置
            </Button>
          </div>
        )}
      </Form>
    </PageShell>
  );
}
