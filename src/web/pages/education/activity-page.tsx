// An activity's page: its facts, the invitation list (邀请参加: people of the organiser's range found
// by name, all saved together) and the attendance (参加 / 未参加 per person, saved together; from the
// activity's day on). Each person links to their page, where the activity is listed.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Flex, List, Radio, Result, Select, Space, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EditOutlined } from '@ant-design/icons';
import { activityKindLabels, activityPlaceKindLabels, type ActivityDetail } from '../../../shared/schemas/education';
import { recipientApi } from '../../api/recipients';
import { useActivity, useInvite, useMarkAttendance } from '../../api/education';
import { isApiError } from '../../api/client';
import { todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { useDebounced } from '../../components/use-debounced';
import { ActivityModal } from './activities-page';

function Invite({ a }: { a: ActivityDetail }) {
  const [ids, setIds] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'activity-invite', a.orgUnitId, q],
    queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered', orgUnitId: a.orgUnitId }, signal),
    enabled: q.length > 0,
  });
  const invite = useInvite();
  const { message } = App.useApp();
  const invited = new Set(a.attendees.map((x) => x.recipientId));
  const save = async () => {
    try {
      await invite.mutateAsync({ id: a.id, body: { version: a.version, recipientIds: ids } });
      setIds([]);
      void message.success('已邀请');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Select
        mode="multiple"
        aria-label="邀请对象"
        value={ids}
        onChange={setIds}
        placeholder="输入姓名查找组织单位辖区内的服务对象"
        style={{ minWidth: 260, flex: 1 }}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        loading={found.isFetching}
        notFoundContent={q ? '未找到' : '输入姓名查找'}
        options={(found.data?.items ?? []).filter((r) => !invited.has(r.id)).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}）` }))}
      />
      <Button type="primary" disabled={!ids.length} loading={invite.isPending} onClick={() => void save()}>
        邀请参加
      </Button>
    </Flex>
  );
}

function Attendance({ a }: { a: ActivityDetail }) {
  const initial = useMemo(() => Object.fromEntries(a.attendees.map((x) => [x.recipientId, x.attended])), [a]);
  const [marks, setMarks] = useState<Record<string, boolean | null>>(initial);
  const mark = useMarkAttendance();
  const { message } = App.useApp();
  const started = a.heldOn <= todayDay();
  const changed = a.attendees.filter((x) => marks[x.recipientId] !== undefined && marks[x.recipientId] !== null && marks[x.recipientId] !== x.attended);
  const save = async () => {
    try {
      await mark.mutateAsync({ id: a.id, body: { version: a.version, entries: changed.map((x) => ({ recipientId: x.recipientId, attended: marks[x.recipientId] === true })) } });
      void message.success('已登记出勤');
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <>
      <List
        size="small"
        dataSource={a.attendees}
        locale={{ emptyText: '尚未邀请' }}
        renderItem={(x) => (
          <List.Item data-testid="activity-attendee">
            <Flex wrap gap={8} align="center" justify="space-between" style={{ width: '100%' }}>
              <span>
                <Link to={`/recipients/${x.recipientId}`}>{x.name}</Link> <span className="muted">{x.orgUnitName}</span>{' '}
                {x.attended === null ? <Tag>未登记</Tag> : x.attended ? <Tag color="success">已参加</Tag> : <Tag color="default">未参加</Tag>}
              </span>
              {a.canEdit && started && (
                <Radio.Group
                  size="small"
                  optionType="button"
                  aria-label={`${x.name}出勤`}
                  value={marks[x.recipientId] === null || marks[x.recipientId] === undefined ? undefined : marks[x.recipientId] ? 'yes' : 'no'}
                  onChange={(e) => setMarks({ ...marks, [x.recipientId]: e.target.value === 'yes' })}
                  options={[
                    { value: 'yes', label: '参加' },
                    { value: 'no', label: '未参加' },
                  ]}
                />
              )}
            </Flex>
          </List.Item>
        )}
      />
      {a.canEdit && started && a.attendees.length > 0 && (
        <Button type="primary" style={{ marginTop: 8 }} disabled={!changed.length} loading={mark.isPending} onClick={() => void save()}>
          保存出勤
        </Button>
      )}
      {a.canEdit && !started && a.attendees.length > 0 && <div className="muted">活动当日起可登记出勤</div>}
    </>
  );
}

export function ActivityPage() {
  const { id } = useParams();
  const q = useActivity(id);
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="学习教育活动暂时无法读取" subTitle={q.error.message} />;
  const a = q.data;
  return (
    <PageShell
      title={a.topic}
      subtitle={`${a.heldOn} · ${a.place}`}
      extra={
        a.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改
          </Button>
        )
      }
    >
      {editing && <ActivityModal activity={a} onClose={() => setEditing(false)} />}
      <Card title="活动信息" data-testid="activity-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="活动日期">{a.heldOn}</Descriptions.Item>
          <Descriptions.Item label="活动类型">{activityKindLabels[a.kind]}</Descriptions.Item>
          <Descriptions.Item label="场所类别">{activityPlaceKindLabels[a.placeKind]}</Descriptions.Item>
          <Descriptions.Item label="活动地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="组织单位">{a.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="参加 / 邀请">
            <Space>
              <span data-testid="activity-counts">
                {a.attended} / {a.invited}
              </span>
            </Space>
          </Descriptions.Item>
          {a.note ? (
            <Descriptions.Item label="备注" span={2}>
              {a.note}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="邀请与出勤" style={{ marginTop: 12 }} data-testid="activity-attendees">
        {a.canEdit && <Invite a={a} />}
        <Attendance key={`${a.version}`} a={a} />
      </Card>
    </PageShell>
  );
}
