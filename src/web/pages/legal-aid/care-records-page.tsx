// 关爱服务记录: legal consultations 法律咨询, counselling 心理疏导, law-education events 普法活动, health
// checks 健康体检 and insurance for families in hardship 困难家庭保险 — one tab per kind with its list
// (unit and period filters, sorted by day, the ledger export) and a form dialog with a multi-picker
// of the persons concerned (attendance). Details (counselling notes, health-check results) open
// masked; 查看 reveals them with an audit entry.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Form, Grid, Input, InputNumber, Modal, Select, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { careRecordCreate, careRecordKindLabels, careRecordKinds, careRecordUpdate, type CareRecordDto, type CareRecordKind } from '../../../shared/schemas/care-records';
import { yuan } from '../../../shared/schemas/funds';
import { careRecordKeys, careRecordsApi, useCreateCareRecord, useUpdateCareRecord } from '../../api/care-records';
import { recipientApi } from '../../api/recipients';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn, type RecordFilter, type RecordParams } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

const filters: RecordFilter[] = [
  {
    kind: 'custom',
    name: 'orgUnitId',
    label: '所属单位',
    render: (value, onChange) => <OrgUnitSelect value={value} onChange={(id) => onChange(id)} allowClear placeholder="所属单位（含下级）" style={{ width: 220, maxWidth: '100%' }} aria-label="所属单位" />,
  },
  { kind: 'dateRange', from: 'from', to: 'to', label: '日期' },
];

/** Picks several registry recipients by name; the chosen ones keep their labels while searching on. */
function PeoplePick(props: { value?: string[]; onChange?: (ids: string[]) => void; known: Record<string, string>; id?: string }) {
  const [search, setSearch] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>(props.known);
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['recipients', 'care-search', q], queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10, status: 'registered' }, signal), enabled: q.length > 0 });
  const fresh = (found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.orgUnitName}，${r.idNumberMasked}）` }));
  const chosen = (props.value ?? []).filter((id) => !fresh.some((o) => o.value === id)).map((id) => ({ value: id, label: labels[id] ?? id }));
  return (
    <Select
      id={props.id}
      mode="multiple"
      aria-label="服务对象"
      value={props.value ?? []}
      placeholder="输入姓名查找服务对象，可选多人"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到（须为已入库的服务对象）' : '输入姓名查找'}
      onChange={(ids: string[]) => {
        const next = { ...labels };
        for (const o of fresh) next[o.value] = o.label;
        setLabels(next);
        props.onChange?.(ids);
      }}
      options={[...chosen, ...fresh]}
    />
  );
}

type FormValues = {
  orgUnitId?: string;
  day?: string | null;
  title?: string;
  place?: string;
  organiser?: string;
  by?: string;
  summary?: string;
  details?: string;
  headcount?: number | null;
  people?: string[];
  insurer?: string;
  product?: string;
  periodFrom?: string | null;
  periodTo?: string | null;
  premiumYuan?: number | null;
  paidBy?: string;
};

function CareRecordModal({ kind, editing, onClose }: { kind: CareRecordKind; editing: CareRecordDto | 'new'; onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const create = useCreateCareRecord();
  const update = useUpdateCareRecord();
  const isNew = editing === 'new';
  const [changeDetails, setChangeDetails] = useState(false);
  const known = isNew ? {} : Object.fromEntries(editing.people.map((p) => [p.recipientId, `${p.recipientName}（${p.recipientIdMasked}）`]));
  const initial: FormValues = isNew
    ? { orgUnitId: me.orgUnit.id, day: todayDay(), title: '', place: '', organiser: '', by: me.displayName, summary: '', details: '', headcount: kind === 'lawEducation' ? 0 : 1, people: [] }
    : {
        day: editing.day,
        title: editing.title,
        place: editing.place,
        organiser: editing.organiser,
        by: editing.by,
        summary: editing.summary,
        headcount: editing.headcount,
        people: editing.people.map((p) => p.recipientId),
        insurer: editing.insurance?.insurer,
        product: editing.insurance?.product,
        periodFrom: editing.insurance?.periodFrom,
        periodTo: editing.insurance?.periodTo,
        premiumYuan: editing.insurance ? editing.insurance.premiumFen / 100 : null,
        paidBy: editing.insurance?.paidBy,
      };
  async function submit() {
    const v = form.getFieldsValue() as FormValues;
    const notes = isNew ? {} : Object.fromEntries(editing.people.map((p) => [p.recipientId, p.note]));
    const common = {
      day: v.day ?? '',
      title: v.title ?? '',
      place: v.place ?? '',
      organiser: v.organiser ?? '',
      by: v.by ?? '',
      summary: v.summary ?? '',
      headcount: v.headcount ?? undefined,
      people: (v.people ?? []).map((recipientId) => ({ recipientId, note: (notes as Record<string, string>)[recipientId] ?? '' })),
      insurance:
        kind === 'insurance'
          ? { insurer: v.insurer ?? '', product: v.product ?? '', periodFrom: v.periodFrom ?? '', periodTo: v.periodTo ?? '', premiumFen: v.premiumYuan == null ? undefined : Math.round(v.premiumYuan * 100), paidBy: v.paidBy ?? '' }
          : null,
    };
    try {
      if (isNew) {
        const body = parseWithSchema(form, careRecordCreate, { ...common, orgUnitId: v.orgUnitId, kind, details: v.details ?? '' });
        if (!body) return;
        await create.mutateAsync(body);
      } else {
        const body = parseWithSchema(form, careRecordUpdate, { ...common, version: editing.version, details: editing.hasDetails && !changeDetails ? undefined : (v.details ?? '') });
        if (!body) return;
        await update.mutateAsync({ id: editing.id, body });
      }
      void message.success('已保存');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  const sensitive = kind === 'counselling' || kind === 'healthCheck';
  return (
    <Modal
      title={isNew ? `登记${careRecordKindLabels[kind]}` : `修改：${editing.title}`}
      open
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {isNew && (
          <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <OrgUnitSelect aria-label="所属单位" />
          </Form.Item>
        )}
        <Form.Item name="day" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <DayPicker aria-label="日期" maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="title" label={kind === 'lawEducation' ? '活动主题' : '主题'} rules={[{ required: true, message: '请填写主题' }]}>
          <Input maxLength={200} aria-label="主题" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} size={12}>
          <Form.Item name="place" label="地点">
            <Input maxLength={200} aria-label="地点" />
          </Form.Item>
          <Form.Item name="organiser" label={kind === 'healthCheck' ? '体检机构' : '组织单位'}>
            <Input maxLength={100} aria-label="组织单位" />
          </Form.Item>
          <Form.Item name="by" label="经办人">
            <Input maxLength={50} aria-label="经办人" />
          </Form.Item>
        </Space>
        <Form.Item name="people" label={kind === 'lawEducation' ? '参加的服务对象' : '服务对象'}>
          <PeoplePick known={known} />
        </Form.Item>
        <Form.Item name="headcount" label={kind === 'lawEducation' ? '参加人数（含非服务对象）' : '人数'} rules={[{ required: true, message: '请填写人数' }]}>
          <InputNumber min={0} precision={0} aria-label="人数" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="summary" label="内容摘要">
          <Input.TextArea rows={2} maxLength={2000} aria-label="内容摘要" />
        </Form.Item>
        {kind === 'insurance' && (
          <>
            <Form.Item name="insurer" label="承保机构" rules={[{ required: true, message: '请填写承保机构' }]}>
              <Input maxLength={100} aria-label="承保机构" />
            </Form.Item>
            <Form.Item name="product" label="险种" rules={[{ required: true, message: '请填写险种' }]}>
              <Input maxLength={100} aria-label="险种" />
            </Form.Item>
            <Space wrap size={12}>
              <Form.Item name="periodFrom" label="保障期起" rules={[{ required: true, message: '请填写保障期起' }]}>
                <DayPicker aria-label="保障期起" />
              </Form.Item>
              <Form.Item name="periodTo" label="保障期止" rules={[{ required: true, message: '请填写保障期止' }]}>
                <DayPicker aria-label="保障期止" />
              </Form.Item>
            </Space>
            <Space wrap size={12}>
              <Form.Item name="premiumYuan" label="保费（元）" rules={[{ required: true, message: '请填写保费' }]}>
                <InputNumber min={0} precision={2} aria-label="保费" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="paidBy" label="缴费方" rules={[{ required: true, message: '请填写缴费方' }]}>
                <Input maxLength={100} aria-label="缴费方" />
              </Form.Item>
            </Space>
          </>
        )}
        {!isNew && editing.hasDetails && (
          <Form.Item label="详情" extra="详情已加密保存；不重新填写则保留原详情">
            <Select
              aria-label="详情"
              style={{ width: 200 }}
              value={changeDetails ? 'change' : 'keep'}
              onChange={(v: string) => setChangeDetails(v === 'change')}
              options={[
                { value: 'keep', label: '保留原详情' },
                { value: 'change', label: '重新填写详情' },
              ]}
            />
          </Form.Item>
        )}
        {(isNew || !editing.hasDetails || changeDetails) && (
          <Form.Item name="details" label={sensitive ? (kind === 'counselling' ? '疏导记录（加密保存）' : '体检结果（加密保存）') : '详情（加密保存，可不填）'}>
            <Input.TextArea rows={3} maxLength={4000} aria-label="详情" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Details({ r }: { r: CareRecordDto }) {
  const canReveal = useCan('sensitive:reveal');
  const { message } = App.useApp();
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!r.hasDetails) return <span className="muted">—</span>;
  if (clear !== null) return <span style={{ whiteSpace: 'pre-wrap' }}>{clear}</span>;
  return (
    <Space size={4} wrap>
      <span className="muted">{r.detailsMasked}</span>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={busy}
          aria-label={`查看${r.title}的详情`}
          onClick={() => {
            setBusy(true);
            careRecordsApi
              .reveal(r.id)
              .then((x) => setClear(x.details))
              .catch((e: unknown) => void message.error(isApiError(e) ? e.message : '查看失败，请稍后重试'))
              .finally(() => setBusy(false));
          }}
        >
          查看
        </Button>
      )}
    </Space>
  );
}

function KindList({ kind, onEdit }: { kind: CareRecordKind; onEdit: (r: CareRecordDto) => void }) {
  const canWrite = useCan('legalAid:write');
  const narrow = !Grid.useBreakpoint().sm;
  const columns: RecordColumn<CareRecordDto>[] = [
    {
      key: 'title',
      title: '日期 / 主题',
      fixedShown: true,
      render: (_v, r) => (
        <div style={{ minWidth: 160 }}>
          <Typography.Text strong>{r.title}</Typography.Text>
          <div className="muted">
            {r.day} · {r.orgUnitName}
          </div>
          {r.summary && <div className="legal-aid-cell-summary">{r.summary}</div>}
          {narrow && r.people.length > 0 && <div className="muted">{r.people.map((p) => p.recipientName).join('、')}</div>}
          {narrow && r.hasDetails && <Details r={r} />}
        </div>
      ),
    },
    { key: 'day', title: '日期', dataIndex: 'day', sortKey: 'day', responsive: ['lg'], defaultHidden: true },
    { key: 'people', title: '服务对象', responsive: ['sm'], render: (_v, r) => (r.people.length ? r.people.map((p) => p.recipientName).join('、') : '—') },
    { key: 'headcount', title: '人数', dataIndex: 'headcount', responsive: ['md'] },
    { key: 'place', title: '地点', dataIndex: 'place', responsive: ['lg'] },
    { key: 'by', title: '经办人', dataIndex: 'by', responsive: ['lg'] },
    ...(kind === 'insurance'
      ? [
          {
            key: 'insurance',
            title: '保险',
            render: (_v: unknown, r: CareRecordDto) =>
              r.insurance && (
                <div>
                  {r.insurance.insurer} · {r.insurance.product}
                  <div className="muted">
                    {r.insurance.periodFrom} 至 {r.insurance.periodTo} · {yuan(r.insurance.premiumFen)} 元（{r.insurance.paidBy}）
                  </div>
                </div>
              ),
          } satisfies RecordColumn<CareRecordDto>,
        ]
      : [{ key: 'details', title: '详情', responsive: ['sm'], render: (_v: unknown, r: CareRecordDto) => <Details r={r} /> } satisfies RecordColumn<CareRecordDto>]),
    {
      key: 'act',
      title: '',
      render: (_v, r) =>
        canWrite && r.canEdit ? (
          <Button size="small" icon={<EditOutlined />} aria-label={`修改${r.title}`} onClick={() => onEdit(r)}>
            修改
          </Button>
        ) : null,
    },
  ];
  return (
    <RecordTable<CareRecordDto>
      queryKey={careRecordKeys.list(kind)}
      fetchPage={(params: RecordParams, signal) => careRecordsApi.list({ ...params, kind }, signal)}
      columns={columns}
      rowKey="id"
      filters={filters}
      storageKey={`care-records-${kind}`}
      ledger="关爱服务记录台账"
      exportSlot={(params) => (
        <Button icon={<DownloadOutlined />} href={careRecordsApi.ledgerUrl({ ...params, kind })} download>
          导出台账
        </Button>
      )}
      emptyText={`暂无${careRecordKindLabels[kind]}记录`}
    />
  );
}

export function CareRecordsPage() {
  const canWrite = useCan('legalAid:write');
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab');
  const kind: CareRecordKind = careRecordKinds.includes(tab as CareRecordKind) ? (tab as CareRecordKind) : 'consultation';
  const [editing, setEditing] = useState<CareRecordDto | 'new' | null>(null);
  return (
    <PageShell
      title="关爱服务记录"
      subtitle="法律咨询、心理疏导、普法活动、优抚对象健康体检、困难家庭保险；疏导记录和体检结果加密保存"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记{careRecordKindLabels[kind]}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        items={careRecordKinds.map((k) => ({ key: k, label: careRecordKindLabels[k] }))}
      />
      <KindList key={kind} kind={kind} onEdit={setEditing} />
      {editing && <CareRecordModal kind={editing === 'new' ? kind : editing.kind} editing={editing} onClose={() => setEditing(null)} />}
    </PageShell>
  );
}
