// Publishing and editing a service item (reviewers, services:review): the facts, the materials
// editor (name, 原件/复印件, count, note, required) and the steps editor (level bottom up, label,
// days — empty = 待县级中心填写 — working or natural days), the notice, decider, fee and result.
// /service-items/new?adapt=<id> starts from an item published above: the unit's own version.
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Switch } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  materialFormLabels,
  materialForms,
  serviceItemCreate,
  serviceItemKindLabels,
  serviceItemKinds,
  serviceItemUpdate,
  stepDayKindLabels,
  stepDayKinds,
  stepLevelLabels,
  stepLevels,
  type ServiceItemDto,
} from '../../../shared/schemas/service-items';
import { useCreateServiceItem, useServiceItem, useUpdateServiceItem } from '../../api/service-items';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { TO_FILL_TEXT } from './service-item-tags';

type Values = Record<string, unknown> & { noticeRequired?: boolean; noticeDays?: number | null };

const emptyMaterial = { name: '', form: 'original', count: 1, note: '', required: true };
const emptyStep = { level: 'county', label: '', days: null, dayKind: 'working' };

function valuesOf(d: ServiceItemDto): Values {
  return {
    name: d.name,
    kind: d.kind,
    policyBasis: d.policyBasis,
    eligibility: d.eligibility,
    materials: d.materials,
    steps: d.steps,
    noticeRequired: d.noticeRequired,
    noticeDays: d.noticeDays,
    decider: d.decider,
    fee: d.fee,
    resultDocument: d.resultDocument,
    timeLimitNote: d.timeLimitNote,
    handoff: d.handoff,
  };
}

function ItemForm({ initial, mode, onSubmit, submitting, onCancel }: { initial: Values; mode: 'create' | 'edit'; onSubmit: (v: Values, form: ReturnType<typeof Form.useForm>[0]) => Promise<void>; submitting: boolean; onCancel: () => void }) {
  const [form] = Form.useForm();
  const noticeRequired = Form.useWatch('noticeRequired', form) as boolean | undefined;

  return (
    <Form form={form} initialValues={initial} layout="vertical" requiredMark="optional" scrollToFirstError onFinish={(v: Values) => void onSubmit({ ...v, handoff: initial.handoff ?? null }, form)} className="item-form">
      {mode === 'create' && (
        <Form.Item name="orgUnitId" label="发布单位" extra="本单位及下级单位都可办理该事项" rules={[{ required: true, message: '请选择发布单位' }]}>
          <OrgUnitSelect aria-label="发布单位" />
        </Form.Item>
      )}
      <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="kind" label="事项类别" rules={[{ required: true, message: '请选择事项类别' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={serviceItemKinds.map((k) => ({ value: k, label: serviceItemKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="policyBasis" label="政策依据">
        <Input.TextArea rows={2} maxLength={2000} placeholder="法律法规和政策文件名称、条款" />
      </Form.Item>
      <Form.Item name="eligibility" label="受理条件">
        <Input.TextArea rows={2} maxLength={2000} placeholder="哪些人可以申请" />
      </Form.Item>

      <Form.Item label="所需材料" className="item-editor">
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="item-row" data-testid="material-row">
                  <span className="item-row-no">{i + 1}</span>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写材料名称' }]} className="item-row-name">
                    <Input placeholder="材料名称" aria-label={`材料${i + 1}名称`} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'form']} className="item-row-form">
                    <Select aria-label={`材料${i + 1}形式`} options={materialForms.map((m) => ({ value: m, label: materialFormLabels[m] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'count']} className="item-row-count">
                    <InputNumber min={1} max={20} precision={0} suffix="份" aria-label={`材料${i + 1}份数`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" className="item-row-required">
                    <Switch checkedChildren="必需" unCheckedChildren="视情" aria-label={`材料${i + 1}必需`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={`删除材料${i + 1}`} onClick={() => remove(f.name)} />
                  <Form.Item name={[f.name, 'note']} className="item-row-note">
                    <Input placeholder="说明（如：由村委会出具；因病致残的提供病历）" aria-label={`材料${i + 1}说明`} maxLength={200} />
                  </Form.Item>
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...emptyMaterial })}>
                添加材料
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item label="办理环节（自下而上：村 → 乡镇 → 县）" className="item-editor" required>
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="item-row" data-testid="step-row">
                  <span className="item-row-no">{i + 1}</span>
                  <Form.Item name={[f.name, 'level']} className="item-row-level">
                    <Select aria-label={`环节${i + 1}层级`} options={stepLevels.map((l) => ({ value: l, label: stepLevelLabels[l] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写环节名称' }]} className="item-row-name">
                    <Input placeholder="环节名称，如：村（居）委会意见" aria-label={`环节${i + 1}名称`} maxLength={30} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'days']} className="item-row-count">
                    <InputNumber min={1} max={365} precision={0} placeholder={TO_FILL_TEXT} aria-label={`环节${i + 1}时限`} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dayKind']} className="item-row-form">
                    <Select aria-label={`环节${i + 1}计日方式`} options={stepDayKinds.map((k) => ({ value: k, label: k === 'working' ? '工作日' : '自然日' }))} />
                  </Form.Item>
                  <Space.Compact>
                    <Button icon={<ArrowUpOutlined />} aria-label={`环节${i + 1}上移`} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button icon={<ArrowDownOutlined />} aria-label={`环节${i + 1}下移`} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                    <Button icon={<DeleteOutlined />} aria-label={`删除环节${i + 1}`} disabled={fields.length === 1} onClick={() => remove(f.name)} />
                  </Space.Compact>
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...emptyStep })}>
                添加环节
              </Button>
              <div className="muted item-hint">时限留空即“{TO_FILL_TEXT}”：办件不计算该环节的期限，直到填写。时限单位：{stepDayKinds.map((k) => stepDayKindLabels[k].replace('个', '')).join(' / ')}。</div>
            </>
          )}
        </Form.List>
      </Form.Item>

      <Space wrap align="start" size={24}>
        <Form.Item name="noticeRequired" label="是否公示" valuePropName="checked">
          <Switch checkedChildren="需公示" unCheckedChildren="不需" aria-label="是否公示" onChange={(on) => !on && form.setFieldValue('noticeDays', null)} />
        </Form.Item>
        <Form.Item name="noticeDays" label="公示天数" extra={noticeRequired ? `留空即${TO_FILL_TEXT}` : undefined}>
          <InputNumber min={1} max={60} precision={0} suffix="天" disabled={!noticeRequired} aria-label="公示天数" placeholder={noticeRequired ? '待填写' : '—'} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Form.Item name="decider" label="决定机关">
        <Input maxLength={60} placeholder="如：县退役军人事务局" />
      </Form.Item>
      <Form.Item name="fee" label="收费标准">
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="resultDocument" label="办理结果">
        <Input maxLength={120} placeholder="如：残疾军人证、批复文件" />
      </Form.Item>
      <Form.Item name="timeLimitNote" label="办理时限说明">
        <Input maxLength={200} placeholder="法定时限的文字说明（如有）" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} size="large">
          {mode === 'create' ? '发布' : '保存'}
        </Button>
        <Button size="large" onClick={onCancel}>
          取消
        </Button>
      </Space>
    </Form>
  );
}

function cleaned(v: Values): Values {
  return { ...v, noticeDays: v.noticeRequired ? (v.noticeDays ?? null) : null, steps: ((v.steps as Record<string, unknown>[] | undefined) ?? []).map((s) => ({ ...s, days: s.days ?? null })) };
}

export function ServiceItemNewPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const adaptId = params.get('adapt') ?? undefined;
  const base = useServiceItem(adaptId);
  const create = useCreateServiceItem();
  if (adaptId && base.isPending) return <Skeleton active />;
  const initial: Values = base.data
    ? { ...valuesOf(base.data), orgUnitId: me.orgUnit.id }
    : { orgUnitId: me.orgUnit.id, kind: 'local', materials: [{ ...emptyMaterial }], steps: [{ ...emptyStep, label: '县级服务中心审核' }], noticeRequired: false, noticeDays: null, fee: '不收费', handoff: null };

  async function submit(values: Values, form: ReturnType<typeof Form.useForm>[0]) {
    const body = parseWithSchema(form, serviceItemCreate, { ...cleaned(values), ...(adaptId ? { adaptsItemId: adaptId } : {}) });
    if (!body) return;
    try {
      const d = await create.mutateAsync(body);
      void message.success(adaptId ? '已发布本地版本' : '已发布');
      navigate(`/service-items/${encodeURIComponent(d.id)}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '发布失败，请稍后重试');
    }
  }

  return (
    <PageShell title={base.data ? `制定本地版本：${base.data.name}` : '新增服务事项'} subtitle={base.data ? `以${base.data.orgUnitName}发布的事项为底稿，按本地实际补齐后发布；发布单位及其下级将改用本地版本` : '本单位及下级单位均可办理；“本地优待事项”为县级自行确定的优待'}>
      {base.data && base.data.toFill.length > 0 && <Alert type="warning" showIcon className="item-alert" title={`待填写：${base.data.toFill.join('、')}`} />}
      <Card className="item-form-card">
        <ItemForm initial={initial} mode="create" onSubmit={submit} submitting={create.isPending} onCancel={() => navigate(adaptId ? `/service-items/${encodeURIComponent(adaptId)}` : '/service-items')} />
      </Card>
    </PageShell>
  );
}

export function ServiceItemEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const item = useServiceItem(id);
  const update = useUpdateServiceItem();
  const d = item.data;
  if (item.isPending) return <Skeleton active />;
  if (!d) return <Alert type="error" showIcon title="未找到该服务事项" />;

  async function submit(values: Values, form: ReturnType<typeof Form.useForm>[0]) {
    const body = parseWithSchema(form, serviceItemUpdate, { ...cleaned(values), version: d!.version });
    if (!body) return;
    try {
      await update.mutateAsync({ id: d!.id, body });
      void message.success('已保存');
      navigate(`/service-items/${encodeURIComponent(d!.id)}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }

  return (
    <PageShell title={`修改：${d.name}`} subtitle="修改只影响之后受理的办件，已受理的办件按受理时的事项办理">
      {d.toFill.length > 0 && <Alert type="warning" showIcon className="item-alert" title={`待填写：${d.toFill.join('、')}`} />}
      <Card className="item-form-card">
        <ItemForm initial={valuesOf(d)} mode="edit" onSubmit={submit} submitting={update.isPending} onCancel={() => navigate(`/service-items/${encodeURIComponent(d.id)}`)} />
      </Card>
    </PageShell>
  );
}
