// Roll-ups equal a direct count after inserts, edits, approvals, deaths, transfers, merges of
// records and moves and merges of units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../src/server/db/system';
import { seedDemoRecipients } from '../src/server/cli/demo';
import { directRollupsUnscoped } from '../src/server/modules/recipients';
import { idCheckCharacter } from '../src/shared/rules/id-number';
import { createTestApp, json, type Agent, type TestApp } from './helpers/app';
import { dbKinds } from './helpers/db';

describe.each(dbKinds)('roll-ups on %s', (kind) => {
  let t: TestApp;
  let admin: Agent;
  let village: Agent;
  let county: Agent;
  const sys = () => systemDb(t.db.handle.db);
  const unit = async (code: string) => sys().selectFrom('org_units').select(['id', 'path', 'parent_id']).where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();

  async function drift(): Promise<string[]> {
    const direct = await directRollupsUnscoped(sys());
    const stored = await sys().selectFrom('rollups').selectAll().where('n', '<>', 0).execute();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const r of stored) {
      const key = `${r.unit_id}|${r.metric}|${r.bucket}`;
      seen.add(key);
      if ((direct.get(key) ?? 0) !== Number(r.n)) problems.push(`${key}: stored ${r.n}, direct ${direct.get(key) ?? 0}`);
    }
    for (const [key, n] of direct) if (!seen.has(key)) problems.push(`${key}: missing, direct ${n}`);
    return problems;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoRecipients(sys(), { count: 300, crypto: t.app.ctx.crypto, at: t.clock.now().toISOString() });
    admin = await t.login('admin');
    village = await t.login('village');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('match a direct count after seeding', async () => {
    expect(await drift()).toEqual([]);
    const county = await unit('330523');
    const total = await sys().selectFrom('rollups').select('n').where('unit_id', '=', county.id).where('metric', '=', 'total').executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(300);
  });

  it('give an unfiltered list its total, equal to a filtered count of the same range', async () => {
    const whole = json<{ total: number }>(await county.get('/api/recipients?pageSize=1'));
    const counted = json<{ total: number }>(await county.get('/api/recipients?pageSize=1&deceased=false'));
    const dead = json<{ total: number }>(await county.get('/api/recipients?pageSize=1&deceased=true'));
    expect(whole.total).toBe(300);
    expect(counted.total + dead.total).toBe(whole.total);
  });

  it('follow registration, approval, edits and a death', async () => {
    const first17 = '33052319580101003';
    const res = await village.post('/api/recipients', {
      kind: 'veteran',
      orgUnitId: village.me!.orgUnit.id,
      name: '计数甲',
      idNumber: first17 + idCheckCharacter(first17),
      recipientGroup: 'disabledVeteran',
      careCategories: ['disabledVeteran', 'warVeteran'],
      disabilityGrade: 4,
      disabilityCause: 'war',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = json<{ id: string; version: number }>(res);
    await village.post(`/api/recipients/${r.id}/submit`, { version: r.version });
    const c = json<{ items: { id: string; version: number }[] }>(await county.get(`/api/cases?subjectId=${r.id}`)).items[0];
    expect((await county.post(`/api/cases/${c.id}/actions`, { action: 'approve', version: c.version })).statusCode).toBe(200);
    const d = json<{ version: number }>(await village.get(`/api/recipients/${r.id}`));
    expect((await village.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: d.version })).statusCode).toBe(200);
    expect(await drift()).toEqual([]);
  });

  it('follow a village moved to another township and a township merged into another', async () => {
    const from = await unit('330523105');
    const villages = await sys().selectFrom('org_units').select(['id']).where('parent_id', '=', from.id).orderBy('code').execute();
    const target = await unit('330523104');
    const mv = await admin.post(`/api/org-units/${villages[5].id}/move`, { newParentId: target.id });
    expect(mv.statusCode, mv.body).toBe(200);
    expect(await drift()).toEqual([]);
    const other = await unit('330523106');
    const merge = await admin.post(`/api/org-units/${other.id}/merge`, { targetId: target.id });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await drift()).toEqual([]);
  });
});
