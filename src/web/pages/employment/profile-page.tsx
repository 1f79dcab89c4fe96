// A person's employment profile 就业信息: the form (saving confirms it today and writes the status to
// the registry), the openings matched to the person with reasons (推荐 records a recommendation),
// and the person's recommendations with their outcomes.
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, List, Radio, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { employmentProfileSave, type EmploymentProfileDto } from '../../../shared/schemas/employment';
import { employmentStatusLabels, employmentStatuses } from '../../../shared/schemas/recipients';
import { industryCodes, industryLabels, skillCodes, skillLabels, workTimeLabels, workTimes } from '../../../shared/rules/job-matching';
import { useProfile, useRecommend, useSaveProfile, useSeekerMatches } from '../../api/employment';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { useCan } from '../../components/session';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import { RecommendationList } from './recommendation-list';

function ProfileForm({ p }: { p: EmploymentProfileDto }) {
  const [form] = Form.useForm();
  const save = useSaveProfile(p.recipientId);
  const { message } = App.useApp();
  const canWrite = useCan('employment:write') && p.canEdit;
  useEffect(() => {
    form.setFieldsValue({ ...p, placeUnitId: p.places[0]?.id });
  }, [form, p]);
  async function submit(v: Record<string, unknown>) {
    const body = parseWithSchema(form, employmentProfileSave, { ...v, version: p.version, placeUnitIds: v.placeUnitId ? [v.placeUnitId] : [], payMin: v.payMin ?? null });
    if (!body) return;
    try {
      await save.mutateAsync(body);
      void message.success('已核实并保存就业信息');
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(isApiError(e) ? e.message : '保存失败，请稍后重试');
    }
  }
  return (
    <Form form={form} layout="vertical" className="employment-form" onFinish={submit} disabled={!canWrite}>
      <Form.Item name="status" label="就业状况" rules={[{ required: true, message: '请选择就业状况' }]}>
        <Select aria-label="就业状况" options={employmentStatuses.map((s) => ({ value: s, label: employmentStatusLabels[s] }))} />
      </Form.Item>
      <Form.Item name="employerName" label="就业单位">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="seeking" label="有求职意向" valuePropName="checked">
        <Switch aria-label="有求职意向" />
      </Form.Item>
      <Form.Item name="skills" label="技能特长">
        <Checkbox.Group options={skillCodes.map((c) => ({ value: c, label: skillLabels[c] }))} />
      </Form.Item>
      <Form.Item name="industries" label="意向行业">
        <Select mode="multiple" aria-label="意向行业" options={industryCodes.map((c) => ({ value: c, label: industryLabels[c] }))} />
      </Form.Item>
      <Form.Item name="placeUnitId" label="意向工作地">
        <OrgUnitSelect allowClear placeholder="县、乡镇…" aria-label="意向工作地" />
      </Form.Item>
      <Form.Item name="workTime" label="全职/兼职">
        <Radio.Group optionType="button" options={workTimes.map((w) => ({ value: w, label: workTimeLabels[w] }))} />
      </Form.Item>
      <Form.Item name="payMin" label="期望月薪（元）">
        <InputNumber min={0} max={1000000} style={{ width: 160 }} aria-label="期望月薪（元）" />
      </Form.Item>
      <Form.Item name="trainingWishes" label="培训意愿">
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="ventureIntent" label="有创业意向" valuePropName="checked">
        <Switch aria-label="有创业意向" />
      </Form.Item>
      <Form.Item name="ventureHelp" label="需要的创业扶持">
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {canWrite && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          核实并保存
        </Button>
      )}
    </Form>
  );
}

function Matches({ p }: { p: EmploymentProfileDto }) {
  const q = useSeekerMatches(p.recipientId);
  const recommend = useRecommend();
  const { message } = App.useApp();
  const canWrite = useCan('employment:write');
  if (!q.data) return <Spin size="small" />;
  if (!q.data.items.length) return <div className="muted">暂无可匹配的有效岗位</div>;
  return (
    <List
      size="small"
      data-testid="employment-seeker-matches"
      dataSource={q.data.items}
      renderItem={(m) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Space wrap size={6}>
              <Link to={`/employment/openings/${m.opening.id}`}>
                <Typography.Text strong>
                  {m.opening.employerName} {m.opening.position}
                </Typography.Text>
              </Link>
              <Tag color={m.score >= 80 ? 'green' : m.score >= 60 ? 'blue' : 'default'}>匹配度 {m.score}</Tag>
              <span className="muted">
                {m.opening.payMin}–{m.opening.payMax} 元/月
              </span>
            </Space>
            <div className="employment-reasons">{m.reasons.join(' · ')}</div>
            {canWrite && !m.recommendationId && (
              <Button
                size="small"
                style={{ marginTop: 4 }}
                loading={recommend.isPending}
                onClick={async () => {
                  try {
                    await recommend.mutateAsync({ openingId: m.opening.id, recipientId: p.recipientId });
                    void message.success('已推荐');
                  } catch (e) {
                    void message.error(isApiError(e) ? e.message : '推荐失败，请稍后重试');
                  }
                }}
              >
                推荐到此岗位
              </Button>
            )}
            {m.recommendationId && <Tag style={{ marginTop: 4 }}>已推荐</Tag>}
          </div>
        </List.Item>
      )}
    />
  );
}

export function ProfilePage() {
  const { id } = useParams();
  const q = useProfile(id);
  if (q.isError) return <Alert type="error" message={q.error.message} />;
  if (!q.data) return <Spin />;
  const p = q.data;
  return (
    <PageShell title={`就业信息：${p.recipientName}`} subtitle={`${p.orgUnitName} · ${p.recipientIdMasked}${p.dischargeDate ? ` · 退役 ${p.dischargeDate}` : ''}`}>
      {p.due && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={p.confirmedOn ? `上次核实 ${p.confirmedOn}，已到复核时间，请与本人核实后保存` : '尚未核实，请与本人核实后保存'} />}
      {!p.due && p.confirmedOn && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`已于 ${p.confirmedOn} 核实`} />}
      <Card size="small" title="就业信息" style={{ marginBottom: 12 }}>
        <ProfileForm p={p} />
      </Card>
      <Card size="small" title="匹配的岗位" style={{ marginBottom: 12 }}>
        <Matches p={p} />
      </Card>
      <Card size="small" title="推荐记录">
        <RecommendationList query={{ recipientId: p.recipientId }} show="opening" />
      </Card>
    </PageShell>
  );
}
