// The values of the visit form: plain JSON (days as 'YYYY-MM-DD', money in 元 as typed, photos as
// base64) so that they can be kept as a local draft and in the outbox, and turned into the API
// body (money in 分) on submit.
import { situationKeys, type RecipientDetail, type SituationKey } from '../../../shared/schemas/recipients';
import type { DueVisitDto, KeyGroup, VisitCreate, VisitType } from '../../../shared/schemas/visits';

export type FormPhoto = { name: string; mime: 'image/jpeg'; dataBase64: string; size: number; width: number; height: number };
export type FormFollowUp = { need: string; ownerUserId: string | null; dueDay: string | null };
export type FormSituation = { level: string | null; note: string };

/** What the form's head shows, kept with the draft so that it opens without a signal. */
export type VisitContext = {
  recipientId: string;
  recipientName: string;
  orgUnitName: string;
  keyGroups: KeyGroup[];
  dueVisitId: string | null;
  label: string | null;
  occasionDay: string | null;
  windowEnd: string | null;
};

export type VisitFormValues = {
  visitedOn: string;
  visitType: VisitType | null;
  visitors: string;
  situations: Record<SituationKey, FormSituation>;
  needs: string;
  moneyYuan: number | null;
  goods: string;
  followUp: string;
  followUps: FormFollowUp[];
  note: string;
  photos: FormPhoto[];
  /**
   * The situations the worker has looked at in this visit: changed, or confirmed as the record has
   * them (one tap each, or 其余情况无变化 for all the rest). Form state only, never sent: the visit
   * stores the levels themselves. Absent in drafts kept before it existed.
   */
  confirmedSituations?: SituationKey[];
};

/** The groups of the form, one screen each on a phone, in order. */
export const visitFormGroups = ['basic', 'situations', 'needs', 'gifts', 'photos'] as const;
export type VisitFormGroup = (typeof visitFormGroups)[number];
export const visitFormGroupLabels: Record<VisitFormGroup, string> = {
  basic: '基本',
  situations: '七个状况',
  needs: '诉求',
  gifts: '慰问',
  photos: '照片',
};

/** The group a field (by the first part of its name or of an issue's path) is shown in. */
export function groupOfField(first: string | number | undefined): VisitFormGroup {
  switch (first) {
    case 'situations':
    case 'confirmedSituations':
      return 'situations';
    case 'needs':
    case 'followUps':
    case 'followUp':
      return 'needs';
    case 'moneyYuan':
    case 'moneyCents':
    case 'goods':
      return 'gifts';
    case 'note':
    case 'photos':
      return 'photos';
    default:
      return 'basic';
  }
}

export type VisitDraftValues = { context: VisitContext; values: VisitFormValues };

const festivalReasons = new Set(['springFestival', 'armyDay', 'martyrsDay', 'keyPerson']);

export function contextOf(recipient: RecipientDetail, due: DueVisitDto | null, keyGroups: KeyGroup[]): VisitContext {
  return {
    recipientId: recipient.id,
    recipientName: recipient.name,
    orgUnitName: recipient.orgUnitName,
    keyGroups: due?.keyGroups ?? keyGroups,
    dueVisitId: due?.id ?? null,
    label: due?.label ?? null,
    occasionDay: due?.occasionDay ?? null,
    windowEnd: due?.windowEnd ?? null,
  };
}

/** A fresh form: today, the recorder as visitor, the person's current situations. */
export function initialValues(recipient: RecipientDetail, due: DueVisitDto | null, visitor: string, today: string): VisitFormValues {
  const situations = Object.fromEntries(
    situationKeys.map((k) => [k, { level: recipient.situations[k]?.level ?? null, note: recipient.situations[k]?.note ?? '' }]),
  ) as Record<SituationKey, FormSituation>;
  return {
    visitedOn: today,
    visitType: due && festivalReasons.has(due.reason) ? 'festival' : 'home',
    visitors: visitor,
    situations,
    needs: '',
    moneyYuan: null,
    goods: '',
    followUp: '',
    followUps: [],
    note: '',
    photos: [],
    confirmedSituations: [],
  };
}

/** The API body (before zod): money to 分, empty follow-up rows dropped. */
export function bodyOf(ctx: VisitContext, v: VisitFormValues, clientKey: string): Record<keyof VisitCreate, unknown> {
  return {
    clientKey,
    recipientId: ctx.recipientId,
    dueVisitId: ctx.dueVisitId,
    visitedOn: v.visitedOn,
    visitType: v.visitType ?? undefined,
    visitors: v.visitors ?? '',
    visitorUserIds: [],
    situations: Object.fromEntries(
      situationKeys.map((k) => [k, { level: v.situations?.[k]?.level ?? null, note: v.situations?.[k]?.note ?? '' }]),
    ),
    needs: v.needs ?? '',
    moneyCents: v.moneyYuan === null || v.moneyYuan === undefined ? 0 : Math.round(Number(v.moneyYuan) * 100),
    goods: v.goods ?? '',
    followUp: v.followUp ?? '',
    followUps: (v.followUps ?? [])
      .filter((f) => f && (f.need?.trim() || f.ownerUserId || f.dueDay))
      .map((f) => ({ need: f.need ?? '', ownerUserId: f.ownerUserId ?? null, dueDay: f.dueDay ?? null })),
    note: v.note ?? '',
    photos: (v.photos ?? []).map((p) => ({ name: p.name, mime: p.mime, dataBase64: p.dataBase64 })),
  };
}

/** 123.5 → "123.50 元"; 0 → "—". */
export function yuan(cents: number): string {
  return cents ? `${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元` : '—';
}
