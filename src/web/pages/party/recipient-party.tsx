// A panel of a recipient's page: the person's party membership (政治面貌 from the registry), the
// branch (编入党支部, with the joined day) and the organisation transfers, with 办理组织关系转接.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Flex, Form, List, Modal, Select, Spin } from 'antd';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { partyMemberKindLabels, type PartyMemberDto } from '../../../shared/schemas/party';
import { usePartyBranches, useRecipientParty, useSetMembership } from '../../api/party';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { TransferStatusTag } from './party-tags';
import { useMemberMeetings } from '../../api/party-life';
import { partyAttendanceLabels, partyMeetingKindLabels } from '../../../shared/schemas/party-life';

/** The member's attendance at the branch's 三会一课 and 主题党日: the totals and the latest meetings. */
function MemberAttendance({ recipientId }: { recipientId: string }) {
  const q = useMemberMeetings(recipientId);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">出勤记录暂时无法读取：{q.error.message}</span>;
  const { items, present, absent, excused } = q.data;
  if (items.length === 0) return <div className="muted">暂无三会一课、主题党日出勤记录</div>;
  return (
    <div data-testid="recipient-party-meetings">
      <div className="muted">
        三会一课、主题党日：出席 {present} 次 · 缺席 {absent} 次 · 请假 {excused} 次
      </div>
      <List
        size="small"
        dataSource={items.slice(0, 5)}
        renderItem={(x) => (
          <List.Item>
            <Flex wrap gap={6} align="center">
              <Link to={`/party/meetings/${x.meetingId}`}>
                {x.heldOn} {partyMeetingKindLabels[x.kind]}
              </Link>
              <span className="muted">{x.topic}</span>
              <span>
                {partyAttendanceLabels[x.attendance]}
                {x.reason ? `（${x.reason}）` : ''}
              </span>
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}

function PlaceModal({ m, onClose }: { m: PartyMemberDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const set = useSetMembership();
  const branches = usePartyBranches({ orgUnitId: m.orgUnitId, active: 'true' });
  const submit = async () => {
    const v = form.getFieldsValue() as { branchId?: string | null; joinedOn?: string | null };
    try {
      await set.mutateAsync({ id: m.recipientId, body: { version: m.version, branchId: v.branchId ?? null, joinedOn: v.joinedOn ?? null } });
      void message.success('已保存');
      onClose();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="编入党支部" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={set.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ branchId: m.branchId, joinedOn: m.joinedOn }}>
        <Form.Item name="branchId" label="党支部">
          <Select aria-label="党支部" allowClear loading={branches.isLoading} options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.orgUnitName}）` }))} placeholder="所在单位或上级单位的党支部" />
        </Form.Item>
        <Form.Item name="joinedOn" label="入党日期">
          <DayPicker aria-label="入党日期" maxDay={todayDay()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RecipientParty({ recipient }: { recipient: RecipientDetail }) {
  const q = useRecipientParty(recipient.id);
  const [placing, setPlacing] = useState(false);
  if (q.isPending) return <Spin size="small" />;
  if (q.isError) return <span className="muted">党员信息暂时无法读取：{q.error.message}</span>;
  const { member: m, transfers, canEdit } = q.data;
  return (
    <div data-testid="recipient-party">
      {!m ? (
        <div className="muted">政治面貌不是中共党员（以信息采集为准）</div>
      ) : (
        <Flex wrap gap={8} align="center">
          <span>{partyMemberKindLabels[m.kind]}</span>
          <span>{m.branchName ?? <span style={{ color: '#cf1322' }}>未编入支部</span>}</span>
          {m.joinedOn && <span className="muted">入党 {m.joinedOn}</span>}
          {canEdit && !m.openTransferId && (
            <Button size="small" onClick={() => setPlacing(true)}>
              编入党支部
            </Button>
          )}
          {canEdit && !m.openTransferId && recipient.status === 'registered' && (
            <Link to={`/party/transfers/new?${new URLSearchParams({ recipient: recipient.id }).toString()}`}>
              <Button size="small">办理组织关系转接</Button>
            </Link>
          )}
        </Flex>
      )}
      {transfers.length > 0 && (
        <List
          size="small"
          dataSource={transfers}
          renderItem={(t) => (
            <List.Item>
              <Flex wrap gap={6} align="center">
                <Link to={`/party/transfers/${t.id}`}>{t.letterIssuedOn} 组织关系转接</Link>
                <span className="muted">
                  {t.fromName} → {t.toName}
                </span>
                <TransferStatusTag t={t} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {m && <MemberAttendance recipientId={recipient.id} />}
      {placing && m && <PlaceModal m={m} onClose={() => setPlacing(false)} />}
    </div>
  );
}
