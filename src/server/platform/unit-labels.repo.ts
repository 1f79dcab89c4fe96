// The names lists show for org units (shared/rules/unit-labels.ts): one query for the units of a
// listing and their parents. Unit names are public (the portal lists them), so this reads by id
// without a scope: the ids come from rows the caller already read through its scope.
import type { Tx } from '../db/transaction';
import { prepared } from '../db/prepared';
import { unitLabelsOf } from '../../shared/rules/unit-labels';

export type UnitLabels = {
  /** the unit's label in this listing, or `fallback` for an id not asked for */
  of(id: string | null | undefined, fallback: string): string;
};

// read for every list page (its units' labels): compiled once per id count (db/prepared.ts)
const unitsWithParents = prepared((db, p: { ids: string[] }) =>
  db
    .selectFrom('org_units as u')
    .leftJoin('org_units as p', 'p.id', 'u.parent_id')
    .select(['u.id as id', 'u.name as name', 'u.level as level', 'p.name as parentName'])
    .where('u.id', 'in', p.ids),
  { planOnce: true },
);

export async function unitLabelsUnscoped(db: Tx, ids: Iterable<string | null | undefined>): Promise<UnitLabels> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))];
  const rows = wanted.length ? await unitsWithParents.all(db, { ids: wanted }) : [];
  const labels = unitLabelsOf(rows);
  return { of: (id, fallback) => (id && labels.get(id)) || fallback };
}

/** A list's DTOs with their `orgUnitName` labelled within the list (孝丰村·第一网格). */
export async function labelUnitNamesUnscoped<T extends { orgUnitId: string; orgUnitName: string }>(db: Tx, items: readonly T[]): Promise<T[]> {
  const labels = await unitLabelsUnscoped(db, items.map((i) => i.orgUnitId));
  return items.map((i) => ({ ...i, orgUnitName: labels.of(i.orgUnitId, i.orgUnitName) }));
}
