// 记录走访 /visits/new?dueVisit=… (an owed visit) or ?recipient=… (a routine "走亲戚" visit): the
// form a village worker fills in a house, on a phone. It never loses what was typed: every change
// is kept as a local draft (per user and per owed visit / person), restored on reopening; a submit
// that cannot reach the server (no signal, session expired) goes to the outbox with its clientKey
// and is sent later on its own — the server records it once however often it arrives.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Grid, Input, InputNumber, Result, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { CameraOutlined, CheckCircleFilled, CheckOutlined, DeleteOutlined, LeftOutlined, PictureOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { situationKeys, situationLabels, type SituationKey } from '../../../shared/schemas/recipients';
import { situationChoices, situationTone, situationToneLabels } from '../../../shared/rules/situation-tones';
import { VISIT_PHOTO_MAX, visitCreate, visitTypeLabels, visitTypes, type VisitDetail } from '../../../shared/schemas/visits';
import { api, isApiError } from '../../api/client';
import { meKey, queryClient } from '../../api/query-client';
import { recipientApi } from '../../api/recipients';
import { refreshVisits, useDueVisit, useRecipientVisits, useVisitStaff, visitPaths } from '../../api/visits';
import { DayPicker, todayDay } from '../../components/day-picker';
import { encodePhoto, formatBytes } from '../../components/file-encode';
import { PageShell } from '../../components/page-shell';
import { FullPageSpin, useCurrentUser } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { applyServerErrors, clearFormErrors, issuesToFieldErrors } from '../../components/zod-form';
import {
  bodyOf,
  contextOf,
  groupOfField,
  initialValues,
  visitFormGroupLabels,
  visitFormGroups,
  type FormPhoto,
  type VisitContext,
  type VisitDraftValues,
  type VisitFormGroup,
  type VisitFormValues,
} from './visit-form-values';
import { markSignedOut, onVisitSent, queueVisit, reopenOutboxEntry, sentFromOutbox, useOutbox, type OutboxBody } from './visit-outbox';
import { deleteVisitDraft, draftKeyOf, loadVisitDraft, newClientKey, saveVisitDraft, type StoredDraft } from './visit-store';
import { DueDay, KeyGroupTags, OutboxIndicator } from './visit-tags';
import './visits.css';

type Opening = { draft: StoredDraft<VisitDraftValues> | null };

export function VisitFormPage() {
  const [params] = useSearchParams();
  const dueVisitId = params.get('dueVisit') ?? undefined;
  const recipientId = params.get('recipient') ?? undefined;
  if (!dueVisitId && !recipientId) return <RecipientPickerPage />;
  return <VisitFormLoader key={`${dueVisitId ?? ''}:${recipientId ?? ''}`} dueVisitId={dueVisitId} recipientId={recipientId} />;
}

function VisitFormLoader({ dueVisitId, recipientId }: { dueVisitId?: string; recipientId?: string }) {
  const me = useCurrentUser();
  const key = draftKeyOf(me.id, dueVisitId ? `due:${dueVisitId}` : `recipient:${recipientId}`);
  const [opening, setOpening] = useState<Opening | null>(null);
  useEffect(() => {
    let live = true;
    void loadVisitDraft<VisitDraftValues>(key).then((draft) => live && setOpening({ draft }));
    return () => {
      live = false;
    };
  }, [key]);
  const due = useDueVisit(dueVisitId, recipientId);
  const rid = recipientId ?? due.data?.recipientId;
  const recipient = useQuery({
    queryKey: ['recipients', 'detail', rid ?? ''],
    queryFn: ({ signal }) => recipientApi.get(rid as string, signal),
    enabled: !!rid,
  });
  const panel = useRecipientVisits(dueVisitId ? undefined : recipientId);
  useOutbox(); // re-render when the outbox sends
  const sentLabel = sentFromOutbox(key);

  if (sentLabel)
    return (
      <Result
        status="success"
        title="走访记录已发送"
        subTitle={`${sentLabel}：本机保存的走访记录已发送到系统。`}
        extra={
          <Space wrap>
            <BackToOwed />
            <VisitLedgerLink />
          </Space>
        }
      />
    );
  if (!opening) return <FullPageSpin />;
  // a draft opens as it was, even without a signal
  if (opening.draft) return <VisitForm draftKey={key} context={opening.draft.values.context} initial={opening.draft.values.values} draft={opening.draft} />;
  if (due.isError || recipient.isError)
    return <Result status="warning" title="无法打开走访表" subTitle={(due.error ?? recipient.error)?.message} />;
  if (due.data && due.data.status !== 'owed')
    return (
      <Result
        status="success"
        title={`${due.data.recipientName}的${due.data.label}已${due.data.status === 'done' ? `于 ${due.data.doneOn ?? ''} 走访` : '取消'}`}
        extra={<BackToOwed />}
      />
    );
  if (!recipient.data || (dueVisitId && !due.data) || (!dueVisitId && panel.isPending)) return <FullPageSpin />;
  const ctx = contextOf(recipient.data, due.data ?? null, panel.data?.keyGroups ?? []);
  return <VisitForm draftKey={key} context={ctx} initial={initialValues(recipient.data, due.data ?? null, me.displayName, todayDay())} draft={null} />;
}

function BackToOwed() {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/visits/owed')}>
      返回应访名单
    </Button>
  );
}

function VisitLedgerLink() {
  const navigate = useNavigate();
  return <Button onClick={() => navigate('/visits')}>走访记录</Button>;
}

function VisitForm({ draftKey, context, initial, draft }: { draftKey: string; context: VisitContext; initial: VisitFormValues; draft: StoredDraft<VisitDraftValues> | null }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const from = location.state as { owedSearch?: string; returnTo?: string } | null;
  /** where the form goes when done: the page it was opened from when that page says so (the field home), else the owed list as the user left it */
  const owedList = from?.returnTo ?? `/visits/owed${from?.owedSearch ?? ''}`;
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<VisitFormValues>();
  const clientKey = useRef<string | null>(draft?.clientKey ?? null);
  const [lastSaved, setLastSaved] = useState<string | null>(draft?.savedAt ?? null);
  const restored = !!draft;
  const [sending, setSending] = useState(false);
  const outbox = useOutbox();
  const queued = outbox.entries.find((e) => e.draftKey === draftKey);
  // the photos and the confirmed situations have no form field of their own: kept here and copied
  // into the form's values (so that the draft keeps them)
  const [photos, setPhotos] = useState<FormPhoto[]>(initial.photos ?? []);
  const [confirmed, setConfirmed] = useState<SituationKey[]>(initial.confirmedSituations ?? []);
  // on a phone one group per screen; on a desktop all of them, one under the other
  const [group, setGroup] = useState<VisitFormGroup>('basic');
  const followUpCount = (Form.useWatch('followUps', form) ?? []).length;
  const staff = useVisitStaff({}, true);
  const staffOptions = [
    { value: '', label: `本人（${me.displayName}）` },
    ...(staff.data?.items ?? []).filter((s) => s.id !== me.id).map((s) => ({ value: s.id, label: `${s.name} · ${s.orgUnitName}` })),
  ];

  // the form opens at its top, whatever the page before it was scrolled to (a block body: newer
  // browsers' scrollTo returns a promise, which React would take for the effect's cleanup)
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);

  // this form's visit sent from the outbox (after a sign-in, or the signal came back): move on
  useEffect(
    () =>
      onVisitSent((e) => {
        if (e.draftKey !== draftKey) return;
        void message.success(`已记录走访：${e.label}`);
        navigate(context.dueVisitId || from?.returnTo ? owedList : '/visits', { replace: true });
      }),
    [draftKey, context.dueVisitId, owedList, from?.returnTo, message, navigate],
  );

  // one write at a time, the latest values win
  const writing = useRef<Promise<unknown>>(Promise.resolve());
  function writeDraft(): void {
    const savedAt = new Date().toISOString();
    const values = form.getFieldsValue(true) as VisitFormValues;
    const next: StoredDraft<VisitDraftValues> = { key: draftKey, userId: me.id, savedAt, values: { context, values }, clientKey: clientKey.current };
    writing.current = writing.current.then(() => saveVisitDraft(next)).then((ok) => ok && setLastSaved(savedAt));
  }

  function show(g: VisitFormGroup): void {
    setGroup(g);
    if (isPhone) window.scrollTo(0, 0);
  }

  function confirm(keys: readonly SituationKey[]): void {
    const next = situationKeys.filter((k) => confirmed.includes(k) || keys.includes(k));
    setConfirmed(next);
    form.setFieldValue('confirmedSituations', next);
    writeDraft();
  }

  async function discardDraft(): Promise<void> {
    await deleteVisitDraft(draftKey);
    // a fresh form from the person's record as it is now
    window.location.reload();
  }

  async function addPhotos(files: FileList | null): Promise<void> {
    if (!files?.length) return;
    const current = photos;
    const room = VISIT_PHOTO_MAX - current.length;
    if (room <= 0) return void message.warning(`照片最多 ${VISIT_PHOTO_MAX} 张`);
    const added: FormPhoto[] = [];
    for (const file of [...files].slice(0, room)) {
      try {
        const p = await encodePhoto(file, '走访照片');
        URL.revokeObjectURL(p.previewUrl);
        added.push({ name: p.name, mime: p.mime, dataBase64: p.dataBase64, size: p.size, width: p.width, height: p.height });
      } catch (e) {
        void message.error(e instanceof Error ? e.message : '照片处理失败');
      }
    }
    if (files.length > room) void message.warning(`照片最多 ${VISIT_PHOTO_MAX} 张，多出的未添加`);
    else if (added.length) void message.success(`已添加 ${added.length} 张照片（共 ${current.length + added.length} 张）`);
    setPhotos([...current, ...added]);
    form.setFieldValue('photos', [...current, ...added]);
    writeDraft();
  }

  const photoInputs = usePhotoInputs(addPhotos);

  function removePhoto(i: number): void {
    const next = photos.filter((_, j) => j !== i);
    setPhotos(next);
    form.setFieldValue('photos', next);
    writeDraft();
  }

  async function submit(): Promise<void> {
    clearFormErrors(form);
    try {
      await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0];
      show(groupOfField(first));
      void message.error('请检查标红的内容');
      return;
    }
    const unconfirmed = situationKeys.filter((k) => !confirmed.includes(k));
    if (unconfirmed.length) {
      show('situations');
      void message.error(`还有 ${unconfirmed.length} 个状况未确认：有变化的点选新情况，其余点「其余情况无变化」`);
      return;
    }
    const values = form.getFieldsValue(true) as VisitFormValues;
    clientKey.current ??= newClientKey();
    const parsed = visitCreate.safeParse(bodyOf(context, values, clientKey.current));
    if (!parsed.success) {
      form.setFields(issuesToFieldErrors(parsed.error.issues) as Parameters<typeof form.setFields>[0]);
      show(groupOfField(parsed.error.issues[0]?.path[0] as string | number | undefined));
      void message.error(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    // the clientKey is kept with the draft before anything is sent
    writeDraft();
    await writing.current;
    const body = parsed.data as unknown as OutboxBody;
    const label = `${context.recipientName} · ${context.label ?? '日常走访'}`;
    setSending(true);
    try {
      const saved = await api<VisitDetail>(visitPaths.visits, { method: 'POST', body });
      await deleteVisitDraft(draftKey);
      if (queued) await reopenOutboxEntry(queued.clientKey);
      void refreshVisits(context.recipientId);
      void message.success(`已记录走访：${label}`);
      navigate(context.dueVisitId || from?.returnTo ? owedList : `/visits?visit=${encodeURIComponent(saved.id)}`);
    } catch (e) {
      const offline = isApiError(e) && (e.code === 'NETWORK' || e.status === 0 || e.status >= 500);
      const signedOut = isApiError(e) && (e.status === 401 || (e.status === 403 && e.code === 'STAGE_REQUIRED'));
      if (offline || signedOut) {
        await queueVisit({ clientKey: clientKey.current, userId: me.id, draftKey, label, body });
        if (signedOut) {
          // signed out: the sign-in page comes back to this form, and signing in again (even as
          // the same user) sends the outbox; the form then moves on by itself
          void message.warning('登录已失效：走访记录已存入待发送，重新登录后自动发送', 6);
          markSignedOut();
          queryClient.setQueryData(meKey, null);
        } else {
          void message.warning('网络未连接：走访记录已存入本机待发送，恢复网络后自动发送', 6);
          navigate(owedList);
        }
        return;
      }
      if (!applyServerErrors(form, e)) void message.error(e instanceof Error ? e.message : '保存失败，请稍后再试');
      else {
        const first = form.getFieldsError().find((f) => f.errors.length > 0)?.name[0];
        show(groupOfField(first));
        void message.error('请检查标红的内容');
      }
    } finally {
      setSending(false);
    }
  }

  const money = (
    <InputNumber<number>
      min={0}
      max={1_000_000}
      precision={2}
      step={100}
      style={{ width: '100%' }}
      placeholder="0.00"
      suffix="元"
      inputMode="decimal"
      aria-label="慰问金额"
    />
  );

  /** a group's card: on a phone only the current group is shown (the others stay mounted, so they validate) */
  const groupClass = (g: VisitFormGroup) => `visit-card visit-group${isPhone && group !== g ? ' visit-group-hidden' : ''}`;
  const groupIndex = visitFormGroups.indexOf(group);
  const prev = visitFormGroups[groupIndex - 1];
  const next = visitFormGroups[groupIndex + 1];
  const unconfirmedCount = situationKeys.length - confirmed.length;

  return (
    <PageShell title="记录走访" subtitle={context.label ?? '日常走访（走亲戚）'} className="visit-form-page">
      <OutboxIndicator />
      <Card size="small" className="visit-person">
        <Flex justify="space-between" align="start" gap={8} wrap>
          <div>
            <Typography.Link strong className="visit-person-name" onClick={() => navigate(`/recipients/${context.recipientId}`)}>
              {context.recipientName}
            </Typography.Link>
            <div className="muted">{context.orgUnitName}</div>
          </div>
          <KeyGroupTags groups={context.keyGroups} />
        </Flex>
        {context.dueVisitId && (
          <div className="visit-person-due">
            <span className="muted">{context.label}</span>
            {context.occasionDay && <span className="muted"> · {context.occasionDay}</span>}
            {context.windowEnd && (
              <span>
                <span className="muted"> · 应访期限 </span>
                <DueDay due={{ windowEnd: context.windowEnd, status: 'owed', state: context.windowEnd < todayDay() ? 'overdue' : 'open' }} />
              </span>
            )}
          </div>
        )}
      </Card>
      {restored && (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          title="已恢复本地草稿"
          description={draft ? `上次编辑于 ${dayjs(draft.savedAt).format('M月D日 HH:mm')}，尚未提交。` : undefined}
          action={
            <Button size="small" danger onClick={() => void discardDraft()}>
              丢弃
            </Button>
          }
        />
      )}
      {queued && (
        <Alert
          className="form-alert"
          type={queued.failed ? 'error' : 'warning'}
          showIcon
          title={queued.failed ? `该走访被退回：${queued.failed}` : '该走访已在本机待发送，联网后自动发送'}
          description={queued.failed ? '请修改后重新提交。' : '如需修改，改好后再次提交即可，不会重复记录。'}
        />
      )}
      {isPhone && (
        <nav className="visit-steps no-print" aria-label="走访表分组">
          {visitFormGroups.map((g, i) => (
            <button
              key={g}
              type="button"
              className={`visit-step${g === group ? ' visit-step-current' : ''}`}
              aria-current={g === group ? 'step' : undefined}
              onClick={() => show(g)}
            >
              <span className="visit-step-no">{i + 1}</span>
              <span className="visit-step-label">{visitFormGroupLabels[g]}</span>
              {g === 'situations' && unconfirmedCount > 0 && <span className="visit-step-mark">{unconfirmedCount}</span>}
              {g === 'photos' && photos.length > 0 && <span className="visit-step-mark visit-step-mark-done">{photos.length}</span>}
            </button>
          ))}
        </nav>
      )}
      {photoInputs.inputs}
      <Form<VisitFormValues>
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : 'middle'}
        initialValues={initial}
        onValuesChange={writeDraft}
        className="visit-form"
      >
        <Card size="small" title="走访情况" className={groupClass('basic')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }]}>
                <DayPicker maxDay={todayDay()} aria-label="走访日期" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="visitType" label="走访形式" rules={[{ required: true, message: '请选择走访形式' }]}>
                <Select aria-label="走访形式" options={visitTypes.map((t) => ({ value: t, label: visitTypeLabels[t] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="visitors" label="走访人员" rules={[{ required: true, whitespace: true, message: '请填写走访人员' }]}>
                <Input maxLength={200} placeholder="如：张三、李四（村委）" aria-label="走访人员" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          size="small"
          title="了解情况（七个状况）"
          className={groupClass('situations')}
          extra={<span className="muted">已按档案预填，有变化的点选新情况</span>}
        >
          {situationKeys.map((k) => (
            <SituationRow key={k} form={form} situation={k} confirmed={confirmed.includes(k)} onConfirm={() => confirm([k])} />
          ))}
          <div className="visit-situations-foot">
            {unconfirmedCount > 0 ? (
              <Button block size="large" icon={<CheckOutlined />} onClick={() => confirm(situationKeys)}>
                其余情况无变化（确认 {unconfirmedCount} 项）
              </Button>
            ) : (
              <div className="visit-situations-done">
                <CheckCircleFilled /> 七个状况均已确认
              </div>
            )}
          </div>
        </Card>

        <Card size="small" title="反映问题及后续事项" className={groupClass('needs')}>
          <Form.Item name="needs" label="反映的问题和诉求">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount aria-label="反映的问题和诉求" />
          </Form.Item>
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} className="visit-follow-up">
                    <Flex justify="space-between" align="center">
                      <Typography.Text strong>后续事项 {i + 1}</Typography.Text>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除后续事项 ${i + 1}`}
                        onClick={() => {
                          remove(f.name);
                          writeDraft();
                        }}
                      />
                    </Flex>
                    <Form.Item name={[f.name, 'need']} label="需要办理的事项" rules={[{ required: true, whitespace: true, message: '请填写需要办理的事项' }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} aria-label={`后续事项 ${i + 1}`} />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} sm={14}>
                        <Form.Item name={[f.name, 'ownerUserId']} label="负责人" getValueProps={(v: string | null) => ({ value: v ?? '' })} normalize={(v: string) => v || null}>
                          <Select showSearch={{ optionFilterProp: 'label' }} options={staffOptions} loading={staff.isPending} aria-label={`后续事项 ${i + 1} 负责人`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={10}>
                        <Form.Item name={[f.name, 'dueDay']} label="办理期限">
                          <DayPicker minDay={todayDay()} aria-label={`后续事项 ${i + 1} 期限`} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                {followUpCount < 10 && (
                  <Button
                    block
                    icon={<PlusOutlined />}
                    onClick={() => {
                      add({ need: '', ownerUserId: null, dueDay: null });
                      writeDraft();
                    }}
                  >
                    添加后续事项（指定负责人和期限）
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Form.Item name="followUp" label="后续措施" className="visit-follow-up-summary">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder="如：协调村委帮助申请临时救助" aria-label="后续措施" />
          </Form.Item>
        </Card>

        <Card size="small" title="慰问金物" className={groupClass('gifts')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="moneyYuan" label="慰问金额">
                {money}
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="goods" label="慰问物品">
                <Input maxLength={300} placeholder="如：大米一袋、食用油一桶" aria-label="慰问物品" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={`照片（${photos.length}/${VISIT_PHOTO_MAX}）`} className={groupClass('photos')}>
          <PhotoPicker photos={photos} busy={photoInputs.busy} onCamera={photoInputs.openCamera} onAlbum={photoInputs.openAlbum} onRemove={removePhoto} />
          <Form.Item name="note" label="备注" className="visit-note">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} aria-label="备注" />
          </Form.Item>
        </Card>

        {/* always in reach: sticks to the bottom of the screen */}
        <div className="form-actions visit-form-footer no-print">
          <span className="muted form-draft-state">
            {lastSaved ? `草稿已存本机 ${dayjs(lastSaved).format('HH:mm:ss')}` : '填写内容自动存为本机草稿'}
          </span>
          <div className="visit-form-footer-buttons">
            {isPhone ? (
              <>
                {/* the camera from any group: a photo is taken when the moment is there */}
                <Button
                  icon={<CameraOutlined />}
                  loading={photoInputs.busy}
                  disabled={photos.length >= VISIT_PHOTO_MAX}
                  onClick={photoInputs.openCamera}
                  aria-label={`拍照（已有 ${photos.length} 张）`}
                  className="visit-form-camera"
                >
                  {photos.length > 0 ? photos.length : null}
                </Button>
                {next ? (
                  <Button onClick={() => show(next)} className="visit-form-next">
                    下一步：{visitFormGroupLabels[next]}
                  </Button>
                ) : (
                  <Button onClick={() => prev && show(prev)} className="visit-form-next" icon={<LeftOutlined />}>
                    上一步
                  </Button>
                )}
              </>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
            <Button type="primary" loading={sending} onClick={() => void submit()} className="visit-form-submit">
              提交走访记录
            </Button>
          </div>
        </div>
      </Form>
    </PageShell>
  );
}

/**
 * One of the seven situations: its own levels as one-tap choices coloured by tone (正常 / 关注 /
 * 困难), prefilled from the record. Tapping another level changes it; tapping the prefilled one
 * confirms it unchanged. The note opens for a level that is not normal (or when it has text).
 */
function SituationRow({ form, situation: k, confirmed, onConfirm }: { form: FormInstance<VisitFormValues>; situation: SituationKey; confirmed: boolean; onConfirm: () => void }) {
  const level = Form.useWatch(['situations', k, 'level'], form) as string | null | undefined;
  const note = Form.useWatch(['situations', k, 'note'], form) as string | undefined;
  const tone = situationTone(k, level);
  const showNote = (tone !== null && tone !== 'normal') || !!note?.trim();
  return (
    <div className={`visit-situation${confirmed ? ' visit-situation-confirmed' : ''}`} data-testid={`situation-${k}`}>
      <div className="visit-situation-head">
        <span className="visit-situation-label" id={`situation-${k}-label`}>
          {situationLabels[k]}
        </span>
        {confirmed && !level ? (
          <span className="visit-situation-state muted">本次未了解</span>
        ) : confirmed ? (
          <span className="visit-situation-state visit-situation-state-done">
            <CheckCircleFilled /> 已确认
          </span>
        ) : (
          <span className="visit-situation-state">{level ? '档案情况，待确认' : '档案未填，请点选'}</span>
        )}
      </div>
      <Form.Item name={['situations', k, 'level']} noStyle>
        <SituationChoices situation={k} onPick={onConfirm} />
      </Form.Item>
      {showNote && (
        <Form.Item name={['situations', k, 'note']} className="visit-situation-note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={`${situationLabels[k]}说明（可不填）`} aria-label={`${situationLabels[k]}说明`} />
        </Form.Item>
      )}
    </div>
  );
}

function SituationChoices({ situation: k, value, onChange, onPick }: { situation: SituationKey; value?: string | null; onChange?: (v: string) => void; onPick: () => void }) {
  return (
    <div className="visit-choices" role="radiogroup" aria-labelledby={`situation-${k}-label`} aria-label={situationLabels[k]}>
      {situationChoices(k).map((c) => (
        <button
          key={c.level}
          type="button"
          role="radio"
          aria-checked={value === c.level}
          aria-label={c.label}
          title={c.short === c.label ? situationToneLabels[c.tone] : `${c.label}（${situationToneLabels[c.tone]}）`}
          className={`visit-choice visit-choice-${c.tone}${value === c.level ? ' visit-choice-on' : ''}`}
          onClick={() => {
            if (value !== c.level) onChange?.(c.level);
            onPick();
          }}
        >
          {c.short}
        </button>
      ))}
    </div>
  );
}

/**
 * The photo inputs of the form, mounted once: the camera (capture) and the album. The form's
 * footer and the photo group both open them.
 */
function usePhotoInputs(onAdd: (files: FileList | null) => Promise<void>) {
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    setBusy(true);
    void onAdd(input.files).finally(() => {
      setBusy(false);
      input.value = '';
    });
  };
  const inputs = (
    <>
      {/* antd's form styles show file inputs (display: block) above any class rule: hidden inline */}
      <input ref={camera} type="file" accept="image/*" capture="environment" aria-label="拍摄走访照片" className="visit-photo-input" style={{ display: 'none' }} onChange={picked} />
      <input ref={album} type="file" accept="image/*" multiple aria-label="选择走访照片" className="visit-photo-input" style={{ display: 'none' }} onChange={picked} />
    </>
  );
  return { inputs, busy, openCamera: () => camera.current?.click(), openAlbum: () => album.current?.click() };
}

/** The photos of the visit (downscaled before they are kept or sent), with 拍照 and 从相册选. */
function PhotoPicker({ photos, busy, onCamera, onAlbum, onRemove }: { photos: FormPhoto[]; busy: boolean; onCamera: () => void; onAlbum: () => void; onRemove: (i: number) => void }) {
  return (
    <div className="visit-photos">
      {photos.map((p, i) => (
        <div key={`${p.name}-${i}`} className="visit-photo">
          <img src={`data:${p.mime};base64,${p.dataBase64}`} alt={`走访照片 ${i + 1}`} />
          <div className="visit-photo-meta">
            {p.width}×{p.height} · {formatBytes(p.size)}
          </div>
          <Button size="small" danger icon={<DeleteOutlined />} className="visit-photo-remove" aria-label={`移除照片 ${i + 1}`} onClick={() => onRemove(i)} />
        </div>
      ))}
      {photos.length < VISIT_PHOTO_MAX && (
        <>
          <Button type="primary" ghost className="visit-photo-add" icon={<CameraOutlined />} loading={busy} onClick={onCamera}>
            拍照
          </Button>
          <Button className="visit-photo-add" icon={<PictureOutlined />} disabled={busy} onClick={onAlbum}>
            从相册选
          </Button>
        </>
      )}
      <div className="muted visit-photo-hint">上传前自动压缩（最长边不超过 1600 像素）</div>
    </div>
  );
}

/** A routine visit without an owed entry: find the person by name first. */
function RecipientPickerPage() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const found = useQuery({
    queryKey: ['recipients', 'list', { q: term, pageSize: 20, purpose: 'visit' }],
    queryFn: ({ signal }) => recipientApi.list({ q: term, pageSize: 20, status: 'registered' }, signal),
    enabled: term.length >= 1,
  });
  return (
    <PageShell title="记录走访" subtitle="日常走访（走亲戚）：先找到走访对象">
      <OutboxIndicator />
      <Input.Search
        size="large"
        allowClear
        autoFocus
        placeholder="输入姓名（两个字即可）"
        aria-label="查找走访对象"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        loading={found.isFetching}
        className="visit-picker-search"
      />
      <div className="visit-picker-list">
        {term.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入姓名查找本辖区的服务对象" />
        ) : found.data && found.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有找到" />
        ) : (
          (found.data?.items ?? []).map((r) => (
            <button key={r.id} type="button" className="visit-picker-item" onClick={() => navigate(`/visits/new?recipient=${encodeURIComponent(r.id)}`)}>
              <strong>{r.name}</strong>
              <span className="muted">
                {r.age} 岁 · {r.orgUnitName}
              </span>
            </button>
          ))
        )}
      </div>
    </PageShell>
  );
}
