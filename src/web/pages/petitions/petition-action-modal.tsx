// The form of each petition action in a modal: the fields that action needs (dates default to
// today, except the petitioner's receipt of the reply: entered when known, else left empty), validated with the server's zod union; the server's field errors land on their fields
// and a stale version (409) re-reads the petition.
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import {
  PETITION_DAYS,
  petitionActionBody,
  petitionOutcomeLabels,
  petitionOutcomes,
  reviewDecisionLabels,
  HANDLING_FILES_MAX,
  reviewDecisions,
  type PetitionAction,
  type PetitionDetail,
} from '../../../shared/schemas/petitions';
import { isApiError } from '../../api/client';
import { usePetition, usePetitionAction, usePetitionAssignees } from '../../api/petitions';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { DayPicker, todayDay } from '../../components/day-picker';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { FilePicker } from '../../components/case-files';
import { AssignmentReviewFields } from '../../components/assignment-review';

type Values = Record<string, unknown>;

/** What each action asks, shown above its fields. */
const hints: Partial<Record<PetitionAction, string>> = {
  accept: '受理后自受理之日起 60 日内办结，并书面告知信访人（可打印受理告知书）。',
  notAccept: '不予受理的，书面告知信访人并说明理由。',
  transfer: '不属于本机关职权范围的，转送有权处理的机关，并记录转送去向和时间（告知信访人）。',
  escalate: '超出本级处理权限的，交上一级办理并跟踪直至办结。',
  extend: `情况复杂的，经本单位负责人批准可延长一次，不超过 ${PETITION_DAYS.maxExtension} 日，并将延期理由告知信访人。`,
  reply: '书面答复信访人；信访人可自收到答复之日起 30 日内请求复查。',
  requestReview: '信访人对处理意见不服，在收到书面答复之日起 30 日内请求复查。由上一级机关在 30 日内提出复查意见。',
  requestReReview: '信访人对复查意见不服，在收到复查意见之日起 30 日内请求复核。由再上一级机关在 30 日内提出复核意见；听证时间不计入。',
  startHearing: '复核需要听证的，听证期间不计入复核期限。',
  reReview: '复核意见作出后，信访人以同一事实和理由再次提出的，不再受理。',
};

function DateField({ name, label, optional, extra }: { name: string; label: string; optional?: boolean; extra?: string }) {
  return (
    <Form.Item name={name} label={optional ? `${label}（选填）` : label} rules={optional ? [] : [{ required: true, message: `请选择${label}` }]} extra={extra}>
      <DayPicker maxDay={todayDay()} aria-label={label} />
    </Form.Item>
  );
}

function TextField({ name, label, rows = 3, max = 1000, placeholder }: { name: string; label: string; rows?: number; max?: number; placeholder?: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
      <Input.TextArea rows={rows} maxLength={max} showCount placeholder={placeholder} aria-label={label} />
    </Form.Item>
  );
}

function DecisionField({ label }: { label: string }) {
  return (
    <Form.Item name="decision" label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <Radio.Group options={reviewDecisions.map((d) => ({ value: d, label: reviewDecisionLabels[d] }))} aria-label={label} />
    </Form.Item>
  );
}

function StaffSelect({ name, label, orgUnitId, multiple }: { name: string; label: string; orgUnitId: string; multiple?: boolean }) {
  const staff = usePetitionAssignees(orgUnitId);
  return (
    <Form.Item name={name} label={label}>
      <Select
        allowClear
        mode={multiple ? 'multiple' : undefined}
        aria-label={label}
        loading={staff.isLoading}
        options={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }))}
        placeholder="选择工作人员"
      />
    </Form.Item>
  );
}

/** 交办 / 督办 replies: the open notices of the kind. */
function OpenNoticeSelect({ petition, kind }: { petition: PetitionDetail; kind: 'assign' | 'supervise' }) {
  // a unit of the tree replies to its 交办 itself (/assignments/:id): here only department items
  const open = petition.supervisions.filter((x) => x.kind === kind && x.repliedOn === null && (kind === 'supervise' || x.external));
  return (
    <Form.Item name="supervisionId" label={kind === 'assign' ? '交办事项' : '督办事项'} rules={[{ required: true, message: '请选择事项' }]}>
      <Select aria-label={kind === 'assign' ? '交办事项' : '督办事项'} options={open.map((x) => ({ value: x.id, label: `${x.targetName}：${x.content.slice(0, 30)}（${x.dueDay} 前）` }))} />
    </Form.Item>
  );
}

function Fields({ action, replyReceivedOn, petition }: { action: PetitionAction; replyReceivedOn: string | null; petition: PetitionDetail }) {
  switch (action) {
    case 'handle':
      return (
        <>
          <DateField name="handledOn" label="办理日期" />
          <TextField name="what" label="办理情况" rows={4} max={2000} placeholder="做了什么：面谈、调查、协调、答复准备等" />
          <Form.Item name="withWhom" label="参与人员和单位（选填）">
            <Input maxLength={200} aria-label="参与人员和单位" />
          </Form.Item>
          <Form.Item name="files" label="附件（选填）" initialValue={[]}>
            <FilePicker max={HANDLING_FILES_MAX} testId="handling-files" />
          </Form.Item>
        </>
      );
    case 'assign':
      return (
        <>
          <Form.Item name="target" label="交办对象" rules={[{ required: true, message: '请选择交办对象' }]} initialValue="unit">
            <Radio.Group options={[{ value: 'unit', label: '下级单位' }, { value: 'department', label: '其他部门' }]} aria-label="交办对象" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.target !== b.target}>
            {({ getFieldValue }) =>
              getFieldValue('target') === 'department' ? (
                <Form.Item name="department" label="部门名称" rules={[{ required: true, whitespace: true, message: '请填写部门名称' }]}>
                  <Input maxLength={60} aria-label="部门名称" placeholder="如：县人力资源和社会保障局" />
                </Form.Item>
              ) : (
                <Form.Item name="orgUnitId" label="下级单位" rules={[{ required: true, message: '请选择下级单位' }]}>
                  <OrgUnitSelect aria-label="下级单位" />
                </Form.Item>
              )
            }
          </Form.Item>
          <TextField name="content" label="交办事项和要求" />
          <Form.Item name="replyDays" label="回复期限" rules={[{ required: true, message: '请填写回复期限' }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} aria-label="回复期限" addonAfter="个工作日" />
          </Form.Item>
        </>
      );
    case 'supervise':
      return (
        <>
          <TextField name="content" label="督办事项和要求" />
          <Form.Item name="replyDays" label="回复期限" rules={[{ required: true, message: '请填写回复期限' }]}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} aria-label="回复期限" addonAfter="个工作日" />
          </Form.Item>
        </>
      );
    case 'assignmentReply':
    case 'supervisionReply':
      return (
        <>
          <OpenNoticeSelect petition={petition} kind={action === 'assignmentReply' ? 'assign' : 'supervise'} />
          <TextField name="reply" label="回复内容" rows={4} max={2000} />
          <DateField name="repliedOn" label="回复日期" />
        </>
      );
    case 'assignmentAccept':
    case 'assignmentReturn':
      return <AssignmentReviewFields supervisions={petition.supervisions} returning={action === 'assignmentReturn'} />;
    case 'setContacts':
      return (
        <>
          <StaffSelect name="contactUserId" label="一对一包联人员" orgUnitId={petition.orgUnitId} />
          <StaffSelect name="teamLeaderUserId" label="专班负责人" orgUnitId={petition.orgUnitId} />
          <StaffSelect name="teamUserIds" label="专班成员" orgUnitId={petition.orgUnitId} multiple />
        </>
      );
    case 'accept':
      return <DateField name="acceptedOn" label="受理日期" />;
    case 'notAccept':
      return <TextField name="reason" label="不予受理的理由" placeholder="将写入不予受理告知书" />;
    case 'transfer':
      return (
        <>
          <Form.Item name="body" label="转送机关" rules={[{ required: true, whitespace: true, message: '请填写转送机关' }]}>
            <Input maxLength={100} aria-label="转送机关" placeholder="如：县人力资源和社会保障局" />
          </Form.Item>
          <DateField name="transferredOn" label="转送日期" />
          <TextField name="record" label="转送记录" max={500} placeholder="转送文号、方式、经办人等" />
        </>
      );
    case 'escalate':
      return <TextField name="reason" label="交上级办理的理由" />;
    case 'extend':
      return (
        <>
          <Form.Item name="days" label="延长天数" rules={[{ required: true, message: '请填写延长天数' }]} extra={`最多 ${PETITION_DAYS.maxExtension} 日，只能延长一次`}>
            <InputNumber min={1} max={PETITION_DAYS.maxExtension} precision={0} style={{ width: 160 }} aria-label="延长天数" addonAfter="日" />
          </Form.Item>
          <TextField name="reason" label="延期理由" placeholder="将写入延期告知书，告知信访人" />
        </>
      );
    case 'reply':
      return (
        <>
          <Form.Item name="outcome" label="处理意见" rules={[{ required: true, message: '请选择处理意见' }]}>
            <Radio.Group options={petitionOutcomes.map((o) => ({ value: o, label: petitionOutcomeLabels[o] }))} aria-label="处理意见" />
          </Form.Item>
          <TextField name="replyText" label="答复意见" rows={6} max={4000} placeholder="将写入信访事项处理意见书" />
          <DateField name="repliedOn" label="答复日期" />
          <DateField name="replyReceivedOn" label="信访人收到答复的日期" optional extra="尚未收到（如邮寄途中）可暂不填写，申请复查时补填" />
        </>
      );
    case 'requestReview':
      return (
        <>
          <DateField name="requestedOn" label="复查申请日期" />
          {replyReceivedOn === null && <DateField name="replyReceivedOn" label="信访人收到答复的日期" extra="答复时未填写；复查期限自收到书面答复之日起计算" />}
        </>
      );
    case 'review':
      return (
        <>
          <DecisionField label="复查意见" />
          <TextField name="opinion" label="复查意见内容" rows={5} max={4000} />
          <DateField name="decidedOn" label="复查意见日期" />
          <DateField name="receivedOn" label="信访人收到复查意见的日期" />
        </>
      );
    case 'requestReReview':
      return <DateField name="requestedOn" label="复核申请日期" />;
    case 'startHearing':
      return <DateField name="startedOn" label="听证开始日期" />;
    case 'endHearing':
      return <DateField name="endedOn" label="听证结束日期" />;
    case 'reReview':
      return (
        <>
          <DecisionField label="复核意见" />
          <TextField name="opinion" label="复核意见内容" rows={5} max={4000} />
          <DateField name="decidedOn" label="复核意见日期" />
        </>
      );
    case 'close':
      return <DateField name="closedOn" label="办结日期" />;
  }
}

/** the dates that open as today (the receipt of the reply is the petitioner's, not ours: never assumed) */
const dateFields = ['acceptedOn', 'transferredOn', 'repliedOn', 'requestedOn', 'decidedOn', 'receivedOn', 'startedOn', 'endedOn', 'closedOn', 'handledOn'];

export function PetitionActionModal({
  petition,
  action,
  onClose,
  onDone,
}: {
  petition: PetitionDetail;
  action: { name: PetitionAction; label: string } | null;
  onClose: () => void;
  /** after success, e.g. to offer the letter to print */
  onDone?: (action: PetitionAction, next: PetitionDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const act = usePetitionAction();
  const q = usePetition(petition.id);
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (action) setError(null);
  }, [action]);

  async function ok(): Promise<void> {
    if (!action) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    const body = parseWithSchema(form, petitionActionBody, { ...values, action: action.name, version: petition.version, comment: values.comment ?? '' });
    if (!body) return;
    setError(null);
    act.mutate(
      { id: petition.id, body },
      {
        onSuccess: (next) => {
          void message.success(`已${action.label}：${next.statusLabel}`);
          onClose();
          onDone?.(action.name, next);
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            void q.refetch();
            onClose();
            return;
          }
          if (!applyServerErrors(form, e)) setError(e.message);
        },
      },
    );
  }

  return (
    <Modal
      open={!!action}
      title={action ? `${action.label}：${petition.registrationNo}` : ''}
      okText={action?.label ?? '确定'}
      cancelText="取消"
      okButtonProps={{ loading: act.isPending, danger: action?.name === 'notAccept' || action?.name === 'assignmentReturn' }}
      onCancel={onClose}
      onOk={() => void ok()}
      destroyOnHidden
      width={620}
      rootClassName="petition-action-modal"
    >
      {action && hints[action.name] && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {hints[action.name]}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={Object.fromEntries(dateFields.map((f) => [f, todayDay()]))}>
        {action && <Fields action={action.name} replyReceivedOn={petition.replyReceivedOn} petition={petition} />}
        {action && action.name !== 'assignmentAccept' && action.name !== 'assignmentReturn' && (
          <Form.Item name="comment" label="办理意见（选填）">
            <Input.TextArea rows={2} maxLength={1000} aria-label="办理意见" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
