// The plain-TypeScript side of the scope properties: a generated world plan (fast-check), a
// model of the org tree that follows moves and merges, and the oracle of who may see what.
// The oracle knows nothing of SQL or of the guard: a record is visible to a user when the
// record's unit lies in the user's subtree, or a grant names the user, or a grant names a unit
// in the user's subtree; a restricted record only when a grant names the user.
import fc from 'fast-check';

export type Level = 'county' | 'township' | 'village' | 'grid';
export const levelsBelow: Record<Level, Level | null> = { county: 'township', township: 'village', village: 'grid', grid: null };

/** Units are numbered in creation order; unit 0 is the world's county, parents come first. */
export type UnitPlan = { parent: number; level: Level };
export type UserPlan = { unit: number; head: boolean };
/** draft; submitted (an open review case); registered (the case approved), with a visit and/or a glory plaque */
export type RecipientStage = 'draft' | 'submitted' | 'visit' | 'plaque' | 'visitPlaque';
/** `transfer`: a registered recipient is being transferred out to another unit (picked among the others) */
export type RecipientPlan = { unit: number; stage: RecipientStage; transfer: number | null };
export type PetitionPlan = { unit: number; accusation: boolean; escalate: boolean; registrar: number };
export type DisputePlan = { unit: number };
export type UnitOp = { kind: 'move' | 'merge'; unit: number; target: number };

export type WorldPlan = {
  units: UnitPlan[];
  users: UserPlan[];
  recipients: RecipientPlan[];
  petitions: PetitionPlan[];
  disputes: DisputePlan[];
  /** applied after the records exist, through the org-units service; `target` picks among the units the service would accept */
  ops: UnitOp[];
};

/** A random tree: a county, 1–3 townships, 0–3 villages each, 0–2 grids each (at most 14 units). */
const treeArb: fc.Arbitrary<UnitPlan[]> = fc
  .array(fc.array(fc.nat({ max: 2 }), { maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .map((townships) => {
    const units: UnitPlan[] = [{ parent: -1, level: 'county' }];
    for (const villages of townships) {
      const t = units.push({ parent: 0, level: 'township' }) - 1;
      for (const grids of villages) {
        const v = units.push({ parent: t, level: 'village' }) - 1;
        for (let g = 0; g < grids; g++) units.push({ parent: v, level: 'grid' });
      }
    }
    return units.slice(0, 14);
  });

/** An index into a list of n, drawn as a fraction so that it shrinks and fits any n. */
const pick = fc.nat({ max: 9999 });
const at = (n: number, i: number) => i % n;

/** Registration is the dearest step (review, approval, owed visits), so fewer records go through it. */
const stageArb: fc.Arbitrary<RecipientStage> = fc.oneof(
  { arbitrary: fc.constant<RecipientStage>('draft'), weight: 2 },
  { arbitrary: fc.constant<RecipientStage>('submitted'), weight: 2 },
  { arbitrary: fc.constantFrom<RecipientStage>('visit', 'plaque', 'visitPlaque'), weight: 3 },
);

export const worldArb: fc.Arbitrary<WorldPlan> = treeArb.chain((units) => {
  const n = units.length;
  const unit = pick.map((i) => at(n, i));
  const nonRoot = n > 1 ? pick.map((i) => 1 + at(n - 1, i)) : fc.constant(0);
  return fc.record({
    units: fc.constant(units),
    users: fc.array(fc.record({ unit, head: fc.boolean() }), { minLength: 2, maxLength: 3 }),
    recipients: fc.array(fc.record({ unit: nonRoot, stage: stageArb, transfer: fc.option(pick, { nil: null }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    petitions: fc.array(fc.record({ unit, accusation: fc.boolean(), escalate: fc.boolean(), registrar: pick }), { maxLength: 3 }),
    disputes: fc.array(fc.record({ unit: nonRoot }), { maxLength: 2 }),
    ops: fc.array(fc.record({ kind: fc.constantFrom('move' as const, 'merge' as const), unit: nonRoot, target: pick }), { maxLength: 3 }),
  });
});

// ---- the tree model ----

export type Tree = { parent: (number | null)[]; level: Level[]; active: boolean[] };

export function treeOf(plan: WorldPlan): Tree {
  return {
    parent: plan.units.map((u) => (u.parent < 0 ? null : u.parent)),
    level: plan.units.map((u) => u.level),
    active: plan.units.map(() => true),
  };
}

/** The unit and its ancestors, self first. */
export function chainOf(tree: Tree, unit: number): number[] {
  const out: number[] = [];
  for (let u: number | null = unit; u !== null; u = tree.parent[u]) out.push(u);
  return out;
}

export const inSubtree = (tree: Tree, unit: number, root: number) => chainOf(tree, unit).includes(root);

/** Whether the service would accept the operation (the model and the service must agree). */
export function opAllowed(tree: Tree, kind: UnitOp['kind'], unit: number, target: number, actorUnit: number): boolean {
  if (!tree.active[unit] || !tree.active[target] || unit === actorUnit || unit === target) return false;
  if (kind === 'move') {
    return tree.parent[unit] !== target && !inSubtree(tree, target, unit) && levelsBelow[tree.level[target]] === tree.level[unit];
  }
  return tree.level[unit] === tree.level[target] && !inSubtree(tree, target, unit);
}

/** The concrete operation of a planned one in the current tree (`target` picks among the allowed targets), or null when none is allowed. */
export function resolveOp(tree: Tree, op: UnitOp, actorUnit: number): UnitOp | null {
  const targets = tree.level.map((_, u) => u).filter((u) => opAllowed(tree, op.kind, op.unit, u, actorUnit));
  return targets.length ? { ...op, target: targets[op.target % targets.length] } : null;
}

/** Applies an allowed operation; returns the unit renaming a merge causes (from → into). */
export function applyOp(tree: Tree, op: UnitOp): Map<number, number> {
  if (op.kind === 'move') {
    tree.parent[op.unit] = op.target;
    return new Map();
  }
  for (let u = 0; u < tree.parent.length; u++) if (tree.parent[u] === op.unit) tree.parent[u] = op.target;
  tree.active[op.unit] = false;
  return new Map([[op.unit, op.target]]);
}

// ---- records and the oracle ----

export type RecordKind = 'recipient' | 'case' | 'petition' | 'dispute' | 'visit' | 'plaque';

/** A record as the oracle sees it: its unit, and who it is shared with. */
export type ModelRecord = {
  kind: RecordKind;
  id: string;
  unit: number;
  restricted: boolean;
  grantUsers: number[];
  grantUnits: number[];
};

export type ModelUser = { index: number; unit: number; head: boolean; id: string };

/** After a merge every reference to the merged unit names the target. */
export function renameUnits(records: ModelRecord[], users: ModelUser[], rename: Map<number, number>): void {
  const r = (u: number) => rename.get(u) ?? u;
  for (const rec of records) {
    rec.unit = r(rec.unit);
    rec.grantUnits = rec.grantUnits.map(r);
  }
  for (const u of users) u.unit = r(u.unit);
}

export type Oracle = (tree: Tree, user: ModelUser, rec: ModelRecord) => boolean;

export const oracle: Oracle = (tree, user, rec) => {
  const named = rec.grantUsers.includes(user.index);
  if (rec.restricted) return named;
  return inSubtree(tree, rec.unit, user.unit) || named || rec.grantUnits.some((g) => inSubtree(tree, g, user.unit));
};
