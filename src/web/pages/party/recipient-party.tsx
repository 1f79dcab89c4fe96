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
      {placing && m && <PlaceModal m={m} onClose={() => setPlacing(false)} />}
    </div>
  );
}
