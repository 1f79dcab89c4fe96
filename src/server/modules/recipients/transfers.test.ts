// Transfers through the real API on every database: a village sends a registered veteran to a
// village of another township (the receiver sees that case only, then the record and its history),
// declines need a reason, the starter withdraws, the receiving unit asks by ID number, and one
// record has at most one open transfer — also when another unit started it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { RecipientDetail, RecipientListItem } from '../../../shared/schemas/recipients';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import {
  MANY_LOGINS,
  act,
  demoUnits,
  expectRefused,
  makeId,
  ok,
  registerApproved,
  register,
  registrySnapshot,
  simpleForm,
  type CaseDetail,
  type Page,
  type Units,
} from './recipients-test-support';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
type History = { items: { version: number; kind: string; changes: { field: string; from: string; to: string }[]; caseId: string | null }[] };

describe.each(dbKinds)('transfers on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let county: Agent;
  /** a worker of a village of 杭垓镇 (another township of the county) */
  let receiver: Agent;
  /** a worker of another village of 杭垓镇 */
  let receiver2: Agent;
  let seq = 601;

  const transfer = (a: Agent, body: Record<string, unknown>) => a.post('/api/transfers', body);
  const caseOf = async (a: Agent, id: string) => ok<CaseDetail>(await a.get(`/api/cases/${id}`));
  const queueIds = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items.map((i) => i.id);
  const searchIds = async (a: Agent, query: string) => ok<Page<RecipientListItem>>(await a.get(`/api/recipients?${query}`)).items.map((i) => i.id);
  const newVeteran = async (name: string) => {
    seq += 2;
    const idNumber = makeId('1970-07-07', seq);
    const r = await registerApproved(village, county, simpleForm(units.village1.id, name, idNumber, { household: { mode: 'new', address: '一村' } }));
    return { ...r, idNumber };
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    await t.createUser({ username: 'hg-worker', roles: ['worker'], orgUnitId: units.hanggaiVillage.id });
    await t.createUser({ username: 'hg-worker2', roles: ['worker'], orgUnitId: units.hanggaiVillage2.id });
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    county = await t.login('county');
    receiver = await t.login('hg-worker');
    receiver2 = await t.login('hg-worker2');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('out: the receiver sees the case but not the record until it accepts; then the record, its history and documents move', async () => {
    const r = await newVeteran('迁出甲');
    const spouse = await register(village, simpleForm(units.village1.id, '留守配偶', makeId('1972-02-02', 702), { kind: 'militaryFamily', recipientGroup: 'militaryFamily', household: { mode: 'join', householdId: r.household!.id } }));
    expect(spouse.household?.headRecipientId).toBe(r.id);
    const doc = ok<{ id: string }>(await village.post(`/api/recipients/${r.id}/documents`, { kind: 'dischargeCert', name: '退伍证.png', mime: 'image/png', dataBase64: PNG.toString('base64') }));

    // refusals first: nothing written
    const draft = await register(village, simpleForm(units.village1.id, '草稿', makeId('1970-07-08', 701)));
    const afterDraft = await registrySnapshot(sys);
    expectRefused(await transfer(village, { direction: 'out', recipientId: draft.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' }), 400, /已入库/);
    expectRefused(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.village1.id, reason: '迁居' }), 400, /已在接收单位/);
    expectRefused(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage.id, reason: '' }), 400, /迁出原因/);
    expectRefused(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: 'nosuchunit', reason: '迁居' }), 404);
    expectRefused(await transfer(village2, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' }), 404);
    expectRefused(await transfer(village, { direction: 'sideways', recipientId: r.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' }), 400);
    expect(await registrySnapshot(sys)).toBe(afterDraft);

    const started = ok<{ caseId: string }>(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage.id, reason: '随子女迁居杭垓' }));
    const caseId = started.caseId;
    const c = await caseOf(receiver, caseId);
    expect(c).toMatchObject({ type: 'transfer', status: 'waiting', orgUnitId: units.village1.id, counterpartUnitId: units.hanggaiVillage.id, subjectId: r.id });
    expect(c.payload).toMatchObject({ direction: 'out', name: '迁出甲', fromUnitId: units.village1.id, toUnitId: units.hanggaiVillage.id });
    expect(JSON.stringify(c)).not.toContain(r.idNumber);
    expect(c.actions.map((a) => a.name).sort()).toEqual(['accept', 'decline']);
    expect(c.dueDay).toBe('2026-06-30');
    expect(await queueIds(receiver)).toContain(caseId);
    expect(await queueIds(village)).not.toContain(caseId);
    // the case only: not the record, its history, documents or secrets
    expectRefused(await receiver.get(`/api/recipients/${r.id}`), 404);
    expectRefused(await receiver.get(`/api/recipients/${r.id}/history`), 404);
    expectRefused(await receiver.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' }), 404);
    expectRefused(await receiver.get(`/api/recipients/${r.id}/documents/${doc.id}`), 404);
    expect(await searchIds(receiver, 'q=' + encodeURIComponent('迁出甲'))).toEqual([]);
    // a unit that is not named sees nothing
    expectRefused(await receiver2.get(`/api/cases/${caseId}`), 404);
    expectRefused(await village2.get(`/api/cases/${caseId}`), 404);
    // the starter may withdraw but not accept
    expect((await caseOf(village, caseId)).actions.map((a) => a.name)).toEqual(['withdraw']);
    expectRefused(await act(village, caseId, 'accept'), 403);
    expectRefused(await act(receiver, caseId, 'decline'), 400, /理由|意见/);
    expectRefused(await act(receiver, caseId, 'withdraw'), 403);
    expectRefused(await receiver2.post(`/api/cases/${caseId}/actions`, { action: 'accept', version: c.version }), 404);

    // accept: the record moves
    const done = ok<CaseDetail>(await act(receiver, caseId, 'accept', '同意接收'));
    expect(done.status).toBe('accepted');
    expect(done.closedAt).not.toBeNull();
    const moved = ok<RecipientDetail>(await receiver.get(`/api/recipients/${r.id}`));
    expect(moved).toMatchObject({ orgUnitId: units.hanggaiVillage.id, status: 'registered', household: null });
    expect(moved.documents.map((d) => d.id)).toEqual([doc.id]);
    const file = await receiver.get(`/api/recipients/${r.id}/documents/${doc.id}`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    expect(ok<{ value: string }>(await receiver.post(`/api/recipients/${r.id}/reveal`, { field: 'idNumber' })).value).toBe(r.idNumber);
    expect(await searchIds(receiver, 'q=' + encodeURIComponent('迁出甲'))).toEqual([r.id]);
    expect(await searchIds(receiver, 'q=qcj')).toEqual([r.id]);
    expect(await searchIds(receiver, `idNumber=${r.idNumber}`)).toEqual([r.id]);
    // the sender no longer sees it; the household it headed is headed by the member who stays
    expectRefused(await village.get(`/api/recipients/${r.id}`), 404);
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${spouse.id}`)).household).toMatchObject({ headRecipientId: spouse.id, members: [{ id: spouse.id, isHead: true }] });
    expect(await searchIds(village, 'q=' + encodeURIComponent('迁出甲'))).toEqual([]);
    expect(await searchIds(township, `idNumber=${r.idNumber}`)).toEqual([]);
    expect(ok<{ status: string }>(await village.post('/api/recipients/check-id', { idNumber: r.idNumber })).status).toBe('elsewhere');
    // the history moved with it and shows the transfer
    const h = ok<History>(await receiver.get(`/api/recipients/${r.id}/history`));
    expect(h.items[0]).toMatchObject({ kind: 'transfer', caseId, changes: [{ field: 'orgUnit', from: units.village1.name, to: units.hanggaiVillage.name }] });
    expect(h.items.map((v) => v.kind)).toEqual(['transfer', 'approved', 'created']);
    expect(h.items[0].version).toBe(moved.version);
    // both sides keep the closed case
    expect((await caseOf(village, caseId)).status).toBe('accepted');
    expect((await caseOf(receiver, caseId)).status).toBe('accepted');
    expect(ok<Page<{ id: string }>>(await village.get('/api/cases?type=transfer')).items.map((x) => x.id)).toContain(caseId);
    expect(ok<Page<{ id: string }>>(await receiver.get('/api/cases?type=transfer')).items.map((x) => x.id)).toContain(caseId);
    expect(await queueIds(receiver)).not.toContain(caseId);
    expectRefused(await act(receiver, caseId, 'accept'), 409);
    // the receiver now edits it like its own
    const edited = await receiver.post(`/api/recipients/${r.id}/death`, { deathDate: '2026-06-01', version: moved.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('decline needs a reason and leaves the record where it was; withdraw by the starter; one open transfer per record', async () => {
    const r = await newVeteran('迁出乙');
    const first = ok<{ caseId: string }>(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage.id, reason: '迁居' })).caseId;
    // a second transfer while one is open: by the same unit, or asked for by another unit
    const before = await registrySnapshot(sys);
    expectRefused(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage2.id, reason: '迁居' }), 409, /进行中/);
    expectRefused(await transfer(township, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage2.id, reason: '迁居' }), 409);
    expectRefused(await transfer(receiver2, { direction: 'in', idNumber: r.idNumber, toUnitId: units.hanggaiVillage2.id, reason: '投靠亲属' }), 409, /进行中/);
    expect(await registrySnapshot(sys)).toBe(before);

    const declined = ok<CaseDetail>(await act(receiver, first, 'decline', '户籍尚未迁入'));
    expect(declined.status).toBe('declined');
    expect((await caseOf(village, first)).log.at(-1)).toMatchObject({ action: 'decline', comment: '户籍尚未迁入', toStatus: 'declined' });
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.village1.id);
    expectRefused(await receiver.get(`/api/recipients/${r.id}`), 404);

    // closed: a new one may start; its starter withdraws it
    const second = ok<{ caseId: string }>(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.hanggaiVillage2.id, reason: '再次迁居' })).caseId;
    expectRefused(await act(receiver2, second, 'withdraw'), 403);
    const withdrawn = ok<CaseDetail>(await act(township, second, 'withdraw', '家属改变主意'));
    expect(withdrawn.status).toBe('withdrawn');
    expectRefused(await act(receiver2, second, 'accept'), 409);
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.village1.id);
    expect(await queueIds(receiver2)).not.toContain(second);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('inside one range: a township moves a record between its villages, a village hands one to its grid', async () => {
    const r = await newVeteran('村间丁');
    // the township starts it; the second village sees the case only, and accepts
    const caseId = ok<{ caseId: string }>(await transfer(township, { direction: 'out', recipientId: r.id, toUnitId: units.village2.id, reason: '户籍迁至二村' })).caseId;
    expect(await queueIds(village2)).toContain(caseId);
    expectRefused(await village2.get(`/api/recipients/${r.id}`), 404);
    expect((await caseOf(village2, caseId)).actions.map((a) => a.name).sort()).toEqual(['accept', 'decline']);
    ok(await act(village2, caseId, 'accept'));
    expect(ok<RecipientDetail>(await village2.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.village2.id);
    expectRefused(await village.get(`/api/recipients/${r.id}`), 404);
    expect(ok<RecipientDetail>(await township.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.village2.id);

    // a village hands a record to its own grid: the grid worker sees the case, in the queue, and accepts
    const grid = await t.login('grid');
    const gridUnit = await sys.selectFrom('users').select(['org_unit_id']).where('username', '=', 'grid').executeTakeFirstOrThrow();
    const s = await newVeteran('网格戊');
    const toGrid = ok<{ caseId: string }>(await transfer(village, { direction: 'out', recipientId: s.id, toUnitId: gridUnit.org_unit_id, reason: '划入第一网格' })).caseId;
    expect(await queueIds(grid)).toContain(toGrid);
    expectRefused(await grid.get(`/api/recipients/${s.id}`), 404);
    ok(await act(grid, toGrid, 'accept'));
    expect(ok<RecipientDetail>(await grid.get(`/api/recipients/${s.id}`)).orgUnitId).toBe(gridUnit.org_unit_id);
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${s.id}`)).orgUnitId).toBe(gridUnit.org_unit_id);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });

  it('in: the receiving unit asks by ID number without learning the name; the holder accepts and the record moves', async () => {
    const r = await newVeteran('迁入丙');
    const before = await registrySnapshot(sys);
    expectRefused(await transfer(receiver, { direction: 'in', idNumber: makeId('1970-07-07', 999), toUnitId: units.hanggaiVillage.id, reason: '投靠' }), 404);
    expectRefused(await transfer(receiver, { direction: 'in', idNumber: r.idNumber.slice(0, 17) + (r.idNumber[17] === '1' ? '2' : '1'), toUnitId: units.hanggaiVillage.id, reason: '投靠' }), 400, /校验位/);
    expectRefused(await transfer(receiver, { direction: 'in', idNumber: r.idNumber, toUnitId: units.hanggaiVillage2.id, reason: '投靠' }), 404);
    expectRefused(await transfer(receiver, { direction: 'in', idNumber: r.idNumber, toUnitId: units.hanggaiVillage.id, reason: '' }), 400, /迁入原因/);
    expectRefused(await transfer(village, { direction: 'in', idNumber: r.idNumber, toUnitId: units.village1.id, reason: '投靠' }), 400, /本辖区/);
    expect(await registrySnapshot(sys)).toBe(before);

    const caseId = ok<{ caseId: string }>(await transfer(receiver, { direction: 'in', idNumber: r.idNumber.toLowerCase(), toUnitId: units.hanggaiVillage.id, reason: '投靠子女' })).caseId;
    const seen = await caseOf(receiver, caseId);
    expect(seen).toMatchObject({ status: 'waiting', orgUnitId: units.hanggaiVillage.id, counterpartUnitId: units.village1.id });
    expect(JSON.stringify(seen)).not.toContain('迁入丙');
    expect(JSON.stringify(seen)).not.toContain(r.idNumber);
    expect(seen.title).toContain(r.idNumberMasked);
    expect(seen.actions.map((a) => a.name)).toEqual(['withdraw']);
    expectRefused(await receiver.get(`/api/recipients/${r.id}`), 404);
    // the holder sees it in its queue and answers
    expect(await queueIds(village)).toContain(caseId);
    expect(await queueIds(receiver)).not.toContain(caseId);
    expect((await caseOf(village, caseId)).actions.map((a) => a.name).sort()).toEqual(['accept', 'decline']);
    expectRefused(await act(receiver, caseId, 'accept'), 403);
    ok(await act(village, caseId, 'accept', '同意迁出'));
    expect(ok<RecipientDetail>(await receiver.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.hanggaiVillage.id);
    expectRefused(await village.get(`/api/recipients/${r.id}`), 404);
    expect((await caseOf(village, caseId)).status).toBe('accepted');
    expect((await caseOf(receiver, caseId)).status).toBe('accepted');
    const h = ok<History>(await receiver.get(`/api/recipients/${r.id}/history`));
    expect(h.items[0]).toMatchObject({ kind: 'transfer', caseId });
    // and back again: the new holder sends it out, the old village may now receive
    const back = ok<{ caseId: string }>(await transfer(receiver, { direction: 'out', recipientId: r.id, toUnitId: units.village1.id, reason: '返乡' })).caseId;
    ok(await act(village, back, 'accept'));
    expect(ok<RecipientDetail>(await village.get(`/api/recipients/${r.id}`)).orgUnitId).toBe(units.village1.id);
    expect(ok<History>(await village.get(`/api/recipients/${r.id}/history`)).items.filter((v) => v.kind === 'transfer')).toHaveLength(2);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
  });
  it('a transfer to the unit above stays in its sight when the sending village moves to another township', async () => {
    const r = await newVeteran('上送己');
    const caseId = ok<{ caseId: string }>(await transfer(village, { direction: 'out', recipientId: r.id, toUnitId: units.township.id, reason: '由镇统一安置' })).caseId;
    expect(await queueIds(township)).toContain(caseId);
    const admin = await t.login('admin');
    const hanggai = await sys.selectFrom('org_units').select('parent_id').where('id', '=', units.hanggaiVillage.id).executeTakeFirstOrThrow();
    ok(await admin.post(`/api/org-units/${units.village1.id}/move`, { newParentId: hanggai.parent_id }));
    try {
      // the village is now 杭垓镇's: the receiving township no longer covers the record's unit, yet the case waits on it
      expect((await caseOf(township, caseId)).actions.map((a) => a.name).sort()).toEqual(['accept', 'decline']);
      expect(await queueIds(township)).toContain(caseId);
    } finally {
      ok(await admin.post(`/api/org-units/${units.village1.id}/move`, { newParentId: units.township.id }));
    }
  });
});
