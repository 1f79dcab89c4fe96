// 受理办件: choose the person from the registry (never a free-text name: a person not yet in the
// registry gets a collection record first — 采集新人员 goes to the recipient form and comes back
// with it selected; records in collection carry a 采集中 tag and wait for review before approval), the item of the catalog, tick the materials received (missing
// ones are told at once: the application is returned naming them), and how it was received —
// in person (the first run), or at home / fully on the person's behalf (zero runs).
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { applicationCreate, receiveChannelLabels, receiveChannels, type ReceiveChannel } from '../../../shared/schemas/applications';
import { materialFormLabels } from '../../../shared/schemas/service-items';
import { useCatalog, useCreateApplication } from '../../api/applications';
import { recipientApi } from '../../api/recipients';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

function RecipientSelect(props: { value?: string; onChange?: (id: string | undefined) => void; initialLabel?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'application-search', q],
    queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10 }, signal),
    enabled: q.length > 0,
  });
  // records in collection (draft, pending review, returned) may apply: the steps proceed, approval waits for 信息采集审核
  const options: { value: string; label: React.ReactNode }[] = (found.data?.items ?? []).map((r) => ({
    value: r.id,
    label: (
      <span>
        {r.name}（{r.orgUnitName}，{r.idNumberMasked}）
        {r.status !== 'registered' && (
          <Tag color="orange" style={{ marginLeft: 6 }}>
            采集中
          </Tag>
        )}
      </span>
    ),
  }));
  if (props.value && props.initialLabel && !options.some((o) => o.value === props.value)) options.unshift({ value: props.value, label: props.initialLabel });
  return (
    <Select
      aria-label="申请人"
      value={props.value}
      placeholder="输入姓名或身份证号查找服务对象"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q ? '未找到：不在库中的人员请点“采集新人员”' : '输入姓名查找'}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={options}
      style={{ width: '100%' }}
    />
  );
}

export function ApplicationFormPage() {
  const [sp] = useSearchParams();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const catalog = useCatalog();
  const create = useCreateApplication();
  const itemId = Form.useWatch('itemId', form) as string | undefined;
  const channel = (Form.useWatch('channel', form) as ReceiveChannel | undefined) ?? 'inPerson';
  const item = catalog.data?.items.find((i) => i.id === itemId);
  const fromFollowUpId = sp.get('fromFollowUp');

  async function submit(values: Record<string, unknown>) {
    const received = (item?.materials ?? []).map((_m, i) => ((values.received as number[] | undefined) ?? []).includes(i));
    const body = parseWithSchema(form, applicationCreate, {
      recipientId: values.recipientId,
      itemId: values.itemId,
      received,
      channel: values.channel,
      home: values.channel === 'inPerson' ? undefined : { handledBy: values.handledBy ?? '', note: values.homeNote ?? '' },
      note: values.note ?? '',
      fromFollowUpId,
    });
    if (!body) return;
    try {
      const d = await create.mutateAsync(body);
      void message.success(d.status === 'returned' ? '材料不齐，已一次性告知所缺材料' : '已受理');
      navigate(`/applications/${d.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '受理失败，请稍后重试');
    }
  }

  return (
    <PageShell title="受理办件" subtitle="选择服务对象和事项，按材料清单逐项核对（缺少材料的一次性告知）">
      <Card className="app-form-card">
        {fromFollowUpId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`由走访反映事项转办：${sp.get('need') ?? ''}`} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channel: 'inPerson', recipientId: sp.get('recipient') ?? undefined, itemId: sp.get('item') ?? undefined, received: [] }}
          onFinish={(v: Record<string, unknown>) => void submit(v)}
        >
          <Form.Item label="申请人（服务对象）" required extra="不在库中的人员先建立信息采集记录（不填写自由文本姓名）：办件可以先受理、逐级审核，信息采集经县级审核入库后才能批准">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="recipientId" noStyle rules={[{ required: true, message: '请选择申请人' }]}>
                <RecipientSelect initialLabel={sp.get('name') ?? undefined} />
              </Form.Item>
              <Link to={`/recipients/new?return=${encodeURIComponent(itemId ? `/applications/new?item=${encodeURIComponent(itemId)}` : '/applications/new')}`}>
                <Button icon={<UserAddOutlined />}>采集新人员</Button>
              </Link>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="itemId" label="服务事项" rules={[{ required: true, message: '请选择服务事项' }]}>
            <Select
              aria-label="服务事项"
              placeholder="选择本单位目录中的事项"
              loading={catalog.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(catalog.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
              onChange={() => form.setFieldValue('received', [])}
            />
          </Form.Item>
          {item?.handoff === 'glory-plaque' && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={<span>光荣牌悬挂按家庭户登记，请到<Link to="/glory-plaques">光荣牌</Link>模块办理。</span>} />
          )}
          {item && !item.handoff && (
            <>
              <Typography.Paragraph type="secondary">
                办理环节：{item.steps.map((s) => `${s.label}${s.days ? `（${s.days}${s.dayKind === 'working' ? '个工作日' : '日'}）` : ''}`).join(' → ')}
                {item.noticeRequired ? ` → 公示${item.noticeDays ? ` ${item.noticeDays} 日` : ''}` : ''} → 审批决定
              </Typography.Paragraph>
              <Form.Item name="received" label="材料清单（勾选已收到的材料）">
                <Checkbox.Group className="app-checklist">
                  <Space direction="vertical">
                    {item.materials.map((m, i) => (
                      <Checkbox key={i} value={i}>
                        {m.name}（{materialFormLabels[m.form]} {m.count} 份）{m.required ? '' : '【视情况】'}
                        {m.note && <span className="muted"> {m.note}</span>}
                      </Checkbox>
                    ))}
                  </Space>
                </Checkbox.Group>
              </Form.Item>
            </>
          )}
          <Form.Item name="channel" label="受理方式">
            <Radio.Group options={receiveChannels.map((c) => ({ value: c, label: receiveChannelLabels[c] }))} />
          </Form.Item>
          {channel !== 'inPerson' && (
            <>
              <Form.Item name="handledBy" label="上门或代办人员" rules={[{ required: true, message: '请填写上门或代办人员' }]}>
                <Input maxLength={60} placeholder="如：刘秀英、村书记" />
              </Form.Item>
              <Form.Item name="homeNote" label="办理内容" rules={[{ required: true, message: '请填写办理内容' }]}>
                <Input.TextArea rows={2} maxLength={500} placeholder="如：上门收取材料并代为填写申请表" />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={item?.handoff === 'glory-plaque'}>
            受理
          </Button>
        </Form>
      </Card>
    </PageShell>
  );
}
