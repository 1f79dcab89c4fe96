// The registry ledger 退役军人信息台账 (LEDGERS.md): its columns in order, shared by the Excel
// template, the import and the export; the import's progress stream; the export's filter.
import { z } from '../zod-setup';
import { sensitiveExportShape } from './sensitive-export';
import {
  branchLabels,
  careCategoryLabels,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  recipientListQuery,
  recipientFieldLabels,
} from './recipients';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export { EXPORT_PURPOSE_MAX, EXPORT_PURPOSE_MIN, sensitiveExportShape, type SensitiveExportChoice } from './sensitive-export';
export const NDJSON_MIME = 'application/x-ndjson';

/** The largest workbook an import accepts (bytes). */
export const IMPORT_MAX_BYTES = 60 * 1024 * 1024;
/** The most data rows one import takes: one transaction holds them all. */
export const IMPORT_MAX_ROWS = 300_000;
/** Errors listed in a failed import's report; the rest are counted. */
export const IMPORT_ERROR_CAP = 1000;
/** The most rows one ledger export writes. */
export const EXPORT_MAX_ROWS = 200_000;

/** The 56 ethnic groups (GB 3304). */
export const ethnicGroups = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

export const genderLabels = { male: '男', female: '女' } as const;
export const disabilityGradeLabels = ['一级', '二级', '三级', '四级', '五级', '六级', '七级', '八级', '九级', '十级'] as const;

export type LedgerField =
  | 'seq'
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'politicalStatus'
  | 'recipientGroup'
  | 'careCategories'
  | 'enlistmentDate'
  | 'dischargeDate'
  | 'dischargeType'
  | 'lastUnit'
  | 'rank'
  | 'disabilityGrade'
  | 'disabilityCause'
  | 'merits'
  | 'education'
  | 'phone'
  | 'householdAddress'
  | 'currentAddress'
  | 'township'
  | 'village'
  | 'grid'
  | 'employmentStatus'
  | 'plaque'
  | 'status'
  | 'notes'
  | 'unitCode'
  | 'branch'
  | 'skills'
  | 'deceasedName'
  | 'deceasedDate'
  | 'deceasedRelation'
  | 'deathDate';

export type LedgerColumn = {
  key: LedgerField;
  header: string;
  /** other headers people give the same column (matched when importing) */
  aliases?: readonly string[];
  width: number;
  /** the values of a drop-down (Chinese labels) */
  list?: readonly string[];
  /** several values of the list, separated by 、 */
  multi?: boolean;
  /** the import refuses a row without it */
  required?: boolean;
  /** dates and numbers people type are kept as text in the template */
  format?: 'date' | 'text';
  /** written by the export only; an import ignores it */
  exportOnly?: boolean;
  /** the template's note above the header */
  note: string;
};

const labels = (m: Record<string, string>) => Object.values(m);

/**
 * LEDGERS.md's 退役军人信息台账, in its order (序号 first), then the columns the registry has
 * beyond it (LEDGERS.md: "Add columns at the end when the data has more").
 */
export const registryLedgerColumns: readonly LedgerColumn[] = [
  { key: 'seq', header: '序号', width: 6, exportOnly: true, note: '可不填' },
  { key: 'name', header: recipientFieldLabels.name, width: 10, required: true, note: '必填' },
  { key: 'gender', header: recipientFieldLabels.gender, width: 6, list: labels(genderLabels), note: '可不填，按身份证号核对' },
  { key: 'ethnicity', header: recipientFieldLabels.ethnicity, width: 8, list: ethnicGroups, note: '默认汉族' },
  { key: 'birthDate', header: recipientFieldLabels.birthDate, width: 12, format: 'date', note: 'YYYY-MM-DD，可不填，按身份证号核对' },
  { key: 'idNumber', header: recipientFieldLabels.idNumber, aliases: ['身份证号', '身份证号码', '公民身份证号码'], width: 21, required: true, format: 'text', note: '必填，18 位（或旧版 15 位）' },
  { key: 'politicalStatus', header: recipientFieldLabels.politicalStatus, width: 12, list: labels(politicalStatusLabels), note: '下拉选择' },
  { key: 'recipientGroup', header: recipientFieldLabels.recipientGroup, width: 24, list: labels(recipientGroupLabels), required: true, note: '必填，下拉选择' },
  { key: 'careCategories', header: recipientFieldLabels.careCategories, width: 24, list: labels(careCategoryLabels), multi: true, note: '可多个，用“、”分隔' },
  { key: 'enlistmentDate', header: recipientFieldLabels.enlistmentDate, width: 12, format: 'date', note: 'YYYY-MM-DD' },
  { key: 'dischargeDate', header: recipientFieldLabels.dischargeDate, width: 12, format: 'date', note: 'YYYY-MM-DD' },
  { key: 'dischargeType', header: recipientFieldLabels.dischargeType, width: 14, list: labels(dischargeTypeLabels), note: '下拉选择' },
  { key: 'lastUnit', header: recipientFieldLabels.lastUnit, aliases: ['原部队番号', '原服役部队'], width: 22, note: '' },
  { key: 'rank', header: recipientFieldLabels.rank, aliases: ['军衔', '职级', '军衔职级'], width: 12, note: '' },
  { key: 'disabilityGrade', header: recipientFieldLabels.disabilityGrade, width: 9, list: disabilityGradeLabels, note: '一级至十级' },
  { key: 'disabilityCause', header: recipientFieldLabels.disabilityCause, width: 9, list: labels(disabilityCauseLabels), note: '填伤残等级时必填' },
  { key: 'merits', header: recipientFieldLabels.merits, width: 24, note: '多项用“、”分隔，如：三等功（2005年）' },
  { key: 'education', header: recipientFieldLabels.education, width: 12, list: labels(educationLabels), note: '下拉选择' },
  { key: 'phone', header: recipientFieldLabels.phone, aliases: ['电话', '手机', '手机号码', '联系方式'], width: 15, format: 'text', note: '手机或带区号的固定电话' },
  { key: 'householdAddress', header: recipientFieldLabels.householdAddress, aliases: ['户籍所在地'], width: 30, note: '' },
  { key: 'currentAddress', header: recipientFieldLabels.currentAddress, aliases: ['现住址', '居住地址'], width: 30, note: '' },
  { key: 'township', header: '所属乡镇(街道)', aliases: ['所属乡镇', '乡镇(街道)', '乡镇', '街道'], width: 14, note: '所属单位：填单位名称，或 9 位乡镇代码' },
  { key: 'village', header: '所属村(社区)', aliases: ['所属村', '所属社区', '村(社区)'], width: 18, note: '单位名称，或 12 位村(社区)代码' },
  { key: 'grid', header: '网格', aliases: ['所属网格'], width: 12, note: '网格名称，或 15 位网格代码' },
  { key: 'employmentStatus', header: recipientFieldLabels.employmentStatus, aliases: ['就业状态'], width: 16, list: labels(employmentStatusLabels), note: '下拉选择' },
  { key: 'plaque', header: '光荣牌悬挂情况', width: 14, exportOnly: true, note: '导入时不填（在光荣牌模块登记）' },
  { key: 'status', header: '采集状态', width: 12, exportOnly: true, note: '导入时不填：县级导入即入库，其他为草稿' },
  { key: 'notes', header: recipientFieldLabels.notes, width: 30, note: '' },
  { key: 'unitCode', header: '单位代码', aliases: ['所属单位代码'], width: 17, format: 'text', note: '可替代上面三列：12 位村(社区)或 15 位网格代码' },
  { key: 'branch', header: recipientFieldLabels.branch, width: 12, list: labels(branchLabels), note: '下拉选择' },
  { key: 'skills', header: recipientFieldLabels.skills, width: 16, note: '' },
  { key: 'deceasedName', header: '牺牲(病故)军人姓名', aliases: ['牺牲病故军人姓名', '烈士姓名'], width: 14, note: '遗属必填' },
  { key: 'deceasedDate', header: '牺牲(病故)日期', width: 13, format: 'date', note: 'YYYY-MM-DD' },
  { key: 'deceasedRelation', header: '与牺牲(病故)军人关系', width: 12, note: '如：父亲、配偶' },
  { key: 'deathDate', header: recipientFieldLabels.deathDate, width: 12, exportOnly: true, note: '导入时不填' },
];

export const REGISTRY_LEDGER_TITLE = '退役军人信息台账';

/** The filter of GET /api/recipients, without paging: the whole filtered list, in unit order. */
export const ledgerQuery = recipientListQuery.omit({ page: true, pageSize: true, sort: true }).extend(sensitiveExportShape);
export type LedgerQuery = z.infer<typeof ledgerQuery>;

/** One problem of an import: the worksheet row (0 for the file as a whole), the column, the problem. */
export const importError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportError = z.infer<typeof importError>;

/** One line of the import's NDJSON response. */
export const importEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), rows: z.number().int() }),
  z.object({ type: z.literal('done'), imported: z.number().int(), status: z.enum(['draft', 'registered']) }),
  z.object({ type: z.literal('failed'), rows: z.number().int(), errorCount: z.number().int(), errors: z.array(importError) }),
]);
export type ImportEvent = z.infer<typeof importEvent>;
export type ImportResult = Exclude<ImportEvent, { type: 'progress' }>;
