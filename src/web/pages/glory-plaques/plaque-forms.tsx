// The plaque's forms, each a modal validated with the server's zod schema: register a household
// (certificate holder or application), hang (date, who hung it, photo), replace, revoke.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  plaqueCreate,
  plaqueGroundLabels,
  plaqueHang,
  plaqueReplace,
  plaqueRevoke,
  replaceReasonLabels,
  replaceReasons,
  revokeReasonLabels,
  revokeReasons,
  type EligibleHousehold,
  type PlaqueDto,
} from '../../../shared/schemas/glory-plaques';
import { useCreatePlaque, useHangPlaque, useReplacePlaque, useRevokePlaque } from '../../api/glory-plaques';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { preparePhoto, type PreparedPhoto } from './plaque-photo';

export type FormTarget =
  | { kind: 'register'; household: EligibleHousehold }
  | { kind: 'hang' | 'replace' | 'revoke'; plaque: PlaqueDto };

const DAY = 'YYYY-MM-DD';
const dayOf = (d: Dayjs | null | undefined) => (d ? d.format(DAY) : undefined);

/** A date picker that refuses days after today and, when given, before `min`. */
function DayField(props: { name: string; label: string; min?: string | null }) {
  return (
    <Form.Item name={props.name} label={props.label} rules={[{ required: true, message: `请选择${props.label}` }]}>
      <DatePicker
        style={{ width: '100%' }}
        aria-label={props.label}
        inputReadOnly
        disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!props.min && d.format(DAY) < props.min)}
      />
    </Form.Item>
  );
}

/** Picks a photo (a phone offers its camera or its gallery), downscales it, shows a thumbnail. */
function PhotoField(props: { value: PreparedPhoto | null; onChange: (p: PreparedPhoto | null) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Form.Item label="悬挂照片" extra="拍摄门头悬挂效果，上传前自动压缩（最长边不超过 1600 像素）">
      {props.value ? (
        <Flex gap={12} align="center" wrap>
          <img src={props.value.previewUrl} alt="悬挂照片预览" className="plaque-photo-preview" />
          <Space orientation="vertical" size={4}>
            <Typography.Text type="secondary">
              {props.value.width}×{props.value.height}，{Math.ceil(props.value.size / 1024)} KB
            </Typography.Text>
            <Button size="small" icon={<DeleteOutlined />} onClick={() => props.onChange(null)}>
              移除照片
            </Button>
          </Space>
        </Flex>
      ) : (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            aria-label="选择悬挂照片"
            className="plaque-photo-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setBusy(true);
              preparePhoto(file)
                .then((p) => props.onChange(p))
                .catch((err: unknown) => void message.error(err instanceof Error ? err.message : '照片处理失败'))
                .finally(() => setBusy(false));
            }}
          />
          <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
            {busy ? '正在压缩…' : '拍照或选择照片'}
          </Button>
        </>
      )}
    </Form.Item>
  );
}

function photoBody(p: PreparedPhoto | null) {
  return p ? { name: p.name, mime: p.mime, dataBase64: p.dataBase64 } : null;
}

function householdLine(t: FormTarget): string {
  const h = t.kind === 'register' ? t.household : t.plaque;
  return `${h.headName || '（未指定户主）'}家　${h.villageName}${h.address ? ` ${h.address}` : ''}`;
}

export function PlaqueFormModal({ target, onClose }: { target: FormTarget | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const create = useCreatePlaque();
  const hang = useHangPlaque();
  const replace = useReplacePlaque();
  const revoke = useRevokePlaque();
  const pending = create.isPending || hang.isPending || replace.isPending || revoke.isPending;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    setPhoto(null);
    const today = dayjs();
    if (target.kind === 'register') form.setFieldsValue({ basis: target.household.certificateHolder ? 'certificate' : 'application', appliedOn: today });
    if (target.kind === 'hang') form.setFieldsValue({ hungOn: today });
    if (target.kind === 'replace') form.setFieldsValue({ replacedOn: today, hungBy: target.plaque.hungBy });
    if (target.kind === 'revoke') form.setFieldsValue({ revokedOn: today });
  }, [target, form]);
  useEffect(() => () => void (photo && URL.revokeObjectURL(photo.previewUrl)), [photo]);

  const basis = Form.useWatch('basis', form) as string | undefined;
  if (!target) return null;

  const titles = { register: '登记光荣牌', hang: '登记悬挂', replace: '更换光荣牌', revoke: '撤销光荣牌' } as const;
  const okText = { register: '登记', hang: '确认悬挂', replace: '确认更换', revoke: '确认撤销' } as const;

  async function submit(): Promise<void> {
    if (!target) return;
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    try {
      if (target.kind === 'register') {
        const body = parseWithSchema(form, plaqueCreate, {
          householdId: target.household.householdId,
          basis: v.basis,
          appliedOn: v.basis === 'application' ? (dayOf(v.appliedOn as Dayjs) ?? null) : null,
          applicant: v.applicant ?? '',
          note: v.note ?? '',
        });
        if (!body) return;
        await create.mutateAsync(body);
        void message.success(`已登记：${target.household.headName}家，待悬挂`);
      } else if (target.kind === 'hang') {
        const body = parseWithSchema(form, plaqueHang, { version: target.plaque.version, hungOn: dayOf(v.hungOn as Dayjs), hungBy: v.hungBy ?? '', note: v.note ?? '', photo: photoBody(photo) });
        if (!body) return;
        await hang.mutateAsync({ id: target.plaque.id, body });
        void message.success(`已登记悬挂：${target.plaque.headName}家`);
      } else if (target.kind === 'replace') {
        const body = parseWithSchema(form, plaqueReplace, { version: target.plaque.version, replacedOn: dayOf(v.replacedOn as Dayjs), reason: v.reason, hungBy: v.hungBy ?? '', note: v.note ?? '', photo: photoBody(photo) });
        if (!body) return;
        await replace.mutateAsync({ id: target.plaque.id, body });
        void message.success(`已更换：${target.plaque.headName}家`);
      } else {
        const body = parseWithSchema(form, plaqueRevoke, { version: target.plaque.version, revokedOn: dayOf(v.revokedOn as Dayjs), reason: v.reason, note: v.note ?? '' });
        if (!body) return;
        await revoke.mutateAsync({ id: target.plaque.id, body });
        void message.success(`已撤销：${target.plaque.headName}家`);
      }
      onClose();
    } catch (err) {
      applyServerErrors(form, err);
    }
  }

  const k = target.kind;
  return (
    <Modal
      open
      title={titles[k]}
      okText={okText[k]}
      cancelText="取消"
      okButtonProps={{ danger: k === 'revoke', loading: pending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      className="plaque-form-modal"
    >
      <Typography.Paragraph className="plaque-form-household">{householdLine(target)}</Typography.Paragraph>
      {k === 'register' && (
        <Flex gap={4} wrap style={{ marginBottom: 12 }}>
          {target.household.grounds.map((g) => (
            <Tag key={g} color="red">
              {plaqueGroundLabels[g]}
            </Tag>
          ))}
          {target.household.certificateHolder && <Tag color="gold">持证家庭</Tag>}
        </Flex>
      )}
      <Form form={form} layout="vertical" requiredMark="optional">
        {k === 'register' && (
          <>
            <Form.Item name="basis" label="悬挂依据" rules={[{ required: true, message: '请选择悬挂依据' }]}>
              <Radio.Group>
                <Radio value="certificate" disabled={!target.household.certificateHolder}>
                  持证（无需申请）
                </Radio>
                <Radio value="application">本人（家属）申请</Radio>
              </Radio.Group>
            </Form.Item>
            {!target.household.certificateHolder && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该家庭没有烈士证明书、因公牺牲或病故军人证明书、残疾军人证的持证人，须凭申请登记。" />
            )}
            {basis === 'application' && (
              <>
                <DayField name="appliedOn" label="申请日期" />
                <Form.Item name="applicant" label="申请人" extra="父母、配偶或子女">
                  <Input maxLength={30} placeholder="申请人姓名及关系，如：王丽（配偶）" />
                </Form.Item>
              </>
            )}
          </>
        )}
        {k === 'hang' && (
          <>
            <DayField name="hungOn" label="悬挂日期" min={target.plaque.appliedOn} />
            <Form.Item name="hungBy" label="悬挂人" rules={[{ required: true, whitespace: true, message: '请填写悬挂人' }]}>
              <Input maxLength={60} placeholder="如：县退役军人事务局 李红梅、县人武部 王强" />
            </Form.Item>
            <PhotoField value={photo} onChange={setPhoto} />
          </>
        )}
        {k === 'replace' && (
          <>
            <DayField name="replacedOn" label="更换日期" min={target.plaque.replacedOn ?? target.plaque.hungOn} />
            <Form.Item name="reason" label="更换原因" rules={[{ required: true, message: '请选择更换原因' }]}>
              <Select placeholder="请选择" options={replaceReasons.map((r) => ({ value: r, label: replaceReasonLabels[r] }))} />
            </Form.Item>
            <Form.Item name="hungBy" label="悬挂人">
              <Input maxLength={60} />
            </Form.Item>
            <PhotoField value={photo} onChange={setPhoto} />
          </>
        )}
        {k === 'revoke' && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="撤销后该家庭不再悬挂光荣牌，请收回牌匾。撤销须写明原因，记入审计日志。" />
            <DayField name="revokedOn" label="撤销日期" min={target.plaque.appliedOn} />
            <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请选择撤销原因' }]}>
              <Select placeholder="请选择" options={revokeReasons.map((r) => ({ value: r, label: revokeReasonLabels[r] }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={k === 'revoke' || k === 'replace' ? '情况说明' : '备注'}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
