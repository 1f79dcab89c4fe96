// How a list names an org unit when its own name is ambiguous: a grid (第一网格 exists in every
// village) or a unit whose name repeats among the units of the same listing gets its parent's
// short name in front: 孝丰村·第一网格. Applied once on the server (platform/unit-labels.repo.ts)
// to every list DTO that carries a unit name.

import { shortUnitName } from './unit-names';

export type LabelledUnit = { id: string; name: string; level: string; parentName: string | null };

/** The label of each unit of one listing, by id. */
export function unitLabelsOf(units: readonly LabelledUnit[]): Map<string, string> {
  const idsByName = new Map<string, Set<string>>();
  for (const u of units) {
    const ids = idsByName.get(u.name) ?? new Set<string>();
    ids.add(u.id);
    idsByName.set(u.name, ids);
  }
  const out = new Map<string, string>();
  for (const u of units) {
    const ambiguous = u.level === 'grid' || (idsByName.get(u.name)?.size ?? 0) > 1;
    out.set(u.id, ambiguous && u.parentName ? `${shortUnitName(u.parentName)}·${u.name}` : u.name);
  }
  return out;
}
