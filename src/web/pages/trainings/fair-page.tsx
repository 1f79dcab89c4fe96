// A job fair: employers and openings, registration of the range's veterans (until the fair's day),
// attendance (from the fair's day, by its range), the fair's totals (意向达成人数, 录用人数) and each
// registered person's result (达成意向/已录用/未达成 with the employer and opening at the fair).
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { jobFairKindLabels, jobFairOutcomeLabels, jobFairOutcomes, jobFairResultInput, jobFairUpdate, type JobFairDetail, type JobFairOutcome, type JobFairPersonDto } from '../../../shared/schemas/trainings';
import { useFair, useFairAttendance, useFairResults, useRegisterForFair, useUpdateFair } from '../../api/trainings';
import { employmentApi } from '../../api/employment';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PeopleSelect } from './people-select';

function RegisterCard({ f }: { f: JobFairDetail }) {
  const [ids, setIds] = useState<string[]>([]);
  const reg = useRegisterForFair(f.id);
  const { message } = App.useApp();
  async function submit() {
    try {
      await reg.mutateAsync(ids);
      void message.success(`已报名 ${ids.length} 人`);
      setIds([]);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '报名失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title="报名" style={{ marginBottom: 12 }}>
      <PeopleSelect value={ids} onChange={setIds} />
      <Button type="primary" style={{ marginTop: 8 }} disabled={!ids.length} loading={reg.isPending} onClick={() => void submit()}>
        报名
      </Button>
    </Card>
  );
}

function ResultsCard({ f }: { f: JobFairDetail }) {
  const [form] = Form.useForm();
  const save = useUpdateFair(f.id);
  const { message } = App.useApp();
  async function submit(v: { intentCount?: number | null; hiredCount?: number | null }) {
    const body = parseWithSchema(form, jobFairUpdate, {
      version: f.version,
      name: f.name,
      heldOn: f.heldOn,
      place: f.place,
      kind: f.kind,
      note: f.note,
      employers: f.employers.map((e) => ({ employerId: e.employerId, openings: e.openings })),
      intentCount: v.intentCount ?? null,
      hiredCount: v.hiredCount ?? null,
    });
    if (!body) return;
    try {
      await save.mutateAsync(body);
      void message.success('已登记结果');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title="招聘结果（总数）" style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ intentCount: f.intentCount, hiredCount: f.hiredCount }}>
        <Form.Item name="intentCount" label="意向达成人数">
          <InputNumber min={0} precision={0} aria-label="意向达成人数" />
        </Form.Item>
        <Form.Item name="hiredCount" label="录用人数">
          <InputNumber min={0} precision={0} aria-label="录用人数" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存结果
        </Button>
      </Form>
    </Card>
  );
}

const outcomeColors: Record<JobFairOutcome, string> = { intent: 'blue', hired: 'green', none: 'default' };

function OutcomeCell({ p }: { p: JobFairPersonDto }) {
  if (!p.outcome) return <span className="muted">未登记</span>;
  const where = [p.outcomeEmployerName, p.outcomeOpeningPosition].filter(Boolean).join(' · ');
  return (
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <Tag color={outcomeColors[p.outcome]}>{jobFairOutcomeLabels[p.outcome]}</Tag>
      {where && <div>{where}</div>}
      {p.outcomeNote && <div className="muted">{p.outcomeNote}</div>}
    </div>
  );
}

/** 登记结果 of one registered person: the outcome, the employer at the fair and one of its openings. */
function ResultModal({ f, p, onClose }: { f: JobFairDetail; p: JobFairPersonDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useFairResults(f.id);
  const { message } = App.useApp();
  const outcome = Form.useWatch('outcome', form) as JobFairOutcome | undefined;
  const employerId = Form.useWatch('employerId', form) as string | undefined;
  const openings = useQuery({
    queryKey: ['employment', 'openings', 'of-employer', employerId],
    queryFn: ({ signal }) => employmentApi.openings({ employerId: employerId!, pageSize: 100 }, signal),
    enabled: !!employerId && outcome !== 'none',
  });
  const withEmployer = outcome === 'intent' || outcome === 'hired';
  async function submit() {
    const v = form.getFieldsValue(true) as { outcome?: JobFairOutcome; employerId?: string | null; openingId?: string | null; note?: string };
    const raw = { recipientId: p.recipientId, outcome: v.outcome ?? null, employerId: withEmployer ? (v.employerId ?? null) : null, openingId: withEmployer ? (v.openingId ?? null) : null, note: v.note ?? '' };
    const one = parseWithSchema(form, jobFairResultInput, raw);
    if (!one) return;
    try {
      await save.mutateAsync({ results: [one] });
      void message.success('已登记结果');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Modal title={`登记结果：${p.name}`} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ outcome: p.outcome ?? undefined, employerId: p.outcomeEmployerId ?? undefined, openingId: p.outcomeOpeningId ?? undefined, note: p.outcomeNote }}>
        <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
          <Radio.Group aria-label="结果" options={jobFairOutcomes.map((o) => ({ value: o, label: jobFairOutcomeLabels[o] }))} onChange={() => form.setFieldsValue({ openingId: undefined })} />
        </Form.Item>
        {withEmployer && (
          <>
            <Form.Item name="employerId" label="用人单位" rules={[{ required: true, message: '请选择用人单位' }]}>
              <Select aria-label="用人单位" placeholder="参会用人单位" options={f.employers.map((e) => ({ value: e.employerId, label: e.name }))} onChange={() => form.setFieldsValue({ openingId: undefined })} />
            </Form.Item>
            <Form.Item name="openingId" label="岗位（可不选）">
              <Select
                aria-label="岗位"
                allowClear
                disabled={!employerId}
                loading={openings.isLoading}
                placeholder={employerId ? '该单位的岗位' : '先选择用人单位'}
                options={(openings.data?.items ?? []).map((o) => ({ value: o.id, label: o.position }))}
                notFoundContent="该单位暂无岗位"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label="说明">
          <Input maxLength={200} aria-label="说明" placeholder="如上岗日期、未达成原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function FairPage() {
  const { id } = useParams();
  const q = useFair(id);
  const canWrite = useCan('employment:write');
  const attendance = useFairAttendance(id ?? '');
  const [resultOf, setResultOf] = useState<JobFairPersonDto | null>(null);
  const { message } = App.useApp();
  if (q.error) return <PageShell title="招聘会"><Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} /></PageShell>;
  const f = q.data;
  if (!f) return <PageShell title="招聘会">加载中…</PageShell>;
  const today = dayjs().format('YYYY-MM-DD');
  const held = f.heldOn <= today;
  const mayMark = f.canEdit && held;
  async function mark(recipientId: string, came: boolean) {
    const now = f!.people.filter((p) => (p.recipientId === recipientId ? came : p.attended)).map((p) => p.recipientId);
    try {
      await attendance.mutateAsync({ attended: now });
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <PageShell title={f.name} subtitle={`${jobFairKindLabels[f.kind]}招聘会 · ${f.orgUnitName}`}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="举办日期">{f.heldOn}</Descriptions.Item>
          <Descriptions.Item label="地点">{f.place}</Descriptions.Item>
          <Descriptions.Item label="报名/到场">
            {f.registered}/{f.attended}
          </Descriptions.Item>
          <Descriptions.Item label="参会用人单位">{f.employers.map((e) => `${e.name}（${e.openings}个岗位）`).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="提供岗位">{f.openingsOffered}</Descriptions.Item>
          <Descriptions.Item label="意向/录用">
            {f.intentCount ?? '—'}/{f.hiredCount ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="逐人结果">
            <span data-testid="fair-person-results">{`达成意向 ${f.resultIntent} · 已录用 ${f.resultHired} · 未达成 ${f.resultNone}`}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {canWrite && f.heldOn >= today && <RegisterCard f={f} />}
      {f.canEdit && held && <ResultsCard f={f} />}
      <Card size="small" title="本辖区报名人员">
        <Table
          size="small"
          rowKey="recipientId"
          dataSource={f.people}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无报名人员' }}
          columns={[
            { key: 'name', title: '姓名', render: (_v, p) => <Typography.Text strong>{p.name}</Typography.Text> },
            { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['sm'] },
            { key: 'on', title: '报名日期', dataIndex: 'registeredOn', responsive: ['md'] },
            {
              key: 'came',
              title: '到场',
              render: (_v, p) => (
                <Checkbox checked={p.attended} disabled={!mayMark || attendance.isPending} onChange={(e) => void mark(p.recipientId, e.target.checked)} aria-label={`到场 ${p.name}`}>
                  {p.attended ? '已到场' : '未到场'}
                </Checkbox>
              ),
            },
            {
              key: 'outcome',
              title: '结果',
              render: (_v, p) => (
                <>
                  <OutcomeCell p={p} />
                  {canWrite && held && (
                    <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setResultOf(p)} aria-label={`${p.outcome ? '修改结果' : '登记结果'} ${p.name}`}>
                      {p.outcome ? '修改结果' : '登记结果'}
                    </Button>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      {resultOf && <ResultModal f={f} p={resultOf} onClose={() => setResultOf(null)} />}
    </PageShell>
  );
}
