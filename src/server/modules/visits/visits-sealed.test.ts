// The offline outbox's sealed visits through the real API on every database: the browser seals a
// visit to the server's public key (shared/rules/sealed-envelope.ts, the code the web app runs);
// POST /api/visits/sealed opens it for the user who sealed it only and records it through the
// ordinary path with that user's scope. A resent envelope is stored once; another user's
// envelope, a tampered or foreign one, and a bad body inside are refused in Chinese with nothing
// stored. Drafts sealed while offline are given back to their writer only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { MeDto } from '../../../shared/schemas/auth';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { SEALED_ALGORITHM, type SealedPayload, type SealingKeyDto } from '../../../shared/schemas/sealed';
import type { VisitDetail } from '../../../shared/schemas/visits';
import { sealEnvelope } from '../../../shared/rules/sealed-envelope';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, type Units } from '../recipients/recipients-test-support';

describe.each(dbKinds)('sealed visits on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;
  let key: SealingKeyDto;
  let villageId: string;
  let village2Id: string;
  let person: RecipientDetail;
  let keySeq = 0;

  const newKey = () => `sealed-${kind}-${++keySeq}-abcdef`;
  const visitBody = (over: Record<string, unknown> = {}) => ({ clientKey: newKey(), recipientId: person.id, visitedOn: '2026-06-15', visitType: 'home', visitors: '刘秀英', ...over });
  const seal = (userId: string, body: unknown, purpose: SealedPayload['purpose'] = 'visit') => sealEnvelope(key, { userId, purpose, sealedAt: '2026-06-15T01:00:00.000Z', body });
  const visitsCount = async () => Number((await sys.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const storedWith = async (clientKey: string) => (await sys.selectFrom('visits').select('id').where('client_key', '=', clientKey).execute()).length;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
    villageId = json<MeDto>(await village.get('/api/me')).id;
    village2Id = json<MeDto>(await village2.get('/api/me')).id;
    key = ok<SealingKeyDto>(await village.get('/api/me/sealing-key'));
    person = await registerApproved(village, county, { kind: 'veteran', orgUnitId: units.village1.id, name: '离线兵', idNumber: makeId('1975-03-08', 201), recipientGroup: 'dischargedSoldier' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('the sealing key is the deployment’s, for any signed-in user, not for anyone else', async () => {
    expect(key.algorithm).toBe(SEALED_ALGORITHM);
    expect(Buffer.from(key.publicKey, 'base64url')).toHaveLength(65);
    expect(ok<SealingKeyDto>(await village2.get('/api/me/sealing-key'))).toEqual(key);
    expectRefused(await t.agent().get('/api/me/sealing-key'), 401);
  });

  it('a sealed visit is recorded with the sender’s scope, and sent again it is stored once', async () => {
    const before = await visitsCount();
    const body = visitBody();
    const envelope = await seal(villageId, body);
    const first = await village.post('/api/visits/sealed', { envelope });
    expect(first.statusCode, first.body).toBe(201);
    const visit = json<VisitDetail>(first);
    expect(visit.recipientId).toBe(person.id);
    // the outbox resends after a lost answer: the same visit, 200, nothing new
    const again = await village.post('/api/visits/sealed', { envelope });
    expect(again.statusCode, again.body).toBe(200);
    expect(json<VisitDetail>(again).id).toBe(visit.id);
    // a fresh envelope of the same form (sealed again after a reload) is the same visit too
    const resealed = await village.post('/api/visits/sealed', { envelope: await seal(villageId, body) });
    expect(resealed.statusCode).toBe(200);
    expect(json<VisitDetail>(resealed).id).toBe(visit.id);
    // and so is the plain route with the same form id
    expect((await village.post('/api/visits', body)).statusCode).toBe(200);
    expect(await storedWith(body.clientKey)).toBe(1);
    expect(await visitsCount()).toBe(before + 1);
  });

  it('an envelope grants nothing: another user’s is refused, and one’s own cannot reach outside the range', async () => {
    const before = await visitsCount();
    const body = visitBody();
    const envelope = await seal(villageId, body);
    // user B of another village replays A's envelope (copied from A's phone, or A's phone used by B)
    expectRefused(await village2.post('/api/visits/sealed', { envelope }), 404, /不是您本人保存的/);
    // B seals a visit to A's person under B's own name: the ordinary path refuses it (out of range)
    expectRefused(await village2.post('/api/visits/sealed', { envelope: await seal(village2Id, visitBody()) }), 404);
    // B claims to be A inside an envelope B made: still refused (not B's)
    expectRefused(await village2.post('/api/visits/sealed', { envelope: await seal(villageId, visitBody()) }), 404);
    expectRefused(await t.agent().post('/api/visits/sealed', { envelope }), 401);
    expect(await storedWith(body.clientKey)).toBe(0);
    expect(await visitsCount()).toBe(before);
    // A can still send it afterwards
    expect((await village.post('/api/visits/sealed', { envelope })).statusCode).toBe(201);
  });

  it('bad envelopes are refused with a Chinese message and store nothing', async () => {
    const before = await visitsCount();
    const good = await seal(villageId, visitBody());
    const [tag, kid, epk, iv, ct] = good.split('.');
    const flip = (s: string) => (s[5] === 'A' ? 'B' : 'A');
    const tampered = `${tag}.${kid}.${epk}.${iv}.${ct.slice(0, 5)}${flip(ct)}${ct.slice(6)}`;
    const cases: [unknown, RegExp][] = [
      [{ envelope: 'not an envelope' }, /格式/],
      [{ envelope: '' }, /为空|格式/],
      [{}, /./],
      [{ envelope: tampered }, /损坏/],
      [{ envelope: `${tag}.${kid}.${epk}.${iv}` }, /格式/],
      [{ envelope: `${tag}.AAAAAAAAAAA.${epk}.${iv}.${ct}` }, /更换/],
      [{ envelope: `${tag}.${kid}.${epk.slice(0, 20)}.${iv}.${ct}` }, /损坏/],
      // sealed for a draft, not a visit
      [{ envelope: await seal(villageId, visitBody(), 'draft') }, /用途/],
      // a visit body that the ordinary route would refuse
      [{ envelope: await seal(villageId, { ...visitBody(), visitedOn: 'tomorrow' }) }, /离线记录有误/],
      [{ envelope: await seal(villageId, visitBody({ visitedOn: '2026-06-16' })) }, /晚于今天/],
    ];
    for (const [body, message] of cases) expectRefused(await village.post('/api/visits/sealed', body as Record<string, unknown>), 400, message);
    expect(await visitsCount()).toBe(before);
  });

  it('a draft sealed offline is given back to its writer only', async () => {
    const value = { context: { recipientName: '离线兵' }, values: { note: '腿脚不便' } };
    const envelope = await seal(villageId, value, 'draft');
    expect(ok<{ value: unknown }>(await village.post('/api/me/sealed-drafts/open', { envelope })).value).toEqual(value);
    expectRefused(await village2.post('/api/me/sealed-drafts/open', { envelope }), 404);
    expectRefused(await village.post('/api/me/sealed-drafts/open', { envelope: await seal(villageId, visitBody()) }), 400, /用途/);
    expectRefused(await t.agent().post('/api/me/sealed-drafts/open', { envelope }), 401);
  });
});
