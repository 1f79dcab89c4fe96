// Exports with sensitive columns, through the HTTP API on both databases: masked as on screen by
// default, even for a role that may export clear values; a clear export only as an explicit choice
// (unmasked=1) with the permission sensitive:export and a stated purpose, limited to the user's
// range, marked with the user and the time (a watermark row and the workbook's properties), and
// audited with its row count and purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../helpers/app';
import { dbKinds } from '../helpers/db';
import { workbookOf } from '../helpers/xlsx';
import { systemDb } from '../../src/server/db/system';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, registerApproved, type Units } from '../../src/server/modules/recipients/recipients-test-support';
import { petitionBody, registerPetition } from '../../src/server/modules/petitions/petitions-test-support';
import { maskIdNumber } from '../../src/shared/rules/id-number';
import { maskPhone } from '../../src/shared/rules/phone';

const PURPOSE = '核对2026年优待金发放名单';
const q = (purpose: string) => `unmasked=1&purpose=${encodeURIComponent(purpose)}`;

describe.each(dbKinds)('sensitive exports on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let townshipHead: Agent;
  let county: Agent;
  const sys = () => systemDb(t.db.handle.db);
  const ids = [makeId('1966-03-03', 811), makeId('1967-04-04', 813)];
  const phones = ['13957201111', '13957202222'];

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    townshipHead = await t.login('townshiphead');
    county = await t.login('county');
    await registerApproved(village, county, { kind: 'veteran', orgUnitId: units.village1.id, name: '敏感甲', idNumber: ids[0], phone: phones[0], recipientGroup: 'dischargedSoldier' });
    // another township's record: outside the township head's range
    await registerApproved(county, county, { kind: 'veteran', orgUnitId: units.hanggaiVillage.id, name: '敏感乙', idNumber: ids[1], phone: phones[1], recipientGroup: 'dischargedSoldier' });
    await registerPetition(township, petitionBody(units.township.id, township.me!.id, { petitionerName: '敏感丙', phone: phones[0] }));
    void village2;
  });
  afterAll(async () => {
    await t?.close();
  });

  const lastAudit = async (action: string) =>
    sys().selectFrom('audit_logs').select(['detail', 'username', 'seq']).where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();
  const auditCount = async () => Number((await sys().selectFrom('audit_logs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** The data rows of the first sheet as header → value, after the rows above the header. */
  async function rowsOf(body: Buffer, headerCell: string) {
    const wb = await workbookOf(body);
    const ws = wb.worksheets[0];
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (!headerRow && (row.values as unknown[]).includes(headerCell)) headerRow = n;
    });
    const header = (ws.getRow(headerRow).values as unknown[]).slice(1);
    const rows: Record<string, unknown>[] = [];
    for (let n = headerRow + 1; n <= ws.rowCount; n++) rows.push(Object.fromEntries(header.map((h, i) => [String(h), ws.getCell(n, i + 1).value])));
    return { wb, ws, headerRow, rows };
  }

  it('exports the registry masked by default, even for a role that may export clear values', async () => {
    const res = await county.get('/api/ledgers/recipients?q=敏感');
    expect(res.statusCode, res.body).toBe(200);
    const { rows, headerRow, wb } = await rowsOf(res.rawPayload, '公民身份号码');
    expect(headerRow).toBe(3); // title, the responsible line, then the header
    expect(rows.map((r) => r['公民身份号码']).sort()).toEqual(ids.map(maskIdNumber).sort());
    expect(rows.map((r) => r['联系电话']).sort()).toEqual(phones.map(maskPhone).sort());
    for (const id of ids) expect(res.rawPayload.toString('latin1')).not.toContain(id);
    // who and when, in the properties of every export
    expect(wb.creator).toContain('李红梅（county');
    expect(wb.description).toMatch(/^脱敏导出；导出人：李红梅.*导出时间：2026-06-15 10:00:00$/);
    expect(JSON.parse((await lastAudit('ledger.export'))!.detail!)).toMatchObject({ rows: 2, sensitive: 'masked' });
  });

  it('refuses a clear export without the permission (403) or without a purpose (400), and exports nothing', async () => {
    for (const [agent, url, status, message] of [
      [township, `/api/ledgers/recipients?${q(PURPOSE)}`, 403, /没有导出敏感信息明文的权限/],
      [township, `/api/ledgers/petitions?${q(PURPOSE)}`, 403, /没有导出敏感信息明文的权限/],
      [county, '/api/ledgers/recipients?unmasked=1', 400, /明文导出须填写用途/],
      [county, '/api/ledgers/petitions?unmasked=1', 400, /明文导出须填写用途/],
      [county, `/api/ledgers/recipients?${q(' 核 ')}`, 400, /2～200 个字/],
      [county, `/api/ledgers/recipients?${q('用'.repeat(201))}`, 400, /2～200 个字/],
      [county, `/api/ledgers/recipients?${q('用'.repeat(1001))}`, 400, /用途/],
      [county, '/api/ledgers/recipients?unmasked=yes', 400, /unmasked/],
    ] as const) {
      const before = await auditCount();
      const res = await agent.get(url);
      expectRefused(res, status, message);
      expect(res.headers['content-type']).not.toContain('spreadsheet');
      expect(await auditCount(), url).toBe(before);
    }
  });

  it('exports clear values with a purpose: watermark and properties with the user and time, audited with rows and purpose', async () => {
    const res = await county.get(`/api/ledgers/recipients?q=敏感&${q(PURPOSE)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-ledger-rows']).toBe('2');
    const { rows, headerRow, ws, wb } = await rowsOf(res.rawPayload, '公民身份号码');
    expect(headerRow).toBe(4); // watermark, title, the responsible line, then the header
    expect(rows.map((r) => r['公民身份号码']).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r['联系电话']).sort()).toEqual([...phones].sort());
    const mark = String(ws.getCell(1, 1).value);
    expect(mark).toContain('明文导出');
    expect(mark).toContain('导出人：李红梅（county，');
    expect(mark).toContain('导出时间：2026-06-15 10:00:00');
    expect(mark).toContain(`用途：${PURPOSE}`);
    expect(wb.creator).toContain('李红梅（county');
    expect(wb.description).toContain(`用途：${PURPOSE}`);
    expect(wb.created?.toISOString()).toBe('2026-06-15T02:00:00.000Z');
    const audit = (await lastAudit('ledger.export'))!;
    expect(audit.username).toBe('county');
    const detail = JSON.parse(audit.detail!) as Record<string, unknown>;
    expect(detail).toMatchObject({ rows: 2, sensitive: 'clear', purpose: PURPOSE, filter: { q: '敏感' } });
    expect(detail.filter).not.toHaveProperty('purpose');

    // the petition ledger likewise
    const p = await county.get(`/api/ledgers/petitions?q=敏感&${q(PURPOSE)}`);
    expect(p.statusCode, p.body).toBe(200);
    const pr = await rowsOf(p.rawPayload, '联系电话');
    expect(pr.rows.map((r) => r['联系电话'])).toEqual([phones[0]]);
    expect(String(pr.ws.getCell(1, 1).value)).toContain(`用途：${PURPOSE}`);
    expect(JSON.parse((await lastAudit('petition.export'))!.detail!)).toMatchObject({ rows: 1, sensitive: 'clear', purpose: PURPOSE });
    // and masked by default
    const pm = await rowsOf((await county.get('/api/ledgers/petitions?q=敏感')).rawPayload, '联系电话');
    expect(pm.rows.map((r) => r['联系电话'])).toEqual([maskPhone(phones[0])]);
    expect(JSON.parse((await lastAudit('petition.export'))!.detail!)).toMatchObject({ rows: 1, sensitive: 'masked' });
  });

  it('keeps a clear export within the user’s range', async () => {
    const res = await townshipHead.get(`/api/ledgers/recipients?q=敏感&${q(PURPOSE)}`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await rowsOf(res.rawPayload, '公民身份号码');
    expect(rows.map((r) => r['公民身份号码'])).toEqual([ids[0]]);
    expect(res.rawPayload.toString('latin1')).not.toContain(ids[1]);
    expect(JSON.parse((await lastAudit('ledger.export'))!.detail!)).toMatchObject({ rows: 1, sensitive: 'clear', purpose: PURPOSE });
    expectRefused(await townshipHead.get(`/api/ledgers/recipients?orgUnitId=${units.hanggaiVillage.id}&${q(PURPOSE)}`), 404);
  });
});
