// 报送舆情: found at, source/platform, summary, people involved, level, link. On submit it goes
// to every level up to the county at once.
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { App, AutoComplete, Button, Card, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { opinionCreate, opinionLevelLabels, opinionLevels } from '../../../shared/schemas/opinion-reports';
import { useCreateOpinionReport } from '../../api/opinion-reports';
import { isApiError } from '../../api/client';
import { PageShell } from '../../components/page-shell';
import { useCurrentUser } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';

const SOURCES = ['微信群', '微信公众号', '微博', '抖音', '快手', '今日头条', '百度贴吧', '本地论坛', '12345热线', '群众反映'];

export function OpinionFormPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateOpinionReport();
  useEffect(() => {
    form.setFieldsValue({ foundAt: dayjs(), level: 'general' });
  }, [form]);

  async function submit(values: Record<string, unknown>) {
    const body = parseWithSchema(form, opinionCreate, { ...values, foundAt: (values.foundAt as Dayjs | undefined)?.toISOString() });
    if (!body) return;
    try {
      const r = await create.mutateAsync(body);
      void message.success(`已报送，逐级送达${r.chain.map((l) => l.orgUnitName).join('、')}`);
      navigate(`/opinion-reports/${r.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '报送失败，请稍后重试');
    }
  }

  return (
    <PageShell title="报送舆情信息" subtitle={`由${me.orgUnit.name}报送，提交后即时逐级送达至县级，各级签收`}>
      <Card className="dispute-form">
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => void submit(v)} requiredMark="optional">
          <Form.Item name="foundAt" label="发现时间" rules={[{ required: true, message: '请选择发现时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} aria-label="发现时间" inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="source" label="来源/平台" rules={[{ required: true, message: '请填写来源/平台' }]}>
            <AutoComplete options={SOURCES.map((s) => ({ value: s }))} placeholder="如：微信群、抖音、微博" aria-label="来源/平台" filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
          </Form.Item>
          <Form.Item name="summary" label="舆情摘要" rules={[{ required: true, message: '请填写舆情摘要' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder="内容要点、传播情况（转发、评论量）、可能的影响" />
          </Form.Item>
          <Form.Item name="people" label="涉及人员">
            <Input maxLength={200} placeholder="涉及的退役军人或其他人员" />
          </Form.Item>
          <Form.Item name="level" label="等级" rules={[{ required: true, message: '请选择等级' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={opinionLevels.map((l) => ({ value: l, label: opinionLevelLabels[l] }))} />
          </Form.Item>
          <Form.Item name="link" label="链接">
            <Input maxLength={500} placeholder="https://…（可选）" inputMode="url" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={300} />
          </Form.Item>
          <Typography.Paragraph type="secondary">提交后，本单位视为已签收；上级各单位须在规定时限内签收。</Typography.Paragraph>
          <Space>
            <Button type="primary" htmlType="submit" size="large" loading={create.isPending}>
              报送
            </Button>
            <Button size="large" onClick={() => navigate('/opinion-reports')}>
              取消
            </Button>
          </Space>
        </Form>
      </Card>
    </PageShell>
  );
}
