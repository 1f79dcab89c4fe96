// Registry rules: collection with county review, versioned edits (identity, category and
// disability changes go back through review), privacy (encrypted, masked, audited reveals),
// transfers, deaths, duplicates and merges.
import { placedAt, unitForWrite, unitForWriteUnscoped, unitOfRecordForWrite, type StoredUnit } from '../../platform/stored-unit.repo';
import { hasPermission } from '../../../shared/permissions';
import { parseIdNumber, maskIdNumber, ageOn } from '../../../shared/rules/id-number';
import { parsePhone, maskPhone } from '../../../shared/rules/phone';
import { queryTokens } from '../../../shared/rules/name-search';
import { maskMiddle } from '../../../shared/rules/mask';
import { shanghaiDay } from '../../../shared/rules/dates';
import { shiftDay } from '../../../shared/rules/calendar';
import {
  branchLabels,
  careCategories,
  careCategoryLabels,
  careListOf,
  careMaskOf,
  homeServiceListOf,
  homeServiceMaskOf,
  homeServiceReasonLabels,
  homeServiceReasons,
  certificateKindLabels,
  disabilityCauseLabels,
  dischargeTypeLabels,
  educationLabels,
  employmentStatusLabels,
  meritLevelLabels,
  politicalStatusLabels,
  recipientGroupLabels,
  recipientKindLabels,
  situationLabels,
  situationLevels,
  reviewedFields,
  sensitiveFieldLabels,
  situationKeys,
  recipientCreate,
  type RecipientCreate,
  type RecipientDetail,
  type RecipientListItem,
  type RecipientListQuery,
  type RecipientUpdate,
  type SensitiveField,
  recipientFieldLabels,
} from '../../../shared/schemas/recipients';
import { systemDb } from '../../db/system';
import { transaction, type Tx } from '../../db/transaction';
import type { RecipientTable } from '../../db/types';
import { appendAudit, auditAction } from '../../platform/audit.repo';
import type { AuthContext } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pathInScope, type Scope } from '../../platform/jurisdiction';
import { openCase, performAction, readableCaseTypes, toCaseDto } from '../../cases/cases.service';
import { listCases, openCaseTypesOfSubjectUnscoped } from '../../cases/cases.repo';
import { caseTypeOf } from '../../cases/case-type';
import { collectionReview, editReview, transfer } from './recipients.cases';
import { publish } from '../../platform/events';
import { recipientDied, recipientsMerged, recipientsRegistered } from './recipients.events';
import {
  ancestorAtLevelUnscoped,
  duplicatePairs,
  getRecipients,
  findByIdHashUnscoped,
  getFile,
  getHousehold,
  getRecipient,
  householdMembers,
  insertFile,
  insertHousehold,
  insertRecipient,
  insertVersionUnscoped,
  listFiles,
  listRecipients,
  listVersions,
  mergeRecipients,
  syncNameTokensUnscoped,
  setHouseholdHead,
  unitPathByIdUnscoped,
  updateRecipient,
  insertImportedBatch,
  IMPORTED,
  type ImportedCounts,
  type ImportedTokens,
  type ImportedRecipient,
  type RecipientRow,
  type RecipientListRow,
} from './recipients.repo';
import { unitLabelsOf } from '../../../shared/rules/unit-labels';
import type { AuditAction } from '../../../shared/schemas/audit-logs';

// the registry's case types register themselves when this module loads
void collectionReview;
void transfer;

type Ip = string | null;

// ---- mapping ----

const fieldLabels: Record<string, string> = recipientFieldLabels;

/** input field → stored columns */
const columnsOf: Record<string, (keyof RecipientTable)[]> = {
  name: ['name'],
  idNumber: ['id_number_enc', 'id_number_hash', 'id_number_masked', 'birth_date', 'gender'],
  ethnicity: ['ethnicity'],
  kind: ['kind'],
  phone: ['phone_enc', 'phone_hash', 'phone_masked'],
  politicalStatus: ['political_status'],
  recipientGroup: ['recipient_group'],
  careCategories: ['care_mask'],
  enlistmentDate: ['enlistment_date'],
  dischargeDate: ['discharge_date'],
  dischargeType: ['discharge_type'],
  branch: ['branch'],
  lastUnit: ['last_unit'],
  rank: ['rank'],
  disabilityGrade: ['disability_grade'],
  disabilityCause: ['disability_cause'],
  disabilityCert: ['disability_cert_enc'],
  medicalDetails: ['medical_enc'],
  bankAccount: ['bank_account_enc'],
  education: ['education'],
  employmentStatus: ['employment_status'],
  skills: ['skills'],
  merits: ['merits'],
  situations: ['situations', 'situations_filled'],
  familyMembers: ['family_members'],
  deceasedSoldier: ['deceased_soldier'],
  certificates: ['certificates'],
  householdAddress: ['household_address'],
  currentAddress: ['current_address'],
  notes: ['notes'],
  lunarBirthday: ['lunar_birthday'],
  homeService: ['home_service'],
};

type Fields = Omit<RecipientCreate, 'orgUnitId' | 'household' | 'homeService'> & { homeService?: RecipientCreate['homeService'] };

function normalizeId(ctx: AppContext, raw: string) {
  const p = parseIdNumber(raw, shanghaiDay(ctx.clock.now()));
  if (!p.ok) throw new AppError(400, 'BAD_ID', p.message, [{ path: 'idNumber', message: p.message }]);
  return p;
}

function normalizePhone(raw: string): string | null {
  if (!raw) return null;
  const p = parsePhone(raw);
  if (!p.ok) throw new AppError(400, 'BAD_PHONE', p.message, [{ path: 'phone', message: p.message }]);
  return p.national;
}

function filledSituations(s: Fields['situations']): number {
  return situationKeys.filter((k) => s[k]?.level).length;
}

type Certificate = Fields['certificates'][number];

/**
 * Certificate numbers (残疾军人证, 烈士证明书 …) identify a person: each number is stored encrypted;
 * the kinds stay readable (glory plaques look for certificate holders by kind).
 */
function encodeCertificates(ctx: AppContext, list: Certificate[]): string {
  return JSON.stringify(list.map((c) => ({ kind: c.kind, numberEnc: ctx.crypto.encrypt(c.number) })));
}

/** Reads the certificates column (numbers encrypted; plain numbers as bulk-generated demo rows may have them). */
function decodeCertificates(ctx: AppContext, stored: string | null | undefined): Certificate[] {
  const list = stored ? (JSON.parse(stored) as { kind: Certificate['kind']; numberEnc?: string; number?: string }[]) : [];
  return list.map((c) => ({ kind: c.kind, number: c.numberEnc ? ctx.crypto.decrypt(c.numberEnc) : (c.number ?? '') }));
}

/** Dates the schema cannot judge alone: none after today, no enlistment before birth. */
function checkDates(ctx: AppContext, input: Omit<Fields, SensitiveField>, birthDate: string): void {
  const today = shanghaiDay(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const errors: { path: string; message: string }[] = [];
  if (input.enlistmentDate && input.enlistmentDate > today) errors.push({ path: 'enlistmentDate', message: '入伍时间不能晚于今天' });
  if (input.enlistmentDate && input.enlistmentDate < birthDate) errors.push({ path: 'enlistmentDate', message: '入伍时间不能早于出生日期' });
  if (input.dischargeDate && input.dischargeDate > today) errors.push({ path: 'dischargeDate', message: '退役时间不能晚于今天' });
  if (input.deceasedSoldier?.deathDate && input.deceasedSoldier.deathDate > today) errors.push({ path: 'deceasedSoldier.deathDate', message: '牺牲（病故）日期不能晚于今天' });
  input.merits.forEach((m, i) => {
    if (m.year !== null && m.year > year) errors.push({ path: `merits.${i}.year`, message: '立功受奖年份不能晚于今年' });
  });
  input.familyMembers.forEach((m, i) => {
    if (m.birthYear !== null && m.birthYear > year) errors.push({ path: `familyMembers.${i}.birthYear`, message: '出生年份不能晚于今年' });
  });
  if (errors.length) throw new AppError(400, 'BAD_DATE', errors[0].message, errors);
}

type SensitiveInput = Partial<Pick<Fields, SensitiveField>>;
type SensitiveColumns = Pick<
  RecipientTable,
  'gender' | 'birth_date' | 'id_number_enc' | 'id_number_hash' | 'id_number_masked' | 'phone_enc' | 'phone_hash' | 'phone_masked' | 'bank_account_enc' | 'disability_cert_enc' | 'medical_enc'
>;
type PlainColumns = Omit<
  RecipientTable,
  keyof SensitiveColumns | 'id' | 'org_unit_id' | 'org_path' | 'household_id' | 'status' | 'merged_into' | 'version' | 'created_by' | 'created_at' | 'updated_at' | 'registered_at' | 'deceased' | 'death_date'
>;

/**
 * The stored columns of the sensitive fields given (encrypted, hashes for lookup); a field left
 * out has no columns here. The ID number brings what derives from it: birth date and gender.
 */
function sensitiveColumns(ctx: AppContext, input: SensitiveInput): Partial<SensitiveColumns> {
  const enc = (v: string) => (v ? ctx.crypto.encrypt(v) : null);
  const out: Partial<SensitiveColumns> = {};
  if (input.idNumber !== undefined) {
    const id = normalizeId(ctx, input.idNumber);
    Object.assign(out, {
      gender: id.gender,
      birth_date: id.birthDate,
      id_number_enc: ctx.crypto.encrypt(id.id18),
      id_number_hash: ctx.crypto.lookupHash(id.id18),
      id_number_masked: maskIdNumber(id.id18),
    });
  }
  if (input.phone !== undefined) {
    const phone = normalizePhone(input.phone);
    Object.assign(out, {
      phone_enc: phone ? ctx.crypto.encrypt(phone) : null,
      phone_hash: phone ? ctx.crypto.lookupHash(phone) : null,
      phone_masked: phone ? maskPhone(phone) : null,
    });
  }
  if (input.bankAccount !== undefined) out.bank_account_enc = enc(input.bankAccount.replace(/\s/g, ''));
  if (input.disabilityCert !== undefined) out.disability_cert_enc = enc(input.disabilityCert);
  if (input.medicalDetails !== undefined) out.medical_enc = enc(input.medicalDetails);
  return out;
}

/** The stored columns of the other fields; dates are checked against the person's birth date. */
function plainColumns(ctx: AppContext, input: Omit<Fields, SensitiveField>, birthDate: string): PlainColumns {
  checkDates(ctx, input, birthDate);
  return {
    kind: input.kind,
    name: input.name,
    ethnicity: input.ethnicity,
    political_status: input.politicalStatus,
    recipient_group: input.recipientGroup,
    care_mask: careMaskOf(input.careCategories),
    enlistment_date: input.enlistmentDate,
    discharge_date: input.dischargeDate,
    discharge_type: input.dischargeType,
    branch: input.branch,
    last_unit: input.lastUnit,
    rank: input.rank,
    disability_grade: input.disabilityGrade,
    disability_cause: input.disabilityCause,
    education: input.education,
    employment_status: input.employmentStatus,
    skills: input.skills,
    merits: JSON.stringify(input.merits),
    situations: JSON.stringify(input.situations),
    situations_filled: filledSituations(input.situations),
    family_members: JSON.stringify(input.familyMembers),
    deceased_soldier: input.deceasedSoldier ? JSON.stringify(input.deceasedSoldier) : null,
    certificates: encodeCertificates(ctx, input.certificates),
    household_address: input.householdAddress,
    current_address: input.currentAddress,
    notes: input.notes,
    lunar_birthday: input.lunarBirthday ? 1 : 0,
    // an edit that does not send the mark keeps it
    ...(input.homeService !== undefined && { home_service: homeServiceMaskOf(input.homeService) }),
  };
}

/** The stored columns for a full input (a new record: every field). */
function columnsFromInput(ctx: AppContext, input: Fields): PlainColumns & SensitiveColumns {
  const sensitive = sensitiveColumns(ctx, input) as SensitiveColumns;
  return { ...plainColumns(ctx, input, sensitive.birth_date), ...sensitive };
}

/** A human-readable value of a field from a stored row, for the history screen (sensitive ones masked, codes as labels). */
function shownValue(ctx: AppContext, row: Partial<RecipientTable>, field: string): string {
  const label = (labels: Record<string, string>, v: string | null | undefined) => (v ? (labels[v] ?? v) : '');
  const json = <T>(v: string | null | undefined, d: T): T => (v ? (JSON.parse(v) as T) : d);
  switch (field) {
    case 'idNumber':
      return row.id_number_masked ?? '';
    case 'phone':
      return row.phone_masked ?? '';
    case 'bankAccount':
    case 'disabilityCert':
    case 'medicalDetails':
      return '（敏感信息）';
    case 'careCategories':
      return careListOf(row.care_mask ?? 0)
        .map((c) => careCategoryLabels[c])
        .join('、');
    case 'recipientGroup':
      return label(recipientGroupLabels, row.recipient_group);
    case 'kind':
      return label(recipientKindLabels, row.kind);
    case 'disabilityCause':
      return label(disabilityCauseLabels, row.disability_cause);
    case 'dischargeType':
      return label(dischargeTypeLabels, row.discharge_type);
    case 'branch':
      return label(branchLabels, row.branch);
    case 'politicalStatus':
      return label(politicalStatusLabels, row.political_status);
    case 'education':
      return label(educationLabels, row.education);
    case 'employmentStatus':
      return label(employmentStatusLabels, row.employment_status);
    case 'lunarBirthday':
      return row.lunar_birthday ? '是' : '否';
    case 'homeService':
      return homeServiceListOf(row.home_service ?? 0)
        .map((c) => homeServiceReasonLabels[c])
        .join('、');
    case 'certificates':
      // the kinds only: the numbers are sensitive
      return decodeCertificates(ctx, row.certificates)
        .map((c) => certificateKindLabels[c.kind])
        .join('、');
    case 'merits':
      return json<{ name: string; level: keyof typeof meritLevelLabels; year: number | null }[]>(row.merits, [])
        .map((m) => `${m.name}（${meritLevelLabels[m.level]}${m.year ? `，${m.year}年` : ''}）`)
        .join('、');
    case 'familyMembers':
      return json<{ name: string; relation: string }[]>(row.family_members, [])
        .map((m) => `${m.relation} ${m.name}`)
        .join('、');
    case 'situations': {
      const v = json<Record<string, { level: string | null; note: string } | undefined>>(row.situations, {});
      return Object.entries(situationLabels)
        .flatMap(([k, l]) => {
          const x = v[k];
          if (!x?.level && !x?.note) return [];
          const level = x.level ? (situationLevels[k as keyof typeof situationLevels][x.level] ?? x.level) : '';
          return [`${l}：${[level, x.note].filter(Boolean).join('，')}`];
        })
        .join('；');
    }
    case 'deceasedSoldier':
      return json<{ name: string } | null>(row.deceased_soldier, null)?.name ?? '';
    default: {
      const col = columnsOf[field]?.[0];
      const v = col ? row[col] : undefined;
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/**
 * Which fields differ between a stored row and new columns (comparing plaintext of encrypted ones).
 * A field without columns in `next` (a sensitive field the edit left out) is unchanged.
 */
function changedFields(ctx: AppContext, old: RecipientTable, next: Partial<RecipientTable>): string[] {
  const dec = (v: string | null) => (v ? ctx.crypto.decrypt(v) : '');
  const out: string[] = [];
  for (const [field, cols] of Object.entries(columnsOf)) {
    if (!cols.some((c) => c in next)) continue;
    let differs: boolean;
    if (field === 'idNumber') differs = old.id_number_hash !== next.id_number_hash;
    else if (field === 'phone') differs = (old.phone_hash ?? null) !== (next.phone_hash ?? null);
    else if (cols[0].endsWith('_enc')) differs = dec(old[cols[0]] as string | null) !== dec((next[cols[0]] as string | null) ?? null);
    else if (field === 'certificates') differs = JSON.stringify(decodeCertificates(ctx, old.certificates)) !== JSON.stringify(decodeCertificates(ctx, next.certificates));
    else differs = String(old[cols[0]] ?? '') !== String(next[cols[0]] ?? '');
    if (differs) out.push(field);
  }
  return out;
}

/** A list row as the list shows it; `orgUnitName` the unit's label when the caller has made one. */
export function toListItem(r: RecipientListRow, today: string, orgUnitName: string = r.org_unit_name): RecipientListItem {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender as 'male' | 'female',
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, r.deceased && r.death_date ? r.death_date : today),
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    orgUnitId: r.org_unit_id,
    orgUnitName,
    kind: r.kind as RecipientListItem['kind'],
    recipientGroup: r.recipient_group as RecipientListItem['recipientGroup'],
    careCategories: careListOf(r.care_mask),
    dischargeType: r.discharge_type as RecipientListItem['dischargeType'],
    employmentStatus: r.employment_status as RecipientListItem['employmentStatus'],
    disabilityGrade: r.disability_grade,
    status: r.status as RecipientListItem['status'],
    deceased: r.deceased === 1,
    situationsFilled: r.situations_filled,
    homeService: homeServiceListOf(r.home_service ?? 0),
  };
}

// ---- reads ----

export async function requireRecipient(ctx: AppContext, auth: AuthContext, id: string, db: Tx = ctx.db): Promise<RecipientRow> {
  const r = await getRecipient(auth.scope, db, id);
  if (!r) throw notFound('服务对象');
  return r;
}

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/**
 * The last birth date of someone aged at least `age` (周岁) on `today`, consistent with ageOn:
 * a person born on 29 February turns N on 28 February in a common year (民法典 Art. 202).
 */
export function latestBirthForAge(today: string, age: number): string {
  const year = Number(today.slice(0, 4));
  const y = year - age;
  const yy = String(y).padStart(4, '0');
  const md = today.slice(5);
  if (md === '02-29' && !isLeapYear(y)) return `${yy}-02-28`;
  if (md === '02-28' && !isLeapYear(year) && isLeapYear(y)) return `${yy}-02-29`;
  return `${yy}-${md}`;
}

export async function searchRecipients(ctx: AppContext, auth: AuthContext, q: RecipientListQuery) {
  const today = shanghaiDay(ctx.clock.now());
  let unitPath: string | undefined;
  let unitKeyPath: string | undefined;
  if (q.orgUnitId) {
    const u = await unitPathByIdUnscoped(ctx.db, q.orgUnitId);
    if (!u || !pathInScope(auth.scope, u.path)) throw notFound('单位');
    unitPath = u.path;
    unitKeyPath = u.key_path;
  }
  let idNumberHash: string | undefined;
  if (q.idNumber) {
    const p = parseIdNumber(q.idNumber);
    if (!p.ok) throw new AppError(400, 'BAD_ID', p.message, [{ path: 'idNumber', message: p.message }]);
    idNumberHash = ctx.crypto.lookupHash(p.id18);
  }
  let phoneHash: string | undefined;
  if (q.phone) phoneHash = ctx.crypto.lookupHash(normalizePhone(q.phone)!);
  const tokens = q.q ? queryTokens(q.q) : undefined;
  if (q.q && tokens && tokens.length === 0) throw badRequest('请输入姓名中的汉字或拼音首字母');
  const r = await listRecipients(auth.scope, ctx.db, {
    tokens,
    idNumberHash,
    phoneHash,
    unitPath,
    unitKeyPath,
    status: q.status,
    kind: q.kind,
    group: q.group,
    careBit: q.care ? 1 << careCategories.indexOf(q.care) : undefined,
    priorityCare: q.priorityCare === undefined ? undefined : q.priorityCare === 'true',
    dischargeType: q.dischargeType,
    employment: q.employment,
    disabilityGrade: q.disabilityGrade,
    // aged at least N: born on or before latestBirthForAge(N); at most M: born after latestBirthForAge(M + 1)
    bornFrom: q.ageMax !== undefined ? shiftDay(latestBirthForAge(today, q.ageMax + 1), 1) : undefined,
    bornTo: q.ageMin !== undefined ? latestBirthForAge(today, q.ageMin) : undefined,
    deceased: q.deceased === undefined ? undefined : q.deceased === 'true',
    homeServiceBit: q.homeService === undefined ? undefined : q.homeService === 'any' ? 0 : 1 << homeServiceReasons.indexOf(q.homeService),
    sort: q.sort ?? (tokens ? 'name' : 'unit'),
    page: q.page,
    pageSize: q.pageSize,
    // a list of a whole range (no filter) takes its total from the roll-ups instead of counting
    countFromRollup: isWholeRange(q) ? (q.orgUnitId ?? auth.unit.id) : undefined,
  });
  // the units' labels from what the page read with its rows (no statement of their own)
  const labels = unitLabelsOf(r.items.map((x) => ({ id: x.org_unit_id, name: x.org_unit_name, level: x.org_unit_level, parentName: x.org_unit_parent_name })));
  return { ...r, items: r.items.map((x) => toListItem(x, today, labels.get(x.org_unit_id) || x.org_unit_name)), page: q.page, pageSize: q.pageSize };
}

function isWholeRange(q: RecipientListQuery): boolean {
  const filters: (keyof RecipientListQuery)[] = ['q', 'idNumber', 'phone', 'status', 'kind', 'group', 'care', 'priorityCare', 'dischargeType', 'employment', 'disabilityGrade', 'ageMin', 'ageMax', 'deceased', 'homeService'];
  return filters.every((k) => q[k] === undefined || q[k] === '');
}

export async function recipientDetail(ctx: AppContext, auth: AuthContext, id: string): Promise<RecipientDetail> {
  const r = await requireRecipient(ctx, auth, id);
  const today = shanghaiDay(ctx.clock.now());
  const ancestors = r.org_path.split('/').filter(Boolean);
  const pathUnits = await Promise.all(ancestors.map((aid) => unitPathByIdUnscoped(ctx.db, aid)));
  const household = r.household_id ? await getHousehold(auth.scope, ctx.db, r.household_id) : undefined;
  const members = household ? await householdMembers(auth.scope, ctx.db, household.id) : [];
  const documents = await listFiles(auth.scope, ctx.db, 'recipient', r.id);
  const open = await listCases(auth.scope, ctx.db, { subjectId: r.id, types: readableCaseTypes(auth), open: true, page: 1, pageSize: 20 });
  const parse = <T>(s: string | null, d: T): T => (s ? (JSON.parse(s) as T) : d);
  const mayReveal = hasPermission(auth.roles, 'sensitive:reveal');
  return {
    ...toListItem(r, today),
    version: r.version,
    ethnicity: r.ethnicity,
    politicalStatus: r.political_status as RecipientDetail['politicalStatus'],
    enlistmentDate: r.enlistment_date,
    dischargeDate: r.discharge_date,
    branch: r.branch as RecipientDetail['branch'],
    lastUnit: r.last_unit ?? '',
    rank: r.rank ?? '',
    disabilityCause: r.disability_cause as RecipientDetail['disabilityCause'],
    hasDisabilityCert: !!r.disability_cert_enc,
    hasMedicalDetails: !!r.medical_enc,
    bankAccountMasked: r.bank_account_enc ? '****' + ctx.crypto.decrypt(r.bank_account_enc).slice(-4) : null,
    education: r.education as RecipientDetail['education'],
    skills: r.skills,
    merits: parse(r.merits, []),
    situations: parse(r.situations, {}),
    familyMembers: parse(r.family_members, []),
    // certificate numbers in clear only for roles that may reveal (a 残疾军人证 number is the disability certificate)
    deceasedSoldier: ((d: RecipientDetail['deceasedSoldier']) => (d && !mayReveal ? { ...d, certificateNo: maskMiddle(d.certificateNo, 0, 4) } : d))(parse(r.deceased_soldier, null)),
    certificates: decodeCertificates(ctx, r.certificates).map((c) => (mayReveal ? c : { ...c, number: maskMiddle(c.number, 0, 4) })),
    householdAddress: r.household_address,
    currentAddress: r.current_address,
    notes: r.notes,
    lunarBirthday: r.lunar_birthday === 1,
    deathDate: r.death_date,
    orgUnitPath: pathUnits.filter((u): u is NonNullable<typeof u> => !!u).map((u) => ({ id: u.id, name: u.name })),
    household: household
      ? {
          id: household.id,
          address: household.address,
          headRecipientId: household.head_recipient_id,
          // the head first, then the others in the order they were registered
          members: [...members.filter((m) => m.id === household.head_recipient_id), ...members.filter((m) => m.id !== household.head_recipient_id)].map((m) => ({ id: m.id, name: m.name, kind: m.kind as RecipientDetail['kind'], isHead: m.id === household.head_recipient_id })),
        }
      : null,
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, name: d.name, mime: d.mime, size: d.size, createdAt: d.created_at })),
    openCases: open.items.map((c) => {
      const dto = toCaseDto(c);
      return { id: dto.id, type: dto.type, typeLabel: dto.typeLabel, statusLabel: dto.statusLabel };
    }),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    registeredAt: r.registered_at,
  };
}

export async function recipientHistory(ctx: AppContext, auth: AuthContext, id: string) {
  await requireRecipient(ctx, auth, id);
  const rows = await listVersions(auth.scope, ctx.db, id);
  return {
    items: rows.map((v) => ({
      version: v.version,
      at: v.at,
      actorName: v.actor_name,
      kind: v.kind,
      changes: JSON.parse(v.changes) as { field: string; label: string; from: string; to: string }[],
      caseId: v.case_id,
    })),
  };
}

// ---- writes ----

async function audit(trx: Tx, ctx: AppContext, auth: AuthContext, action: AuditAction, targetId: string, ip: Ip, detail?: string): Promise<void> {
  await auditAction(trx, ctx, auth, action, 'recipient', targetId, ip, detail);
}

/** Tells, without revealing another unit's record, whether an ID number is registered. */
export async function checkIdNumber(ctx: AppContext, auth: AuthContext, raw: string) {
  const p = normalizeId(ctx, raw);
  const hit = await findByIdHashUnscoped(systemDb(ctx.db), ctx.crypto.lookupHash(p.id18));
  if (!hit) return { status: 'new' as const, birthDate: p.birthDate, gender: p.gender };
  if (pathInScope(auth.scope, hit.org_path)) return { status: 'inScope' as const, recipientId: hit.id, name: hit.name };
  return { status: 'elsewhere' as const, message: '该公民身份号码已在其他单位登记，可申请迁入' };
}

export async function createRecipient(ctx: AppContext, auth: AuthContext, input: RecipientCreate, ip: Ip) {
  const unitBefore = await unitPathByIdUnscoped(ctx.db, input.orgUnitId);
  if (!unitBefore || !pathInScope(auth.scope, unitBefore.path)) throw notFound('单位');
  if (!['county', 'township', 'village', 'grid'].includes(unitBefore.level)) throw badRequest('服务对象须登记在县、乡镇、村或网格');
  const cols = columnsFromInput(ctx, input);
  const existing = await findByIdHashUnscoped(systemDb(ctx.db), cols.id_number_hash);
  if (existing) {
    if (pathInScope(auth.scope, existing.org_path)) throw new AppError(409, 'DUPLICATE_ID', `该公民身份号码已登记（${existing.name}），请勿重复录入`, [{ path: 'idNumber', message: '已登记' }]);
    throw new AppError(409, 'REGISTERED_ELSEWHERE', '该公民身份号码已在其他单位登记，可申请迁入', [{ path: 'idNumber', message: '已在其他单位登记' }]);
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  await transaction(ctx.db, async (trx) => {
    const unit = await unitForWrite(trx, ctx.dialect, auth.scope, input.orgUnitId);
    let householdId: string | null = null;
    if (input.household.mode === 'join') {
      const h = await getHousehold(auth.scope, trx, input.household.householdId);
      if (!h) throw notFound('家庭户');
      householdId = h.id;
    } else if (input.household.mode === 'new') {
      householdId = newId(now.getTime());
      await insertHousehold(auth.scope, trx, {
        id: householdId,
        org_unit_id: unit.id,
        org_path: unit.path,
        address: input.household.address || input.currentAddress || input.householdAddress,
        head_recipient_id: null,
        zero_employment: 0,
        hardship: 0,
        created_at: at,
        updated_at: at,
      });
    }
    try {
      await insertRecipient(auth.scope, trx, draftRow(id, unit, householdId, cols, auth.userId, at));
    } catch (e) {
      // the unique index on the ID hash: someone registered the same person a moment ago
      if (String((e as Error).message).match(/unique|duplicate/i)) throw new AppError(409, 'DUPLICATE_ID', '该公民身份号码已登记', [{ path: 'idNumber', message: '已登记' }]);
      throw e;
    }
    if (householdId) await setHouseholdHead(auth.scope, trx, householdId, id, at);
    await syncNameTokensUnscoped(trx, id, null, { name: input.name, org_path: unit.path });
    await insertVersionUnscoped(trx, { id: newId(), recipient_id: id, version: 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'created', changes: '[]', case_id: null });
    await audit(trx, ctx, auth, 'recipient.create', id, ip, `${unit.name} ${input.name}`);
  });
  return recipientDetail(ctx, auth, id);
}

/** A new record's row: a collection record 信息采集 (draft, version 1) of `unit`. */
function draftRow(id: string, unit: StoredUnit, householdId: string | null, cols: ReturnType<typeof columnsFromInput>, createdBy: string, at: string) {
  return {
    id,
    org_unit_id: unit.id,
    org_path: unit.path,
    household_id: householdId,
    status: 'draft',
    ...cols,
    deceased: 0,
    death_date: null,
    merged_into: null,
    version: 1,
    created_by: createdBy,
    created_at: at,
    updated_at: at,
    registered_at: null,
  };
}

/**
 * Starts a collection record 信息采集 (a 'draft' recipient) inside the caller's transaction, for a
 * person the registry does not know yet who applies for a service (SPEC §2: never a free-text
 * name). Name, ID number and phone only, encrypted as every record is; kind and group are a
 * veteran's and a discharged soldier's until the worker completes the form and submits it for
 * 信息采集审核. The unit must be in `auth`'s range (unitForWrite); a known ID number is 409.
 */
export async function startCollectionIn(
  ctx: AppContext,
  auth: AuthContext,
  trx: Tx,
  input: { orgUnitId: string; name: string; idNumber: string; phone: string; notes: string },
  ip: Ip,
): Promise<{ id: string; unitId: string; unitPath: string }> {
  const parsed = recipientCreate.safeParse({ kind: 'veteran', recipientGroup: 'dischargedSoldier', orgUnitId: input.orgUnitId, name: input.name, idNumber: input.idNumber, phone: input.phone, notes: input.notes });
  if (!parsed.success) throw badRequest(`信息采集：${parsed.error.issues[0]?.message ?? '信息不完整'}`);
  const fields = parsed.data;
  const cols = columnsFromInput(ctx, fields);
  if (await findByIdHashUnscoped(trx, cols.id_number_hash)) throw new AppError(409, 'DUPLICATE_ID', '该公民身份号码已登记，请勿重复采集', [{ path: 'idNumber', message: '已登记' }]);
  const unit = await unitForWrite(trx, ctx.dialect, auth.scope, input.orgUnitId);
  const at = ctx.clock.now().toISOString();
  const id = newId(ctx.clock.now().getTime());
  await insertRecipient(auth.scope, trx, draftRow(id, unit, null, cols, auth.userId, at));
  await syncNameTokensUnscoped(trx, id, null, { name: fields.name, org_path: unit.path });
  await insertVersionUnscoped(trx, { id: newId(), recipient_id: id, version: 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'created', changes: '[]', case_id: null });
  await audit(trx, ctx, auth, 'recipient.create', id, ip, `${unit.name} ${fields.name}（信息采集）`);
  return { id, unitId: unit.id, unitPath: unit.path };
}

export async function updateRecipientRecord(ctx: AppContext, auth: AuthContext, id: string, input: RecipientUpdate, ip: Ip) {
  const r = await requireRecipient(ctx, auth, id);
  if (input.version !== r.version) throw conflict('该记录已被他人修改，请刷新后再编辑（您的修改未保存）');
  if (r.status === 'pending') throw new AppError(409, 'PENDING_REVIEW', '记录正在县级审核中，审核完成前不能修改');
  // sensitive fields only as sent: the others (and the ID number's birth date) stay as stored
  const sensitive = sensitiveColumns(ctx, input);
  const cols = { ...plainColumns(ctx, input, sensitive.birth_date ?? r.birth_date), ...sensitive };
  if (cols.id_number_hash !== undefined && cols.id_number_hash !== r.id_number_hash) {
    const other = await findByIdHashUnscoped(systemDb(ctx.db), cols.id_number_hash);
    if (other && other.id !== r.id) throw new AppError(409, 'DUPLICATE_ID', '该公民身份号码已被其他记录使用', [{ path: 'idNumber', message: '已登记' }]);
  }
  const changed = changedFields(ctx, r, cols);
  if (changed.length === 0) return { detail: await recipientDetail(ctx, auth, id), reviewCaseId: null };
  const reviewed = r.status === 'registered' ? changed.filter((f) => (reviewedFields as readonly string[]).includes(f)) : [];
  const direct = changed.filter((f) => !reviewed.includes(f));
  const at = ctx.clock.now().toISOString();
  const pick = (fields: string[]) => Object.fromEntries(fields.flatMap((f) => columnsOf[f].map((c) => [c, cols[c as keyof typeof cols]]))) as Partial<RecipientTable>;
  const describe = (fields: string[], next: Partial<RecipientTable>) => fields.map((f) => ({ field: f, label: fieldLabels[f] ?? f, from: shownValue(ctx, r, f), to: shownValue(ctx, { ...r, ...next }, f) }));
  let reviewCaseId: string | null = null;
  await transaction(ctx.db, async (trx) => {
    if (reviewed.length) {
      const open = await listCases(auth.scope, trx, { subjectId: id, type: 'edit-review', open: true, page: 1, pageSize: 1 });
      if (open.items.length) throw new AppError(409, 'EDIT_PENDING', '该记录已有待审核的变更，审核完成后再修改身份、类别或伤残信息');
    }
    const directPatch = pick(direct);
    const n = await updateRecipient(auth.scope, trx, id, r.version, { ...directPatch, updated_at: at });
    if (n !== 1) throw conflict('该记录已被他人修改，请刷新后再编辑（您的修改未保存）');
    if (direct.length) {
      await insertVersionUnscoped(trx, { id: newId(), recipient_id: id, version: r.version + 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'edit', changes: JSON.stringify(describe(direct, directPatch)), case_id: null });
      if (direct.includes('name')) {
        // the stored name (the version check held it) at the unit's current path, read under the tree lock
        const { path } = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', id);
        await syncNameTokensUnscoped(trx, id, { name: r.name, org_path: path }, { name: String(directPatch.name), org_path: path });
      }
    }
    if (reviewed.length) {
      const owner = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', id);
      const county = await ancestorAtLevelUnscoped(trx, owner.path, 'county');
      const reviewPatch = pick(reviewed);
      reviewCaseId = await openCase(trx, ctx, auth, {
        type: editReview.type,
        owner,
        counterpart: county ? await unitForWriteUnscoped(trx, ctx.dialect, county.id) : null,
        subject: { type: 'recipient', id },
        title: `${r.name}：${reviewed.map((f) => fieldLabels[f]).join('、')}变更`,
        payload: { recipientId: id, name: r.name, patch: reviewPatch as Record<string, string | number | null>, changes: describe(reviewed, reviewPatch), baseVersion: r.version + 1 },
        status: 'pending',
        action: 'propose',
      });
    }
    await audit(trx, ctx, auth, 'recipient.update', id, ip, JSON.stringify({ direct, reviewed }));
  });
  return { detail: await recipientDetail(ctx, auth, id), reviewCaseId };
}

export async function submitRecipient(ctx: AppContext, auth: AuthContext, id: string, body: { version: number; comment: string }, ip: Ip) {
  const r = await requireRecipient(ctx, auth, id);
  if (body.version !== r.version) throw conflict('该记录已被他人修改，请刷新后再提交');
  if (r.status === 'returned') {
    const open = await listCases(auth.scope, ctx.db, { subjectId: id, type: 'collection-review', open: true, page: 1, pageSize: 1 });
    const c = open.items[0];
    if (!c) throw conflict('找不到该记录的审核办件');
    await performAction(ctx, auth, c.id, { action: 'resubmit', comment: body.comment, version: c.version }, ip);
    return recipientDetail(ctx, auth, id);
  }
  if (r.status !== 'draft') throw new AppError(409, 'WRONG_STATE', r.status === 'pending' ? '已提交，正在审核中' : '该记录已入库');
  const county = await ancestorAtLevelUnscoped(ctx.db, r.org_path, 'county');
  if (!county) throw badRequest('找不到负责审核的县级服务中心');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateRecipient(auth.scope, trx, id, r.version, { status: 'pending', updated_at: at });
    if (n !== 1) throw conflict('该记录已被他人修改，请刷新后再提交');
    await openCase(trx, ctx, auth, {
      type: 'collection-review',
      owner: await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', id),
      counterpart: await unitForWriteUnscoped(trx, ctx.dialect, county.id),
      subject: { type: 'recipient', id },
      title: `${r.name}（${r.org_unit_name}）信息采集`,
      payload: { recipientId: id, name: r.name },
      status: 'pending',
      action: 'submit',
      comment: body.comment,
    });
    await audit(trx, ctx, auth, 'recipient.submit', id, ip);
  });
  return recipientDetail(ctx, auth, id);
}

export async function revealField(ctx: AppContext, auth: AuthContext, id: string, field: SensitiveField, ip: Ip) {
  if (!hasPermission(auth.roles, 'sensitive:reveal')) throw forbidden('没有查看敏感信息的权限');
  const r = await requireRecipient(ctx, auth, id);
  const col = { idNumber: r.id_number_enc, phone: r.phone_enc, bankAccount: r.bank_account_enc, disabilityCert: r.disability_cert_enc, medicalDetails: r.medical_enc }[field];
  const value = col ? ctx.crypto.decrypt(col) : '';
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'recipient.reveal', id, ip, sensitiveFieldLabels[field]));
  return { field, value };
}

export async function recordDeath(ctx: AppContext, auth: AuthContext, id: string, body: { deathDate: string; version: number; note: string }, ip: Ip) {
  const r = await requireRecipient(ctx, auth, id);
  if (r.deceased) throw new AppError(409, 'ALREADY_DECEASED', '已登记去世');
  const today = shanghaiDay(ctx.clock.now());
  if (body.deathDate > today) throw badRequest('去世日期不能晚于今天', [{ path: 'deathDate', message: '不能晚于今天' }]);
  if (body.deathDate < r.birth_date) throw badRequest('去世日期不能早于出生日期', [{ path: 'deathDate', message: '不能早于出生日期' }]);
  if (body.version !== r.version) throw conflict('该记录已被他人修改，请刷新后再操作');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const n = await updateRecipient(auth.scope, trx, id, r.version, { deceased: 1, death_date: body.deathDate, updated_at: at });
    if (n !== 1) throw conflict('该记录已被他人修改，请刷新后再操作');
    await insertVersionUnscoped(trx, { id: newId(), recipient_id: id, version: r.version + 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'death', changes: JSON.stringify([{ field: 'deathDate', label: '去世日期', from: '', to: body.deathDate }]), case_id: null });
    // subscribers (visits: open owed visits cancelled, a veteran's death owes a visit to the family)
    await publish(trx, ctx, recipientDied, { recipient: r, deathDate: body.deathDate, at, actorUserId: auth.userId });
    await audit(trx, ctx, auth, 'recipient.death', id, ip, body.note || undefined);
  });
  return recipientDetail(ctx, auth, id);
}

// ---- documents ----

export async function addDocument(ctx: AppContext, auth: AuthContext, id: string, doc: { kind: string; name: string; mime: string; dataBase64: string }, ip: Ip) {
  await requireRecipient(ctx, auth, id);
  const bytes = Buffer.from(doc.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > 3 * 1024 * 1024) throw badRequest('文件不能为空，且不能超过 3 MB');
  const magic = bytes.subarray(0, 4).toString('hex');
  const okMagic = { 'image/jpeg': magic.startsWith('ffd8'), 'image/png': magic === '89504e47', 'image/webp': bytes.subarray(8, 12).toString() === 'WEBP', 'application/pdf': bytes.subarray(0, 4).toString() === '%PDF' }[doc.mime];
  if (!okMagic) throw badRequest('文件内容与类型不符');
  const at = ctx.clock.now().toISOString();
  const fileId = newId();
  await transaction(ctx.db, async (trx) => {
    const unit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', id);
    await insertFile(auth.scope, trx, { id: fileId, ...placedAt(unit), owner_type: 'recipient', owner_id: id, kind: doc.kind, name: doc.name, mime: doc.mime, size: bytes.length, data_enc: ctx.crypto.encrypt(bytes.toString('base64')), created_by: auth.userId, created_at: at });
    await audit(trx, ctx, auth, 'recipient.document-add', id, ip, doc.name);
  });
  return { id: fileId, kind: doc.kind, name: doc.name, mime: doc.mime, size: bytes.length, createdAt: at };
}

export async function readDocument(ctx: AppContext, auth: AuthContext, id: string, fileId: string, ip: Ip) {
  await requireRecipient(ctx, auth, id);
  const f = await getFile(auth.scope, ctx.db, 'recipient', id, fileId);
  if (!f) throw notFound('文件');
  await transaction(ctx.db, (trx) => audit(trx, ctx, auth, 'recipient.document-view', id, ip, f.name));
  return { mime: f.mime, name: f.name, data: Buffer.from(ctx.crypto.decrypt(f.data_enc), 'base64') };
}

// ---- duplicates and merge ----

export async function listDuplicates(ctx: AppContext, auth: AuthContext) {
  const pairs = await duplicatePairs(auth.scope, ctx.db, 200);
  const today = shanghaiDay(ctx.clock.now());
  // both records of every pair in one query (200 pairs were 400 queries)
  const byId = new Map((await getRecipients(auth.scope, ctx.db, [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))])).map((r) => [r.id, r]));
  const items = [];
  for (const p of pairs) {
    const a = byId.get(p.a_id);
    const b = byId.get(p.b_id);
    if (a && b) items.push({ a: toListItem(a, today), b: toListItem(b, today), reason: 'nameBirth' as const });
  }
  return { items };
}

export async function mergeDuplicate(ctx: AppContext, auth: AuthContext, fromId: string, intoId: string, ip: Ip) {
  if (fromId === intoId) throw badRequest('不能与自身合并');
  const from = await requireRecipient(ctx, auth, fromId);
  const into = await requireRecipient(ctx, auth, intoId);
  if (from.name !== into.name || from.birth_date !== into.birth_date) throw badRequest('只有姓名和出生日期相同的记录才能合并');
  const at = ctx.clock.now().toISOString();
  await transaction(ctx.db, async (trx) => {
    const open = await openCaseTypesOfSubjectUnscoped(trx, 'recipient', fromId);
    if (open.length) {
      const labels = [...new Set(open.map(caseTypeLabel))].join('、');
      throw new AppError(409, 'OPEN_CASES', `被合并的记录有未办结的办件（${labels}），请办结后再合并`);
    }
    const intoUnit = await unitOfRecordForWrite(trx, ctx.dialect, auth.scope, 'recipients', intoId);
    const n = await mergeRecipients(auth.scope, trx, fromId, { id: intoId, unit: intoUnit }, at);
    if (n !== 1) throw notFound('服务对象');
    await publish(trx, ctx, recipientsMerged, { fromId, into: { id: intoId, unitId: intoUnit.id, path: intoUnit.path }, at, actorUserId: auth.userId });
    await insertVersionUnscoped(trx, { id: newId(), recipient_id: intoId, version: into.version, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'merge', changes: JSON.stringify([{ field: 'merge', label: '合并重复记录', from: `${from.name} ${from.id_number_masked}（${from.org_unit_name}）`, to: `${into.name} ${into.id_number_masked}` }]), case_id: null });
    await audit(trx, ctx, auth, 'recipient.merge', intoId, ip, `merged ${fromId}`);
  });
  return recipientDetail(ctx, auth, intoId);
}

// ---- transfers ----

export async function startTransfer(
  ctx: AppContext,
  auth: AuthContext,
  input: { direction: 'out'; recipientId: string; toUnitId: string; reason: string } | { direction: 'in'; idNumber: string; toUnitId: string; reason: string },
  ip: Ip,
) {
  const to = await unitPathByIdUnscoped(ctx.db, input.toUnitId);
  if (!to || !['county', 'township', 'village', 'grid'].includes(to.level)) throw notFound('接收单位');
  let rec: { id: string; name: string; org_unit_id: string; org_path: string; id_number_masked: string };
  let owner: { id: string };
  let counterpart: { id: string };
  if (input.direction === 'out') {
    const r = await requireRecipient(ctx, auth, input.recipientId);
    // any unit: also one inside the caller's range (a township moving a record between its villages)
    if (to.id === r.org_unit_id) throw badRequest('该服务对象已在接收单位登记');
    if (r.status !== 'registered') throw badRequest('只有已入库的记录可以迁出');
    rec = r;
    owner = { id: r.org_unit_id };
    counterpart = to;
  } else {
    if (!pathInScope(auth.scope, to.path)) throw notFound('接收单位');
    const p = normalizeId(ctx, input.idNumber);
    const hit = await findByIdHashUnscoped(systemDb(ctx.db), ctx.crypto.lookupHash(p.id18));
    if (!hit) throw notFound('该公民身份号码的登记记录');
    if (pathInScope(auth.scope, hit.org_path)) throw badRequest('该服务对象已在本辖区登记');
    rec = { ...hit, id_number_masked: maskIdNumber(p.id18) };
    owner = to;
    counterpart = { id: hit.org_unit_id };
  }
  let caseId = '';
  await transaction(ctx.db, async (trx) => {
    // across units: a transfer another unit started is just as open
    if ((await openCaseTypesOfSubjectUnscoped(trx, 'recipient', rec.id)).includes('transfer')) throw new AppError(409, 'TRANSFER_PENDING', '该服务对象已有进行中的迁移');
    caseId = await openCase(trx, ctx, auth, {
      type: 'transfer',
      // both units as they are now, under the tree lock (the case stores their paths)
      owner: await unitForWriteUnscoped(trx, ctx.dialect, owner.id),
      counterpart: await unitForWriteUnscoped(trx, ctx.dialect, counterpart.id),
      subject: { type: 'recipient', id: rec.id },
      title: input.direction === 'out' ? `${rec.name} 迁出至 ${to.name}` : `迁入申请：${rec.id_number_masked} 迁入 ${to.name}`,
      payload: {
        recipientId: rec.id,
        name: input.direction === 'out' ? rec.name : '',
        idNumberMasked: rec.id_number_masked,
        direction: input.direction,
        fromUnitId: rec.org_unit_id,
        toUnitId: to.id,
        reason: input.reason,
      },
      status: 'waiting',
      action: input.direction === 'out' ? 'start-out' : 'request-in',
      comment: input.reason,
    });
    await appendAudit(trx, { at: ctx.clock.now().toISOString(), userId: auth.userId, username: auth.username, orgUnitId: auth.unit.id, action: `transfer.${input.direction}`, targetType: 'case', targetId: caseId, result: 'success', ip, detail: input.reason });
  });
  return caseId;
}

export function caseTypeLabel(type: string): string {
  return caseTypeOf(type)?.label ?? type;
}

// ---- visits ----

type SituationInput = Partial<Record<(typeof situationKeys)[number], { level: string | null; note: string } | undefined>>;

/**
 * What a visit found, written into the record's seven situations (a level or note given replaces
 * that situation; the others stay) as a version of kind 'visit', in the visit's transaction.
 * Returns whether the record changed.
 */
export async function applyVisitFindingsIn(ctx: AppContext, auth: AuthContext, trx: Tx, recipientId: string, found: SituationInput, visitLabel: string): Promise<boolean> {
  const r = await requireRecipient(ctx, auth, recipientId, trx);
  const current = JSON.parse(r.situations || '{}') as SituationInput;
  const next: SituationInput = { ...current };
  for (const k of situationKeys) {
    const f = found[k];
    if (f && (f.level || f.note)) next[k] = { level: f.level ?? current[k]?.level ?? null, note: f.note || current[k]?.note || '' };
  }
  const patch = { situations: JSON.stringify(next), situations_filled: filledSituations(next as Fields['situations']) };
  if (patch.situations === JSON.stringify(current)) return false;
  const at = ctx.clock.now().toISOString();
  const n = await updateRecipient(auth.scope, trx, recipientId, r.version, { ...patch, updated_at: at });
  if (n !== 1) throw conflict('该服务对象记录刚被他人修改，请重新提交走访记录');
  const changes = [{ field: 'situations', label: `${fieldLabels.situations}（${visitLabel}）`, from: shownValue(ctx, r, 'situations'), to: shownValue(ctx, { ...r, ...patch }, 'situations') }];
  await insertVersionUnscoped(trx, { id: newId(), recipient_id: recipientId, version: r.version + 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'visit', changes: JSON.stringify(changes), case_id: null });
  return true;
}

/**
 * The employment status 就业状况 as the employment module confirms it (its profile form, a hire):
 * `recipients.employment_status` is the one column the registry, its ledger, import, roll-ups and
 * the profile all read. Versioned like any edit, in the caller's transaction; false when unchanged.
 */
export async function setEmploymentStatusIn(ctx: AppContext, auth: AuthContext, trx: Tx, recipientId: string, status: RecipientTable['employment_status'], why: string, kind: 'edit' | 'visit' = 'edit'): Promise<boolean> {
  const r = await requireRecipient(ctx, auth, recipientId, trx);
  if (r.employment_status === status) return false;
  const at = ctx.clock.now().toISOString();
  const patch = { employment_status: status };
  const n = await updateRecipient(auth.scope, trx, recipientId, r.version, { ...patch, updated_at: at });
  if (n !== 1) throw conflict('该服务对象记录刚被他人修改，请刷新后重试');
  const changes = [{ field: 'employmentStatus', label: `${fieldLabels.employmentStatus}（${why}）`, from: shownValue(ctx, r, 'employmentStatus'), to: shownValue(ctx, { ...r, ...patch }, 'employmentStatus') }];
  await insertVersionUnscoped(trx, { id: newId(), recipient_id: recipientId, version: r.version + 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind, changes: JSON.stringify(changes), case_id: null });
  return true;
}

/**
 * Sets the 就业状况 of a family member listed on a record (found by name): e.g. a zero-employment household
 * closed as 上岗再就业 with the member who took up work. Written like an edit (a version row names what
 * changed and why); returns whether anything changed (no such member, or already so: nothing written).
 */
export async function setFamilyMemberEmploymentStatusIn(ctx: AppContext, auth: AuthContext, trx: Tx, recipientId: string, memberName: string, status: NonNullable<RecipientTable['employment_status']>, why: string): Promise<boolean> {
  const r = await requireRecipient(ctx, auth, recipientId, trx);
  const members = (r.family_members ? JSON.parse(r.family_members) : []) as { name: string; employmentStatus?: string | null }[];
  const i = members.findIndex((m) => m.name === memberName);
  if (i < 0 || members[i].employmentStatus === status) return false;
  const before = members[i].employmentStatus;
  const next = members.map((m, k) => (k === i ? { ...m, employmentStatus: status } : m));
  const at = ctx.clock.now().toISOString();
  const n = await updateRecipient(auth.scope, trx, recipientId, r.version, { family_members: JSON.stringify(next), updated_at: at });
  if (n !== 1) throw conflict('该服务对象记录刚被他人修改，请刷新后重试');
  const shown = (v: string | null | undefined) => `${memberName}：${v ? (employmentStatusLabels[v as keyof typeof employmentStatusLabels] ?? v) : '未填'}`;
  const changes = [{ field: 'familyMembers', label: `家庭成员就业状况（${why}）`, from: shown(before), to: shown(status) }];
  await insertVersionUnscoped(trx, { id: newId(), recipient_id: recipientId, version: r.version + 1, at, actor_user_id: auth.userId, actor_name: auth.displayName, kind: 'edit', changes: JSON.stringify(changes), case_id: null });
  return true;
}

// ---- Excel import (the imports module writes through here) ----

/**
 * Writes a batch of imported records in the import's transaction. Records stored as registered
 * (a county reviewer's import) enter the registry like an approved collection does: the same
 * recipientsRegistered event, so visits owes them what it owes an approved person.
 */
export async function insertImportedIn(
  ctx: AppContext,
  scope: Scope,
  trx: Tx,
  batch: ImportedRecipient[],
  written: { counts: ImportedCounts; tokens: ImportedTokens },
  by: { userId: string; displayName: string; at: string },
): Promise<void> {
  await insertImportedBatch(scope, trx, batch, written.counts, written.tokens, by);
  const I = IMPORTED;
  const registered = batch
    .filter((b) => b.row[I.status] === 'registered')
    .map(({ row: r }) => ({ id: r[I.id], org_unit_id: r[I.org_unit_id], org_path: r[I.org_path], kind: r[I.kind], discharge_date: r[I.discharge_date] }));
  if (registered.length) await publish(trx, ctx, recipientsRegistered, { recipients: registered, at: by.at, actorUserId: by.userId, via: 'import' });
}
