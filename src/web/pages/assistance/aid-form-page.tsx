// 受理帮扶援助申请: one column, for a phone too. The person is a registry recipient (found by name, or
// given by the recipient page or a visit's follow-up — then saving closes the follow-up as passed on);
// the unit defaults to the worker's own. A second application within the repeat period shows the
// previous aid and asks for the reason.
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { assistanceCreate, assistanceFormLabels, assistanceGroundLabels, assistanceGrounds, yuan, type PreviousAid } from '../../../shared/schemas/assistance';
import { useCreateAid } from '../../api/assistance';
import { recipientApi } from '../../api/recipients';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

/** Finds a registry recipient by name (never a free-text name). */
function RecipientPick(props: { value?: string | null; onChange?: (id: string | null) => void; initial?: { id: string; name: string } | null; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'aid-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const options = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  if (props.initial && !options.some((o) => o.value === props.initial!.id)) options.unshift({ value: props.initial.id, label: props.initial.name });
  return (
    <Select
      id={props.id}
      aria-label="服务对象"
      value={props.value ?? undefined}
      placeholder="输入姓名查找服务对象"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到（须为已入库的服务对象）' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      options={options}
    />
  );
}

export function AidFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateAid();
  const [sp] = useSearchParams();
  const fromFollowUpId = sp.get('fromFollowUp');
  const recipientParam = sp.get('recipient');
  const initial = recipientParam ? { id: recipientParam, name: sp.get('name') ?? '' } : null;
  const need = sp.get('need');
  const [previous, setPrevious] = useState<PreviousAid[] | null>(null);
  const [repeatText, setRepeatText] = useState<string>('');

  useEffect(() => {
    form.setFieldsValue({
      recipientId: recipientParam,
      orgUnitId: me.orgUnit.id,
      ground: 'uncovered',
      members: 1,
      policies: [],
      narrative: need ? `${sp.get('visitedOn') ?? ''} 走访时反映：${need}`.trim() : '',
    });
  }, [form, me, recipientParam, need, sp]);

  async function submit(values: Record<string, unknown>) {
    const income = values.monthlyIncomeYuan as number | null | undefined;
    const raw = {
      ...values,
      monthlyIncomeFen: typeof income === 'number' ? Math.round(income * 100) : undefined,
      fromFollowUpId,
      repeatReason: previous ? (values.repeatReason as string | undefined) || null : null,
    };
    delete (raw as Record<string, unknown>).monthlyIncomeYuan;
    const body = parseWithSchema(form, assistanceCreate, raw);
    if (!body) return;
    try {
      const d = await create.mutateAsync(body);
      void message.success(fromFollowUpId ? '已受理帮扶援助申请，走访后续事项已转办' : '已受理帮扶援助申请');
      navigate(`/assistance/${d.id}`, { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'REPEAT_AID') {
        setPrevious(e.details.filter((d) => d.path === 'previousAid').map((d) => JSON.parse(d.message) as PreviousAid));
        setRepeatText(e.message);
        return;
      }
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title="受理帮扶援助申请" subtitle="第六部分三(一)：生活困难且保障政策尚未覆盖、重大家庭变故、享受优抚政策后仍有特殊困难、其他应帮扶援助的">
      <Card className="aid-form">
        {fromFollowUpId && <Alert type="info" showIcon title={`由走访后续事项转办：${need ?? ''}。保存后该事项标记为“已转办”。`} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="recipientId" label="服务对象" rules={[{ required: true, message: '请选择服务对象' }]}>
            <RecipientPick initial={initial} onChange={() => setPrevious(null)} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="受理单位" rules={[{ required: true, message: '请选择受理单位' }]} extra="服务对象所在的村（社区）、乡镇（街道）或县级单位">
            <OrgUnitSelect aria-label="受理单位" />
          </Form.Item>
          <Form.Item name="ground" label="申请理由" rules={[{ required: true, message: '请选择申请理由' }]}>
            <Radio.Group options={assistanceGrounds.map((g) => ({ value: g, label: assistanceGroundLabels[g] }))} />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item name="monthlyIncomeYuan" label="家庭月收入（元）" rules={[{ required: true, message: '请填写家庭月收入' }]}>
              <InputNumber min={0} precision={2} step={100} style={{ width: 180 }} aria-label="家庭月收入" />
            </Form.Item>
            <Form.Item name="members" label="家庭人口" rules={[{ required: true, message: '请填写家庭人口' }]}>
              <InputNumber min={1} max={30} precision={0} style={{ width: 120 }} aria-label="家庭人口" />
            </Form.Item>
          </Space>
          <Form.Item name="policies" label="已享受的政策" extra="如低保、定期生活补助、医疗救助；可输入后回车">
            <Select mode="tags" aria-label="已享受的政策" placeholder="输入政策名称后回车" options={['最低生活保障', '定期生活补助', '抚恤金', '医疗救助', '临时救助'].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="narrative" label="困难情况" rules={[{ required: true, message: '请填写困难情况' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="家庭变故、收入、支出、健康、住房等方面的具体困难" />
          </Form.Item>
          {previous && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={repeatText}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="previous-aid">
                  {previous.map((p) => (
                    <li key={p.id}>
                      {p.decidedOn} {p.unitName} {p.form ? assistanceFormLabels[p.form] : ''} {yuan(p.amountFen)} 元（{p.recipientName}）
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {previous && (
            <Form.Item name="repeatReason" label="重复申请理由" rules={[{ required: true, message: '请填写重复申请理由' }]}>
              <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：再次发生重大变故（2–200 字）" />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              受理
            </Button>
            <Button size="large" onClick={() => navigate(-1)}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
