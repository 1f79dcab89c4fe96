// 创业导师: the founders' network — successful veteran entrepreneurs of the range and above who
// mentor ventures (Part 4 五(三)), with the sectors they know and how many ventures they mentor.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { industryCodes, industryLabels } from '../../../shared/rules/job-matching';
import { ventureMentorCreate } from '../../../shared/schemas/ventures';
import { isApiError } from '../../api/client';
import { useCreateMentor, useMentors } from '../../api/ventures';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan, useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RecipientSearch } from './recipient-search';

function MentorForm({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const create = useCreateMentor();
  const submit = async () => {
    const body = parseWithSchema(form, ventureMentorCreate, form.getFieldsValue(true) as Record<string, unknown>);
    if (!body) return;
    try {
      await create.mutateAsync(body);
      void message.success('已登记创业导师');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };
  return (
    <Modal title="登记创业导师" open onCancel={onClose} onOk={() => void submit()} okText="保存" confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ orgUnitId: me.orgUnit.id, sectors: [], enterprise: '', expertise: '' }}>
        <Form.Item name="recipientId" label="退役军人企业家" rules={[{ required: true, message: '请选择' }]}>
          <RecipientSearch ariaLabel="退役军人企业家" />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位" rules={[{ required: true }]}>
          <OrgUnitSelect aria-label="所属单位" />
        </Form.Item>
        <Form.Item name="enterprise" label="所办企业">
          <Input maxLength={100} aria-label="所办企业" />
        </Form.Item>
        <Form.Item name="sectors" label="擅长行业">
          <Select mode="multiple" aria-label="擅长行业" options={industryCodes.map((c) => ({ value: c, label: industryLabels[c] }))} />
        </Form.Item>
        <Form.Item name="expertise" label="指导专长">
          <Input.TextArea rows={2} maxLength={500} aria-label="指导专长" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MentorsPage() {
  const q = useMentors();
  const canWrite = useCan('employment:write');
  const [open, setOpen] = useState(false);
  return (
    <PageShell
      title="创业导师"
      subtitle="发挥退役军人成功企业家作用，带动引导退役军人就业创业"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            登记创业导师
          </Button>
        )
      }
    >
      <Card>
        <Table
          size="small"
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无创业导师' }}
          columns={[
            { key: 'name', title: '导师', dataIndex: 'name' },
            { key: 'enterprise', title: '所办企业', dataIndex: 'enterprise', responsive: ['sm'] },
            { key: 'sectors', title: '擅长行业', render: (_x, m) => m.sectors.map((s) => <Tag key={s}>{industryLabels[s]}</Tag>), responsive: ['md'] },
            { key: 'mentees', title: '结对项目', render: (_x, m) => `${m.menteeCount} 个` },
            { key: 'unit', title: '所属单位', dataIndex: 'orgUnitName', responsive: ['lg'] },
          ]}
        />
      </Card>
      {open && <MentorForm onClose={() => setOpen(false)} />}
    </PageShell>
  );
}
