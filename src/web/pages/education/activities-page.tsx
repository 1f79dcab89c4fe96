// 学习教育活动: the activities of the caller's range (organiser, kind, place, dates, topic), each with
// how many were invited and attended; 新增活动 opens the form; the ledger export follows the filter.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { activityCreate, activityKindLabels, activityKinds, activityPlaceKindLabels, activityPlaceKinds, activityUpdate, type ActivityDetail, type ActivityDto } from '../../../shared/schemas/education';
import { educationApi, educationKeys, useCreateActivity, useUpdateActivity } from '../../api/education';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

const filters: RecordFilter[] = [
  { kind: 'text', name: 'topic', label: '主题', placeholder: '活动主题', width: 160, live: true },
  { kind: 'select', name: 'kind', label: '活动类型', options: activityKinds.map((k) => ({ value: k, label: activityKindLabels[k] })), width: 140 },
  { kind: 'select', name: 'placeKind', label: '场所类别', options: activityPlaceKinds.map((k) => ({ value: k, label: activityPlaceKindLabels[k] })), width: 170 },
  { kind: 'dateRange', from: 'from', to: 'to', label: '活动日期' },
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '组织单位',
    advanced: true,
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="组织单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="组织单位" />,
  },
];

/** 新增 (no `activity`) or 修改 an activity (its organiser stays). */
export function ActivityModal({ activity, onClose }: { activity?: ActivityDetail; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const submit = async () => {
    try {
      if (activity) {
        const body = parseWithSchema(form, activityUpdate, { ...form.getFieldsValue(true), version: activity.version });
        if (!body) return;
        await update.mutateAsync({ id: activity.id, body });
        void message.success('已保存修改');
        onClose();
        return;
      }
      const body = parseWithSchema(form, activityCreate, form.getFieldsValue(true));
      if (!body) return;
      const a = await create.mutateAsync(body);
      void message.success('已新增活动');
      onClose();
      navigate(`/education/activities/${a.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title={activity ? '修改学习教育活动' : '新增学习教育活动'} open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          activity
            ? { kind: activity.kind, placeKind: activity.placeKind, heldOn: activity.heldOn, topic: activity.topic, place: activity.place, note: activity.note }
            : { orgUnitId: me.orgUnit.id, kind: 'theme', placeKind: 'cemetery', heldOn: todayDay(), topic: '', place: '', note: '' }
        }
      >
        <Form.Item name="topic" label="活动主题" rules={[{ required: true, message: '请填写活动主题' }]}>
          <Input maxLength={100} aria-label="活动主题" placeholder="如：“八一”建军节烈士陵园祭扫" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="kind" label="活动类型">
            <Select aria-label="活动类型" style={{ width: 150 }} options={activityKinds.map((k) => ({ value: k, label: activityKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="placeKind" label="场所类别">
            <Select aria-label="场所类别" style={{ width: 180 }} options={activityPlaceKinds.map((k) => ({ value: k, label: activityPlaceKindLabels[k] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="活动地点" rules={[{ required: true, message: '请填写活动地点' }]}>
          <Input maxLength={100} aria-label="活动地点" placeholder="如：安吉县革命烈士陵园" />
        </Form.Item>
        <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
          <DayPicker aria-label="活动日期" />
        </Form.Item>
        {!activity && (
          <Form.Item name="orgUnitId" label="组织单位">
            <OrgUnitSelect aria-label="组织单位" />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} aria-label="备注" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ActivitiesPage() {
  const navigate = useNavigate();
  const canWrite = useCan('education:write');
  const [adding, setAdding] = useState(false);
  const columns: RecordColumn<ActivityDto>[] = [
    {
      key: 'topic',
      title: '活动',
      fixedShown: true,
      render: (_v, r) => (
        <div>
          <Link to={`/education/activities/${r.id}`}>
            <Typography.Text strong>{r.topic}</Typography.Text>
          </Link>
          <div className="muted">
            {r.heldOn} · {activityKindLabels[r.kind]} · {activityPlaceKindLabels[r.placeKind]}
          </div>
        </div>
      ),
    },
    { key: 'place', title: '地点', dataIndex: 'place', responsive: ['md'] },
    { key: 'count', title: '参加/邀请', responsive: ['sm'], render: (_v, r) => `${r.attended}/${r.invited}` },
    { key: 'unit', title: '组织单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
  ];
  return (
    <PageShell
      title="学习教育活动"
      subtitle="结合“八一”“十一”等重要节日，利用烈士陵园、革命纪念馆等红色教育资源开展学习教育活动"
      extra={
        <Space wrap>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新增活动
            </Button>
          )}
          <Button icon={<TrophyOutlined />} onClick={() => navigate('/education')}>
            优秀退役军人典型
          </Button>
        </Space>
      }
    >
      <RecordTable<ActivityDto>
        queryKey={educationKeys.activities}
        fetchPage={educationApi.activities}
        columns={columns}
        rowKey="id"
        filters={filters}
        storageKey="education-activities"
        ledger="学习教育活动台账"
        exportSlot={(params) => (
          <Button icon={<DownloadOutlined />} href={educationApi.activitiesLedgerUrl(params)} download>
            导出台账
          </Button>
        )}
        emptyText="暂无学习教育活动"
      />
      {adding && <ActivityModal onClose={() => setAdding(false)} />}
    </PageShell>
  );
}
