// 预约办理 on a phone (§44): choose the item → see the materials to bring (一次性告知) → choose an
// open day and slot → confirm. Then 我的预约 lists the bookings with cancel.
import { useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert, App, Button, Empty, Input, Popconfirm, Result, Skeleton, Tag } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { weekdayLabels, type BookableItemDto, type PublicAppointmentDto } from '../../../shared/schemas/appointments';
import { materialFormLabels, type MaterialForm } from '../../../shared/schemas/service-items';
import { useBook, useBookableItems, useCancelOwn, useMyAppointments, usePublicSlots } from '../../api/appointments';
import { usePublicMe } from '../../api/public-accounts';
import { usePageTitle } from '../../components/page-shell';
import { PublicAccountBar } from './public-account-login-page';
import './appointments-public.css';

function useSignedIn(): { ready: boolean; redirect: string | null } {
  const me = usePublicMe();
  const location = useLocation();
  if (me.isPending) return { ready: false, redirect: null };
  if (!me.data) return { ready: false, redirect: `/public/account/login?next=${encodeURIComponent(location.pathname)}` };
  return { ready: true, redirect: null };
}

const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function MaterialList({ materials }: { materials: BookableItemDto['materials'] }) {
  if (materials.length === 0) return <div className="muted">该事项未列出材料，请电话咨询。</div>;
  return (
    <ol className="ap-materials">
      {materials.map((m, i) => (
        <li key={i}>
          <span className="ap-material-name">{m.name}</span>
          <span className="muted">
            {' '}
            {materialFormLabels[m.form as MaterialForm] ?? m.form} {m.count} 份{m.required ? '' : '（如有）'}
          </span>
          {m.note && <div className="muted ap-note">{m.note}</div>}
        </li>
      ))}
    </ol>
  );
}

export function AppointmentBookPage() {
  usePageTitle('预约办理');
  const { id } = useParams();
  const auth = useSignedIn();
  const items = useBookableItems(id);
  const slots = usePublicSlots(id);
  const book = useBook();
  const [itemId, setItemId] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<PublicAppointmentDto | null>(null);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (!auth.ready || items.isPending || slots.isPending) return <Skeleton active />;
  if (items.isError || slots.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={(items.error ?? slots.error)?.message} />;
  const item = items.data.items.find((i) => i.id === itemId) ?? null;
  const openDays = slots.data.days.filter((d) => d.slots.some((s) => s.left > 0));
  const chosenDay = slots.data.days.find((d) => d.day === day) ?? null;

  if (done) {
    return (
      <>
        <PublicAccountBar />
        <div className="public-block">
          <Result
            status="success"
            title="预约成功"
            subTitle={`${done.unitName} · ${done.itemName}`}
            extra={
              <Link to="/public/appointments">
                <Button type="primary">查看我的预约</Button>
              </Link>
            }
          >
            <div className="ap-done" data-testid="booked">
              {shortDay(done.day)}（{weekdayLabels[new Date(`${done.day}T00:00:00Z`).getUTCDay() || 7]}）{done.start}–{done.end}
            </div>
            <div className="pp-hint">请按时前往，并带齐下列材料：</div>
            {item && <MaterialList materials={item.materials} />}
          </Result>
        </div>
      </>
    );
  }

  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">
        <Link to={`/public/units/${encodeURIComponent(id!)}`}>{slots.data.orgUnitName}</Link> / 预约办理
      </div>
      <div className="public-section-title">1. 选择办理事项</div>
      <div className="public-block ap-items">
        {items.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该单位暂无可预约的事项" />
        ) : (
          items.data.items.map((i) => (
            <button type="button" key={i.id} className={`ap-choice${i.id === itemId ? ' active' : ''}`} onClick={() => setItemId(i.id)} data-testid="item-choice">
              {i.id === itemId && <CheckCircleFilled className="ap-check" />}
              {i.name}
            </button>
          ))
        )}
      </div>
      {item && (
        <>
          <div className="public-section-title">请带齐以下材料（一次性告知）</div>
          <div className="public-block" data-testid="materials">
            <MaterialList materials={item.materials} />
          </div>
          <div className="public-section-title">2. 选择日期和时段</div>
          <div className="public-block">
            {openDays.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有可预约的时段" />
            ) : (
              <>
                <div className="ap-days">
                  {slots.data.days.map((d) => {
                    const left = d.slots.reduce((n, s) => n + s.left, 0);
                    return (
                      <button
                        type="button"
                        key={d.day}
                        disabled={left === 0}
                        className={`ap-day${d.day === day ? ' active' : ''}`}
                        onClick={() => {
                          setDay(d.day);
                          setStart(null);
                        }}
                        data-testid="day-choice"
                        data-day={d.day}
                      >
                        <div className="ap-day-date">{shortDay(d.day)}</div>
                        <div className="ap-day-sub">{weekdayLabels[d.weekday]}</div>
                        <div className="ap-day-sub">{left > 0 ? `余 ${left}` : d.closed ? (d.closed.startsWith('暂停') ? '暂停' : d.closed === '法定节假日' ? '节假日' : '休息') : '约满'}</div>
                      </button>
                    );
                  })}
                </div>
                {chosenDay?.closed && <Alert type="info" showIcon title={chosenDay.closed} />}
                {chosenDay && !chosenDay.closed && (
                  <div className="ap-slots">
                    {chosenDay.slots.map((s) => (
                      <button type="button" key={s.start} disabled={s.left === 0} className={`ap-slot${s.start === start ? ' active' : ''}`} onClick={() => setStart(s.start)} data-testid="slot-choice">
                        <div>
                          {s.start}–{s.end}
                        </div>
                        <div className="ap-day-sub">{s.left > 0 ? `余 ${s.left} 个` : '已约满'}</div>
                      </button>
                    ))}
                  </div>
                )}
              </>
            )}
          </div>
          <div className="public-section-title">3. 确认预约</div>
          <div className="public-block">
            <Input.TextArea rows={2} maxLength={200} placeholder="备注（选填）：如需要无障碍协助" value={note} onChange={(e) => setNote(e.target.value)} />
            {book.isError && <Alert style={{ marginTop: 10 }} type="error" showIcon title={book.error.message} />}
            <Button
              type="primary"
              block
              size="large"
              style={{ marginTop: 12 }}
              disabled={!day || !start}
              loading={book.isPending}
              onClick={() => book.mutate({ orgUnitId: id!, itemId: item.id, day: day!, start: start!, note }, { onSuccess: (r) => setDone(r) })}
            >
              {day && start ? `确认预约 ${shortDay(day)} ${start}` : '请选择日期和时段'}
            </Button>
          </div>
        </>
      )}
    </>
  );
}

const statusColors: Record<string, string> = { booked: 'blue', confirmed: 'green', completed: 'default', noShow: 'orange', cancelled: 'default' };

export function MyAppointmentsPage() {
  usePageTitle('我的预约');
  const auth = useSignedIn();
  const list = useMyAppointments(auth.ready);
  const cancel = useCancelOwn();
  const { message } = App.useApp();
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (!auth.ready || list.isPending) return <Skeleton active />;
  if (list.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={list.error.message} />;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-account-bar">
        <span className="pp-title" style={{ margin: 0 }}>
          我的预约
        </span>
        <Link to="/public">
          <Button size="small">找服务站预约</Button>
        </Link>
      </div>
      {list.data.items.length === 0 ? (
        <div className="public-block">
          <Empty description="还没有预约。在服务站页面点“预约办理”" />
        </div>
      ) : (
        list.data.items.map((a) => (
          <div key={a.id} className="pp-card" data-testid="own-appointment">
            <div className="pp-card-head">
              <div className="pp-card-title">{a.itemName}</div>
              <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag>
            </div>
            <div className="pp-card-line">
              {shortDay(a.day)} {a.start}–{a.end} · {a.unitName}
            </div>
            {a.canCancel && (
              <div style={{ textAlign: 'right', marginTop: 6 }}>
                <Popconfirm title="确定取消这个预约吗？" okText="取消预约" cancelText="不取消" onConfirm={() => cancel.mutate({ id: a.id, version: a.version }, { onSuccess: () => void message.success('已取消预约') })}>
                  <Button size="small" danger>
                    取消预约
                  </Button>
                </Popconfirm>
              </div>
            )}
          </div>
        ))
      )}
    </>
  );
}
