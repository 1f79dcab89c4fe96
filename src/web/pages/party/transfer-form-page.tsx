// 登记组织关系转接: for a party member given by the recipient page (never typed). From and to: a
// branch of the tree (seen by the worker), or a party organisation outside it by name; the letter's
// number and day. The county's time limit gives the due day.
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { partyTransferCreate } from '../../../shared/schemas/party';
import { useCreateTransfer, usePartyBranches, useRecipientParty } from '../../api/party';
import { isApiError } from '../../api/client';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

export function TransferFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateTransfer();
  const [sp] = useSearchParams();
  const recipientId = sp.get('recipient') ?? '';
  const party = useRecipientParty(recipientId);
  const branches = usePartyBranches({ active: 'true' });
  const options = (branches.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.orgUnitName}）` }));
  const fromBranchId = Form.useWatch('fromBranchId', form) as string | null | undefined;
  const toBranchId = Form.useWatch('toBranchId', form) as string | null | undefined;
  const member = party.data?.member;

  useEffect(() => {
    form.setFieldsValue({ recipientId, orgUnitId: me.orgUnit.id, fromBranchId: member?.branchId ?? null, fromName: '', toBranchId: null, toName: '', letterNo: '', letterIssuedOn: todayDay(), note: '' });
  }, [form, me, recipientId, member]);

  const submit = async () => {
    const raw = form.getFieldsValue(true) as Record<string, unknown>;
    const body = parseWithSchema(form, partyTransferCreate, { ...raw, fromBranchId: raw.fromBranchId ?? null, toBranchId: raw.toBranchId ?? null });
    if (!body) return;
    try {
      const c = await create.mutateAsync(body);
      void message.success('已登记组织关系转接');
      navigate(`/party/transfers/${c.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };

  return (
    <PageShell title="登记组织关系转接" subtitle={member ? `${member.name}（${member.kind === 'member' ? '正式党员' : '预备党员'}，${member.branchName ?? '未编入支部'}）` : '请从服务对象详情页的“党员信息”办理'}>
      <Card>
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} className="party-form">
          <Form.Item name="fromBranchId" label="转出支部（系统内）">
            <Select aria-label="转出支部" allowClear options={options} loading={branches.isLoading} placeholder="系统外的党组织请留空并填写名称" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          {!fromBranchId && (
            <Form.Item name="fromName" label="转出党组织名称">
              <Input maxLength={100} aria-label="转出党组织名称" placeholder="如：某部队某团党委" />
            </Form.Item>
          )}
          <Form.Item name="toBranchId" label="转入支部（系统内）">
            <Select aria-label="转入支部" allowClear options={options} loading={branches.isLoading} placeholder="系统外的党组织请留空并填写名称" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          {!toBranchId && (
            <Form.Item name="toName" label="转入党组织名称">
              <Input maxLength={100} aria-label="转入党组织名称" />
            </Form.Item>
          )}
          <Form.Item name="letterNo" label="介绍信编号" rules={[{ required: true, message: '请填写介绍信编号' }]}>
            <Input maxLength={50} aria-label="介绍信编号" />
          </Form.Item>
          <Form.Item name="letterIssuedOn" label="介绍信开具日期" rules={[{ required: true, message: '请选择介绍信开具日期' }]}>
            <DayPicker aria-label="介绍信开具日期" maxDay={todayDay()} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} aria-label="说明" />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={create.isPending} disabled={!member}>
              保存转接
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
