// One visit: who, when, how, the seven situations found, needs and follow-ups, what was delivered,
// the photos. Prints alone on A4 (走访慰问记录表) from the drawer.
import { useEffect } from 'react';
import { Link } from 'react-router';
import { App, Button, Descriptions, Drawer, Empty, Grid, Image, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { situationKeys, situationLabels, situationLevels } from '../../../shared/schemas/recipients';
import { followUpStatusLabels, visitTypeLabels, type FollowUpDto, type VisitDetail } from '../../../shared/schemas/visits';
import { useCloseFollowUp, useVisit, visitPaths } from '../../api/visits';
import { useCan, useCurrentUser } from '../../components/session';
import { yuan } from './visit-form-values';
import { KeyGroupTags } from './visit-tags';

/** Prints the drawer alone: the page behind it is hidden while printing. */
function printDrawer(): void {
  document.body.classList.add('visit-print');
  const done = () => {
    document.body.classList.remove('visit-print');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** 办结: the owner (or anyone who may write in the range) closes a follow-up with a note. */
function CloseFollowUp({ followUp }: { followUp: FollowUpDto }) {
  const me = useCurrentUser();
  const canWrite = useCan('visits:write');
  const { message, modal } = App.useApp();
  const close = useCloseFollowUp();
  if (followUp.status !== 'open' || !canWrite) return null;
  let note = '';
  return (
    <Button
      size="small"
      type={followUp.ownerUserId === me.id ? 'primary' : 'default'}
      loading={close.isPending}
      onClick={() =>
        modal.confirm({
          title: `办结：${followUp.need}`,
          content: <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} placeholder="办理结果（可不填）" onChange={(e) => (note = e.target.value)} aria-label="办理结果" />,
          okText: '办结',
          cancelText: '取消',
          onOk: () => close.mutateAsync({ id: followUp.id, note }).then(() => void message.success('已办结')),
        })
      }
    >
      办结
    </Button>
  );
}

/** 反映问题转办: register the need as a petition in one step (the registration form, prefilled; saving it closes the follow-up). */
function PassOnAsPetition({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('visits:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need, visitedOn: v.visitedOn });
  return (
    <Link to={`/petitions/new?${q.toString()}`}>
      <Button size="small">转为信访</Button>
    </Link>
  );
}

/** 反映问题转办 to an application 办件 in one step (the receive form, prefilled; saving it closes the follow-up). */
function PassOnAsApplication({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('services:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need });
  return (
    <Link to={`/applications/new?${q.toString()}`}>
      <Button size="small">转为办件</Button>
    </Link>
  );
}

/** 转为一人一策: draw up a support plan for the person in one step (the form, prefilled; saving it closes the follow-up). */
function PassOnAsSupportPlan({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('supportPlans:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need, visitedOn: v.visitedOn });
  return (
    <Link to={`/support-plans/new?${q.toString()}`}>
      <Button size="small">转为一人一策</Button>
    </Link>
  );
}

/** 转帮扶援助: open an assistance application for the person in one step (the form, prefilled; saving it closes the follow-up). */
function PassOnAsAssistance({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('assistance:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need, visitedOn: v.visitedOn });
  return (
    <Link to={`/assistance/new?${q.toString()}`}>
      <Button size="small">转帮扶援助</Button>
    </Link>
  );
}

/** 转为法律援助: register a legal-aid application for the person in one step (the form, prefilled; saving it closes the follow-up). */
function PassOnAsLegalAid({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('legalAid:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need, visitedOn: v.visitedOn });
  return (
    <Link to={`/legal-aid/new?${q.toString()}`}>
      <Button size="small">转为法律援助</Button>
    </Link>
  );
}

/** 转权益维护: open a rights case for the person in one step (the form, prefilled; saving it closes the follow-up). */
function PassOnAsRights({ v, followUp }: { v: VisitDetail; followUp: FollowUpDto }) {
  const canWrite = useCan('rights:write');
  if (followUp.status !== 'open' || !canWrite) return null;
  const q = new URLSearchParams({ fromFollowUp: followUp.id, recipient: v.recipientId, name: v.recipientName, need: followUp.need, visitedOn: v.visitedOn });
  return (
    <Link to={`/rights/new?${q.toString()}`}>
      <Button size="small">转权益维护</Button>
    </Link>
  );
}

function Body({ v }: { v: VisitDetail }) {
  const situations = situationKeys.map((k) => {
    const s = v.situations[k];
    const level = s?.level ? (situationLevels[k][s.level] ?? s.level) : null;
    return { key: k, label: situationLabels[k], children: level || s?.note ? `${level ?? ''}${level && s?.note ? '；' : ''}${s?.note ?? ''}` : '—' };
  });
  return (
    <div className="visit-detail">
      <div className="print-only print-head">
        <div className="print-title">走访慰问记录表</div>
        <div className="print-meta">
          {v.orgUnitName} · 记录人 {v.createdByName} · 打印于 {dayjs().format('YYYY-MM-DD HH:mm')}
        </div>
      </div>
      <Descriptions
        column={1}
        size="small"
        bordered
        className="detail-section"
        items={[
          {
            key: 'who',
            label: '走访对象',
            children: (
              <Space wrap size={4}>
                <Link to={`/recipients/${v.recipientId}`}>{v.recipientName}</Link>
                <KeyGroupTags groups={v.keyGroups} full />
              </Space>
            ),
          },
          { key: 'unit', label: '所属单位', children: v.orgUnitName },
          { key: 'on', label: '走访日期', children: v.visitedOn },
          { key: 'type', label: '走访形式', children: visitTypeLabels[v.visitType] },
          {
            key: 'reason',
            label: '走访事由',
            children: (
              <>
                {v.dueLabel ?? '日常走访'}
                {v.dueVisit && <span className="muted">（{v.dueVisit.occasionDay}，期限 {v.dueVisit.windowEnd}）</span>}
                {v.late && (
                  <Tag color="gold" style={{ marginLeft: 6 }}>
                    逾期走访
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'visitors', label: '走访人员', children: v.visitors },
          { key: 'money', label: '慰问金额', children: yuan(v.moneyCents) },
          { key: 'goods', label: '慰问物品', children: v.goods || '—' },
        ]}
      />
      <Typography.Title level={5} className="visit-detail-section">
        了解情况
      </Typography.Title>
      <Descriptions column={1} size="small" bordered className="detail-section" items={situations} />
      <Typography.Title level={5} className="visit-detail-section">
        反映问题及后续措施
      </Typography.Title>
      <Descriptions
        column={1}
        size="small"
        bordered
        className="detail-section"
        items={[
          { key: 'needs', label: '反映问题和诉求', children: v.needs || '—' },
          { key: 'followUp', label: '后续措施', children: v.followUp || '—' },
          ...(v.note ? [{ key: 'note', label: '备注', children: v.note }] : []),
        ]}
      />
      {v.followUps.length > 0 && (
        <Table<FollowUpDto>
          className="detail-section visit-detail-section"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={v.followUps}
          columns={[
            { key: 'need', title: '后续事项', dataIndex: 'need' },
            { key: 'owner', title: '负责人', dataIndex: 'ownerName' },
            { key: 'due', title: '期限', render: (_x, f) => f.dueDay ?? '—' },
            { key: 'status', title: '状态', render: (_x, f) => followUpStatusLabels[f.status] },
            {
              key: 'close',
              title: '',
              className: 'no-print',
              render: (_x, f) => (
                <Space size={4} wrap>
                  <CloseFollowUp followUp={f} />
                  <PassOnAsPetition v={v} followUp={f} />
                  <PassOnAsSupportPlan v={v} followUp={f} />
                  <PassOnAsAssistance v={v} followUp={f} />
                  <PassOnAsLegalAid v={v} followUp={f} />
                  <PassOnAsRights v={v} followUp={f} />
                  <PassOnAsApplication v={v} followUp={f} />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Typography.Title level={5} className="visit-detail-section">
        照片
      </Typography.Title>
      {v.photos.length ? (
        <Image.PreviewGroup>
          <div className="visit-detail-photos">
            {v.photos.map((p) => (
              <Image key={p.id} src={visitPaths.photo(v.id, p.id)} alt={p.name} />
            ))}
          </div>
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />
      )}
      <div className="muted visit-detail-section">
        {v.createdByName} 记录于 {dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')}
      </div>
    </div>
  );
}

export function VisitDetailDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const q = useVisit(id);
  const screens = Grid.useBreakpoint();
  useEffect(() => () => document.body.classList.remove('visit-print'), []);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title="走访记录"
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      className="visit-detail-drawer"
      extra={
        q.data && (
          <Button icon={<PrinterOutlined />} onClick={printDrawer}>
            打印
          </Button>
        )
      }
    >
      {q.data ? <Body v={q.data} /> : q.isError ? <Empty description="未找到该走访记录" /> : <Spin />}
    </Drawer>
  );
}
