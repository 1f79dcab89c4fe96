// A real app on a real database with the demo county, driven through app.inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import { systemDb } from '../../src/server/db/system';
import { ManualClock } from '../../src/server/platform/clock';
import { createFieldCrypto } from '../../src/server/platform/crypto';
import { totpCode, totpStep } from '../../src/server/platform/totp';
import { seedDemo } from '../../src/server/cli/demo';
import type { MeDto } from '../../src/shared/schemas/auth';
import type { Role } from '../../src/shared/permissions';
import { newId } from '../../src/server/platform/ids';
import { hashPassword } from '../../src/server/platform/passwords';
import { insertUserUnscoped } from '../../src/server/modules/staff';
import { inject } from 'vitest';
import { createTestDb, type DbKind, type DbTemplate, type TestDb } from './db';

export const TEST_PASSWORD = 'Demo@Pass2026';
export const TEST_KEY = Buffer.alloc(32, 7);
/** A fixed "today" (Asia/Shanghai 2026-06-15 10:00). */
export const TEST_NOW = '2026-06-15T02:00:00.000Z';

export type TestApp = {
  app: FastifyInstance;
  clock: ManualClock;
  db: TestDb;
  config: Config;
  agent: (username?: string) => Agent;
  /** signs a demo account in (admins: enrols TOTP on first use), returns its agent */
  login: (username: string, password?: string) => Promise<Agent>;
  /** inserts an account directly (no first-sign-in change), in the unit with this id */
  createUser: (u: { username: string; roles: Role[]; orgUnitId: string }) => Promise<string>;
  close: () => Promise<void>;
};

type Body = Record<string, unknown> | unknown[] | string | undefined;

export class Agent {
  cookies: Record<string, string> = {};
  totpSecret?: string;
  me?: MeDto;
  constructor(
    readonly app: FastifyInstance,
    readonly username?: string,
  ) {}
  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: Body, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      payload: body as never,
      headers: {
        ...(Object.keys(this.cookies).length && {
          cookie: Object.entries(this.cookies)
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
        }),
        ...(this.cookies.rj_csrf && method !== 'GET' && { 'x-csrf-token': this.cookies.rj_csrf }),
        ...headers,
      },
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Body) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body?: Body) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: Body) {
    return this.request('PATCH', url, body ?? {});
  }
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/**
 * Migrates a database and seeds the demo county as createTestApp does: test/global-setup.ts runs it
 * once per test run into the templates every createTestApp database is copied from.
 */
export async function seedTestDemo(db: TestDb): Promise<void> {
  await seedDemo(systemDb(db.handle.db), { password: TEST_PASSWORD, at: TEST_NOW });
}

export async function createTestApp(kind: DbKind, opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  // the migrated demo county, copied from this run's template (made once), or made here
  const template: DbTemplate | undefined = process.env.TEST_DB_TEMPLATES === '0' ? undefined : inject('demoDbTemplate');
  const fromTemplate = !!(kind === 'sqlite' ? template?.sqliteFile : template?.postgresDb);
  const db = await createTestDb(kind, { template: fromTemplate ? template : undefined });
  const config = loadConfig({ DATA_DIR: db.dataDir, LOG_LEVEL: 'silent', WEB_DIR: './dist/web', ...opts.env });
  const clock = new ManualClock(TEST_NOW);
  const crypto = createFieldCrypto(TEST_KEY, config.cipher);
  if (!fromTemplate) await seedTestDemo(db);
  const app = await buildApp({ config, handle: db.handle, clock, crypto, logger: false });
  await app.ready();
  const secrets = new Map<string, string>();
  let passwordHash: string | undefined;
  const t: TestApp = {
    app,
    clock,
    db,
    config,
    agent: (username?: string) => new Agent(app, username),
    login: async (username: string, password = TEST_PASSWORD) => {
      const a = new Agent(app, username);
      const res = await a.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      let me = json<MeDto>(res);
      if (me.stage === 'totp-enrol') {
        const setup = json<{ secret: string }>(await a.post('/api/me/totp/setup'));
        secrets.set(username, setup.secret);
        const code = totpCode(setup.secret, totpStep(clock.now()));
        const r = await a.post('/api/me/totp/confirm', { code });
        if (r.statusCode !== 200) throw new Error(`totp enrol ${username} failed: ${r.body}`);
        me = json<MeDto>(r);
        clock.advance(31); // the next code must be a new one
      } else if (me.stage === 'totp') {
        const secret = secrets.get(username);
        if (!secret) throw new Error(`no TOTP secret known for ${username}`);
        const r = await a.post('/api/auth/totp', { code: totpCode(secret, totpStep(clock.now())) });
        if (r.statusCode !== 200) throw new Error(`totp ${username} failed: ${r.body}`);
        me = json<MeDto>(r);
        clock.advance(31);
      }
      a.totpSecret = secrets.get(username);
      a.me = me;
      return a;
    },
    createUser: async (u) => {
      const sys = systemDb(db.handle.db);
      const unit = await sys.selectFrom('org_units').select(['id', 'path']).where('id', '=', u.orgUnitId).executeTakeFirstOrThrow();
      const at = clock.now().toISOString();
      const id = newId();
      await insertUserUnscoped(sys, {
        id, username: u.username, display_name: u.username, org_unit_id: unit.id, org_path: unit.path,
        roles: JSON.stringify(u.roles), title: '', work_phone: '', show_in_directory: 0,
        password_hash: (passwordHash ??= await hashPassword(TEST_PASSWORD)), password_changed_at: at, must_change_password: 0,
        failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null,
        is_demo: 1, last_login_at: null, created_at: at, updated_at: at,
      });
      return id;
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
  return t;
}
