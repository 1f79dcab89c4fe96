// A 交办 assignment as the unit it was assigned to sees it (reached from the work queue): what is
// asked, by whom, by when (yellow when due soon, red when overdue); the reply form (what was done,
// the result, the day, up to 3 files) while a reply is due; after replying, the reply and its state
// (待审核 / 已采纳 / 已退回 with the assigning unit's comment, and the form again). Seed Part 7 五(二).
// Nothing else of the case: the lower unit cannot read it.
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Spin, Tag } from 'antd';
import { ASSIGNMENT_REPLY_FILES_MAX, assignmentReplyBody, type AssignmentDto } from '../../../shared/schemas/supervision';
import { assignmentFilesBase, useAssignment, useAssignmentReply } from '../../api/assignments';
import { isApiError } from '../../api/client';
import { CaseFileList, FilePicker } from '../../components/case-files';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { applyServerErrors, parseWithSchema } from '../../components/zod-form';
import './assignments.css';

function errorText(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

/** Where the reply stands: 待回复 / 逾期未回复 / 待审核 / 已采纳 / 已退回. */
function StateTag({ a }: { a: AssignmentDto }) {
  if (a.review === 'accepted') return <Tag color="green">已采纳</Tag>;
  if (a.repliedOn) return <Tag color="blue">已回复，待审核</Tag>;
  if (a.review === 'returned') return <Tag color="orange">已退回，待重新回复</Tag>;
  if (a.overdue) return <Tag color="red">逾期未回复</Tag>;
  return <Tag>待回复</Tag>;
}

function DueAlert({ a }: { a: AssignmentDto }) {
  if (a.repliedOn || a.review === 'accepted') return null;
  if (a.overdue) return <Alert type="error" showIcon title={`已超过回复期限（${a.dueDay}），请尽快回复`} className="assignment-block" />;
  return <Alert type={a.dueSoon ? 'warning' : 'info'} showIcon title={`请于 ${a.dueDay} 前回复${a.dueSoon ? '（即将到期）' : ''}`} className="assignment-block" />;
}

function ReplyForm({ a }: { a: AssignmentDto }) {
  const [form] = Form.useForm();
  const m = useAssignmentReply();
  const { message } = App.useApp();
  async function submit(): Promise<void> {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const body = parseWithSchema(form, assignmentReplyBody, form.getFieldsValue(true));
    if (!body) return;
    try {
      await m.mutateAsync({ id: a.id, body });
      void message.success('已回复交办事项');
      form.resetFields();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorText(e));
    }
  }
  const req = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  return (
    <Card title={a.review === 'returned' ? '重新回复' : '回复交办事项'} className="assignment-block" data-testid="assignment-reply-form">
      <Form form={form} layout="vertical" initialValues={{ repliedOn: todayDay(), files: [] }}>
        <Form.Item name="reply" label="办理情况" rules={req('办理情况')}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="做了什么：走访、核实、协调等" aria-label="办理情况" />
        </Form.Item>
        <Form.Item name="result" label="办理结果" rules={req('办理结果')}>
          <Input.TextArea rows={3} maxLength={1000} showCount aria-label="办理结果" />
        </Form.Item>
        <Form.Item name="repliedOn" label="回复日期" rules={[{ required: true, message: '请选择回复日期' }]}>
          <DayPicker aria-label="回复日期" minDay={a.issuedOn} maxDay={todayDay()} />
        </Form.Item>
        <Form.Item name="files" label={`附件（选填，最多 ${ASSIGNMENT_REPLY_FILES_MAX} 个）`}>
          <FilePicker max={ASSIGNMENT_REPLY_FILES_MAX} testId="assignment-files" />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={m.isPending} block className="assignment-submit">
          提交回复
        </Button>
      </Form>
    </Card>
  );
}

export function AssignmentPage() {
  const { id } = useParams();
  const q = useAssignment(id);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!q.data) return <Result status="404" title={q.error ? errorText(q.error) : '未找到该交办事项'} extra={<Link to="/work-queue">返回我的待办</Link>} />;
  const a = q.data;
  const hasReply = a.reply !== null;
  return (
    <PageShell
      title={`交办事项：${a.caseTitle}`}
      className="assignment-page"
      subtitle={
        <span>
          {a.caseTypeLabel} <StateTag a={a} />
        </span>
      }
      extra={<Link to="/work-queue">返回我的待办</Link>}
    >
      <DueAlert a={a} />
      <Card title="交办内容" className="assignment-block" data-testid="assignment-ask">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="交办单位">
            {a.issuerUnitName}（{a.issuedByName}）
          </Descriptions.Item>
          <Descriptions.Item label="接收单位">{a.targetName}</Descriptions.Item>
          <Descriptions.Item label="交办日期">{a.issuedOn}</Descriptions.Item>
          <Descriptions.Item label="回复期限">{a.dueDay} 前</Descriptions.Item>
          <Descriptions.Item label="交办事项和要求" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{a.content}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {a.review === 'returned' && !a.repliedOn && (
        <Alert
          type="warning"
          showIcon
          className="assignment-block"
          data-testid="assignment-returned"
          title={`交办单位已退回回复（${a.reviewedOn ?? ''}，${a.reviewedByName ?? ''}${a.returns > 1 ? `，第 ${a.returns} 次` : ''}）`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>退回意见：{a.reviewComment}</span>}
        />
      )}
      {hasReply && (
        <Card title={a.repliedOn ? '本单位的回复' : '上次的回复'} className="assignment-block" data-testid="assignment-reply" extra={a.repliedOn ? <StateTag a={a} /> : undefined}>
          <Descriptions size="small" column={1}>
            {a.repliedOn && (
              <Descriptions.Item label="回复">
                {a.repliedOn}，{a.repliedByName}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="办理情况">
              <span style={{ whiteSpace: 'pre-wrap' }}>{a.reply}</span>
            </Descriptions.Item>
            {a.result && (
              <Descriptions.Item label="办理结果">
                <span style={{ whiteSpace: 'pre-wrap' }}>{a.result}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <CaseFileList files={a.files} base={assignmentFilesBase(a.id)} />
          {a.review === 'accepted' && (
            <Alert type="success" showIcon className="assignment-inner" title={`交办单位已采纳（${a.reviewedOn ?? ''}，${a.reviewedByName ?? ''}）${a.reviewComment ? `：${a.reviewComment}` : ''}`} />
          )}
        </Card>
      )}
      {a.mayReply ? (
        <ReplyForm a={a} />
      ) : (
        !a.repliedOn && a.review !== 'accepted' && <Alert type="info" showIcon className="assignment-block" title={a.caseOpen ? '您没有回复该交办事项的权限' : '该办件已办结，无需回复'} />
      )}
    </PageShell>
  );
}
