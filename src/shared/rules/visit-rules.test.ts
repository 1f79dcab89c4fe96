import { describe, expect, it } from 'vitest';
import { careMaskOf } from '../schemas/recipients';
import { defaultVisitSettings, keyGroupMaskOf, type VisitSettings } from '../schemas/visits';
import {
  calendarDueEntries,
  dueStateOf,
  isPriorityCare,
  keyGroupsOf,
  ownerUnit,
  raisesDifficulty,
  raisesReturnHome,
  triggerDueEntry,
  windowOf,
  type DueFacts,
} from './visit-rules';

const facts = (over: Partial<Parameters<typeof keyGroupsOf>[0]> = {}) => ({
  kind: 'veteran',
  recipientGroup: 'dischargedSoldier',
  careCategories: [],
  enlistmentDate: '1990-03-01',
  disabilityGrade: null,
  merits: [],
  situations: {},
  ...over,
});

describe('key groups (Part 5 三(三))', () => {
  it('marks each group from the record', () => {
    expect(keyGroupsOf(facts())).toEqual([]);
    expect(keyGroupsOf(facts({ enlistmentDate: '1949-09-30' }))).toEqual(['pre1949']);
    expect(keyGroupsOf(facts({ enlistmentDate: '1949-10-01' }))).toEqual([]);
    expect(keyGroupsOf(facts({ recipientGroup: 'redArmyVeteran', enlistmentDate: null }))).toEqual(['pre1949']);
    expect(keyGroupsOf(facts({ careCategories: ['warVeteran'] }))).toEqual(['warOrTest']);
    expect(keyGroupsOf(facts({ careCategories: ['nuclearTestVeteran'] }))).toEqual(['warOrTest']);
    expect(keyGroupsOf(facts({ kind: 'martyrSurvivor', recipientGroup: 'martyrSurvivor' }))).toEqual(['martyrSurvivor']);
    expect(keyGroupsOf(facts({ disabilityGrade: 8 }))).toEqual(['disabled']);
    expect(keyGroupsOf(facts({ recipientGroup: 'disabledVeteran' }))).toEqual(['disabled']);
    expect(keyGroupsOf(facts({ merits: [{ level: 'third' }] }))).toEqual([]);
    expect(keyGroupsOf(facts({ merits: [{ level: 'third' }, { level: 'second' }] }))).toEqual(['merit2']);
    expect(keyGroupsOf(facts({ situations: { family: { level: 'major' } } }))).toEqual(['majorDifficulty']);
    expect(keyGroupsOf(facts({ situations: { income: { level: 'below' } } }))).toEqual(['majorDifficulty']);
    expect(keyGroupsOf(facts({ situations: { family: { level: 'difficult' } } }))).toEqual([]);
  });
  it('priority care is any care category', () => {
    expect(isPriorityCare(0)).toBe(false);
    expect(isPriorityCare(careMaskOf(['ruralVeteran60']))).toBe(true);
  });
});

const person = (over: Partial<DueFacts> = {}): DueFacts => ({
  id: 'p1',
  birthDate: '1980-05-01',
  lunarBirthday: false,
  careMask: 0,
  keyGroupMask: 0,
  kind: 'veteran',
  martyrDeathDate: null,
  ...over,
});
const s = (over: Partial<VisitSettings> = {}): VisitSettings => ({ ...defaultVisitSettings, ...over });

describe('calendar visits owed', () => {
  it('Army Day for everyone when its window overlaps the period; Spring Festival when its window does', () => {
    // today 2026-07-10, horizon 30 → to 2026-08-09; Army Day window [07-17, 08-08]
    const e = calendarDueEntries(person(), s(), { from: '2026-07-10', to: '2026-08-09' });
    expect(e.map((x) => [x.reason, x.occasionDay, x.windowStart, x.windowEnd, x.dedupeKey])).toEqual([['armyDay', '2026-08-01', '2026-07-17', '2026-08-08', 'ad:2026:p1']]);
    // Spring Festival 2027-02-06: the window opens 20 days before, 2027-01-17
    const sf = calendarDueEntries(person(), s(), { from: '2027-01-01', to: '2027-01-31' });
    expect(sf.map((x) => [x.reason, x.windowStart, x.windowEnd, x.dedupeKey])).toEqual([['springFestival', '2027-01-17', '2027-02-21', 'sf:2027:p1']]);
  });

  it('key persons owe a second, county visit unless the setting folds it into the routine one', () => {
    const kp = person({ keyGroupMask: keyGroupMaskOf(['merit2']) });
    const r = calendarDueEntries(kp, s(), { from: '2026-07-10', to: '2026-08-09' });
    expect(r.map((x) => [x.reason, x.owner, x.dedupeKey])).toEqual([
      ['armyDay', 'routine', 'ad:2026:p1'],
      ['keyPerson', 'county', 'kp:ad:2026:p1'],
    ]);
    expect(calendarDueEntries(kp, s({ keyPersonOwner: 'routine' }), { from: '2026-07-10', to: '2026-08-09' }).map((x) => x.reason)).toEqual(['armyDay']);
  });

  it('birthdays of priority care recipients aged 70+ on the birthday', () => {
    const care = careMaskOf(['ruralVeteran60']);
    const range = { from: '2026-06-15', to: '2026-07-15' };
    // turns 70 on 2026-06-20: owed; turns 69: not; no care category: not
    expect(calendarDueEntries(person({ birthDate: '1956-06-20', careMask: care }), s(), range).filter((x) => x.reason === 'birthday70').map((x) => [x.occasionDay, x.dedupeKey])).toEqual([['2026-06-20', 'bd:70:p1']]);
    expect(calendarDueEntries(person({ birthDate: '1957-06-20', careMask: care }), s(), range).filter((x) => x.reason === 'birthday70')).toEqual([]);
    expect(calendarDueEntries(person({ birthDate: '1956-06-20' }), s(), range).filter((x) => x.reason === 'birthday70')).toEqual([]);
    // the age setting
    expect(calendarDueEntries(person({ birthDate: '1957-06-20', careMask: care }), s({ birthdayMinAge: 69 }), range).filter((x) => x.reason === 'birthday70')).toHaveLength(1);
    // a window reaching into the period: a birthday just before `from` still counts while its window is open
    expect(calendarDueEntries(person({ birthDate: '1956-06-10', careMask: care }), s(), range).filter((x) => x.reason === 'birthday70').map((x) => x.windowEnd)).toEqual(['2026-06-17']);
  });

  it('a lunar birthday is owed on its lunar day', () => {
    // born 1950-01-20 = 腊月初三; in lunar 2025 that is 2026-01-21
    const e = calendarDueEntries(person({ birthDate: '1950-01-20', lunarBirthday: true, careMask: careMaskOf(['warVeteran']) }), s(), { from: '2026-01-10', to: '2026-01-25' });
    expect(e.filter((x) => x.reason === 'birthday70').map((x) => x.occasionDay)).toEqual(['2026-01-21']);
  });

  it("Martyrs' Day and the martyr's death anniversary for martyr survivors", () => {
    const f = person({ kind: 'martyrSurvivor', martyrDeathDate: '1985-10-05' });
    const e = calendarDueEntries(f, s(), { from: '2026-09-20', to: '2026-10-10' });
    expect(e.map((x) => [x.reason, x.occasionDay])).toEqual([
      ['martyrsDay', '2026-09-30'],
      ['martyrAnniversary', '2026-10-05'],
    ]);
    expect(calendarDueEntries(person(), s(), { from: '2026-09-20', to: '2026-10-10' })).toEqual([]);
  });

  it('windows are settings', () => {
    expect(windowOf(s(), 'armyDay', '2026-08-01')).toEqual({ start: '2026-07-17', end: '2026-08-08' });
    const w = s({ windows: { ...defaultVisitSettings.windows, armyDay: { before: 3, after: 1 } } });
    expect(windowOf(w, 'armyDay', '2026-08-01')).toEqual({ start: '2026-07-29', end: '2026-08-02' });
    expect(triggerDueEntry({ id: 't1', kind: 'meritAward', eventDay: '2026-06-01' }, s())).toMatchObject({ windowStart: '2026-06-01', windowEnd: '2026-06-16', dedupeKey: 'tr:t1' });
    expect(triggerDueEntry({ id: 't2', kind: 'veteranDeath', eventDay: '2026-06-01' }, s())).toMatchObject({ windowEnd: '2026-06-08' });
  });
});

describe('owners, states and events', () => {
  const chain = [
    { id: 'c', level: 'county', path: '/p/ci/c/' },
    { id: 't', level: 'township', path: '/p/ci/c/t/' },
    { id: 'v', level: 'village', path: '/p/ci/c/t/v/' },
    { id: 'g', level: 'grid', path: '/p/ci/c/t/v/g/' },
  ];
  it('routine visits are owed by the village (or the township), key persons by the county', () => {
    expect(ownerUnit(chain, 'routine', { routineOwner: 'village' }).id).toBe('v');
    expect(ownerUnit(chain, 'routine', { routineOwner: 'township' }).id).toBe('t');
    expect(ownerUnit(chain, 'county', { routineOwner: 'village' }).id).toBe('c');
    // a person on the township's own list: the township owes it
    expect(ownerUnit(chain.slice(0, 2), 'routine', { routineOwner: 'village' }).id).toBe('t');
  });
  it('states on a day', () => {
    const d = { status: 'owed', windowStart: '2026-07-17', windowEnd: '2026-08-08', doneOn: null };
    expect(dueStateOf(d, '2026-07-16')).toBe('upcoming');
    expect(dueStateOf(d, '2026-07-17')).toBe('open');
    expect(dueStateOf(d, '2026-08-09')).toBe('overdue');
    expect(dueStateOf({ ...d, status: 'done', doneOn: '2026-08-08' }, '2026-09-01')).toBe('doneOnTime');
    expect(dueStateOf({ ...d, status: 'done', doneOn: '2026-08-09' }, '2026-09-01')).toBe('doneLate');
  });
  it('a recent discharge raises 退役返乡; an urgent need or a major difficulty raises 遇到困难', () => {
    expect(raisesReturnHome({ kind: 'veteran', dischargeDate: '2026-03-01' }, '2026-06-15')).toBe(true);
    expect(raisesReturnHome({ kind: 'veteran', dischargeDate: '2025-03-01' }, '2026-06-15')).toBe(false);
    expect(raisesReturnHome({ kind: 'militaryFamily', dischargeDate: '2026-03-01' }, '2026-06-15')).toBe(false);
    expect(raisesDifficulty({ needs: { level: 'urgent' } })).toBe(true);
    expect(raisesDifficulty({ family: { level: 'major' } })).toBe(true);
    expect(raisesDifficulty({ needs: { level: 'some' } })).toBe(false);
  });
});
