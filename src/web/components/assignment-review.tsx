// The assigning unit's review of a lower unit's 交办 reply (kernel actions assignmentAccept 采纳 /
// assignmentReturn 退回, the comment required for 退回), shared by the petition and rights case pages:
// the item to review with its reply shown, and the comment field; plus the review state's tag.
import { Form, Input, Select, Tag, Typography } from 'antd';
import type { CaseSupervisionDto } from '../../shared/schemas/supervision';
import { CaseFileList } from './case-files';

/** Items assigned to a unit of the tree whose reply awaits the assigning unit's review. */
export function reviewableAssignments(list: readonly CaseSupervisionDto[]): CaseSupervisionDto[] {
  return list.filter((x) => x.kind === 'assign' && !x.external && x.repliedOn !== null && x.review === null);
}

/** 采纳 / 退回 are shown only while some reply awaits review (the server offers them to the assigning unit whenever it may act). */
export function reviewOffered(action: string, list: readonly CaseSupervisionDto[]): boolean {
  return (action !== 'assignmentAccept' && action !== 'assignmentReturn') || reviewableAssignments(list).length > 0;
}

/** The fields of 采纳 / 退回: which reply, what it says, and the comment (required for 退回). */
export function AssignmentReviewFields({ supervisions, returning }: { supervisions: readonly CaseSupervisionDto[]; returning: boolean }) {
  const open = reviewableAssignments(supervisions);
  const form = Form.useFormInstance();
  const picked = Form.useWatch('supervisionId', form) as string | undefined;
  const x = open.find((s) => s.id === picked);
  return (
    <>
      <Form.Item name="supervisionId" label="交办事项" rules={[{ required: true, message: '请选择交办事项' }]} initialValue={open.length === 1 ? open[0]!.id : undefined}>
        <Select aria-label="交办事项" options={open.map((s) => ({ value: s.id, label: `${s.targetName}：${s.content.slice(0, 30)}（${s.repliedOn ?? ''} 回复）` }))} />
      </Form.Item>
      {x && (
        <div className="assignment-review-reply" data-testid="assignment-review-reply">
          <Typography.Text type="secondary">
            {x.targetName} 于 {x.repliedOn} 回复（{x.repliedByName}）
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>办理情况：{x.reply}</div>
          {x.result && <div style={{ whiteSpace: 'pre-wrap' }}>办理结果：{x.result}</div>}
          <CaseFileList files={x.files} base={`/api/assignments/${encodeURIComponent(x.id)}/files`} />
        </div>
      )}
      <Form.Item name="comment" label={returning ? '退回意见' : '审核意见（选填）'} rules={returning ? [{ required: true, whitespace: true, message: '请填写退回意见' }] : []} extra={returning ? '退回后，该事项回到接收单位的待办，由其重新回复。' : undefined}>
        <Input.TextArea rows={3} maxLength={1000} showCount aria-label={returning ? '退回意见' : '审核意见'} />
      </Form.Item>
    </>
  );
}

/** A 交办 to a unit of the tree: where its reply stands, for the case pages' lists. */
export function AssignmentReviewTag({ x }: { x: CaseSupervisionDto }) {
  if (x.kind !== 'assign' || x.external) return null;
  if (x.review === 'accepted') return <Tag color="green">已采纳</Tag>;
  if (x.repliedOn) return <Tag color="blue">待审核</Tag>;
  if (x.review === 'returned') return <Tag color="orange">已退回{x.returns > 1 ? ` ${x.returns} 次` : ''}</Tag>;
  return null;
}
