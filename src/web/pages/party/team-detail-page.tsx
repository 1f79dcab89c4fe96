// A volunteer team or model post: its facts, members and activities; 登记活动 with participants
// chosen among the members.
import { useState } from 'react';
import { useParams } from 'react-router';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, List, Modal, Space, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { volunteerActivityInput, volunteerFieldLabels, volunteerTeamKindLabels, type VolunteerTeamDetail } from '../../../shared/schemas/party-life';
import { useAddActivity, useTeam } from '../../api/party-life';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { TeamModal } from './teams-page';

function AddActivity({ team, onClose }: { team: VolunteerTeamDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const m = useAddActivity();
  const submit = async () => {
    const body = parseWithSchema(form, volunteerActivityInput, form.getFieldsValue(true) as Record<string, unknown>);
    if (!body) return;
    try {
      await m.mutateAsync({ id: team.id, body });
      void message.success('已登记活动');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="登记活动" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ heldOn: todayDay(), content: '', place: '', hours: 2, participantIds: team.members.map((x) => x.recipientId) }}>
        <Form.Item name="heldOn" label="活动日期">
          <DayPicker aria-label="活动日期" maxDay={todayDay()} minDay={team.foundedOn ?? undefined} />
        </Form.Item>
        <Form.Item name="content" label="活动内容" rules={[{ required: true, message: '请填写活动内容' }]}>
          <Input.TextArea rows={2} maxLength={500} aria-label="活动内容" />
        </Form.Item>
        <Form.Item name="place" label="地点">
          <Input maxLength={100} aria-label="地点" />
        </Form.Item>
        <Form.Item name="hours" label="服务时长（小时）">
          <InputNumber min={0.5} max={24} step={0.5} aria-label="服务时长" />
        </Form.Item>
        <Form.Item name="participantIds" label="参与成员">
          <Checkbox.Group options={team.members.map((x) => ({ value: x.recipientId, label: x.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TeamDetailPage() {
  const { id } = useParams();
  const q = useTeam(id);
  const t = q.data;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <PageShell
      title={t?.name ?? '志愿服务队'}
      subtitle={t ? `${volunteerTeamKindLabels[t.kind]} · ${t.orgUnitName}` : undefined}
      extra={
        t?.canEdit && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
            {t.active && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                登记活动
              </Button>
            )}
          </Space>
        )
      }
    >
      {t && (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label="服务领域">{volunteerFieldLabels[t.field]}</Descriptions.Item>
              <Descriptions.Item label="负责人">{t.leaderName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="成立日期">{t.foundedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="状态">{t.active ? '启用' : <Tag>已停用</Tag>}</Descriptions.Item>
              <Descriptions.Item label="活动 / 人·小时">{`${t.activityCount} / ${t.personHours}`}</Descriptions.Item>
              <Descriptions.Item label="成员" span={2}>
                {t.members.map((x) => (
                  <Tag key={x.recipientId}>{x.name}</Tag>
                ))}
              </Descriptions.Item>
              {t.description && <Descriptions.Item label="简介" span={2}>{t.description}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card size="small" title="活动记录">
            <List
              dataSource={t.activities}
              locale={{ emptyText: '暂无活动' }}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={`${a.heldOn} ${a.content}`} description={`${a.place ? `${a.place} · ` : ''}${a.hours} 小时 · ${a.participants.map((p) => p.name).join('、')}`} />
                </List.Item>
              )}
            />
          </Card>
          {adding && <AddActivity team={t} onClose={() => setAdding(false)} />}
          {editing && <TeamModal team={t} onClose={() => setEditing(false)} />}
        </>
      )}
    </PageShell>
  );
}
