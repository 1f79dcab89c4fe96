// Deleting a wrongly uploaded legal-aid material 案件材料 on both databases: the registering unit's
// staff may delete while the case is registered (before the referral hands the materials on); the
// row and its encrypted bytes are gone, the deletion is audited; another unit cannot (404), and after
// the referral it is a Chinese 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { LegalAidDetail, LegalAidPartnerDto } from '../../../shared/schemas/legal-aid';
import { MANY_LOGINS, chinese, demoUnits, expectRefused, makeId, ok, registerApproved, simpleForm, type Units } from '../recipients/recipients-test-support';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe.each(dbKinds)('legal-aid material deletion on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let county: Agent;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    village2 = await t.login('village2');
    county = await t.login('county');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the registering unit deletes a wrong material before the referral (audited, row and bytes gone); never after it', async () => {
    const person = await registerApproved(village, county, simpleForm(units.village1.id, '韩误传', makeId('19650101', 811)));
    const center = ok<LegalAidPartnerDto>(await county.post('/api/legal-aid/partners', { orgUnitId: units.county.id, name: '安吉县法律援助中心', kind: 'center', address: '递铺街道', phone: '0572-5123348', lawyers: '', areas: '' }));
    let c = ok<LegalAidDetail>(
      await village.post('/api/legal-aid', { recipientId: person.id, orgUnitId: units.village1.id, appliedOn: '2026-06-05', matterKind: 'labor', matter: '工资拖欠', opposingParty: '某公司', claims: '支付工资', priorSteps: false, route: 'arbitration' }),
    );
    const up = (name: string) => village.post(`/api/legal-aid/${c.id}/files`, { name, mime: 'image/png', dataBase64: PNG });
    const wrong = ok<{ id: string }>(await up('别人的身份证.png'));
    const right = ok<{ id: string }>(await up('劳动合同.png'));
    expectRefused(await village2.request('DELETE', `/api/legal-aid/${c.id}/files/${wrong.id}`), 404);
    expectRefused(await village.request('DELETE', `/api/legal-aid/${c.id}/files/${'0'.repeat(20)}`), 404);
    const left = ok<{ items: { id: string }[] }>(await village.request('DELETE', `/api/legal-aid/${c.id}/files/${wrong.id}`));
    expect(left.items.map((f) => f.id)).toEqual([right.id]);
    expect(await sys.selectFrom('files').select('id').where('id', '=', wrong.id).execute()).toEqual([]);
    expectRefused(await village.get(`/api/legal-aid/${c.id}/files/${wrong.id}`), 404);
    const audits = await sys.selectFrom('audit_logs').select(['action', 'detail', 'username']).where('target_id', '=', c.id).where('action', '=', 'legal-aid.material-delete').execute();
    expect(audits).toEqual([{ action: 'legal-aid.material-delete', detail: expect.stringContaining('别人的身份证.png'), username: 'village' }]);
    // referred: the materials went with the case
    c = ok<LegalAidDetail>(await village.get(`/api/legal-aid/${c.id}`));
    c = ok<LegalAidDetail>(await village.post(`/api/legal-aid/${c.id}/refer`, { version: c.version, partnerId: center.id, referredOn: '2026-06-08', note: '' }));
    expect(c.status).toBe('referred');
    const e409 = expectRefused(await village.request('DELETE', `/api/legal-aid/${c.id}/files/${right.id}`), 409, /已转介或已结案/);
    expect(e409.message).toMatch(chinese);
    expect((await sys.selectFrom('files').select('id').where('id', '=', right.id).execute()).length).toBe(1);
  });
});
