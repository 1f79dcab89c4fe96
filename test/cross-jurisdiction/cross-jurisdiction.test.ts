// The shared cross-jurisdiction suite (DESIGN.md): for every route in the OpenAPI document,
// the owner's unit gets 2xx, and users with the same roles in a sibling unit and in a child
// unit get 404 (or a list without the record) and change nothing: no row of any table but the
// sessions and the audit trail is written (world.ts watches every table), and the owner's own
// write is seen by that watch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/db';
import { fixtures, unscopedRoutes } from './fixtures';
import { buildWorld, type World } from './world';

/**
 * Writes that store nothing but their audit entry (unwatched, world.ts): reveals of a sensitive
 * field, the ID-number check, and owed-visit generation when every visit is already owed.
 */
const auditOnly = new Set([
  'POST /api/recipients/check-id',
  'POST /api/recipients/{id}/reveal',
  'POST /api/visits/generate',
  'POST /api/petitions/{id}/reveal',
  'POST /api/feedback/{id}/reveal',
  'POST /api/funds/payables/{id}/account',
  'POST /api/care-records/{id}/reveal',
  'POST /api/employment/employers/{id}/reveal',
]);

describe.each(dbKinds)('cross-jurisdiction on %s', (kind) => {
  let w: World;
  let routes: string[] = [];
  beforeAll(async () => {
    w = await buildWorld(kind);
    const doc = (await w.t.agent().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('has a fixture or a reason for every route of the API', () => {
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter((r) => !fixtures[r] && !unscopedRoutes[r]);
    expect(missing, `routes with neither a fixture nor a place on the unscoped list`).toEqual([]);
    const stale = Object.keys(fixtures).filter((r) => !routes.includes(r));
    expect(stale, 'fixtures for routes that no longer exist').toEqual([]);
  });

  for (const [route, fx] of Object.entries(fixtures)) {
    it(`${route}: owner 2xx, sibling and child refused, nothing changed`, async () => {
      const trio = w.trios[fx.roles];
      const attempt = await fx.build(w);
      const send = (who: keyof typeof trio) => trio[who].request(attempt.method, attempt.url, attempt.body);
      const isRead = attempt.method === 'GET';

      // a read shows its positive control first; a write tries the outsiders first, so the
      // owner's success can't hide their failure
      if (isRead) {
        const own = await send('owner');
        expect(own.statusCode, `owner: ${own.body}`).toBeLessThan(300);
        if (fx.kind === 'list') expect(fx.contains(own.json(), w), 'owner sees the record').toBe(true);
      }
      for (const who of ['sibling', 'child'] as const) {
        const before = await w.snapshot();
        const res = await send(who);
        if (fx.kind === 'record') {
          expect(res.statusCode, `${who}: ${res.body}`).toBe(404);
        } else {
          expect([200, 404], `${who}: ${res.body}`).toContain(res.statusCode);
          if (res.statusCode === 200) expect(fx.contains(res.json(), w), `${who} must not see the record`).toBe(false);
        }
        expect(await w.snapshot(), `${who} changed nothing`).toBe(before);
      }
      if (!isRead) {
        const before = await w.snapshot();
        const own = await send('owner');
        expect(own.statusCode, `owner: ${own.body}`).toBeLessThan(300);
        // the watch sees the owner's write: a refusal above that "changed nothing" was measured by a live watch
        if (!auditOnly.has(route)) expect(await w.snapshot(), 'the owner\'s write is seen by the watch').not.toBe(before);
      }
    });
  }
});
