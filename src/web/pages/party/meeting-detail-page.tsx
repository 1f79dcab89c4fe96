// A branch meeting: its facts and the attendance of each member.
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { partyAttendanceLabels, partyMeetingKindLabels, type PartyAttendanceDto } from '../../../shared/schemas/party-life';
import { useMeeting } from '../../api/party-life';
import { PageShell } from '../../components/page-shell';

const colors = { present: 'green', excused: 'gold', absent: 'red' } as const;

export function MeetingDetailPage() {
  const { id } = useParams();
  const q = useMeeting(id);
  const m = q.data;
  return (
    <PageShell
      title={m ? m.topic : '会议'}
      subtitle={m ? `${m.branchName} · ${partyMeetingKindLabels[m.kind]}` : undefined}
      extra={
        m?.canEdit && (
          <Link to={`/party/meetings/${m.id}/edit`}>
            <Button icon={<EditOutlined />}>修改</Button>
          </Link>
        )
      }
    >
      {m && (
        <>
          <Card size="small" style={{ marginBottom: 12 }} data-testid="meeting-facts">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label="会议类别">{partyMeetingKindLabels[m.kind]}</Descriptions.Item>
              <Descriptions.Item label="会议日期">{m.heldOn}</Descriptions.Item>
              <Descriptions.Item label="党支部">{m.branchName}</Descriptions.Item>
              <Descriptions.Item label="地点">{m.place || '—'}</Descriptions.Item>
              <Descriptions.Item label="主持人">{m.host || '—'}</Descriptions.Item>
              <Descriptions.Item label="出席 / 请假 / 缺席">{`${m.present} / ${m.excused} / ${m.absent}`}</Descriptions.Item>
              <Descriptions.Item label="会议内容" span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{m.content || '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="党员出勤">
            <Table<PartyAttendanceDto>
              rowKey="recipientId"
              size="small"
              pagination={false}
              dataSource={m.attendance}
              locale={{ emptyText: '无' }}
              columns={[
                { key: 'name', title: '党员', render: (_v, a) => <>{a.name}<div className="muted">{a.orgUnitName}</div></> },
                { key: 'attendance', title: '出勤', render: (_v, a) => <Tag color={colors[a.attendance]}>{partyAttendanceLabels[a.attendance]}</Tag> },
                { key: 'reason', title: '原因', render: (_v, a) => a.reason || '—' },
              ]}
            />
          </Card>
        </>
      )}
    </PageShell>
  );
}
