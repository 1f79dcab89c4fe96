// Funds and disbursement through the real API on every database: funds and their movements with
// balances only from movements, refusals in Chinese that change nothing, payables with the payee's
// account masked and revealed under audit, single payments (bank, cash with reason and receipt,
// goods), the payment batch on the kernel (confirm, export, the bank file, results all-or-nothing),
// the reconciliation report, figures, the range guard, and (PostgreSQL) concurrent payments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { BatchDetail, FundDetail, FundDto, PayableDto, ReportDto } from '../../../shared/schemas/funds';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Page, type Units } from '../recipients/recipients-test-support';
import { addPayable, luhnCard } from './funds-test-support';
import { balancesFromMovementsUnscoped, balancesUnscoped } from './funds.repo';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

describe.each(dbKinds)('funds on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  let carded: RecipientDetail;
  let passbook: RecipientDetail;
  let noAccount: RecipientDetail;

  const money = async () => {
    const n = async (table: 'fund_movements' | 'fund_balances' | 'payables' | 'payment_batches' | 'files' | 'cases') => Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const bal = await sys.selectFrom('fund_balances').select(['fund_id', 'org_unit_id', 'balance_fen']).orderBy('fund_id').orderBy('org_unit_id').execute();
    const paid = await sys.selectFrom('payables').select(['id', 'batch_id', 'paid_movement_id']).orderBy('id').execute();
    return JSON.stringify([await n('fund_movements'), await n('fund_balances'), await n('payables'), await n('payment_batches'), await n('files'), await n('cases'), bal.map((b) => [b.fund_id, b.org_unit_id, Number(b.balance_fen)]), paid]);
  };
  const newFund = async (a: Agent, over: Record<string, unknown> = {}) => ok<FundDetail>(await a.post('/api/funds', { orgUnitId: units.county.id, kind: 'careFund', name: '县关爱基金', ...over }));
  const move = (a: Agent, fundId: string, body: Record<string, unknown>) => a.post(`/api/funds/${fundId}/movements`, { note: '', ...body });
  const fund = async (a: Agent, id: string) => ok<FundDetail>(await a.get(`/api/funds/${id}`));
  const share = (f: FundDto, unitId: string) => f.shares.find((s) => s.orgUnitId === unitId)?.balanceFen ?? 0;
  const payable = (recipient: RecipientDetail, amountFen: number, over: Record<string, unknown> = {}) => addPayable(t.app, { recipientId: recipient.id, orgUnit: recipient.orgUnitId, amountFen, form: 'money', ...over });
  const checkRollup = async (fundId: string) => {
    const fromMoves = await balancesFromMovementsUnscoped(sys, fundId);
    const stored = await balancesUnscoped(sys, fundId);
    for (const [u, n] of stored) {
      expect(n, 'a share never goes below zero').toBeGreaterThanOrEqual(0);
      expect(fromMoves.get(u) ?? 0, 'the roll-up is the sum of the movements').toBe(n);
    }
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    carded = await registerApproved(village, county, simpleForm(units.village1.id, '钱有卡', makeId('1960-01-01', 811), { bankAccount: luhnCard() }));
    passbook = await registerApproved(village, county, simpleForm(units.village1.id, '孙存折', makeId('1960-01-02', 812), { bankAccount: '6217000010001234567' }));
    noAccount = await registerApproved(village, county, simpleForm(units.village1.id, '周无卡', makeId('1960-01-03', 813)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates funds of each kind and refuses bad ones in Chinese, changing nothing', async () => {
    const before = await money();
    expectRefused(await county.post('/api/funds', { orgUnitId: units.county.id, kind: 'donation', name: '爱心捐款' }), 400, /捐赠方/);
    expectRefused(await county.post('/api/funds', { orgUnitId: units.county.id, kind: 'careFund', name: '' }), 400, /资金名称/);
    expectRefused(await county.post('/api/funds', { orgUnitId: units.county.id, kind: 'careFund', name: '定向', earmarkKind: 'person' }), 400, /服务对象/);
    expectRefused(await village.post('/api/funds', { orgUnitId: units.county.id, kind: 'careFund', name: '越界' }), 404);
    expect(await money()).toBe(before);
    const d = await newFund(county, { kind: 'donation', name: '某公司捐赠', donor: '某科技公司', purpose: '困难退役军人生活救助', earmarkKind: 'group', earmarkNote: '重病患者' });
    expect([d.kind, d.donor, d.earmarkKind, d.balanceFen, d.movements.length]).toEqual(['donation', '某科技公司', 'group', 0, 0]);
    const list = ok<{ items: FundDto[] }>(await county.get('/api/funds'));
    expect(list.items.map((f) => f.id)).toContain(d.id);
  });

  it('keeps balances from movements only: income, allocation below, return; overdrawing and bad amounts are refused', async () => {
    const f = await newFund(county);
    ok(await move(county, f.id, { kind: 'income', amountFen: 100_000_00, note: '县财政拨入' }));
    for (const amountFen of [-100, 0, 12.5, '100']) {
      const before = await money();
      expectRefused(await move(county, f.id, { kind: 'income', amountFen }), 400);
      expect(await money()).toBe(before);
    }
    let before = await money();
    const over = expectRefused(await move(county, f.id, { kind: 'allocation', amountFen: 100_000_01, toUnitId: units.township.id }), 409, /余额不足/);
    expect(over.message).toContain('100000.00');
    expect(await money()).toBe(before);
    expectRefused(await move(county, f.id, { kind: 'allocation', amountFen: 100, toUnitId: units.county.id }), 400, /下级/);
    ok(await move(county, f.id, { kind: 'allocation', amountFen: 30_000_00, toUnitId: units.township.id }));
    ok(await move(township, f.id, { kind: 'return', amountFen: 5_00, unitId: units.township.id, note: '上年结余退回' }));
    const d = await fund(county, f.id);
    expect([share(d, units.county.id), share(d, units.township.id), d.balanceFen]).toEqual([70_000_00, 30_005_00, 100_005_00]);
    expect(d.movements.map((m) => m.kind)).toEqual(['income', 'allocation', 'return']);
    // the township sees the fund through its share, and only its share
    const seen = await fund(township, f.id);
    expect(seen.shares.map((s) => s.orgUnitId)).toEqual([units.township.id]);
    // a village sees nothing of it
    expectRefused(await village.get(`/api/funds/${f.id}`), 404);
    before = await money();
    expectRefused(await move(township, f.id, { kind: 'allocation', amountFen: 30_005_01, unitId: units.township.id, toUnitId: units.village1.id }), 409);
    expect(await money()).toBe(before);
    await checkRollup(f.id);
    const audits = await sys.selectFrom('audit_logs').select('action').where('action', '=', 'fund.movement').where('target_id', '=', f.id).execute();
    expect(audits.length).toBe(3);
  });

  it('registers payables from approved aid with the payee account encrypted, masked, revealed under audit; warns on a bad check digit', async () => {
    const a = await payable(carded, 500_00);
    const b = await payable(passbook, 500_00);
    expect(await payable(carded, 500_00, { sourceId: 'same-source' })).toBe(await payable(carded, 500_00, { sourceId: 'same-source' }));
    const pa = ok<PayableDto>(await village.get(`/api/funds/payables/${a}`));
    const pb = ok<PayableDto>(await village.get(`/api/funds/payables/${b}`));
    expect(pa.accountMasked).toMatch(/^\*+\d{4}$/);
    expect(pa.accountWarning).toBeNull();
    expect(pb.accountWarning).toMatch(/校验位/);
    expect(pa.status).toBe('pending');
    const row = await sys.selectFrom('payables').select(['account_enc']).where('id', '=', a).executeTakeFirstOrThrow();
    expect(row.account_enc).not.toContain(luhnCard().slice(-6));
    const r = ok<{ account: string }>(await village.post(`/api/funds/payables/${a}/account`, {}));
    expect(r.account).toBe(luhnCard());
    const audit = await sys.selectFrom('audit_logs').select('action').where('target_id', '=', a).where('action', '=', 'fund.account-reveal').execute();
    expect(audit.length).toBe(1);
    expectRefused(await village2.get(`/api/funds/payables/${a}`), 404);
    const page = ok<Page<PayableDto>>(await village2.get('/api/funds/payables?pageSize=200'));
    expect(page.items.map((p) => p.id)).not.toContain(a);
  });

  it('pays one payable: bank by default, cash only with a reason and a signed receipt, goods with items; over the share is 409', async () => {
    const f = await newFund(county, { name: '单笔发放基金' });
    ok(await move(county, f.id, { kind: 'income', amountFen: 1_000_00 }));
    const p1 = await payable(carded, 300_00);
    const p2 = await payable(noAccount, 200_00);
    const p3 = await payable(carded, 1_000_01);
    const g = await payable(carded, 150_00, { form: 'goods', goods: [{ item: '米', quantity: 2, valueFen: 50_00 }, { item: '油', quantity: 1, valueFen: 50_00 }] });
    let before = await money();
    expectRefused(await county.post(`/api/funds/payables/${p2}/disburse`, { fundId: f.id }), 400, /银行账号/);
    expectRefused(await county.post(`/api/funds/payables/${p2}/disburse`, { fundId: f.id, method: 'cash', receipt: { name: 'r.png', mime: 'image/png', dataBase64: PNG } }), 400, /原因/);
    expectRefused(await county.post(`/api/funds/payables/${p2}/disburse`, { fundId: f.id, method: 'cash', cashReason: '本人无银行卡' }), 400, /签收单/);
    expectRefused(await county.post(`/api/funds/payables/${p2}/disburse`, { fundId: f.id, method: 'cash', cashReason: '本人无银行卡', receipt: { name: 'r.png', mime: 'image/jpeg', dataBase64: PNG } }), 400, /不符/);
    expectRefused(await county.post(`/api/funds/payables/${p3}/disburse`, { fundId: f.id }), 409, /余额不足/);
    expectRefused(await county.post(`/api/funds/payables/${g}/disburse`, { fundId: f.id, method: 'goods', goods: [{ item: '米', quantity: 1, valueFen: 50_00 }] }), 400, /不符/);
    expect(await money()).toBe(before);
    const bank = ok<{ payable: PayableDto; warning: string | null }>(await county.post(`/api/funds/payables/${p1}/disburse`, { fundId: f.id }));
    expect([bank.payable.status, bank.warning]).toEqual(['paid', null]);
    expectRefused(await county.post(`/api/funds/payables/${p1}/disburse`, { fundId: f.id }), 409, /重复/);
    ok(await county.post(`/api/funds/payables/${p2}/disburse`, { fundId: f.id, method: 'cash', cashReason: '本人无银行卡', receipt: { name: '签收单.png', mime: 'image/png', dataBase64: PNG } }));
    ok(await county.post(`/api/funds/payables/${g}/disburse`, { fundId: f.id, method: 'goods', goods: [{ item: '米', quantity: 2, valueFen: 50_00 }, { item: '油', quantity: 1, valueFen: 50_00 }] }));
    const file = await sys.selectFrom('files').select(['data_enc', 'owner_type']).where('owner_id', '=', p2).executeTakeFirstOrThrow();
    expect(file.data_enc).not.toContain(PNG.slice(0, 12));
    const receipt = await county.get(`/api/funds/payables/${p2}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.rawPayload.toString('base64')).toBe(PNG);
    const d = await fund(county, f.id);
    expect(d.balanceFen).toBe(1_000_00 - 300_00 - 200_00 - 150_00);
    expect(d.movements.filter((m) => m.kind === 'disbursement').map((m) => m.method)).toEqual(['bank', 'cash', 'goods']);
    before = await money();
    // a village cannot pay from the county's share
    expectRefused(await village.post(`/api/funds/payables/${p3}/disburse`, { fundId: f.id, shareUnitId: units.county.id }), 404);
    expect(await money()).toBe(before);
    await checkRollup(f.id);
  });

  it('runs a payment batch on the kernel: confirm, export the bank file, record results all-or-nothing; the balance falls', async () => {
    const f = await newFund(county, { name: '批次基金' });
    ok(await move(county, f.id, { kind: 'income', amountFen: 2_000_00 }));
    const ids = [await payable(carded, 400_00), await payable(passbook, 300_00), await payable(carded, 100_00)];
    expectRefused(await village.post('/api/funds/batches', { orgUnitId: units.village1.id, fundId: f.id, payableIds: ids }), 400, /县级/);
    expectRefused(await county.post('/api/funds/batches', { orgUnitId: units.village1.id, fundId: f.id, payableIds: ids }), 400, /县级/);
    const noAcc = await payable(noAccount, 10_00);
    expectRefused(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f.id, payableIds: [...ids, noAcc] }), 400, /银行账号/);
    let b = ok<BatchDetail>(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f.id, payableIds: ids }));
    expect([b.status, b.itemCount, b.totalFen]).toEqual(['draft', 3, 800_00]);
    expect(b.items.find((i) => i.recipientName === '孙存折')?.accountWarning).toMatch(/校验位/);
    expectRefused(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f.id, payableIds: [ids[0]] }), 409);
    expectRefused(await county.get(`/api/funds/batches/${b.id}/transfer-file`), 409);
    expectRefused(await township.post(`/api/funds/batches/${b.id}/confirm`, { version: b.version }), 403);
    expectRefused(await township.get(`/api/funds/batches/${b.id}`), 404);
    await t.createUser({ username: 'countyworker', roles: ['worker'], orgUnitId: units.county.id });
    const worker = await t.login('countyworker');
    expectRefused(await worker.post(`/api/funds/batches/${b.id}/confirm`, { version: b.version }), 403);
    b = ok<BatchDetail>(await county.post(`/api/funds/batches/${b.id}/confirm`, { version: b.version }));
    expectRefused(await county.post(`/api/funds/batches/${b.id}/confirm`, { version: b.version }), 409);
    b = ok<BatchDetail>(await county.post(`/api/funds/batches/${b.id}/export`, { version: b.version }));
    expect(b.status).toBe('exported');
    // the bank file: masked by default; headers on row 1; who and when in the properties only
    const masked = await county.get(`/api/funds/batches/${b.id}/transfer-file`);
    expect(masked.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '收款账号', '收款人姓名', '金额（元）', '摘要']);
    expect(ws.rowCount).toBe(4);
    const amounts = [2, 3, 4].map((r) => ws.getCell(r, 4).value).sort();
    expect(amounts).toEqual(['100.00', '300.00', '400.00']);
    expect(String(ws.getCell(2, 2).value)).toMatch(/^\*+\d{4}$/);
    expect(wb.creator).toContain('李红梅');
    expect(wb.description).toContain('导出时间');
    expectRefused(await worker.get(`/api/funds/batches/${b.id}/transfer-file?unmasked=1&purpose=${encodeURIComponent('报送银行')}`), 403);
    expectRefused(await county.get(`/api/funds/batches/${b.id}/transfer-file?unmasked=1`), 400);
    const clear = await county.get(`/api/funds/batches/${b.id}/transfer-file?unmasked=1&purpose=${encodeURIComponent('报送银行代发')}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(clear.rawPayload as unknown as ArrayBuffer);
    const accounts = [2, 3, 4].map((r) => String(wb2.worksheets[0].getCell(r, 2).value));
    expect(accounts).toContain(luhnCard());
    expect(wb2.description).toContain('报送银行代发');
    const exportAudits = await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'fund.transfer-export').where('target_id', '=', b.id).execute();
    expect(exportAudits.length).toBe(2);

    // results: every item once, all or nothing
    let before = await money();
    expectRefused(await county.post(`/api/funds/batches/${b.id}/results`, { version: b.version, results: [{ payableId: ids[0], outcome: 'paid' }] }), 400, /逐笔/);
    expectRefused(await county.post(`/api/funds/batches/${b.id}/results`, { version: b.version, results: [{ payableId: ids[0], outcome: 'paid' }, { payableId: ids[1], outcome: 'failed' }, { payableId: ids[2], outcome: 'paid' }] }), 400, /银行回复/);
    expect(await money()).toBe(before);
    b = ok<BatchDetail>(
      await county.post(`/api/funds/batches/${b.id}/results`, {
        version: b.version,
        results: [
          { payableId: ids[0], outcome: 'paid', bankReply: '成功' },
          { payableId: ids[1], outcome: 'failed', bankReply: '户名与账号不符' },
          { payableId: ids[2], outcome: 'paid' },
        ],
      }),
    );
    expect([b.status, b.paidCount, b.paidFen, b.failedCount, b.shareBalanceFen]).toEqual(['recorded', 2, 500_00, 1, 1_500_00]);
    const failed = ok<PayableDto>(await county.get(`/api/funds/payables/${ids[1]}`));
    expect([failed.status, failed.lastFailure]).toEqual(['pending', '户名与账号不符']);
    expect(ok<PayableDto>(await county.get(`/api/funds/payables/${ids[0]}`)).status).toBe('paid');
    b = ok<BatchDetail>(await county.post(`/api/funds/batches/${b.id}/close`, { version: b.version }));
    expect(b.status).toBe('closed');
    expect(b.log.map((l) => l.actionLabel)).toEqual(expect.arrayContaining(['确认批次', '导出代发文件', '登记发放结果', '办结']));
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    await checkRollup(f.id);

    // a batch whose results would overdraw the share is refused whole
    const f2 = await newFund(county, { name: '小额基金' });
    ok(await move(county, f2.id, { kind: 'income', amountFen: 500_00 }));
    const two = [await payable(carded, 300_00), await payable(carded, 200_00)];
    let b2 = ok<BatchDetail>(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f2.id, payableIds: two }));
    b2 = ok<BatchDetail>(await county.post(`/api/funds/batches/${b2.id}/confirm`, { version: b2.version }));
    b2 = ok<BatchDetail>(await county.post(`/api/funds/batches/${b2.id}/export`, { version: b2.version }));
    ok(await move(county, f2.id, { kind: 'allocation', amountFen: 100_00, toUnitId: units.township.id }));
    before = await money();
    expectRefused(await county.post(`/api/funds/batches/${b2.id}/results`, { version: b2.version, results: two.map((payableId) => ({ payableId, outcome: 'paid' })) }), 409, /余额不足/);
    expect(await money()).toBe(before);
    // a cancelled batch gives its payables back
    const three = [await payable(carded, 1_00)];
    const b3 = ok<BatchDetail>(await county.post('/api/funds/batches', { orgUnitId: units.county.id, fundId: f2.id, payableIds: three }));
    expectRefused(await county.post(`/api/funds/batches/${b3.id}/cancel`, { version: b3.version, comment: '' }), 400);
    expect(ok<BatchDetail>(await county.post(`/api/funds/batches/${b3.id}/cancel`, { version: b3.version, comment: '金额有误' })).status).toBe('cancelled');
    expect(ok<PayableDto>(await county.get(`/api/funds/payables/${three[0]}`)).status).toBe('pending');
    // outside the range
    expectRefused(await village2.get(`/api/funds/batches/${b.id}`), 404);
  });

  it('reconciles a fund over a period to the cent and exports the report', async () => {
    const f = await newFund(county, { name: '对账基金' });
    t.clock.set('2026-05-10T02:00:00.000Z');
    ok(await move(county, f.id, { kind: 'income', amountFen: 1_000_01 }));
    t.clock.set('2026-06-02T02:00:00.000Z');
    ok(await move(county, f.id, { kind: 'income', amountFen: 200_00 }));
    ok(await move(county, f.id, { kind: 'allocation', amountFen: 300_33, toUnitId: units.township.id }));
    ok(await county.post(`/api/funds/payables/${await payable(carded, 99_99)}/disburse`, { fundId: f.id }));
    ok(await move(county, f.id, { kind: 'return', amountFen: 1_11 }));
    t.clock.set('2026-06-15T02:00:00.000Z');
    const whole = ok<ReportDto>(await county.get(`/api/funds/${f.id}/report?from=2026-06-01&to=2026-06-30`));
    expect([whole.openingFen, whole.incomeFen, whole.allocatedInFen, whole.allocatedOutFen, whole.disbursedFen, whole.returnedFen]).toEqual([1_000_01, 200_00, 300_33, 300_33, 99_99, 1_11]);
    expect(whole.closingFen).toBe(whole.openingFen + whole.incomeFen + whole.allocatedInFen - whole.allocatedOutFen - whole.disbursedFen + whole.returnedFen);
    expect(whole.closingFen).toBe((await fund(county, f.id)).balanceFen);
    const c = ok<ReportDto>(await county.get(`/api/funds/${f.id}/report?from=2026-06-01&to=2026-06-30&unitId=${units.county.id}`));
    expect(c.closingFen).toBe(1_000_01 + 200_00 - 300_33 - 99_99 + 1_11);
    expectRefused(await county.get(`/api/funds/${f.id}/report?from=2026-06-30&to=2026-06-01`), 400);
    const x = await county.get(`/api/ledgers/funds/${f.id}/report?from=2026-06-01&to=2026-06-30`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = Array.from(wb.worksheets[0].getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows.find((r) => r[0] === '期末余额')?.[3]).toBe((whole.closingFen / 100).toFixed(2));
    const fig = ok<{ byFund: { fundId: string; paidFen: number }[]; daysToPay: { count: number } }>(await county.get('/api/funds/figures?from=2026-06-01&to=2026-06-30'));
    expect(fig.byFund.find((b) => b.fundId === f.id)?.paidFen).toBe(99_99);
    expect(fig.daysToPay.count).toBeGreaterThan(0);
  });

  it('answers every refusal in Chinese', async () => {
    const r = await county.post('/api/funds/nope/movements', { kind: 'income', amountFen: 1 });
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toMatch(chinese);
  });

  it.runIf(kind === 'postgres')('concurrent payments from one fund never overspend it', async () => {
    const f = await newFund(county, { name: '并发基金' });
    ok(await move(county, f.id, { kind: 'income', amountFen: 250_00 }));
    const ids = await Promise.all(Array.from({ length: 6 }, () => payable(carded, 100_00)));
    const agents = await Promise.all(ids.map(() => t.login('county')));
    const res = await Promise.all(ids.map((id, n) => agents[n].post(`/api/funds/payables/${id}/disburse`, { fundId: f.id })));
    const codes = res.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 409, 409, 409, 409]);
    const d = await fund(county, f.id);
    expect(d.balanceFen).toBe(50_00);
    expect(d.movements.filter((m) => m.kind === 'disbursement').reduce((s, m) => s + m.amountFen, 0)).toBe(200_00);
    await checkRollup(f.id);
  });
});
