// Legal-aid settings 法律援助设置 through the real API on every database: the referral's receipt time
// limit is a per-county figure (default 5 working days) that a new referral takes when it is made
// (an existing one keeps its own, even when the calendar recomputes due days); bad values are refused
// in Chinese and change nothing; only a county-level (or higher) unit head whose range holds the county
// changes it, audited before → after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import { insertUnitsUnscoped } from '../org-units';
import { loadHolidayYear } from '../../cases/deadlines';
import { shippedHolidayTable } from '../../../shared/holidays/cn-holidays';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import type { LegalAidDetail, LegalAidPartnerDto, LegalAidSettingsView } from '../../../shared/schemas/legal-aid';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';

describe.each(dbKinds)('legal-aid settings on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let township: Agent;
  let county: Agent;
  let countyhead: Agent;
  let otherhead: Agent;
  let person: RecipientDetail;
  let center: LegalAidPartnerDto;

  const create = async () =>
    ok<LegalAidDetail>(
      await village.post('/api/legal-aid', {
        recipientId: person.id,
        orgUnitId: units.village1.id,
        appliedOn: '2026-06-05',
        matterKind: 'labor',
        matter: '被辞退后未获经济补偿',
        opposingParty: '',
        claims: '支付经济补偿',
        priorSteps: false,
        route: 'arbitration',
      }),
    );
  const refer = async (c: LegalAidDetail) => ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId: center.id, referredOn: '2026-06-08', note: '' }));
  const settings = async (a: Agent, q = '') => ok<LegalAidSettingsView>(await a.get(`/api/legal-aid/settings${q}`));
  const audits = async () => (await sys.selectFrom('audit_logs').select('detail').where('action', '=', 'legal-aid-settings.update').execute()).map((x) => x.detail);
  const dueOf = async (id: string) => (await sys.selectFrom('cases').select('due_day').where('id', '=', id).executeTakeFirstOrThrow()).due_day;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    // a second county beside the demo's one, with its own centre head
    const city = await sys.selectFrom('org_units').select(['id', 'path', 'depth']).where('code', '=', '3305').executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    await insertUnitsUnscoped(sys, [{ id: 'deqing-county', parent_id: city.id, level: 'county', code: '330521', name: '德清县', path: `${city.path}deqing-county/`, depth: city.depth + 1, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: at, updated_at: at }]);
    await t.createUser({ username: 'deqinghead', orgUnitId: 'deqing-county', roles: ['station_head'] });
    village = await t.login('village');
    township = await t.login('townshiphead');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
    otherhead = await t.login('deqinghead');
    person = await registerApproved(village, county, simpleForm(units.village1.id, '钱法援', makeId('1962-03-04', 811)));
    center = ok<LegalAidPartnerDto>(
      await county.post('/api/legal-aid/partners', { orgUnitId: units.county.id, name: '安吉县法律援助中心', kind: 'center', address: '', phone: '0572-5123348', lawyers: '', areas: '' }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the county of the caller by default: 5 working days until changed', async () => {
    const s = await settings(village);
    expect(s).toEqual({ countyId: units.county.id, countyName: expect.any(String), ackWorkingDays: 5, isDefault: true, mayEdit: false });
    expect((await settings(countyhead, `?countyId=${units.county.id}`)).mayEdit).toBe(true);
    expect((await settings(county)).mayEdit).toBe(false);
    expectRefused(await village.get(`/api/legal-aid/settings?countyId=${units.township.id}`), 404);
    // the county over a case's unit (the referral form's figure): a unit of the caller's range only
    expect(await settings(township, `?forUnitId=${units.village1.id}`)).toMatchObject({ countyId: units.county.id, ackWorkingDays: 5 });
    expectRefused(await village.get(`/api/legal-aid/settings?forUnitId=${units.village2.id}`), 404);
    expectRefused(await countyhead.get(`/api/legal-aid/settings?countyId=${units.township.id}`), 400, /县级/);
  });

  it('refuses bad values in Chinese and changes nothing', async () => {
    for (const v of [0, 31, 2.5, '5', null]) expectRefused(await countyhead.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: v }), 400, /回执时限/);
    expectRefused(await countyhead.put('/api/legal-aid/settings', { countyId: units.township.id, ackWorkingDays: 10 }), 400, /县级/);
    expect(await settings(countyhead)).toMatchObject({ ackWorkingDays: 5, isDefault: true });
    expect(await audits()).toEqual([]);
  });

  it('lets only a county-level head whose range holds the county change it', async () => {
    // another county's head does not see this county; below county level, or not a head: refused
    expectRefused(await otherhead.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: 10 }), 404);
    expectRefused(await otherhead.get(`/api/legal-aid/settings?countyId=${units.county.id}`), 404);
    expectRefused(await township.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: 10 }), 403, /负责人/);
    expectRefused(await county.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: 10 }), 403, /负责人/);
    expectRefused(await village.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: 10 }), 403, /负责人/);
    expect(await settings(countyhead)).toMatchObject({ ackWorkingDays: 5, isDefault: true });
    // the other county's head changes his own county: this one is not moved
    expect(ok<LegalAidSettingsView>(await otherhead.put('/api/legal-aid/settings', { countyId: 'deqing-county', ackWorkingDays: 20 }))).toMatchObject({ countyName: '德清县', ackWorkingDays: 20, isDefault: false });
    expect(await settings(countyhead)).toMatchObject({ ackWorkingDays: 5, isDefault: true });
    expect(await audits()).toEqual(['德清县 转介回执时限 5 个工作日 → 20 个工作日']);
  });

  it('changes the due day of a new referral and not of an existing one', async () => {
    // referred on Monday 06-08 under the default: due 5 working days later, 06-15
    const before = await refer(await create());
    expect(before.ackDueDay).toBe('2026-06-15');

    const s = ok<LegalAidSettingsView>(await countyhead.put('/api/legal-aid/settings', { countyId: units.county.id, ackWorkingDays: 10 }));
    expect(s).toMatchObject({ countyId: units.county.id, ackWorkingDays: 10, isDefault: false, mayEdit: true });
    expect(await settings(village)).toMatchObject({ ackWorkingDays: 10 });
    expect((await audits()).at(-1)).toMatch(/转介回执时限 5 个工作日 → 10 个工作日$/);

    // a new referral on the same day: 10 working days, over the 端午 holiday (06-19), so 06-23
    const after = await refer(await create());
    expect(after.ackDueDay).toBe('2026-06-23');
    expect(await dueOf(after.id)).toBe('2026-06-23');
    // the existing one keeps its 5 days, also when the calendar is reloaded and due days recomputed
    expect((await village.get(`/api/legal-aid/${before.id}`)).json<LegalAidDetail>().ackDueDay).toBe('2026-06-15');
    const year2026 = shippedHolidayTable.years[2026];
    const adminId = (await sys.selectFrom('users').select('id').where('username', '=', 'countyhead').executeTakeFirstOrThrow()).id;
    const r = await loadHolidayYear(t.app.ctx, 2026, { holidays: [...year2026.holidays], workdays: [...year2026.workdays] }, adminId);
    expect(r.ok).toBe(true);
    expect(await dueOf(before.id)).toBe('2026-06-15');
    expect(await dueOf(after.id)).toBe('2026-06-23');
  });
});
