// A zero-employment household's case page: the household's members as the registry has them, the
// worker, the measures taken and the case log, and the actions (帮扶措施, 上岗再就业, 撤销).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Result, Select, Space, Spin, Table, Tag } from 'antd';
import { employmentStatusLabels } from '../../../shared/schemas/recipients';
import {
  zeroEmploymentMeasure,
  zeroEmploymentMeasureKinds,
  zeroEmploymentMeasureLabels,
  zeroEmploymentReemploy,
  zeroEmploymentRevoke,
  zeroEmploymentStatusLabels,
  type ZeroEmploymentDetail,
} from '../../../shared/schemas/ventures';
import { isApiError } from '../../api/client';
import { useZero, useZeroMeasure, useZeroReemploy, useZeroRevoke } from '../../api/ventures';
import { CaseTimeline } from '../../components/case-timeline';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

type Kind = 'measure' | 'reemploy' | 'revoke' | null;

function ActionModal({ z, kind, onClose }: { z: ZeroEmploymentDetail; kind: Kind; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const measure = useZeroMeasure();
  const reemploy = useZeroReemploy();
  const revoke = useZeroRevoke();
  if (!kind) return null;
  const spec = {
    measure: { title: '登记帮扶措施', schema: zeroEmploymentMeasure, run: measure, done: '已登记帮扶措施', init: { kind: 'jobReferral', takenOn: todayDay(), note: '' } },
    reemploy: { title: '上岗再就业', schema: zeroEmploymentReemploy, run: reemploy, done: '已上岗再就业，销号', init: { reemployedOn: todayDay(), memberName: '', employerName: '', note: '' } },
    revoke: { title: '撤销', schema: zeroEmploymentRevoke, run: revoke, done: '已撤销', init: { reason: '' } },
  }[kind];
  const submit = async () => {
    const body = parseWithSchema(form, spec.schema, { ...(form.getFieldsValue(true) as Record<string, unknown>), version: z.version });
    if (!body) return;
    try {
      await spec.run.mutateAsync({ id: z.id, body: body as never });
      void message.success(spec.done);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '操作失败，请稍后重试');
    }
  };
  return (
    <Modal title={spec.title} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={spec.run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={spec.init}>
        {kind === 'measure' && (
          <>
            <Form.Item name="kind" label="措施类别" rules={[{ required: true }]}>
              <Select aria-label="措施类别" options={zeroEmploymentMeasureKinds.map((k) => ({ value: k, label: zeroEmploymentMeasureLabels[k] }))} />
            </Form.Item>
            <Form.Item name="takenOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DayPicker aria-label="措施日期" minDay={z.confirmedOn} maxDay={todayDay()} />
            </Form.Item>
            <Form.Item name="note" label="措施内容" rules={[{ required: true, message: '请填写措施内容' }]}>
              <Input.TextArea rows={2} maxLength={500} aria-label="措施内容" />
            </Form.Item>
          </>
        )}
        {kind === 'reemploy' && (
          <>
            <Form.Item name="memberName" label="上岗人员" rules={[{ required: true, message: '请填写上岗人员' }]}>
              <Select aria-label="上岗人员" options={z.members.filter((m) => m.workingAge).map((m) => ({ value: m.name, label: `${m.name}（${m.relation}）` }))} />
            </Form.Item>
            <Form.Item name="employerName" label="就业单位" rules={[{ required: true, message: '请填写就业单位' }]}>
              <Input maxLength={100} aria-label="就业单位" />
            </Form.Item>
            <Form.Item name="reemployedOn" label="上岗日期" rules={[{ required: true, message: '请选择上岗日期' }]}>
              <DayPicker aria-label="上岗日期" minDay={z.confirmedOn} maxDay={todayDay()} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} aria-label="说明" />
            </Form.Item>
          </>
        )}
        {kind === 'revoke' && (
          <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请填写撤销原因' }]}>
            <Input.TextArea rows={2} maxLength={500} aria-label="撤销原因" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function ZeroEmploymentDetailPage() {
  const { id } = useParams();
  const q = useZero(id);
  const [kind, setKind] = useState<Kind>(null);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="零就业家庭暂时无法读取" subTitle={q.error.message} />;
  const z = q.data;
  return (
    <PageShell
      title={`零就业家庭：${z.headName}家`}
      subtitle={z.address || z.orgUnitName}
      extra={
        z.canEdit && (
          <Space wrap>
            <Button type="primary" onClick={() => setKind('measure')}>
              登记帮扶措施
            </Button>
            <Button onClick={() => setKind('reemploy')}>上岗再就业</Button>
            <Button danger onClick={() => setKind('revoke')}>
              撤销
            </Button>
          </Space>
        )
      }
    >
      {z.status === 'reemployed' && <Alert type="success" showIcon title={`已于 ${z.closedOn ?? ''} 上岗再就业：${z.reemployedName}（${z.employerName}）`} style={{ marginBottom: 12 }} />}
      <Card title="家庭信息" data-testid="zero-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="户主（本人）">
            <Link to={`/recipients/${z.recipientId}`}>{z.headName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={z.status === 'helping' ? 'orange' : z.status === 'reemployed' ? 'green' : 'default'}>{zeroEmploymentStatusLabels[z.status]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="确认日期">{z.confirmedOn}</Descriptions.Item>
          <Descriptions.Item label="包联人员">{z.workerName}</Descriptions.Item>
          <Descriptions.Item label="帮扶措施">{z.measureCount} 次</Descriptions.Item>
          <Descriptions.Item label="所属单位">{z.orgUnitName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="家庭成员（以信息采集登记为准）" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(_m, i) => String(i)}
          pagination={false}
          dataSource={z.members}
          columns={[
            { key: 'name', title: '姓名', dataIndex: 'name' },
            { key: 'relation', title: '关系', dataIndex: 'relation' },
            { key: 'age', title: '年龄', render: (_x, m) => (m.age === null ? '—' : `${m.age}${m.workingAge ? '' : '（非劳动年龄）'}`) },
            { key: 'status', title: '就业状况', render: (_x, m) => (m.status ? employmentStatusLabels[m.status] : '未填') },
          ]}
        />
      </Card>
      <Card title="帮扶记录" style={{ marginTop: 12 }}>
        <CaseTimeline log={z.log} showStates={false} />
      </Card>
      <ActionModal key={kind ?? 'none'} z={z} kind={kind} onClose={() => setKind(null)} />
    </PageShell>
  );
}
