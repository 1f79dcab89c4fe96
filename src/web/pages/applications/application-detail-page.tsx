// An application's page: who applies for what, the materials checklist, each level's opinion in
// order, the 公示 with its period and objections, the decision, every run and home service, the
// actions the user may take now, and the case's log. 打印结果通知书 gives the A4 result notice.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Radio, Result, Select, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  homeServiceKindLabels,
  homeServiceKinds,
  runReasonLabels,
  runReasons,
  type ApplicationDetail,
  type RunReason,
} from '../../../shared/schemas/applications';
import { objectionOutcomeLabels, objectionOutcomes } from '../../../shared/schemas/public-notice';
import { useApplication, useApplicationAction, useRecordHomeService, useRecordRun } from '../../api/applications';
import { isApiError } from '../../api/client';
import { CaseTimeline } from '../../components/case-timeline';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { ApplicationMaterials } from './application-materials';
import { ApplicationStatusTag } from './application-tags';

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

type Act = (action: string, comment: string, data?: unknown) => Promise<boolean>;

function useAct(d: ApplicationDetail): Act {
  const { message } = App.useApp();
  const act = useApplicationAction();
  return async (action, comment, data) => {
    try {
      await act.mutateAsync({ id: d.id, body: { action, comment, version: d.version, data } });
      void message.success('已办理');
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };
}

/** The form of one available action. */
function ActionForm({ d, name, label, act }: { d: ApplicationDetail; name: string; label: string; act: Act }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    if (await fn()) form.resetFields();
    setBusy(false);
  };
  if (name.startsWith('opinion')) {
    return (
      <Form form={form} layout="vertical" initialValues={{ agree: true }} onFinish={(v: { agree: boolean; comment?: string }) => void run(() => act(name, v.comment ?? '', { agree: v.agree }))}>
        <Typography.Text strong>{d.item.steps[d.stepIndex]?.label ?? label}</Typography.Text>
        <Form.Item name="agree" label="意见">
          <Radio.Group options={[{ value: true, label: '同意' }, { value: false, label: '不同意' }]} />
        </Form.Item>
        <Form.Item name="comment" label="意见内容" rules={[{ required: true, message: '请填写意见' }]}>
          <Input.TextArea rows={2} maxLength={2000} aria-label="意见内容" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {name === 'opinionToNotice' ? '出具意见并公示' : name === 'opinionToDecision' ? '出具意见，提请决定' : '出具意见并报送上一级'}
        </Button>
      </Form>
    );
  }
  if (name === 'returnToApplicant') {
    return (
      <Form form={form} layout="vertical" onFinish={(v: { missing: string[]; comment?: string }) => void run(() => act(name, v.comment ?? '', { missing: v.missing ?? [] }))}>
        <Form.Item name="missing" label="所缺材料（一次性告知）" rules={[{ required: true, message: '请选择所缺材料' }]}>
          <Select mode="tags" aria-label="所缺材料" options={d.materials.map((m) => ({ value: m.name, label: m.name }))} />
        </Form.Item>
        <Form.Item name="comment" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={busy} danger>
          退回补正
        </Button>
      </Form>
    );
  }
  if (name === 'resubmit') {
    return (
      <Form
        form={form}
        layout="vertical"
        initialValues={{ received: d.materials.map((m, i) => (m.received ? i : -1)).filter((i) => i >= 0) }}
        onFinish={(v: { received: number[] }) => void run(() => act(name, '', { received: d.materials.map((_m, i) => v.received.includes(i)) }))}
      >
        <Form.Item name="received" label="补正后已收到的材料">
          <Checkbox.Group options={d.materials.map((m, i) => ({ value: i, label: m.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          材料已补齐，继续办理
        </Button>
      </Form>
    );
  }
  if (name === 'objection') {
    return (
      <Form form={form} layout="vertical" onFinish={(v: { content: string; objector?: string }) => void run(() => act(name, '', { content: v.content, objector: v.objector || '匿名' }))}>
        <Form.Item name="content" label="异议内容" rules={[{ required: true, message: '请填写异议内容' }]}>
          <Input.TextArea rows={2} maxLength={1000} aria-label="异议内容" />
        </Form.Item>
        <Form.Item name="objector" label="异议人（可匿名）">
          <Input maxLength={40} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          登记异议
        </Button>
      </Form>
    );
  }
  if (name === 'approve' || name === 'reject') {
    return (
      <Form form={form} layout="inline" onFinish={(v: { comment?: string }) => void run(() => act(name, v.comment ?? '', undefined))} className="app-decision-form">
        <Form.Item name="comment" rules={name === 'reject' ? [{ required: true, message: '请填写不予批准的理由' }] : []} style={{ flex: 1, minWidth: 200 }}>
          <Input placeholder={name === 'reject' ? '不予批准的理由（必填）' : '审批意见（可不填）'} aria-label={`${label}意见`} maxLength={2000} />
        </Form.Item>
        <Button type={name === 'approve' ? 'primary' : 'default'} danger={name === 'reject'} htmlType="submit" loading={busy}>
          {label}
        </Button>
      </Form>
    );
  }
  return null;
}

function NoticeCard({ d, act }: { d: ApplicationDetail; act: Act }) {
  const n = d.notice;
  const canResolve = d.actions.some((a) => a.name === 'resolveObjection');
  const [resolving, setResolving] = useState<string | null>(null);
  const [form] = Form.useForm();
  if (!n) return null;
  const today = todayDay();
  const running = d.status === 'notice' && today <= n.endDay;
  return (
    <Card size="small" title="公示" className="app-card">
      <Descriptions size="small" column={1} items={[
        { key: 'p', label: '公示期', children: `${n.startDay} 起至 ${n.endDay} 止（${n.days} ${n.dayKind === 'natural' ? '日' : '个工作日'}）${running ? '，公示中' : '，已期满'}` },
        { key: 't', label: '公示内容', children: <span data-testid="notice-text">{n.text}</span> },
      ]} />
      {n.objections.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={n.objections}
          columns={[
            { key: 'day', title: '日期', dataIndex: 'day', width: 100 },
            { key: 'c', title: '异议内容', render: (_v, o) => `${o.content}（${o.objector}）` },
            {
              key: 'r',
              title: '处理',
              render: (_v, o) =>
                o.outcome ? (
                  <span>{objectionOutcomeLabels[o.outcome]}：{o.resolution}</span>
                ) : canResolve ? (
                  <Button size="small" onClick={() => setResolving(o.id)}>处理</Button>
                ) : (
                  <Tag color="orange">待处理</Tag>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={!!resolving}
        title="处理异议"
        okText="确定"
        cancelText="取消"
        onCancel={() => setResolving(null)}
        onOk={async () => {
          const v = (await form.validateFields()) as { outcome: string; resolution: string };
          if (await act('resolveObjection', '', { objectionId: resolving, ...v })) {
            setResolving(null);
            form.resetFields();
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
            <Radio.Group options={objectionOutcomes.map((o) => ({ value: o, label: objectionOutcomeLabels[o] }))} />
          </Form.Item>
          <Form.Item name="resolution" label="处理说明" rules={[{ required: true, message: '请填写处理说明' }]}>
            <Input.TextArea rows={2} maxLength={1000} aria-label="处理说明" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function VisitsCard({ d }: { d: ApplicationDetail }) {
  const canWrite = useCan('services:write');
  const { message } = App.useApp();
  const run = useRecordRun();
  const home = useRecordHomeService();
  const [mode, setMode] = useState<'run' | 'home' | null>(null);
  const [form] = Form.useForm();
  async function save() {
    const v = (await form.validateFields()) as Record<string, string>;
    try {
      if (mode === 'run') await run.mutateAsync({ id: d.id, body: { reason: v.reason as RunReason, day: v.day, note: v.note ?? '' } });
      else await home.mutateAsync({ id: d.id, body: { kind: v.kind as 'homeService', day: v.day, handledBy: v.handledBy, note: v.note } });
      void message.success('已登记');
      setMode(null);
      form.resetFields();
    } catch (e) {
      void message.error(errorText(e));
    }
  }
  return (
    <Card
      size="small"
      className="app-card"
      title={<span>到场与上门记录：跑动 <b data-testid="runs">{d.runs}</b> 次{d.runs <= 1 ? '（最多跑一次）' : ''}</span>}
      extra={
        canWrite && (
          <Space className="no-print">
            <Button size="small" onClick={() => setMode('run')}>登记到场</Button>
            <Button size="small" onClick={() => setMode('home')}>上门/代办</Button>
          </Space>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={d.visits}
        locale={{ emptyText: '无' }}
        columns={[
          { key: 'day', title: '日期', dataIndex: 'day', width: 100 },
          { key: 'k', title: '类别', render: (_v, v) => (v.kind === 'run' ? `本人到场 · ${runReasonLabels[v.reason as RunReason] ?? v.reason}` : homeServiceKindLabels[v.kind]) },
          { key: 'who', title: '经办/上门人员', dataIndex: 'handledBy', responsive: ['sm'] },
          { key: 'n', title: '内容', dataIndex: 'note', responsive: ['md'] },
        ]}
      />
      <Modal open={!!mode} title={mode === 'run' ? '登记申请人到场' : '登记上门服务或全程代办'} okText="登记" cancelText="取消" onCancel={() => setMode(null)} onOk={() => void save()} confirmLoading={run.isPending || home.isPending}>
        <Form form={form} layout="vertical" initialValues={{ day: todayDay(), reason: 'missingMaterial', kind: 'homeService' }}>
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DayPicker aria-label="日期" maxDay={todayDay()} minDay={d.openedOn} />
          </Form.Item>
          {mode === 'run' ? (
            <Form.Item name="reason" label="到场事由">
              <Radio.Group options={runReasons.filter((r) => r !== 'first').map((r) => ({ value: r, label: runReasonLabels[r] }))} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="kind" label="方式">
                <Radio.Group options={homeServiceKinds.map((k) => ({ value: k, label: homeServiceKindLabels[k] }))} />
              </Form.Item>
              <Form.Item name="handledBy" label="人员" rules={[{ required: true, message: '请填写上门或代办人员' }]}>
                <Input maxLength={60} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label="办理内容" rules={mode === 'home' ? [{ required: true, message: '请填写办理内容' }] : []}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 办理结果通知书 on A4: only on paper (and the preview), after the decision. */
function ResultNotice({ d }: { d: ApplicationDetail }) {
  if (!d.decision) return null;
  return (
    <div className="print-only app-result-notice">
      <div className="print-title">{d.item.resultDocument || '办理结果通知书'}</div>
      <p>{d.recipientName}：</p>
      <p className="app-result-body">
        您于 {d.openedOn} 申请的“{d.item.name}”，经{d.opinions.map((o) => o.unitName).join('、')}逐级审核
        {d.notice ? `，并于 ${d.notice.startDay} 至 ${d.notice.endDay} 公示期满` : ''}，
        {d.decision.approved ? '决定予以批准。' : `决定不予批准。理由：${d.decision.reason}`}
        {d.decision.approved && d.decision.reason ? `（${d.decision.reason}）` : ''}
      </p>
      {!d.decision.approved && <p>如对本决定有异议，可依法申请行政复议或提起行政诉讼。</p>}
      <p className="app-result-sign">
        {d.item.decider || '县级退役军人服务中心'}
        <br />
        {d.decision.day}
      </p>
    </div>
  );
}

export function ApplicationDetailPage() {
  const { id } = useParams();
  const q = useApplication(id);
  const d = q.data;
  const act = useAct(d as ApplicationDetail);
  if (q.isPending) return <Spin />;
  if (q.isError || !d) return <Result status="404" title="未找到该办件" subTitle={q.error ? errorText(q.error) : undefined} extra={<Link to="/applications">返回办件列表</Link>} />;
  const stepItems = [
    ...d.item.steps.map((s, i) => {
      const o = d.opinions.filter((x) => x.stepIndex === i).at(-1);
      return {
        title: s.label,
        description: o ? `${o.unitName} ${o.by} ${o.day}：${o.agree ? '同意' : '不同意'}。${o.text}${o.onTime === false ? '（超期）' : ''}` : (d.stepIndex === i && d.status === 'review' ? `待 ${d.waitingUnitName ?? ''} 出具意见${d.dueDay ? `，时限 ${d.dueDay}` : ''}` : ''),
      };
    }),
    ...(d.item.noticeRequired ? [{ title: '公示', description: d.notice ? `${d.notice.startDay} 至 ${d.notice.endDay}` : '' }] : []),
    { title: '审批决定', description: d.decision ? `${d.decision.approved ? '批准' : '不予批准'}（${d.decision.by} ${d.decision.day}）` : '' },
  ];
  const current = d.decision ? stepItems.length - 1 : d.status === 'notice' ? d.item.steps.length : d.status === 'deciding' ? stepItems.length - 1 : d.stepIndex;
  const stateActions = d.actions.filter((a) => a.name !== 'resolveObjection');
  return (
    <PageShell
      title={`${d.recipientName} · ${d.itemName}`}
      extra={
        <>
          <Link to={`/applications/${d.id}/receipt`}>
            <Button icon={<FileTextOutlined />}>受理回执</Button>
          </Link>
          {d.decision && (
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印结果通知书
            </Button>
          )}
        </>
      }
      className="app-detail"
    >
      <div className="no-print">
        <Space wrap style={{ marginBottom: 12 }}>
          <ApplicationStatusTag a={d} />
          {d.registrationNo && <span className="mono">编号 {d.registrationNo}</span>}
          {d.source === 'online' && <Tag color="blue">网上申请</Tag>}
          <span>受理 {d.openedOn}</span>
          <span>{d.orgUnitName}</span>
          {d.waitingUnitName && <span>待办单位：{d.waitingUnitName}</span>}
          {d.dueDay && <span>环节时限 {d.dueDay}</span>}
          <Link to={`/recipients/${d.recipientId}`}>查看服务对象</Link>
        </Space>
        {d.recipientStatus !== 'registered' && !d.decision && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={<span>申请人的信息采集尚在办理中（采集中）：各环节可以办理，信息采集经县级审核入库后才能批准。<Link to={`/recipients/${d.recipientId}`}>去完善信息采集</Link></span>}
          />
        )}
        {d.status === 'returned' && d.missingTold.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`已一次性告知所缺材料：${d.missingTold.join('、')}`} />}
        {d.decision && <Alert type={d.decision.approved ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} title={d.decision.approved ? `已批准（${d.decision.day}）` : `不予批准（${d.decision.day}）：${d.decision.reason}`} />}
        <Card size="small" className="app-card" title="办理环节">
          <Steps direction="vertical" size="small" current={current} items={stepItems} />
        </Card>
        {stateActions.length > 0 && (
          <Card size="small" className="app-card app-actions" title="办理">
            <Space direction="vertical" style={{ width: '100%' }} size="large">
              {stateActions.map((a) => (
                <ActionForm key={a.name} d={d} name={a.name} label={a.label} act={act} />
              ))}
            </Space>
          </Card>
        )}
        <NoticeCard d={d} act={act} />
        <ApplicationMaterials d={d} />
        <VisitsCard d={d} />
        <Card size="small" className="app-card" title="办理记录">
          <CaseTimeline log={d.log} />
        </Card>
      </div>
      <ResultNotice d={d} />
    </PageShell>
  );
}
