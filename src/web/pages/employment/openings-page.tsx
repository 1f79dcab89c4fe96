// 岗位: the openings the caller sees (own range, from the units above, shared with the unit), and a
// form to publish one or change it (pay in yuan per month, validity, required skills, veterans
// preferred); a reversed pay range or validity is shown on its field in Chinese (the same zod rule
// as the server's, whose 400 lands on the fields too).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { openingCreate, openingUpdate, type OpeningDto } from '../../../shared/schemas/employment';
import { industryCodes, industryLabels, skillCodes, skillLabels } from '../../../shared/rules/job-matching';
import { employmentApi, employmentKeys, useAllEmployers, useCreateOpening, useUpdateOpening } from '../../api/employment';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { EmploymentNav } from './employment-nav';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'position', label: '岗位', placeholder: '岗位名称', width: 140, live: true },
  { kind: 'select', name: 'open', label: '有效', options: [{ value: '1', label: '有效期内' }, { value: '0', label: '已过期/未开始' }], width: 130 },
  { kind: 'select', name: 'industry', label: '行业', options: industryCodes.map((c) => ({ value: c, label: industryLabels[c] })), width: 170, advanced: true },
];

/** Publishes an opening, or changes `opening` (its version sent back; a stale one is refused in Chinese). */
export function OpeningForm({ opening, onDone, onCancel }: { opening?: OpeningDto; onDone: (o: OpeningDto) => void; onCancel?: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const employers = useAllEmployers();
  const create = useCreateOpening();
  const update = useUpdateOpening(opening?.id ?? '');
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    const body = opening ? parseWithSchema(form, openingUpdate, { ...v, version: opening.version }) : parseWithSchema(form, openingCreate, v);
    if (!body) return;
    try {
      const o = opening ? await update.mutateAsync(body) : await create.mutateAsync(body);
      void message.success(opening ? '已保存岗位' : '已发布岗位');
      onDone(o);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  const today = todayDay();
  const initial = opening
    ? {
        employerId: opening.employerId,
        position: opening.position,
        skills: opening.skills,
        industry: opening.industry,
        placeUnitId: opening.placeUnitId,
        workTime: opening.workTime,
        payMin: opening.payMin,
        payMax: opening.payMax,
        headcount: opening.headcount,
        validFrom: opening.validFrom,
        validTo: opening.validTo,
        veteransPreferred: opening.veteransPreferred,
        description: opening.description,
      }
    : { orgUnitId: me.orgUnit.id, placeUnitId: me.orgUnit.id, workTime: 'full', headcount: 1, validFrom: today, validTo: `${Number(today.slice(0, 4))}-12-31`, skills: [], veteransPreferred: true };
  return (
    <Card size="small" title={opening ? '修改岗位' : '发布岗位'} style={{ marginBottom: 12 }} data-testid="opening-form">
      <Form form={form} layout="vertical" className="employment-form" onFinish={submit} initialValues={initial}>
        <Form.Item name="employerId" label="用人单位" rules={[{ required: true, message: '请选择用人单位' }]}>
          <Select aria-label="用人单位" options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} notFoundContent="请先在“用人单位”中登记" />
        </Form.Item>
        <Form.Item name="position" label="岗位名称" rules={[{ required: true, message: '请填写岗位名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="skills" label="技能要求">
          <Checkbox.Group options={skillCodes.map((c) => ({ value: c, label: skillLabels[c] }))} />
        </Form.Item>
        <Form.Item name="industry" label="行业" rules={[{ required: true, message: '请选择行业' }]}>
          <Select aria-label="行业" options={industryCodes.map((c) => ({ value: c, label: industryLabels[c] }))} />
        </Form.Item>
        {!opening && (
          <Form.Item name="orgUnitId" label="发布单位">
            <OrgUnitSelect aria-label="发布单位" />
          </Form.Item>
        )}
        <Form.Item name="placeUnitId" label="工作地点">
          <OrgUnitSelect aria-label="工作地点" />
        </Form.Item>
        <Form.Item name="workTime" label="全职/兼职">
          <Radio.Group optionType="button" options={[{ value: 'full', label: '全职' }, { value: 'part', label: '兼职' }]} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="payMin" label="月薪下限（元）" rules={[{ required: true, message: '请填写月薪下限' }]}>
            <InputNumber min={0} aria-label="月薪下限（元）" />
          </Form.Item>
          <Form.Item name="payMax" label="月薪上限（元）" rules={[{ required: true, message: '请填写月薪上限' }]}>
            <InputNumber min={0} aria-label="月薪上限（元）" />
          </Form.Item>
          <Form.Item name="headcount" label="招聘人数">
            <InputNumber min={1} aria-label="招聘人数" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="validFrom" label="有效期起">
            <DayPicker aria-label="有效期起" />
          </Form.Item>
          <Form.Item name="validTo" label="有效期止">
            <DayPicker aria-label="有效期止" />
          </Form.Item>
        </Space>
        <Form.Item name="veteransPreferred" valuePropName="checked">
          <Checkbox>退役军人优先</Checkbox>
        </Form.Item>
        <Form.Item name="description" label="岗位说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {opening ? '保存' : '发布'}
          </Button>
          {onCancel && <Button onClick={onCancel}>取消</Button>}
        </Space>
      </Form>
    </Card>
  );
}

export function OpeningsPage() {
  const canWrite = useCan('employment:write');
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const columns: RecordColumn<OpeningDto>[] = [
    {
      key: 'position',
      title: '岗位',
      fixedShown: true,
      render: (_v, o) => (
        <div>
          <Link to={`/employment/openings/${o.id}`}>
            <Typography.Text strong>{o.position}</Typography.Text>
          </Link>
          <span className="muted"> · {o.employerName}</span>
          {o.veteransPreferred && <Tag style={{ marginLeft: 6 }}>退役军人优先</Tag>}
          {!o.open && <Tag>不在有效期</Tag>}
        </div>
      ),
    },
    { key: 'pay', title: '月薪（元）', render: (_v, o) => `${o.payMin}–${o.payMax}` },
    { key: 'place', title: '工作地点', dataIndex: 'placeName', responsive: ['sm'] },
    { key: 'valid', title: '有效期', responsive: ['md'], render: (_v, o) => `${o.validFrom} 至 ${o.validTo}` },
    { key: 'unit', title: '发布单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="就业创业"
      subtitle="用人单位发布的岗位：本级及上级发布、下级发布和共享给本单位的岗位"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            发布岗位
          </Button>
        )
      }
    >
      <EmploymentNav />
      {adding && <OpeningForm onDone={(o) => navigate(`/employment/openings/${o.id}`)} onCancel={() => setAdding(false)} />}
      <RecordTable<OpeningDto> queryKey={employmentKeys.openings} fetchPage={employmentApi.openings} columns={columns} rowKey="id" filters={filters} storageKey="employment-openings" emptyText="暂无岗位" />
    </PageShell>
  );
}
