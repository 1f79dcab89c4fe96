// The ledgers 台账 a unit keeps (seed §10 台账管理制度: 分门别类建立台账，并指定专人负责): the one list,
// by the title each ledger's export carries. The obligations page assigns a responsible person per
// ledger per unit from it; every ledger export goes through platform/ledger-export.ts `ledgerXlsx`,
// whose `ledger` is typed by it (a new ledger's title must be named here or the build fails), and
// each ledger's list page shows the person through the one endpoint below.
import { z } from '../zod-setup';
import { idSchema } from './common';

export const ledgerNames = [
  '退役军人信息台账',
  '光荣牌悬挂台账',
  '走访慰问台账',
  '信访事项登记台账',
  '矛盾纠纷排查化解台账',
  '舆情信息报送台账',
  '帮扶援助台账',
  '政策服务办件台账',
  '预约办理台账',
  '一人一策帮扶台账',
  '意见簿（监督卡）登记台账',
  '权益维护案件台账',
  '法律援助台账',
  '关爱服务记录台账',
  '就业创业台账',
  '招聘会台账',
  '退役军人培训台账',
  '退役军人创业项目台账',
  '零就业家庭台账',
  '退役军人党员台账',
  '组织关系转接台账',
  '三会一课及主题党日台账',
  '志愿服务队及示范岗台账',
  '荣誉表彰台账',
  '优秀退役军人典型台账',
  '学习教育活动台账',
  '疑难问题台账',
  '工作制度落实台账',
] as const;
export type LedgerName = (typeof ledgerNames)[number];

export const ledgerNameSchema = z
  .string({ message: '请选择台账' })
  .refine((l): l is LedgerName => (ledgerNames as readonly string[]).includes(l), '没有这个台账');

/** One ledger's responsible person at a unit, for the line on the ledger's list page. */
export const ledgerResponsibleQuery = z.object({ orgUnitId: idSchema.optional(), ledger: ledgerNameSchema });
export type LedgerResponsibleQuery = z.infer<typeof ledgerResponsibleQuery>;
export const ledgerResponsibleDto = z.object({
  ledger: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  personName: z.string().nullable(),
  phone: z.string().nullable(),
  /** "台账责任人：张三　联系电话：…" or "台账责任人：未指定", as under the export's title */
  line: z.string(),
});
export type LedgerResponsibleDto = z.infer<typeof ledgerResponsibleDto>;
