// Supervision 督办 and assignment 交办 on a case (the kernel's cases/supervision.ts; seed Part 7 四
// and 五(二), Part 9 三(三), §36): an upper unit issues a supervision notice on a lower unit's case
// with a reply deadline; a case is assigned down to a lower unit or out to another department with
// a reply deadline; the reply is recorded; an unanswered one past its day shows as overdue.
import { z } from '../zod-setup';
import { idSchema } from './common';
import { materialFileUpload } from './application-materials';
import { caseFileDto } from './cases';

export const supervisionKinds = ['supervise', 'assign'] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];
export const supervisionKindLabels: Record<SupervisionKind, string> = { supervise: '督办', assign: '交办' };

/** The longest reply time a notice may give, in working days. */
export const SUPERVISION_MAX_DAYS = 60;

const day = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')) && new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) === d, `${label}不存在`);
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const replyDays = z
  .number({ message: '请填写回复期限（工作日）' })
  .int('回复期限应为整数天')
  .min(1, '回复期限至少 1 个工作日')
  .max(SUPERVISION_MAX_DAYS, `回复期限最多 ${SUPERVISION_MAX_DAYS} 个工作日`);

/** 督办: what the upper unit asks, and in how many working days the lower unit must reply. */
export const superviseInput = z.object({ content: required('督办事项和要求', 1000), replyDays });
/** 交办: down to a lower unit (by id) or out to another department (by name). */
export const assignInput = z
  .object({
    target: z.enum(['unit', 'department'], { message: '请选择交办对象（下级单位或其他部门）' }),
    orgUnitId: idSchema.nullable().default(null),
    department: z.string().trim().max(60, '部门名称最多 60 个字').default(''),
    content: required('交办事项和要求', 1000),
    replyDays,
  })
  .refine((a) => (a.target === 'unit' ? !!a.orgUnitId : a.department.length > 0), { message: '请选择下级单位或填写部门名称', path: ['orgUnitId'] });
/** The reply to a notice or assignment: recorded by the unit that answers (督办) or receives it (交办). */
export const supervisionReplyInput = z.object({ supervisionId: idSchema, reply: required('回复内容', 2000), repliedOn: day('回复日期') });

/** A lower unit's own 交办 reply: what it did, the result, the day (kernel action `assignmentUnitReply`). */
export const unitReplyInput = z.object({ supervisionId: idSchema, reply: required('办理情况', 2000), result: required('办理结果', 1000), repliedOn: day('回复日期') });
/** At most this many files go with a 交办 reply. */
export const ASSIGNMENT_REPLY_FILES_MAX = 3;
/** The lower unit's reply as it sends it (POST /api/assignments/:id/reply), with optional files. */
export const assignmentReplyBody = z.object({
  reply: required('办理情况', 2000),
  result: required('办理结果', 1000),
  repliedOn: day('回复日期'),
  files: z.array(materialFileUpload).max(ASSIGNMENT_REPLY_FILES_MAX, `最多 ${ASSIGNMENT_REPLY_FILES_MAX} 个附件`).default([]),
});
export type AssignmentReplyBody = z.infer<typeof assignmentReplyBody>;
/** The assigning unit accepts 采纳 a lower unit's reply, or sends it back 退回 with a comment. */
export const replyReviewInput = z.object({ supervisionId: idSchema });

export const supervisionReviews = ['accepted', 'returned'] as const;
export const supervisionReviewLabels: Record<(typeof supervisionReviews)[number], string> = { accepted: '已采纳', returned: '已退回' };

export const caseSupervisionDto = z.object({
  id: z.string(),
  kind: z.enum(supervisionKinds),
  kindLabel: z.string(),
  seq: z.number().int(),
  /** the unit that must answer, or the department an item was assigned out to */
  targetName: z.string(),
  external: z.boolean(),
  issuerUnitName: z.string(),
  issuedByName: z.string(),
  issuedOn: z.string(),
  dueDay: z.string(),
  content: z.string(),
  reply: z.string().nullable(),
  repliedOn: z.string().nullable(),
  repliedByName: z.string().nullable(),
  /** a lower unit's own reply: its result */
  result: z.string().nullable(),
  /** the assigning unit's review of a lower unit's reply */
  review: z.enum(supervisionReviews).nullable(),
  reviewComment: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  /** times the reply was sent back */
  returns: z.number().int(),
  /** the reply's attachments (download: /api/assignments/:id/files/:fileId) */
  files: z.array(caseFileDto),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
});
export type CaseSupervisionDto = z.infer<typeof caseSupervisionDto>;

/**
 * A 交办 as the unit it was assigned to sees it: the matter and what is asked, never the rest of
 * the case (which that unit cannot read), its own reply and the assigning unit's review.
 */
export const assignmentDto = caseSupervisionDto.extend({
  caseTypeLabel: z.string(),
  caseTitle: z.string(),
  caseOpen: z.boolean(),
  /** whether the caller may record (or re-record after a return) the reply now */
  mayReply: z.boolean(),
});
export type AssignmentDto = z.infer<typeof assignmentDto>;
export const assignmentFileParams = z.object({ id: idSchema, fileId: idSchema });
