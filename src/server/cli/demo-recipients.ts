// A generator of realistic recipients: valid citizen IDs, Chinese names, households, every group
// and care category, spread over real villages and grids. Deterministic for a seed. Used by the
// demo (a few thousand) and by the benchmark (a million).
import { idCheckCharacter } from '../../shared/rules/id-number';
import { nameTokens } from '../../shared/rules/name-search';
import { maskIdNumber } from '../../shared/rules/id-number';
import { maskPhone } from '../../shared/rules/phone';
import {
  careCategories,
  careMaskOf,
  situationKeys,
  situationLevels,
  type CareCategory,
  type RecipientGroup,
  type RecipientKind,
} from '../../shared/schemas/recipients';
import type { FieldCrypto } from '../platform/crypto';
import type { RecipientTable, HouseholdTable } from '../db/types';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const MALE = ['建国', '国强', '伟', '军', '勇', '刚', '志强', '卫东', '海', '明', '华', '平', '建军', '永红', '文斌', '立新', '德胜', '志刚', '红兵', '国庆', '晓东', '俊', '磊', '鹏', '超', '浩', '杰', '强', '涛', '斌', '宇', '凯', '亮', '峰', '林', '志明', '海涛', '振华', '永明', '卫国'];
const FEMALE = ['秀英', '桂英', '秀兰', '玉兰', '丽', '敏', '静', '燕', '红梅', '丽华', '淑珍', '美玲', '婷', '芳', '霞', '娟', '艳', '玲', '雪梅', '春花', '海燕', '小红', '慧', '佳', '琳'];

type GroupSpec = { group: RecipientGroup; kind: RecipientKind; weight: number; minAge: number; maxAge: number; maleShare: number; care?: CareCategory[] };
const GROUPS: GroupSpec[] = [
  { group: 'dischargedSoldier', kind: 'veteran', weight: 520, minAge: 20, maxAge: 80, maleShare: 0.96 },
  { group: 'transferredOfficer', kind: 'veteran', weight: 50, minAge: 35, maxAge: 80, maleShare: 0.9 },
  { group: 'retiredCadre', kind: 'veteran', weight: 30, minAge: 55, maxAge: 95, maleShare: 0.92 },
  { group: 'nonMilitaryRetiree', kind: 'veteran', weight: 15, minAge: 60, maxAge: 90, maleShare: 0.6 },
  { group: 'demobilized', kind: 'veteran', weight: 40, minAge: 70, maxAge: 95, maleShare: 0.98, care: ['ruralDemobilized'] },
  { group: 'redArmyVeteran', kind: 'veteran', weight: 1, minAge: 100, maxAge: 104, maleShare: 1 },
  { group: 'disabledVeteran', kind: 'veteran', weight: 50, minAge: 30, maxAge: 90, maleShare: 0.98, care: ['disabledVeteran'] },
  { group: 'disabledMilitia', kind: 'veteran', weight: 8, minAge: 60, maxAge: 90, maleShare: 0.95, care: ['disabledMilitia'] },
  { group: 'martyrSurvivor', kind: 'martyrSurvivor', weight: 15, minAge: 40, maxAge: 95, maleShare: 0.4, care: ['martyrSurvivor'] },
  { group: 'dutyDeathSurvivor', kind: 'dutyDeathSurvivor', weight: 8, minAge: 30, maxAge: 90, maleShare: 0.4, care: ['dutyDeathSurvivor'] },
  { group: 'illnessDeathSurvivor', kind: 'illnessDeathSurvivor', weight: 8, minAge: 30, maxAge: 90, maleShare: 0.4, care: ['illnessDeathSurvivor'] },
  { group: 'militaryFamily', kind: 'militaryFamily', weight: 255, minAge: 18, maxAge: 75, maleShare: 0.45 },
];
const TOTAL_WEIGHT = GROUPS.reduce((s, g) => s + g.weight, 0);
const ADDRESS_CODES = ['330523', '330523', '330523', '330522', '330521', '330502', '330102', '362427'];

export type DemoUnit = { id: string; path: string; name: string; villageName: string };

export type GeneratedRecipient = { recipient: RecipientTable; household: HouseholdTable | null; tokens: string[] };

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}
function dayOf(y: number, m: number, d: number) {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Name tokens by name: a few thousand names repeat over a million people, and pinyin is the costly part. */
const tokenCache = new Map<string, string[]>();
function tokensOf(name: string): string[] {
  let t = tokenCache.get(name);
  if (!t) {
    if (tokenCache.size >= 50_000) tokenCache.clear();
    tokenCache.set(name, (t = nameTokens(name)));
  }
  return t;
}

export type GeneratorOptions = { seed: number; today: string; crypto: FieldCrypto; at: string; createdBy: string };

/** Generates `count` recipients spread over `units` (villages and grids). IDs never repeat within one run. */
export function* generateRecipients(count: number, units: DemoUnit[], opts: GeneratorOptions): Generator<GeneratedRecipient> {
  const r = prng(opts.seed);
  const thisYear = Number(opts.today.slice(0, 4));
  const used = new Set<string>();
  let lastHousehold = null as { id: string; unit: DemoUnit; members: number; address: string } | null;
  for (let i = 0; i < count; i++) {
    let w = r() * TOTAL_WEIGHT;
    const spec = GROUPS.find((g) => (w -= g.weight) < 0) ?? GROUPS[0];
    const male = r() < spec.maleShare;
    const age = spec.minAge + Math.floor(r() * (spec.maxAge - spec.minAge + 1));
    const y = thisYear - age;
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const birth = dayOf(y, m, d);
    let id18 = '';
    for (;;) {
      const seq = Math.floor(r() * 500) * 2 + (male ? 1 : 0);
      const first17 = `${pick(r, ADDRESS_CODES)}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      id18 = first17 + idCheckCharacter(first17);
      if (!used.has(id18)) break;
    }
    used.add(id18);
    const name = pick(r, SURNAMES) + pick(r, male ? MALE : FEMALE);
    const joinFamily: boolean = !!lastHousehold && lastHousehold.members < 4 && spec.kind === 'militaryFamily' && r() < 0.5;
    const unit: DemoUnit = joinFamily ? lastHousehold!.unit : units[Math.floor(r() * units.length)];
    const care = new Set<CareCategory>(spec.care ?? []);
    if (spec.kind === 'veteran' && age >= 55 && r() < 0.08) care.add('warVeteran');
    if (spec.kind === 'veteran' && age >= 55 && r() < 0.02) care.add('nuclearTestVeteran');
    if (spec.kind === 'veteran' && age >= 60 && r() < 0.25) care.add('ruralVeteran60');
    if (spec.kind === 'veteran' && r() < 0.01) care.add('returnedIll');
    if (spec.kind === 'martyrSurvivor' && age >= 60 && r() < 0.5) care.add('martyrChild60');
    const isVeteran = spec.kind === 'veteran';
    const enlistYear = isVeteran ? Math.max(y + 18, thisYear - age + 18) : null;
    const serviceYears = 2 + Math.floor(r() * 14);
    const dischargeYear = enlistYear ? Math.min(enlistYear + serviceYears, thisYear) : null;
    const disabled = care.has('disabledVeteran') || care.has('disabledMilitia');
    const situations: Record<string, { level: string; note: string }> = {};
    const filled = Math.floor(r() * 8);
    for (const k of situationKeys.slice(0, filled)) situations[k] = { level: pick(r, Object.keys(situationLevels[k])), note: '' };
    const phone = r() < 0.85 ? `1${pick(r, ['3', '5', '8', '7', '9'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null;
    const status = r() < 0.9 ? 'registered' : r() < 0.5 ? 'pending' : r() < 0.6 ? 'draft' : 'returned';
    const deceased = age > 85 && r() < 0.1;
    let household: HouseholdTable | null = null;
    let householdId: string | null = null;
    const address = `${unit.villageName}${1 + Math.floor(r() * 120)}号`;
    if (joinFamily) {
      householdId = lastHousehold!.id;
      lastHousehold!.members++;
    } else if (r() < 0.8) {
      householdId = `h${opts.seed.toString(36)}${i.toString(36)}`;
      household = { id: householdId, org_unit_id: unit.id, org_path: unit.path, address, head_recipient_id: `r${opts.seed.toString(36)}${i.toString(36)}`, zero_employment: 0, hardship: r() < 0.04 ? 1 : 0, created_at: opts.at, updated_at: opts.at };
      lastHousehold = { id: householdId, unit, members: 1, address };
    }
    const recipient: RecipientTable = {
      id: `r${opts.seed.toString(36)}${i.toString(36)}`,
      org_unit_id: unit.id,
      org_path: unit.path,
      household_id: householdId,
      status,
      kind: spec.kind,
      name,
      gender: male ? 'male' : 'female',
      ethnicity: r() < 0.97 ? '汉族' : pick(r, ['畲族', '回族', '土家族', '苗族']),
      birth_date: birth,
      id_number_enc: opts.crypto.encrypt(id18),
      id_number_hash: opts.crypto.lookupHash(id18),
      id_number_masked: maskIdNumber(id18),
      phone_enc: phone ? opts.crypto.encrypt(phone) : null,
      phone_hash: phone ? opts.crypto.lookupHash(phone) : null,
      phone_masked: phone ? maskPhone(phone) : null,
      bank_account_enc: isVeteran && r() < 0.5 ? opts.crypto.encrypt(`6217${String(Math.floor(r() * 1e15)).padStart(15, '0')}`) : null,
      political_status: pick(r, ['cpcMember', 'cpcMember', 'masses', 'masses', 'masses', 'cylMember']),
      recipient_group: spec.group,
      care_mask: careMaskOf([...care]),
      enlistment_date: enlistYear ? dayOf(enlistYear, pick(r, [3, 9, 12]), 1) : null,
      discharge_date: dischargeYear ? dayOf(dischargeYear, pick(r, [3, 9, 12]), 1) : null,
      discharge_type: isVeteran ? (spec.group === 'transferredOfficer' ? 'transferred' : spec.group === 'retiredCadre' ? 'retired' : spec.group === 'demobilized' ? 'demobilized' : pick(r, ['selfEmployed', 'selfEmployed', 'assignedJob', 'discharged', 'monthlyPension'])) : null,
      branch: isVeteran ? pick(r, ['army', 'army', 'army', 'navy', 'airForce', 'rocketForce', 'armedPolice']) : null,
      last_unit: isVeteran ? `${pick(r, ['陆军第', '武警第', '海军第', '空军第'])}${10 + Math.floor(r() * 80)}集团军某部` : '',
      rank: isVeteran ? pick(r, ['上等兵', '下士', '中士', '上士', '四级军士长', '中尉', '上尉', '少校']) : '',
      disability_grade: disabled ? 1 + Math.floor(r() * 10) : null,
      disability_cause: disabled ? pick(r, ['war', 'duty', 'duty', 'illness']) : null,
      disability_cert_enc: disabled ? opts.crypto.encrypt(`浙残军${String(Math.floor(r() * 1e6)).padStart(6, '0')}`) : null,
      medical_enc: null,
      education: pick(r, ['juniorHigh', 'juniorHigh', 'seniorHigh', 'vocational', 'juniorCollege', 'bachelor', 'primary']),
      employment_status: age >= 60 ? pick(r, ['retired', 'retired', 'unableToWork', 'unemployed']) : pick(r, ['employed', 'employed', 'employed', 'selfEmployed', 'unemployed', 'student']),
      skills: r() < 0.3 ? pick(r, ['驾驶', '电工', '厨师', '安保', '电脑维修', '种植养殖', '焊工']) : '',
      merits: JSON.stringify(isVeteran && r() < 0.12 ? [{ name: r() < 0.2 ? '二等功' : '三等功', level: r() < 0.2 ? 'second' : 'third', year: enlistYear ? enlistYear + 1 : null }] : []),
      situations: JSON.stringify(situations),
      situations_filled: filled,
      family_members: '[]',
      deceased_soldier: spec.kind !== 'veteran' && spec.kind !== 'militaryFamily' ? JSON.stringify({ name: pick(r, SURNAMES) + pick(r, MALE), deathDate: dayOf(thisYear - Math.floor(r() * 50) - 1, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)), deathKind: spec.kind === 'martyrSurvivor' ? 'martyr' : spec.kind === 'dutyDeathSurvivor' ? 'dutyDeath' : 'illnessDeath', certificateNo: '', relation: pick(r, ['父亲', '母亲', '配偶', '子女']) }) : null,
      certificates: '[]',
      household_address: `浙江省安吉县${address}`,
      current_address: `浙江省安吉县${address}`,
      notes: '',
      lunar_birthday: age >= 70 && r() < 0.4 ? 1 : 0,
      deceased: deceased ? 1 : 0,
      death_date: deceased ? dayOf(thisYear - 1, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)) : null,
      merged_into: null,
      version: 1,
      created_by: opts.createdBy,
      created_at: opts.at,
      updated_at: opts.at,
      registered_at: status === 'registered' ? opts.at : null,
    };
    yield { recipient, household, tokens: tokensOf(name) };
  }
}

export { careCategories };
