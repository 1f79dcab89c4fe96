// The veteran's assistance pages on a phone (issue 14): 我的帮扶援助申请 (own applications with their
// stage, and the way to apply when the account is linked to the registry), 申请帮扶援助 (one of the
// four grounds of Part 6 三(一), income, household size, policies received, the narrative, evidence
// photos or PDFs) and one application's progress (stage, next step, 公示, decision, evidence added).
// No staff names: the server sends only units and stages.
import { useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Empty, Form, Input, InputNumber, Radio, Select, Skeleton, Steps, Tag } from 'antd';
import { FileImageOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { assistanceFormLabels, assistanceGroundLabels, assistanceGrounds, publicAidApply, yuan, type AssistanceStatus, type PublicOwnAid } from '../../../shared/schemas/assistance';
import { uploadMyEvidence, useAddMyEvidence, useApplyAidOnline, useMyAid, useMyAids } from '../../api/assistance';
import { usePublicMe } from '../../api/public-accounts';
import { usePageTitle } from '../../components/page-shell';
import { encodeForUpload, FileEncodeError, formatBytes, type EncodedFile } from '../../components/file-encode';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PublicAccountBar } from './public-account-login-page';
import './petition-public.css';
import './service-catalog.css';

const enc = encodeURIComponent;
const toneOf: Record<AssistanceStatus, string> = { submitted: 'gold', verifying: 'blue', review: 'blue', notice: 'purple', followUp: 'green', closed: 'green', rejected: 'default' };
const stages: { key: AssistanceStatus[]; title: string }[] = [
  { key: ['submitted'], title: '受理' },
  { key: ['verifying'], title: '核实' },
  { key: ['review'], title: '审核审批' },
  { key: ['notice'], title: '公示' },
  { key: ['followUp', 'closed'], title: '发放与回访' },
];

function useSignedIn() {
  const me = usePublicMe();
  const location = useLocation();
  return { pending: me.isPending, redirect: !me.isPending && !me.data ? `/public/account/login?next=${enc(location.pathname)}` : null };
}

function AidProgress({ a }: { a: PublicOwnAid }) {
  const at = a.status === 'rejected' ? -1 : stages.findIndex((s) => s.key.includes(a.status));
  const items = stages.map((s, i) => ({
    title: s.title,
    status: a.status === 'closed' || i < at ? ('finish' as const) : i === at ? ('process' as const) : ('wait' as const),
    description: s.key.includes('notice') && a.notice ? `${a.notice.startDay} 至 ${a.notice.endDay}` : undefined,
  }));
  const d = a.decision;
  return (
    <>
      <div className="public-block">
        <div className="pp-card-head">
          <div className="pp-card-title">帮扶援助申请</div>
          <Tag color={toneOf[a.status]}>{a.statusLabel}</Tag>
        </div>
        <div className="info-row">
          <div className="info-label">申请理由</div>
          <div className="info-value">{a.groundLabel}</div>
        </div>
        <div className="info-row">
          <div className="info-label">受理单位</div>
          <div className="info-value">
            {a.unitName}（{a.openedOn} {a.source === 'online' ? '网上申请' : '受理'}）
          </div>
        </div>
        <div className="info-row">
          <div className="info-label">下一步</div>
          <div className="info-value my-next" data-testid="aid-next-step">
            {a.nextStep ?? '已办结'}
          </div>
        </div>
        {d && (
          <Alert
            type={d.approved ? 'success' : 'info'}
            showIcon
            style={{ marginTop: 8 }}
            title={
              d.approved
                ? `已批准（${d.day}）：${d.form ? assistanceFormLabels[d.form] : ''}${d.amountFen + d.goodsValueFen > 0 ? ` ${yuan(d.amountFen + d.goodsValueFen)} 元` : ''}`
                : `不予援助（${d.day}）${d.reason ? `：${d.reason}` : ''}`
            }
          />
        )}
      </div>
      {a.status !== 'rejected' && (
        <>
          <div className="public-section-title">办理进度</div>
          <div className="public-block">
            <Steps orientation="vertical" size="small" items={items} />
          </div>
        </>
      )}
    </>
  );
}

/** Evidence the applicant adds to their own application (until the decision). */
function MyEvidence({ a }: { a: PublicOwnAid }) {
  const add = useAddMyEvidence(a.id);
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  async function onFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      const e = await encodeForUpload(file);
      await add.mutateAsync({ name: e.name.slice(0, 120), mime: e.mime, dataBase64: e.dataBase64 });
      void message.success(`已上传：${e.name}`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : '上传失败，请稍后重试');
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  return (
    <>
      <div className="public-section-title">证明材料</div>
      <div className="public-block">
        {a.files.length === 0 ? <div className="muted">尚未上传证明材料</div> : a.files.map((f) => <FileLine key={f.id} name={f.name} size={f.size} />)}
        {a.open && (
          <Button block icon={<UploadOutlined />} loading={busy} style={{ marginTop: 8 }} onClick={() => input.current?.click()}>
            补充上传（照片或 PDF，不超过 3 MB）
          </Button>
        )}
        <input ref={input} type="file" accept="image/*,application/pdf" hidden data-testid="my-evidence-input" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
    </>
  );
}

function FileLine({ name, size }: { name: string; size: number }) {
  return (
    <div className="aid-file-line" data-testid="my-evidence-file">
      {name.toLowerCase().endsWith('.pdf') ? <FilePdfOutlined /> : <FileImageOutlined />} {name} <span className="muted">{formatBytes(size)}</span>
    </div>
  );
}

/** 我的帮扶援助申请: /public/assistance */
export function MyAidsPage() {
  usePageTitle('帮扶援助申请');
  const auth = useSignedIn();
  const q = useMyAids(!auth.pending && !auth.redirect);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={q.error.message} />;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">帮扶援助申请</div>
      {q.data.linked ? (
        <Link to="/public/assistance/new">
          <Button type="primary" size="large" block icon={<PlusOutlined />} data-testid="aid-apply-start" style={{ marginBottom: 12 }}>
            申请帮扶援助
          </Button>
        </Link>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="帮扶援助须由已登记的服务对象申请" description="您的账号尚未关联服务对象档案：请到户籍或居住所在地的村（社区）服务站采集信息、核对手机号码后再申请，或由服务站当面受理。" />
      )}
      {q.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有帮扶援助申请" />
      ) : (
        q.data.items.map((a) => (
          <Link key={a.id} to={`/public/assistance/${enc(a.id)}`} className="public-block my-item" data-testid="my-aid">
            <div className="pp-card-head">
              <div className="pp-card-title">{a.groundLabel}</div>
              <Tag color={toneOf[a.status]}>{a.statusLabel}</Tag>
            </div>
            <div className="pp-card-line">
              {a.unitName} · {a.openedOn}
            </div>
            {a.nextStep && <div className="my-next">下一步：{a.nextStep}</div>}
          </Link>
        ))
      )}
      <Link to="/public/me">
        <Button block>返回我的</Button>
      </Link>
    </>
  );
}

type ApplyValues = { ground?: string; monthlyIncomeYuan?: number | null; members?: number | null; policies?: string[]; narrative?: string };

/** 申请帮扶援助: /public/assistance/new */
export function AidApplyPage() {
  usePageTitle('申请帮扶援助');
  const auth = useSignedIn();
  const mine = useMyAids(!auth.pending && !auth.redirect);
  const apply = useApplyAidOnline();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyValues>();
  const [files, setFiles] = useState<EncodedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || mine.isPending) return <Skeleton active />;
  if (mine.isError) return <Alert type="error" showIcon title="加载失败，请稍后再试" description={mine.error.message} />;
  if (!mine.data.linked) return <Navigate to="/public/assistance" replace />;

  async function onFile(file: File | undefined) {
    if (!file) return;
    try {
      const e = await encodeForUpload(file);
      setFiles((fs) => [...fs, e].slice(0, 5));
    } catch (e) {
      void message.error(e instanceof FileEncodeError ? e.message : '文件读取失败');
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  async function send(v: ApplyValues) {
    if (sending) return;
    setError(null);
    const body = parseWithSchema(form, publicAidApply, {
      ground: v.ground,
      monthlyIncomeFen: typeof v.monthlyIncomeYuan === 'number' ? Math.round(v.monthlyIncomeYuan * 100) : undefined,
      members: v.members ?? undefined,
      policies: v.policies ?? [],
      narrative: v.narrative ?? '',
    });
    if (!body) return;
    setSending(true);
    try {
      const created = await apply.mutateAsync(body);
      for (const f of files) await uploadMyEvidence(created.id, { name: f.name.slice(0, 120), mime: f.mime, dataBase64: f.dataBase64 });
      void message.success('申请已提交');
      navigate(`/public/assistance/${enc(created.id)}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(e instanceof Error ? e.message : '提交失败，请稍后重试');
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">申请帮扶援助</div>
      <p className="pp-hint">请如实填写家庭情况。提交后由您所在的服务站受理，工作人员会入户或电话核实；虚报、隐瞒的将不予援助。</p>
      <div className="public-block">
        <Form<ApplyValues> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={(v) => void send(v)} initialValues={{ policies: [] }}>
          <Form.Item name="ground" label="申请理由" rules={[{ required: true, message: '请选择申请理由' }]}>
            <Radio.Group className="aid-grounds">
              {assistanceGrounds.map((g) => (
                <Radio key={g} value={g} style={{ display: 'flex', marginBottom: 6 }}>
                  {assistanceGroundLabels[g]}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="monthlyIncomeYuan" label="家庭月收入（元）" rules={[{ required: true, message: '请填写家庭月收入' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" aria-label="家庭月收入（元）" />
          </Form.Item>
          <Form.Item name="members" label="家庭人口（人）" rules={[{ required: true, message: '请填写家庭人口' }]}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} inputMode="numeric" aria-label="家庭人口（人）" />
          </Form.Item>
          <Form.Item name="policies" label="已享受的政策（可多填，没有可不填）">
            <Select mode="tags" aria-label="已享受的政策" placeholder="如：低保、残疾人两项补贴" options={['最低生活保障', '特困人员供养', '残疾人两项补贴', '定期抚恤补助'].map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="narrative" label="困难情况" rules={[{ required: true, whitespace: true, message: '请填写困难情况' }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount aria-label="困难情况" placeholder="家庭遇到的困难、原因、目前的生活状况" />
          </Form.Item>
          <div className="ant-form-item-label" style={{ paddingBottom: 8 }}>
            证明材料（可选：收入证明、病历、事故证明等的照片或 PDF）
          </div>
          {files.map((f, i) => (
            <div key={i} className="aid-file-line">
              <FileLine name={f.name} size={f.size} />
              <Button type="link" size="small" onClick={() => setFiles((fs) => fs.filter((_x, k) => k !== i))}>
                移除
              </Button>
            </div>
          ))}
          {files.length < 5 && (
            <Button block icon={<UploadOutlined />} onClick={() => input.current?.click()} style={{ marginBottom: 16 }}>
              添加照片或 PDF
            </Button>
          )}
          <input ref={input} type="file" accept="image/*,application/pdf" hidden style={{ display: 'none' }} data-testid="aid-evidence-input" onChange={(e) => void onFile(e.target.files?.[0])} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" size="large" block loading={sending} data-testid="aid-apply-submit">
            提交申请
          </Button>
        </Form>
      </div>
    </>
  );
}

/** One of my applications: /public/assistance/:id */
export function MyAidPage() {
  usePageTitle('帮扶援助申请进度');
  const { id } = useParams();
  const auth = useSignedIn();
  const q = useMyAid(id, !auth.pending && !auth.redirect);
  if (auth.redirect) return <Navigate to={auth.redirect} replace />;
  if (auth.pending || q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title="未找到该申请" description={<Link to="/public/assistance">返回我的申请</Link>} />;
  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">帮扶援助申请进度</div>
      <AidProgress a={q.data} />
      <MyEvidence a={q.data} />
      <Link to="/public/assistance">
        <Button block>返回我的申请</Button>
      </Link>
    </>
  );
}
