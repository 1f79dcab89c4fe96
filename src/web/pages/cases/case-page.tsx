// A case 办件: what it is about, where it stands, its log as a timeline and the actions the user
// may take now (审核通过, 退回, 同意迁移…). A stale version gets 409: the message shows and the
// case is re-read.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Descriptions, Form, Input, Modal, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { isApiError } from '../../api/client';
import { useCase, useCaseAction, type CaseDetail } from '../../api/cases';
import { CaseTimeline } from '../../components/case-timeline';
import { PageShell } from '../../components/page-shell';
import { changeValueText } from '../recipients/recipient-tags';
import { dueTag } from '../work-queue/due-tag';

/** the actions that move a case forward get the primary button; a refusal (with a reason) is red */
const primaryActions = ['approve', 'accept', 'resubmit'];

type Change = { field: string; label: string; from: string; to: string };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function PayloadSummary({ c }: { c: CaseDetail }) {
  const p = c.payload;
  if (c.type === 'edit-review' && Array.isArray(p.changes)) {
    const changes = p.changes as Change[];
    return (
      <Table<Change>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={changes}
        columns={[
          { key: 'label', title: '项目', dataIndex: 'label', width: 120 },
          { key: 'from', title: '原内容', render: (_v, ch) => changeValueText(ch.field, ch.from) || <span className="muted">（空）</span> },
          {
            key: 'to',
            title: '变更为',
            render: (_v, ch) => <strong>{changeValueText(ch.field, ch.to) || '（空）'}</strong>,
          },
        ]}
      />
    );
  }
  if (c.type === 'transfer') {
    const out = p.direction === 'out';
    const from = out ? c.orgUnitName : c.counterpartUnitName;
    const to = out ? c.counterpartUnitName : c.orgUnitName;
    const items: DescriptionsProps['items'] = [
      { key: 'direction', label: '方向', children: out ? '迁出（原单位发起）' : '迁入申请（接收单位发起）' },
      { key: 'who', label: '服务对象', children: `${str(p.name) || '（对方单位记录）'} ${str(p.idNumberMasked)}` },
      { key: 'from', label: '迁出单位', children: from ?? '—' },
      { key: 'to', label: '接收单位', children: to ?? '—' },
      { key: 'reason', label: '原因', children: str(p.reason) || '—', span: 'filled' },
    ];
    return <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={items} />;
  }
  if (c.type === 'collection-review') {
    return (
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {str(p.name)} 的信息采集，核对记录内容后审核。
      </Typography.Paragraph>
    );
  }
  return null;
}

function ActionModal({
  c,
  action,
  onClose,
}: {
  c: CaseDetail;
  action: CaseDetail['actions'][number] | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ comment?: string }>();
  const act = useCaseAction();
  const q = useCase(c.id);
  const { message } = App.useApp();
  async function ok(): Promise<void> {
    if (!action) return;
    const v = await form.validateFields();
    act.mutate(
      { id: c.id, action: action.name, comment: (v.comment ?? '').trim(), version: c.version },
      {
        onSuccess: (next) => {
          void message.success(`已${action.label}：${next.statusLabel}`);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            void q.refetch();
            onClose();
          }
        },
      },
    );
  }
  return (
    <Modal
      open={!!action}
      title={action ? `${action.label}：${c.title}` : ''}
      okText={action?.label ?? '确定'}
      cancelText="取消"
      okButtonProps={{ loading: act.isPending }}
      onCancel={onClose}
      onOk={() => void ok()}
      destroyOnHidden
      rootClassName="case-action-modal"
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={action?.requireComment ? '意见' : '意见（选填）'}
          rules={action?.requireComment ? [{ required: true, whitespace: true, message: `请填写${action.label}的理由` }] : []}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={action?.requireComment ? '请写明理由，对方将看到' : ''}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CasePage() {
  const { id } = useParams();
  const q = useCase(id);
  const [action, setAction] = useState<CaseDetail['actions'][number] | null>(null);
  if (q.isError)
    return <Result status="warning" title="无法打开该办件" subTitle={q.error.message} extra={<Link to="/work-queue">返回我的待办</Link>} />;
  if (!q.data)
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  const c = q.data;
  const subjectLink =
    c.subjectType === 'recipient' && c.subjectId && c.type !== 'transfer' ? `/recipients/${c.subjectId}` : null;
  const info: DescriptionsProps['items'] = [
    { key: 'type', label: '类型', children: c.typeLabel },
    {
      key: 'status',
      label: '状态',
      children: <Tag color={c.closedAt ? 'default' : 'gold'}>{c.statusLabel}</Tag>,
    },
    { key: 'unit', label: '发起单位', children: c.orgUnitName },
    { key: 'counterpart', label: c.type === 'transfer' ? '对方单位' : '审核单位', children: c.counterpartUnitName ?? '—' },
    { key: 'opened', label: '发起时间', children: dayjs(c.openedAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'due',
      label: '办理期限',
      children: c.closedAt ? (
        <span className="muted">已办结（{dayjs(c.closedAt).format('YYYY-MM-DD')}）</span>
      ) : c.dueDay ? (
        <Space size={4}>
          {c.dueDay}
          {dueTag(c.dueDay, undefined, c.dueAt)}
        </Space>
      ) : (
        '—'
      ),
    },
  ];
  if (subjectLink)
    info.push({
      key: 'subject',
      label: '服务对象',
      children: <Link to={subjectLink}>{str(c.payload.name) || '查看记录'}</Link>,
    });

  return (
    <PageShell
      title={c.title}
      subtitle={`${c.typeLabel} · ${c.statusLabel}`}
      extra={
        c.actions.length > 0 && (
          <Space wrap className="case-actions">
            {c.actions.map((a) => (
              <Button
                key={a.name}
                type={primaryActions.includes(a.name) ? 'primary' : 'default'}
                danger={a.requireComment}
                onClick={() => setAction(a)}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        )
      }
    >
      <div className="case-page">
        <section className="panel detail-section">
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={info} />
        </section>
        <section className="panel detail-section">
          <h3 className="detail-section-title">办理内容</h3>
          <PayloadSummary c={c} />
          {subjectLink && (
            <div className="case-subject-link">
              <Link to={subjectLink}>查看服务对象记录 →</Link>
            </div>
          )}
        </section>
        <section className="panel detail-section">
          <h3 className="detail-section-title">办理记录</h3>
          <CaseTimeline log={c.log} />
        </section>
      </div>
      <ActionModal c={c} action={action} onClose={() => setAction(null)} />
    </PageShell>
  );
}
