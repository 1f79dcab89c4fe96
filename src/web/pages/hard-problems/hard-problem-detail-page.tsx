// A hard problem's page: what was reported (unit, category, person, description, what was tried,
// attachments), where it is now (the level and unit studying it, the study deadline, 逾期), the study
// notes 专题研究记录, the county's monthly reviews 月度研究 (decision, owner, due day), the resolution,
// the actions the caller may take now (one dialog each) and the kernel's timeline. The raising unit
// sees every step up to the resolution.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Card, Descriptions, Form, Input, Modal, Result, Space, Spin, Button, Empty } from 'antd';
import { hardProblemActionLabels, hardProblemCategoryLabels, hardProblemLevelLabels, type HardProblemAction, type HardProblemDetail } from '../../../shared/schemas/hard-problems';
import { hardProblemApi, useHardProblem, useHardProblemAction } from '../../api/hard-problems';
import { isApiError } from '../../api/client';
import { CaseFileList } from '../../components/case-files';
import { CaseTimeline } from '../../components/case-timeline';
import { DayPicker, todayDay } from '../../components/day-picker';
import { PageShell } from '../../components/page-shell';
import { HardProblemStatusTag } from './hard-problems-tags';
import './hard-problems.css';

const commentLabel: Partial<Record<HardProblemAction, string>> = { escalate: '上报理由（本级为何解决不了）', escalateCity: '上报理由（本级为何解决不了）', withdraw: '撤回原因' };

function ActionModal({ p, action, onClose }: { p: HardProblemDetail; action: HardProblemAction; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const run = useHardProblemAction();
  const today = todayDay();
  const submit = async () => {
    let values: Record<string, string>;
    try {
      values = (await form.validateFields()) as Record<string, string>;
    } catch {
      return;
    }
    try {
      const { comment = '', ...rest } = values;
      await run.mutateAsync({ id: p.id, body: { action, comment, version: p.version, ...rest } as never });
      void message.success(`已${hardProblemActionLabels[action]}`);
      onClose();
    } catch (err) {
      void message.error(isApiError(err) ? err.message : '操作失败，请稍后重试');
    }
  };
  const req = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  return (
    <Modal title={hardProblemActionLabels[action]} open onCancel={onClose} onOk={() => void submit()} okText="确定" confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ studiedOn: today, reviewedOn: today }}>
        {action === 'study' && (
          <>
            <Form.Item name="studiedOn" label="研究日期" rules={req('研究日期')}>
              <DayPicker aria-label="研究日期" maxDay={today} />
            </Form.Item>
            <Form.Item name="participants" label="参加人员" rules={req('参加人员')}>
              <Input maxLength={200} aria-label="参加人员" />
            </Form.Item>
            <Form.Item name="notes" label="研究情况" rules={req('研究情况')}>
              <Input.TextArea rows={4} maxLength={4000} aria-label="研究情况" />
            </Form.Item>
          </>
        )}
        {action === 'review' && (
          <>
            <Form.Item name="reviewedOn" label="研究日期" rules={req('研究日期')}>
              <DayPicker aria-label="研究日期" maxDay={today} />
            </Form.Item>
            <Form.Item name="decision" label="研究意见" rules={req('研究意见')}>
              <Input.TextArea rows={3} maxLength={2000} aria-label="研究意见" />
            </Form.Item>
            <Form.Item name="ownerName" label="责任人" rules={req('责任人')}>
              <Input maxLength={40} aria-label="责任人" />
            </Form.Item>
            <Form.Item name="dueOn" label="办理时限" rules={req('办理时限')}>
              <DayPicker aria-label="办理时限" minDay={today} />
            </Form.Item>
          </>
        )}
        {action === 'resolve' && (
          <Form.Item name="resolution" label="解决情况" rules={req('解决情况')}>
            <Input.TextArea rows={4} maxLength={4000} aria-label="解决情况" />
          </Form.Item>
        )}
        {commentLabel[action] ? (
          <Form.Item name="comment" label={commentLabel[action]} rules={req(commentLabel[action] as string)}>
            <Input.TextArea rows={3} maxLength={1000} aria-label="意见" />
          </Form.Item>
        ) : (
          <Form.Item name="comment" label="备注">
            <Input.TextArea rows={2} maxLength={1000} aria-label="备注" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function HardProblemDetailPage() {
  const { id } = useParams();
  const q = useHardProblem(id);
  const [action, setAction] = useState<HardProblemAction | null>(null);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Result status="warning" title="疑难问题暂时无法读取" subTitle={q.error.message} />;
  const p = q.data;
  const open = p.atUnitId !== null;
  return (
    <PageShell
      title={`疑难问题：${p.title}`}
      subtitle={`${p.orgUnitName} ${p.reportedOn} 上报`}
      extra={
        p.allowed.length > 0 && (
          <Space wrap>
            {p.allowed.map((a) => (
              <Button key={a} type={a === 'resolve' ? 'primary' : 'default'} danger={a === 'withdraw'} onClick={() => setAction(a)}>
                {hardProblemActionLabels[a]}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {p.status === 'resolved' && (
        <Alert
          type="success"
          showIcon
          data-testid="hard-problem-resolution"
          title={`已于 ${p.closedOn ?? ''} 由${p.resolvedUnitName ?? ''}（${p.resolvedLevel ? hardProblemLevelLabels[p.resolvedLevel] : ''}）解决`}
          description={<div className="hard-problem-text">{p.resolution}</div>}
          style={{ marginBottom: 12 }}
        />
      )}
      {open && (
        <Alert
          type={p.overdue ? 'error' : 'info'}
          showIcon
          title={`${p.atUnitName ?? ''}研究中${p.dueDay ? `，研究时限 ${p.dueDay}${p.overdue ? '（已逾期）' : ''}` : ''}${p.lastReviewOn ? `；最近月度研究 ${p.lastReviewOn}` : ''}`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card title="问题情况" data-testid="hard-problem-facts">
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label="上报单位">{p.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <HardProblemStatusTag p={p} />
          </Descriptions.Item>
          <Descriptions.Item label="问题类别">{hardProblemCategoryLabels[p.category]}</Descriptions.Item>
          <Descriptions.Item label="涉及人员">
            {p.recipientId ? (
              <>
                <Link to={`/recipients/${p.recipientId}`}>{p.recipientName}</Link>
                <span className="muted"> {p.recipientIdMasked}</span>
              </>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="首次受理">{hardProblemLevelLabels[p.firstLevel]}</Descriptions.Item>
          <Descriptions.Item label="上报日期">{p.reportedOn}</Descriptions.Item>
          <Descriptions.Item label="问题描述" span={2}>
            <div className="hard-problem-text">{p.description}</div>
          </Descriptions.Item>
          <Descriptions.Item label="已采取的措施" span={2}>
            <div className="hard-problem-text">{p.tried}</div>
          </Descriptions.Item>
          {p.files.length > 0 && (
            <Descriptions.Item label="附件" span={2}>
              <CaseFileList files={p.files} base={hardProblemApi.fileBase(p.id)} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="专题研究记录" style={{ marginTop: 12 }} data-testid="hard-problem-studies">
        {p.studies.length ? (
          p.studies.map((s) => (
            <div key={s.seq} className="hard-problem-text" style={{ marginBottom: 8 }}>
              <strong>{s.studiedOn}</strong> {s.unitName} <span className="muted">参加：{s.participants}</span>
              <div>{s.notes}</div>
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无研究记录" />
        )}
      </Card>
      {(p.reviews.length > 0 || p.status === 'county') && (
        <Card title="月度研究" style={{ marginTop: 12 }} data-testid="hard-problem-reviews">
          {p.reviews.length ? (
            p.reviews.map((r) => (
              <div key={r.seq} style={{ marginBottom: 8 }}>
                <strong>{r.reviewedOn}</strong> {r.unitName}：<span className="hard-problem-text">{r.decision}</span>
                <div className="muted">
                  责任人 {r.ownerName}，办理时限 {r.dueOn}
                </div>
              </div>
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本问题尚未进行月度研究" />
          )}
        </Card>
      )}
      <Card title="办理记录" style={{ marginTop: 12 }}>
        <CaseTimeline log={p.log} showStates />
      </Card>
      {action && <ActionModal key={action} p={p} action={action} onClose={() => setAction(null)} />}
    </PageShell>
  );
}
