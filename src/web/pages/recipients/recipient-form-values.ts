// The values of the collection form, and their conversion from a record (edit) and into the
// request body (create / update). Values are plain JSON so that the local draft can hold them.
import {
  sensitiveFields,
  situationKeys,
  type RecipientCreate,
  type RecipientDetail,
  type RecipientGroup,
  type RecipientKind,
  type SensitiveField,
  type SituationKey,
  recipientFieldLabels,
} from '../../../shared/schemas/recipients';

type Nullable<T> = T | null | undefined;
type Body = RecipientCreate;

export type MeritValue = { name?: string; level?: Body['merits'][number]['level']; year?: number | null };
export type FamilyMemberValue = { name?: string; relation?: string; birthYear?: number | null; occupation?: string };
export type CertificateValue = { kind?: Body['certificates'][number]['kind']; number?: string };
export type DeceasedSoldierValue = {
  name?: string;
  deathDate?: string | null;
  deathKind?: NonNullable<Body['deceasedSoldier']>['deathKind'];
  certificateNo?: string;
  relation?: string;
};
export type SituationValue = { level?: string | null; note?: string };
export type HouseholdValue = { mode: 'new' | 'join' | 'none'; address?: string; householdId?: string };

export type FormValues = {
  kind: RecipientKind;
  orgUnitId?: string;
  name?: string;
  idNumber?: string;
  ethnicity?: string;
  phone?: string;
  politicalStatus?: Nullable<Body['politicalStatus']>;
  recipientGroup?: RecipientGroup;
  careCategories?: Body['careCategories'];
  enlistmentDate?: string | null;
  dischargeDate?: string | null;
  dischargeType?: Nullable<Body['dischargeType']>;
  branch?: Nullable<Body['branch']>;
  lastUnit?: string;
  rank?: string;
  disabilityGrade?: number | null;
  disabilityCause?: Nullable<Body['disabilityCause']>;
  disabilityCert?: string;
  medicalDetails?: string;
  bankAccount?: string;
  education?: Nullable<Body['education']>;
  employmentStatus?: Nullable<Body['employmentStatus']>;
  skills?: string;
  merits?: MeritValue[];
  situations?: Partial<Record<SituationKey, SituationValue>>;
  familyMembers?: FamilyMemberValue[];
  deceasedSoldier?: DeceasedSoldierValue | null;
  certificates?: CertificateValue[];
  householdAddress?: string;
  currentAddress?: string;
  notes?: string;
  lunarBirthday?: boolean;
  /** §44 上门服务对象 */
  homeService?: Body['homeService'];
  household?: HouseholdValue;
};

export const survivorKinds: readonly RecipientKind[] = ['martyrSurvivor', 'dutyDeathSurvivor', 'illnessDeathSurvivor'];

/** The recipient group a kind implies (a veteran's group is chosen by hand). */
export const groupOfKind: Partial<Record<RecipientKind, RecipientGroup>> = {
  martyrSurvivor: 'martyrSurvivor',
  dutyDeathSurvivor: 'dutyDeathSurvivor',
  illnessDeathSurvivor: 'illnessDeathSurvivor',
  militaryFamily: 'militaryFamily',
};

export const deathKindOfKind: Partial<Record<RecipientKind, DeceasedSoldierValue['deathKind']>> = {
  martyrSurvivor: 'martyr',
  dutyDeathSurvivor: 'dutyDeath',
  illnessDeathSurvivor: 'illnessDeath',
};

export function emptyValues(orgUnitId: string | undefined): FormValues {
  return {
    kind: 'veteran',
    orgUnitId,
    ethnicity: '汉族',
    recipientGroup: 'dischargedSoldier',
    careCategories: [],
    merits: [],
    familyMembers: [],
    certificates: [],
    situations: {},
    lunarBirthday: false,
    homeService: [],
    household: { mode: 'none' },
  };
}

/** The clear values of sensitive fields revealed while editing (in memory only, never in a draft). */
export type Revealed = Partial<Record<SensitiveField, string>>;

/**
 * The form values of a stored record. The sensitive fields (ID number, phone, bank account,
 * disability certificate, medical details) are left out: undefined means "as stored", shown
 * masked until the user chooses 修改 on one of them.
 */
export function valuesFromDetail(d: RecipientDetail): FormValues {
  return {
    kind: d.kind,
    name: d.name,
    ethnicity: d.ethnicity,
    politicalStatus: d.politicalStatus,
    recipientGroup: d.recipientGroup,
    careCategories: d.careCategories,
    enlistmentDate: d.enlistmentDate,
    dischargeDate: d.dischargeDate,
    dischargeType: d.dischargeType,
    branch: d.branch,
    lastUnit: d.lastUnit,
    rank: d.rank,
    disabilityGrade: d.disabilityGrade,
    disabilityCause: d.disabilityCause,
    education: d.education,
    employmentStatus: d.employmentStatus,
    skills: d.skills,
    merits: d.merits,
    situations: Object.fromEntries(
      Object.entries(d.situations).filter(([k]) => (situationKeys as readonly string[]).includes(k)),
    ),
    familyMembers: d.familyMembers,
    deceasedSoldier: d.deceasedSoldier,
    certificates: d.certificates,
    householdAddress: d.householdAddress,
    currentAddress: d.currentAddress,
    notes: d.notes,
    lunarBirthday: d.lunarBirthday,
    homeService: d.homeService,
  };
}

/** What the edit form shows of a stored sensitive field while it is masked; null = nothing stored. */
export function maskedOf(d: RecipientDetail, field: SensitiveField): string | null {
  switch (field) {
    case 'idNumber':
      return d.idNumberMasked;
    case 'phone':
      return d.phoneMasked;
    case 'bankAccount':
      return d.bankAccountMasked;
    case 'disabilityCert':
      return d.hasDisabilityCert ? '已填写（已加密）' : null;
    case 'medicalDetails':
      return d.hasMedicalDetails ? '已填写（已加密）' : null;
  }
}

/** A sensitive field the user edited: opened (修改) and now different from what was revealed. */
function edited(v: FormValues, revealed: Revealed, f: SensitiveField): boolean {
  return v[f] !== undefined && v[f] !== revealed[f];
}

/**
 * The request body of an edit: every other field, and of the sensitive ones only those the user
 * changed (the server keeps the rest as stored).
 */
export function editBodyFromValues(v: FormValues, revealed: Revealed): Record<string, unknown> {
  const body = bodyFromValues(v);
  for (const f of sensitiveFields) if (!edited(v, revealed, f)) delete body[f];
  return body;
}

/**
 * The values an edit's local draft may hold: a sensitive field only if the user changed it, never
 * a value that was revealed and left as it was.
 */
export function draftValuesOf(v: FormValues, revealed: Revealed): FormValues {
  const out = { ...v };
  for (const f of sensitiveFields) if (!edited(v, revealed, f)) delete out[f];
  return out;
}

const str = (v: string | undefined | null) => v ?? '';
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The request body of the form values (before the zod schema applies its defaults): empty list
 * rows are dropped, absent optional values become null or '', and a non-survivor has no
 * deceased soldier.
 */
export function bodyFromValues(v: FormValues): Record<string, unknown> {
  const situations: Record<string, { level: string | null; note: string }> = {};
  for (const k of situationKeys) {
    const s = v.situations?.[k];
    if (s && (!isBlank(s.level) || !isBlank(s.note))) situations[k] = { level: s.level || null, note: str(s.note) };
  }
  const survivor = survivorKinds.includes(v.kind);
  const ds = v.deceasedSoldier;
  const body: Record<string, unknown> = {
    kind: v.kind,
    orgUnitId: v.orgUnitId,
    name: str(v.name),
    idNumber: str(v.idNumber),
    ethnicity: isBlank(v.ethnicity) ? undefined : v.ethnicity,
    phone: str(v.phone),
    politicalStatus: v.politicalStatus ?? null,
    recipientGroup: v.recipientGroup,
    careCategories: v.careCategories ?? [],
    enlistmentDate: v.enlistmentDate ?? null,
    dischargeDate: v.dischargeDate ?? null,
    dischargeType: v.dischargeType ?? null,
    branch: v.branch ?? null,
    lastUnit: str(v.lastUnit),
    rank: str(v.rank),
    disabilityGrade: v.disabilityGrade ?? null,
    disabilityCause: v.disabilityCause ?? null,
    disabilityCert: str(v.disabilityCert),
    medicalDetails: str(v.medicalDetails),
    bankAccount: str(v.bankAccount),
    education: v.education ?? null,
    employmentStatus: v.employmentStatus ?? null,
    skills: str(v.skills),
    merits: (v.merits ?? [])
      .filter((m) => m && !(isBlank(m.name) && isBlank(m.level) && isBlank(m.year)))
      .map((m) => ({ name: str(m.name), level: m.level, year: m.year ?? null })),
    situations,
    familyMembers: (v.familyMembers ?? [])
      .filter((m) => m && !(isBlank(m.name) && isBlank(m.relation) && isBlank(m.birthYear) && isBlank(m.occupation)))
      .map((m) => ({ name: str(m.name), relation: str(m.relation), birthYear: m.birthYear ?? null, occupation: str(m.occupation) })),
    deceasedSoldier:
      survivor && ds
        ? {
            name: str(ds.name),
            deathDate: ds.deathDate ?? null,
            deathKind: ds.deathKind ?? deathKindOfKind[v.kind],
            certificateNo: str(ds.certificateNo),
            relation: str(ds.relation),
          }
        : null,
    certificates: (v.certificates ?? [])
      .filter((c) => c && !(isBlank(c.kind) && isBlank(c.number)))
      .map((c) => ({ kind: c.kind, number: str(c.number) })),
    householdAddress: str(v.householdAddress),
    currentAddress: str(v.currentAddress),
    notes: str(v.notes),
    lunarBirthday: !!v.lunarBirthday,
    homeService: v.homeService ?? [],
  };
  const h = v.household;
  if (h) {
    body.household =
      h.mode === 'new'
        ? { mode: 'new', address: str(h.address) }
        : h.mode === 'join'
          ? { mode: 'join', householdId: str(h.householdId).trim() }
          : { mode: 'none' };
  }
  return body;
}

/** The form section each top-level field lives in (to open the section of an error). */
export const sectionOfField: Record<string, string> = {
  kind: 'identity',
  orgUnitId: 'identity',
  name: 'identity',
  idNumber: 'identity',
  ethnicity: 'identity',
  phone: 'identity',
  politicalStatus: 'identity',
  householdAddress: 'identity',
  currentAddress: 'identity',
  lunarBirthday: 'identity',
  enlistmentDate: 'service',
  dischargeDate: 'service',
  dischargeType: 'service',
  branch: 'service',
  lastUnit: 'service',
  rank: 'service',
  recipientGroup: 'category',
  careCategories: 'category',
  homeService: 'category',
  deceasedSoldier: 'category',
  disabilityGrade: 'disability',
  disabilityCause: 'disability',
  disabilityCert: 'disability',
  medicalDetails: 'disability',
  situations: 'situations',
  familyMembers: 'family',
  household: 'household',
  certificates: 'certificates',
  merits: 'merits',
  education: 'other',
  employmentStatus: 'other',
  skills: 'other',
  bankAccount: 'other',
  notes: 'other',
};

/** Top-level fields of the form as people call them (conflict messages). */
export const formFieldLabels: Record<string, string> = recipientFieldLabels;

/**
 * Compares two form values as the request body would carry them ('' = null = absent), except a
 * sensitive field of an edit: there absent means "as stored" and '' means "cleared".
 */
function sameValue(a: unknown, b: unknown, key?: string): boolean {
  if (key && (sensitiveFields as readonly string[]).includes(key) && (a === undefined || b === undefined)) return a === b;
  const norm = (v: unknown): string =>
    JSON.stringify(v ?? null, (_k, x: unknown) => (x === undefined || x === '' ? null : x));
  return norm(a) === norm(b);
}

/**
 * Three-way merge of an edit whose record changed meanwhile: `base` is the record the edit
 * started from, `mine` the form, `theirs` the record now. A field the user changed keeps the
 * user's value; any other field takes the record's current value (so another person's change
 * is never silently reverted). `conflicts` names the fields both sides changed differently.
 */
export function mergeEdits(base: FormValues, mine: FormValues, theirs: FormValues): { values: FormValues; conflicts: string[] } {
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  const values: Record<string, unknown> = {};
  const conflicts: string[] = [];
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  const t = theirs as Record<string, unknown>;
  for (const k of keys) {
    const mineChanged = !sameValue(m[k], b[k], k);
    const theirsChanged = !sameValue(t[k], b[k], k);
    values[k] = mineChanged ? m[k] : t[k];
    if (mineChanged && theirsChanged && !sameValue(m[k], t[k], k)) conflicts.push(formFieldLabels[k] ?? k);
  }
  return { values: values as FormValues, conflicts };
}
