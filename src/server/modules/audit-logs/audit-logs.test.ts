// Audit entries carry the unit path of what they concern, and an auditor sees the entries of their
// range only (issue 10, item 4): a county auditor does not see the public-side entries (submission,
// query, rating) of another county's petition, nor that county's staff; sign-ins and registrations
// of the public concern no unit and go to the deployment's highest auditors only (no auditor above). And migration 0010 keeps the
// chain sealed before it verifying, while new entries seal their path too.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, TEST_KEY, type Agent, type TestApp } from '../../../../test/helpers/app';
import { runCli } from '../../../../test/cli/run-cli';
import { migrateToLatest } from '../../db/migrate';
import { systemDb, type SystemDb } from '../../db/system';
import type { OrgUnitTable } from '../../db/types';
import { insertUnitsUnscoped } from '../org-units';
import { PUBLIC_PRIVACY_NOTICE_VERSION, type PowChallengeDto } from '../../../shared/schemas/public-accounts';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import { newPersonId } from '../petitions/petitions-test-support';
import { solveChallenge } from '../public-accounts/public-accounts-test-support';
import path from 'node:path';
import { anchorLinesFromChainUnscoped, appendAudit, canonicalAudit, macEntriesBefore0015Unscoped, sealPendingUnscoped, verifyChainUnscoped } from '../../platform/audit.repo';
import { replaceAnchorHistory } from '../../platform/audit-anchor';
import { createFieldCrypto } from '../../platform/crypto';

const mac = createFieldCrypto(TEST_KEY, 'aes-256-gcm').auditMac;

type Page = { items: AuditLogDto[]; total: number };

describe.each(dbKinds)('audit entries by unit on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let auditor: Agent; // the demo county's (安吉县)
  let auditor2: Agent; // a second county's (德清县)
  let topAuditor: Agent; // the province's: the top unit
  const ids = { county: '', county2: '', petition1: '', petition2: '', account: '' };

  const pubPost = (a: Agent, url: string, body: Record<string, unknown> = {}) =>
    a.request('POST', url, body, a.cookies.rj_pub_csrf ? { 'x-csrf-token': a.cookies.rj_pub_csrf } : {});
  const entries = async (a: Agent, query = '') => {
    const res = await a.get(`/api/audit-logs?pageSize=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return json<Page>(res).items;
  };
  const has = (items: AuditLogDto[], action: string, targetId?: string) =>
    items.some((e) => e.action === action && (targetId === undefined || e.targetId === targetId));
  const unitByCode = async (code: string) => (await sys.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { LOGIN_RATE_LIMIT: '10000', PUBLIC_POW_DIFFICULTY: '4', PUBLIC_RATE_LIMIT: '10000' } });
    sys = systemDb(t.db.handle.db);
    ids.county = await unitByCode('330523');
    // the demo has one county: a second one beside it under the city (the demo's admin works for
    // the county and may not create it), with its own auditor
    const city = await sys.selectFrom('org_units').select(['id', 'path', 'depth']).where('code', '=', '3305').executeTakeFirstOrThrow();
    ids.county2 = 'deqing-county';
    const at = t.clock.now().toISOString();
    await insertUnitsUnscoped(sys, [{ id: ids.county2, parent_id: city.id, level: 'county', code: '330521', name: '德清县', path: `${city.path}${ids.county2}/`, depth: city.depth + 1, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: at, updated_at: at }]);
    await t.createUser({ username: 'auditor2', orgUnitId: ids.county2, roles: ['audit_admin'] });
    await t.createUser({ username: 'auditortop', orgUnitId: await unitByCode('33'), roles: ['audit_admin'] });
    await t.createUser({ username: 'worker2', orgUnitId: ids.county2, roles: ['worker'] });
    await t.login('worker2');
    // the demo auditor sits at the top unit (三员分立): the county's own auditor is made here
    await t.createUser({ username: 'auditorcounty', orgUnitId: ids.county, roles: ['audit_admin'] });
    auditor = await t.login('auditorcounty');
    auditor2 = await t.login('auditor2');
    topAuditor = await t.login('auditortop');

    // one public account petitions both counties, queries the second one's, and fails a query
    const pub = t.agent();
    const c = json<PowChallengeDto>(await pub.get('/api/public/accounts/challenge'));
    const phone = '13805720001';
    const reg = await pub.post('/api/public/accounts', {
      name: '孙建军', idNumber: newPersonId('1962-07-01'), phone, password: 'Veteran@2026', privacyNoticeVersion: PUBLIC_PRIVACY_NOTICE_VERSION,
      pow: { challenge: c.challenge, nonce: solveChallenge(c.challenge, c.difficulty) },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const body = { type: 'claim', category: 'placement', address: '某镇某村', request: '请求落实退役安置待遇', facts: '2024 年退役，至今未安排工作。' };
    const p1 = await pubPost(pub, '/api/public/petitions', { ...body, orgUnitId: ids.county });
    expect(p1.statusCode, p1.body).toBe(200);
    const p2 = await pubPost(pub, '/api/public/petitions', { ...body, orgUnitId: ids.county2 });
    expect(p2.statusCode, p2.body).toBe(200);
    ids.petition1 = json<{ id: string }>(p1).id;
    ids.petition2 = json<{ id: string; queryCode: string }>(p2).id;
    const q = await t.agent().post('/api/public/petition-query', { code: json<{ queryCode: string }>(p2).queryCode, phone });
    expect(q.statusCode, q.body).toBe(200);
    expect((await t.agent().post('/api/public/petition-query', { code: 'ABCDEFGHJK', phone })).statusCode).toBe(404);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the path of the unit with every new entry and seals it', async () => {
    const rows = await sys.selectFrom('audit_logs').select(['action', 'target_id', 'org_path', 'org_unit_id', 'hash_version']).execute();
    const county2Path = (await sys.selectFrom('org_units').select('path').where('id', '=', ids.county2).executeTakeFirstOrThrow()).path;
    expect(rows.every((r) => Number(r.hash_version) === 2)).toBe(true);
    const submit2 = rows.find((r) => r.action === 'petition.register' && r.target_id === ids.petition2);
    expect(submit2?.org_path).toBe(county2Path);
    const query2 = rows.find((r) => r.action === 'public.petition-query' && r.target_id === ids.petition2);
    expect(query2?.org_path).toBe(county2Path);
    expect(rows.filter((r) => r.action === 'public.register').map((r) => r.org_path)).toEqual([null]);
    for (const r of rows.filter((x) => x.org_unit_id)) expect(r.org_path, r.action).toMatch(/^\//);
  });

  it('shows a county auditor the public-side entries of their own petitions, not those of another county', async () => {
    const mine = await entries(auditor);
    expect(has(mine, 'petition.register', ids.petition1)).toBe(true);
    expect(has(mine, 'petition.register', ids.petition2)).toBe(false);
    expect(has(mine, 'public.petition-query', ids.petition2)).toBe(false);
    expect(has(mine, 'public.register')).toBe(false);
    expect(has(mine, 'public.petition-query')).toBe(false); // the failed query names no petition
    expect(mine.some((e) => e.username === 'worker2' || e.username === 'auditor2')).toBe(false);
    expect(mine.some((e) => e.username === 'county' || e.username === 'auditorcounty')).toBe(true);

    const theirs = await entries(auditor2);
    expect(has(theirs, 'petition.register', ids.petition2)).toBe(true);
    expect(has(theirs, 'public.petition-query', ids.petition2)).toBe(true);
    expect(has(theirs, 'petition.register', ids.petition1)).toBe(false);
    expect(has(theirs, 'public.register')).toBe(false);
    expect(theirs.some((e) => e.username === 'worker2')).toBe(true);
    expect(theirs.some((e) => e.username === 'auditor' || e.username === 'admin')).toBe(false);
    // a filter by target cannot reach around the range
    expect(await entries(auditor, `&targetId=${ids.petition2}`)).toEqual([]);
  });

  it("shows the top unit's auditor everything, the entries without a unit included", async () => {
    const all = await entries(topAuditor);
    expect(has(all, 'public.register')).toBe(true);
    expect(all.some((e) => e.action === 'public.petition-query' && e.result === 'failure')).toBe(true);
    expect(has(all, 'petition.register', ids.petition1)).toBe(true);
    expect(has(all, 'petition.register', ids.petition2)).toBe(true);
  });

  it('gives every entry its action in Chinese beside the code', async () => {
    const all = await entries(topAuditor);
    const labelOf = (code: string) => all.find((e) => e.action === code)?.actionLabel;
    expect(labelOf('petition.register')).toBe('登记信访事项');
    expect(labelOf('public.petition-query')).toBe('凭查询码查询信访');
    expect(labelOf('auth.login')).toBe('登录');
    expect(all.every((e) => /[\u4e00-\u9fa5]/.test(e.actionLabel)), JSON.stringify(all.filter((e) => !/[\u4e00-\u9fa5]/.test(e.actionLabel)).map((e) => e.action))).toBe(true);
  });

  it('gives the entries without a unit to the audit admins of the top unit only, even when none of them is active', async () => {
    expect(has(await entries(auditor), 'public.register')).toBe(false);
    expect(has(await entries(await t.login('auditor')), 'public.register')).toBe(true); // the demo's, at the top unit
    await sys.updateTable('users').set({ disabled: 1 }).where('username', 'in', ['auditortop', 'auditor']).execute();
    try {
      expect(has(await entries(auditor), 'public.register')).toBe(false);
      expect(has(await entries(auditor2), 'public.register')).toBe(false);
    } finally {
      await sys.updateTable('users').set({ disabled: 0 }).where('username', 'in', ['auditortop', 'auditor']).execute();
    }
  });

  it('the chain with paths verifies, and an edited path is caught', async () => {
    await sealPendingUnscoped(sys, t.db.handle.dialect, mac);
    expect(await verifyChainUnscoped(sys, mac)).toMatchObject({ ok: true, problems: [] });
    const victim = await sys.selectFrom('audit_logs').selectAll().where('action', '=', 'petition.register').where('target_id', '=', ids.petition2).executeTakeFirstOrThrow();
    // an attacker with the database drops the guards and moves the entry to the other county
    if (kind === 'postgres') await sql`alter table audit_logs disable trigger audit_logs_guard`.execute(sys);
    else await sql`drop trigger audit_logs_seal_only`.execute(sys);
    const countyPath = (await sys.selectFrom('org_units').select('path').where('id', '=', ids.county).executeTakeFirstOrThrow()).path;
    await sys.updateTable('audit_logs').set({ org_path: countyPath }).where('seq', '=', victim.seq).execute();
    const report = await verifyChainUnscoped(sys, mac);
    expect(report.ok).toBe(false);
    expect(report.problems.join()).toContain(`第 ${victim.chain_index} 条`);
    // claiming the old format to leave the path out does not help either
    await sys.updateTable('audit_logs').set({ org_path: victim.org_path, hash_version: 1 }).where('seq', '=', victim.seq).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(false);
    await sys.updateTable('audit_logs').set({ hash_version: 2 }).where('seq', '=', victim.seq).execute();
    expect((await verifyChainUnscoped(sys, mac)).ok).toBe(true);
  });
});

describe.each(dbKinds)('migration 0010 on a chain sealed before it, on %s', (kind) => {
  it('backfills the paths, keeps the old entries verifying, and guards the new column', async () => {
    const db = await createTestDb(kind, { migrate: false });
    try {
      await migrateToLatest(db.handle, { before: '0010' });
      const sys = systemDb(db.handle.db);
      const at = '2026-06-01T02:00:00.000Z';
      const unit = (id: string, parent: string | null, level: string, path: string) =>
        // the table as it was before 0060 (no key path)
        ({ id, parent_id: parent, level, code: id, name: id, path, depth: path.split('/').length - 2, address: '', phone: '', office_hours: '', head_name: '', active: 1, created_at: at, updated_at: at }) as OrgUnitTable;
      await sys.insertInto('org_units').values([unit('p', null, 'province', '/p/'), unit('c1', 'p', 'county', '/p/c1/'), unit('c2', 'p', 'county', '/p/c2/')]).execute();
      const entry = (n: number, orgUnitId: string | null) => ({
        chain_index: null, at, user_id: null, username: `u${n}`, org_unit_id: orgUnitId, org_path: null, action: `old.${n}`,
        target_type: null, target_id: null, result: 'success', ip: '10.0.0.1', detail: null, prev_hash: null, hash: null,
      });
      await sys.insertInto('audit_logs').values([entry(1, 'c1'), entry(2, 'c2'), entry(3, null)]).execute();
      // sealed in the old form, as the sealer of that time did: the hash does not cover a path
      type OldRow = { seq: number; chain_index: number | null; at: string; user_id: string | null; username: string | null; org_unit_id: string | null; action: string; target_type: string | null; target_id: string | null; result: string; ip: string | null; detail: string | null; prev_hash: string | null };
      const oldForm = (r: OldRow) =>
        JSON.stringify([Number(r.seq), r.chain_index, new Date(r.at).toISOString(), r.user_id, r.username, r.org_unit_id, r.action, r.target_type, r.target_id, r.result, r.ip, r.detail, r.prev_hash]);
      let prev: string | null = null;
      for (const [i, r] of (await sys.selectFrom('audit_logs').select(['seq', 'at', 'user_id', 'username', 'org_unit_id', 'action', 'target_type', 'target_id', 'result', 'ip', 'detail']).orderBy('seq').execute()).entries()) {
        const hash = mac(oldForm({ ...r, chain_index: i + 1, prev_hash: prev }));
        await sys.updateTable('audit_logs').set({ chain_index: i + 1, prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        prev = hash;
      }
      // one entry is still waiting for the sealer when the migration runs
      await sys.insertInto('audit_logs').values(entry(4, 'c2')).execute();

      await migrateToLatest(db.handle);
      // what boot() does after migration 0015: the entry written before it gets its MAC
      expect(await macEntriesBefore0015Unscoped(db.handle.db, mac)).toBe(1);
      const after = await sys.selectFrom('audit_logs').select(['username', 'org_path', 'hash_version', 'hash']).orderBy('seq').execute();
      expect(after.map((r) => [r.username, r.org_path, Number(r.hash_version)])).toEqual([
        ['u1', '/p/c1/', 1],
        ['u2', '/p/c2/', 1],
        ['u3', null, 1],
        ['u4', '/p/c2/', 2],
      ]);
      expect(await sealPendingUnscoped(sys, db.handle.dialect, mac)).toBe(1);
      await appendAudit(sys, { at, userId: null, username: 'u5', orgUnitId: 'c1', action: 'case.new.5', result: 'success' });
      expect(await sealPendingUnscoped(sys, db.handle.dialect, mac)).toBe(1);
      const sealed = await sys.selectFrom('audit_logs').selectAll().where('username', 'in', ['u4', 'u5']).orderBy('seq').execute();
      for (const r of sealed) {
        expect(r.hash).toBe(mac(canonicalAudit({ ...r, seq: Number(r.seq) })));
        expect(r.hash).not.toBe(mac(oldForm(r)));
      }
      expect(await verifyChainUnscoped(sys, mac)).toEqual({ ok: true, checked: 5, unsealed: 0, problems: [] });
      // the anchor history (a deployment of that time had one; restore writes it like this)
      const at2 = new Date().toISOString();
      replaceAnchorHistory(path.join(db.dataDir, 'audit-anchor.json'), await anchorLinesFromChainUnscoped(sys, mac, at2), at2);
      const cli = await runCli(['audit:verify'], { dataDir: db.dataDir, postgresUrl: db.handle.postgresUrl });
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toContain('审计日志完整：已校验 5 条');

      // the guards are back, and cover the new column
      const refused = async (p: Promise<unknown>) => expect(String(await p.then(() => 'accepted', (e: unknown) => (e as Error).message))).toMatch(/append-only/);
      await refused(sys.updateTable('audit_logs').set({ hash_version: 2 }).where('username', '=', 'u1').execute());
      await refused(sys.updateTable('audit_logs').set({ org_path: '/p/c2/' }).where('username', '=', 'u1').execute());
      await refused(sys.deleteFrom('audit_logs').where('username', '=', 'u1').execute());
      await sys.insertInto('audit_logs').values(entry(6, 'c1')).execute();
      await refused(sys.updateTable('audit_logs').set({ hash_version: 1 }).where('username', '=', 'u6').execute());
    } finally {
      await db.drop();
    }
  });
});
