// 上报疑难问题 (§8): one column, for a phone too. The raising unit defaults to the worker's own (its
// parent gets the problem); the person concerned is optional (a registered recipient of the unit's
// range); photos and PDFs go with the report (at most 3).
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { hardProblemCategories, hardProblemCategoryLabels, hardProblemCreate } from '../../../shared/schemas/hard-problems';
import { useReportHardProblem } from '../../api/hard-problems';
import { isApiError } from '../../api/client';
import { FilePicker } from '../../components/case-files';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { PersonPick } from './hard-problems-tags';
import './hard-problems.css';

export function HardProblemFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useReportHardProblem();

  useEffect(() => {
    form.setFieldsValue({ orgUnitId: me.orgUnit.id, recipientId: null, category: undefined, title: '', description: '', tried: '', files: [] });
  }, [form, me]);

  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, hardProblemCreate, values);
    if (!body) return;
    try {
      const p = await create.mutateAsync(body);
      void message.success(`已上报${p.atUnitName ?? '上级单位'}`);
      navigate(`/hard-problems/${p.id}`, { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '上报失败，请稍后重试');
    }
  }

  return (
    <PageShell title="上报疑难问题" subtitle="本单位解决不了的问题和困难，报上级单位研究解决">
      <Card className="hard-problem-form">
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional" scrollToFirstError>
          <Form.Item name="orgUnitId" label="上报单位" rules={[{ required: true, message: '请选择上报单位' }]} extra="报其上级单位研究">
            <OrgUnitSelect aria-label="上报单位" />
          </Form.Item>
          <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select aria-label="问题类别" placeholder="请选择" options={hardProblemCategories.map((c) => ({ value: c, label: hardProblemCategoryLabels[c] }))} />
          </Form.Item>
          <Form.Item name="title" label="问题概要" rules={[{ required: true, message: '请填写问题概要' }]}>
            <Input maxLength={60} placeholder="一句话说明问题" aria-label="问题概要" />
          </Form.Item>
          <Form.Item name="recipientId" label="涉及人员">
            <PersonPick />
          </Form.Item>
          <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请填写问题描述' }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount placeholder="问题的由来、现状、当事人诉求" aria-label="问题描述" />
          </Form.Item>
          <Form.Item name="tried" label="已采取的措施" rules={[{ required: true, message: '请填写已采取的措施' }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder="本单位做了哪些工作，为什么解决不了" aria-label="已采取的措施" />
          </Form.Item>
          <Form.Item name="files" label="附件（照片或 PDF，最多 3 个）">
            <FilePicker max={3} testId="hard-problem-files" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending} size="large">
              上报
            </Button>
            <Button size="large" onClick={() => navigate(-1)}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
