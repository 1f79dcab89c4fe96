// Shared by the sign-in and security tests: the policy as the security admin, raw requests that
// leave out or forge the CSRF header, the sign-in log as the auditor.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { json, TEST_PASSWORD, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { SecurityPolicy } from '../../../shared/schemas/security-policy';
import type { AuditLogDto } from '../../../shared/schemas/audit-logs';
import type { MeDto } from '../../../shared/schemas/auth';
import type { AuthContext } from '../../platform/auth';
import { sha256Hex } from '../../platform/crypto';
import { findSessionUnscoped } from './auth.repo';
import { authContextFromRow } from './auth.realm';

/** Tests sign in far more often than a person: the per-IP limit is shown in its own test. */
export const MANY_LOGINS = { LOGIN_RATE_LIMIT: '10000' };

export type ErrorBody = { error: string; message: string; details?: { path: string; message: string }[] };
export const chinese = /[\u4e00-\u9fa5]/;

export function errorOf(res: LightMyRequestResponse): ErrorBody {
  return JSON.parse(res.body) as ErrorBody;
}

/** A refusal: this status, a Chinese message (matching `message` when given). */
export function expectRefused(res: LightMyRequestResponse, status: number, message?: RegExp, code?: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorOf(res);
  expect(body.message).toMatch(chinese);
  if (message) expect(body.message).toMatch(message);
  if (code) expect(body.error).toBe(code);
  return body;
}

/** Signs in with a password only (no TOTP handling); returns the response and the agent. */
export async function passwordLogin(t: TestApp, username: string, password = TEST_PASSWORD) {
  const a = t.agent(username);
  const res = await a.post('/api/auth/login', { username, password });
  return { a, res, me: res.statusCode === 200 ? json<MeDto>(res) : undefined };
}

/** The security admin changes some policy fields; returns the stored policy. */
export async function setPolicy(security: Agent, patch: Partial<SecurityPolicy>): Promise<SecurityPolicy> {
  const cur = await security.get('/api/security-policy');
  expect(cur.statusCode, cur.body).toBe(200);
  const res = await security.put('/api/security-policy', { ...json<SecurityPolicy>(cur), ...patch });
  expect(res.statusCode, res.body).toBe(200);
  return json<SecurityPolicy>(res);
}

/** A request with the agent's cookies but the CSRF header left out (undefined) or set to `csrf`. */
export function rawRequest(
  t: TestApp,
  a: Agent,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  opts: { body?: unknown; csrf?: string; headers?: Record<string, string> } = {},
) {
  const cookie = Object.entries(a.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return t.app.inject({
    method,
    url,
    payload: opts.body as never,
    headers: { ...(cookie && { cookie }), ...(opts.csrf !== undefined && { 'x-csrf-token': opts.csrf }), ...opts.headers },
  });
}

/** Sign-in log entries (newest first) as the auditor sees them. */
export async function auditLog(t: TestApp, auditor: Agent, query: string): Promise<AuditLogDto[]> {
  await t.app.sealer.sealNow();
  const res = await auditor.get(`/api/audit-logs?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return json<{ items: AuditLogDto[] }>(res).items;
}

/** The AuthContext of a signed-in agent, for calling a service directly. */
export async function authOf(a: Agent): Promise<AuthContext> {
  const row = await findSessionUnscoped(a.app.ctx.db, sha256Hex(a.cookies.rj_session));
  if (!row) throw new Error('authOf: no session');
  return authContextFromRow(row);
}
