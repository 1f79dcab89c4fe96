// 送喜报 (§40): a serving member's merit, delivered to the family by the unit where they live before
// the due day (the work queue shows it); delivery recorded with the date, who went and a photo.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { MaterialFileUpload } from '../../../shared/schemas/application-materials';
import { meritNoticeStatusLabels, type MeritNoticeDeliver, type MeritNoticeDto } from '../../../shared/schemas/honors';
import { honorsApi, honorsKeys, useCreateMerit, useDeliverMerit, useMerit } from '../../api/honors';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { DayPicker } from '../../components/day-picker';
import { CaseFileList, FilePicker } from '../../components/case-files';
import { CaseTimeline } from '../../components/case-timeline';
import { useCan, useCurrentUser } from '../../components/session';
import { HonorsNav } from './honors-nav';
import { HonorRecipientSelect, errorText } from './recipient-select';

const statusColor = { pending: 'processing', delivered: 'success', cancelled: 'default' } as const;

function CreateMerit({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateMerit();
  const navigate = useNavigate();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    try {
      const m = await create.mutateAsync({ recipientId: v.recipientId as string, orgUnitId: me.orgUnit.id, servingName: v.servingName as string, merit: v.merit as string, servingUnit: (v.servingUnit as string) ?? '', awardedOn: v.awardedOn as string, note: '' });
      onClose();
      navigate(`/honors/merit-notices/${m.id}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Modal open={open} title="登记喜报" onCancel={onClose} okText="保存" onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ awardedOn: dayjs().format('YYYY-MM-DD') }}>
        <Form.Item name="recipientId" label="送达家属（现役军人家属）" rules={[{ required: true, message: '请选择家属' }]}>
          <HonorRecipientSelect label="送达家属" />
        </Form.Item>
        <Form.Item name="servingName" label="现役军人姓名" rules={[{ required: true, message: '请填写现役军人姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="merit" label="立功受奖情况" rules={[{ required: true, message: '请填写立功受奖情况' }]}>
          <Input maxLength={100} placeholder="如：荣立三等功" />
        </Form.Item>
        <Form.Item name="servingUnit" label="所在部队">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="awardedOn" label="立功受奖日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DayPicker aria-label="立功受奖日期" maxDay={dayjs().format('YYYY-MM-DD')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MeritNoticesPage() {
  const canWrite = useCan('honors:write');
  const [creating, setCreating] = useState(false);
  const columns: RecordColumn<MeritNoticeDto>[] = [
    {
      key: 'merit',
      title: '喜报',
      fixedShown: true,
      render: (_v, m) => (
        <div>
          <Link to={`/honors/merit-notices/${m.id}`}>
            <Typography.Text strong>
              {m.servingName} {m.merit}
            </Typography.Text>
          </Link>
          <div className="muted">家属：{m.recipientName}</div>
          <Space size={4}>
            <Tag color={statusColor[m.status]}>{meritNoticeStatusLabels[m.status]}</Tag>
            {m.overdue && <Tag color="error">已超期</Tag>}
          </Space>
        </div>
      ),
    },
    { key: 'dueDay', title: '应送达日期', responsive: ['sm'], render: (_v, m) => m.dueDay ?? '—' },
    { key: 'deliveredOn', title: '送达日期', responsive: ['sm'], render: (_v, m) => m.deliveredOn ?? '—' },
    { key: 'unit', title: '送达单位', dataIndex: 'orgUnitName', responsive: ['md'] },
  ];
  return (
    <PageShell
      title="送喜报"
      subtitle="现役军人立功受奖，按期将喜报送达家庭，注重仪式感"
      extra={
        <Space wrap>
          <HonorsNav current="/honors/merit-notices" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记喜报
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<MeritNoticeDto> queryKey={honorsKeys.merits} fetchPage={honorsApi.merits} columns={columns} rowKey="id" filters={[]} storageKey="honors-merits" emptyText="暂无喜报" />
      <CreateMerit open={creating} onClose={() => setCreating(false)} />
    </PageShell>
  );
}

export function MeritNoticePage() {
  const { id } = useParams();
  const q = useMerit(id);
  const deliver = useDeliverMerit();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [delivering, setDelivering] = useState(false);
  const m = q.data;
  if (q.isPending) return <Skeleton active />;
  if (!m) return <Alert type="error" showIcon title="未找到该喜报" />;
  async function submit(v: Record<string, unknown>) {
    const files = (v.photo as MaterialFileUpload[] | undefined) ?? [];
    const photo = files[0] && files[0].mime !== 'application/pdf' ? (files[0] as MeritNoticeDeliver['photo']) : null;
    try {
      await deliver.mutateAsync({ id: m!.id, body: { version: m!.version, deliveredOn: v.deliveredOn as string, deliveredBy: v.deliveredBy as string, note: (v.note as string) ?? '', photo } });
      setDelivering(false);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <PageShell
      title={`喜报：${m.servingName} ${m.merit}`}
      subtitle="送喜报"
      extra={
        m.canEdit && (
          <Button type="primary" onClick={() => setDelivering(true)}>
            登记送达
          </Button>
        )
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }} data-testid="merit-facts">
        <Descriptions.Item label="状态">
          <Tag color={statusColor[m.status]}>{meritNoticeStatusLabels[m.status]}</Tag>
          {m.overdue && <Tag color="error">已超期</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="家属">{m.recipientName}</Descriptions.Item>
        <Descriptions.Item label="所在部队">{m.servingUnit || '—'}</Descriptions.Item>
        <Descriptions.Item label="立功受奖日期">{m.awardedOn}</Descriptions.Item>
        <Descriptions.Item label="应送达日期">{m.dueDay ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="送达">{m.deliveredOn ? `${m.deliveredOn} ${m.deliveredBy ?? ''}` : '—'}</Descriptions.Item>
      </Descriptions>
      {m.files.length > 0 && <CaseFileList files={m.files} base={`/api/honors/merit-notices/${m.id}/files`} />}
      <CaseTimeline log={m.log} />
      <Modal open={delivering} title="登记送达" okText="保存" onCancel={() => setDelivering(false)} onOk={() => form.submit()} confirmLoading={deliver.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ deliveredOn: dayjs().format('YYYY-MM-DD') }}>
          <Form.Item name="deliveredOn" label="送达日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DayPicker aria-label="送达日期" maxDay={dayjs().format('YYYY-MM-DD')} />
          </Form.Item>
          <Form.Item name="deliveredBy" label="送达人员" rules={[{ required: true, message: '请填写送达人员' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="photo" label="送达照片">
            <FilePicker max={1} />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  );
}
