// 网上信访 (signed in): choose the center or station from the public directory, the type and
// problem category, the address, the request, facts and reasons. After submission the query code
// is shown ONCE, large, with a hint to write it down (it is stored hashed and cannot be shown again).
import { useMemo, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Alert, App, Button, Form, Input, Radio, Result, Select, Skeleton } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { orgLevelLabels } from '../../../shared/schemas/org-units';
import { petitionCategories, petitionCategoryLabels, petitionTypeLabels, petitionTypes } from '../../../shared/schemas/petitions';
import { publicPetitionCreate } from '../../../shared/schemas/public-accounts';
import { usePublicDirectory, usePublicUnit, type PublicUnit } from '../../api/public';
import { usePublicMe, useSubmitPetition, type PublicPetitionCreated } from '../../api/public-accounts';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PublicAccountBar } from './public-account-login-page';

type Values = { orgUnitId?: string; type?: string; category?: string; address?: string; request?: string; facts?: string; reasons?: string };

const typeHints: Record<string, string> = {
  suggestion: '对退役军人工作提出建议、意见',
  accusation: '检举、控告工作人员的违法失职行为（严格保密）',
  claim: '申诉或请求解决本人的实际问题',
};

/** A center or station: typing searches the public directory; a chosen unit offers its stations below. */
function UnitPicker({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const dir = usePublicDirectory(q);
  const chosen = usePublicUnit(value);
  const options = useMemo(() => {
    const seen = new Map<string, PublicUnit>();
    const add = (u: PublicUnit) => seen.set(u.id, u);
    (q ? (dir.data?.matches ?? []) : (dir.data?.roots ?? [])).forEach(add);
    if (!q && chosen.data) {
      add(chosen.data);
      chosen.data.children.forEach(add);
    }
    return [...seen.values()].map((u) => ({ value: u.id, label: `${u.name}（${orgLevelLabels[u.level]}）` }));
  }, [q, dir.data, chosen.data]);
  return (
    <Select
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入乡镇、村（社区）名称查找"
      loading={dir.isFetching}
      notFoundContent={q ? '没有找到，请换个名称试试' : null}
      aria-label="受理单位"
      allowClear
    />
  );
}

function QueryCodeShown({ created }: { created: PublicPetitionCreated }) {
  const { message } = App.useApp();
  return (
    <Result
      status="success"
      title="信访事项已提交"
      subTitle={`登记编号：${created.registrationNo}`}
      extra={
        <div style={{ textAlign: 'left' }}>
          <Alert
            type="warning"
            showIcon
            title="请记下查询码"
            description="查询码只显示这一次。凭查询码和您的手机号码，不登录也能查询这件信访事项的办理进度。"
          />
          <div className="pp-code" data-testid="query-code">
            {created.queryCode}
          </div>
          <div className="pp-actions" style={{ justifyContent: 'center' }}>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(created.queryCode)
                  .then(() => message.success('已复制查询码'))
                  .catch(() => message.info('请手动抄写查询码'))
              }
            >
              复制查询码
            </Button>
            <Link to={`/public/petitions/${encodeURIComponent(created.id)}`}>
              <Button type="primary">查看办理进度</Button>
            </Link>
          </div>
        </div>
      }
    />
  );
}

export function PetitionSubmitPage() {
  const me = usePublicMe();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitPetition();
  const [created, setCreated] = useState<PublicPetitionCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  if (me.isPending) return <Skeleton active />;
  if (!me.data) return <Navigate to={`/public/account/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (created) return <QueryCodeShown created={created} />;

  function send(values: Values): void {
    if (submit.isPending) return; // one submission per click
    setError(null);
    const body = parseWithSchema(form, publicPetitionCreate, { ...values, reasons: values.reasons ?? '' });
    if (!body) return;
    submit.mutate(body, {
      onSuccess: (c) => {
        setCreated(c);
        window.scrollTo(0, 0);
      },
      onError: (e) => {
        if (!applyServerErrors(form, e)) setError(e.message);
      },
    });
  }

  return (
    <>
      <PublicAccountBar />
      <div className="pp-title">网上信访</div>
      <p className="pp-hint">请如实反映情况。依照《信访工作条例》，请写明信访请求、事实和理由；受理单位将在 15 日内告知是否受理。</p>
      <div className="public-block">
        <Form<Values> form={form} layout="vertical" className="pp-form" requiredMark={false} onFinish={send}>
          <Form.Item name="orgUnitId" label="向哪个服务中心（站）反映" rules={[{ required: true, message: '请选择受理单位' }]}>
            <UnitPicker />
          </Form.Item>
          <Form.Item name="type" label="事项类别" rules={[{ required: true, message: '请选择事项类别' }]} extra={type ? typeHints[type] : undefined}>
            <Radio.Group optionType="button" buttonStyle="solid" options={petitionTypes.map((t) => ({ value: t, label: petitionTypeLabels[t] }))} aria-label="事项类别" />
          </Form.Item>
          <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select options={petitionCategories.map((c) => ({ value: c, label: petitionCategoryLabels[c] }))} placeholder="请选择" aria-label="问题类别" />
          </Form.Item>
          <Form.Item name="address" label="住址" rules={[{ required: true, whitespace: true, message: '请填写住址' }]}>
            <Input maxLength={200} autoComplete="street-address" />
          </Form.Item>
          <Form.Item name="request" label="信访请求" rules={[{ required: true, whitespace: true, message: '请填写信访请求' }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="希望解决什么问题" />
          </Form.Item>
          <Form.Item name="facts" label="事实" rules={[{ required: true, whitespace: true, message: '请填写事实' }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount placeholder="事情经过、时间、涉及的单位或人员" />
          </Form.Item>
          <Form.Item name="reasons" label="理由（选填）">
            <Input.TextArea rows={3} maxLength={4000} showCount placeholder="依据的政策规定或其他理由" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending}>
            提交
          </Button>
        </Form>
      </div>
    </>
  );
}
