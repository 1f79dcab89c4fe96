// A job fair: employers and openings, registration of the range's veterans (until the fair's day),
// attendance (from the fair's day, by its range) and results (意向达成人数, 录用人数).
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, InputNumber, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { jobFairKindLabels, jobFairUpdate, type JobFairDetail } from '../../../shared/schemas/trainings';
import { useFair, useFairAttendance, useRegisterForFair, useUpdateFair } from '../../api/trainings';
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
    <Card size="small" title="招聘结果" style={{ marginBottom: 12 }}>
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

export function FairPage() {
  const { id } = useParams();
  const q = useFair(id);
  const canWrite = useCan('employment:write');
  const attendance = useFairAttendance(id ?? '');
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
          ]}
        />
      </Card>
    </PageShell>
  );
}
