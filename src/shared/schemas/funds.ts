// Funds and disbursement 资金与发放 (Part 6 三(四), 四(一); issue 14). Money is integer fen 分 end to
// end (zod ints > 0); screens show yuan with two decimals (`yuan`).
import { z } from '../zod-setup';
import { idSchema, isoDay, pageOf, pageQuery } from './common';
import { materialFileUpload } from './application-materials';
import { sensitiveExportShape } from './sensitive-export';
import { caseActionLogDto } from './cases';

/** 分 → '1234.50' (no thousands separator: the bank's file and the report take it as is). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(Math.trunc(fen));
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** The largest single amount taken: 1 亿元 in fen (far above any aid; keeps sums exact in a double). */
export const MAX_FEN = 10_000_000_000;
export const fen = (label = '金额') =>
  z
    .number({ message: `请填写${label}（分）` })
    .int(`${label}须为整数（分）`)
    .positive(`${label}须大于 0`)
    .max(MAX_FEN, `${label}过大`);

export const fundKinds = ['budget', 'careFund', 'donation'] as const;
export type FundKind = (typeof fundKinds)[number];
export const fundKindLabels: Record<FundKind, string> = { budget: '财政预算', careFund: '关爱基金', donation: '社会捐赠' };

export const earmarkKinds = ['none', 'person', 'group', 'purpose'] as const;
export type EarmarkKind = (typeof earmarkKinds)[number];
export const earmarkKindLabels: Record<EarmarkKind, string> = { none: '不限定', person: '定向个人', group: '定向群体', purpose: '限定用途' };

export const movementKinds = ['income', 'allocation', 'disbursement', 'return'] as const;
export type MovementKind = (typeof movementKinds)[number];
export const movementKindLabels: Record<MovementKind, string> = { income: '收入', allocation: '拨付', disbursement: '发放', return: '退回' };

export const payMethods = ['bank', 'cash', 'goods'] as const;
export type PayMethod = (typeof payMethods)[number];
export const payMethodLabels: Record<PayMethod, string> = { bank: '银行转账', cash: '现金', goods: '实物' };

export const fundCreate = z
  .object({
    orgUnitId: idSchema,
    kind: z.enum(fundKinds, { message: '请选择资金类别' }),
    name: z.string({ message: '请填写资金名称' }).trim().min(1, '请填写资金名称').max(60, '资金名称最多 60 个字'),
    donor: z.string().trim().max(60, '捐赠方最多 60 个字').default(''),
    purpose: z.string().trim().max(200, '用途最多 200 个字').default(''),
    earmarkKind: z.enum(earmarkKinds, { message: '请选择定向方式' }).default('none'),
    earmarkRecipientId: idSchema.nullable().default(null),
    earmarkNote: z.string().trim().max(100, '定向说明最多 100 个字').default(''),
  })
  .superRefine((v, c) => {
    if (v.kind === 'donation' && !v.donor) c.addIssue({ code: 'custom', path: ['donor'], message: '社会捐赠须填写捐赠方' });
    if (v.kind === 'donation' && !v.purpose) c.addIssue({ code: 'custom', path: ['purpose'], message: '社会捐赠须填写捐赠用途' });
    if (v.earmarkKind === 'person' && !v.earmarkRecipientId) c.addIssue({ code: 'custom', path: ['earmarkRecipientId'], message: '定向个人须选择服务对象' });
    if ((v.earmarkKind === 'group' || v.earmarkKind === 'purpose') && !v.earmarkNote) c.addIssue({ code: 'custom', path: ['earmarkNote'], message: '请填写定向群体或限定用途' });
  });
export type FundCreate = z.infer<typeof fundCreate>;

export const shareDto = z.object({ orgUnitId: z.string(), orgUnitName: z.string(), balanceFen: z.number().int() });
export type ShareDto = z.infer<typeof shareDto>;

export const fundDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  kind: z.enum(fundKinds),
  name: z.string(),
  donor: z.string(),
  purpose: z.string(),
  earmarkKind: z.enum(earmarkKinds),
  earmarkRecipientId: z.string().nullable(),
  earmarkNote: z.string(),
  /** the sum of the shares the caller sees */
  balanceFen: z.number().int(),
  shares: z.array(shareDto),
  createdAt: z.string(),
});
export type FundDto = z.infer<typeof fundDto>;
export const fundList = z.object({ items: z.array(fundDto) });

export const movementDto = z.object({
  id: z.string(),
  kind: z.enum(movementKinds),
  amountFen: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  fromUnitId: z.string().nullable(),
  fromUnitName: z.string().nullable(),
  onDay: z.string(),
  method: z.enum(payMethods).nullable(),
  payableId: z.string().nullable(),
  batchId: z.string().nullable(),
  note: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type MovementDto = z.infer<typeof movementDto>;

export const fundDetail = fundDto.extend({ movements: z.array(movementDto) });
export type FundDetail = z.infer<typeof fundDetail>;

/** Income 收入 or a return 退回 into a share, or an allocation 拨付 from a share to a unit below it. */
export const movementCreate = z
  .object({
    kind: z.enum(['income', 'allocation', 'return'], { message: '请选择流水类别（收入、拨付、退回）' }),
    amountFen: fen(),
    /** the share credited (income, return) or debited (allocation); default the fund's own unit */
    unitId: idSchema.optional(),
    /** an allocation's receiving unit (below the share's unit) */
    toUnitId: idSchema.optional(),
    note: z.string().trim().max(200, '摘要最多 200 个字').default(''),
  })
  .superRefine((v, c) => {
    if (v.kind === 'allocation' && !v.toUnitId) c.addIssue({ code: 'custom', path: ['toUnitId'], message: '拨付须选择拨入单位' });
  });
export type MovementCreate = z.infer<typeof movementCreate>;

export const goodsItem = z.object({
  item: z.string({ message: '请填写物品名称' }).trim().min(1, '请填写物品名称').max(40, '物品名称最多 40 个字'),
  quantity: z.number({ message: '请填写数量' }).int('数量须为整数').positive('数量须大于 0').max(100000, '数量过大'),
  valueFen: fen('物品价值'),
});
export type GoodsItem = z.infer<typeof goodsItem>;

export const payableStatuses = ['pending', 'inBatch', 'paid'] as const;
export type PayableStatus = (typeof payableStatuses)[number];
export const payableStatusLabels: Record<PayableStatus, string> = { pending: '待发放', inBatch: '批次中', paid: '已发放' };

export const payableDto = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  sourceKind: z.string(),
  sourceId: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  amountFen: z.number().int(),
  form: z.enum(['money', 'goods']),
  goods: z.array(goodsItem),
  accountMasked: z.string().nullable(),
  /** a Luhn or length warning on the payee's account (never a refusal) */
  accountWarning: z.string().nullable(),
  approvedOn: z.string(),
  status: z.enum(payableStatuses),
  batchId: z.string().nullable(),
  paidOn: z.string().nullable(),
  lastFailure: z.string(),
});
export type PayableDto = z.infer<typeof payableDto>;
export const payableListQuery = pageQuery.extend({
  status: z.enum(payableStatuses).optional(),
  orgUnitId: idSchema.optional(),
});
export type PayableListQuery = z.infer<typeof payableListQuery>;
export const payablePage = pageOf(payableDto);

/** A payment made on its own (not in a batch): bank by default; cash with a reason and the signed receipt; goods with items. */
export const disburseBody = z
  .object({
    fundId: idSchema,
    /** the share paid from: default the caller's unit */
    shareUnitId: idSchema.optional(),
    method: z.enum(payMethods, { message: '请选择发放方式' }).default('bank'),
    cashReason: z.string().trim().max(200, '现金发放原因最多 200 个字').default(''),
    receipt: materialFileUpload.optional(),
    goods: z.array(goodsItem).max(50, '物品最多 50 项').optional(),
    note: z.string().trim().max(200, '摘要最多 200 个字').default(''),
  })
  .superRefine((v, c) => {
    if (v.method === 'cash' && !v.cashReason) c.addIssue({ code: 'custom', path: ['cashReason'], message: '现金发放须说明原因（默认银行转账）' });
    if (v.method === 'cash' && !v.receipt) c.addIssue({ code: 'custom', path: ['receipt'], message: '现金发放须上传领款人签字的签收单' });
    if (v.method === 'goods' && !v.goods?.length) c.addIssue({ code: 'custom', path: ['goods'], message: '实物发放须登记物品、数量和价值' });
  });
export type DisburseBody = z.infer<typeof disburseBody>;
export const disburseResult = z.object({ payable: payableDto, movementId: z.string(), warning: z.string().nullable() });

export const batchStatuses = ['draft', 'confirmed', 'exported', 'recorded', 'closed', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export const batchStatusLabels: Record<BatchStatus, string> = {
  draft: '草稿',
  confirmed: '已确认',
  exported: '已导出',
  recorded: '已登记结果',
  closed: '已办结',
  cancelled: '已作废',
};

export const batchCreate = z.object({
  orgUnitId: idSchema,
  fundId: idSchema,
  payableIds: z.array(idSchema).min(1, '请至少选择一笔待发放').max(2000, '一个批次最多 2000 笔'),
});
export type BatchCreate = z.infer<typeof batchCreate>;

export const batchItemDto = z.object({
  payableId: z.string(),
  seq: z.number().int(),
  recipientName: z.string(),
  orgUnitName: z.string(),
  amountFen: z.number().int(),
  accountMasked: z.string().nullable(),
  accountWarning: z.string().nullable(),
  result: z.enum(['paid', 'failed']).nullable(),
  bankReply: z.string(),
});
export type BatchItemDto = z.infer<typeof batchItemDto>;

export const batchDto = z.object({
  id: z.string(),
  version: z.number().int(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  fundId: z.string(),
  fundName: z.string(),
  status: z.enum(batchStatuses),
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  paidCount: z.number().int(),
  paidFen: z.number().int(),
  failedCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BatchDto = z.infer<typeof batchDto>;
export const batchList = z.object({ items: z.array(batchDto) });
export const batchDetail = batchDto.extend({
  items: z.array(batchItemDto),
  log: z.array(caseActionLogDto),
  /** the share's balance now (the batch's unit in the fund) */
  shareBalanceFen: z.number().int(),
});
export type BatchDetail = z.infer<typeof batchDetail>;

export const versionBody = z.object({ version: z.number().int().positive() });
export const cancelBody = versionBody.extend({ comment: z.string().trim().min(1, '请说明作废原因').max(200, '原因最多 200 个字') });
export const resultsBody = versionBody.extend({
  results: z
    .array(
      z.object({
        payableId: idSchema,
        outcome: z.enum(['paid', 'failed'], { message: '结果只能是成功或失败' }),
        bankReply: z.string().trim().max(200, '银行回单说明最多 200 个字').default(''),
      }),
    )
    .min(1, '请登记发放结果'),
});
export type ResultsBody = z.infer<typeof resultsBody>;

export const transferFileQuery = z.object(sensitiveExportShape);

export const reportQuery = z
  .object({
    from: isoDay('开始日期'),
    to: isoDay('结束日期'),
    /** one share (a unit); default the whole fund as the caller sees it */
    unitId: idSchema.optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportDto = z.object({
  fundId: z.string(),
  fundName: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  openingFen: z.number().int(),
  incomeFen: z.number().int(),
  allocatedInFen: z.number().int(),
  allocatedOutFen: z.number().int(),
  disbursedFen: z.number().int(),
  returnedFen: z.number().int(),
  closingFen: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  movements: z.array(movementDto),
});
export type ReportDto = z.infer<typeof reportDto>;

export const figuresQuery = z.object({ from: isoDay('开始日期'), to: isoDay('结束日期') });
export const figuresDto = z.object({
  byFund: z.array(z.object({ fundId: z.string(), fundName: z.string(), paidFen: z.number().int(), payments: z.number().int() })),
  /** days from a payable's approval to its payment, over the payments in the period */
  daysToPay: z.object({ count: z.number().int(), average: z.number().nullable(), max: z.number().int().nullable() }),
});
export type FiguresDto = z.infer<typeof figuresDto>;

export const accountReveal = z.object({ account: z.string().nullable() });
export type SensitiveExportQuery = z.infer<typeof transferFileQuery>;
