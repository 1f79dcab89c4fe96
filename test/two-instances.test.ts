// Two server processes on one PostgreSQL, behind no sticky sessions (issue 11, production shape):
// a session made on one instance works on the other, both write at once, the background jobs run
// once at a time across the instances (advisory locks; the visit job records each run), both
// seal into one audit chain anchored in one shared file, and `audit:verify` finds it unbroken.
// PostgreSQL only: skipped without TEST_DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/db';
import { TEST_PASSWORD } from './helpers/app';
import { runCli, TEST_KEY_HEX } from './cli/run-cli';
import { spawnServer, type SpawnedServer } from './helpers/spawn-server';
import { systemDb } from '../src/server/db/system';
import { seedDemo } from '../src/server/cli/demo';
import { jobLockKey } from '../src/server/platform/job-lock.repo';
import { makeId, simpleForm } from '../src/server/modules/recipients/recipients-test-support';

/** A browser's cookie jar over fetch, usable against any instance. */
class Client {
  cookies: Record<string, string> = {};
  async request(base: string, method: string, url: string, body?: unknown) {
    const headers: Record<string, string> = { cookie: Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.cookies.rj_csrf) headers['x-csrf-token'] = this.cookies.rj_csrf;
    const res = await fetch(base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) delete this.cookies[name];
      else this.cookies[name] = value;
    }
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }
}

const waitFor = async (what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!process.env.TEST_DATABASE_URL)('two server instances on one PostgreSQL', () => {
  let db: TestDb;
  let shared: string;
  let anchorFile: string;
  let a: SpawnedServer | undefined;
  let b: SpawnedServer | undefined;

  beforeAll(async () => {
    db = await createTestDb('postgres');
    await seedDemo(systemDb(db.handle.db), { password: TEST_PASSWORD, at: new Date().toISOString() });
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'rj-shared-'));
    anchorFile = path.join(shared, 'audit-anchor.jsonl');
    const env = (name: string) => ({
      DATABASE_URL: db.handle.postgresUrl!,
      ENCRYPTION_KEY: TEST_KEY_HEX,
      AUDIT_ANCHOR_FILE: anchorFile,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `rj-${name}-`)),
      LOG_LEVEL: 'info',
      // the visit job every few hundred milliseconds on both, so their runs keep meeting
      VISIT_JOB_FIRST_MS: '200',
      VISIT_JOB_EVERY_MS: '300',
    });
    [a, b] = await Promise.all([spawnServer(env('a')), spawnServer(env('b'))]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
    if (shared) fs.rmSync(shared, { recursive: true, force: true });
  });

  it('serves one session on both, takes writes from both at once, runs each job once at a time, and keeps one chain', async () => {
    const sys = systemDb(db.handle.db);
    const user = new Client();
    // sign in on A, work on B with the same cookie
    const login = await user.request(a!.url, 'POST', '/api/auth/login', { username: 'village', password: TEST_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const me = await user.request(b!.url, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'village', stage: 'active' });

    // writes from both instances at once
    const unit = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow();
    const writes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        user.request(i % 2 ? b!.url : a!.url, 'POST', '/api/recipients', simpleForm(unit.org_unit_id, `双实例${i}`, makeId('1970-01-01', 300 + i))),
      ),
    );
    for (const w of writes) expect(w.status, JSON.stringify(w.body)).toBe(200);
    const created = await sys.selectFrom('recipients').select('id').where('name', 'like', '双实例%').execute();
    expect(created).toHaveLength(16);
    const entries = await sys.selectFrom('audit_logs').select('hash').where('action', '=', 'recipient.create').execute();
    expect(entries).toHaveLength(16);

    // the visit job: both instances run it, never two at once
    const pids = [String(a!.proc.pid), String(b!.proc.pid)];
    const runs = () => sys.selectFrom('job_runs').selectAll().where('name', '=', 'visits.generate').orderBy('started_at').execute();
    await waitFor('visit runs from both instances', async () => {
      const rs = await runs();
      return pids.every((p) => rs.some((r) => r.instance.endsWith(`:${p}`) && r.finished_at));
    });
    // while the lock is held elsewhere (here), neither instance starts a run; both say they skip
    const lock = new pg.Client({ connectionString: db.handle.postgresUrl });
    await lock.connect();
    const skips = () => [a!, b!].map((s) => s.output().split('another instance is generating').length);
    try {
      await lock.query('select pg_advisory_lock(727, $1)', [jobLockKey('visits.generate')]);
      // a run that had started before the lock was taken here ends first
      await waitFor('no visit run in progress', async () => (await runs()).every((r) => r.finished_at));
      const heldFrom = new Date();
      const before = skips();
      await waitFor('both instances skipping the job', () => skips().every((n, i) => n >= before[i]! + 2));
      const heldTo = new Date();
      const during = (await runs()).filter((r) => new Date(r.started_at) >= heldFrom && new Date(r.started_at) <= heldTo);
      expect(during).toEqual([]);
    } finally {
      await lock.query('select pg_advisory_unlock(727, $1)', [jobLockKey('visits.generate')]);
      await lock.end();
    }
    const all = await runs();
    expect(all.length).toBeGreaterThan(2);
    for (let i = 1; i < all.length; i++) {
      const prev = all[i - 1]!;
      expect(prev.finished_at, 'a run that never ended').not.toBeNull();
      expect(new Date(prev.finished_at!).getTime(), `runs ${prev.instance} and ${all[i]!.instance} overlap`).toBeLessThanOrEqual(new Date(all[i]!.started_at).getTime());
    }

    // one audit chain, sealed by both, anchored in the one shared file, verified by the CLI
    await waitFor('every entry sealed', async () => (await sys.selectFrom('audit_logs').select('seq').where('hash', 'is', null).execute()).length === 0);
    const verify = await runCli(['audit:verify'], { dataDir: shared, postgresUrl: db.handle.postgresUrl }, { AUDIT_ANCHOR_FILE: anchorFile });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计日志完整');
    const lines = fs.readFileSync(anchorFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { sealing: number });
    expect(lines.map((l) => l.sealing)).toEqual(lines.map((_, i) => i));
  }, 300_000);
});
