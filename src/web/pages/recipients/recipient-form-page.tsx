// 信息采集: the collection form (/recipients/new) and the edit form (/recipients/:id/edit).
// Phone first: one column, large touch targets, collapsible sections. It keeps a local draft on
// every change (restored after a reload, a lost signal or an idle logout) and tells the person
// what is collected and why (PIPL notice), on screen and on paper. The edit form opens with the
// sensitive fields masked: nothing is revealed until the user chooses 修改 on one field, and the
// save sends only the sensitive fields the user changed.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Collapse,
  Form,
  Grid,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import type { CollapseProps } from 'antd';
import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { parsePhone } from '../../../shared/rules/phone';
import {
  branchLabels,
  careCategoryLabels,
  homeServiceReasonLabels,
  certificateKindLabels,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  meritLevelLabels,
  politicalStatusLabels,
  recipientCreate,
  recipientGroupLabels,
  recipientKindLabels,
  recipientUpdate,
  situationKeys,
  situationLabels,
  situationLevels,
  type RecipientCreate,
  type RecipientDetail,
  type RecipientKind,
  type RecipientUpdate,
  type SensitiveField,
  recipientFieldLabels,
} from '../../../shared/schemas/recipients';
import { isApiError } from '../../api/client';
import { queryClient } from '../../api/query-client';
import {
  recipientApi,
  recipientKeys,
  useCreateRecipient,
  useRecipient,
  useSubmitRecipient,
  useUpdateRecipient,
} from '../../api/recipients';
import { DayPicker, todayDay } from '../../components/day-picker';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { safeReturnPath, withParams } from '../../components/return-path';
import { PiplNotice } from '../../components/pipl-notice';
import { FullPageSpin, useCurrentUser } from '../../components/session';
import { applyServerErrors, clearFormErrors, issuesToFieldErrors, serverPathToName, zodRule } from '../../components/zod-form';
import { clearDraft, draftKey, loadDraft, purgeExpiredDrafts, saveDraft, type RecipientDraft } from './recipient-draft';
import { HouseholdField, IdNumberField, SensitiveInput, type StoredSensitive } from './recipient-form-fields';
import {
  bodyFromValues,
  deathKindOfKind,
  draftValuesOf,
  editBodyFromValues,
  emptyValues,
  groupOfKind,
  maskedOf,
  mergeEdits,
  sectionOfField,
  survivorKinds,
  valuesFromDetail,
  type FormValues,
  type Revealed,
} from './recipient-form-values';
import { disabilityGradeOptions, optionsOf } from './recipient-tags';
import { recipientUnitLevels } from './transfer-modals';

const allSections = [
  'identity',
  'service',
  'category',
  'disability',
  'situations',
  'family',
  'household',
  'certificates',
  'merits',
  'other',
] as const;

const deathKindLabels = { martyr: '烈士', dutyDeath: '因公牺牲', illnessDeath: '病故' } as const;

type EditStart = { detail: RecipientDetail; initial: FormValues };

export function RecipientFormPage() {
  const { id } = useParams();
  const me = useCurrentUser();
  const detail = useRecipient(id);
  // the record as it was when the form opened: a save updates the cached record, and the form
  // (with its pending save) must not restart on that
  const [start, setStart] = useState<EditStart | null>(null);
  useEffect(() => purgeExpiredDrafts(), []);
  useEffect(() => {
    // no reveal here: the sensitive fields open masked
    if (!start && detail.data && detail.data.status !== 'pending') setStart({ detail: detail.data, initial: valuesFromDetail(detail.data) });
  }, [start, detail.data]);

  if (!id) {
    const own = recipientUnitLevels.includes(me.orgUnit.level) ? me.orgUnit.id : undefined;
    return <WithDraft initial={emptyValues(own)} />;
  }
  if (start) return <WithDraft detail={start.detail} initial={start.initial} />;
  if (detail.isError) return <Result status="warning" title="无法打开该记录" subTitle={detail.error.message} />;
  if (!detail.data) return <FullPageSpin />;
  if (detail.data.status === 'pending')
    return (
      <Result
        status="info"
        title="记录正在县级审核中"
        subTitle="审核完成前不能修改。"
        extra={<Link to={`/recipients/${id}`}>返回详情</Link>}
      />
    );
  return <FullPageSpin />;
}

/** Opens the (encrypted) local draft of the form before the form renders with it. */
function WithDraft({ detail, initial }: { detail?: RecipientDetail; initial: FormValues }) {
  const me = useCurrentUser();
  const key = draftKey(me.id, detail?.id);
  const [loaded, setLoaded] = useState<{ key: string; draft: RecipientDraft<FormValues> | null } | null>(null);
  useEffect(() => {
    let live = true;
    void loadDraft<FormValues>(key).then((draft) => live && setLoaded({ key, draft }));
    return () => {
      live = false;
    };
  }, [key]);
  if (loaded?.key !== key) return <FullPageSpin />;
  return <RecipientForm detail={detail} initial={initial} draft={loaded.draft} />;
}

function RecipientForm({ detail, initial, draft: storedDraft }: { detail?: RecipientDetail; initial: FormValues; draft: RecipientDraft<FormValues> | null }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const isEdit = !!detail;
  const key = draftKey(me.id, detail?.id);
  // 采集新人员 from another page (the application form): a new record goes back there, selected
  const [searchParams] = useSearchParams();
  const returnTo = isEdit ? null : safeReturnPath(searchParams.get('return'));
  const [form] = Form.useForm<FormValues>();
  // A draft of an edit that the record has outgrown (someone saved meanwhile) is merged with the
  // record at once: the user's changes stay, the other person's are not reverted.
  const [opening] = useState(() => {
    const draft = storedDraft;
    if (!draft) return { draft, values: initial, baseVersion: detail?.version ?? null, base: initial, merged: null };
    if (detail && draft.baseVersion !== null && draft.baseVersion !== detail.version && draft.baseValues) {
      const m = mergeEdits(draft.baseValues, draft.values, initial);
      return { draft, values: m.values, baseVersion: detail.version, base: initial, merged: m.conflicts };
    }
    return { draft, values: draft.values, baseVersion: draft.baseVersion, base: draft.baseValues ?? initial, merged: null };
  });
  const [restored, setRestored] = useState<RecipientDraft<FormValues> | null>(opening.draft);
  const [startValues, setStartValues] = useState<FormValues>(opening.values);
  const [resetPending, setResetPending] = useState(false);
  const baseVersion = useRef<number | null>(opening.baseVersion);
  /** the record's values at baseVersion: what "the user changed" is measured against */
  const baseValues = useRef<FormValues>(opening.base);
  /** after a merge with a newer record: the fields both sides changed (the user's value shown) */
  const [merged, setMerged] = useState<string[] | null>(opening.merged);
  const [lastSaved, setLastSaved] = useState<string | null>(opening.draft?.savedAt ?? null);
  /** a 409: the message, and whether it is a stale version (then the record can be re-loaded) */
  const [conflict, setConflict] = useState<{ message: string; stale: boolean } | null>(null);
  const [rebasing, setRebasing] = useState(false);
  /** clear values revealed for editing (修改), in memory only: what "changed" is measured against */
  const revealed = useRef<Revealed>({});
  /** the record whose masks the sensitive fields show (the latest after a re-load) */
  const [masks, setMasks] = useState<RecipientDetail | undefined>(detail);
  const [active, setActive] = useState<string[]>(() =>
    isPhone || window.matchMedia?.('(max-width: 767px)').matches ? ['identity'] : [...allSections],
  );
  const create = useCreateRecipient();
  const update = useUpdateRecipient();
  const submit = useSubmitRecipient();
  const saving = create.isPending || update.isPending || submit.isPending;

  const kind = (Form.useWatch('kind', form) ?? startValues.kind) as RecipientKind;
  const situations = Form.useWatch('situations', form);
  const familyCount = (Form.useWatch('familyMembers', form) ?? []).length;
  const survivor = survivorKinds.includes(kind);

  useEffect(() => {
    if (!resetPending) return;
    form.resetFields();
    setResetPending(false);
  }, [resetPending, form]);

  function writeDraft(): void {
    const savedAt = new Date().toISOString();
    const all = form.getFieldsValue(true) as FormValues;
    // an edit's draft holds a sensitive value only if the user changed it (never one just revealed)
    const values = isEdit ? draftValuesOf(all, revealed.current) : all;
    const draft = { savedAt, baseVersion: baseVersion.current, baseValues: isEdit ? draftValuesOf(baseValues.current, {}) : undefined, values };
    void saveDraft(key, draft).then((ok) => ok && setLastSaved(savedAt));
  }

  function onValuesChange(changed: Partial<FormValues>): void {
    if (changed.kind) {
      const g = groupOfKind[changed.kind];
      if (g) form.setFieldValue('recipientGroup', g);
      else if (Object.values(groupOfKind).includes(form.getFieldValue('recipientGroup')))
        form.setFieldValue('recipientGroup', 'dischargedSoldier');
      const dk = deathKindOfKind[changed.kind];
      if (dk) form.setFieldValue(['deceasedSoldier', 'deathKind'], dk);
      if (survivorKinds.includes(changed.kind)) setActive((a) => (a.includes('category') ? a : [...a, 'category']));
    }
    writeDraft();
  }

  function discardDraft(): void {
    clearDraft(key);
    setRestored(null);
    setMerged(null);
    setLastSaved(null);
    baseVersion.current = detail?.version ?? null;
    baseValues.current = initial;
    revealed.current = {};
    setMasks(detail);
    setStartValues(initial);
    setResetPending(true);
    void message.info('已丢弃本地草稿');
  }

  /** After a 409: load the record as it is now and keep the user's changes on top of it. */
  async function rebase(): Promise<void> {
    if (!detail) return;
    setRebasing(true);
    try {
      const latest = await queryClient.fetchQuery({
        queryKey: recipientKeys.detail(detail.id),
        queryFn: () => recipientApi.get(detail.id),
        staleTime: 0,
      });
      const theirs = valuesFromDetail(latest);
      // a sensitive field revealed but left as it was goes back to masked (the record's value may be new)
      const mine = draftValuesOf(form.getFieldsValue(true) as FormValues, revealed.current);
      const m = mergeEdits(baseValues.current, mine, theirs);
      baseVersion.current = latest.version;
      baseValues.current = theirs;
      setMasks(latest);
      setStartValues(m.values);
      setResetPending(true);
      setMerged(m.conflicts);
      setConflict(null);
      void saveDraft(key, { savedAt: new Date().toISOString(), baseVersion: latest.version, baseValues: theirs, values: draftValuesOf(m.values, revealed.current) });
      void message.success(`已载入最新记录（第 ${latest.version} 版），保留了您的修改，请核对后保存`);
    } catch {
      // the query client has shown the reason
    } finally {
      setRebasing(false);
    }
  }

  function openSectionsOf(names: (string | number)[][]): void {
    const sections = [...new Set(names.map((n) => sectionOfField[String(n[0])]).filter(Boolean))];
    if (sections.length === 0) return;
    setActive((a) => [...new Set([...a, ...sections])]);
    const first = names[0];
    window.setTimeout(() => form.scrollToField(first, { block: 'center' }), 350);
  }

  async function save(andSubmit: boolean): Promise<void> {
    setConflict(null);
    try {
      await form.validateFields();
    } catch (e) {
      const fields = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      openSectionsOf(fields.map((f) => f.name));
      void message.error('请检查标红的内容');
      return;
    }
    clearFormErrors(form);
    const values = form.getFieldsValue(true) as FormValues;
    const body = isEdit ? editBodyFromValues(values, revealed.current) : bodyFromValues(values);
    const schema = isEdit ? recipientUpdate : recipientCreate;
    const parsed = schema.safeParse(isEdit ? { ...body, version: baseVersion.current } : body);
    if (!parsed.success) {
      const errs = issuesToFieldErrors(parsed.error.issues);
      form.setFields(errs as Parameters<typeof form.setFields>[0]);
      openSectionsOf(errs.map((f) => f.name));
      void message.error(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    const onError = (err: Error): void => {
      if (isApiError(err) && err.status === 409) setConflict({ message: err.message, stale: err.code === 'CONFLICT' });
      const placed = applyServerErrors(form, err);
      if (placed && isApiError(err)) openSectionsOf(err.details.map((d) => serverPathToName(d.path)));
      const offline = isApiError(err) && err.code === 'NETWORK';
      void message.error(offline ? `${err.message}；填写内容已存为本机草稿，恢复网络后再保存` : err.message || '保存失败，请稍后再试');
    };
    const done = (saved: RecipientDetail, reviewCaseId: string | null): void => {
      clearDraft(key);
      const go = () =>
        navigate(returnTo ? withParams(returnTo, { recipient: saved.id, name: `${saved.name}（${saved.orgUnitName}，${saved.idNumberMasked}，采集中）` }) : `/recipients/${saved.id}`);
      if (reviewCaseId) {
        modal.info({
          title: '部分修改已提交县级审核',
          content: '身份、人员类别或伤残信息的变更须经县级审核，审核通过后生效；其他修改已保存。',
          okText: '知道了',
        });
        go();
        return;
      }
      if (andSubmit && (saved.status === 'draft' || saved.status === 'returned')) {
        submit.mutate(
          { id: saved.id, version: saved.version, comment: '' },
          {
            onSuccess: () => {
              void message.success('已保存并提交县级审核');
              go();
            },
            onError: go,
          },
        );
        return;
      }
      void message.success(isEdit ? '已保存' : '已保存为草稿，核对无误后请提交县级审核');
      go();
    };
    if (isEdit && detail) {
      update.mutate(
        { id: detail.id, body: parsed.data as RecipientUpdate },
        { onSuccess: (r) => done(r.detail, r.reviewCaseId), onError },
      );
    } else {
      create.mutate(parsed.data as RecipientCreate, {
        onSuccess: (d) => done(d, null),
        onError,
      });
    }
  }

  /** an edit's sensitive field: masked until 修改 */
  const storedOf = (field: SensitiveField): StoredSensitive | undefined =>
    detail && masks
      ? {
          recipientId: detail.id,
          masked: maskedOf(masks, field),
          onRevealed: (f, v) => {
            revealed.current = { ...revealed.current, [f]: v };
          },
        }
      : undefined;
  const storedId = storedOf('idNumber');

  const half = { xs: 24, md: 12 };
  const third = { xs: 24, sm: 12, lg: 8 };
  const filled = situationKeys.filter((k) => situations?.[k]?.level).length;

  const items: CollapseProps['items'] = [
    {
      key: 'identity',
      label: '基本身份',
      forceRender: true,
      children: (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="kind" label={recipientFieldLabels.kind} rules={[{ required: true, message: '请选择对象类型' }]}>
              <Select options={optionsOf(recipientKindLabels)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            {isEdit ? (
              <Form.Item label={recipientFieldLabels.orgUnitId}>
                <Typography.Text>{detail.orgUnitPath.map((u) => u.name).join(' / ')}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="orgUnitId" label={recipientFieldLabels.orgUnitId} rules={[{ required: true, message: '请选择所属单位' }]}>
                <OrgUnitSelect selectableLevels={recipientUnitLevels} placeholder="村（社区）或网格" />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item
              name="name"
              label={recipientFieldLabels.name}
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }, zodRule(recipientCreate, 'name')]}
            >
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <IdNumberField ownId={detail?.id} stored={storedId && masks ? { ...storedId, birthDate: masks.birthDate, gender: masks.gender } : undefined} />
          </Col>
          <Col {...half}>
            <Form.Item name="ethnicity" label={recipientFieldLabels.ethnicity} rules={[zodRule(recipientCreate, 'ethnicity')]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="phone"
              label={recipientFieldLabels.phone}
              validateTrigger="onBlur"
              rules={[
                {
                  validator: async (_r, v: unknown) => {
                    if (typeof v !== 'string' || v.trim() === '') return;
                    const p = parsePhone(v);
                    if (!p.ok) throw new Error(p.message);
                  },
                },
              ]}
            >
              <SensitiveInput field="phone" stored={storedOf('phone')}>
                <Input inputMode="tel" maxLength={20} autoComplete="off" placeholder="手机或带区号的固定电话" />
              </SensitiveInput>
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="politicalStatus" label={recipientFieldLabels.politicalStatus}>
              <Select allowClear options={optionsOf(politicalStatusLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="lunarBirthday" label={recipientFieldLabels.lunarBirthday} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="householdAddress" label={recipientFieldLabels.householdAddress}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="currentAddress" label={recipientFieldLabels.currentAddress}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      ),
    },
    {
      key: 'service',
      label: '服役信息',
      forceRender: true,
      children: (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="enlistmentDate" label={recipientFieldLabels.enlistmentDate}>
              <DayPicker maxDay={todayDay()} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="dischargeDate"
              label={recipientFieldLabels.dischargeDate}
              dependencies={['enlistmentDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | null | undefined) => {
                    const from = getFieldValue('enlistmentDate') as string | null | undefined;
                    if (v && from && v < from) throw new Error('退役时间不能早于入伍时间');
                  },
                }),
              ]}
            >
              <DayPicker maxDay={todayDay()} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="dischargeType" label={recipientFieldLabels.dischargeType}>
              <Select allowClear options={optionsOf(dischargeTypeLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="branch" label={recipientFieldLabels.branch}>
              <Select allowClear options={optionsOf(branchLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="lastUnit" label={recipientFieldLabels.lastUnit} rules={[zodRule(recipientCreate, 'lastUnit')]}>
              <Input maxLength={100} placeholder="如：某部队番号或单位简称" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="rank" label={recipientFieldLabels.rank} rules={[zodRule(recipientCreate, 'rank')]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
      ),
    },
    {
      key: 'category',
      label: '人员类别与优抚',
      forceRender: true,
      children: (
        <>
          <Form.Item name="recipientGroup" label={recipientFieldLabels.recipientGroup} rules={[{ required: true, message: '请选择人员类别' }]}>
            <Select options={optionsOf(recipientGroupLabels)} />
          </Form.Item>
          <Form.Item name="careCategories" label={recipientFieldLabels.careCategories} extra="可多选；不属于重点优抚对象的不选。">
            <Checkbox.Group className="checkbox-grid" options={optionsOf(careCategoryLabels)} />
          </Form.Item>
          <Form.Item name="homeService" label={recipientFieldLabels.homeService} extra="第四十四条：对年龄偏大、行动不便、鳏寡孤独的服务对象推行上门服务和全程代办。可多选；不属于的不选。">
            <Checkbox.Group className="checkbox-grid" options={optionsOf(homeServiceReasonLabels)} />
          </Form.Item>
          {survivor && (
            <div className="form-subsection">
              <Typography.Text strong>牺牲（病故）军人情况</Typography.Text>
              <Row gutter={16}>
                <Col {...half}>
                  <Form.Item
                    name={['deceasedSoldier', 'name']}
                    label="牺牲（病故）军人姓名"
                    rules={[{ required: true, whitespace: true, message: '请填写牺牲（病故）军人姓名' }]}
                  >
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name={['deceasedSoldier', 'relation']} label="与本人关系">
                    <Input maxLength={10} placeholder="如：父亲、配偶" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item
                    name={['deceasedSoldier', 'deathKind']}
                    label="牺牲（病故）性质"
                    rules={[{ required: true, message: '请选择' }]}
                  >
                    <Select options={optionsOf(deathKindLabels)} />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name={['deceasedSoldier', 'deathDate']} label="牺牲（病故）日期">
                    <DayPicker maxDay={todayDay()} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name={['deceasedSoldier', 'certificateNo']} label="证明书编号">
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          )}
        </>
      ),
    },
    {
      key: 'disability',
      label: '伤残',
      forceRender: true,
      children: (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="disabilityGrade"
              label={recipientFieldLabels.disabilityGrade}
              dependencies={['disabilityCause']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: number | null | undefined) => {
                    if (getFieldValue('disabilityCause') && !v) throw new Error('填写伤残性质时须填写伤残等级');
                  },
                }),
              ]}
            >
              <Select allowClear options={disabilityGradeOptions} placeholder="无伤残不选" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="disabilityCause"
              label={recipientFieldLabels.disabilityCause}
              dependencies={['disabilityGrade']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | null | undefined) => {
                    if (getFieldValue('disabilityGrade') && !v) throw new Error('填写伤残等级时须填写伤残性质');
                  },
                }),
              ]}
            >
              <Select allowClear options={optionsOf(disabilityCauseLabels)} placeholder="因战 / 因公 / 因病" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="disabilityCert" label={recipientFieldLabels.disabilityCert} rules={[zodRule(recipientCreate, 'disabilityCert')]}>
              <SensitiveInput field="disabilityCert" stored={storedOf('disabilityCert')}>
                <Input maxLength={40} autoComplete="off" />
              </SensitiveInput>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="medicalDetails" label={recipientFieldLabels.medicalDetails} extra="敏感个人信息，加密保存。">
              <SensitiveInput field="medicalDetails" stored={storedOf('medicalDetails')}>
                <Input.TextArea rows={3} maxLength={1000} showCount />
              </SensitiveInput>
            </Form.Item>
          </Col>
        </Row>
      ),
    },
    {
      key: 'situations',
      label: '七个状况',
      extra: <span className="muted section-extra">已填 {filled}/7</span>,
      forceRender: true,
      children: (
        <div className="situations">
          {situationKeys.map((k) => (
            <Row gutter={16} key={k} className="situation-row">
              <Col xs={24} md={10}>
                <Form.Item name={['situations', k, 'level']} label={situationLabels[k]}>
                  <Select
                    allowClear
                    placeholder="请选择"
                    options={Object.entries(situationLevels[k]).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item name={['situations', k, 'note']} label={`${situationLabels[k]}说明`}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </div>
      ),
    },
    {
      key: 'family',
      label: '家庭成员',
      extra: <span className="muted section-extra">{familyCount} 人</span>,
      forceRender: true,
      children: (
        <Form.List name="familyMembers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="list-card">
                  <div className="list-card-head">
                    <span>家庭成员 {i + 1}</span>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除家庭成员 ${i + 1}`} />
                  </div>
                  <Row gutter={16}>
                    <Col {...half}>
                      <Form.Item
                        name={[f.name, 'name']}
                        label="成员姓名"
                        rules={[{ required: true, whitespace: true, message: '请填写家庭成员姓名' }]}
                      >
                        <Input maxLength={30} />
                      </Form.Item>
                    </Col>
                    <Col {...half}>
                      <Form.Item
                        name={[f.name, 'relation']}
                        label="与本人关系"
                        rules={[{ required: true, whitespace: true, message: '请填写关系' }]}
                      >
                        <Input maxLength={10} placeholder="如：配偶、儿子" />
                      </Form.Item>
                    </Col>
                    <Col {...half}>
                      <Form.Item name={[f.name, 'birthYear']} label="出生年份">
                        <InputNumber<number> min={1900} max={dayjs().year()} precision={0} style={{ width: '100%' }} inputMode="numeric" />
                      </Form.Item>
                    </Col>
                    <Col {...half}>
                      <Form.Item name={[f.name, 'occupation']} label="职业或工作单位">
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col {...half}>
                      <Form.Item name={[f.name, 'employmentStatus']} label="就业状况" extra="用于查找零就业家庭">
                        <Select allowClear options={optionsOf(employmentStatusLabels)} placeholder="请选择" aria-label={`家庭成员 ${i + 1} 就业状况`} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} className="list-add">
                添加家庭成员
              </Button>
            </>
          )}
        </Form.List>
      ),
    },
    {
      key: 'household',
      label: '家庭户',
      forceRender: true,
      children: isEdit ? (
        detail.household ? (
          <Typography.Paragraph>
            户编号 <span className="mono">{detail.household.id}</span> · {detail.household.address || '（未填地址）'} · 成员{' '}
            {detail.household.members.map((m) => m.name).join('、')}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph type="secondary">未加入家庭户。</Typography.Paragraph>
        )
      ) : (
        <HouseholdField />
      ),
    },
    {
      key: 'certificates',
      label: '证件',
      forceRender: true,
      children: (
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" wrap={false} className="list-row">
                  <Col flex="1 1 0" style={{ minWidth: 0 }}>
                    <Row gutter={16}>
                      <Col {...half}>
                        <Form.Item name={[f.name, 'kind']} label={`证件 ${i + 1}`} rules={[{ required: true, message: '请选择证件类别' }]}>
                          <Select options={optionsOf(certificateKindLabels)} placeholder="证件类别" />
                        </Form.Item>
                      </Col>
                      <Col {...half}>
                        <Form.Item
                          name={[f.name, 'number']}
                          label="证件号码"
                          rules={[{ required: true, whitespace: true, message: '请填写证件号码' }]}
                        >
                          <Input maxLength={40} autoComplete="off" />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Col>
                  <Col flex="none" className="list-row-remove">
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除证件 ${i + 1}`} />
                  </Col>
                </Row>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} className="list-add">
                添加证件
              </Button>
            </>
          )}
        </Form.List>
      ),
    },
    {
      key: 'merits',
      label: '立功受奖',
      forceRender: true,
      children: (
        <Form.List name="merits">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" wrap={false} className="list-row">
                  <Col flex="1 1 0" style={{ minWidth: 0 }}>
                    <Row gutter={16}>
                      <Col {...third}>
                        <Form.Item
                          name={[f.name, 'name']}
                          label={`奖项 ${i + 1}`}
                          rules={[{ required: true, whitespace: true, message: '请填写奖项' }]}
                        >
                          <Input maxLength={60} placeholder="如：个人三等功" />
                        </Form.Item>
                      </Col>
                      <Col {...third}>
                        <Form.Item name={[f.name, 'level']} label="等级" rules={[{ required: true, message: '请选择等级' }]}>
                          <Select options={optionsOf(meritLevelLabels)} />
                        </Form.Item>
                      </Col>
                      <Col {...third}>
                        <Form.Item name={[f.name, 'year']} label="年份">
                          <InputNumber<number> min={1927} max={dayjs().year()} precision={0} style={{ width: '100%' }} inputMode="numeric" />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Col>
                  <Col flex="none" className="list-row-remove">
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除奖项 ${i + 1}`} />
                  </Col>
                </Row>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({ level: 'third' })} className="list-add">
                添加立功受奖
              </Button>
            </>
          )}
        </Form.List>
      ),
    },
    {
      key: 'other',
      label: '其他',
      forceRender: true,
      children: (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="education" label={recipientFieldLabels.education}>
              <Select allowClear options={optionsOf(educationLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="employmentStatus" label={recipientFieldLabels.employmentStatus}>
              <Select allowClear options={optionsOf(employmentStatusLabels)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="skills" label={recipientFieldLabels.skills}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="bankAccount"
              label={recipientFieldLabels.bankAccount}
              rules={[zodRule(recipientCreate, 'bankAccount')]}
              extra="用于发放优抚金等，加密保存。"
            >
              <SensitiveInput field="bankAccount" stored={storedOf('bankAccount')}>
                <Input inputMode="numeric" maxLength={30} autoComplete="off" />
              </SensitiveInput>
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={recipientFieldLabels.notes}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
            </Form.Item>
          </Col>
        </Row>
      ),
    },
  ];

  const title = isEdit ? `编辑：${detail.name}` : '信息采集';
  const canSubmitAfter = !isEdit || detail.status === 'draft' || detail.status === 'returned';
  return (
    <PageShell
      title={title}
      subtitle={isEdit ? detail.orgUnitName : '新建服务对象记录'}
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
      }
    >
      <div className="recipient-form">
        <PiplNotice />
        {restored && (
          <Alert
            className="form-alert draft-alert"
            type="success"
            showIcon
            title="已恢复本地草稿"
            description={`上次编辑于 ${dayjs(restored.savedAt).format('M月D日 HH:mm')}，尚未保存到系统。`}
            action={
              <Button size="small" danger onClick={discardDraft}>
                丢弃
              </Button>
            }
          />
        )}
        {merged && (
          <Alert
            className="form-alert"
            type={merged.length ? 'warning' : 'info'}
            showIcon
            closable={{ onClose: () => setMerged(null) }}
            title="记录已被他人修改，已合并最新内容，您的修改保留"
            description={
              merged.length
                ? `以下项目双方都修改过，当前显示您的内容，请核对：${merged.join('、')}`
                : '您未修改的项目已更新为最新内容。'
            }
          />
        )}
        {isEdit && detail.status === 'registered' && (
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title="已入库记录：修改姓名、身份证号、民族、对象类型、人员类别、优抚类别或伤残信息须经县级审核后生效，其他修改立即生效。"
          />
        )}
        {isEdit && (
          <Typography.Paragraph type="secondary" className="sensitive-note">
            公民身份号码、联系电话、银行账号、残疾军人证号和医疗详情已隐藏，不改不必查看；需要修改哪一项，点该项的「修改」（查看原值记入审计日志）。
          </Typography.Paragraph>
        )}
        {isEdit && detail.status === 'returned' && (
          <Alert className="form-alert" type="warning" showIcon title="县级审核退回了该记录，请按退回意见修改后重新提交。" />
        )}
        <Form<FormValues>
          form={form}
          layout="vertical"
          size={isPhone ? 'large' : 'middle'}
          initialValues={startValues}
          onValuesChange={onValuesChange}
          scrollToFirstError={false}
          className="recipient-form-body"
        >
          <Collapse
            items={items}
            activeKey={active}
            onChange={(k) => setActive(Array.isArray(k) ? k : [k])}
            className="form-sections"
            expandIconPlacement="end"
          />
          <div className="form-actions no-print">
            {/* in the sticky bar, where the user is when the save fails */}
            {conflict && (
              <Alert
                className="form-alert"
                type="error"
                showIcon
                title={conflict.message}
                description="您填写的内容仍保留在表单和本机草稿中。"
                action={
                  detail &&
                  conflict.stale && (
                    <Button size="small" type="primary" loading={rebasing} onClick={() => void rebase()}>
                      载入最新记录并保留我的修改
                    </Button>
                  )
                }
              />
            )}
            <span className="muted form-draft-state">
              {lastSaved ? `草稿已存本机 ${dayjs(lastSaved).format('HH:mm:ss')}` : '填写内容自动存为本机草稿'}
            </span>
            <Space wrap>
              <Button onClick={() => navigate(detail ? `/recipients/${detail.id}` : '/recipients')}>取消</Button>
              {canSubmitAfter && (
                <Button onClick={() => void save(true)} loading={saving}>
                  保存并提交审核
                </Button>
              )}
              <Button type="primary" onClick={() => void save(false)} loading={saving}>
                保存
              </Button>
            </Space>
          </div>
        </Form>
      </div>
    </PageShell>
  );
}
