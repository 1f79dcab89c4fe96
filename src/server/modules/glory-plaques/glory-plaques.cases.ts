// The glory plaque as a case of the kernel (RULES.md "Glory plaques"): one case per household
// (subject = the household), owned by the household's unit.
//
//   waiting 待悬挂 ─hang (date, who hung it, photo)→ hung 已悬挂 ─replace→ replaced 已更换 ─replace→ replaced …
//        └──────────────────────── revoke (county, a reason) ─────────────→ revoked 已撤销 (closed)
//
// 'replaced' stays a state of its own (a plaque that hangs again after a move or damage): the
// ledger and the roll-ups count it apart. No state waits on a unit: the to-do of hanging plaques is
// the festival window of glory-plaques.work-queue.ts, not a case deadline; so every action is
// taken by users whose range covers the plaque's unit (actor 'owner').
//
// The plaque's row in glory_plaques is the list-friendly mirror of the case: the kernel writes its
// status, dates, version and time from the case's state (plaqueMirror); the module only inserts it.
import { z } from '../../../shared/zod-setup';
import {
  PLAQUE_CASE_TYPE,
  plaqueBases,
  plaqueGrounds,
  plaqueStatusLabels,
  replaceReasons,
  revokeReasons,
  type PlaqueStatus,
} from '../../../shared/schemas/glory-plaques';
import { shanghaiDay } from '../../../shared/rules/dates';
import { defineCaseType, type ActionEnv, type CaseMirror, type CaseStateDef } from '../../cases/case-type';
import { badRequest } from '../../platform/errors';
import { shiftPlaqueRollup } from './glory-plaques.repo';

export const plaquePayload = z.object({
  householdId: z.string(),
  basis: z.enum(plaqueBases),
  grounds: z.array(z.enum(plaqueGrounds)),
  appliedOn: z.string().nullable(),
  applicant: z.string(),
  hungOn: z.string().nullable(),
  hungBy: z.string(),
  photoFileId: z.string().nullable(),
  replacedOn: z.string().nullable(),
  replaceReason: z.enum(replaceReasons).nullable(),
  replaceCount: z.number().int(),
  revokedOn: z.string().nullable(),
  revokeReason: z.enum(revokeReasons).nullable(),
  revokeNote: z.string(),
  note: z.string(),
});
export type PlaquePayload = z.infer<typeof plaquePayload>;

/** What registration logs (the first entry's data). */
export type PlaqueRegisterData = Pick<PlaquePayload, 'basis' | 'grounds' | 'appliedOn' | 'applicant' | 'note'>;

// the actions' data as logged (the request's fields, with the stored photo's id instead of its bytes)
const photoFileId = z.string().nullable().default(null);
export const hangData = z.object({ hungOn: z.string(), hungBy: z.string().min(1), note: z.string().default(''), photoFileId });
export const replaceData = z.object({ replacedOn: z.string(), reason: z.enum(replaceReasons), hungBy: z.string().default(''), note: z.string().default(''), photoFileId });
export const revokeData = z.object({ revokedOn: z.string(), reason: z.enum(revokeReasons), note: z.string().default('') });

const states: Record<PlaqueStatus, CaseStateDef> = {
  waiting: { label: plaqueStatusLabels.waiting, open: true, waitsOn: 'none' },
  hung: { label: plaqueStatusLabels.hung, open: true, waitsOn: 'none' },
  replaced: { label: plaqueStatusLabels.replaced, open: true, waitsOn: 'none' },
  revoked: { label: plaqueStatusLabels.revoked, open: false, waitsOn: 'none' },
};

/** From which states each action may start (the service checks it first, to answer in the module's words). */
export const plaqueTransitions = {
  hang: ['waiting'],
  replace: ['hung', 'replaced'],
  revoke: ['waiting', 'hung', 'replaced'],
} as const satisfies Record<string, readonly PlaqueStatus[]>;

function notAfterToday(env: ActionEnv<PlaquePayload>, day: string, field: string, label: string): void {
  if (day > shanghaiDay(new Date(env.at))) throw badRequest(`${label}不能晚于今天`, [{ path: field, message: '不能晚于今天' }]);
}

function notBefore(day: string, earliest: string | null, field: string, label: string, earlierLabel: string): void {
  if (earliest && day < earliest) throw badRequest(`${label}不能早于${earlierLabel}（${earliest}）`, [{ path: field, message: `不能早于${earlierLabel}` }]);
}

/** The 'plaque' roll-ups follow the status the kernel is about to store (same transaction). */
async function countMove(env: ActionEnv<PlaquePayload>, to: PlaqueStatus): Promise<void> {
  await shiftPlaqueRollup(env.trx, env.caseRow.org_path, env.caseRow.status, to);
}

const plaqueMirror: CaseMirror<PlaquePayload> = {
  table: 'glory_plaques',
  // the row's unit and path are the household's, kept by unit moves and merges with the roll-ups
  columns: ({ status, payload: p, version, updatedAt }) => ({
    status,
    hung_on: p.hungOn,
    hung_by: p.hungBy,
    photo_file_id: p.photoFileId,
    replaced_on: p.replacedOn,
    replace_reason: p.replaceReason,
    replace_count: p.replaceCount,
    revoked_on: p.revokedOn,
    revoke_reason: p.revokeReason,
    revoke_note: p.revokeNote,
    note: p.note,
    version,
    updated_at: updatedAt,
  }),
};

export const plaqueCaseType = defineCaseType<PlaquePayload>({
  type: PLAQUE_CASE_TYPE,
  label: '光荣牌悬挂',
  domain: 'plaques',
  payload: plaquePayload,
  states,
  actions: {
    hang: {
      label: '悬挂',
      from: plaqueTransitions.hang,
      to: 'hung',
      permission: 'plaques:write',
      actor: 'owner',
      input: hangData,
      async effect(env) {
        const d = hangData.parse(env.input);
        notAfterToday(env, d.hungOn, 'hungOn', '悬挂日期');
        notBefore(d.hungOn, env.payload.appliedOn, 'hungOn', '悬挂日期', '申请日期');
        await countMove(env, 'hung');
        return { ...env.payload, hungOn: d.hungOn, hungBy: d.hungBy, photoFileId: d.photoFileId ?? env.payload.photoFileId, note: d.note || env.payload.note };
      },
    },
    replace: {
      label: '更换',
      from: plaqueTransitions.replace,
      to: 'replaced',
      permission: 'plaques:write',
      actor: 'owner',
      input: replaceData,
      async effect(env) {
        const d = replaceData.parse(env.input);
        const p = env.payload;
        notAfterToday(env, d.replacedOn, 'replacedOn', '更换日期');
        notBefore(d.replacedOn, p.replacedOn ?? p.hungOn, 'replacedOn', '更换日期', p.replacedOn ? '上次更换日期' : '悬挂日期');
        await countMove(env, 'replaced');
        return {
          ...p,
          replacedOn: d.replacedOn,
          replaceReason: d.reason,
          replaceCount: p.replaceCount + 1,
          hungBy: d.hungBy || p.hungBy,
          photoFileId: d.photoFileId ?? p.photoFileId,
        };
      },
    },
    revoke: {
      label: '撤销',
      from: plaqueTransitions.revoke,
      to: 'revoked',
      permission: 'plaques:review',
      actor: 'owner',
      input: revokeData,
      async effect(env) {
        const d = revokeData.parse(env.input);
        notAfterToday(env, d.revokedOn, 'revokedOn', '撤销日期');
        notBefore(d.revokedOn, env.payload.appliedOn, 'revokedOn', '撤销日期', '申请日期');
        await countMove(env, 'revoked');
        return { ...env.payload, revokedOn: d.revokedOn, revokeReason: d.reason, revokeNote: d.note };
      },
    },
  },
  mirror: plaqueMirror,
  view: (p) => ({ householdId: p.householdId, basis: p.basis, grounds: p.grounds, hungOn: p.hungOn }),
  link: (c) => `/glory-plaques?plaque=${c.id}`,
});
