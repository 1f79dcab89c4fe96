// A training: its facts, enrolment of the range's veterans (up to the places), and each person's
// attendance, completion and certificate.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { enrolmentUpdate, trainingKindLabels, type EnrolmentDto, type TrainingDetail } from '../../../shared/schemas/trainings';
import { useEnrol, useTraining, useUpdateEnrolment } from '../../api/trainings';
import { isApiError } from '../../api/client';
import { DayPicker } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PeopleSelect } from './people-select';
import { PhaseTag } from './trainings-page';

function EnrolCard({ t }: { t: TrainingDetail }) {
  const [ids, setIds] = useState<string[]>([]);
  const enrol = useEnrol(t.id);
  const { message } = App.useApp();
  const left = t.places - t.enrolled;
  async function submit() {
    try {
      await enrol.mutateAsync(ids);
      void message.success(`已报名 ${ids.length} 人`);
      setIds([]);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '报名失败，请稍后重试');
    }
  }
  return (
    <Card size="small" title={`报名（剩余名额 ${Math.max(0, left)} 个）`} style={{ marginBottom: 12 }}>
      <PeopleSelect value={ids} onChange={setIds} />
      <Button type="primary" style={{ marginTop: 8 }} disabled={!ids.length} loading={enrol.isPending} onClick={() => void submit()}>
        报名
      </Button>
    </Card>
  );
}

function CompletionDialog({ t, e, onClose }: { t: TrainingDetail; e: EnrolmentDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useUpdateEnrolment(t.id);
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, enrolmentUpdate, { ...v, version: e.version, completedOn: v.completedOn || null });
    if (!body) return;
    try {
      await save.mutateAsync({ recipientId: e.recipientId, body });
      void message.success('已保存');
      onClose();
    } catch (err) {
      if (!applyServerErrors(form, err)) void message.error(isApiError(err) ? err.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Modal open title={`出勤与结业：${e.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ attendedSessions: e.attendedSessions, completedOn: e.completedOn, certificateName: e.certificateName, certificateNo: e.certificateNo }}>
        <Form.Item name="attendedSessions" label={`出勤课次（共 ${t.sessions} 次）`}>
          <InputNumber min={0} max={t.sessions} precision={0} aria-label="出勤课次" />
        </Form.Item>
        <Form.Item name="completedOn" label="结业日期">
          <DayPicker aria-label="结业日期" minDay={t.startOn} maxDay={dayjs().format('YYYY-MM-DD')} />
        </Form.Item>
        <Form.Item name="certificateName" label="证书名称">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="certificateNo" label="证书编号">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TrainingPage() {
  const { id } = useParams();
  const q = useTraining(id);
  const canWrite = useCan('employment:write');
  const [editing, setEditing] = useState<EnrolmentDto | null>(null);
  if (q.error) return <PageShell title="培训"><Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} /></PageShell>;
  const t = q.data;
  if (!t) return <PageShell title="培训">加载中…</PageShell>;
  return (
    <PageShell title={t.name} subtitle={`${trainingKindLabels[t.kind]} · ${t.orgUnitName}`}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="进行情况">
            <PhaseTag phase={t.phase} />
          </Descriptions.Item>
          <Descriptions.Item label="承办机构">{t.provider}</Descriptions.Item>
          <Descriptions.Item label="起止日期">
            {t.startOn} 至 {t.endOn}
          </Descriptions.Item>
          <Descriptions.Item label="报名/名额">
            {t.enrolled}/{t.places}
          </Descriptions.Item>
          <Descriptions.Item label="课次">{t.sessions}</Descriptions.Item>
          <Descriptions.Item label="结业">{t.completed}</Descriptions.Item>
          {t.place && <Descriptions.Item label="地点">{t.place}</Descriptions.Item>}
          {t.course && <Descriptions.Item label="课程内容">{t.course}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {canWrite && t.phase !== 'finished' && <EnrolCard t={t} />}
      <Card size="small" title="本辖区报名人员">
        <Table<EnrolmentDto>
          size="small"
          rowKey="recipientId"
          dataSource={t.enrolments}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无报名人员' }}
          columns={[
            { key: 'name', title: '姓名', render: (_v, e) => <Typography.Text strong>{e.name}</Typography.Text> },
            { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['sm'] },
            { key: 'att', title: '出勤', render: (_v, e) => `${e.attendedSessions}/${t.sessions}` },
            {
              key: 'done',
              title: '结业',
              render: (_v, e) => (e.completedOn ? <Tag color="green">已结业 {e.completedOn}</Tag> : <Tag>未结业</Tag>),
            },
            { key: 'cert', title: '证书', responsive: ['md'], render: (_v, e) => [e.certificateName, e.certificateNo].filter(Boolean).join(' ') || '—' },
            ...(canWrite
              ? [
                  {
                    key: 'act',
                    title: '',
                    render: (_v: unknown, e: EnrolmentDto) => (
                      <Button size="small" onClick={() => setEditing(e)} aria-label={`登记结业 ${e.name}`}>
                        出勤与结业
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <CompletionDialog t={t} e={editing} onClose={() => setEditing(null)} />}
    </PageShell>
  );
}
