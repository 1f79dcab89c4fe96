// Visits through the real API on every database: owed visits generated on registration, on a
// death and on a trigger (each reason, idempotence, the settings' effects, lunar birthdays, age on
// the birthday, owner units), recording a visit (the owed visit leaves the list, on time and late,
// the record's situations updated as a version, the form id resent, photos, bad input refused
// with nothing changed), assignment (heads only, in range, all or nothing), coverage against a
// direct count, the calendar, key-person contacts, follow-ups, the ledger and the work queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { WorkItemDto } from '../../../shared/schemas/cases';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import {
  defaultVisitSettings,
  type CalendarResult,
  type CoverageResult,
  type DueVisitDto,
  type FollowUpDto,
  type GenerateResult,
  type KeyPersonDto,
  type RecipientVisits,
  type VisitDetail,
  type VisitDto,
  type VisitSettings,
  type VisitTriggerDto,
} from '../../../shared/schemas/visits';
import { shortUnitName } from '../../../shared/rules/unit-names';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, registerApproved, type Page, type Units } from '../recipients/recipients-test-support';

/** A 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const photo = { name: '走访照片.png', mime: 'image/png', dataBase64: TINY_PNG };

type Queue = { items: WorkItemDto[]; count: number; overdue: number };

describe.each(dbKinds)('visits on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let county: Agent;
  let countyhead: Agent;
  let townshiphead: Agent;
  let seq = 100;
  let keySeq = 0;

  async function person(name: string, over: Record<string, unknown> = {}, unitId = units.village1.id, by?: Agent): Promise<RecipientDetail> {
    seq += 2;
    const birth = (over.birth as string | undefined) ?? '1975-03-08';
    const { birth: _b, ...rest } = over;
    void _b;
    return registerApproved(by ?? village, county, { kind: 'veteran', orgUnitId: unitId, name, idNumber: makeId(birth, seq + 1), recipientGroup: 'dischargedSoldier', ...rest });
  }
  const owedOf = async (a: Agent, recipientId: string, query = '') => ok<Page<DueVisitDto>>(await a.get(`/api/due-visits?pageSize=200&recipientId=${recipientId}${query}`)).items;
  const panel = async (a: Agent, recipientId: string) => ok<RecipientVisits>(await a.get(`/api/recipients/${recipientId}/visits`));
  const settingsNow = async () => ok<VisitSettings>(await county.get('/api/visit-settings'));
  const setSettings = async (over: Partial<VisitSettings>) => ok<VisitSettings>(await county.put('/api/visit-settings', { ...defaultVisitSettings, ...over }));
  const newKey = () => `form-${kind}-${++keySeq}-abcdef`;
  const visitBody = (recipientId: string, over: Record<string, unknown> = {}) => ({
    clientKey: newKey(),
    recipientId,
    visitedOn: '2026-06-15',
    visitType: 'home',
    visitors: '刘秀英、村书记',
    ...over,
  });
  const count = async (table: 'visits' | 'due_visits' | 'visit_triggers' | 'visit_follow_ups' | 'files' | 'recipient_versions') =>
    Number((await sys.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  async function travel(iso: string): Promise<void> {
    t.clock.set(iso);
    await sys.updateTable('users').set({ password_changed_at: iso }).execute();
    village = await t.login('village');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
    townshiphead = await t.login('townshiphead');
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    village = await t.login('village');
    county = await t.login('county');
    countyhead = await t.login('countyhead');
    townshiphead = await t.login('townshiphead');
  }, 60_000);
  afterAll(async () => t?.close());

  describe('generation', () => {
    it('registration owes 退役返乡 to a newly discharged veteran, and a birthday visit to a priority care recipient turning 70', async () => {
      const newVet = await person('返乡兵', { dischargeDate: '2026-03-01', enlistmentDate: '2024-03-01', birth: '2004-01-01' });
      const owed = await owedOf(village, newVet.id);
      expect(owed.map((d) => [d.reason, d.triggerKind, d.occasionDay, d.windowStart, d.windowEnd, d.state, d.ownerUnitId])).toEqual([
        ['trigger', 'returnHome', '2026-06-15', '2026-06-15', '2026-06-30', 'open', units.village1.id],
      ]);
      expect(owed[0].label).toBe('六必访·退役返乡');
      const triggers = (await panel(village, newVet.id)).triggers;
      expect(triggers.map((x) => [x.kind, x.source])).toEqual([['returnHome', 'registry']]);

      // turns 70 on 2026-06-20 (window 06-13…06-27 overlaps today + 30 days)
      const elder = await person('老张', { birth: '1956-06-20', careCategories: ['ruralVeteran60'] });
      expect((await owedOf(village, elder.id)).map((d) => [d.reason, d.occasionDay, d.windowEnd])).toEqual([['birthday70', '2026-06-20', '2026-06-27']]);
      // turns 69, or 70 without a care category: nothing owed
      const younger = await person('老李', { birth: '1957-06-20', careCategories: ['ruralVeteran60'] });
      const noCare = await person('老王', { birth: '1956-06-21' });
      expect(await owedOf(village, younger.id)).toEqual([]);
      expect(await owedOf(village, noCare.id)).toEqual([]);
      // an old discharge raises no 退役返乡
      const oldVet = await person('老兵', { dischargeDate: '2020-03-01', enlistmentDate: '2018-03-01', birth: '1998-01-01' });
      expect(await owedOf(village, oldVet.id)).toEqual([]);
    });

    it('a lunar birthday is owed on its lunar day of the year', async () => {
      // born 1956-07-06 = lunar 1956 五月廿八; lunar 2026 五月廿八 = 2026-07-12, inside today + 30 days
      const p = await person('农历生日', { birth: '1956-07-06', careCategories: ['warVeteran'], lunarBirthday: true });
      const owed = await owedOf(village, p.id, '&reason=birthday70');
      expect(owed.map((d) => d.occasionDay)).toEqual(['2026-07-12']);
      // the same person by the solar calendar: 07-06
      const solar = await person('阳历生日', { birth: '1956-07-06', careCategories: ['warVeteran'] });
      expect((await owedOf(village, solar.id, '&reason=birthday70')).map((d) => d.occasionDay)).toEqual(['2026-07-06']);
    });

    it("martyr survivors: the martyr's death anniversary (and Martyrs' Day when its window comes)", async () => {
      const s = await person('烈属', {
        kind: 'martyrSurvivor',
        recipientGroup: 'martyrSurvivor',
        birth: '1960-02-02',
        deceasedSoldier: { name: '王英雄', deathDate: '1985-06-25', deathKind: 'martyr', relation: '父亲' },
      });
      expect((await owedOf(village, s.id)).map((d) => [d.reason, d.occasionDay])).toEqual([['martyrAnniversary', '2026-06-25']]);
      expect((await owedOf(village, s.id))[0].keyGroups).toEqual(['martyrSurvivor']);
    });

    it('Army Day and the county key-person visit once the horizon reaches its window; twice owes nothing twice', async () => {
      const kp = await person('二等功', { merits: [{ name: '二等功', level: 'second', year: 1998 }], birth: '1970-01-01' });
      expect(await owedOf(village, kp.id)).toEqual([]);
      await setSettings({ horizonDays: 40 }); // today + 40 = 07-25, Army Day's window opens 07-17
      const first = ok<GenerateResult>(await countyhead.post('/api/visits/generate', {}));
      expect(first.created).toBeGreaterThan(0);
      const owed = (await owedOf(county, kp.id)).sort((x, y) => x.reason.localeCompare(y.reason));
      expect(owed.map((d) => [d.reason, d.occasionDay, d.ownerUnitId])).toEqual([
        ['armyDay', '2026-08-01', units.village1.id],
        ['keyPerson', '2026-08-01', units.county.id],
      ]);
      expect(owed.every((d) => d.state === 'upcoming')).toBe(true);
      const before = await count('due_visits');
      const second = ok<GenerateResult>(await countyhead.post('/api/visits/generate', {}));
      expect(second.created).toBe(0);
      expect(await count('due_visits')).toBe(before);
      // every live registered recipient owes exactly one Army Day visit
      const live = Number((await sys.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'registered').where('deceased', '=', 0).where('merged_into', 'is', null).executeTakeFirstOrThrow()).n);
      const ad = Number((await sys.selectFrom('due_visits').select((eb) => eb.fn.countAll<number>().as('n')).where('reason', '=', 'armyDay').where('occasion_day', '=', '2026-08-01').executeTakeFirstOrThrow()).n);
      expect(ad).toBe(live);
      await setSettings({});
    });

    it('a worker cannot generate or change the settings; bad settings are refused in Chinese', async () => {
      expectRefused(await village.post('/api/visits/generate', {}), 403);
      expectRefused(await village.put('/api/visit-settings', defaultVisitSettings), 403);
      expectRefused(await townshiphead.put('/api/visit-settings', defaultVisitSettings), 403);
      expectRefused(await county.put('/api/visit-settings', { ...defaultVisitSettings, horizonDays: 0 }), 400, /提前生成天数/);
      expect(await settingsNow()).toEqual(defaultVisitSettings);
    });

    describe('each setting changes generation', () => {
      it('routineOwner: the township owes routine visits', async () => {
        await setSettings({ routineOwner: 'township' });
        const p = await person('乡镇负责', { dischargeDate: '2026-05-01', enlistmentDate: '2024-05-01', birth: '2004-02-02' });
        expect((await owedOf(village, p.id)).map((d) => d.ownerUnitId)).toEqual([units.township.id]);
        await setSettings({});
        const q = await person('村负责', { dischargeDate: '2026-05-01', enlistmentDate: '2024-05-01', birth: '2004-02-03' });
        expect((await owedOf(village, q.id)).map((d) => d.ownerUnitId)).toEqual([units.village1.id]);
      });
      it('keyPersonOwner: routine folds the county visit into the routine one', async () => {
        await setSettings({ keyPersonOwner: 'routine', horizonDays: 40 });
        const kp = await person('一等功', { merits: [{ name: '一等功', level: 'first', year: 1990 }], birth: '1968-01-01' });
        expect((await owedOf(village, kp.id)).map((d) => d.reason)).toEqual(['armyDay']);
        await setSettings({ keyPersonOwner: 'county', horizonDays: 40 });
        const kp2 = await person('一等功二', { merits: [{ name: '一等功', level: 'first', year: 1990 }], birth: '1968-01-02' });
        expect((await owedOf(county, kp2.id)).map((d) => d.reason).sort()).toEqual(['armyDay', 'keyPerson']);
        await setSettings({});
      });
      it('horizonDays: how far ahead visits are owed', async () => {
        await setSettings({ horizonDays: 10 });
        const p = await person('近期生日', { birth: '1950-07-05', careCategories: ['ruralVeteran60'] });
        expect(await owedOf(village, p.id)).toEqual([]); // window opens 06-28, after today + 10
        await setSettings({});
        const q = await person('近期生日二', { birth: '1950-07-05', careCategories: ['ruralVeteran60'] });
        expect((await owedOf(village, q.id)).map((d) => d.reason)).toEqual(['birthday70']);
      });
      it('birthdayMinAge', async () => {
        await setSettings({ birthdayMinAge: 60 });
        const p = await person('六十岁', { birth: '1966-06-25', careCategories: ['ruralVeteran60'] });
        expect((await owedOf(village, p.id)).map((d) => d.reason)).toEqual(['birthday70']);
        await setSettings({});
        const q = await person('六十岁二', { birth: '1966-06-25', careCategories: ['ruralVeteran60'] });
        expect(await owedOf(village, q.id)).toEqual([]);
      });
      it('windows: a wider Army Day window is owed earlier; the trigger window sets the due day', async () => {
        await setSettings({ windows: { ...defaultVisitSettings.windows, armyDay: { before: 50, after: 7 }, trigger: { before: 0, after: 5 } } });
        const p = await person('八一早访', { birth: '1980-01-01', dischargeDate: '2026-06-01', enlistmentDate: '2024-06-01' });
        const owed = await owedOf(village, p.id);
        expect(owed.map((d) => [d.reason, d.windowStart, d.windowEnd])).toEqual([
          ['trigger', '2026-06-15', '2026-06-20'],
          ['armyDay', '2026-06-12', '2026-08-08'],
        ]);
        await setSettings({});
        const q = await person('八一常规', { birth: '1980-01-02' });
        expect(await owedOf(village, q.id)).toEqual([]);
      });
    });

    it('a death cancels the open owed visits and owes a visit to the family', async () => {
      const p = await person('去世老兵', { birth: '1956-06-22', careCategories: ['ruralVeteran60'] });
      expect((await owedOf(village, p.id)).map((d) => d.reason)).toEqual(['birthday70']);
      const d = ok<RecipientDetail>(await village.get(`/api/recipients/${p.id}`));
      ok(await village.post(`/api/recipients/${p.id}/death`, { deathDate: '2026-06-14', version: d.version }));
      const all = await owedOf(village, p.id);
      expect(all.map((x) => [x.reason, x.triggerKind, x.status, x.windowEnd])).toEqual([
        ['trigger', 'veteranDeath', 'owed', '2026-06-21'],
        ['birthday70', null, 'cancelled', '2026-06-29'],
      ]);
    });

    it('a trigger recorded by hand owes one visit; bad triggers are refused with nothing written', async () => {
      const p = await person('立功者', { birth: '1990-01-01' });
      const tr = ok<VisitTriggerDto>(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'meritAward', eventDay: '2026-06-10', note: '荣立三等功' }));
      expect(tr.source).toBe('manual');
      const owed = await owedOf(village, p.id);
      expect(owed.map((d) => [d.id, d.label, d.windowEnd])).toEqual([[tr.dueVisitId, '六必访·立功受奖', '2026-06-25']]);
      const before = [await count('visit_triggers'), await count('due_visits')];
      expectRefused(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'veteranDeath', eventDay: '2026-06-10' }), 400, /登记去世/);
      expectRefused(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'nonsense', eventDay: '2026-06-10' }), 400, /走访事由/);
      expectRefused(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'difficulty', eventDay: '2026-02-30' }), 400, /不存在/);
      expectRefused(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'difficulty', eventDay: '2028-06-10' }), 400, /一年/);
      expect([await count('visit_triggers'), await count('due_visits')]).toEqual(before);
      // another township's village worker does not see the person
      const other = await t.login('village2');
      expectRefused(await other.post('/api/visit-triggers', { recipientId: p.id, kind: 'difficulty', eventDay: '2026-06-10' }), 404);
    });
  });

  it('a transfer moves the visit records, and the open owed visits pass to the receiving village', async () => {
    const p = await person('迁走者', { birth: '2001-01-01', dischargeDate: '2026-05-20', enlistmentDate: '2023-05-20' });
    const due = (await owedOf(village, p.id))[0];
    ok(await townshiphead.post('/api/due-visits/assign', { ids: [due.id], userId: village.me!.id }));
    const visit = await village.post('/api/visits', visitBody(p.id, { visitType: 'phone' }));
    expect(visit.statusCode, visit.body).toBe(201);
    // the phone call fulfilled the owed visit: record a new trigger so one stays open
    ok(await village.post('/api/visit-triggers', { recipientId: p.id, kind: 'majorChange', eventDay: '2026-06-14' }));
    await t.createUser({ username: `recv-${kind}`, roles: ['worker'], orgUnitId: units.hanggaiVillage.id });
    const receiver = await t.login(`recv-${kind}`);
    const started = ok<{ caseId: string }>(await village.post('/api/transfers', { direction: 'out', recipientId: p.id, toUnitId: units.hanggaiVillage.id, reason: '随子女迁居' }));
    const c = ok<{ version: number }>(await receiver.get(`/api/cases/${started.caseId}`));
    ok(await receiver.post(`/api/cases/${started.caseId}/actions`, { action: 'accept', version: c.version, comment: '同意' }));
    expect(await owedOf(village, p.id)).toEqual([]);
    const theirs = await owedOf(receiver, p.id, '&status=owed');
    expect(theirs.map((d) => [d.triggerKind, d.ownerUnitId, d.orgUnitId, d.assignedUserId])).toEqual([['majorChange', units.hanggaiVillage.id, units.hanggaiVillage.id, null]]);
    expect((await panel(receiver, p.id)).visits).toHaveLength(1);
    expectRefused(await village.get(`/api/visits/${json<VisitDetail>(visit).id}`), 404);
  });

  describe('recording a visit', () => {
    let p: RecipientDetail;
    let due: DueVisitDto;
    beforeAll(async () => {
      p = await person('待走访', { birth: '2003-03-03', dischargeDate: '2026-04-01', enlistmentDate: '2024-04-01' });
      due = (await owedOf(village, p.id))[0];
    });

    it('stores the visit, marks the owed visit done (it leaves the open list), updates the situations as a version, keeps photos and follow-ups', async () => {
      const openBefore = ok<Page<DueVisitDto>>(await village.get('/api/due-visits?state=open&pageSize=200')).items.map((d) => d.id);
      expect(openBefore).toContain(due.id);
      const versionsBefore = await count('recipient_versions');
      const res = await village.post(
        '/api/visits',
        visitBody(p.id, {
          dueVisitId: due.id,
          situations: { family: { level: 'harmonious', note: '父母健在' }, employment: { level: 'seeking', note: '想找电工工作' } },
          needs: '希望推荐就业岗位',
          moneyCents: 50000,
          goods: '米、油',
          followUp: '联系人社所推荐岗位',
          followUps: [{ need: '推荐电工岗位', dueDay: '2026-06-30' }],
          photos: [photo, photo],
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const v = json<VisitDetail>(res);
      expect(v.dueVisit?.state).toBe('doneOnTime');
      expect(v.late).toBe(false);
      expect(v.dueLabel).toBe('六必访·退役返乡');
      expect(v.photos).toHaveLength(2);
      expect(v.followUps.map((f) => [f.need, f.status, f.ownerName])).toEqual([['推荐电工岗位', 'open', '刘秀英']]);
      expect(ok<DueVisitDto>(await village.get(`/api/due-visits/${due.id}`))).toMatchObject({ status: 'done', visitId: v.id, doneOn: '2026-06-15' });
      expectRefused(await (await t.login('village2')).get(`/api/due-visits/${due.id}`), 404);
      const openAfter = ok<Page<DueVisitDto>>(await village.get('/api/due-visits?state=open&pageSize=200')).items.map((d) => d.id);
      expect(openAfter).not.toContain(due.id);
      // the record's situations and a version of kind 'visit'
      const d = ok<RecipientDetail>(await village.get(`/api/recipients/${p.id}`));
      expect(d.situations.employment).toEqual({ level: 'seeking', note: '想找电工工作' });
      // two versions of kind 'visit': the situations, and the employment status the 求职中 finding
      // sets (employment confirms the person's profile from it)
      expect(await count('recipient_versions')).toBe(versionsBefore + 2);
      expect(d.employmentStatus).toBe('unemployed');
      const history = ok<{ items: { kind: string }[] }>(await village.get(`/api/recipients/${p.id}/history`));
      expect(history.items[0].kind).toBe('visit');
      // the photo, decrypted
      const ph = await village.get(`/api/visits/${v.id}/photos/${v.photos[0].id}`);
      expect(ph.statusCode).toBe(200);
      expect(ph.rawPayload.equals(Buffer.from(TINY_PNG, 'base64'))).toBe(true);
      // the panel: the visit listed, nothing open owed
      const pan = await panel(village, p.id);
      expect(pan.visits.map((x) => x.id)).toEqual([v.id]);
      expect(pan.next).toBeNull();
      // follow-ups: mine, then closed
      const mine = ok<Page<FollowUpDto>>(await village.get('/api/visit-follow-ups?mine=true&status=open'));
      expect(mine.items.map((f) => f.need)).toContain('推荐电工岗位');
      const f = mine.items.find((x) => x.need === '推荐电工岗位')!;
      expect(ok<FollowUpDto>(await village.post(`/api/visit-follow-ups/${f.id}/close`, { note: '已推荐' })).status).toBe('done');
      expectRefused(await village.post(`/api/visit-follow-ups/${f.id}/close`, {}), 409);
    });

    it('the same form sent again is stored once (200, the same visit)', async () => {
      const body = visitBody(p.id, { visitType: 'phone' });
      const a = await village.post('/api/visits', body);
      expect(a.statusCode, a.body).toBe(201);
      const visits = await count('visits');
      const b = await village.post('/api/visits', body);
      expect(b.statusCode).toBe(200);
      expect(json<VisitDetail>(b).id).toBe(json<VisitDetail>(a).id);
      expect(await count('visits')).toBe(visits);
      // a routine visit without an owed one
      expect(json<VisitDetail>(a).dueVisit).toBeNull();
    });

    it('an urgent need raises a 遇到困难 trigger with a return visit owed', async () => {
      const q = await person('困难户', { birth: '1980-08-08' });
      ok(await village.post('/api/visits', visitBody(q.id, { situations: { needs: { level: 'urgent', note: '住院费用' } } })).then((r) => ({ ...r, statusCode: r.statusCode === 201 ? 200 : r.statusCode })));
      const owed = await owedOf(village, q.id);
      expect(owed.map((d) => [d.triggerKind, d.windowEnd])).toEqual([['difficulty', '2026-06-30']]);
    });

    it('bad input: 4xx in Chinese, nothing changed', async () => {
      const q = await person('坏输入', { birth: '1981-08-08', dischargeDate: '2026-05-05', enlistmentDate: '2024-05-05' });
      const d = (await owedOf(village, q.id))[0];
      const snapshot = async () => [await count('visits'), await count('files'), await count('recipient_versions'), await count('visit_follow_ups'), JSON.stringify(await owedOf(village, q.id))];
      const before = await snapshot();
      expectRefused(await village.post('/api/visits', visitBody(q.id, { visitedOn: '2026-06-16' })), 400, /晚于今天/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { visitedOn: '2026-13-01' })), 400);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { visitors: '' })), 400, /走访人员/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { visitType: 'drive-by' })), 400, /走访形式/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { moneyCents: -1 })), 400, /不能为负/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { photos: Array(7).fill(photo) })), 400, /最多 6 张/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { photos: [{ ...photo, mime: 'image/jpeg' }] })), 400, /不符/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { situations: { family: { level: 'rich', note: '' } } })), 400, /家庭状况/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { dueVisitId: due.id })), 400, /不属于/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { dueVisitId: d.id, visitedOn: '2026-05-01' })), 400, /早于/);
      expectRefused(await village.post('/api/visits', visitBody(q.id, { followUps: [{ need: '转办', ownerUserId: 'nobody' }] })), 400, /工作人员/);
      expectRefused(await village.post('/api/visits', { ...visitBody(q.id), clientKey: 'x' }), 400, /表单编号/);
      expect(await snapshot()).toEqual(before);
    });

    it('visited after the window closed: done late', async () => {
      const q = await person('逾期', { birth: '1982-08-08', dischargeDate: '2026-05-06', enlistmentDate: '2024-05-06' });
      const d = (await owedOf(village, q.id))[0];
      expect(d.windowEnd).toBe('2026-06-30');
      await travel('2026-07-05T02:00:00.000Z');
      expect((await owedOf(village, q.id))[0].state).toBe('overdue');
      const overdue = ok<Page<DueVisitDto>>(await village.get('/api/due-visits?state=overdue&pageSize=200')).items.map((x) => x.id);
      expect(overdue).toContain(d.id);
      // no dueVisitId: the overdue owed visit is matched and done late
      const res = await village.post('/api/visits', visitBody(q.id, { visitedOn: '2026-07-04' }));
      expect(res.statusCode, res.body).toBe(201);
      const v = json<VisitDetail>(res);
      expect([v.late, v.dueVisit?.id, v.dueVisit?.state]).toEqual([true, d.id, 'doneLate']);
      await travel('2026-06-15T02:00:00.000Z');
    });
  });

  describe('assignment', () => {
    it('heads assign in their range, all or nothing; workers may not', async () => {
      await setSettings({ horizonDays: 40 });
      const a = await person('分派一', { birth: '1985-01-01', merits: [{ name: '荣誉称号', level: 'honor', year: 2000 }] });
      const other = await person('杭垓', { birth: '1985-01-02' }, units.hanggaiVillage.id, county);
      await setSettings({});
      const [ad, kp] = (await owedOf(county, a.id)).sort((x, y) => x.reason.localeCompare(y.reason));
      expect([ad.reason, kp.reason]).toEqual(['armyDay', 'keyPerson']);
      const otherDue = (await owedOf(county, other.id))[0];
      const villageUser = (await sys.selectFrom('users').select('id').where('username', '=', 'village').executeTakeFirstOrThrow()).id;
      const countyUser = (await sys.selectFrom('users').select('id').where('username', '=', 'county').executeTakeFirstOrThrow()).id;

      expectRefused(await village.post('/api/due-visits/assign', { ids: [ad.id], userId: villageUser }), 403);
      // one id outside the township: nothing assigned
      expectRefused(await townshiphead.post('/api/due-visits/assign', { ids: [ad.id, otherDue.id], userId: villageUser }), 404);
      expect((await owedOf(village, a.id))[0].assignedUserId).toBeNull();
      // the county's own key-person visit is not the township's to assign
      expectRefused(await townshiphead.post('/api/due-visits/assign', { ids: [kp.id], userId: villageUser }), 403, /上级/);
      // an assignee outside the township
      expectRefused(await townshiphead.post('/api/due-visits/assign', { ids: [ad.id], userId: countyUser }), 400, /工作人员/);
      expect(ok<{ assigned: number }>(await townshiphead.post('/api/due-visits/assign', { ids: [ad.id], userId: villageUser })).assigned).toBe(1);
      expect(ok<{ assigned: number }>(await countyhead.post('/api/due-visits/assign', { ids: [kp.id], userId: countyUser })).assigned).toBe(1);
      const mine = ok<Page<DueVisitDto>>(await village.get('/api/due-visits?assigned=me&pageSize=200')).items.map((d) => d.id);
      expect(mine).toContain(ad.id);
      expect(mine).not.toContain(kp.id);
      expect((await owedOf(county, a.id)).find((d) => d.id === kp.id)?.assignedUserName).toBe('李红梅');
    });
  });

  describe('overview', () => {
    it('coverage per child unit matches a direct count', async () => {
      const from = '2026-01-01';
      const to = '2026-12-31';
      const cov = ok<CoverageResult>(await countyhead.get(`/api/visits/coverage?from=${from}&to=${to}`));
      expect(cov.unit.id).toBe(units.county.id);
      const all = await sys.selectFrom('due_visits').selectAll().where('occasion_day', '>=', from).where('occasion_day', '<=', to).execute();
      const today = '2026-06-15';
      const direct = (path: string) => {
        const rows = all.filter((d) => d.org_path.startsWith(path));
        return {
          owed: rows.filter((d) => d.status !== 'cancelled').length,
          doneOnTime: rows.filter((d) => d.status === 'done' && d.done_on! <= d.window_end).length,
          doneLate: rows.filter((d) => d.status === 'done' && d.done_on! > d.window_end).length,
          notDone: rows.filter((d) => d.status === 'owed' && d.window_end < today).length,
          open: rows.filter((d) => d.status === 'owed' && d.window_end >= today).length,
        };
      };
      expect(cov.total).toEqual(direct(units.county.path));
      const township = cov.rows.find((r) => r.orgUnitId === units.township.id)!;
      expect(township).toMatchObject(direct(units.township.path));
      expect(cov.total.doneOnTime).toBeGreaterThan(0);
      expect(cov.total.doneLate).toBeGreaterThan(0);
      const tv = ok<CoverageResult>(await townshiphead.get(`/api/visits/coverage?from=${from}&to=${to}`));
      expect(tv.rows.find((r) => r.orgUnitId === units.village1.id)).toMatchObject(direct(units.village1.path));
      // the township head cannot look at the county, or outside
      expectRefused(await townshiphead.get(`/api/visits/coverage?from=${from}&to=${to}&orgUnitId=${units.county.id}`), 404);
      expectRefused(await townshiphead.get(`/api/visits/coverage?from=2026-12-31&to=2026-01-01`), 400, /开始日期/);
    });

    it('calendar: the festivals and the owed visits per day', async () => {
      const c = ok<CalendarResult>(await county.get('/api/visits/calendar?from=2026-06-01&to=2027-02-28'));
      expect(c.festivals.map((f) => [f.key, f.day])).toEqual([
        ['armyDay', '2026-08-01'],
        ['martyrsDay', '2026-09-30'],
        ['springFestival', '2027-02-06'],
      ]);
      const army = c.days.find((d) => d.day === '2026-08-01')!;
      expect(army.byReason.armyDay).toBeGreaterThan(0);
      expect(army.total).toBe(Object.values(army.byReason).reduce((a, b) => a + b, 0));
    });

    it('key persons and their county contact', async () => {
      const list = ok<Page<KeyPersonDto>>(await county.get('/api/key-persons?pageSize=200'));
      expect(list.items.length).toBeGreaterThan(0);
      const merit = list.items.find((k) => k.keyGroups.includes('merit2'))!;
      const countyUser = (await sys.selectFrom('users').select('id').where('username', '=', 'county').executeTakeFirstOrThrow()).id;
      expectRefused(await village.post('/api/key-persons/contacts', { recipientIds: [merit.recipientId], contactUserId: countyUser }), 403);
      // the township head cannot name a county contact (outside the township)
      expectRefused(await townshiphead.post('/api/key-persons/contacts', { recipientIds: [merit.recipientId], contactUserId: countyUser }), 400, /工作人员/);
      ok(await countyhead.post('/api/key-persons/contacts', { recipientIds: [merit.recipientId], contactUserId: countyUser }));
      const withContact = ok<Page<KeyPersonDto>>(await county.get(`/api/key-persons?hasContact=true&pageSize=200`));
      expect(withContact.items.map((k) => [k.recipientId, k.contactName])).toContainEqual([merit.recipientId, '李红梅']);
      expect((await panel(village, merit.recipientId)).contact?.name).toBe('李红梅');
      const plain = await person('非重点', { birth: '1988-01-01' });
      expectRefused(await countyhead.post('/api/key-persons/contacts', { recipientIds: [plain.id], contactUserId: countyUser }), 400, /重点/);
      // filtered by key group in the owed list
      const kpOwed = ok<Page<DueVisitDto>>(await county.get('/api/due-visits?keyGroup=merit2&pageSize=200')).items;
      expect(kpOwed.length).toBeGreaterThan(0);
      expect(kpOwed.every((d) => d.keyGroups.includes('merit2'))).toBe(true);
    });

    it('the work queue: opened windows, for the assignee or else the owing unit', async () => {
      const q = ok<Queue>(await village.get('/api/work-queue'));
      const visits = q.items.filter((i) => i.provider === 'visits');
      expect(visits.length).toBeGreaterThan(0);
      expect(visits.every((i) => i.link.startsWith('/visits/new?dueVisit='))).toBe(true);
      const open = ok<Page<DueVisitDto>>(await village.get(`/api/due-visits?state=open&ownerUnitId=${units.village1.id}&pageSize=200`)).items;
      for (const d of open.filter((x) => !x.assignedUserId)) expect(visits.map((i) => i.id)).toContain(d.id);
      // the township head's queue holds the township's own visits, not the villages'
      const th = ok<Queue>(await townshiphead.get('/api/work-queue'));
      const thIds = th.items.filter((i) => i.provider === 'visits').map((i) => i.id);
      for (const d of open) expect(thIds).not.toContain(d.id);
      const townshipOwned = ok<Page<DueVisitDto>>(await townshiphead.get(`/api/due-visits?state=open&ownerUnitId=${units.township.id}&pageSize=200`)).items;
      expect(townshipOwned.length).toBeGreaterThan(0);
      expect(thIds.sort()).toEqual(townshipOwned.filter((d) => !d.assignedUserId).map((d) => d.id).sort());
      // upcoming ones are not there yet
      const upcoming = ok<Page<DueVisitDto>>(await village.get('/api/due-visits?state=upcoming&pageSize=200')).items;
      for (const d of upcoming) expect(visits.map((i) => i.id)).not.toContain(d.id);
    });

    it('the visit ledger (.xlsx), audited', async () => {
      const audits = Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'ledger.export').executeTakeFirstOrThrow()).n);
      const res = await townshiphead.get('/api/ledgers/visits?from=2026-01-01&to=2026-12-31');
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(String(ws.getRow(1).getCell(1).value)).toContain('走访慰问台账');
      expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['序号', '走访日期', '走访对象']);
      const listed = ok<Page<VisitDto>>(await townshiphead.get('/api/visits?from=2026-01-01&to=2026-12-31&pageSize=200'));
      expect(ws.rowCount - 3).toBe(listed.total);
      const money = [];
      for (let i = 4; i <= ws.rowCount; i++) money.push(ws.getRow(i).getCell(9).value);
      expect(money).toContain(500);
      const after = Number((await sys.selectFrom('audit_logs').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'ledger.export').executeTakeFirstOrThrow()).n);
      expect(after).toBe(audits + 1);
    });
  });

  describe('county-owned key-person visits (Part 5 三(四)) and unit labels', () => {
    it('are listed for the county and its contact person, never in village, grid or township lists; grids are named with their village', async () => {
      const gridUnit = await sys.selectFrom('users').innerJoin('org_units as u', 'u.id', 'users.org_unit_id').select(['u.id', 'u.name']).where('username', '=', 'grid').executeTakeFirstOrThrow();
      await setSettings({ horizonDays: 40 });
      const kp = await person('网格重点', { birth: '1969-01-01', merits: [{ name: '二等功', level: 'second', year: 1996 }] }, gridUnit.id);
      await setSettings({});
      const grid = await t.login('grid');
      const reasons = async (a: Agent) => (await owedOf(a, kp.id)).map((d) => d.reason).sort();
      expect(await reasons(county)).toEqual(['armyDay', 'keyPerson']);
      for (const a of [village, grid, townshiphead]) expect(await reasons(a)).toEqual(['armyDay']);
      expect((await panel(village, kp.id)).owed.map((d) => d.reason)).toEqual(['armyDay']);
      expect((await panel(county, kp.id)).owed.map((d) => d.reason).sort()).toEqual(['armyDay', 'keyPerson']);

      // the grid is named with its village in every list, the village alone by its name
      const village1Name = (await sys.selectFrom('org_units').select('name').where('id', '=', units.village1.id).executeTakeFirstOrThrow()).name;
      const gridLabel = `${shortUnitName(village1Name)}·${gridUnit.name}`;
      expect(gridLabel).toMatch(/^[^·]+(村|社区)·第.网格$/);
      for (const d of await owedOf(townshiphead, kp.id)) expect(d.orgUnitName).toBe(gridLabel);
      const kpCounty = (await owedOf(county, kp.id)).find((d) => d.reason === 'keyPerson')!;
      const countyName = (await sys.selectFrom('org_units').select('name').where('id', '=', units.county.id).executeTakeFirstOrThrow()).name;
      expect([kpCounty.orgUnitName, kpCounty.ownerUnitName]).toEqual([gridLabel, countyName]);
      const recipients = ok<Page<{ id: string; orgUnitName: string }>>(await townshiphead.get(`/api/recipients?q=${encodeURIComponent('网格重点')}&pageSize=50`)).items;
      expect(recipients.find((r) => r.id === kp.id)?.orgUnitName).toBe(gridLabel);
      const inVillage = ok<Page<DueVisitDto>>(await townshiphead.get(`/api/due-visits?orgUnitId=${units.village1.id}&pageSize=200`)).items;
      expect(inVillage.filter((d) => d.orgUnitId === units.village1.id).every((d) => d.orgUnitName === village1Name)).toBe(true);

      // a contact named by the township head (one of the township's staff) sees it too
      const townshipUser = (await sys.selectFrom('users').select('id').where('username', '=', 'township').executeTakeFirstOrThrow()).id;
      ok(await townshiphead.post('/api/key-persons/contacts', { recipientIds: [kp.id], contactUserId: townshipUser }));
      expect(await reasons(await t.login('township'))).toEqual(['armyDay', 'keyPerson']);
      expect(await reasons(townshiphead)).toEqual(['armyDay']);

      // the contact person's queue once the window opens, not another county worker's nor the village's
      const countyUser = (await sys.selectFrom('users').select('id').where('username', '=', 'county').executeTakeFirstOrThrow()).id;
      ok(await countyhead.post('/api/key-persons/contacts', { recipientIds: [kp.id], contactUserId: countyUser }));
      await travel('2026-07-20T02:00:00.000Z');
      const queued = async (a: Agent) => ok<Queue>(await a.get('/api/work-queue')).items.filter((i) => i.provider === 'visits').map((i) => i.id);
      expect(await queued(county)).toContain(kpCounty.id);
      const item = ok<Queue>(await county.get('/api/work-queue')).items.find((i) => i.id === kpCounty.id)!;
      expect(item.unitName).toBe(gridLabel);
      expect(await queued(countyhead)).not.toContain(kpCounty.id);
      expect(await queued(village)).not.toContain(kpCounty.id);
      const armyDay = (await owedOf(village, kp.id))[0];
      expect(await queued(village)).toContain(armyDay.id);

      // past the window: 逾期未访 for the county, not for the village or the grid
      await travel('2026-08-20T02:00:00.000Z');
      const overdue = async (a: Agent) => ok<Page<DueVisitDto>>(await a.get(`/api/due-visits?state=overdue&recipientId=${kp.id}&pageSize=200`)).items.map((d) => d.reason).sort();
      expect(await overdue(county)).toEqual(['armyDay', 'keyPerson']);
      expect(await overdue(village)).toEqual(['armyDay']);
      expect(await overdue(await t.login('grid'))).toEqual(['armyDay']);
    });
  });
});
