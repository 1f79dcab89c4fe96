// A venture's page: its facts, the support given 扶持 (kind, amount, day, giver) and its mentors.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Result, Select, Space, Spin, Table, Tag } from 'antd';
import { industryLabels } from '../../../shared/rules/job-matching';
import { ventureMentorshipCreate, ventureStageLabels, ventureSupportCreate, ventureSupportKindLabels, ventureSupportKinds, type VentureDetail } from '../../../shared/schemas/ventures';
import { isApiError } from '../../api/client';
import { useAddMentorship, useAddSupport, useMentors, useVenture } from '../../api/ventures';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { yuan } from './ventures-page';

function SupportModal({ v, onClose }: { v: VentureDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const add = useAddSupport();
  const submit = async () => {
    const body = parseWithSchema(form, ventureSupportCreate, form.getFieldsValue(true) as Record<string, unknown>);
    if (!body) return;
    try {
      await add.mutateAsync({ id: v.id, body });
      void message.success('已登记扶持');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="登记扶持" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'loan', amount: 0, givenOn: todayDay(), giver: '', note: '' }}>
        <Form.Item name="kind" label="扶持方式" rules={[{ required: true }]}>
          <Select aria-label="扶持方式" options={ventureSupportKinds.map((k) => ({ value: k, label: ventureSupportKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber<number> precision={2} style={{ width: '100%' }} aria-label="金额（元）" inputMode="decimal" />
        </Form.Item>
        <Form.Item name="givenOn" label="扶持日期" rules={[{ required: true, message: '请选择扶持日期' }]}>
          <DayPicker aria-label="扶持日期" maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="giver" label="扶持单位" rules={[{ required: true, message: '请填写扶持单位' }]}>
          <Input maxLength={100} aria-label="扶持单位" placeholder="如：县农商银行、县人社局" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} aria-label="说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MentorModal({ v, onClose }: { v: VentureDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const add = useAddMentorship();
  const mentors = useMentors();
  const submit = async () => {
    const body = parseWithSchema(form, ventureMentorshipCreate, form.getFieldsValue(true) as Record<string, unknown>);
    if (!body) return;
    try {
      await add.mutateAsync({ id: v.id, body });
      void message.success('已结对');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="结对创业导师" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ fromOn: todayDay(), note: '' }}>
        <Form.Item name="mentorId" label="创业导师" rules={[{ required: true, message: '请选择创业导师' }]}>
          <Select aria-label="创业导师" loading={mentors.isLoading} options={(mentors.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}${m.enterprise ? `（${m.enterprise}）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="fromOn" label="结对日期" rules={[{ required: true, message: '请选择结对日期' }]}>
          <DayPicker aria-label="结对日期" maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} aria-label="结对说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function VentureDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const q = useVenture(id);
  const [modal, setModal] = useState<'support' | 'mentor' | null>(null);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="创业项目暂时无法读取" subTitle={q.error.message} />;
  const v = q.data;
  return (
    <PageShell
      title={v.name}
      subtitle={`${industryLabels[v.sector]} · ${v.orgUnitName}`}
      extra={
        v.canEdit && (
          <Space wrap>
            <Button type="primary" onClick={() => setModal('support')}>
              登记扶持
            </Button>
            <Button onClick={() => setModal('mentor')}>结对导师</Button>
            <Button onClick={() => navigate(`/ventures/${v.id}/edit`)}>修改</Button>
          </Space>
        )
      }
    >
      <Card title="项目信息" data-testid="venture-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="创办人">
            {v.founders.map((f, i) => (
              <span key={f.id}>
                {i > 0 && '、'}
                <Link to={`/recipients/${f.id}`}>{f.name}</Link>
              </span>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="发展阶段">
            <Tag color="blue">{ventureStageLabels[v.stage]}</Tag>
            {v.veteranFounded && <Tag color="red">退役军人创办</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="经营地点">{v.place || '—'}</Descriptions.Item>
          <Descriptions.Item label="创办日期">{v.startedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="带动就业">{`${v.jobsCreated} 人（其中退役军人 ${v.veteransEmployed} 人）`}</Descriptions.Item>
          <Descriptions.Item label="对应用人单位">{v.employerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="扶持合计">{v.supportCount ? `${v.supportCount} 次 · ${yuan(v.supportTotal)} 元` : '—'}</Descriptions.Item>
          <Descriptions.Item label="备注">{v.note || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="扶持记录" style={{ marginTop: 12 }} data-testid="venture-supports">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={v.supports}
          scroll={{ x: true }}
          locale={{ emptyText: '暂无扶持记录' }}
          columns={[
            { key: 'givenOn', title: '日期', dataIndex: 'givenOn' },
            { key: 'kind', title: '方式', render: (_x, s) => ventureSupportKindLabels[s.kind] },
            { key: 'amount', title: '金额（元）', render: (_x, s) => yuan(s.amount) },
            { key: 'giver', title: '扶持单位', dataIndex: 'giver' },
            { key: 'note', title: '说明', dataIndex: 'note', responsive: ['md'] },
          ]}
        />
      </Card>
      <Card title="创业导师" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={v.mentorships}
          locale={{ emptyText: '暂未结对创业导师' }}
          columns={[
            { key: 'mentor', title: '导师', dataIndex: 'mentorName' },
            { key: 'fromOn', title: '结对日期', dataIndex: 'fromOn' },
            { key: 'note', title: '说明', dataIndex: 'note', responsive: ['sm'] },
          ]}
        />
      </Card>
      {modal === 'support' && <SupportModal v={v} onClose={() => setModal(null)} />}
      {modal === 'mentor' && <MentorModal v={v} onClose={() => setModal(null)} />}
    </PageShell>
  );
}
