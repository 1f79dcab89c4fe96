// What a glory plaque's log entry says: the day it names and a one-line detail, from the entry's
// data (the action's input as the kernel logged it, or — for entries moved from the old history
// column by migration 0014 — the `{ day, detail }` they were written with). Used by the server's
// detail DTO and the web timeline alike.
import {
  plaqueBasisLabels,
  plaqueGroundLabels,
  replaceReasonLabels,
  revokeReasonLabels,
  type PlaqueBasis,
  type PlaqueGround,
  type ReplaceReason,
  type RevokeReason,
} from '../schemas/glory-plaques';

export type PlaqueEventText = { day: string | null; detail: string };

type Data = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export function plaqueEventText(action: string, raw: unknown): PlaqueEventText {
  const d: Data = raw && typeof raw === 'object' ? (raw as Data) : {};
  // an entry moved from the old history column keeps its own words
  if (typeof d.detail === 'string') return { day: strOrNull(d.day), detail: d.detail };
  switch (action) {
    case 'register': {
      const basis = str(d.basis) as PlaqueBasis;
      const grounds = Array.isArray(d.grounds) ? (d.grounds as PlaqueGround[]).map((g) => plaqueGroundLabels[g] ?? g).join('、') : '';
      return {
        day: basis === 'application' ? strOrNull(d.appliedOn) : null,
        detail: `${plaqueBasisLabels[basis] ?? basis}；依据：${grounds}${d.applicant ? `；申请人：${str(d.applicant)}` : ''}`,
      };
    }
    case 'hang':
      return { day: strOrNull(d.hungOn), detail: `悬挂人：${str(d.hungBy)}${d.photoFileId ? '；附照片' : ''}${d.note ? `；${str(d.note)}` : ''}` };
    case 'replace': {
      const reason = replaceReasonLabels[str(d.reason) as ReplaceReason] ?? str(d.reason);
      return {
        day: strOrNull(d.replacedOn),
        detail: `原因：${reason}${d.note ? `（${str(d.note)}）` : ''}${d.hungBy ? `；悬挂人：${str(d.hungBy)}` : ''}${d.photoFileId ? '；附照片' : ''}`,
      };
    }
    case 'revoke': {
      const reason = revokeReasonLabels[str(d.reason) as RevokeReason] ?? str(d.reason);
      return { day: strOrNull(d.revokedOn), detail: `原因：${reason}${d.note ? `（${str(d.note)}）` : ''}` };
    }
    default:
      return { day: null, detail: '' };
  }
}
