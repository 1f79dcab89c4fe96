// 推荐优秀退役军人典型: for a person given by the recipient page (never typed). The recommending unit
// (the worker's own by default: a village, township or county station holding the person) sends it to
// its parent for review; kind 纳入典型资源库 or 推荐进入“两委”班子; category, honor after service,
// title and reason. Documents are added on the case page.
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { exemplarCategories, exemplarCategoryLabels, exemplarCreate, exemplarKindLabels, exemplarKinds, honorLevelLabels, honorLevels } from '../../../shared/schemas/education';
import { useCreateExemplar, useRecipientEducation } from '../../api/education';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

export function ExemplarFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateExemplar();
  const [sp] = useSearchParams();
  const recipientId = sp.get('recipient') ?? '';
  const name = sp.get('name') ?? '';
  const panel = useRecipientEducation(recipientId);

  useEffect(() => {
    form.setFieldsValue({ recipientId, orgUnitId: me.orgUnit.id, kind: 'pool', category: undefined, honorLevel: 'none', title: '', reason: '' });
  }, [form, me, recipientId]);

  const submit = async () => {
    const body = parseWithSchema(form, exemplarCreate, form.getFieldsValue(true));
    if (!body) return;
    try {
      const e = await create.mutateAsync(body);
      void message.success(`已报送${e.reviewingUnitName ?? '上级单位'}审核`);
      navigate(`/education/exemplars/${e.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  };

  return (
    <PageShell title="推荐优秀退役军人典型" subtitle={recipientId ? `${name || '服务对象'}：推荐后报上级单位逐级审核（村→乡镇→县→市）` : '请从服务对象详情页的“教育管理”推荐'}>
      <Card>
        <Form form={form} layout="vertical" style={{ maxWidth: 620 }}>
          <Form.Item name="kind" label="推荐类别" rules={[{ required: true }]}>
            <Radio.Group options={exemplarKinds.map((k) => ({ value: k, label: exemplarKindLabels[k] }))} aria-label="推荐类别" />
          </Form.Item>
          <Form.Item name="category" label="典型类别" rules={[{ required: true, message: '请选择典型类别' }]}>
            <Select aria-label="典型类别" options={exemplarCategories.map((c) => ({ value: c, label: exemplarCategoryLabels[c] }))} />
          </Form.Item>
          <Form.Item name="title" label="典型事迹标题" rules={[{ required: true, message: '请填写典型事迹标题' }]}>
            <Input maxLength={60} aria-label="典型事迹标题" placeholder="如：退役不褪色 带头创业致富" />
          </Form.Item>
          <Form.Item name="reason" label="推荐理由（主要事迹）" rules={[{ required: true, message: '请填写推荐理由' }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount aria-label="推荐理由" />
          </Form.Item>
          <Form.Item name="honorLevel" label="退役后获得的最高表彰" extra="省部级、战区级及以上表彰者将标记为“推荐参加重大庆典、写入地方志”；在部队立功受奖以信息采集为准">
            <Select aria-label="表彰级别" options={honorLevels.map((h) => ({ value: h, label: honorLevelLabels[h] }))} />
          </Form.Item>
          <Form.Item name="orgUnitId" label="推荐单位" extra="服务对象所在单位或其上级（县级及以下），由其上级单位审核">
            <OrgUnitSelect aria-label="推荐单位" style={{ maxWidth: 320 }} />
          </Form.Item>
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={create.isPending} disabled={!recipientId || panel.isError}>
              推荐并报送审核
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
