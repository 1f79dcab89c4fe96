// 登记（修改）创业项目: founders picked from the registry, the controlled sector list, the stage,
// jobs created; optionally the employment module's employer this venture is.
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Spin } from 'antd';
import { industryCodes, industryLabels } from '../../../shared/rules/job-matching';
import { ventureCreate, ventureStageLabels, ventureStages, ventureUpdate } from '../../../shared/schemas/ventures';
import { get, isApiError, type Page } from '../../api/client';
import { useCreateVenture, useUpdateVenture, useVenture } from '../../api/ventures';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RecipientSearch } from './recipient-search';

export function VentureFormPage() {
  const { id } = useParams();
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const existing = useVenture(id);
  const create = useCreateVenture();
  const update = useUpdateVenture();
  const employers = useQuery({ queryKey: ['employment', 'employers', 'all'], queryFn: ({ signal }) => get<Page<{ id: string; name: string; veteranFounded: boolean }>>('/api/employment/employers', { pageSize: 200 }, signal) });
  const v = existing.data;

  useEffect(() => {
    if (id && !v) return;
    form.setFieldsValue(
      v
        ? { ...v, founderIds: v.founders.map((f) => f.id) }
        : { orgUnitId: me.orgUnit.id, name: '', sector: undefined, place: '', stage: 'preparing', startedOn: null, founderIds: [], jobsCreated: 0, veteransEmployed: 0, employerId: null, veteranFounded: true, note: '' },
    );
  }, [form, me, id, v]);

  if (id && existing.isPending) return <Spin />;

  const submit = async () => {
    const raw = form.getFieldsValue(true) as Record<string, unknown>;
    const base = { ...raw, employerId: raw.employerId ?? null, startedOn: raw.startedOn ?? null };
    const body = v ? parseWithSchema(form, ventureUpdate, { ...base, version: v.version }) : parseWithSchema(form, ventureCreate, base);
    if (!body) return;
    try {
      const saved = v ? await update.mutateAsync({ id: v.id, body: body as never }) : await create.mutateAsync(body as never);
      void message.success('已保存创业项目');
      navigate(`/ventures/${saved.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };

  return (
    <PageShell title={v ? `修改创业项目：${v.name}` : '登记创业项目'} subtitle="创办人须是本辖区已入库的服务对象">
      <Card>
        <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
          {!v && (
            <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
              <OrgUnitSelect aria-label="所属单位" />
            </Form.Item>
          )}
          <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
            <Input maxLength={100} aria-label="项目名称" />
          </Form.Item>
          <Form.Item name="founderIds" label="创办人" rules={[{ required: true, message: '请至少选择一名创办人' }]}>
            <RecipientSearch multiple ariaLabel="创办人" initial={v?.founders} />
          </Form.Item>
          <Form.Item name="sector" label="所属行业" rules={[{ required: true, message: '请选择所属行业' }]}>
            <Select aria-label="所属行业" options={industryCodes.map((c) => ({ value: c, label: industryLabels[c] }))} />
          </Form.Item>
          <Form.Item name="stage" label="发展阶段" rules={[{ required: true }]}>
            <Select aria-label="发展阶段" options={ventureStages.map((s) => ({ value: s, label: ventureStageLabels[s] }))} />
          </Form.Item>
          <Form.Item name="place" label="经营地点">
            <Input maxLength={200} aria-label="经营地点" />
          </Form.Item>
          <Form.Item name="startedOn" label="创办日期">
            <DayPicker aria-label="创办日期" maxDay={todayDay()} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="jobsCreated" label="带动就业人数">
              <InputNumber<number> min={0} precision={0} aria-label="带动就业人数" inputMode="numeric" />
            </Form.Item>
            <Form.Item name="veteransEmployed" label="其中退役军人">
              <InputNumber<number> min={0} precision={0} aria-label="其中退役军人" inputMode="numeric" />
            </Form.Item>
          </Space>
          <Form.Item name="employerId" label="对应用人单位" extra="已在“用人单位”登记的企业：退役军人创办标记以用人单位为准">
            <Select aria-label="对应用人单位" allowClear showSearch={{ optionFilterProp: 'label' }} loading={employers.isLoading} options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}${e.veteranFounded ? '（退役军人创办）' : ''}` }))} />
          </Form.Item>
          <Form.Item name="veteranFounded" valuePropName="checked">
            <Checkbox>退役军人创办</Checkbox>
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={1000} aria-label="备注" />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={create.isPending || update.isPending}>
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
