// Fields of the collection form with behaviour of their own: the ID number (checked as typed,
// birth date and gender derived, looked up on blur) and the household choice.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ageOn, parseIdNumber } from '../../../shared/rules/id-number';
import { recipientApi, type IdCheckResult } from '../../api/recipients';
import { todayDay } from '../../components/day-picker';
import { useDebounced } from '../../components/use-debounced';
import { genderLabels } from './recipient-tags';
import type { FormValues } from './recipient-form-values';
import { TransferInModal } from './transfer-modals';

/** The ID number: validated as typed (GB 11643), birth date and gender shown, checked on blur. */
export function IdNumberField({ ownId }: { ownId?: string }) {
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
  if (parsed?.ok) {
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
          { required: true, message: '请填写公民身份号码' },
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
        <Input
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={20}
          onBlur={onBlur}
          className="mono"
          placeholder="18 位，末位可为 X"
        />
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
