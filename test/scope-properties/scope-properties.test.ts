// Property-based scope tests (issue 10 item 5, DESIGN.md "Jurisdiction"): random org trees,
// users at random levels, grants (an escalated petition), restricted records (检举控告), unit
// moves and merges; in every generated world every list and read route agrees with the oracle
// of model.ts. Worlds: SCOPE_WORLDS (default 50 on SQLite, 10 on PostgreSQL); a fixed seed:
// SCOPE_SEED=<n> (the seed of a failing run is printed with its counterexample).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { buildWorld } from './build';
import { checkWorld, httpFetch, type Fetch } from './check';
import { oracle, worldArb, type Oracle, type WorldPlan } from './model';

const worldsFor = (kind: string) => Number(process.env.SCOPE_WORLDS ?? (kind === 'sqlite' ? 50 : 10));
const cpuSeconds = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1e6).toFixed(1);
const minChecksFor = (kind: string) => (kind === 'sqlite' ? 1000 : 150);

/** A fixed world for the positive controls: two townships, a village under the first. */
const controlPlan: WorldPlan = {
  units: [
    { parent: -1, level: 'county' },
    { parent: 0, level: 'township' },
    { parent: 0, level: 'township' },
    { parent: 1, level: 'village' },
  ],
  // user 0: a worker of township 1 (not a participant of the accusation there); user 1: a head of village 3
  users: [
    { unit: 1, head: false },
    { unit: 3, head: true },
  ],
  recipients: [{ unit: 2, stage: 'draft', transfer: null }],
  petitions: [
    // registered by the county head (candidate 1 of [user 0, county head]): restricted to them
    { unit: 1, accusation: true, escalate: false, registrar: 1 },
    // escalated from village 3 to township 1: village 3 keeps a unit grant
    { unit: 3, accusation: false, escalate: true, registrar: 0 },
  ],
  disputes: [],
  ops: [],
};

describe.each(dbKinds)('scope properties on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every list and read route agrees with the oracle in each generated world', async () => {
    const seed = process.env.SCOPE_SEED ? Number(process.env.SCOPE_SEED) : Date.now() % 2 ** 31;
    const numRuns = worldsFor(kind);
    const started = Date.now();
    const cpu = process.cpuUsage();
    let checks = 0;
    let worlds = 0;
    let ops = 0;
    let records = 0;
    let shared = 0;
    try {
      await fc.assert(
        fc.asyncProperty(worldArb, async (plan) => {
          const w = await buildWorld(t, plan);
          const r = await checkWorld(w);
          checks += r.checks;
          worlds += 1;
          ops += w.appliedOps.length;
          records += w.records.length;
          shared += w.records.filter((r) => r.restricted || r.grantUnits.length > 0).length;
          if (r.failures.length) throw new Error(`${r.failures.length} disagreements:\n${r.failures.slice(0, 20).join('\n')}`);
        }),
        // worlds share one database, so a failure is reported as found, not shrunk
        { seed, numRuns, endOnFailure: true },
      );
    } catch (e) {
      throw new Error(`scope properties failed on ${kind}; rerun with SCOPE_SEED=${seed}\n${(e as Error).message}`, { cause: e });
    }
    console.info(`scope properties on ${kind}: ${worlds} worlds, ${checks} (world, user, route) checks, ${records} records (${shared} restricted or granted), ${ops} moves/merges, ${((Date.now() - started) / 1000).toFixed(1)} s (test process CPU ${cpuSeconds(process.cpuUsage(cpu))} s), seed ${seed}`);
    expect(worlds).toBe(numRuns);
    if (!process.env.SCOPE_WORLDS) expect(checks).toBeGreaterThanOrEqual(minChecksFor(kind));
  }, 600_000);

  it('the checker reports a planted leak (positive control)', async () => {
    const w = await buildWorld(t, controlPlan);
    expect((await checkWorld(w)).failures).toEqual([]);
    const outsider = w.users[0];
    const hidden = w.records.find((r) => r.kind === 'recipient')!;
    expect(oracle(w.tree, outsider, hidden), 'the recipient of township 2 is out of range for the worker of township 1').toBe(false);
    // a route wrapper that adds one out-of-range row to a list, and answers one out-of-range read
    const leaky: Fetch = async (world, user, url) => {
      const res = await httpFetch(world, user, url);
      if (user !== outsider) return res;
      if (url.startsWith('/api/recipients?')) return { ...res, body: { ...(res.body as object), items: [...((res.body as { items: unknown[] }).items ?? []), { id: hidden.id }] } };
      if (url === `/api/recipients/${hidden.id}`) return { statusCode: 200, body: { id: hidden.id } };
      return res;
    };
    const { failures } = await checkWorld(w, { fetch: leaky });
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain(`GET /api/recipients?pageSize=200: got [`);
    expect(failures[1]).toContain(`GET /api/recipients/${hidden.id} (recipient of unit 2): 200, oracle 404`);
  });

  it('the checker reports a broken predicate: restriction ignored, grants ignored (positive control)', async () => {
    const w = await buildWorld(t, controlPlan);
    const accusation = w.records.find((r) => r.kind === 'petition' && r.restricted)!;
    const escalated = w.records.find((r) => r.kind === 'petition' && r.grantUnits.length > 0)!;
    // the worker of township 1 is in the accusation's range but not named; the head of village 3 sees the escalated petition only by its grant
    expect(oracle(w.tree, w.users[0], accusation)).toBe(false);
    expect(oracle(w.tree, w.users[1], escalated)).toBe(true);
    const noRestriction: Oracle = (tree, user, rec) => oracle(tree, user, { ...rec, restricted: false });
    const noGrants: Oracle = (tree, user, rec) => oracle(tree, user, { ...rec, grantUnits: [], grantUsers: rec.restricted ? rec.grantUsers : [] });
    const a = await checkWorld(w, { oracle: noRestriction });
    expect(a.failures.some((f) => f.startsWith('user 0') && f.includes(`/api/petitions/${accusation.id} (petition of unit 1): 404, oracle 200`))).toBe(true);
    const b = await checkWorld(w, { oracle: noGrants });
    expect(b.failures.some((f) => f.startsWith('user 1') && f.includes(`/api/petitions/${escalated.id} (petition of unit 1): 200, oracle 404`))).toBe(true);
  });
});
