// Permissions per domain through the real API: a mediator 调解员 (disputes and registry reading only)
// registers and closes a dispute, and is refused petitions everywhere — the petitions routes, the
// generic case routes, the work queue and the assignee lists — while a worker of the same unit
// still reads the same petition. Refusals are what auth.ts answers for a missing permission (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../test/helpers/app';
import type { MeDto } from '../../shared/schemas/auth';
import type { CaseDto, WorkItemDto } from '../../shared/schemas/cases';
import type { DisputeDetail } from '../../shared/schemas/disputes';
import { PETITION_CASE_TYPE } from '../../shared/schemas/petitions';
import { MANY_LOGINS, demoUnits, expectRefused, ok, type Page, type Units } from '../modules/recipients/recipients-test-support';
import { petitionBody, registerPetition } from '../modules/petitions/petitions-test-support';

describe.each(dbKinds)('permissions per domain on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let township: Agent;
  let mediator: Agent;
  let mediatorId: string;
  let petitionId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    township = await t.login('township');
    mediatorId = await t.createUser({ username: 'mediator1', roles: ['mediator'], orgUnitId: units.township.id });
    mediator = await t.login('mediator1');
    petitionId = (await registerPetition(township, petitionBody(units.township.id, township.me!.id))).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the mediator’s session holds disputes and registry reading only', async () => {
    const me = ok<MeDto>(await mediator.get('/api/me'));
    expect([...me.permissions].sort()).toEqual(['disputes:read', 'disputes:write', 'org:read', 'registry:read']);
  });

  it('a mediator registers, works and closes a dispute', async () => {
    const assignees = ok<{ items: { id: string }[] }>(await mediator.get(`/api/disputes/assignees?orgUnitId=${units.township.id}`));
    expect(assignees.items.map((a) => a.id)).toContain(mediatorId);
    let d = ok<DisputeDetail>(
      await mediator.post('/api/disputes', {
        orgUnitId: units.township.id,
        foundOn: '2026-06-10',
        method: 'homeVisit',
        parties: [{ name: '王大山' }, { name: '李小河' }],
        summary: '退役军人王大山与邻居李小河因宅基地边界发生争执',
        riskLevel: 'medium',
        responsibleUserId: mediatorId,
        deadline: '2026-06-30',
        plan: '人民调解员上门调解',
      }),
    );
    d = ok<DisputeDetail>(await mediator.post(`/api/disputes/${d.id}/progress`, { version: d.version, day: '2026-06-12', measure: '入户走访双方', progress: '双方同意调解' }));
    d = ok<DisputeDetail>(await mediator.post(`/api/disputes/${d.id}/close`, { version: d.version, closedOn: '2026-06-14', result: '双方签订调解协议' }));
    expect(d.status).toBe('closed');
    expect(ok<{ items: { id: string }[] }>(await mediator.get('/api/disputes?pageSize=50')).items.map((x) => x.id)).toContain(d.id);
    // the registry: read yes, write no
    ok(await mediator.get('/api/recipients?pageSize=5'));
    expectRefused(await mediator.post('/api/recipients', {}), 403, /没有权限/);
  });

  it('a mediator is refused petitions: registering 403, reading 403 as for any missing permission', async () => {
    expectRefused(await mediator.post('/api/petitions', petitionBody(units.township.id, mediatorId)), 403, /没有权限/);
    expectRefused(await mediator.get('/api/petitions?pageSize=5'), 403, /没有权限/);
    expectRefused(await mediator.get(`/api/petitions/${petitionId}`), 403, /没有权限/);
    expectRefused(await mediator.post(`/api/petitions/${petitionId}/actions`, { action: 'accept', version: 1, acceptedOn: '2026-06-12' }), 403, /没有权限/);
    expectRefused(await mediator.get(`/api/petitions/assignees?orgUnitId=${units.township.id}`), 403, /没有权限/);
    expectRefused(await mediator.get('/api/visits?pageSize=5'), 403, /没有权限/);
  });

  it('…nor through the generic case routes, while a worker of the same unit reads the same case', async () => {
    const seen = ok<CaseDto & { actions: { name: string }[] }>(await township.get(`/api/cases/${petitionId}`));
    expect(seen.type).toBe(PETITION_CASE_TYPE);
    expect(seen.actions.map((a) => a.name)).toContain('accept');
    expectRefused(await mediator.get(`/api/cases/${petitionId}`), 403, /没有权限/);
    expectRefused(await mediator.post(`/api/cases/${petitionId}/actions`, { action: 'accept', comment: '', version: seen.version, data: { acceptedOn: '2026-06-12' } }), 403, /没有权限/);
    expectRefused(await mediator.get(`/api/cases?type=${PETITION_CASE_TYPE}`), 403, /没有权限/);
    const listed = ok<Page<CaseDto>>(await mediator.get('/api/cases?pageSize=100'));
    expect(listed.items.filter((c) => c.type === PETITION_CASE_TYPE)).toEqual([]);
    expect(ok<Page<CaseDto>>(await township.get('/api/cases?pageSize=100')).items.map((c) => c.id)).toContain(petitionId);
    // nothing happened to the petition
    expect(ok<CaseDto>(await township.get(`/api/cases/${petitionId}`)).version).toBe(seen.version);
  });

  it('the work queue shows the mediator no petition, the worker the petition waiting on the unit', async () => {
    const queue = async (a: Agent) => ok<{ items: WorkItemDto[] }>(await a.get('/api/work-queue')).items;
    expect((await queue(mediator)).filter((i) => i.provider === 'petitions' || i.id === petitionId)).toEqual([]);
    expect((await queue(township)).some((i) => i.id === petitionId || i.link.includes(petitionId))).toBe(true);
  });

  it('users are picked by what they hold: the mediator is no petition handler', async () => {
    const list = ok<{ items: { id: string }[] }>(await township.get(`/api/petitions/assignees?orgUnitId=${units.township.id}`));
    expect(list.items.map((i) => i.id)).not.toContain(mediatorId);
    expect(list.items.map((i) => i.id)).toContain(township.me!.id);
    const named = await township.post('/api/petitions', petitionBody(units.township.id, mediatorId, { petitionerName: '吴建华' }));
    expectRefused(named, 400, /首办责任人须为能办理业务的工作人员/);
  });
});
