// 人岗匹配 (Part 4 四(四), 五(二)): the controlled vocabulary of skills and industries, and the one
// rule that scores a job seeker against an opening. Pure (no I/O): the server ranks with it, the
// bench measures it, the web shows its reasons.
//
// Skills and industries are code lists; a person's or an opening's set of codes is stored as a bit
// mask (integer, at most 30 codes each) so that scoring 100,000 seekers is a loop of integer ops.
// Never reorder or remove a code: its bit is stored. Append new ones at the end.

export const skillCodes = [
  'forklift', // 叉车证
  'electrician', // 电工证
  'driverB2', // 驾驶证B2
  'driverA2', // 驾驶证A2
  'driverC1', // 驾驶证C1
  'cook', // 厨师
  'security', // 保安员证
  'welder', // 焊工证
  'firefighting', // 消防设施操作员
  'computer', // 计算机操作
  'accounting', // 会计
  'mechanic', // 汽车维修
  'construction', // 建筑施工
  'logistics', // 仓储物流
  'nursing', // 护理
  'teaching', // 教育培训
  'agriculture', // 种植养殖
  'sales', // 销售
  'management', // 经营管理
  'communication', // 通信维护
] as const;
export type SkillCode = (typeof skillCodes)[number];
export const skillLabels: Record<SkillCode, string> = {
  forklift: '叉车证',
  electrician: '电工证',
  driverB2: '驾驶证B2',
  driverA2: '驾驶证A2',
  driverC1: '驾驶证C1',
  cook: '厨师',
  security: '保安员证',
  welder: '焊工证',
  firefighting: '消防设施操作员',
  computer: '计算机操作',
  accounting: '会计',
  mechanic: '汽车维修',
  construction: '建筑施工',
  logistics: '仓储物流',
  nursing: '护理',
  teaching: '教育培训',
  agriculture: '种植养殖',
  sales: '销售',
  management: '经营管理',
  communication: '通信维护',
};

export const industryCodes = [
  'manufacturing', // 制造业
  'construction', // 建筑业
  'transport', // 交通运输、仓储和邮政业
  'security', // 安保服务
  'catering', // 住宿和餐饮业
  'retail', // 批发和零售业
  'it', // 信息技术
  'agriculture', // 农林牧渔业
  'public', // 公共管理和社会组织
  'education', // 教育
  'health', // 卫生和社会工作
  'energy', // 电力、燃气及水
  'finance', // 金融业
  'services', // 居民服务和其他服务业
] as const;
export type IndustryCode = (typeof industryCodes)[number];
export const industryLabels: Record<IndustryCode, string> = {
  manufacturing: '制造业',
  construction: '建筑业',
  transport: '交通运输、仓储和邮政业',
  security: '安保服务',
  catering: '住宿和餐饮业',
  retail: '批发和零售业',
  it: '信息技术',
  agriculture: '农林牧渔业',
  public: '公共管理和社会组织',
  education: '教育',
  health: '卫生和社会工作',
  energy: '电力、燃气及水',
  finance: '金融业',
  services: '居民服务和其他服务业',
};

export const workTimes = ['full', 'part', 'any'] as const;
export type WorkTime = (typeof workTimes)[number];
export const workTimeLabels: Record<WorkTime, string> = { full: '全职', part: '兼职', any: '均可' };

/** The bit mask of a list of codes of `list` (unknown codes are ignored). */
export function maskOf<T extends string>(list: readonly T[], codes: readonly string[]): number {
  let m = 0;
  for (const c of codes) {
    const i = list.indexOf(c as T);
    if (i >= 0) m |= 1 << i;
  }
  return m;
}
/** The codes of a bit mask, in list order. */
export function codesOf<T extends string>(list: readonly T[], mask: number): T[] {
  return list.filter((_, i) => (mask & (1 << i)) !== 0);
}
export const skillMask = (codes: readonly string[]) => maskOf(skillCodes, codes);
export const industryMask = (codes: readonly string[]) => maskOf(industryCodes, codes);

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A job seeker as the rule sees them: masks, the unit path they live under and where they want to work. */
export type Seeker = {
  skills: number;
  industries: number;
  workTime: WorkTime;
  /** the path of the unit the person's record belongs to */
  homePath: string;
  /** paths of the units (county, township…) the person would work in; empty = anywhere near home */
  placePaths: readonly string[];
  /** the lowest monthly pay (yuan) wanted; null = not said */
  payMin: number | null;
};

/** An opening as the rule sees it. `placeCountyPath`/`placeCityPath`: the county and city above the place (or null). */
export type Opening = {
  skills: number;
  industry: number;
  workTime: 'full' | 'part';
  placePath: string;
  placeName: string;
  placeCountyPath: string | null;
  placeCityPath: string | null;
  payMin: number;
  payMax: number;
};

/** The weights (sum 100). */
export const matchWeights = { skills: 40, industry: 20, place: 20, workTime: 10, pay: 10 } as const;

function industryPart(s: Seeker, o: Opening): number {
  if (s.industries === 0) return 10;
  return s.industries & o.industry ? 20 : 0;
}
function placePart(s: Seeker, o: Opening): number {
  for (const p of s.placePaths) if (o.placePath.startsWith(p) || p.startsWith(o.placePath)) return 20;
  if (o.placeCountyPath && s.homePath.startsWith(o.placeCountyPath)) return s.placePaths.length ? 10 : 16;
  if (o.placeCityPath && s.homePath.startsWith(o.placeCityPath)) return s.placePaths.length ? 4 : 8;
  return 0;
}

/** The score 0–100 of a seeker for an opening (the fast path: no strings built). */
export function matchScore(s: Seeker, o: Opening): number {
  const required = popcount(o.skills);
  const skills = required === 0 ? 20 : (40 * popcount(s.skills & o.skills)) / required;
  const time = s.workTime === 'any' || s.workTime === o.workTime ? 10 : 0;
  const pay = s.payMin === null || o.payMax >= s.payMin ? 10 : 0;
  return Math.round(skills + industryPart(s, o) + placePart(s, o) + time + pay);
}

/** The reasons of a score, in Chinese: "技能：叉车证 ✓ · 意向地：安吉县 ✓". */
export function matchReasons(s: Seeker, o: Opening): string[] {
  const out: string[] = [];
  for (const c of codesOf(skillCodes, o.skills)) out.push(`技能：${skillLabels[c]} ${s.skills & (1 << skillCodes.indexOf(c)) ? '✓' : '✗'}`);
  const ind = codesOf(industryCodes, o.industry)[0];
  if (ind) out.push(s.industries === 0 ? `行业：${industryLabels[ind]}（未填意向）` : `行业：${industryLabels[ind]} ${s.industries & o.industry ? '✓' : '✗'}`);
  const place = placePart(s, o);
  if (place === 20) out.push(`意向地：${o.placeName} ✓`);
  else if (o.placeCountyPath && s.homePath.startsWith(o.placeCountyPath)) out.push(`工作地：${o.placeName}（同县）`);
  else if (o.placeCityPath && s.homePath.startsWith(o.placeCityPath)) out.push(`工作地：${o.placeName}（同市）`);
  else out.push(`工作地：${o.placeName} ✗`);
  out.push(`${workTimeLabels[o.workTime]} ${s.workTime === 'any' || s.workTime === o.workTime ? '✓' : '✗'}`);
  if (s.payMin !== null) out.push(`薪酬：${o.payMin}–${o.payMax} 元/月（期望 ${s.payMin}）${o.payMax >= s.payMin ? '✓' : '✗'}`);
  return out;
}

/**
 * One page of `items` ranked by score (highest first, ties by the key ascending), leaving out those
 * scoring below `minScore`, with how many passed. Scores are 0–100, so items go into one bucket per
 * score and only the buckets the page overlaps are sorted by key: one pass over 100,000 items.
 */
export function rankPage<T>(
  items: readonly T[],
  score: (x: T) => number,
  key: (x: T) => string,
  page: { offset: number; limit: number; minScore?: number },
): { total: number; ranked: { item: T; score: number }[] } {
  const buckets: number[][] = Array.from({ length: 101 }, () => []);
  const min = page.minScore ?? 0;
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const v = Math.max(0, Math.min(100, score(items[i])));
    if (v < min) continue;
    buckets[v].push(i);
    total++;
  }
  const ranked: { item: T; score: number }[] = [];
  let seen = 0;
  const end = page.offset + page.limit;
  for (let v = 100; v >= 0 && seen < end; v--) {
    const b = buckets[v];
    if (!b.length) continue;
    if (seen + b.length > page.offset) {
      const keyed = b.map((i) => ({ i, k: key(items[i]) }));
      keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
      for (let j = Math.max(0, page.offset - seen); j < keyed.length && seen + j < end; j++) ranked.push({ item: items[keyed[j].i], score: v });
    }
    seen += b.length;
  }
  return { total, ranked };
}

/**
 * The last day a profile may have been confirmed on and still be current on `today`, when profiles
 * are to be confirmed every `months` months: the same day of the month `months` earlier (clamped
 * to the month's last day: 08-31 less 6 months is 02-28).
 */
export function reviewCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
