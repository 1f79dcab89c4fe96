// The feedback box's reply deadline setting through the API on both databases: everyone who reads
// feedback sees it (default 15 natural days); only a county-level unit head or services reviewer
// changes it (a township head, a village worker and the city's viewer are refused, changing nothing);
// bad figures are a Chinese 400; each change is audited; a new entry takes the new deadline and
// entries already in keep theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { FeedbackSettingsView } from '../../../shared/schemas/feedback';

describe.each(dbKinds)('the feedback reply deadline setting on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let village: Agent;
  let townshipHead: Agent;
  let countyHead: Agent;
  let county: Agent;
  let city: Agent;
  let villageId = '';

  const settingRow = () => sys.selectFrom('settings').selectAll().where('key', '=', 'feedback').executeTakeFirst();
  const submit = async (text: string) => {
    const res = await t.agent().post('/api/public/feedback', { kind: 'suggestion', text, orgUnitId: villageId, signature: 'anonymous' });
    expect(res.statusCode, res.body).toBe(200);
    return json<{ dueDay: string | null }>(res);
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { PUBLIC_RATE_LIMIT: '10000' } });
    sys = systemDb(t.db.handle.db);
    village = await t.login('village');
    townshipHead = await t.login('townshiphead');
    countyHead = await t.login('countyhead');
    county = await t.login('county');
    city = await t.login('city');
    villageId = (await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow()).org_unit_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the default to every feedback reader; only county-level heads and reviewers may change it', async () => {
    const v = json<FeedbackSettingsView>(await village.get('/api/feedback-settings'));
    expect(v).toEqual({ replyDays: 15, replyDayKind: 'natural', mayEdit: false, isDefault: true });
    expect(json<FeedbackSettingsView>(await townshipHead.get('/api/feedback-settings')).mayEdit).toBe(false);
    expect(json<FeedbackSettingsView>(await countyHead.get('/api/feedback-settings')).mayEdit).toBe(true);
    expect(json<FeedbackSettingsView>(await county.get('/api/feedback-settings')).mayEdit).toBe(true);
    const before = await settingRow();
    for (const who of [village, townshipHead]) {
      const res = await who.put('/api/feedback-settings', { replyDays: 5, replyDayKind: 'working' });
      expect(res.statusCode, res.body).toBe(403);
      expect(json<{ message: string }>(res).message).toMatch(/县级及以上/);
    }
    expect((await city.put('/api/feedback-settings', { replyDays: 5, replyDayKind: 'working' })).statusCode).toBe(403);
    for (const body of [{ replyDays: 0, replyDayKind: 'natural' }, { replyDays: 91, replyDayKind: 'natural' }, { replyDays: 2.5, replyDayKind: 'natural' }, { replyDays: 5, replyDayKind: 'lunar' }, {}]) {
      const res = await countyHead.put('/api/feedback-settings', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(json<{ message: string }>(res).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await settingRow()).toEqual(before);
  });

  it('a change is audited and gives new entries the new deadline; entries already in keep theirs', async () => {
    // TEST_NOW is 2026-06-15 (a Monday): 15 natural days → 2026-06-30
    const old = await submit('设置页：之前收到的意见');
    expect(old.dueDay).toBe('2026-06-30');
    const saved = json<FeedbackSettingsView>(await countyHead.put('/api/feedback-settings', { replyDays: 5, replyDayKind: 'working' }));
    expect(saved).toMatchObject({ replyDays: 5, replyDayKind: 'working', isDefault: false, mayEdit: true });
    expect(json<FeedbackSettingsView>(await village.get('/api/feedback-settings'))).toMatchObject({ replyDays: 5, replyDayKind: 'working' });
    const audit = await sys.selectFrom('audit_logs').select(['detail', 'username']).where('action', '=', 'feedback-settings.update').execute();
    expect(audit).toEqual([{ detail: '15个自然日 → 5个工作日', username: 'countyhead' }]);
    // 5 working days from Monday 2026-06-15: 06-19 端午 is a holiday → 06-23 (06-22 without it)
    const fresh = await submit('设置页：之后收到的意见');
    expect(['2026-06-22', '2026-06-23']).toContain(fresh.dueDay);
    const kept = await sys.selectFrom('feedback_entries').select('due_day').where('body', '=', '设置页：之前收到的意见').executeTakeFirstOrThrow();
    expect(kept.due_day).toBe('2026-06-30');
  });
});
