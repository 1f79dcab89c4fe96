// 党支部: the branches the caller sees (kept in the range, and above the caller's unit), with their
// members; 新增党支部 under a unit of the range.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { partyBranchInput, partyBranchKindLabels, partyBranchKinds, type PartyBranchDto } from '../../../shared/schemas/party';
import { useCreateBranch, usePartyBranches } from '../../api/party';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

function AddBranch({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const m = useCreateBranch();
  const submit = async () => {
    const body = parseWithSchema(form, partyBranchInput, form.getFieldsValue() as Record<string, unknown>);
    if (!body) return;
    try {
      await m.mutateAsync(body);
      void message.success('已新增党支部');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="新增党支部" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ orgUnitId: me.orgUnit.id, name: '', kind: 'veterans', secretary: '', contact: '' }}>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgUnitSelect aria-label="所属单位" />
        </Form.Item>
        <Form.Item name="name" label="支部名称" rules={[{ required: true, message: '请填写支部名称' }]}>
          <Input maxLength={100} aria-label="支部名称" />
        </Form.Item>
        <Form.Item name="kind" label="支部类别">
          <Select aria-label="支部类别" options={partyBranchKinds.map((k) => ({ value: k, label: partyBranchKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="secretary" label="支部书记">
          <Input maxLength={50} aria-label="支部书记" />
        </Form.Item>
        <Form.Item name="contact" label="联系方式">
          <Input maxLength={50} aria-label="联系方式" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function BranchesPage() {
  const canWrite = useCan('party:write');
  const q = usePartyBranches({});
  const [adding, setAdding] = useState(false);
  return (
    <PageShell
      title="党支部"
      subtitle="每名退役军人党员及时编入一个党支部（第十六条）"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增党支部
          </Button>
        )
      }
    >
      <Table<PartyBranchDto>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无党支部' }}
        columns={[
          { key: 'name', title: '支部名称', render: (_v, b) => <>{b.name}{!b.active && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}</> },
          { key: 'kind', title: '类别', responsive: ['sm'], render: (_v, b) => partyBranchKindLabels[b.kind] },
          { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
          { key: 'secretary', title: '书记', dataIndex: 'secretary', responsive: ['md'] },
          { key: 'contact', title: '联系方式', dataIndex: 'contact', responsive: ['lg'] },
          { key: 'members', title: '退役军人党员', dataIndex: 'memberCount' },
        ]}
      />
      {adding && <AddBranch onClose={() => setAdding(false)} />}
    </PageShell>
  );
}
