// Job fairs and trainings 招聘会、培训 (issue 15; seed Part 4 四(一)(三)(六), 五(一)): a fair 招聘会 held
// by a unit with the employers taking part (the employment module's employers) and their openings, the
// veterans registered and attending and the results; a training 适应性培训/技能培训 with provider,
// course, dates, places, the enrolled veterans, their attendance, completion and certificate; and the
// coverage of this year's discharged veterans by the adaptive training.
import { z } from '../zod-setup';
import { idSchema, isoDay, pageOf, pageQuery } from './common';

const text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).default('');
const required = (label: string, max: number) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const version = z.number({ message: '缺少版本号，请刷新后重试' }).int().min(1);
const count = (label: string, max = 100_000) => z.number({ message: `请填写${label}` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}过大`);

// ---- job fairs 招聘会 ----

export const jobFairKinds = ['general', 'special', 'online'] as const;
export type JobFairKind = (typeof jobFairKinds)[number];
export const jobFairKindLabels: Record<JobFairKind, string> = { general: '综合', special: '专场', online: '线上' };

export const jobFairEmployerInput = z.object({
  employerId: idSchema,
  /** openings offered at the fair 提供岗位数 */
  openings: count('提供岗位数', 10_000),
});

const fairFields = {
  name: required('招聘会名称', 100),
  heldOn: isoDay('举办日期'),
  place: required('举办地点', 200),
  kind: z.enum(jobFairKinds, { message: '请选择招聘会类型' }),
  employers: z.array(jobFairEmployerInput).max(500, '参会用人单位最多 500 家').default([]),
  note: text(500),
};
function noRepeatedEmployer(v: { employers: { employerId: string }[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  v.employers.forEach((e, i) => {
    if (seen.has(e.employerId)) ctx.addIssue({ code: 'custom', path: ['employers', i, 'employerId'], message: '同一用人单位不能重复添加' });
    seen.add(e.employerId);
  });
}
export const jobFairCreate = z.object({ orgUnitId: idSchema, ...fairFields }).superRefine(noRepeatedEmployer);
export type JobFairCreate = z.infer<typeof jobFairCreate>;

/** A change of the fair; the results (意向达成人数, 录用人数) are entered once the fair has been held. */
export const jobFairUpdate = z
  .object({
    version,
    ...fairFields,
    intentCount: count('意向达成人数').nullable().default(null),
    hiredCount: count('录用人数').nullable().default(null),
  })
  .superRefine(noRepeatedEmployer)
  .superRefine((v, ctx) => {
    if (v.hiredCount !== null && v.intentCount !== null && v.hiredCount > v.intentCount) ctx.addIssue({ code: 'custom', path: ['hiredCount'], message: '录用人数不能多于意向达成人数' });
  });
export type JobFairUpdate = z.infer<typeof jobFairUpdate>;

/** A registered veteran's result at the fair 逐人结果 (recorded by the worker once the fair was held). */
export const jobFairOutcomes = ['intent', 'hired', 'none'] as const;
export type JobFairOutcome = (typeof jobFairOutcomes)[number];
export const jobFairOutcomeLabels: Record<JobFairOutcome, string> = { intent: '达成意向', hired: '已录用', none: '未达成' };

export const jobFairPersonDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  registeredOn: z.string(),
  attended: z.boolean(),
  outcome: z.enum(jobFairOutcomes).nullable(),
  outcomeEmployerId: z.string().nullable(),
  outcomeEmployerName: z.string().nullable(),
  outcomeOpeningId: z.string().nullable(),
  outcomeOpeningPosition: z.string().nullable(),
  outcomeNote: z.string(),
  outcomeOn: z.string().nullable(),
});
export type JobFairPersonDto = z.infer<typeof jobFairPersonDto>;

export const jobFairDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  heldOn: z.string(),
  place: z.string(),
  kind: z.enum(jobFairKinds),
  note: z.string(),
  employers: z.array(z.object({ employerId: z.string(), name: z.string(), openings: z.number().int() })),
  openingsOffered: z.number().int(),
  registered: z.number().int(),
  attended: z.number().int(),
  intentCount: z.number().int().nullable(),
  hiredCount: z.number().int().nullable(),
  /** the per-person results recorded so far (达成意向 counts those hired too) */
  resultIntent: z.number().int(),
  resultHired: z.number().int(),
  resultNone: z.number().int(),
  /** the fair's own range may change it and mark attendance */
  canEdit: z.boolean(),
});
export type JobFairDto = z.infer<typeof jobFairDto>;
export const jobFairDetail = jobFairDto.extend({ people: z.array(jobFairPersonDto) });
export type JobFairDetail = z.infer<typeof jobFairDetail>;

export const jobFairListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  kind: z.enum(jobFairKinds).optional(),
  from: isoDay('开始日期').optional(),
  to: isoDay('结束日期').optional(),
  name: z.string().trim().max(50).optional(),
});
export type JobFairListQuery = z.infer<typeof jobFairListQuery>;
export const jobFairPage = pageOf(jobFairDto);
export const jobFairLedgerQuery = jobFairListQuery.omit({ page: true, pageSize: true });
export type JobFairLedgerQuery = z.infer<typeof jobFairLedgerQuery>;

const recipientIds = z.array(idSchema, { message: '请选择人员' }).min(1, '请至少选择一人').max(500, '一次最多 500 人');
export const jobFairRegister = z.object({ recipientIds });
export type JobFairRegister = z.infer<typeof jobFairRegister>;
/** Attendance: the registered people who came (the others are marked absent). */
export const jobFairAttendance = z.object({ attended: z.array(idSchema).max(5000) });
export type JobFairAttendance = z.infer<typeof jobFairAttendance>;

/**
 * Per-person results (the fair held): each listed person must be registered for the fair and in the
 * caller's range; 达成意向/已录用 name an employer taking part in the fair and, optionally, one of its
 * openings; 未达成 names none; `outcome: null` clears a result. All or nothing.
 */
export const jobFairResultInput = z
  .object({
    recipientId: idSchema,
    outcome: z.enum(jobFairOutcomes, { message: '请选择结果' }).nullable(),
    employerId: idSchema.nullable().default(null),
    openingId: idSchema.nullable().default(null),
    note: text(200),
  })
  .superRefine((v, ctx) => {
    if ((v.outcome === 'intent' || v.outcome === 'hired') && !v.employerId) ctx.addIssue({ code: 'custom', path: ['employerId'], message: '达成意向或已录用须选择用人单位' });
    if ((v.outcome === 'none' || v.outcome === null) && (v.employerId || v.openingId)) ctx.addIssue({ code: 'custom', path: ['employerId'], message: '未达成或未登记结果时不能选择用人单位、岗位' });
    if (v.openingId && !v.employerId) ctx.addIssue({ code: 'custom', path: ['openingId'], message: '选择岗位前须先选择用人单位' });
  });
export type JobFairResultInput = z.infer<typeof jobFairResultInput>;
export const jobFairResults = z
  .object({ results: z.array(jobFairResultInput, { message: '请填写结果' }).min(1, '请至少填写一人的结果').max(500, '一次最多 500 人') })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.results.forEach((r, i) => {
      if (seen.has(r.recipientId)) ctx.addIssue({ code: 'custom', path: ['results', i, 'recipientId'], message: '同一人不能重复填写' });
      seen.add(r.recipientId);
    });
  });
export type JobFairResults = z.infer<typeof jobFairResults>;

export const JOB_FAIR_LEDGER_TITLE = '招聘会台账';
export const TRAINING_LEDGER_TITLE = '退役军人培训台账';

// ---- trainings 培训 ----

export const trainingKinds = ['adaptive', 'skills'] as const;
export type TrainingKind = (typeof trainingKinds)[number];
export const trainingKindLabels: Record<TrainingKind, string> = { adaptive: '适应性培训', skills: '技能培训' };

const trainingFields = {
  kind: z.enum(trainingKinds, { message: '请选择培训类别' }),
  name: required('培训名称', 100),
  provider: required('承办机构', 100),
  course: text(500),
  startOn: isoDay('开始日期'),
  endOn: isoDay('结束日期'),
  /** places 名额 */
  places: z.number({ message: '请填写名额' }).int('名额须为整数').min(1, '名额至少 1 人').max(10_000, '名额最多 10000 人'),
  /** sessions 课次 (attendance is counted in them) */
  sessions: z.number({ message: '请填写课次' }).int('课次须为整数').min(1, '课次至少 1 次').max(365, '课次最多 365 次'),
  place: text(200),
  note: text(500),
};
function datesInOrder(v: { startOn: string; endOn: string }, ctx: z.RefinementCtx) {
  if (v.endOn < v.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: '结束日期不能早于开始日期' });
}
export const trainingCreate = z.object({ orgUnitId: idSchema, ...trainingFields }).superRefine(datesInOrder);
export type TrainingCreate = z.infer<typeof trainingCreate>;
export const trainingUpdate = z.object({ version, ...trainingFields }).superRefine(datesInOrder);
export type TrainingUpdate = z.infer<typeof trainingUpdate>;

/** Where a training stands on a day: from its dates, never set by hand. */
export const trainingPhases = ['planned', 'ongoing', 'finished'] as const;
export type TrainingPhase = (typeof trainingPhases)[number];
export const trainingPhaseLabels: Record<TrainingPhase, string> = { planned: '未开始', ongoing: '进行中', finished: '已结束' };
export function trainingPhase(t: { startOn: string; endOn: string }, today: string): TrainingPhase {
  return today < t.startOn ? 'planned' : today > t.endOn ? 'finished' : 'ongoing';
}

export const enrolmentDto = z.object({
  recipientId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  dischargeDate: z.string().nullable(),
  enrolledOn: z.string(),
  attendedSessions: z.number().int(),
  completedOn: z.string().nullable(),
  certificateName: z.string(),
  certificateNo: z.string(),
  version: z.number().int(),
});
export type EnrolmentDto = z.infer<typeof enrolmentDto>;

export const trainingDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(trainingKinds),
  name: z.string(),
  provider: z.string(),
  course: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  places: z.number().int(),
  sessions: z.number().int(),
  place: z.string(),
  note: z.string(),
  phase: z.enum(trainingPhases),
  enrolled: z.number().int(),
  completed: z.number().int(),
  canEdit: z.boolean(),
});
export type TrainingDto = z.infer<typeof trainingDto>;
export const trainingDetail = trainingDto.extend({ enrolments: z.array(enrolmentDto) });
export type TrainingDetail = z.infer<typeof trainingDetail>;

export const trainingListQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  kind: z.enum(trainingKinds).optional(),
  phase: z.enum(trainingPhases).optional(),
  name: z.string().trim().max(50).optional(),
});
export type TrainingListQuery = z.infer<typeof trainingListQuery>;
export const trainingPage = pageOf(trainingDto);
export const trainingLedgerQuery = z.object({ orgUnitId: idSchema.optional(), kind: z.enum(trainingKinds).optional(), from: isoDay('开始日期').optional(), to: isoDay('结束日期').optional() });
export type TrainingLedgerQuery = z.infer<typeof trainingLedgerQuery>;

export const trainingEnrol = z.object({ recipientIds });
export type TrainingEnrol = z.infer<typeof trainingEnrol>;

/** A person's attendance and completion in a training; completion needs the training to have started. */
export const enrolmentUpdate = z
  .object({
    version,
    attendedSessions: z.number({ message: '请填写出勤课次' }).int('出勤课次须为整数').min(0, '出勤课次不能为负数').max(365, '出勤课次过大'),
    completedOn: isoDay('结业日期').nullable().default(null),
    certificateName: text(100),
    certificateNo: text(100),
  })
  .superRefine((v, ctx) => {
    if (v.completedOn === null && (v.certificateName || v.certificateNo)) ctx.addIssue({ code: 'custom', path: ['completedOn'], message: '登记证书前请先填写结业日期' });
  });
export type EnrolmentUpdate = z.infer<typeof enrolmentUpdate>;

// ---- adaptive-training coverage of this year's discharged 今年退役人员适应性培训 ----

export const coverageStates = ['notEnrolled', 'enrolled', 'completed'] as const;
export type CoverageState = (typeof coverageStates)[number];
export const coverageStateLabels: Record<CoverageState, string> = { notEnrolled: '未参训', enrolled: '在训未结业', completed: '已结业' };

export const coverageQuery = pageQuery.extend({
  orgUnitId: idSchema.optional(),
  /** default: those not yet completed (notEnrolled and enrolled) */
  state: z.enum([...coverageStates, 'open', 'all'] as const).default('open'),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;
export const coverageItem = z.object({
  recipientId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  dischargeDate: z.string(),
  state: z.enum(coverageStates),
  trainingId: z.string().nullable(),
  trainingName: z.string().nullable(),
  completedOn: z.string().nullable(),
});
export type CoverageItem = z.infer<typeof coverageItem>;
export const coveragePage = pageOf(coverageItem).extend({ year: z.number().int() });

// ---- figures ----

export const trainingFiguresQuery = z
  .object({ orgUnitId: idSchema.optional(), from: isoDay('开始日期'), to: isoDay('结束日期') })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type TrainingFiguresQuery = z.infer<typeof trainingFiguresQuery>;
export const trainingFigures = z.object({
  from: z.string(),
  to: z.string(),
  year: z.number().int(),
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** people of the unit who completed a training in the period, by kind */
      completedAdaptive: z.number().int(),
      completedSkills: z.number().int(),
      /** this year's discharged, those enrolled in an adaptive training, those who completed it */
      discharged: z.number().int(),
      enrolled: z.number().int(),
      covered: z.number().int(),
      coverageRate: z.number(),
    }),
  ),
});
export type TrainingFigures = z.infer<typeof trainingFigures>;
