// What a recipient counts towards in the dashboards' roll-ups.
import { careListOf } from '../../../shared/schemas/recipients';
import type { RecipientTable } from '../../db/types';
import type { Bucket } from '../../platform/rollups.repo';

type Countable = Pick<
  RecipientTable,
  'merged_into' | 'status' | 'deceased' | 'recipient_group' | 'kind' | 'care_mask' | 'birth_date' | 'discharge_type' | 'employment_status' | 'situations_filled'
>;

/**
 * A merged duplicate counts nowhere. Every other record counts in total/status/deceased; a
 * living one also by group, kind, care category, birth year (age bands are read from it),
 * discharge type, employment and how many of the seven situations are filled.
 */
export function recipientBuckets(r: Countable | undefined | null): Bucket[] {
  if (!r || r.merged_into) return [];
  const out: Bucket[] = [
    { metric: 'total', bucket: 'all' },
    { metric: 'status', bucket: r.status },
    { metric: 'deceased', bucket: r.deceased ? '1' : '0' },
  ];
  if (r.deceased) return out;
  out.push(
    { metric: 'group', bucket: r.recipient_group },
    { metric: 'kind', bucket: r.kind },
    { metric: 'birthYear', bucket: r.birth_date.slice(0, 4) },
    { metric: 'discharge', bucket: r.discharge_type ?? 'none' },
    { metric: 'employment', bucket: r.employment_status ?? 'none' },
    { metric: 'situations', bucket: String(r.situations_filled) },
  );
  const care = careListOf(r.care_mask);
  for (const c of care) out.push({ metric: 'care', bucket: c });
  out.push({ metric: 'priorityCare', bucket: care.length ? '1' : '0' });
  return out;
}

export const ROLLUP_COLUMNS = [
  'id',
  'org_path',
  'merged_into',
  'status',
  'deceased',
  'recipient_group',
  'kind',
  'care_mask',
  'birth_date',
  'discharge_type',
  'employment_status',
  'situations_filled',
] as const;
