// 登记会议: a branch meeting 三会一课/主题党日 of a branch kept in the range, with the attendance of
// every current member of the branch (出席 by default; 请假 asks the reason). 修改会议 (meetings/:id/edit):
// the same form over a recorded meeting (its branch stays; the attendance of those recorded).
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { App, Button, Card, Form, Input, Radio, Select, Space, Table } from 'antd';
import { partyAttendanceKinds, partyAttendanceLabels, partyMeetingInput, partyMeetingKindLabels, partyMeetingKinds, partyMeetingUpdate, type PartyAttendanceInput } from '../../../shared/schemas/party-life';
import { usePartyBranches } from '../../api/party';
import { useBranchMembers, useCreateMeeting, useMeeting, useUpdateMeeting } from '../../api/party-life';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

type Row = { recipientId: string; name: string; orgUnitName: string };

export function MeetingFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateMeeting();
  const update = useUpdateMeeting(id ?? '');
  const meeting = useMeeting(id);
  const m0 = meeting.data;
  const branches = usePartyBranches({ orgUnitId: me.orgUnit.id, active: 'true' });
  // the branches this unit keeps or those below it (a branch above is recorded by its own unit)
  const options = editing && m0 ? [{ value: m0.branchId, label: m0.branchName }] : (branches.data?.items ?? []).filter((b) => b.canEdit).map((b) => ({ value: b.id, label: `${b.name}（${b.orgUnitName}）` }));
  const branchId = Form.useWatch('branchId', form) as string | undefined;
  const members = useBranchMembers(editing ? undefined : branchId);
  const rows: Row[] = editing ? (m0?.attendance ?? []) : (members.data?.items ?? []);
  const [attendance, setAttendance] = useState<Record<string, PartyAttendanceInput>>({});

  useEffect(() => {
    if (!editing) form.setFieldsValue({ kind: 'partyLecture', heldOn: todayDay(), topic: '', place: '', host: '', content: '' });
  }, [form, editing]);
  useEffect(() => {
    if (!m0) return;
    form.setFieldsValue({ branchId: m0.branchId, kind: m0.kind, heldOn: m0.heldOn, topic: m0.topic, place: m0.place, host: m0.host, content: m0.content });
    setAttendance(Object.fromEntries(m0.attendance.map((a) => [a.recipientId, { recipientId: a.recipientId, attendance: a.attendance, reason: a.reason }])));
  }, [form, m0]);
  useEffect(() => {
    if (editing) return;
    setAttendance(Object.fromEntries((members.data?.items ?? []).map((m) => [m.recipientId, { recipientId: m.recipientId, attendance: 'present', reason: '' }])));
  }, [members.data, editing]);

  const set = (id: string, patch: Partial<PartyAttendanceInput>) => setAttendance((a) => ({ ...a, [id]: { ...a[id], ...patch } }));
  const submit = async () => {
    const raw = form.getFieldsValue(true) as Record<string, unknown>;
    const fields = { ...raw, attendance: Object.values(attendance) };
    const body = editing ? parseWithSchema(form, partyMeetingUpdate, { ...fields, version: m0?.version }) : parseWithSchema(form, partyMeetingInput, fields);
    if (!body) {
      const missing = Object.values(attendance).find((a) => a.attendance === 'excused' && !a.reason);
      if (missing) void message.error('请假须填写原因');
      return;
    }
    try {
      const m = editing ? await update.mutateAsync(body as Parameters<typeof update.mutateAsync>[0]) : await create.mutateAsync(body as Parameters<typeof create.mutateAsync>[0]);
      void message.success(editing ? '已保存修改' : '已登记会议');
      navigate(`/party/meetings/${m.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };

  return (
    <PageShell title={editing ? '修改会议' : '登记会议'} subtitle="三会一课（支部党员大会、支部委员会、党小组会、党课）及主题党日">
      <Card>
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item name="branchId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <Select aria-label="党支部" disabled={editing} options={options} loading={branches.isLoading} showSearch={{ optionFilterProp: 'label' }} placeholder="选择党支部" />
          </Form.Item>
          <Form.Item name="kind" label="会议类别">
            <Select aria-label="会议类别" options={partyMeetingKinds.map((k) => ({ value: k, label: partyMeetingKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="heldOn" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
            <DayPicker aria-label="会议日期" maxDay={todayDay()} />
          </Form.Item>
          <Form.Item name="topic" label="会议主题" rules={[{ required: true, message: '请填写会议主题' }]}>
            <Input maxLength={100} aria-label="会议主题" />
          </Form.Item>
          <Form.Item name="place" label="地点">
            <Input maxLength={100} aria-label="地点" />
          </Form.Item>
          <Form.Item name="host" label="主持人">
            <Input maxLength={50} aria-label="主持人" />
          </Form.Item>
          <Form.Item name="content" label="会议内容及记录">
            <Input.TextArea rows={4} maxLength={5000} aria-label="会议内容及记录" />
          </Form.Item>
          {branchId && (
            <Form.Item label={`党员出勤（${rows.length} 人）`}>
              <Table<Row>
                rowKey="recipientId"
                size="small"
                pagination={false}
                loading={editing ? meeting.isLoading : members.isLoading}
                dataSource={rows}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: '该党支部暂无退役军人党员' }}
                data-testid="meeting-attendance"
                columns={[
                  { key: 'name', title: '党员', render: (_v, m) => <>{m.name}<div className="muted">{m.orgUnitName}</div></> },
                  {
                    key: 'attendance',
                    title: '出勤',
                    render: (_v, m) => (
                      <Space direction="vertical" size={4}>
                        <Radio.Group
                          aria-label={`${m.name}出勤`}
                          value={attendance[m.recipientId]?.attendance}
                          onChange={(e) => set(m.recipientId, { attendance: e.target.value as PartyAttendanceInput['attendance'] })}
                          options={partyAttendanceKinds.map((k) => ({ value: k, label: partyAttendanceLabels[k] }))}
                        />
                        {attendance[m.recipientId]?.attendance !== 'present' && (
                          <Input size="small" maxLength={200} aria-label={`${m.name}原因`} placeholder="原因（请假必填）" value={attendance[m.recipientId]?.reason} onChange={(e) => set(m.recipientId, { reason: e.target.value })} />
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={create.isPending || update.isPending}>
              保存会议
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
