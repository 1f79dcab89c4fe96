// 问卷: the questionnaires of the range and above, and one questionnaire's editor: title, intro and
// questions (单选、多选、满意度评分 1–5、文字; options one per line), saved as a draft and published
// (then frozen: the page shows it read-only).
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { questionKindLabels, questionKinds, ratingLabels, type Question, type QuestionnaireDto } from '../../../shared/schemas/surveys';
import { surveyApi, surveyKeys, useCreateQuestionnaire, usePublishQuestionnaire, useQuestionnaire, useUpdateQuestionnaire } from '../../api/surveys';
import { isApiError } from '../../api/client';
import { OrgUnitSelect } from '../../components/org-unit-select';
import { PageShell } from '../../components/page-shell';
import { RecordTable, type RecordColumn } from '../../components/record-table';
import { useCan, useCurrentUser } from '../../components/session';
import { SurveysNav } from './surveys-nav';

export function QuestionnairesPage() {
  const canWrite = useCan('surveys:write');
  const columns: RecordColumn<QuestionnaireDto>[] = [
    {
      key: 'title',
      title: '问卷',
      fixedShown: true,
      render: (_v, q) => (
        <div>
          <Link to={`/surveys/questionnaires/${q.id}`}>
            <Typography.Text strong>{q.title}</Typography.Text>
          </Link>
          <div className="muted">
            {q.questions.length} 题 · {q.orgUnitName}
          </div>
        </div>
      ),
    },
    { key: 'state', title: '状态', render: (_v, q) => (q.published ? <Tag color="green">已发布</Tag> : <Tag>草稿</Tag>) },
  ];
  return (
    <PageShell
      title="满意度调查"
      subtitle="问卷：草稿可修改，发布后内容固定"
      extra={
        canWrite && (
          <Link to="/surveys/questionnaires/new">
            <Button type="primary" icon={<PlusOutlined />}>
              新建问卷
            </Button>
          </Link>
        )
      }
    >
      <SurveysNav />
      <RecordTable<QuestionnaireDto> queryKey={surveyKeys.questionnaires} fetchPage={surveyApi.questionnaires} columns={columns} rowKey="id" filters={[]} storageKey="survey-questionnaires" emptyText="暂无问卷" />
    </PageShell>
  );
}

type FormQuestion = { kind: Question['kind']; text: string; options?: string; required: boolean };
const toForm = (q: Question): FormQuestion => ({ kind: q.kind, text: q.text, options: q.options.join('\n'), required: q.required });
const fromForm = (q: FormQuestion, i: number): Question => ({
  id: `q${i + 1}`,
  kind: q.kind,
  text: q.text ?? '',
  options: q.kind === 'single' || q.kind === 'multiple' ? (q.options ?? '').split('\n').map((s) => s.trim()).filter(Boolean) : [],
  required: !!q.required,
});
const starter: FormQuestion[] = [
  { kind: 'rating', text: '您对我们的服务总体是否满意？', required: true },
  { kind: 'text', text: '您对我们还有什么意见和建议？', required: false },
];

function ReadOnly({ q }: { q: QuestionnaireDto }) {
  return (
    <Card size="small">
      {q.intro && <p>{q.intro}</p>}
      {q.questions.map((x, i) => (
        <div key={x.id} style={{ marginBottom: 10 }}>
          <Typography.Text strong>
            {i + 1}. {x.text}
          </Typography.Text>{' '}
          <Tag>{questionKindLabels[x.kind]}</Tag>
          {x.required && <Tag color="orange">必答</Tag>}
          <div className="muted">{x.kind === 'rating' ? ratingLabels.map((l, k) => `${k + 1} ${l}`).join(' · ') : x.options.join(' · ')}</div>
        </div>
      ))}
    </Card>
  );
}

export function QuestionnairePage() {
  const { id } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const q = useQuestionnaire(id);
  const create = useCreateQuestionnaire();
  const update = useUpdateQuestionnaire(id ?? '');
  const publish = usePublishQuestionnaire(id ?? '');
  const [form] = Form.useForm();
  const { message } = App.useApp();
  useEffect(() => {
    if (q.data) form.setFieldsValue({ title: q.data.title, intro: q.data.intro, questions: q.data.questions.map(toForm) });
  }, [q.data, form]);
  if (id && q.isPending) return <Skeleton active />;
  if (id && q.isError) return <Alert type="error" showIcon title="未找到该问卷" />;
  const d = q.data;
  const editable = !d || d.canEdit;
  async function save(v: { title: string; intro?: string; questions?: FormQuestion[]; orgUnitId?: string }) {
    const body = { title: v.title, intro: v.intro ?? '', questions: (v.questions ?? []).map(fromForm) };
    try {
      if (d) {
        await update.mutateAsync({ ...body, version: d.version });
        void message.success('已保存');
      } else {
        const made = await create.mutateAsync({ ...body, orgUnitId: v.orgUnitId ?? me.orgUnit.id });
        void message.success('已保存为草稿');
        navigate(`/surveys/questionnaires/${made.id}`, { replace: true });
      }
    } catch (e) {
      void message.error(isApiError(e) ? (e.details[0] ? `${e.message}（${e.details[0].message}）` : e.message) : '保存失败，请稍后重试');
    }
  }
  return (
    <PageShell title={d ? d.title : '新建问卷'} subtitle={d ? `${d.orgUnitName} · ${d.published ? `已发布（${d.publishedAt?.slice(0, 10)}），内容固定` : '草稿'}` : '单选、多选、满意度评分（1–5）、文字题'}>
      {!editable && d ? (
        <ReadOnly q={d} />
      ) : (
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ questions: starter, orgUnitId: me.orgUnit.id }}>
          <Form.Item name="title" label="问卷名称" rules={[{ required: true, message: '请填写问卷名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          {!d && (
            <Form.Item name="orgUnitId" label="编制单位">
              <OrgUnitSelect aria-label="编制单位" />
            </Form.Item>
          )}
          <Form.Item name="intro" label="说明（显示在问卷开头）">
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" title={`第 ${i + 1} 题`} style={{ marginBottom: 8 }} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="删除本题" onClick={() => remove(f.name)} />}>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'kind']} label="题型">
                        <Select style={{ width: 170 }} options={questionKinds.map((k) => ({ value: k, label: questionKindLabels[k] }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'required']} label="必答" valuePropName="checked">
                        <Switch />
                      </Form.Item>
                    </Space>
                    <Form.Item name={[f.name, 'text']} label="题目" rules={[{ required: true, message: '请填写题目' }]}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['questions', f.name, 'kind']) as string;
                        return kind === 'single' || kind === 'multiple' ? (
                          <Form.Item name={[f.name, 'options']} label="选项（每行一个）">
                            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
                          </Form.Item>
                        ) : null;
                      }}
                    </Form.Item>
                  </Card>
                ))}
                <div style={{ marginBottom: 12 }}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'single', text: '', options: '', required: true })}>
                    添加题目
                  </Button>
                </div>
              </>
            )}
          </Form.List>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
              保存草稿
            </Button>
            {d && (
              <Popconfirm title="发布后问卷内容不能再修改，确定发布？" onConfirm={async () => {
                try {
                  await publish.mutateAsync(d.version);
                  void message.success('问卷已发布');
                } catch (e) {
                  void message.error(isApiError(e) ? e.message : '发布失败，请稍后重试');
                }
              }}>
                <Button loading={publish.isPending}>发布</Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      )}
    </PageShell>
  );
}
