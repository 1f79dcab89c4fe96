// Visit rules of the seed's Part 5 (三(二) the occasions, 三(三) the key groups, 三(四) who owes
// which visit) and §27 (六必访). Pure: days are 'YYYY-MM-DD' strings, no clock, no I/O; the
// generator (server/modules/visits) turns what these return into rows.
import { careCategories, type CareCategory } from '../schemas/recipients';
import {
  keyGroupMaskOf,
  type DueVisitReason,
  type KeyGroup,
  type VisitSettings,
  type VisitTriggerKind,
  type WindowReason,
} from '../schemas/visits';
import { shiftDay } from './calendar';
import { armyDay, martyrsDay, springFestival } from './festivals';
import { ageOn, birthdaysBetween } from './lunar-birthday';

/** 中华人民共和国成立: who joined before it is a 建国前老战士. */
export const PRC_FOUNDED = '1949-10-01';

/** What the key groups are computed from (a recipient row, decoded). */
export type KeyGroupFacts = {
  kind: string;
  recipientGroup: string;
  careCategories: readonly CareCategory[];
  enlistmentDate: string | null;
  disabilityGrade: number | null;
  merits: readonly { level: string }[];
  situations: Partial<Record<string, { level: string | null } | undefined>>;
};

/**
 * The key groups 重点走访对象 of Part 5 三(三):
 * 1. pre1949 建国前参加革命的老战士: enlisted before 1949-10-01, or a Red Army veteran (退伍红军老战士,
 *    红军失散人员). Spouses are not recognisable from the record (the family members list has no
 *    service data), so a spouse is marked by the county through the record's care categories.
 * 2. warOrTest 参战参试: care category warVeteran or nuclearTestVeteran.
 * 3. martyrSurvivor 烈士遗属: kind or care category martyrSurvivor.
 * 4. disabled 伤残军人: a disability grade, care category disabledVeteran, or group disabledVeteran.
 * 5. merit2 二等功及以上: a merit of level first or second, or an honorary title (荣誉称号 ranks above 一等功).
 * 6. majorDifficulty 遭遇重大变故或重大困难: the record's family situation is 'major' (重大困难) or its
 *    income is 'below' (低于低保标准). It is computed from the record alone, so it is the same
 *    wherever the record is read: a visit that finds a major change records family = major (the
 *    visit form updates the situations), and the group follows.
 */
export function keyGroupsOf(f: KeyGroupFacts): KeyGroup[] {
  const care = new Set(f.careCategories);
  const out: KeyGroup[] = [];
  if ((f.enlistmentDate && f.enlistmentDate < PRC_FOUNDED) || f.recipientGroup === 'redArmyVeteran' || care.has('redArmyStraggler')) out.push('pre1949');
  if (care.has('warVeteran') || care.has('nuclearTestVeteran')) out.push('warOrTest');
  if (f.kind === 'martyrSurvivor' || care.has('martyrSurvivor')) out.push('martyrSurvivor');
  if (f.disabilityGrade != null || care.has('disabledVeteran') || f.recipientGroup === 'disabledVeteran') out.push('disabled');
  if (f.merits.some((m) => m.level === 'first' || m.level === 'second' || m.level === 'honor')) out.push('merit2');
  if (f.situations.family?.level === 'major' || f.situations.income?.level === 'below') out.push('majorDifficulty');
  return out;
}

export function keyGroupMask(f: KeyGroupFacts): number {
  return keyGroupMaskOf(keyGroupsOf(f));
}

/** A priority care recipient 重点优抚对象 (RULES.md): one with any care category. */
export function isPriorityCare(careMask: number): boolean {
  return (careMask & ((1 << careCategories.length) - 1)) !== 0;
}

export { ageOn };

/** The window of a reason around its occasion day: [day − before, day + after]; window_end is the due day. */
export function windowOf(settings: VisitSettings, reason: WindowReason, occasionDay: string): { start: string; end: string } {
  const w = settings.windows[reason];
  return { start: shift(occasionDay, -w.before), end: shift(occasionDay, w.after) };
}

// Generation shifts the same few hundred days (festivals, birthdays of the year) for every
// recipient of a county: memoised, the arithmetic is no longer the cost of a run.
const shiftCache = new Map<number, Map<string, string>>();
let shiftCached = 0;
function shift(day: string, n: number): string {
  let byDay = shiftCache.get(n);
  if (!byDay) shiftCache.set(n, (byDay = new Map()));
  let d = byDay.get(day);
  if (d === undefined) {
    if (++shiftCached > 100_000) {
      shiftCache.clear();
      shiftCached = 0;
      shiftCache.set(n, byDay);
      byDay.clear();
    }
    byDay.set(day, (d = shiftDay(day, n)));
  }
  return d;
}

/** The window reason of a trigger kind: a veteran's death has its own, every other trigger the 六必访 one. */
export function triggerWindowReason(kind: VisitTriggerKind): WindowReason {
  return kind === 'veteranDeath' ? 'veteranDeath' : 'trigger';
}

/** Who owes a visit: the routine owner (village or township, a setting) or the county (key persons). */
export type OwnerKind = 'routine' | 'county';

export type UnitLevelPath = { id: string; level: string; path: string };

/**
 * The unit that owes a visit, from the recipient unit's chain of units (root first, the
 * recipient's own unit last): routine → the village (or the township, by the setting); county →
 * the county. A recipient registered directly at a higher unit than the owner level (a township
 * or county office's own list) is owed by that unit itself.
 */
export function ownerUnit<U extends UnitLevelPath>(chain: readonly U[], kind: OwnerKind, settings: Pick<VisitSettings, 'routineOwner'>): U {
  if (!chain.length) throw new Error('empty unit chain');
  const level = kind === 'county' ? 'county' : settings.routineOwner;
  return chain.find((u) => u.level === level) ?? chain[chain.length - 1];
}

/** What the generator needs of a recipient. */
export type DueFacts = {
  id: string;
  birthDate: string;
  lunarBirthday: boolean;
  careMask: number;
  keyGroupMask: number;
  kind: string;
  /** the martyr's death day, when the record is a martyr survivor's with a known day (deceasedSoldier.deathKind martyr) */
  martyrDeathDate: string | null;
};

export type DueEntry = {
  reason: DueVisitReason;
  owner: OwnerKind;
  occasionDay: string;
  windowStart: string;
  windowEnd: string;
  dedupeKey: string;
};

/** Is a recipient a martyr survivor for the Martyrs' Day and anniversary visits? */
export function isMartyrSurvivor(f: Pick<DueFacts, 'kind' | 'careMask'>): boolean {
  return f.kind === 'martyrSurvivor' || (f.careMask & (1 << careCategories.indexOf('martyrSurvivor'))) !== 0;
}

/**
 * The period a generation run covers: windows that overlap [today − grace, today + horizon].
 * `grace` lets a run catch windows that closed a few days ago (a server that was down); 0 by default.
 */
export function generationRange(today: string, settings: Pick<VisitSettings, 'horizonDays'>, graceDays = 0): { from: string; to: string } {
  return { from: shiftDay(today, -graceDays), to: shiftDay(today, settings.horizonDays) };
}

/** Spring Festival by year, memoised (a lunar conversion per call otherwise, for every recipient). */
const springFestivalCache = new Map<number, string>();
function springFestivalOf(year: number): string {
  let d = springFestivalCache.get(year);
  if (!d) springFestivalCache.set(year, (d = springFestival(year)));
  return d;
}

const overlaps = (w: { start: string; end: string }, r: { from: string; to: string }) => w.start <= r.to && w.end >= r.from;

/**
 * The calendar visits owed to a live registered recipient whose windows overlap `range`:
 * Spring Festival and Army Day (everyone; key persons a second, county-owed visit unless the
 * setting folds it into the routine one), the birthday of a priority care recipient aged
 * birthdayMinAge or more on it (lunar when the record keeps a lunar birthday), Martyrs' Day and
 * the martyr's death anniversary for martyr survivors. Triggers are not here (one entry each).
 */
/** An occasion everyone of a group shares in a range: its window and the head of its dedupe key. */
type Occasion = { reason: 'springFestival' | 'armyDay' | 'martyrsDay'; day: string; start: string; end: string; key: string; keyPersonKey: string | null };

/**
 * The festivals and Martyrs' Days whose windows overlap a range, in the order the entries list
 * them (year by year: Spring Festival, Army Day, Martyrs' Day). The same for every recipient of a
 * run: computed once per (settings, range), not once per person.
 */
let occasionMemo: { key: string; list: Occasion[] } | null = null;
function occasionsOf(settings: VisitSettings, range: { from: string; to: string }): Occasion[] {
  const { springFestival: sf, armyDay: ad, martyrsDay: md } = settings.windows;
  // keyed by what the list depends on, not by the settings object (a caller may change it in place)
  const key = `${range.from}|${range.to}|${sf.before}|${sf.after}|${ad.before}|${ad.after}|${md.before}|${md.after}`;
  if (occasionMemo?.key === key) return occasionMemo.list;
  const list: Occasion[] = [];
  const fromYear = Number(range.from.slice(0, 4));
  const toYear = Number(range.to.slice(0, 4));
  // a window may reach into the next or previous year (Spring Festival of Y+1 opens in January)
  for (let y = fromYear - 1; y <= toYear + 1; y++) {
    if (y < 1902 || y > 2098) continue;
    const days = [
      { reason: 'springFestival' as const, day: springFestivalOf(y), code: 'sf' },
      { reason: 'armyDay' as const, day: armyDay(y), code: 'ad' },
      { reason: 'martyrsDay' as const, day: martyrsDay(y), code: 'md' },
    ];
    for (const o of days) {
      const w = windowOf(settings, o.reason, o.day);
      if (!overlaps(w, range)) continue;
      const festival = o.reason !== 'martyrsDay';
      list.push({ reason: o.reason, day: o.day, start: w.start, end: w.end, key: `${o.code}:${y}:`, keyPersonKey: festival ? `kp:${o.code}:${y}:` : null });
    }
  }
  occasionMemo = { key, list };
  return list;
}

/**
 * The calendar visits owed to a live registered recipient whose windows overlap `range`:
 * Spring Festival and Army Day (everyone; key persons a second, county-owed visit unless the
 * setting folds it into the routine one), the birthday of a priority care recipient aged
 * birthdayMinAge or more on it (lunar when the record keeps a lunar birthday), Martyrs' Day and
 * the martyr's death anniversary for martyr survivors. Triggers are not here (one entry each).
 */
export function calendarDueEntries(f: DueFacts, settings: VisitSettings, range: { from: string; to: string }): DueEntry[] {
  const out: DueEntry[] = [];
  const keyPerson = f.keyGroupMask !== 0 && settings.keyPersonOwner === 'county';
  const martyrSurvivor = isMartyrSurvivor(f);
  for (const o of occasionsOf(settings, range)) {
    if (o.keyPersonKey === null) {
      if (martyrSurvivor) out.push({ reason: o.reason, owner: 'routine', occasionDay: o.day, windowStart: o.start, windowEnd: o.end, dedupeKey: o.key + f.id });
      continue;
    }
    out.push({ reason: o.reason, owner: 'routine', occasionDay: o.day, windowStart: o.start, windowEnd: o.end, dedupeKey: o.key + f.id });
    if (keyPerson) out.push({ reason: 'keyPerson', owner: 'county', occasionDay: o.day, windowStart: o.start, windowEnd: o.end, dedupeKey: o.keyPersonKey + f.id });
  }
  if (f.martyrDeathDate && isMartyrSurvivor(f)) {
    // the anniversary 烈士忌日 by the solar calendar; the occasions between the window's reach
    const wb = settings.windows.martyrAnniversary;
    for (const occ of birthdaysBetween(f.martyrDeathDate, false, shift(range.from, -wb.after), shift(range.to, wb.before))) {
      const w = windowOf(settings, 'martyrAnniversary', occ.day);
      out.push({ reason: 'martyrAnniversary', owner: 'routine', occasionDay: occ.day, windowStart: w.start, windowEnd: w.end, dedupeKey: `ma:${occ.day.slice(0, 4)}:${f.id}` });
    }
  }
  if (isPriorityCare(f.careMask)) {
    const wb = settings.windows.birthday70;
    for (const occ of birthdaysBetween(f.birthDate, f.lunarBirthday, shift(range.from, -wb.after), shift(range.to, wb.before))) {
      if (occ.age < settings.birthdayMinAge) continue;
      const w = windowOf(settings, 'birthday70', occ.day);
      // keyed by the age reached: one birthday visit per year of life, whichever calendar
      out.push({ reason: 'birthday70', owner: 'routine', occasionDay: occ.day, windowStart: w.start, windowEnd: w.end, dedupeKey: `bd:${occ.age}:${f.id}` });
    }
  }
  return out;
}

/** The owed visit of a trigger: one per trigger, whatever its day (a late record is owed at once, overdue). */
export function triggerDueEntry(t: { id: string; kind: VisitTriggerKind; eventDay: string }, settings: VisitSettings): DueEntry {
  const w = windowOf(settings, triggerWindowReason(t.kind), t.eventDay);
  return { reason: 'trigger', owner: 'routine', occasionDay: t.eventDay, windowStart: w.start, windowEnd: w.end, dedupeKey: `tr:${t.id}` };
}

/** Where an owed visit stands on `today` (dueVisitStates). */
export function dueStateOf(d: { status: string; windowStart: string; windowEnd: string; doneOn: string | null }, today: string) {
  if (d.status === 'cancelled') return 'cancelled' as const;
  if (d.status === 'done') return d.doneOn && d.doneOn > d.windowEnd ? ('doneLate' as const) : ('doneOnTime' as const);
  if (today < d.windowStart) return 'upcoming' as const;
  if (today > d.windowEnd) return 'overdue' as const;
  return 'open' as const;
}

/** How long after a discharge a newly registered veteran still counts as "returning home" (退役返乡必访). */
export const RETURN_HOME_DAYS = 180;

/** Does registering this record raise a returnHome trigger? A veteran discharged within RETURN_HOME_DAYS before today. */
export function raisesReturnHome(r: { kind: string; dischargeDate: string | null }, today: string): boolean {
  return r.kind === 'veteran' && !!r.dischargeDate && r.dischargeDate <= today && r.dischargeDate >= shiftDay(today, -RETURN_HOME_DAYS);
}

/** Does a visit's finding raise a difficulty trigger (遇到困难必访)? An urgent need or a family in major difficulty. */
export function raisesDifficulty(s: Partial<Record<string, { level: string | null } | undefined>>): boolean {
  return s.needs?.level === 'urgent' || s.family?.level === 'major';
}

export { ageOn as ageAt };

/** The stored columns the key groups come from (JSON columns as text). */
export type StoredKeyGroupColumns = {
  kind: string;
  recipient_group: string;
  care_mask: number;
  enlistment_date: string | null;
  disability_grade: number | null;
  merits: string | null;
  situations: string | null;
};
export const KEY_GROUP_COLUMNS = ['kind', 'recipient_group', 'care_mask', 'enlistment_date', 'disability_grade', 'merits', 'situations'] as const;

function parseJson<T>(s: string | null, d: T): T {
  try {
    return s ? (JSON.parse(s) as T) : d;
  } catch {
    return d;
  }
}

/** The key-group mask of a stored recipient row. */
export function keyGroupMaskOfStored(r: StoredKeyGroupColumns): number {
  return keyGroupMask({
    kind: r.kind,
    recipientGroup: r.recipient_group,
    careCategories: careCategories.filter((_, i) => (r.care_mask & (1 << i)) !== 0),
    enlistmentDate: r.enlistment_date,
    disabilityGrade: r.disability_grade,
    merits: parseJson<{ level: string }[]>(r.merits, []),
    situations: parseJson<Record<string, { level: string | null }>>(r.situations, {}),
  });
}
