// The service catalog through the real API on both databases: the starter catalog reaches every
// unit below the top, a county adds a local item its own units inherit and its neighbours do not
// see, only a reviewer of the publishing range edits (with versions), the public catalog shows
// active items with their materials, and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import type { PublicServiceItemDto, ServiceItemDto } from '../../../shared/schemas/service-items';
import { chinese, demoUnits, expectRefused, MANY_LOGINS, ok, type Page, type Units } from '../recipients/recipients-test-support';
import { starterItems } from './service-items.starter';
import { localItemBody as sharedItemBody } from './service-items-test-support';

/** The catalog tests' item: a township's opinion, then the county's, with a 5-day notice. */
function localItemBody(orgUnitId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return sharedItemBody(orgUnitId, {
    steps: [
      { level: 'township', label: '乡镇(街道)服务站意见', days: 3, dayKind: 'working' },
      { level: 'county', label: '县级服务中心审核', days: 5, dayKind: 'working' },
    ],
    noticeRequired: true,
    noticeDays: 5,
    resultDocument: '乘车卡',
    ...over,
  });
}

describe.each(dbKinds)('service catalog on %s', (kind) => {
  let t: TestApp;
  let units: Units;
  let county: Agent;
  let village: Agent;
  let hanggai: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    units = await demoUnits(t);
    county = await t.login('county');
    village = await t.login('village');
    await t.createUser({ username: 'hanggai1', roles: ['worker', 'county_reviewer'], orgUnitId: units.hanggaiVillage.id });
    hanggai = await t.login('hanggai1');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every unit below the top sees the starter catalog, with the figures the sources leave empty named', async () => {
    const page = ok<Page<ServiceItemDto>>(await village.get('/api/service-items?pageSize=50'));
    expect(page.items.map((i) => i.name).sort()).toEqual(starterItems.map((s) => s.body.name).sort());
    const rating = page.items.find((i) => i.name.startsWith('残疾等级评定'))!;
    expect(rating.steps.map((s) => s.level)).toEqual(['village', 'township', 'county']);
    expect(rating.steps.every((s) => s.days === null)).toBe(true);
    expect(rating.toFill).toEqual(expect.arrayContaining(['各环节办理时限', '决定机关', '办理结果']));
    expect(rating.fee).toBe('不收费');
    const plaque = page.items.find((i) => i.handoff === 'glory-plaque');
    expect(plaque?.name).toBe('光荣牌悬挂申请');
  });

  it('a county publishes a local item: its villages inherit it, another county’s units never see it', async () => {
    const item = ok<ServiceItemDto>(await county.post('/api/service-items', localItemBody(units.county.id)));
    expect(item).toMatchObject({ kind: 'local', orgUnitId: units.county.id, noticeDays: 5, version: 1, toFill: [] });
    const villageView = ok<Page<ServiceItemDto>>(await village.get('/api/service-items?pageSize=50&kind=local'));
    expect(villageView.items.map((i) => i.id)).toEqual([item.id]);
    expect(ok<ServiceItemDto>(await village.get(`/api/service-items/${item.id}`)).name).toBe('本县退役军人免费乘坐公交');

    // a township-level local item: its own villages see it, the other township's village does not
    const townItem = ok<ServiceItemDto>(await county.post('/api/service-items', localItemBody(units.township.id, { name: '孝丰镇退役军人健康体检' })));
    expect(ok<Page<ServiceItemDto>>(await village.get('/api/service-items?pageSize=50&kind=local')).items.map((i) => i.name).sort()).toEqual(['孝丰镇退役军人健康体检', '本县退役军人免费乘坐公交'].sort());
    expect(ok<Page<ServiceItemDto>>(await hanggai.get('/api/service-items?pageSize=50&kind=local')).items.map((i) => i.id)).toEqual([item.id]);
    expectRefused(await hanggai.get(`/api/service-items/${townItem.id}`), 404);
    // the catalog of a unit outside the caller's range is not readable
    expectRefused(await village.get(`/api/service-items?orgUnitId=${units.village2.id}`), 404);
  });

  it('only a reviewer of the publishing range edits or retires an item; a stale version is refused', async () => {
    const item = ok<ServiceItemDto>(await county.post('/api/service-items', localItemBody(units.county.id, { name: '县级优待事项甲' })));
    // the village worker holds no services:review
    expectRefused(await village.put(`/api/service-items/${item.id}`, { ...localItemBody(units.county.id), version: 1 }), 403);
    // a reviewer of another village reads nothing of it to edit (inherited, not theirs)
    expectRefused(await hanggai.put(`/api/service-items/${item.id}`, { ...localItemBody(units.county.id), version: 1 }), 404);
    // a reviewer below may not publish above their range
    expectRefused(await hanggai.post('/api/service-items', localItemBody(units.county.id)), 404);
    const edited = ok<ServiceItemDto>(await county.put(`/api/service-items/${item.id}`, { ...localItemBody(units.county.id, { name: '县级优待事项乙', noticeRequired: false, noticeDays: null }), version: 1 }));
    expect(edited).toMatchObject({ name: '县级优待事项乙', version: 2, noticeRequired: false, noticeDays: null });
    expectRefused(await county.put(`/api/service-items/${item.id}`, { ...localItemBody(units.county.id), version: 1 }), 409);
    const retired = ok<ServiceItemDto>(await county.post(`/api/service-items/${item.id}/retire`, { version: 2, retired: true }));
    expect(retired.status).toBe('retired');
    // a starter item belongs to the top unit: the county reads it and cannot edit it
    const starter = ok<Page<ServiceItemDto>>(await county.get('/api/service-items?pageSize=50&kind=national')).items[0];
    expectRefused(await county.post(`/api/service-items/${starter.id}/retire`, { version: starter.version, retired: true }), 404);
  });

  it('bad input gets a Chinese 4xx and writes nothing', async () => {
    const before = ok<Page<ServiceItemDto>>(await county.get('/api/service-items?pageSize=1')).total;
    const cases: Record<string, unknown>[] = [
      localItemBody(units.county.id, { name: '' }),
      localItemBody(units.county.id, { steps: [] }),
      localItemBody(units.county.id, { steps: [{ level: 'county', label: '县', days: 3 }, { level: 'village', label: '村', days: 3 }] }),
      localItemBody(units.county.id, { noticeRequired: false, noticeDays: 7 }),
      localItemBody(units.county.id, { materials: [{ name: '身份证', form: 'scan', count: 1 }] }),
      localItemBody(units.county.id, { materials: [{ name: '身份证', form: 'copy', count: 0 }] }),
      localItemBody(units.county.id, { kind: 'other' }),
      localItemBody(units.county.id, { orgUnitId: 'no-such-unit' }),
    ];
    for (const body of cases) {
      const res = await county.post('/api/service-items', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json<{ message: string }>().message).toMatch(chinese);
    }
    expect(ok<Page<ServiceItemDto>>(await county.get('/api/service-items?pageSize=1')).total).toBe(before);
  });

  it('the public catalog of a unit shows its active items with materials, and nothing of staff', async () => {
    const anon = t.agent();
    const item = ok<ServiceItemDto>(await county.post('/api/service-items', localItemBody(units.county.id, { name: '公开可见事项' })));
    const page = ok<Page<PublicServiceItemDto>>(await anon.get(`/api/public/org-units/${units.village1.id}/service-items?pageSize=50`));
    const names = page.items.map((i) => i.name);
    expect(names).toContain('公开可见事项');
    expect(names).not.toContain('县级优待事项乙'); // retired above
    const one = ok<PublicServiceItemDto & { version?: number }>(await anon.get(`/api/public/org-units/${units.village1.id}/service-items/${item.id}`));
    expect(one.materials[0]).toMatchObject({ name: '退役军人优待证', form: 'original', count: 1 });
    expect(one.version).toBeUndefined();
    expectRefused(await anon.get(`/api/public/org-units/no-such/service-items`), 404);
  });

  it('a county adapts a starter item (本地版本): its units see the county version instead, a neighbour county still the starter', async () => {
    const starter = ok<Page<ServiceItemDto>>(await county.get('/api/service-items?pageSize=50&q=残疾等级评定')).items[0];
    expect(starter.toFill).toContain('各环节办理时限');
    const { id: _i, version: _v, orgUnitId: _o, orgUnitName: _n, status: _s, toFill: _t, updatedAt: _u, ...body } = starter;
    const adapted = ok<ServiceItemDto>(
      await county.post('/api/service-items', { ...body, orgUnitId: units.county.id, adaptsItemId: starter.id, steps: starter.steps.map((s, i) => ({ ...s, days: [5, 10, 20][i] ?? 10 })) }),
    );
    expect(adapted.toFill).not.toContain('各环节办理时限');
    expect(adapted.orgUnitId).toBe(units.county.id);
    // the county's units: one item of that name, the county's
    const seen = async (a: Agent) => ok<Page<ServiceItemDto>>(await a.get('/api/service-items?pageSize=50&status=active&q=残疾等级评定')).items.map((i) => i.id);
    expect(await seen(village)).toEqual([adapted.id]);
    const anon = t.agent();
    const pub = ok<Page<PublicServiceItemDto>>(await anon.get(`/api/public/org-units/${units.village1.id}/service-items?pageSize=50&q=残疾等级评定`));
    expect(pub.items.map((i) => i.id)).toEqual([adapted.id]);
    expect(pub.items[0].steps.map((s) => s.days)).toEqual([5, 10, 20]);
    expectRefused(await anon.get(`/api/public/org-units/${units.village1.id}/service-items/${starter.id}`), 404);
    // twice: refused; an own item is not adaptable
    expectRefused(await county.post('/api/service-items', { ...body, orgUnitId: units.county.id, adaptsItemId: starter.id }), 409, /本地版本/);
    expectRefused(await county.post('/api/service-items', { ...body, orgUnitId: units.county.id, adaptsItemId: adapted.id }), 400, /上级发布/);
    // retired: the starter is back
    ok(await county.post(`/api/service-items/${adapted.id}/retire`, { version: adapted.version, retired: true }));
    expect(await seen(village)).toEqual([starter.id]);
    ok(await county.post(`/api/service-items/${adapted.id}/retire`, { version: adapted.version + 1, retired: false }));
    expect(await seen(village)).toEqual([adapted.id]);
  });
});
