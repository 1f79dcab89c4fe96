// 评星级: the campaigns the caller runs or nominates to; a county (or township) starts one with its
// criteria, the star levels it rates and the nomination period.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Checkbox, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { starCampaignStatusLabels, starLevelLabels, starLevels, type StarCampaignDto } from '../../../shared/schemas/honors';
import { honorsApi, honorsKeys, useCreateCampaign } from '../../api/honors';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { DayPicker } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCan, useCurrentUser } from '../../components/session';
import { HonorsNav } from './honors-nav';
import { errorText } from './recipient-select';

const statusColor = { open: 'processing', published: 'success', cancelled: 'default' } as const;

function CreateCampaign({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const create = useCreateCampaign();
  const navigate = useNavigate();
  const { message } = App.useApp();
  async function submit(v: Record<string, unknown>) {
    try {
      const c = await create.mutateAsync({ orgUnitId: v.orgUnitId as string, title: v.title as string, criteria: v.criteria as string, levels: (v.levels as number[]) ?? [], periodFrom: v.periodFrom as string, periodTo: v.periodTo as string });
      onClose();
      navigate(`/honors/campaigns/${c.id}`);
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Modal open={open} title="发起评星级活动" onCancel={onClose} okText="发起活动" onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgUnitId: me.orgUnit.id, levels: [...starLevels], periodFrom: dayjs().format('YYYY-MM-DD'), periodTo: dayjs().add(30, 'day').format('YYYY-MM-DD') }}>
        <Form.Item name="orgUnitId" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
          <OrgUnitSelect aria-label="组织单位" />
        </Form.Item>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="criteria" label="评选标准" rules={[{ required: true, message: '请填写评选标准' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="levels" label="评定星级" rules={[{ required: true, message: '请至少选择一个星级' }]}>
          <Checkbox.Group options={starLevels.map((l) => ({ value: l, label: starLevelLabels[l] }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="periodFrom" label="推荐开始日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DayPicker aria-label="推荐开始日期" />
          </Form.Item>
          <Form.Item name="periodTo" label="推荐截止日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DayPicker aria-label="推荐截止日期" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export function CampaignsPage() {
  const canWrite = useCan('honors:write');
  const [creating, setCreating] = useState(false);
  const columns: RecordColumn<StarCampaignDto>[] = [
    {
      key: 'title',
      title: '活动',
      fixedShown: true,
      render: (_v, c) => (
        <div>
          <Link to={`/honors/campaigns/${c.id}`}>
            <Typography.Text strong>{c.title}</Typography.Text>
          </Link>
          <div className="muted">
            {c.orgUnitName} · {c.levels.map((l) => starLevelLabels[l]).join('、')}
          </div>
          <Tag color={statusColor[c.status]}>{starCampaignStatusLabels[c.status]}</Tag>
        </div>
      ),
    },
    { key: 'period', title: '推荐期', responsive: ['sm'], render: (_v, c) => `${c.periodFrom} 至 ${c.periodTo}` },
    { key: 'counts', title: '推荐 / 通过', responsive: ['sm'], render: (_v, c) => `${c.counts.nominated + c.counts.approved + c.counts.rejected} / ${c.counts.approved}` },
    { key: 'publishedOn', title: '公布日期', responsive: ['md'], render: (_v, c) => c.publishedOn ?? '—' },
  ];
  return (
    <PageShell
      title="评星级"
      subtitle="县级中心制定标准，服务站推荐，县级评审、公布；经本人同意上光荣墙"
      extra={
        <Space wrap>
          <HonorsNav current="/honors" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起评星级
            </Button>
          )}
        </Space>
      }
    >
      <RecordTable<StarCampaignDto> queryKey={honorsKeys.campaigns} fetchPage={honorsApi.campaigns} columns={columns} rowKey="id" filters={[]} storageKey="honors-campaigns" emptyText="暂无评星级活动" />
      <CreateCampaign open={creating} onClose={() => setCreating(false)} />
    </PageShell>
  );
}
