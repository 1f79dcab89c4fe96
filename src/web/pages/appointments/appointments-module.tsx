// 预约办理 (staff, §44): the day's list of the unit and the units in range (works on a phone:
// cards with 确认 / 办结 / 未到场 / 取消), the ledger (filter, sort, page, .xlsx export), and the
// unit's weekly schedule and closures (kept by a unit head or a reviewer; shown to everyone).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { appointmentStatuses, appointmentStatusLabels, weekdayLabels, type AppointmentDto, type AppointmentStatus, type ScheduleDto } from '../../../shared/schemas/appointments';
import { shanghaiDay } from '../../../shared/rules/dates';
import { shiftDay } from '../../../shared/rules/calendar';
import { useAddClosure, useAppointmentAction, useAppointmentStats, useAppointments, useClosures, useDayList, useRemoveClosure, useSaveSchedule, useSchedule, type StaffAction } from '../../api/appointments';
import { buildQuery } from '../../api/client';
import { downloadLedger } from '../../api/ledgers';
import { DayPicker } from '../../components/day-picker';
import { LedgerResponsible } from '../../components/ledger-responsible';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { CompleteBookingModal } from './complete-booking';
import './appointments.css';

const statusColors: Record<AppointmentStatus, string> = { booked: 'blue', confirmed: 'green', completed: 'default', noShow: 'orange', cancelled: 'default' };

export function AppointmentsModule() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'day';
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  return (
    <PageShell title="预约办理" subtitle="网上预约的当日名单、确认与办结；预约时段与暂停预约">
      <Flex gap={8} wrap align="center" className="ap-unit-bar">
        <span className="muted">单位</span>
        <OrgUnitSelect value={unitId} onChange={(id) => setUnitId(id)} allowClear placeholder="本单位及辖区" style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 360 }} aria-label="单位" />
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'day', label: '当日预约', children: <DayTab unitId={unitId} /> },
          { key: 'ledger', label: '预约台账', children: <LedgerTab unitId={unitId} /> },
          { key: 'schedule', label: '时段设置', children: <ScheduleTab unitId={unitId} /> },
        ]}
      />
    </PageShell>
  );
}

// ---- the day list ----

function ActionButtons({ a }: { a: AppointmentDto }) {
  const act = useAppointmentAction();
  const { message } = App.useApp();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [completeOpen, setCompleteOpen] = useState(false);
  const [text, setText] = useState('');
  const canWrite = useCan('services:write');
  if (!canWrite || (a.status !== 'booked' && a.status !== 'confirmed')) return null;
  const run = (action: StaffAction, extra: { comment?: string; applicationId?: string | null } = {}, done = '') =>
    act.mutate({ id: a.id, action, version: a.version, ...extra }, { onSuccess: () => void message.success(done || '已保存') });
  const today = shanghaiDay(new Date());
  return (
    <Space wrap size={6}>
      {a.status === 'booked' && (
        <Button size="small" type="primary" loading={act.isPending} onClick={() => run('confirm', {}, '已确认')}>
          确认
        </Button>
      )}
      <Button size="small" onClick={() => setCompleteOpen(true)}>
        办结
      </Button>
      {a.day <= today && (
        <Popconfirm title="登记为未到场？" okText="未到场" cancelText="返回" onConfirm={() => run('no-show', {}, '已登记未到场')}>
          <Button size="small">未到场</Button>
        </Popconfirm>
      )}
      <Button size="small" danger onClick={() => (setText(''), setCancelOpen(true))}>
        取消
      </Button>
      <Modal title="取消预约" open={cancelOpen} okText="取消预约" cancelText="返回" okButtonProps={{ danger: true, disabled: !text.trim(), loading: act.isPending }} onCancel={() => setCancelOpen(false)} onOk={() => run('cancel', { comment: text.trim() }, '已取消')}>
        <Input.TextArea rows={3} maxLength={200} placeholder="取消原因（必填），如：本人来电改期" value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
      {completeOpen && (
        <CompleteBookingModal a={a} open={completeOpen} busy={act.isPending} onCancel={() => setCompleteOpen(false)} onDone={(applicationId) => (run('complete', { applicationId }, '已办结'), setCompleteOpen(false))} />
      )}
    </Space>
  );
}

function DayTab({ unitId }: { unitId?: string }) {
  const [params] = useSearchParams();
  const [day, setDay] = useState(() => (/^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day')! : shanghaiDay(new Date())));
  const q = useDayList(day, unitId);
  const open = q.data?.items.filter((a) => a.status === 'booked' || a.status === 'confirmed').length ?? 0;
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Button onClick={() => setDay(shiftDay(day, -1))}>前一天</Button>
        <DayPicker style={{ width: 150 }} value={day} onChange={(v) => v && setDay(v)} aria-label="日期" />
        <Button onClick={() => setDay(shiftDay(day, 1))}>后一天</Button>
        <span className="muted">
          共 {q.data?.items.length ?? 0} 人，待办 {open} 人
        </span>
      </Flex>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon title={q.error.message} />
      ) : q.data.items.length === 0 ? (
        <Empty description="当日没有预约" />
      ) : (
        <div className="ap-day-list">
          {q.data.items.map((a) => (
            <Card key={a.id} size="small" className="ap-card" data-testid="day-item">
              <Flex justify="space-between" align="start" gap={8}>
                <div>
                  <div className="ap-time">
                    {a.start}–{a.end}
                  </div>
                  <div className="ap-person">
                    {a.personName} <span className="muted">{a.phoneMasked}</span>
                  </div>
                </div>
                <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag>
              </Flex>
              <div className="ap-item">{a.itemName}</div>
              <div className="muted ap-meta">
                {a.orgUnitName}
                {a.note ? ` · 备注：${a.note}` : ''}
                {a.applicationId && (
                  <>
                    {' · '}
                    <Link to={`/applications/${a.applicationId}`}>查看关联办件</Link>
                  </>
                )}
              </div>
              <div style={{ marginTop: 8 }}>
                <ActionButtons a={a} />
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

// ---- the ledger ----

type LedgerFilter = { from?: string; to?: string; status?: AppointmentStatus; sort: 'day' | '-day' | 'unit' | 'status' };

function LedgerTab({ unitId }: { unitId?: string }) {
  const [f, setF] = useState<LedgerFilter>({ sort: '-day' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { message } = App.useApp();
  const query = { orgUnitId: unitId, from: f.from, to: f.to, status: f.status };
  const q = useAppointments({ ...query, sort: f.sort, page, pageSize });
  const set = (p: Partial<LedgerFilter>) => (setF({ ...f, ...p }), setPage(1));
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <DayPicker style={{ width: 150 }} value={f.from ?? null} onChange={(v) => set({ from: v ?? undefined })} placeholder="开始日期" aria-label="开始日期" />
        <DayPicker style={{ width: 150 }} value={f.to ?? null} onChange={(v) => set({ to: v ?? undefined })} placeholder="结束日期" aria-label="结束日期" />
        <Select allowClear placeholder="状态" style={{ width: 120 }} value={f.status} onChange={(v) => set({ status: v })} options={appointmentStatuses.map((s) => ({ value: s, label: appointmentStatusLabels[s] }))} />
        <Select style={{ width: 140 }} value={f.sort} onChange={(v) => set({ sort: v })} options={[{ value: '-day', label: '日期从近到远' }, { value: 'day', label: '日期从远到近' }, { value: 'unit', label: '按单位' }, { value: 'status', label: '按状态' }]} />
        <Button
          icon={<FileExcelOutlined />}
          onClick={async () => {
            try {
              const name = await downloadLedger(`/api/ledgers/appointments${buildQuery(query)}`, '预约办理台账.xlsx');
              void message.success(`已导出：${name}`);
            } catch (e) {
              void message.error((e as Error).message);
            }
          }}
        >
          导出台账
        </Button>
        <LedgerResponsible ledger="预约办理台账" orgUnitId={unitId} />
      </Flex>
      {q.isError && <Alert type="error" showIcon title={q.error.message} />}
      <StatsCard unitId={unitId} from={f.from} to={f.to} />
      <Table<AppointmentDto>
        className="ap-ledger"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 760 }}
        pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => (setPage(p), setPageSize(s)), showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '时段', key: 'time', width: 110, render: (_, a) => `${a.start}–${a.end}` },
          { title: '单位', dataIndex: 'orgUnitName', width: 140 },
          { title: '预约人', dataIndex: 'personName', width: 90 },
          { title: '电话', dataIndex: 'phoneMasked', width: 120 },
          { title: '服务事项', dataIndex: 'itemName' },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: AppointmentStatus) => <Tag color={statusColors[s]}>{appointmentStatusLabels[s]}</Tag> },
        ]}
      />
    </>
  );
}

/** Bookings and no-shows per unit below the chosen one, for the ledger's period (default: 30 days either side of today: bookings lie ahead). */
function StatsCard({ unitId, from, to }: { unitId?: string; from?: string; to?: string }) {
  const today = shanghaiDay(new Date());
  const to2 = to ?? shiftDay(from && from > today ? from : today, 30);
  const period = { from: from ?? shiftDay(to2 < today ? to2 : today, -30), to: to2 };
  const q = useAppointmentStats({ orgUnitId: unitId, ...period });
  if (!q.data) return null;
  const rows = q.data.rows.filter((r) => r.bookings > 0);
  return (
    <Card size="small" className="ap-stats" title={`预约统计（${period.from} 至 ${period.to}）`} style={{ marginBottom: 12 }}>
      <Flex gap={24} wrap style={{ marginBottom: rows.length ? 8 : 0 }}>
        <span>预约 <b>{q.data.total.bookings}</b></span>
        <span>办结 <b>{q.data.total.completed}</b></span>
        <span>未到场 <b>{q.data.total.noShows}</b></span>
        <span>取消 <b>{q.data.total.cancelled}</b></span>
        <span className="muted">未到场率 {q.data.total.bookings ? `${Math.round((q.data.total.noShows / q.data.total.bookings) * 100)}%` : '—'}</span>
      </Flex>
      {rows.length > 0 && (
        <Table
          rowKey="orgUnitId"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '单位', dataIndex: 'orgUnitName' },
            { title: '预约', dataIndex: 'bookings', width: 70, align: 'right' },
            { title: '办结', dataIndex: 'completed', width: 70, align: 'right' },
            { title: '未到场', dataIndex: 'noShows', width: 70, align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

// ---- the schedule and closures ----

type Range = ScheduleDto['ranges'][number];

function ScheduleEditor({ s, unitId }: { s: ScheduleDto; unitId: string }) {
  const [slotMinutes, setSlotMinutes] = useState(s.slotMinutes);
  const [capacity, setCapacity] = useState(s.capacity);
  const [ranges, setRanges] = useState<Range[]>(s.ranges);
  const save = useSaveSchedule();
  const { message } = App.useApp();
  const edit = s.canEdit;
  const setRange = (i: number, p: Partial<Range>) => setRanges(ranges.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <Card size="small" title="每周预约时段" className="ap-schedule">
      <div className="muted" style={{ marginBottom: 10 }}>
        公开页面的办公时间：{s.officeHours || '未填写'}（在“组织机构”中修改；周末、法定节假日按国家日历不开放，调休上班日按周一时段开放）
      </div>
      <Flex gap={16} wrap style={{ marginBottom: 12 }}>
        <label>
          每段 <InputNumber min={10} max={240} step={5} value={slotMinutes} disabled={!edit} onChange={(v) => setSlotMinutes(v ?? 30)} aria-label="每段分钟数" /> 分钟
        </label>
        <label>
          每段可约 <InputNumber min={1} max={50} value={capacity} disabled={!edit} onChange={(v) => setCapacity(v ?? 1)} aria-label="每段可约人数" /> 人
        </label>
      </Flex>
      {[1, 2, 3, 4, 5].map((wd) => (
        <Flex key={wd} gap={8} wrap align="center" className="ap-weekday">
          <span className="ap-weekday-label">{weekdayLabels[wd]}</span>
          {ranges.map((r, i) =>
            r.weekday !== wd ? null : (
              <Space key={i} size={4} className="ap-range">
                <input type="time" className="ap-time-input" value={r.start} disabled={!edit} onChange={(e) => setRange(i, { start: e.target.value })} aria-label={`${weekdayLabels[wd]}开始`} />
                –
                <input type="time" className="ap-time-input" value={r.end} disabled={!edit} onChange={(e) => setRange(i, { end: e.target.value })} aria-label={`${weekdayLabels[wd]}结束`} />
                {edit && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除时间段" onClick={() => setRanges(ranges.filter((_, j) => j !== i))} />}
              </Space>
            ),
          )}
          {!ranges.some((r) => r.weekday === wd) && <span className="muted">不开放</span>}
          {edit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setRanges([...ranges, { weekday: wd, start: ranges.some((r) => r.weekday === wd) ? '14:00' : '09:00', end: ranges.some((r) => r.weekday === wd) ? '17:00' : '11:30' }])}>
              时间段
            </Button>
          )}
        </Flex>
      ))}
      {edit ? (
        <Space style={{ marginTop: 12 }} wrap>
          <Button onClick={() => setRanges([1, 2, 3, 4, 5].flatMap((weekday) => [ { weekday, start: '09:00', end: '11:30' }, { weekday, start: '14:00', end: '17:00' } ]))}>按工作日上午、下午填入</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => save.mutate({ orgUnitId: unitId, body: { slotMinutes, capacity, ranges, version: s.version } }, { onSuccess: () => void message.success('预约时段已保存') })}
          >
            保存时段
          </Button>
        </Space>
      ) : (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title="预约时段由单位负责人或审核人员设置" />
      )}
      {save.isError && <Alert style={{ marginTop: 10 }} type="error" showIcon title={save.error.message} />}
    </Card>
  );
}

function Closures({ unitId, canEdit }: { unitId: string; canEdit: boolean }) {
  const q = useClosures(unitId);
  const add = useAddClosure();
  const remove = useRemoveClosure();
  const [form] = Form.useForm<{ from: string; to: string; reason: string }>();
  const { message } = App.useApp();
  return (
    <Card size="small" title="暂停预约" style={{ marginTop: 12 }}>
      {q.data?.items.length ? (
        q.data.items.map((c) => (
          <Flex key={c.id} justify="space-between" align="center" className="ap-closure">
            <span>
              {c.from === c.to ? c.from : `${c.from} 至 ${c.to}`}：{c.reason}
            </span>
            {canEdit && (
              <Popconfirm title="撤销这次暂停预约？" okText="撤销" cancelText="返回" onConfirm={() => remove.mutate(c.id)}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="撤销" />
              </Popconfirm>
            )}
          </Flex>
        ))
      ) : (
        <div className="muted">今后没有暂停预约的日期</div>
      )}
      {canEdit && (
        <Form form={form} layout="inline" className="ap-closure-form" onFinish={(v) => add.mutate({ orgUnitId: unitId, body: v }, { onSuccess: () => (form.resetFields(), void message.success('已登记暂停预约')) })}>
          <Form.Item name="from" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DayPicker style={{ width: 150 }} placeholder="开始日期" aria-label="暂停开始日期" />
          </Form.Item>
          <Form.Item name="to" rules={[{ required: true, message: '请选择结束日期' }]}>
            <DayPicker style={{ width: 150 }} placeholder="结束日期" aria-label="暂停结束日期" />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, message: '请填写原因' }]}>
            <Input maxLength={100} placeholder="原因，如：集中培训" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            登记暂停
          </Button>
        </Form>
      )}
      {add.isError && <Alert style={{ marginTop: 10 }} type="error" showIcon title={add.error.message} />}
    </Card>
  );
}

function ScheduleTab({ unitId }: { unitId?: string }) {
  const q = useSchedule(unitId);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{q.data.orgUnitName}：{q.data.version === 0 ? '尚未设置预约时段，群众暂不能网上预约。' : `已设置，最近修改 ${q.data.updatedAt?.slice(0, 10)}`}</Typography.Paragraph>
      <ScheduleEditor key={`${q.data.orgUnitId}-${q.data.version}`} s={q.data} unitId={q.data.orgUnitId} />
      <Closures unitId={q.data.orgUnitId} canEdit={q.data.canEdit} />
    </>
  );
}
