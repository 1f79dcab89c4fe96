// Fields of the collection form with behaviour of their own: the sensitive fields of an edit
// (masked until 修改), the ID number (checked as typed, birth date and gender derived, looked up
// on blur) and the household choice.
import { cloneElement, useState, type FocusEvent, type ReactElement, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ageOn, parseIdNumber } from '../../../shared/rules/id-number';
import { sensitiveFieldLabels, type SensitiveField } from '../../../shared/schemas/recipients';
import { recipientApi, type IdCheckResult } from '../../api/recipients';
import { todayDay } from '../../components/day-picker';
import { useCan } from '../../components/session';
import { useDebounced } from '../../components/use-debounced';
import { genderLabels } from './recipient-tags';
import type { FormValues } from './recipient-form-values';
import { TransferInModal } from './transfer-modals';

/** A sensitive field of a stored record, as the edit form has it. */
export type StoredSensitive = {
  recipientId: string;
  /** what is shown while masked; null = nothing stored (the field is an ordinary empty input) */
  masked: string | null;
  /** the clear value, once revealed for editing (kept in memory by the form, never in a draft) */
  onRevealed: (field: SensitiveField, value: string) => void;
};

type SensitiveInputProps = {
  field: SensitiveField;
  /** set on the edit form; absent on a new record (the input is shown as it is) */
  stored?: StoredSensitive;
  /** the input to show once the field is open */
  children: ReactElement<Record<string, unknown>>;
  // given by Form.Item
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  onBlur?: (e: FocusEvent<HTMLElement>) => void;
  /** aria-* and the like that Form.Item gives its control */
  [prop: `aria-${string}`]: unknown;
};

/**
 * A sensitive field of the edit form. The form opens with it masked (undefined: the server keeps
 * the stored value, nothing is revealed); 修改 reveals this one field (one audited reveal) and
 * makes it editable; 撤销 masks it again and leaves it as stored. A user who may not reveal gets
 * an empty input to type a new value.
 */
export function SensitiveInput({ field, stored, children, id, value, onChange, onBlur, ...aria }: SensitiveInputProps) {
  const canReveal = useCan('sensitive:reveal');
  const label = sensitiveFieldLabels[field];
  // the input takes the focus when the user opens it, not when a restored draft shows it open
  const [opened, setOpened] = useState(false);
  const open = (v: string) => {
    setOpened(true);
    onChange?.(v);
  };
  const reveal = useMutation({
    mutationFn: (recipientId: string) => recipientApi.reveal(recipientId, field),
    onSuccess: (r) => {
      stored?.onRevealed(field, r.value);
      open(r.value);
    },
  });
  const own = children.props;
  const input = (autoFocus: boolean) =>
    cloneElement(children, {
      ...aria,
      id,
      value: value ?? '',
      autoFocus: autoFocus || own.autoFocus,
      onChange: (e: { target: { value: string } }) => onChange?.(e.target.value),
      onBlur: (e: FocusEvent<HTMLElement>) => {
        onBlur?.(e);
        (own.onBlur as ((e: FocusEvent<HTMLElement>) => void) | undefined)?.(e);
      },
    });
  if (!stored || stored.masked === null) return input(false);
  if (value === undefined)
    return (
      <Space.Compact block className="sensitive-masked" data-field={field}>
        <Input value={stored.masked} readOnly aria-label={`${label}（已隐藏）`} className={field === 'idNumber' || field === 'phone' || field === 'bankAccount' ? 'mono' : 'muted'} tabIndex={-1} />
        <Button
          icon={<EditOutlined />}
          loading={reveal.isPending}
          aria-label={`修改${label}`}
          onClick={() => (canReveal ? reveal.mutate(stored.recipientId) : open(''))}
        >
          修改
        </Button>
      </Space.Compact>
    );
  const undo = (
    <Button icon={<UndoOutlined />} aria-label={`撤销修改${label}`} title="撤销修改，保留原值" onClick={() => onChange?.(undefined)}>
      {field === 'medicalDetails' ? '撤销修改' : null}
    </Button>
  );
  // a text area takes the whole width: 撤销 goes under it
  if (field === 'medicalDetails')
    return (
      <div className="sensitive-open sensitive-open-block" data-field={field}>
        {input(opened)}
        {undo}
      </div>
    );
  return (
    <Space.Compact block className="sensitive-open" data-field={field}>
      {input(opened)}
      {undo}
    </Space.Compact>
  );
}

/** The ID number: validated as typed (GB 11643), birth date and gender shown, checked on blur. */
export function IdNumberField({ ownId, stored }: { ownId?: string; stored?: StoredSensitive & { birthDate: string; gender: 'male' | 'female' } }) {
  const form = Form.useFormInstance<FormValues>();
  const value = Form.useWatch('idNumber', form);
  const raw = (value ?? '').trim();
  const parsed = raw ? parseIdNumber(raw, todayDay()) : null;
  const [check, setCheck] = useState<{ id18: string; result: IdCheckResult } | null>(null);
  const [transferFor, setTransferFor] = useState<string | null>(null);
  const lookup = useMutation({ mutationFn: (id18: string) => recipientApi.checkId(id18), meta: { silent: true } });

  function onBlur(): void {
    if (!parsed?.ok || check?.id18 === parsed.id18) return;
    const id18 = parsed.id18;
    lookup.mutate(id18, { onSuccess: (result) => setCheck({ id18, result }) });
  }

  const result = parsed?.ok && check?.id18 === parsed.id18 ? check.result : null;
  const complete = raw.length === 18 || raw.length === 15;
  let extra: ReactNode = null;
  if (value === undefined && stored?.masked) {
    extra = (
      <span className="id-derived" data-testid="id-derived">
        出生日期 <strong>{stored.birthDate}</strong> · 性别 <strong>{genderLabels[stored.gender]}</strong> · {ageOn(stored.birthDate, todayDay())} 岁
      </span>
    );
  } else if (parsed?.ok) {
    extra = (
      <span className="id-derived" data-testid="id-derived">
        出生日期 <strong>{parsed.birthDate}</strong> · 性别 <strong>{genderLabels[parsed.gender]}</strong> ·{' '}
        {ageOn(parsed.birthDate, todayDay())} 岁{parsed.legacy ? ' · 旧版 15 位号码，将转为 18 位保存' : ''}
        {lookup.isPending && <Spin size="small" style={{ marginLeft: 8 }} />}
      </span>
    );
  } else if (parsed && !complete) {
    extra = <span className="muted">已输入 {raw.length} 位，应为 18 位</span>;
  } else if (parsed && !parsed.ok) {
    extra = <span className="id-error">{parsed.message}</span>;
  }

  return (
    <>
      <Form.Item
        name="idNumber"
        label="公民身份号码"
        validateTrigger="onBlur"
        rules={[
          // an edit leaves a masked ID number as stored (undefined); an opened one may not be emptied
          stored ? { validator: async (_r, v: unknown) => { if (typeof v === 'string' && v.trim() === '') throw new Error('请填写公民身份号码'); } } : { required: true, message: '请填写公民身份号码' },
          {
            validator: async (_r, v: unknown) => {
              if (typeof v !== 'string' || v.trim() === '') return;
              const p = parseIdNumber(v, todayDay());
              if (!p.ok) throw new Error(p.message);
            },
          },
        ]}
        extra={extra}
      >
        <SensitiveInput field="idNumber" stored={stored}>
          <Input
            inputMode="text"
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={20}
            onBlur={onBlur}
            className="mono"
            placeholder="18 位，末位可为 X"
          />
        </SensitiveInput>
      </Form.Item>
      {result?.status === 'inScope' && result.recipientId !== ownId && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={`该公民身份号码已登记（${result.name}），请勿重复录入`}
          action={<Link to={`/recipients/${result.recipientId}`}>查看该记录</Link>}
        />
      )}
      {result?.status === 'elsewhere' && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={result.message}
          action={
            <Button size="small" onClick={() => setTransferFor(check?.id18 ?? null)}>
              申请迁入
            </Button>
          }
        />
      )}
      <TransferInModal idNumber={transferFor} onClose={() => setTransferFor(null)} />
    </>
  );
}

type HouseholdOption = { value: string; label: string };

/** 户: a new household, joining an existing one (by its number, or found through a member), or none. */
export function HouseholdField() {
  const form = Form.useFormInstance<FormValues>();
  const mode = Form.useWatch(['household', 'mode'], form) ?? 'none';
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const people = useQuery({
    queryKey: ['recipients', 'household-pick', q],
    queryFn: ({ signal }) => recipientApi.list({ q, pageSize: 10 }, signal),
    enabled: mode === 'join' && q.length > 0,
    meta: { silent: true },
  });
  const [picked, setPicked] = useState<string | null>(null);
  const pick = useMutation({ mutationFn: (id: string) => recipientApi.get(id), meta: { silent: true } });

  const options: HouseholdOption[] = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}（${p.orgUnitName}，${p.idNumberMasked}）`,
  }));

  return (
    <>
      <Form.Item name={['household', 'mode']} label="建户方式">
        <Radio.Group optionType="button" buttonStyle="solid" className="radio-block">
          <Radio value="new">新建家庭户</Radio>
          <Radio value="join">加入已有家庭户</Radio>
          <Radio value="none">暂不建户</Radio>
        </Radio.Group>
      </Form.Item>
      {mode === 'new' && (
        <Form.Item name={['household', 'address']} label="家庭户地址" extra="不填则使用现居住地址；本人为户主。">
          <Input maxLength={200} />
        </Form.Item>
      )}
      {mode === 'join' && (
        <>
          <Form.Item label="按家庭成员查找" extra="输入已登记家庭成员的姓名，选中后自动填入户编号。">
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
              aria-label="按家庭成员查找"
              placeholder="姓名（一两个字或拼音首字母）"
              value={picked}
              options={options}
              notFoundContent={people.isFetching ? <Spin size="small" /> : q ? '没有找到' : '请输入姓名'}
              onChange={(id: string) => {
                setPicked(id);
                pick.mutate(id, {
                  onSuccess: (d) => {
                    if (d.household) {
                      form.setFieldValue(['household', 'householdId'], d.household.id);
                      void form.validateFields([['household', 'householdId']]);
                    } else {
                      form.setFields([{ name: ['household', 'householdId'], errors: [`${d.name}尚未建立家庭户`] }]);
                    }
                  },
                });
              }}
            />
          </Form.Item>
          <Form.Item
            name={['household', 'householdId']}
            label="户编号"
            rules={[{ required: true, whitespace: true, message: '请填写户编号，或按家庭成员查找' }]}
          >
            <Input className="mono" maxLength={64} autoComplete="off" />
          </Form.Item>
          {pick.data?.household && (
            <Typography.Paragraph type="secondary" className="household-picked">
              {pick.data.household.address || '（未填地址）'} · 现有成员{' '}
              {pick.data.household.members.map((m) => m.name).join('、')}
            </Typography.Paragraph>
          )}
        </>
      )}
    </>
  );
}
