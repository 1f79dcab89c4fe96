// 工作制度 module (Chapter 2 §5–§13, §34): what the unit owes this period and by when, recording a
// meeting / training / review / report, the upper level's reporting rate per child with drill-down,
// and the ledgers' responsible persons (§10).
import { useState } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { owedStateLabels, recordKindLabels, type ObligationRecordKind, type OwedItem, type ReportingRow } from '../../../shared/schemas/obligations';
import { orgLevelLabels, type OrgLevel } from '../../../shared/schemas/org-units';
import { periodLabel, periodOf, type PeriodKind } from '../../../shared/rules/periods';
import { previousPeriod } from '../../../shared/rules/obligation-periods';
import { useCreateObligationRecord, useObligationDefs, useObligationRecord, useOwed, useReporting, useResponsibles, useSetResponsible, useUpdateObligationRecord } from '../../api/obligations';
import { PageShell } from '../../components/page-shell';
import { CaseFileList, FilePicker } from '../../components/case-files';
import { NotFoundPage } from '../not-found-page';
import './obligations.css';

const tabs = [
  { value: '/obligations', label: '本单位应履行' },
  { value: '/obligations/reporting', label: '下级报送情况' },
  { value: '/obligations/responsibles', label: '台账责任人' },
];

function Nav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = tabs.slice().reverse().find((t) => pathname.startsWith(t.value))?.value ?? '/obligations';
  return <Segmented style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }} options={tabs} value={current} onChange={(v) => navigate(String(v))} />;
}

const stateColor: Record<OwedItem['state'], string> = { owed: 'blue', onTime: 'green', late: 'orange' };

function OwedPage() {
  const q = useOwed();
  return (
    <PageShell title="工作制度" subtitle={q.data ? `${q.data.orgUnitName}　今天 ${q.data.today}` : undefined}>
      <Nav />
      <Table<OwedItem>
        size="small"
        loading={q.isLoading}
        rowKey={(i) => `${i.definitionId}:${i.period}`}
        pagination={false}
        dataSource={q.data?.items ?? []}
        data-testid="owed-table"
        columns={[
          {
            key: 'n',
            title: '工作制度',
            render: (_v, i) => (
              <span>
                {i.definitionName}
                <Typography.Text type="secondary">（{i.basis}）</Typography.Text>
                {/* on a phone the period and the due day ride under the name: their own columns are hidden */}
                <Typography.Text type="secondary" className="owed-when">
                  <br />
                  {i.periodLabel} · {i.dueDay} 前
                </Typography.Text>
              </span>
            ),
          },
          { key: 'p', title: '期间', dataIndex: 'periodLabel', responsive: ['md'] },
          { key: 'd', title: '到期日', dataIndex: 'dueDay', responsive: ['md'] },
          {
            key: 's',
            title: '情况',
            render: (_v, i) => (
              <Space size={4} wrap>
                <Tag color={stateColor[i.state]}>{owedStateLabels[i.state]}</Tag>
                {i.overdue && <Tag color="red">已逾期</Tag>}
                {i.dueSoon && <Tag color="gold">即将到期</Tag>}
              </Space>
            ),
          },
          {
            key: 'a',
            title: '操作',
            render: (_v, i) =>
              i.recordKind === 'disputeSummary' ? (
                <Link to="/disputes/summary">{i.state === 'owed' ? '去上报月报' : '查看月报'}</Link>
              ) : i.recordKind === 'summary' ? (
                <Link to={`/summaries?halfYear=${encodeURIComponent(i.period)}`}>{i.state === 'owed' ? '去提交工作总结' : '查看工作总结'}</Link>
              ) : i.recordId ? (
                <Link to={`/obligations/record?id=${i.recordId}`}>查看记录</Link>
              ) : (
                <Link to={`/obligations/record?definitionId=${encodeURIComponent(i.definitionId)}&period=${encodeURIComponent(i.period)}`}>登记{recordKindLabels[i.recordKind]}</Link>
              ),
          },
        ]}
      />
    </PageShell>
  );
}

type FormValues = { heldOn?: dayjs.Dayjs; attendees?: string; topics?: string; minutes?: string; course?: string; trainer?: string; hours?: number | null; decisions?: string; body?: string; files?: unknown[] };

function RecordPage() {
  const [params] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const existing = useObligationRecord(id);
  const defs = useObligationDefs();
  const owed = useOwed();
  const create = useCreateObligationRecord();
  const update = useUpdateObligationRecord(id ?? '');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const r = existing.data;
  const definitionId = r?.definitionId ?? params.get('definitionId') ?? '';
  const period = r?.period ?? params.get('period') ?? '';
  const def = defs.data?.items.find((d) => d.id === definitionId);
  const kind: ObligationRecordKind | undefined = r?.recordKind ?? def?.recordKind;
  const readOnly = !!r && !r.canEdit;
  if (id && !r) return <PageShell title="履行记录">{existing.isError ? '未找到该记录' : '正在加载…'}</PageShell>;
  if (!kind) return <PageShell title="登记履行记录">{defs.isLoading ? '正在加载…' : '未找到该工作制度'}</PageShell>;
  const onFinish = async (v: FormValues) => {
    const body = {
      heldOn: v.heldOn?.format('YYYY-MM-DD'),
      attendees: v.attendees ?? '',
      topics: v.topics ?? '',
      minutes: v.minutes ?? '',
      course: v.course ?? '',
      trainer: v.trainer ?? '',
      hours: v.hours ?? null,
      decisions: v.decisions ?? '',
      body: v.body ?? '',
      files: v.files ?? [],
    };
    const saved = r ? await update.mutateAsync({ ...body, version: r.version }) : await create.mutateAsync({ ...body, definitionId, period, orgUnitId: owed.data?.orgUnitId });
    message.success(saved.onTime ? '已登记（按时）' : '已登记（逾期）');
    navigate('/obligations');
  };
  const title = `${r?.definitionName ?? def?.name ?? ''}　${periodLabel(period)}`;
  return (
    <PageShell title={title} subtitle={r ? `${r.orgUnitName}　到期日 ${r.dueDay}　登记于 ${r.recordedOn}（${r.onTime ? '按时' : '逾期'}）　${r.canEdit ? `${r.lockedOn} 前可修改` : '已锁定或不可修改'}` : def?.note}>
      <Card size="small" style={{ maxWidth: 720 }}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          disabled={readOnly}
          initialValues={r ? { ...r, heldOn: dayjs(r.heldOn), files: [] } : { heldOn: dayjs(), files: [] }}
          onFinish={(v) => void onFinish(v).catch(() => undefined)}
        >
          <Form.Item name="heldOn" label={kind === 'report' ? '报告日期' : kind === 'summary' ? '提交日期' : kind === 'training' ? '培训日期' : '会议日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {(kind === 'meeting' || kind === 'training' || kind === 'review') && (
            <Form.Item name="attendees" label={kind === 'training' ? '参训人员' : '参会人员'} rules={kind === 'review' ? [] : [{ required: true, message: '请填写' }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
          {(kind === 'meeting' || kind === 'review') && (
            <Form.Item name="topics" label={kind === 'review' ? '研究的问题' : '会议议题'} rules={[{ required: true, message: '请填写' }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
          {kind === 'meeting' && (
            <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, message: '请填写会议纪要' }]}>
              <Input.TextArea autoSize={{ minRows: 4 }} />
            </Form.Item>
          )}
          {kind === 'training' && (
            <>
              <Form.Item name="course" label="培训内容" rules={[{ required: true, message: '请填写' }]}>
                <Input />
              </Form.Item>
              <Space wrap>
                <Form.Item name="trainer" label="授课人" rules={[{ required: true, message: '请填写' }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写' }]}>
                  <InputNumber min={0.5} max={200} step={0.5} />
                </Form.Item>
              </Space>
            </>
          )}
          {kind === 'review' && (
            <Form.Item name="decisions" label="研究决定（责任人与时限）" rules={[{ required: true, message: '请填写' }]}>
              <Input.TextArea autoSize={{ minRows: 4 }} />
            </Form.Item>
          )}
          {kind === 'summary' && (
            <Form.Item name="body" label="情况">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          )}
          {kind === 'report' && (
            <Form.Item name="body" label="报告内容" rules={[{ required: true, message: '请填写报告内容' }]}>
              <Input.TextArea autoSize={{ minRows: 6 }} />
            </Form.Item>
          )}
          {r && r.files.length > 0 && <CaseFileList files={r.files} base={`/api/obligations/records/${r.id}/files`} />}
          {!readOnly && (
            <Form.Item name="files" label={kind === 'meeting' || kind === 'training' ? '照片（可选）' : '附件（可选）'}>
              <FilePicker testId="obligation-files" />
            </Form.Item>
          )}
          {!readOnly && (
            <Space>
              <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
                保存
              </Button>
              <Button onClick={() => navigate('/obligations')}>返回</Button>
            </Space>
          )}
        </Form>
      </Card>
    </PageShell>
  );
}

function ReportingPage() {
  const defs = useObligationDefs();
  const [params, setParams] = useSearchParams();
  const definitionId = params.get('definitionId') ?? defs.data?.items.find((d) => d.active)?.id;
  const def = defs.data?.items.find((d) => d.id === definitionId);
  const today = dayjs().format('YYYY-MM-DD');
  const period = params.get('period') ?? (def ? previousPeriod(periodOf(today, def.periodKind as PeriodKind)) : '');
  const orgUnitId = params.get('orgUnitId') ?? undefined;
  const q = useReporting(definitionId, period, orgUnitId);
  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'definitionId') next.delete('period');
    setParams(next);
  };
  const periods = def ? Array.from({ length: 12 }).reduce<string[]>((acc) => [...acc, acc.length ? previousPeriod(acc[acc.length - 1]) : periodOf(today, def.periodKind as PeriodKind)], []) : [];
  const d = q.data;
  return (
    <PageShell title="下级报送情况" subtitle={d ? `${d.orgUnitName}　${d.periodLabel}　到期日 ${d.dueDay}` : undefined}>
      <Nav />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="工作制度" style={{ width: 280, maxWidth: '100%' }} value={definitionId} onChange={(v) => setParam('definitionId', v)} options={(defs.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${orgLevelLabels[x.level as OrgLevel]}）` }))} />
        <Select aria-label="期间" style={{ width: 160 }} value={period} onChange={(v) => setParam('period', v)} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
        {orgUnitId && <Button onClick={() => setParam('orgUnitId', undefined)}>返回本单位</Button>}
      </Space>
      {d && (
        <Descriptions size="small" column={{ xs: 2, sm: 5 }} style={{ marginBottom: 12 }} data-testid="reporting-total">
          <Descriptions.Item label="应报">{d.total.expected}</Descriptions.Item>
          <Descriptions.Item label="按时">{d.total.onTime}</Descriptions.Item>
          <Descriptions.Item label="逾期">{d.total.late}</Descriptions.Item>
          <Descriptions.Item label="未报">{d.total.missing}</Descriptions.Item>
          <Descriptions.Item label="报送率">{d.total.rate === null ? '—' : `${d.total.rate}%`}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<ReportingRow>
        size="small"
        rowKey="orgUnitId"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={d?.children ?? []}
        data-testid="reporting-table"
        columns={[
          {
            key: 'u',
            title: '单位',
            render: (_v, c) => (c.level === def?.level ? c.orgUnitName : <a onClick={() => setParam('orgUnitId', c.orgUnitId)}>{c.orgUnitName}</a>),
          },
          {
            key: 's',
            title: '情况',
            render: (_v, c) =>
              c.level === def?.level ? (
                c.onTime ? <Tag color="green">按时</Tag> : c.late ? <Tag color="orange">逾期</Tag> : <Tag color="red">未报</Tag>
              ) : (
                <span>按时 {c.onTime}　逾期 {c.late}　未报 {c.missing}</span>
              ),
          },
          { key: 'r', title: '报送率', render: (_v, c) => (c.rate === null ? '—' : `${c.rate}%`) },
          { key: 'o', title: '按时率', render: (_v, c) => (c.onTimeRate === null ? '—' : `${c.onTimeRate}%`), responsive: ['sm'] },
          { key: 'd', title: '登记日期', render: (_v, c) => (c.recordId ? <Link to={`/obligations/record?id=${c.recordId}`}>{c.recordedOn}</Link> : (c.recordedOn ?? '')) },
        ]}
      />
    </PageShell>
  );
}

function ResponsiblesPage() {
  const q = useResponsibles();
  const set = useSetResponsible();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const data = q.data;
  return (
    <PageShell title="台账责任人" subtitle={data ? `${data.orgUnitName}　各类台账指定专人负责（第十条）；导出的台账均注明责任人` : undefined}>
      <Nav />
      <Table
        size="small"
        rowKey="ledger"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data?.items ?? []}
        columns={[
          { key: 'l', title: '台账', dataIndex: 'ledger' },
          {
            key: 'p',
            title: '责任人',
            render: (_v, i) =>
              editing === i.ledger ? (
                <Space wrap>
                  <Input aria-label="责任人姓名" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 110 }} />
                  <Input aria-label="联系电话" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="联系电话" style={{ width: 140 }} />
                  <Button
                    type="primary"
                    size="small"
                    loading={set.isPending}
                    onClick={() =>
                      void set
                        .mutateAsync({ orgUnitId: data?.orgUnitId, ledger: i.ledger, personName: name, phone, version: i.version })
                        .then(() => {
                          message.success('已指定');
                          setEditing(null);
                        })
                        .catch(() => undefined)
                    }
                  >
                    保存
                  </Button>
                  <Button size="small" onClick={() => setEditing(null)}>
                    取消
                  </Button>
                </Space>
              ) : (
                <span>{i.personName ? `${i.personName}${i.phone ? `（${i.phone}）` : ''}` : <Typography.Text type="secondary">未指定</Typography.Text>}</span>
              ),
          },
          {
            key: 'a',
            title: '操作',
            render: (_v, i) =>
              data?.canSet && editing !== i.ledger ? (
                <a
                  onClick={() => {
                    setEditing(i.ledger);
                    setName(i.personName ?? '');
                    setPhone(i.phone ?? '');
                  }}
                >
                  {i.personName ? '更换' : '指定'}
                </a>
              ) : null,
          },
        ]}
      />
    </PageShell>
  );
}

export function ObligationsModule() {
  return (
    <Routes>
      <Route index element={<OwedPage />} />
      <Route path="record" element={<RecordPage />} />
      <Route path="reporting" element={<ReportingPage />} />
      <Route path="responsibles" element={<ResponsiblesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
