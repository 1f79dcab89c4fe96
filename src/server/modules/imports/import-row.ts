// One row of the registry ledger, as a worksheet gives it, checked and turned into the
// registry's values — everything that needs no database. Messages are Chinese and name the
// column; the import adds the row number.
import { parseIdNumber } from '../../../shared/rules/id-number';
import { parsePhone } from '../../../shared/rules/phone';
import { isValidDay } from '../../../shared/rules/calendar';
import {
  branchLabels,
  careCategoryLabels,
  careMaskOf,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  meritLevelLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  type CareCategory,
  type RecipientGroup,
  type RecipientKind,
} from '../../../shared/schemas/recipients';
import { ethnicGroups, registryLedgerColumns, type LedgerColumn, type LedgerField } from '../../../shared/schemas/ledgers';
import type { CellValue } from './xlsx-rows.protocol';

export type RowProblem = { column: string; message: string };

type Merit = { name: string; level: keyof typeof meritLevelLabels; year: number | null };

export type ParsedRow = {
  name: string;
  id18: string;
  birthDate: string;
  gender: 'male' | 'female';
  ethnicity: string;
  phone: string | null;
  politicalStatus: string | null;
  recipientGroup: RecipientGroup;
  kind: RecipientKind;
  careMask: number;
  enlistmentDate: string | null;
  dischargeDate: string | null;
  dischargeType: string | null;
  branch: string | null;
  lastUnit: string;
  rank: string;
  disabilityGrade: number | null;
  disabilityCause: string | null;
  merits: Merit[];
  education: string | null;
  employmentStatus: string | null;
  skills: string;
  householdAddress: string;
  currentAddress: string;
  notes: string;
  deceasedSoldier: { name: string; deathDate: string | null; deathKind: 'martyr' | 'dutyDeath' | 'illnessDeath'; certificateNo: string; relation: string } | null;
  /** where the row says the person belongs: resolved against the org tree by the import */
  unit: { township: string; village: string; grid: string; code: string };
};

// ---- headers ----

/** Header text as compared: full-width forms folded, spaces and required-field stars removed. */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').replace(/[\s*]/g, '');
}

const byHeader = new Map<string, LedgerColumn>();
for (const c of registryLedgerColumns) for (const h of [c.header, ...(c.aliases ?? [])]) byHeader.set(normalizeHeader(h), c);

/** The ledger columns of a header row: field → cell index. Unknown headers are ignored. */
export function mapHeader(cells: readonly CellValue[]): Map<LedgerField, number> | null {
  const out = new Map<LedgerField, number>();
  cells.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const col = byHeader.get(normalizeHeader(c));
    if (col && !out.has(col.key)) out.set(col.key, i);
  });
  return out.has('name') && out.has('idNumber') ? out : null;
}

const byKey = new Map(registryLedgerColumns.map((c) => [c.key, c]));
export const columnOf = (key: LedgerField): LedgerColumn => byKey.get(key)!;
const header = (key: LedgerField) => byKey.get(key)!.header;

// ---- values ----

/** Folded for comparing with a list: full-width forms to ASCII, no spaces. */
const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function lookup(labels: Record<string, string>, aliases: Record<string, string> = {}): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, label] of Object.entries(labels)) m.set(fold(label), code);
  for (const [alias, code] of Object.entries(aliases)) m.set(fold(alias), code);
  return m;
}

const LISTS = {
  gender: lookup({ male: '男', female: '女' }, { 男性: 'male', 女性: 'female' }),
  politicalStatus: lookup(politicalStatusLabels, { 党员: 'cpcMember', 预备党员: 'cpcProbationary', 团员: 'cylMember', 共青团员: 'cylMember' }),
  recipientGroup: lookup(recipientGroupLabels),
  careCategories: lookup(careCategoryLabels),
  dischargeType: lookup(dischargeTypeLabels),
  disabilityCause: lookup(disabilityCauseLabels),
  education: lookup(educationLabels, { 小学: 'primary', 中专: 'vocational', 技校: 'vocational', 大学专科: 'juniorCollege', 专科: 'juniorCollege', 大学本科: 'bachelor', 大学: 'bachelor', 硕士: 'postgraduate', 博士: 'postgraduate', 研究生及以上: 'postgraduate' }),
  employmentStatus: lookup(employmentStatusLabels, { 在岗: 'employed', 就业: 'employed', 自主创业: 'selfEmployed', 灵活就业: 'selfEmployed', 无业: 'unemployed', 失业: 'unemployed' }),
  branch: lookup(branchLabels, { 武警: 'armedPolice', 火箭军部队: 'rocketForce' }),
} as const;
const ETHNIC = new Set<string>(ethnicGroups);

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** An exported cell defused with a leading apostrophe ('=…) reads back as written. */
const DEFUSED = /^'(?=[=+\-@\t\r])/;
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function kindOf(group: RecipientGroup): RecipientKind {
  if (group === 'martyrSurvivor' || group === 'dutyDeathSurvivor' || group === 'illnessDeathSurvivor' || group === 'militaryFamily') return group;
  return 'veteran';
}
const DEATH_KIND = { martyrSurvivor: 'martyr', dutyDeathSurvivor: 'dutyDeath', illnessDeathSurvivor: 'illnessDeath' } as const;

/** A date as people type it in a sheet: 2005-12-01, 2005/12/1, 2005.12.01, 2005年12月1日, 20051201, or an Excel date. */
export function parseDay(v: CellValue): { day: string } | { error: 'format' | 'missing' } {
  let s: string;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 18000101 && v <= 21001231) s = String(v);
    else if (v >= 1 && v < 100000) return { day: new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000).toISOString().slice(0, 10) };
    else return { error: 'format' };
  } else s = fold(v ?? '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { error: 'format' };
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidDay(day) ? { day } : { error: 'missing' };
}

function parseGrade(s: string): number | null {
  const t = fold(s).replace(/级$/, '');
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 10 ? n : null;
  }
  const i = CN_NUMBERS.indexOf(t);
  return i >= 0 ? i + 1 : null;
}

const MERIT_LEVELS: [RegExp, Merit['level']][] = [
  [/一等功/, 'first'],
  [/二等功/, 'second'],
  [/三等功/, 'third'],
  [/荣誉称号/, 'honor'],
];

/** 立功受奖: items separated by 、 or ；, each like "三等功（2005年）" or "优秀士兵（其他表彰，2010年）". */
function parseMerits(s: string, thisYear: number, problem: (m: string) => void): Merit[] {
  const items = s.split(/[、;；\n]+/).map((x) => x.trim()).filter(Boolean);
  if (items.length > 50) problem('立功受奖最多 50 项');
  return items.slice(0, 50).map((item) => {
    const level = MERIT_LEVELS.find(([re]) => re.test(item))?.[1] ?? 'other';
    const y = /(?:19|20)\d{2}/.exec(item);
    const year = y ? Number(y[0]) : null;
    if (year !== null && (year > thisYear || year < 1927)) problem(`立功受奖年份 ${year} 不正确`);
    let name = item.replace(/[（(][^（()）]*[)）]\s*$/, '').trim() || meritLevelLabels[level];
    if (name.length > 60) {
      problem('立功受奖每项最多 60 个字');
      name = name.slice(0, 60);
    }
    return { name, level, year };
  });
}

/**
 * Whether an 11-digit mobile number is valid depends on its first five digits only (China's
 * number blocks; checked against the pinned libphonenumber-js metadata over every 5-digit prefix,
 * and by a test): a block's verdict is kept, so most rows skip the full parse.
 */
const mobileBlocks = new Map<string, boolean>();
export function phoneOf(s: string): { ok: true; national: string } | { ok: false; message: string } {
  if (/^1\d{10}$/.test(s)) {
    const block = s.slice(0, 5);
    let valid = mobileBlocks.get(block);
    if (valid === undefined) {
      const p = parsePhone(s);
      valid = p.ok && p.kind === 'mobile';
      if (mobileBlocks.size < 100_000) mobileBlocks.set(block, valid);
    }
    if (valid) return { ok: true, national: s };
  }
  const p = parsePhone(s);
  return p.ok ? { ok: true, national: p.national } : p;
}

export type RowResult = {
  /** the values, when the row has no problem */
  row: ParsedRow | null;
  problems: RowProblem[];
  /** the ID number, when it is valid (to check duplicates even in a row with other problems) */
  id18: string | null;
  /** where the row says the person belongs (checked against the org tree even in a row with other problems) */
  unit: ParsedRow['unit'];
};

/**
 * Checks data rows of one sheet: `columns` says where each ledger field is, `today` is the day
 * in China. A method per kind of value, no closures per row (this runs for every row of a file).
 */
export class RowParser {
  private cells: readonly CellValue[] = [];
  private problems: RowProblem[] = [];
  private readonly thisYear: number;

  constructor(
    private readonly columns: ReadonlyMap<LedgerField, number>,
    private readonly today: string,
  ) {
    this.thisYear = Number(today.slice(0, 4));
  }

  private problem(key: LedgerField, message: string): void {
    this.problems.push({ column: header(key), message });
  }

  private raw(key: LedgerField): CellValue {
    const i = this.columns.get(key);
    return i === undefined ? null : (this.cells[i] ?? null);
  }

  private text(key: LedgerField, max?: number): string {
    const v = this.raw(key);
    if (v === null) return '';
    let s = (typeof v === 'number' ? String(v) : v).trim();
    if (s.charCodeAt(0) === 39) s = s.replace(DEFUSED, '');
    if (CONTROL.test(s)) {
      this.problem(key, `${header(key)}含有不允许的控制字符`);
      return '';
    }
    if (max !== undefined && s.length > max) {
      this.problem(key, `${header(key)}最多 ${max} 个字`);
      s = s.slice(0, max);
    }
    return s;
  }

  private listValue<T extends string>(key: keyof typeof LISTS & LedgerField, s: string): T | null {
    if (!s) return null;
    const list: Map<string, string> = LISTS[key];
    const code = list.get(s) ?? list.get(fold(s));
    if (!code) this.problem(key, `“${s}”不是有效的${header(key)}`);
    return (code as T | undefined) ?? null;
  }

  private day(key: LedgerField): string | null {
    const v = this.raw(key);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const r = parseDay(v);
    if ('day' in r) return r.day;
    this.problem(key, r.error === 'missing' ? `${header(key)}不存在` : `${header(key)}格式应为 YYYY-MM-DD`);
    return null;
  }

  /** Checks one data row: its values, or its problems (all of them). */
  parse(cells: readonly CellValue[]): RowResult {
    this.cells = cells;
    const problems: RowProblem[] = (this.problems = []);
    const today = this.today;

    // identity
    const name = this.text('name', 30);
    if (!name) this.problem('name', '请填写姓名');
    const idCell = this.raw('idNumber');
    let id: { id18: string; birthDate: string; gender: 'male' | 'female' } | null = null;
    if (typeof idCell === 'number' && idCell > 999_999_999_999_999) {
      this.problem('idNumber', '公民身份号码被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新填写');
    } else {
      const s = this.text('idNumber');
      const p = parseIdNumber(s, today);
      if (p.ok) id = p;
      else this.problem('idNumber', !s ? '请填写公民身份号码' : p.message.startsWith('身份证号') ? `公民身份号码${p.message.slice(4)}` : `公民身份号码中的${p.message}`);
    }
    const gender = this.listValue<'male' | 'female'>('gender', this.text('gender'));
    if (id && gender && gender !== id.gender) this.problem('gender', '性别与公民身份号码不符');
    const birth = this.day('birthDate');
    if (id && birth && birth !== id.birthDate) this.problem('birthDate', '出生日期与公民身份号码不符');
    let ethnicity = this.text('ethnicity');
    if (ethnicity && !ETHNIC.has(ethnicity)) {
      ethnicity = fold(ethnicity);
      if (!ETHNIC.has(ethnicity) && ETHNIC.has(`${ethnicity}族`)) ethnicity = `${ethnicity}族`;
      if (!ETHNIC.has(ethnicity)) this.problem('ethnicity', `“${ethnicity}”不是有效的民族`);
    }

    let phone: string | null = null;
    const phoneText = this.text('phone');
    if (phoneText) {
      const p = phoneOf(phoneText);
      if (p.ok) phone = p.national;
      else this.problem('phone', p.message);
    }

    // categories
    const groupText = this.text('recipientGroup');
    const recipientGroup = this.listValue<RecipientGroup>('recipientGroup', groupText);
    if (!groupText) this.problem('recipientGroup', '请填写人员类别');
    const care: CareCategory[] = [];
    const careText = this.text('careCategories');
    if (careText) {
      for (const item of careText.split(/[、,，;；/\s]+/)) {
        if (!item) continue;
        const code = (LISTS.careCategories.get(item) ?? LISTS.careCategories.get(fold(item))) as CareCategory | undefined;
        if (code) {
          if (!care.includes(code)) care.push(code);
        } else this.problem('careCategories', `“${item}”不是有效的优抚类别`);
      }
    }
    const politicalStatus = this.listValue('politicalStatus', this.text('politicalStatus'));
    const dischargeType = this.listValue('dischargeType', this.text('dischargeType'));
    const branch = this.listValue('branch', this.text('branch'));
    const education = this.listValue('education', this.text('education'));
    const employmentStatus = this.listValue('employmentStatus', this.text('employmentStatus'));
    const causeText = this.text('disabilityCause');
    const disabilityCause = this.listValue('disabilityCause', causeText);
    const gradeText = this.text('disabilityGrade');
    const disabilityGrade = gradeText ? parseGrade(gradeText) : null;
    if (gradeText && disabilityGrade === null) this.problem('disabilityGrade', `“${gradeText}”不是有效的伤残等级（一级至十级）`);
    if (disabilityGrade !== null && !causeText) this.problem('disabilityCause', '填写伤残等级时须填写伤残性质');
    if (disabilityCause && !gradeText) this.problem('disabilityGrade', '填写伤残性质时须填写伤残等级');

    // service
    const enlistmentDate = this.day('enlistmentDate');
    const dischargeDate = this.day('dischargeDate');
    if (enlistmentDate && enlistmentDate > today) this.problem('enlistmentDate', '入伍时间不能晚于今天');
    if (enlistmentDate && id && enlistmentDate < id.birthDate) this.problem('enlistmentDate', '入伍时间不能早于出生日期');
    if (dischargeDate && dischargeDate > today) this.problem('dischargeDate', '退役时间不能晚于今天');
    if (enlistmentDate && dischargeDate && dischargeDate < enlistmentDate) this.problem('dischargeDate', '退役时间不能早于入伍时间');
    const meritsText = this.text('merits');
    const merits = meritsText ? parseMerits(meritsText, this.thisYear, (message) => this.problem('merits', message)) : [];

    // survivors: the soldier who died
    const deceasedName = this.text('deceasedName', 30);
    const deceasedDate = this.day('deceasedDate');
    if (deceasedDate && deceasedDate > today) this.problem('deceasedDate', '牺牲(病故)日期不能晚于今天');
    const relation = this.text('deceasedRelation', 10);
    let deceasedSoldier: ParsedRow['deceasedSoldier'] = null;
    if (recipientGroup && recipientGroup in DEATH_KIND) {
      if (!deceasedName) this.problem('deceasedName', '遗属须填写牺牲(病故)军人姓名');
      deceasedSoldier = { name: deceasedName, deathDate: deceasedDate, deathKind: DEATH_KIND[recipientGroup as keyof typeof DEATH_KIND], certificateNo: '', relation };
    }

    const unit = { township: this.text('township', 60), village: this.text('village', 60), grid: this.text('grid', 60), code: fold(this.text('unitCode', 20)) };
    const lastUnit = this.text('lastUnit', 100);
    const rank = this.text('rank', 30);
    const skills = this.text('skills', 300);
    const householdAddress = this.text('householdAddress', 200);
    const currentAddress = this.text('currentAddress', 200);
    const notes = this.text('notes', 1000);
    if (problems.length || !id || !recipientGroup) return { row: null, problems, id18: id?.id18 ?? null, unit };
    return {
      id18: id.id18,
      unit,
      problems: [],
      row: {
        name,
        id18: id.id18,
        birthDate: id.birthDate,
        gender: id.gender,
        ethnicity: ethnicity || '汉族',
        phone,
        politicalStatus,
        recipientGroup,
        kind: kindOf(recipientGroup),
        careMask: careMaskOf(care),
        enlistmentDate,
        dischargeDate,
        dischargeType,
        branch,
        lastUnit,
        rank,
        disabilityGrade,
        disabilityCause,
        merits,
        education,
        employmentStatus,
        skills,
        householdAddress,
        currentAddress,
        notes,
        deceasedSoldier,
        unit,
      },
    };
  }
}

/** One data row checked on its own (tests). */
export function parseRow(cells: readonly CellValue[], columns: ReadonlyMap<LedgerField, number>, today: string): RowResult {
  return new RowParser(columns, today).parse(cells);
}
