// 登记信访: what the channel asks for (a visit: ID number checked, discharge certificate checked;
// a group visit: up to 5 representatives), the type, the request/facts/reasons, the problem
// category, the registry recipient (suggested by the ID number), the first handler and the
// leader. While typing, the server suggests earlier petitions on the same matter; one can be
// linked as the first petition of a repeat. The browser checks with the server's zod schema and
// the server's field errors land on their fields.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { parseIdNumber } from '../../../shared/rules/id-number';
import {
  MAX_REPRESENTATIVES,
  petitionCreate,
  type PetitionChannel,
  type PetitionType,
} from '../../../shared/schemas/petitions';
import { usePetitionAssignees, useCreatePetition, useRepeatSuggestions } from '../../api/petitions';
import { recipientApi } from '../../api/recipients';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { categoryOptions, channelOptions, typeOptions } from './petition-tags';

type Values = {
  orgUnitId?: string;
  channel?: PetitionChannel;
  receivedOn?: string | null;
  petitionerName?: string;
  idNumber?: string;
  dischargeCertChecked?: boolean;
  phone?: string;
  address?: string;
  headcount?: number | null;
  representatives?: { name?: string; idNumber?: string }[];
  type?: PetitionType;
  category?: string;
  request?: string;
  facts?: string;
  reasons?: string;
  oral?: boolean;
  recipientId?: string | null;
  handlerUserId?: string;
  leaderUserId?: string | null;
  repeatOf?: string | null;
  accusedOrgUnitId?: string | null;
  accusedUserIds?: string[];
  note?: string;
};

const matchedLabels: Record<string, string> = { idNumber: '身份证号相同', phone: '电话相同', name: '姓名相同' };

/** The registry recipient with this ID number, suggested for the link. */
function RecipientLink({ idNumber, value, onChange }: { idNumber: string; value: string | null | undefined; onChange: (id: string | null) => void }) {
  const parsed = idNumber ? parseIdNumber(idNumber) : null;
  const id18 = parsed?.ok ? parsed.id18 : '';
  const found = useQuery({
    queryKey: ['recipients', 'by-id', id18],
    queryFn: ({ signal }) => recipientApi.list({ idNumber: id18, pageSize: 5 }, signal),
    enabled: !!id18,
    meta: { silent: true },
  });
  if (!id18) return <Typography.Text type="secondary">填写信访人身份证号后，自动查找服务对象库中的记录</Typography.Text>;
  if (found.isPending) return <Typography.Text type="secondary">正在查找服务对象…</Typography.Text>;
  const items = found.data?.items ?? [];
  if (items.length === 0) return <Typography.Text type="secondary">服务对象库中没有该身份证号的记录（可不关联）</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {items.map((r) => (
        <Space key={r.id} wrap>
          <Checkbox checked={value === r.id} onChange={(e) => onChange(e.target.checked ? r.id : null)} aria-label={`关联服务对象 ${r.name}`}>
            关联服务对象
          </Checkbox>
          <Link to={`/recipients/${encodeURIComponent(r.id)}`} target="_blank">
            {r.name}
          </Link>
          <span className="muted">
            {r.idNumberMasked} · {r.orgUnitName}
          </span>
        </Space>
      ))}
    </Space>
  );
}

export function PetitionRegisterPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePetition();
  const [formError, setFormError] = useState<string | null>(null);
  // 反映问题转办: opened from a visit's follow-up, prefilled; saving closes the follow-up
  const [sp] = useSearchParams();
  const fromFollowUpId = sp.get('fromFollowUp');
  const fromVisit = fromFollowUpId
    ? { recipientId: sp.get('recipient'), petitionerName: sp.get('name') ?? '', request: sp.get('need') ?? '', facts: `${sp.get('visitedOn') ?? ''} 入户走访时反映：${sp.get('need') ?? ''}` }
    : null;

  const channel = Form.useWatch('channel', form);
  const type = Form.useWatch('type', form);
  const orgUnitId = Form.useWatch('orgUnitId', form) ?? me.orgUnit.id;
  const headcount = Form.useWatch('headcount', form) ?? 1;
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const petitionerName = Form.useWatch('petitionerName', form) ?? '';
  const phone = Form.useWatch('phone', form) ?? '';
  const request = Form.useWatch('request', form) ?? '';
  const repeatOf = Form.useWatch('repeatOf', form) ?? null;
  const recipientId = Form.useWatch('recipientId', form) ?? null;
  const accusedOrgUnitId = Form.useWatch('accusedOrgUnitId', form) ?? undefined;

  const assignees = usePetitionAssignees(orgUnitId);
  const accusedAssignees = usePetitionAssignees(type === 'accusation' ? (accusedOrgUnitId ?? orgUnitId) : undefined);
  const assigneeOptions = (assignees.data?.items ?? []).map((a) => ({
    value: a.id,
    label: `${a.name}${a.title ? `（${a.title}）` : ''}${a.isHead ? ' · 负责人' : ''}`,
  }));
  // the user is the default first handler: named even before the list arrives
  if (!assigneeOptions.some((o) => o.value === me.id)) assigneeOptions.unshift({ value: me.id, label: me.displayName });

  const suggestKey = useDebounced(
    JSON.stringify({ orgUnitId, petitionerName: petitionerName.trim(), idNumber: idNumber.trim(), phone: phone.trim(), request: request.trim().slice(0, 300) }),
    500,
  );
  const suggestParams = useMemo(() => {
    const p = JSON.parse(suggestKey) as Record<string, string>;
    return p.petitionerName || p.idNumber || p.phone ? p : null;
  }, [suggestKey]);
  const suggestions = useRepeatSuggestions(suggestParams);

  const visit = channel === 'visit';
  const group = visit && headcount > 1;
  const oralChannel = channel === 'visit' || channel === 'phone';

  function submit(values: Values): void {
    if (create.isPending) return; // one registration per click, however impatient
    setFormError(null);
    const raw = {
      ...values,
      orgUnitId: values.orgUnitId ?? me.orgUnit.id,
      headcount: values.headcount ?? 1,
      representatives: group ? (values.representatives ?? []).filter((r) => r.name || r.idNumber) : [],
      dischargeCertChecked: !!values.dischargeCertChecked,
      oral: oralChannel && !!values.oral,
      recipientId: values.recipientId ?? null,
      leaderUserId: values.leaderUserId ?? null,
      repeatOf: values.repeatOf ?? null,
      accusedOrgUnitId: type === 'accusation' ? (values.accusedOrgUnitId ?? null) : null,
      accusedUserIds: type === 'accusation' ? (values.accusedUserIds ?? []) : [],
      fromFollowUpId,
    };
    const body = parseWithSchema(form, petitionCreate, raw);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (p) => {
        void message.success(`已登记：${p.registrationNo}`);
        navigate(`/petitions/${encodeURIComponent(p.id)}`, { replace: true });
        // the query code exists only now (stored hashed): tell it to the petitioner
        void modal.info({
          title: '请将查询码告知信访人',
          width: 440,
          okText: '已告知',
          content: (
            <div>
              <p>信访人凭查询码和登记的手机号码，可在“退役军人服务中心（站）公开信息”网站查询办理进度。查询码只显示这一次。</p>
              <div className="petition-query-code" data-testid="staff-query-code">
                {p.queryCode}
              </div>
              <p className="muted">登记编号：{p.registrationNo}</p>
            </div>
          ),
        });
      },
      onError: (e) => {
        if (!applyServerErrors(form, e)) setFormError(e.message);
      },
    });
  }

  return (
    <PageShell title="登记信访事项" subtitle="登记后自动生成登记编号，并开始计算受理期限（收到之日起 15 日）">
      <Form<Values>
        form={form}
        layout="vertical"
        className="petition-form"
        initialValues={{
          orgUnitId: me.orgUnit.id,
          receivedOn: todayDay(),
          headcount: 1,
          representatives: [],
          handlerUserId: me.id,
          ...(fromVisit && { channel: 'visit', recipientId: fromVisit.recipientId, petitionerName: fromVisit.petitionerName, request: fromVisit.request, facts: fromVisit.facts, oral: true }),
        }}
        onFinish={submit}
        scrollToFirstError
      >
        {fromVisit && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`由走访后续事项转为信访：${fromVisit.petitionerName}`}
            description="已带入信访人和反映的问题；登记保存后，该后续事项即标为“已转办”，并记下本信访事项。"
          />
        )}
        <Card size="small" title="来源" className="detail-section">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="orgUnitId" label="登记单位" rules={[{ required: true, message: '请选择登记单位' }]}>
                <OrgUnitSelect aria-label="登记单位" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
                <DayPicker maxDay={todayDay()} aria-label="收到日期" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="channel" label="信访形式" rules={[{ required: true, message: '请选择信访形式' }]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={channelOptions} aria-label="信访形式" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title="信访人" className="detail-section">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="petitionerName" label="信访人姓名" rules={[{ required: true, whitespace: true, message: '请填写信访人姓名' }]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="idNumber"
                label="公民身份号码"
                rules={[
                  { required: visit, whitespace: true, message: '来访须核验并填写身份证号' },
                  {
                    validator: async (_r, v: string | undefined) => {
                      if (!v || !v.trim()) return;
                      const r = parseIdNumber(v);
                      if (!r.ok) throw new Error(r.message);
                    },
                  },
                ]}
                extra={visit ? '来访：核验身份证件后填写' : undefined}
              >
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone" label="联系电话">
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label="住址" rules={[{ required: true, whitespace: true, message: '请填写住址' }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="headcount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
                <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} aria-label="人数" />
              </Form.Item>
            </Col>
            {visit && (
              <Col span={24}>
                <Form.Item
                  name="dischargeCertChecked"
                  valuePropName="checked"
                  rules={[{ validator: async (_r, v: boolean | undefined) => { if (!v) throw new Error('来访须核验退役证件'); } }]}
                >
                  <Checkbox>已核验退役证件（退役证、退伍证或优待证等）</Checkbox>
                </Form.Item>
              </Col>
            )}
            {group && (
              <Col span={24}>
                <Typography.Paragraph type="secondary">集体访：请登记推选的代表，最多 {MAX_REPRESENTATIVES} 人（信访工作条例第二十条）。</Typography.Paragraph>
                <Form.List name="representatives">
                  {(fields, { add, remove }, { errors }) => (
                    <>
                      {fields.map((f, i) => (
                        <Row gutter={8} key={f.key} align="top">
                          <Col xs={10} md={8}>
                            <Form.Item name={[f.name, 'name']} label={i === 0 ? '代表姓名' : undefined} rules={[{ required: true, whitespace: true, message: '请填写代表姓名' }]}>
                              <Input maxLength={30} aria-label={`代表${i + 1}姓名`} />
                            </Form.Item>
                          </Col>
                          <Col xs={11} md={12}>
                            <Form.Item name={[f.name, 'idNumber']} label={i === 0 ? '代表身份证号' : undefined} rules={[{ required: true, whitespace: true, message: '请填写代表身份证号' }]}>
                              <Input maxLength={30} aria-label={`代表${i + 1}身份证号`} />
                            </Form.Item>
                          </Col>
                          <Col xs={3} md={4}>
                            <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除代表${i + 1}`} style={i === 0 ? { marginTop: 30 } : undefined} />
                          </Col>
                        </Row>
                      ))}
                      <Form.ErrorList errors={errors} />
                      <Button className="petition-add-rep" icon={<PlusOutlined />} onClick={() => add({ name: '', idNumber: '' })} disabled={fields.length >= MAX_REPRESENTATIVES}>
                        添加代表（{fields.length}/{MAX_REPRESENTATIVES}）
                      </Button>
                    </>
                  )}
                </Form.List>
              </Col>
            )}
            <Col span={24}>
              <Form.Item label="关联服务对象" name="recipientId">
                <RecipientLink idNumber={idNumber} value={recipientId} onChange={(v) => form.setFieldValue('recipientId', v)} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title="信访事项" className="detail-section">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="type" label="事项类别" rules={[{ required: true, message: '请选择事项类别' }]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={typeOptions} aria-label="事项类别" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                <Select options={categoryOptions} aria-label="问题类别" placeholder="选择问题类别" />
              </Form.Item>
            </Col>
            {type === 'accusation' && (
              <Col span={24}>
                <Alert
                  type="warning"
                  showIcon
                  className="petition-repeat-hint"
                  title="检举控告类事项仅首办责任人、包案领导和单位负责人可见，不得透露给被检举控告的人员和单位。被检举控告的是本单位或其负责人的，应交上一级办理（信访工作条例第二十八条、第三十条）。"
                />
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="accusedOrgUnitId" label="被检举控告的单位（选填）">
                      <OrgUnitSelect allowClear aria-label="被检举控告的单位" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="accusedUserIds" label="被检举控告的工作人员（选填）">
                      <Select
                        mode="multiple"
                        allowClear
                        aria-label="被检举控告的工作人员"
                        options={(accusedAssignees.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.unitName}）` }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
            )}
            <Col span={24}>
              <Form.Item name="request" label="信访请求" rules={[{ required: true, whitespace: true, message: '请填写信访请求' }]}>
                <Input.TextArea rows={2} maxLength={2000} showCount />
              </Form.Item>
              <Form.Item name="facts" label="事实" rules={[{ required: true, whitespace: true, message: '请填写事实' }]}>
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
              <Form.Item name="reasons" label="理由">
                <Input.TextArea rows={3} maxLength={4000} showCount />
              </Form.Item>
              {oralChannel && (
                <Form.Item name="oral" valuePropName="checked">
                  <Checkbox>口头提出，按信访人所述如实记录</Checkbox>
                </Form.Item>
              )}
            </Col>
          </Row>
        </Card>

        <Card size="small" title={`疑似重复信访${suggestions.data?.items.length ? `（${suggestions.data.items.length}）` : ''}`} className="detail-section">
          <Form.Item name="repeatOf" hidden>
            <Input />
          </Form.Item>
          {!suggestParams ? (
            <Typography.Text type="secondary">填写信访人姓名、身份证号或电话后，自动查找同一信访人就同一事项的在先信访。</Typography.Text>
          ) : (suggestions.data?.items.length ?? 0) === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现疑似重复的信访事项" />
          ) : (
            <List
              size="small"
              dataSource={suggestions.data?.items ?? []}
              renderItem={(s) => (
                <List.Item
                  actions={[
                    repeatOf === s.id ? (
                      <Button key="unlink" size="small" onClick={() => form.setFieldValue('repeatOf', null)}>
                        取消关联
                      </Button>
                    ) : (
                      <Button key="link" size="small" type="primary" ghost onClick={() => form.setFieldValue('repeatOf', s.id)}>
                        关联为重复件
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        <Link to={`/petitions/${encodeURIComponent(s.id)}`} target="_blank">
                          {s.registrationNo}
                        </Link>
                        <span>{s.petitionerName}</span>
                        <Tag>{s.statusLabel}</Tag>
                        {s.matchedBy.map((m) => (
                          <Tag key={m} color="orange">
                            {matchedLabels[m]}
                          </Tag>
                        ))}
                        <span className="muted">内容相似度 {Math.round(s.similarity * 100)}%</span>
                        {repeatOf === s.id && <Tag color="red">已关联为首件</Tag>}
                      </Space>
                    }
                    description={`${s.receivedOn} · ${s.request.length > 80 ? `${s.request.slice(0, 80)}…` : s.request}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>

        <Card size="small" title="责任人" className="detail-section">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="handlerUserId" label="首办责任人" rules={[{ required: true, message: '请选择首办责任人' }]}>
                <Select options={assigneeOptions} loading={assignees.isPending} aria-label="首办责任人" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="leaderUserId" label="包案领导（疑难复杂或群众关注的事项）">
                <Select options={assigneeOptions} allowClear aria-label="包案领导" showSearch={{ optionFilterProp: 'label' }} placeholder="不设包案领导" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label="备注">
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {formError && <Alert type="error" showIcon title={formError} className="petition-repeat-hint" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            登记
          </Button>
          <Button onClick={() => navigate('/petitions')}>取消</Button>
        </Space>
      </Form>
    </PageShell>
  );
}
