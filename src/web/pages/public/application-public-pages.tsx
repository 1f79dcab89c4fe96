// The applicant's pages on a phone (issue 13): 在线申请 from an item's page (signed in: confirm the
// village — the registry record's unit when the account is linked — tick the materials one has,
// get the 办件编号 and the query code once), one's own application's progress, and 办件查询 by
// number and query code without an account. The progress shows the item, the steps with their
// units (done / now / waiting), the next step, the 公示 period and the decision; a masked name only.
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert, App, Button, Checkbox, Empty, Form, Input, Result, Skeleton, Steps, Tag } from 'antd';
import { CheckCircleFilled, CopyOutlined, RightOutlined } from '@ant-design/icons';
import { applicationQueryBody, normalizeApplicationNo, type PublicApplicationView, type PublicApplyCreated } from '../../../shared/schemas/applications';
import { normalizeQueryCode } from '../../../shared/schemas/public-accounts';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { materialFormLabels } from '../../../shared/schemas/service-items';
import { useApplyOnline, useMyApplication, useQueryApplication } from '../../api/applications';
import { usePublicUnit } from '../../api/public';
import { usePublicMe, usePublicOverview } from '../../api/public-accounts';
import { usePublicServiceItem } from '../../api/service-items';
import { usePageTitle } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PublicAccountBar } from './public-account-login-page';
import './service-catalog.css';

const enc = encodeURIComponent;
const toneOf: Record<PublicApplicationView['status'], string> = { returned: 'orange', review: 'blue', notice: 'blue', deciding: 'blue', approved: 'green', rejected: 'default' };

/** One application's progress, as the applicant sees it. */
export function ApplicationProgress({ a }: { a: PublicApplicationView }) {
  const steps = [
    ...a.steps.map((s) => ({
      title: s.label,
      status: s.state === 'done' ? ('finish' as const) : s.state === 'current' ? ('process' as const) : ('wait' as const),
      description: `${s.unitName}${s.state === 'done' ? ` · ${s.day ?? ''} 已出具意见` : s.state === 'current' ? ' · 办理中' : ' · 待办理'}`,
    })),
    ...(a.notice ? [{ title: '公示', status: a.status === 'notice' ? ('process' as const) : ('finish' as const), description: `${a.notice.startDay} 至 ${a.notice.endDay}` }] : []),
    {
      title: '审批决定',
      status: a.decision ? ('finish' as const) : a.status === 'deciding' ? ('process' as const) : ('wait' as const),
      description: a.decision ? `${a.decision.day} ${a.decision.approved ? '批准' : '不予批准'}` : '待决定',
    },
  ];
  return (
    <div data-testid="application-progress">
      <div className="public-block">
        <div className="pp-card-head">
          <div className="pp-card-title">{a.itemName}</div>
          <Tag color={toneOf[a.status]}>{a.statusLabel}</Tag>
        </div>
        <div className="info-row">
          <div className="info-label">办件编号</div>
          <div className="info-value mono">{a.registrationNo ?? '—'}</div>
        </div>
        <div className="info-row">
          <div className="info-label">申请人</div>
          <div className="info-value">{a.applicantName}</div>
        </div>
        <div className="info-row">
          <div className="info-label">受理单位</div>
          <div className="info-value">
            {a.unitName}（{a.openedOn} {a.source === 'online' ? '网上申请' : '受理'}）
          </div>
        </div>
        <div className="info-row">
          <div className="info-label">下一步</div>
          <div className="info-value my-next" data-testid="next-step">
            {a.nextStep ?? (a.decision ? '已办结' : '等待办理')}
          </div>
        </div>
        {a.missingTold.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`请补齐材料：${a.missingTold.join('、')}`} />}
        {a.collecting && !a.decision && <Alert type="info" showIcon style={{ marginTop: 8 }} title="您的信息采集正在办理：服务站工作人员会联系您核实信息，经县级审核入库后方可批准。" />}
        {a.decision && (
          <Alert
            type={a.decision.approved ? 'success' : 'info'}
            showIcon
            style={{ marginTop: 8 }}
            title={a.decision.approved ? `已批准（${a.decision.day}）${a.resultDocument ? `，请领取${a.resultDocument}` : ''}` : `不予批准（${a.decision.day}）${a.decision.reason ? `：${a.decision.reason}` : ''}`}
          />
        )}
      </div>
      <div className="public-section-title">办理进度</div>
      <div className="public-block">
        <Steps orientation="vertical" size="small" items={steps} />
      </div>
    </div>
  );
}

function useSignedIn() {
  const me = usePublicMe();
  const location = useLocation();
  return { pending: me.isPending, redirect: !me.isPending && !me.data ? `/public/account/login?next=${enc(location.pathname)}` : null };
}

/** The ticks the item page keeps on the device (一次性告知 checklist). */
function storedTicks(itemId: string): number[] {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(`rj:checklist:${itemId}`) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

/** The village to apply at: the unit of the page if it is one, else a child chosen level by level. */
function VillagePicker({ startId, value, onChange }: { startId: string; value: string | null; onChange: (id: string | null) => void }) {
  const [at, setAt] = useState(startId);
  const unit = usePublicUnit(at);
  const u = unit.data;
  const villageId = u?.level === 'village' ? u.id : null;
  useEffect(() => {
    if (villageId && value !== villageId) onChange(villageId);
  }, [villageId, value, onChange]);
  if (!u) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (u.level === 'village') {
    return (
      <div className="ap-village" data-testid="village-chosen">
        <CheckCircleFilled style={{ color: '#389e0d' }} /> {u.name}
        {at !== startId && (
          <Button type="link" size="small" onClick={() => (onChange(null), setAt(startId))}>
            重新选择
          </Button>
        )}
      </div>
    );
  }
  return (
    <>
      <div className="pp-hint">请选择您户籍或居住所在的村（社区）：{u.name}下属</div>
      {u.children.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下属的村（社区）" />
      ) : (
        u.children.map((c) => (
          <button type="button" key={c.id} className="unit-card sc-item-card" style={{ width: '100%', textAlign: 'start' }} onClick={() => setAt(c.id)} data-testid="unit-choice">
            <div className="unit-card-name">
              <span>
                {c.name}（{orgLevelLabels[c.level]}）
              </span>
              <RightOutlined style={{ color: '#a0a8b8', fontSize: 12 }} />
            </div>
          </button>
        ))
      )}
      {at !== startId && (
        <Button type="link" onClick={() => setAt(startId)}>
          返回上一级
        </Button>
      )}
    </>
  );
}

function CodeShown({ created }: { created: PublicApplyCreated }) {
  const { message } = App.useApp();
  return (
    <Result
      status="success"
      title="申请已提交"
      subTitle={`${created.unitName} · ${created.itemName}`}
      extra={
        <div style={{ textAlign: 'left' }}>
          <div className="info-row">
            <div className="info-label">办件编号</div>
            <div className="info-value mono" data-testid="application-no">
              {created.registrationNo}
            </div>
          </div>
          <div className="info-row">
            <div className="info-label">下一步</div>
            <div className="info-value my-next">{created.nextStep}</div>
          </div>
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title="请记下查询码" description="查询码只显示这一次。凭办件编号和查询码，不登录也能在“办件查询”查看进度。" />
          <div className="pp-code" data-testid="query-code">
            {created.queryCode}
          </div>
          <div className="pp-actions" style={{ justifyContent: 'center' }}>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(`${created.registrationNo} ${created.queryCode}`)
                  .then(() => message.success('已复制办件编号和查询码'))
                  .catch(() => message.info('请手动抄写查询码'))
              }
            >
              复制
            </Button>
            <Link to={`/public/applications/${enc(created.id)}`}>
              <Button type="primary">查看办理进度</Button>
            </Link>
          </div>
        </div>
      }
    />
  );
}

/** 在线申请: /public/units/:id/items/:itemId/apply */
export function ApplicationApplyPage() {
  usePageTitle('在线申请');
  const { id, itemId } = useParams();
  const auth = useSignedIn();
  const overview = usePublicOverview(!auth.pending && !auth.redirect);
  const item = usePublicServiceItem(id, itemId);
  const apply = useApplyOnline();
  const [ticks, setTicks] = useState<number[]>(() => storedTicks(itemId ?? ''));
  const [village, setVillage] = useState<string | null>(null);
  const [created, setCreated] = useState<PublicApplyCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || item.isPending || overview.isPending) return <Skeleton active />;
  if (item.isError || !item.data) return <Alert type="error" showIcon title="未找到该服务事项" />;
  if (overview.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={overview.error.message} />;
  if (created) return <CodeShown created={created} />;
  const d = item.data;
  const linked = overview.data.registry.linked;
  const missing = d.materials.filter((m, i) => m.required && !ticks.includes(i)).map((m) => m.name);

  function send() {
    if (apply.isPending) return;
    setError(null);
    if (!linked && !village) {
      setError('请选择您所在的村（社区）');
      return;
    }
    apply.mutate(
      { orgUnitId: linked ? (id ?? '') : village!, itemId: d.id, received: d.materials.map((_m, i) => ticks.includes(i)) },
      {
        onSuccess: (c) => {
          setCreated(c);
          window.scrollTo(0, 0);
        },
        onError: (e) => setError(e.message),
      },
    );
  }

  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">在线申请：{d.name}</div>
      <div className="public-section-title">1. 受理单位</div>
      <div className="public-block">
        {linked ? (
          <div data-testid="village-chosen">
            <CheckCircleFilled style={{ color: '#389e0d' }} /> 已关联服务对象档案：由{overview.data.registry.unitName}受理
          </div>
        ) : (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 8 }} title="您尚未关联服务对象档案：提交申请时将同时在所选村（社区）建立信息采集记录，工作人员会联系您核实。" />
            <VillagePicker startId={id ?? ''} value={village} onChange={setVillage} />
          </>
        )}
      </div>
      <div className="public-section-title">2. 勾选您已备齐的材料</div>
      <div className="public-block sc-checklist sc-have-list" role="group" aria-label="材料清单">
        {d.materials.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无需提交材料" />
        ) : (
          d.materials.map((m, i) => (
            <label key={i} className={`sc-check ${ticks.includes(i) ? 'sc-checked' : ''}`}>
              <Checkbox checked={ticks.includes(i)} onChange={(e) => setTicks(e.target.checked ? [...new Set([...ticks, i])] : ticks.filter((x) => x !== i))} aria-label={m.name} />
              <div className="sc-check-body">
                <div className="sc-check-name">
                  {m.name}
                  {!m.required && <Tag className="sc-tag">视情提供</Tag>}
                </div>
                <div className="sc-check-sub">
                  {materialFormLabels[m.form]} {m.count} 份
                </div>
              </div>
            </label>
          ))
        )}
      </div>
      {missing.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`尚缺：${missing.join('、')}。可以先提交，补齐后到服务站办理。`} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      <Button type="primary" size="large" block loading={apply.isPending} onClick={send} data-testid="apply-submit">
        提交申请
      </Button>
    </>
  );
}

/** 我的办件: one of the account's own applications. */
export function MyApplicationPage() {
  usePageTitle('办件进度');
  const { id } = useParams();
  const auth = useSignedIn();
  const q = useMyApplication(id, !auth.pending && !auth.redirect);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="未找到该办件" description={<Link to="/public/me">返回我的</Link>} />;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">办件进度</div>
      <ApplicationProgress a={q.data} />
      <Link to="/public/me">
        <Button block>返回我的</Button>
      </Link>
    </>
  );
}

type QueryValues = { number?: string; code?: string };

/** 办件查询: by 办件编号 and query code, no account. */
export function ApplicationQueryPage() {
  usePageTitle('办件查询');
  const [form] = Form.useForm<QueryValues>();
  const query = useQueryApplication();
  const [view, setView] = useState<PublicApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(values: QueryValues): void {
    setError(null);
    const body = parseWithSchema(form, applicationQueryBody, values);
    if (!body) return;
    query.mutate(body, {
      onSuccess: setView,
      onError: (e) => {
        setView(null);
        if (!applyServerErrors(form, e)) setError(e.message);
      },
    });
  }

  return (
    <>
      <div className="pp-title">办件查询</div>
      <p className="pp-hint">
        输入受理回执或在线申请时获得的办件编号和查询码，即可查看政策服务事项的办理进度，无需登录。已注册的也可<Link to="/public/me">登录查看我的办件</Link>。
      </p>
      <div className="public-block">
        <Form<QueryValues> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={submit} size="large">
          <Form.Item name="number" label="办件编号" rules={[{ required: true, whitespace: true, message: '请输入办件编号' }]} normalize={(v: string) => (v ? normalizeApplicationNo(v) : v)}>
            <Input maxLength={14} inputMode="numeric" autoComplete="off" className="mono" placeholder="10 位数字" />
          </Form.Item>
          <Form.Item name="code" label="查询码" rules={[{ required: true, whitespace: true, message: '请输入查询码' }]} normalize={(v: string) => (v ? normalizeQueryCode(v) : v)}>
            <Input maxLength={16} autoComplete="off" autoCapitalize="characters" className="mono" placeholder="10 位字母或数字" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={query.isPending}>
            查询
          </Button>
        </Form>
      </div>
      {view && <ApplicationProgress a={view} />}
    </>
  );
}
