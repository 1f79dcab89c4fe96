// 迁入申请 (an ID number registered in another unit: ask that unit to hand the record over) and
// 迁出 (send a registered record to a unit outside the jurisdiction, found in the public directory).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Empty, Form, Input, Modal, Radio, Spin, Typography } from 'antd';
import { orgLevelLabels, type OrgLevel } from '../../../shared/schemas/org-units';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { usePublicDirectory } from '../../api/public';
import { useStartTransfer } from '../../api/recipients';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { useCurrentUser } from '../../components/session';

/** Units a recipient can be registered in. */
export const recipientUnitLevels: readonly OrgLevel[] = ['county', 'township', 'village', 'grid'];

export function TransferInModal({
  idNumber,
  onClose,
  onDone,
}: {
  /** the ID number to ask for; null = closed */
  idNumber: string | null;
  onClose: () => void;
  onDone?: (caseId: string) => void;
}) {
  const me = useCurrentUser();
  const [form] = Form.useForm<{ toUnitId?: string; reason?: string }>();
  const start = useStartTransfer();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const ownUnit = recipientUnitLevels.includes(me.orgUnit.level) ? me.orgUnit.id : undefined;

  async function submit(): Promise<void> {
    if (!idNumber) return;
    const v = await form.validateFields();
    start.mutate(
      { direction: 'in', idNumber, toUnitId: v.toUnitId as string, reason: (v.reason ?? '').trim() },
      {
        onSuccess: (r) => {
          void message.success('迁入申请已发出，等待对方单位同意');
          onDone?.(r.caseId);
          navigate(`/cases/${r.caseId}`);
        },
      },
    );
  }

  return (
    <Modal
      open={!!idNumber}
      title="申请迁入"
      okText="发出申请"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: start.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        该公民身份号码已在其他单位登记。发出申请后，由原登记单位同意，记录及其历史将转入本辖区。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ toUnitId: ownUnit }} preserve={false}>
        <Form.Item name="toUnitId" label="迁入单位" rules={[{ required: true, message: '请选择迁入单位' }]}>
          <OrgUnitSelect selectableLevels={recipientUnitLevels} placeholder="选择本辖区的单位" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="迁入原因"
          rules={[{ required: true, whitespace: true, message: '请填写迁入原因' }, { max: 300 }]}
        >
          <Input.TextArea rows={3} maxLength={300} showCount placeholder="如：户籍迁入本村、随子女居住" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransferOutModal({
  recipient,
  onClose,
}: {
  recipient: RecipientDetail | null;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [toUnitId, setToUnitId] = useState<string>();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const dir = usePublicDirectory(q);
  const start = useStartTransfer();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = (q ? (dir.data?.matches ?? []) : []).filter((u) => recipientUnitLevels.includes(u.level));

  function close(): void {
    setText('');
    setQ('');
    setToUnitId(undefined);
    setReason('');
    setTouched(false);
    onClose();
  }

  function submit(): void {
    setTouched(true);
    if (!recipient || !toUnitId || !reason.trim()) return;
    start.mutate(
      { direction: 'out', recipientId: recipient.id, toUnitId, reason: reason.trim() },
      {
        onSuccess: (r) => {
          void message.success('迁出已发起，等待接收单位同意');
          close();
          navigate(`/cases/${r.caseId}`);
        },
      },
    );
  }

  return (
    <Modal
      open={!!recipient}
      title={recipient ? `迁出：${recipient.name}` : ''}
      okText="发起迁出"
      cancelText="取消"
      onCancel={close}
      onOk={submit}
      okButtonProps={{ loading: start.isPending }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="接收单位" required validateStatus={touched && !toUnitId ? 'error' : undefined} help={touched && !toUnitId ? '请查找并选择接收单位' : undefined}>
          <Input.Search
            placeholder="输入乡镇、村（社区）或服务中心名称"
            aria-label="查找接收单位"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => {
              setQ(v.trim());
              setToUnitId(undefined);
            }}
            enterButton="查找"
            allowClear
          />
          <div className="unit-pick-list">
            {q && dir.isFetching ? (
              <Spin size="small" />
            ) : q && units.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到，请换个名称试试" />
            ) : (
              <Radio.Group value={toUnitId} onChange={(e) => setToUnitId(e.target.value as string)}>
                {units.map((u) => (
                  <Radio key={u.id} value={u.id} className="unit-pick">
                    <span>{u.name}</span>
                    <span className="muted">
                      {' '}
                      {orgLevelLabels[u.level]}
                      {u.address ? ` · ${u.address}` : ''}
                    </span>
                  </Radio>
                ))}
              </Radio.Group>
            )}
          </div>
        </Form.Item>
        <Form.Item
          label="迁出原因"
          required
          validateStatus={touched && !reason.trim() ? 'error' : undefined}
          help={touched && !reason.trim() ? '请填写迁出原因' : undefined}
        >
          <Input.TextArea
            aria-label="迁出原因"
            rows={3}
            maxLength={300}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="如：户籍迁往外县、随子女异地居住"
          />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title="接收单位同意后，记录及其历史转入接收单位；本单位保留迁出记录。" />
    </Modal>
  );
}
