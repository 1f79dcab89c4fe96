// Property test (fast-check): random sequences of income, allocation, returns, single payments and
// payment batches (with random bank results) against a plain model of the shares. Each step is
// accepted exactly when the model says the share covers it (else a Chinese 409 that changes
// nothing); afterwards no share is negative, every roll-up equals the sum of its movements, the
// balances are the model's, and the reconciliation report closes to the cent over any split.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { BatchDetail, FundDetail, ReportDto } from '../../../shared/schemas/funds';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { MANY_LOGINS, demoUnits, makeId, ok, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';
import { addPayable, luhnCard } from './funds-test-support';
import { balancesFromMovementsUnscoped, balancesUnscoped } from './funds.repo';

type Share = 'county' | 'township';
type Op =
  | { op: 'income'; fen: number }
  | { op: 'allocate'; fen: number }
  | { op: 'return'; fen: number }
  | { op: 'pay'; share: Share; fen: number }
  | { op: 'batch'; items: { fen: number; paid: boolean }[] };

const fen = fc.integer({ min: 1, max: 50_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('income' as const), fen }),
  fc.record({ op: fc.constant('allocate' as const), fen }),
  fc.record({ op: fc.constant('return' as const), fen }),
  fc.record({ op: fc.constant('pay' as const), share: fc.constantFrom<Share>('county', 'township'), fen }),
  fc.record({ op: fc.constant('batch' as const), items: fc.array(fc.record({ fen, paid: fc.boolean() }), { minLength: 1, maxLength: 3 }) }),
);

describe.each(dbKinds)('funds properties on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let county: Agent;
  let payee: RecipientDetail;
  let day = 1;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    county = await t.login('county');
    const village = await t.login('village');
    payee = await registerApproved(village, county, simpleForm(units.village1.id, '吴随机', makeId('1961-02-03', 821), { bankAccount: luhnCard() }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never leaves a share negative and always reconciles', async () => {
    const runs = kind === 'sqlite' ? 12 : 4;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        // each run on its own two days: 23:55 and 00:05 China time (sessions stay alive across 10 minutes)
        const dnum = ((day - 1) % 27) + 1;
        const dd = String(dnum).padStart(2, '0');
        t.clock.set(`2026-07-${dd}T15:55:00.000Z`);
        county = await t.login('county');
        const f = ok<FundDetail>(await county.post('/api/funds', { orgUnitId: units.county.id, kind: 'budget', name: `随机基金${day}` }));
        const model: Record<Share, number> = { county: 0, township: 0 };
        const unitOf = (s: Share) => (s === 'county' ? units.county.id : units.township.id);
        const expectOutcome = (status: number, accepted: boolean) => expect(status, `accepted=${accepted}`).toBe(accepted ? 200 : 409);
        const firstDay = `2026-07-${dd}`;
        for (const [n, o] of ops.entries()) {
          // spread the steps over two days so the report's split has something on each side
          if (n === Math.ceil(ops.length / 2)) t.clock.set(`2026-07-${dd}T16:05:00.000Z`);
          if (o.op === 'income') {
            expectOutcome((await county.post(`/api/funds/${f.id}/movements`, { kind: 'income', amountFen: o.fen })).statusCode, true);
            model.county += o.fen;
          } else if (o.op === 'allocate') {
            const okay = model.county >= o.fen;
            expectOutcome((await county.post(`/api/funds/${f.id}/movements`, { kind: 'allocation', amountFen: o.fen, toUnitId: units.township.id })).statusCode, okay);
            if (okay) [model.county, model.township] = [model.county - o.fen, model.township + o.fen];
          } else if (o.op === 'return') {
            expectOutcome((await county.post(`/api/funds/${f.id}/movements`, { kind: 'return', amountFen: o.fen, unitId: units.township.id })).statusCode, true);
            model.township += o.fen;
          } else if (o.op === 'pay') {
            const id = await addPayable(t.app, { recipientId: payee.id, orgUnit: units.village1.id, amountFen: o.fen, form: 'money' });
            const okay = model[o.share] >= o.fen;
            expectOutcome((await county.post(`/api/funds/payables/${id}/disburse`, { fundId: f.id, shareUnitId: unitOf(o.share) })).statusCode, okay);
            if (okay) model[o.share] -= o.fen;
          } else {
            const ids: string[] = [];
            for (const it of o.items) ids.push(await addPayable(t.app, { recipientId: payee.id, orgUnit: units.village1.id, amountFen: it.fen, form: 'money' }));
            let b = ok<BatchDetail>(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f.id, payableIds: ids }));
            const total = o.items.reduce((s, it) => s + it.fen, 0);
            const conf = await county.post(`/api/funds/batches/${b.id}/confirm`, { version: b.version });
            expectOutcome(conf.statusCode, model.county >= total);
            if (conf.statusCode !== 200) {
              ok(await county.post(`/api/funds/batches/${b.id}/cancel`, { version: b.version, comment: '余额不足' }));
              continue;
            }
            b = ok<BatchDetail>(conf);
            b = ok<BatchDetail>(await county.post(`/api/funds/batches/${b.id}/export`, { version: b.version }));
            const results = o.items.map((it, i) => ({ payableId: ids[i], outcome: it.paid ? 'paid' : 'failed', bankReply: it.paid ? '' : '账户状态异常' }));
            ok(await county.post(`/api/funds/batches/${b.id}/results`, { version: b.version, results }));
            model.county -= o.items.filter((it) => it.paid).reduce((s, it) => s + it.fen, 0);
          }
        }
        // the shares: the model's, never negative, each the sum of its movements
        const stored = await balancesUnscoped(sys, f.id);
        const fromMoves = await balancesFromMovementsUnscoped(sys, f.id);
        for (const s of ['county', 'township'] as const) {
          expect(stored.get(unitOf(s)) ?? 0).toBe(model[s]);
          expect(model[s]).toBeGreaterThanOrEqual(0);
          expect(fromMoves.get(unitOf(s)) ?? 0).toBe(model[s]);
        }
        // the report closes to the cent, whole and split at any day
        const report = async (from: string, to: string, unit?: string) => ok<ReportDto>(await county.get(`/api/funds/${f.id}/report?from=${from}&to=${to}${unit ? `&unitId=${unit}` : ''}`));
        for (const unit of [undefined, units.county.id, units.township.id]) {
          const whole = await report('2026-01-01', '2026-12-31', unit);
          const first = await report('2026-01-01', firstDay, unit);
          const second = await report(`2026-07-${String(dnum + 1).padStart(2, '0')}`, '2026-12-31', unit);
          for (const r of [whole, first, second]) expect(r.closingFen).toBe(r.openingFen + r.incomeFen + r.allocatedInFen - r.allocatedOutFen - r.disbursedFen + r.returnedFen);
          expect(whole.openingFen).toBe(0);
          expect(first.closingFen).toBe(second.openingFen);
          expect(second.closingFen).toBe(whole.closingFen);
          expect(whole.closingFen).toBe(unit === units.county.id ? model.county : unit === units.township.id ? model.township : model.county + model.township);
        }
        day += 1;
      }),
      { numRuns: runs },
    );
  }, 600_000);
});
