// Assistance meets funds through one event, on every database: an approved application owes nothing
// while its 公示 runs; when the notice ends (公示期满, no objection upheld) its money and its goods
// become two payables of the person's unit, in the same transaction; a decision revoked during the
// notice never becomes a payable; the money payable is then paid from a fund and the balance falls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { AssistanceDetail } from '../../../shared/schemas/assistance';
import type { PayableDto } from '../../../shared/schemas/funds';
import { MANY_LOGINS, demoUnits, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';

describe.each(dbKinds)('assistance to funds on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let township: Agent;
  let county: Agent;
  let countyhead: Agent;
  const ids: Record<string, string> = {};
  let seq = 300;

  const loginAll = async () => {
    village = await t.login('village');
    township = await t.login('township');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
  };
  const act = async (a: Agent, d: AssistanceDetail, action: string, data?: Record<string, unknown>, comment = '') =>
    ok<AssistanceDetail>(await a.post(`/api/assistance/${d.id}/actions`, { action, version: d.version, comment, data }));
  /** Opened, verified by two, through the township's opinion, approved by the county: in its 公示. */
  const approved = async (name: string, decision: Record<string, unknown>) => {
    const p = await registerApproved(village, county, { ...simpleForm(units.village1.id, name, makeId('1958-03-0' + ((seq % 9) + 1), ++seq)), bankAccount: '6222020200112233445' });
    let d = ok<AssistanceDetail>(
      await village.post('/api/assistance', { recipientId: p.id, orgUnitId: units.village1.id, ground: 'familyChange', monthlyIncomeFen: 90000, members: 2, policies: [], narrative: '患重病，家庭收入微薄' }),
    );
    d = await act(village, d, 'verify', { verifierIds: [ids.village, ids.township], method: 'homeVisit', day: '2026-06-15', findings: '入户查看，情况属实', conclusion: 'true' });
    d = await act(village, d, 'submit', undefined, '情况属实');
    d = await act(township, d, 'opinion', undefined, '同意，报县级审批');
    return act(county, d, 'approve', decision, '同意');
  };
  const payablesOf = async (caseId: string) => ok<Page<PayableDto>>(await county.get('/api/funds/payables?pageSize=100')).items.filter((p) => p.sourceId === caseId);

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of await sys.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = u.id;
    t.clock.set('2026-06-15T02:00:00.000Z');
    await loginAll();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the end of the 公示 turns the money and the goods into payables; a revoked decision never does; the money is paid from a fund', async () => {
    const given = await approved('冯待发', { form: 'goods', amountFen: 30000, goods: [{ name: '大米', quantity: 2, valueFen: 20000 }] });
    const revoked = await approved('冯撤销', { form: 'money', amountFen: 50000, goods: [] });
    expect([given.status, revoked.status]).toEqual(['notice', 'notice']);
    // nothing is owed while the notice runs
    expect(await payablesOf(given.id)).toEqual([]);
    await act(county, revoked, 'revoke', undefined, '公示期间核实发现已享受同类救助');

    t.clock.set('2026-06-23T02:00:00.000Z');
    await loginAll();
    const ended = await act(county, await ok<AssistanceDetail>(await county.get(`/api/assistance/${given.id}`)), 'endNotice');
    expect(ended.status).toBe('followUp');
    const owed = await payablesOf(given.id);
    expect(owed.map((p) => [p.sourceKind, p.form, p.amountFen, p.orgUnitId, p.status]).sort()).toEqual([
      ['assistance', 'money', 30000, units.village1.id, 'pending'],
      ['assistanceGoods', 'goods', 20000, units.village1.id, 'pending'],
    ]);
    expect(owed.find((p) => p.form === 'goods')!.goods).toEqual([{ item: '大米', quantity: 2, valueFen: 20000 }]);
    expect(owed.every((p) => p.recipientName === '冯待发')).toBe(true);
    expect(await payablesOf(revoked.id)).toEqual([]);

    // the county pays the money by bank transfer from a fund with income: the balance falls by it
    const fund = ok<{ id: string }>(await county.post('/api/funds', { kind: 'budget', name: '困难帮扶专项资金', orgUnitId: units.county.id }));
    ok(await county.post(`/api/funds/${fund.id}/movements`, { kind: 'income', amountFen: 100000, note: '县财政拨付' }));
    const money = owed.find((p) => p.form === 'money')!;
    ok(await countyhead.post(`/api/funds/payables/${money.id}/disburse`, { fundId: fund.id, method: 'bank' }));
    expect((await payablesOf(given.id)).find((p) => p.form === 'money')!.status).toBe('paid');
    const balance = Number((await sys.selectFrom('fund_balances').select('balance_fen').where('fund_id', '=', fund.id).executeTakeFirstOrThrow()).balance_fen);
    expect(balance).toBe(70000);
  });
});
