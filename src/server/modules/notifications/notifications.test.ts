// Notifications 消息通知 through the real API on every database: a village's submission reaches the
// county reviewers' bells ("waiting for you"), a return reaches the village ("returned to you");
// each user reads only their own; paging, filters, mark read / all read; every preference changes
// what happens (in-app, digest, webhook); the daily job's due-soon/overdue once per item per day and
// the digest; a unit's 企业微信 webhook set by its head or a system admin within range, masked to
// others, and the sender after commit against a local HTTP server (markdown, retries); the daily
// digest to the group robot when the user's preference says so; no message carries the veteran's
// name, phone or ID number.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';
import type { NotificationPage } from '../../../shared/schemas/notifications';
import type { RecipientDetail } from '../../../shared/schemas/recipients';
import { MANY_LOGINS, demoUnits, expectRefused, makeId, ok, openCaseOf, register, veteranForm, type Units } from '../recipients/recipients-test-support';
import { channelOf, deliverOutbox, logChannel, runDailyNotifications, wecomChannel } from '.';
import { scrub } from './notifications.text';
import { maskName } from '../../../shared/rules/mask';

type Received = { path: string; body: string };

/** A local stand-in for 企业微信's webhook: records every POST; answers `status` (500 to test retries). */
async function webhookServer() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(state.status === 200 ? { errcode: 0, errmsg: 'ok' } : { errcode: 1 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { received, state, url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=secret-key-0123456789abcd`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(dbKinds)('notifications on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let county: Agent;
  let countyhead: Agent;
  let townshiphead: Agent;
  let admin: Agent;
  let hook: Awaited<ReturnType<typeof webhookServer>>;
  let seq = 800;
  const NAME = '郑国栋';
  const PHONE = '13857201234';
  let idNumber = '';

  const page = async (a: Agent, q = '') => ok<NotificationPage>(await a.get(`/api/notifications${q}`));
  const unread = async (a: Agent) => ok<{ unread: number }>(await a.get('/api/notifications/unread-count')).unread;
  /** A veteran of the first village registered and submitted: a collection review waits on the county. */
  const submitted = async (): Promise<RecipientDetail> => {
    idNumber = makeId('1978-05-0' + ((seq % 9) + 1), ++seq);
    const r = await register(village, veteranForm(units.village1.id, { name: NAME, idNumber, phone: PHONE, household: { mode: 'new', address: '孝丰镇某村 8 号' } }));
    ok(await village.post(`/api/recipients/${r.id}/submit`, { version: r.version }));
    return r;
  };
  const returnCase = async (recipientId: string) => {
    const c = await openCaseOf(county, recipientId);
    ok(await county.post(`/api/cases/${c.id}/actions`, { action: 'return', comment: '请补充服役经历', version: c.version }));
  };
  const allTexts = async () => (await sys.selectFrom('notifications').select(['title', 'body']).execute()).map((r) => `${r.title} ${r.body}`).join('\n');
  /** after moving the clock by days: the sessions have timed out */
  const later = async (days: number) => {
    t.clock.advance(days * 86400);
    [village, county, countyhead] = [await t.login('village'), await t.login('county'), await t.login('countyhead')];
  };
  const outbox = () => sys.selectFrom('notification_outbox').selectAll().orderBy('created_at').orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    [village, county, countyhead, townshiphead, admin] = [await t.login('village'), await t.login('county'), await t.login('countyhead'), await t.login('townshiphead'), await t.login('admin')];
    hook = await webhookServer();
  });
  afterAll(async () => {
    await hook?.close();
    await t?.close();
  });

  it('a submission waits on the county: its reviewers are told, nobody else; a return reaches the village', async () => {
    const r = await submitted();
    expect(await unread(county)).toBe(1);
    expect(await unread(countyhead)).toBe(1);
    expect(await unread(village)).toBe(0);
    const mine = await page(county);
    expect(mine.items[0]).toMatchObject({ kind: 'waiting', kindLabel: '待您处理', read: false, title: '新的信息采集审核待您审核通过' });
    expect(mine.items[0].link).toBe(`/recipients/${r.id}`);
    expect(mine.items[0].body).toContain('刘*');
    await returnCase(r.id);
    const v = await page(village);
    expect(v.items).toHaveLength(1);
    expect(v.items[0]).toMatchObject({ kind: 'returned', kindLabel: '退回给您', title: '信息采集审核被退回' });
    expect(v.items[0].body).toContain('已退回修改');
    // the returning reviewer is not told about their own action; the other reviewer's item stays
    expect(await unread(county)).toBe(1);
    // no personal data in any notification
    const texts = await allTexts();
    for (const secret of [NAME, PHONE, idNumber, '李红梅', '刘秀英']) expect(texts).not.toContain(secret);
  });

  it('each user reads and marks only their own: another user\'s notification is a 404; paging and filters', async () => {
    const other = (await page(countyhead)).items[0];
    expectRefused(await county.post(`/api/notifications/${other.id}/read`), 404, /未找到/);
    expect(await unread(countyhead)).toBe(1);
    await submitted();
    await submitted();
    expect(await unread(county)).toBe(3);
    const p1 = await page(county, '?pageSize=2');
    expect(p1.total).toBe(3);
    expect(p1.items).toHaveLength(2);
    expect((await page(county, '?page=2&pageSize=2')).items).toHaveLength(1);
    expect((await page(county, '?kind=returned')).items).toHaveLength(0);
    const first = p1.items[0];
    expect(ok<{ unread: number }>(await county.post(`/api/notifications/${first.id}/read`)).unread).toBe(2);
    expect((await page(county, '?unread=true')).total).toBe(2);
    expect((await page(county, '?unread=false')).items.map((i) => i.id)).toEqual([first.id]);
    expect(ok<{ updated: number }>(await county.post('/api/notifications/read-all')).updated).toBe(2);
    expect(await unread(county)).toBe(0);
    expect(await unread(countyhead)).toBe(3);
    expectRefused(await county.get('/api/notifications?kind=nonsense'), 400, /消息类型/);
  });

  it('the in-app preference stops a kind reaching the bell; other kinds still arrive', async () => {
    const prefs = ok<{ items: { kind: string; inApp: boolean; digest: boolean; webhook: boolean }[] }>(await village.get('/api/notifications/preferences'));
    expect(prefs.items.map((p) => p.kind)).toEqual(['waiting', 'returned', 'dueSoon', 'overdue', 'digest']);
    expect(prefs.items.filter((p) => p.kind !== 'digest').every((p) => p.inApp && p.digest && p.webhook)).toBe(true);
    // the digest reaches the bell, and the group only when the user turns it on
    expect(prefs.items.find((p) => p.kind === 'digest')).toMatchObject({ inApp: true, webhook: false });
    expectRefused(await village.put('/api/notifications/preferences', { items: [] }), 400, /至少/);
    ok(await village.put('/api/notifications/preferences', { items: [{ kind: 'returned', inApp: false, digest: true, webhook: true }] }));
    const before = (await page(village)).total;
    const r = await submitted();
    await returnCase(r.id);
    expect((await page(village)).total).toBe(before);
    ok(await village.put('/api/notifications/preferences', { items: [{ kind: 'returned', inApp: true, digest: true, webhook: true }] }));
    const r2 = await submitted();
    await returnCase(r2.id);
    expect((await page(village)).total).toBe(before + 1);
  });

  it('a unit\'s webhook: set by its head or a system admin within range, masked to others, validated', async () => {
    const url = `/api/org-units/${units.county.id}/notification-webhook`;
    // a worker holds neither unit:head nor staff:write
    expectRefused(await county.get(url), 403);
    expectRefused(await countyhead.put(url, { url: 'ftp://example.com/x' }), 400, /http/);
    // a township head: the county is out of range (404); a village of its range is not its own unit (403)
    expectRefused(await townshiphead.put(url, { url: hook.url }), 404);
    expectRefused(await townshiphead.put(`/api/org-units/${units.village1.id}/notification-webhook`, { url: hook.url }), 403, /负责人/);
    const set = ok<{ configured: boolean; urlHint: string; mayChange: boolean }>(await countyhead.put(url, { url: hook.url }));
    expect(set).toMatchObject({ configured: true, mayChange: true });
    expect(set.urlHint).toBe(`${new URL(hook.url).protocol}//${new URL(hook.url).host}/…abcd`);
    expect(JSON.stringify(set)).not.toContain('secret-key');
    // stored encrypted, never in the clear
    const row = await sys.selectFrom('unit_webhooks').selectAll().where('org_unit_id', '=', units.county.id).executeTakeFirstOrThrow();
    expect(row.url_enc).not.toContain('secret-key');
    expect(t.app.ctx.crypto.decrypt(row.url_enc)).toBe(hook.url);
    // a system admin of the county sets a village's; the audit log names the change
    ok(await admin.put(`/api/org-units/${units.village1.id}/notification-webhook`, { url: hook.url + 'v' }));
    ok(await admin.put(`/api/org-units/${units.village1.id}/notification-webhook`, { url: '' }));
    expect(ok<{ configured: boolean }>(await admin.get(`/api/org-units/${units.village1.id}/notification-webhook`)).configured).toBe(false);
    const audit = await sys.selectFrom('audit_logs').select('action').where('action', 'like', 'notification.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['notification.webhook-set', 'notification.webhook-clear']));
  });

  it('messages go out after commit to the group robot: markdown, no personal data, retried on failure; the webhook preference decides', async () => {
    await sys.deleteFrom('notification_outbox').execute();
    hook.received.length = 0;
    await submitted();
    const queued = await outbox();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ org_unit_id: units.county.id, state: 'pending', attempts: 0 });
    // nothing is sent by the request itself
    expect(hook.received).toHaveLength(0);
    // a failing robot: retried a minute later, then sent
    hook.state.status = 500;
    expect(await deliverOutbox(t.app.ctx, wecomChannel)).toMatchObject({ retrying: 1, sent: 0 });
    expect((await outbox())[0]).toMatchObject({ state: 'pending', attempts: 1, last_error: 'HTTP 500' });
    expect(await deliverOutbox(t.app.ctx, wecomChannel)).toMatchObject({ sent: 0, retrying: 0 });
    hook.state.status = 200;
    t.clock.advance(61);
    expect(await deliverOutbox(t.app.ctx, wecomChannel)).toMatchObject({ sent: 1 });
    expect((await outbox())[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(hook.received).toHaveLength(2);
    const msg = JSON.parse(hook.received[1].body) as { msgtype: string; markdown: { content: string } };
    expect(hook.received[1].path).toContain('/cgi-bin/webhook/send?key=');
    expect(msg.msgtype).toBe('markdown');
    expect(msg.markdown.content).toContain('信息采集审核');
    expect(msg.markdown.content).toContain('安吉县');
    for (const r of hook.received) for (const secret of [NAME, PHONE, idNumber, '刘秀英']) expect(r.body).not.toContain(secret);
    expect(hook.received.map((r) => r.body).join('')).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
    // both reviewers turn the robot off for "waiting": nothing is queued
    for (const a of [county, countyhead]) ok(await a.put('/api/notifications/preferences', { items: [{ kind: 'waiting', inApp: true, digest: true, webhook: false }] }));
    await submitted();
    expect(await outbox()).toHaveLength(1);
    ok(await countyhead.put('/api/notifications/preferences', { items: [{ kind: 'waiting', inApp: true, digest: true, webhook: true }] }));
    await submitted();
    expect(await outbox()).toHaveLength(2);
    // the webhook removed before sending: skipped, nothing posted
    ok(await countyhead.put(`/api/org-units/${units.county.id}/notification-webhook`, { url: '' }));
    expect(await deliverOutbox(t.app.ctx, wecomChannel)).toMatchObject({ skipped: 1, sent: 0 });
    ok(await countyhead.put(`/api/org-units/${units.county.id}/notification-webhook`, { url: hook.url }));
  });

  it('a failure past the last retry gives the message up', async () => {
    await sys.deleteFrom('notification_outbox').execute();
    await submitted();
    hook.state.status = 500;
    for (let i = 0; i < 6; i++) {
      await deliverOutbox(t.app.ctx, wecomChannel);
      // the next attempt's time come (the sessions of the test's users stay fresh)
      await sys.updateTable('notification_outbox').set({ next_attempt_at: t.clock.now().toISOString() }).execute();
    }
    hook.state.status = 200;
    expect((await outbox())[0]).toMatchObject({ state: 'failed', attempts: 6 });
  });

  it('the log channel (development) writes the message to the log; NOTIFY_CHANNEL chooses', async () => {
    const lines: unknown[] = [];
    const log = { info: (o: unknown) => lines.push(o) } as unknown as Parameters<typeof logChannel>[0];
    await sys.deleteFrom('notification_outbox').execute();
    await submitted();
    expect(await deliverOutbox(t.app.ctx, logChannel(log))).toMatchObject({ sent: 1 });
    expect(JSON.stringify(lines)).toContain('信息采集审核');
    expect(JSON.stringify(lines)).not.toContain('secret-key');
    expect(t.config.notifyChannel).toBe('log');
    expect(channelOf(t.app.ctx, log).name).toBe('log');
    expect(channelOf({ ...t.app.ctx, config: { ...t.config, notifyChannel: 'wecom' } }, log).name).toBe('wecom');
  });

  it('the daily run: due soon and overdue once per item per day, the digest of unread, each preference obeyed', async () => {
    await sys.deleteFrom('notification_outbox').execute();
    ok(await countyhead.put(`/api/org-units/${units.county.id}/notification-webhook`, { url: hook.url }));
    await submitted();
    ok(await county.post('/api/notifications/read-all'));
    // a review submitted on Monday 2026-06-15 is due in 10 working days (06-29): on 06-27 it is due soon
    await later(12);
    const first = await runDailyNotifications(t.app.ctx);
    expect(first.due).toBeGreaterThan(0);
    const dueSoon = (await page(county, '?kind=dueSoon&pageSize=200')).items;
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(dueSoon[0].title).toBe('信息采集审核即将到期');
    const again = await runDailyNotifications(t.app.ctx);
    expect(again.due).toBe(0);
    expect(again.digests).toBe(0);
    expect((await page(county, '?kind=dueSoon&pageSize=200')).items).toHaveLength(dueSoon.length);
    // the digest counts the unread of the day
    const digest = (await page(county, '?kind=digest')).items;
    expect(digest).toHaveLength(1);
    expect(digest[0].title).toMatch(/^每日汇总：未读消息 \d+ 条$/);
    expect(digest[0].body).toContain('即将到期');
    // one message per unit and day to the robot
    const dueMessages = async () => (await outbox()).filter((m) => m.org_unit_id === units.county.id && m.dedupe_key?.startsWith('due:'));
    expect(await dueMessages()).toHaveLength(1);
    expect((await dueMessages())[0].content).toMatch(/即将到期：\d+ 件/);
    // the next day: again once; countyhead has turned off dueSoon in the app and the digest of everything
    ok(await countyhead.put('/api/notifications/preferences', {
      items: ['waiting', 'returned', 'dueSoon', 'overdue'].map((k) => ({ kind: k, inApp: k !== 'dueSoon', digest: false, webhook: true })),
    }));
    const headBefore = (await page(countyhead, '?pageSize=200')).total;
    const quiet = (items: { kind: string }[]) => items.filter((i) => i.kind === 'dueSoon' || i.kind === 'digest').length;
    const headQuiet = quiet((await page(countyhead, '?pageSize=200')).items);
    await later(1);
    await runDailyNotifications(t.app.ctx);
    expect((await page(county, '?kind=dueSoon&pageSize=200')).items.length).toBeGreaterThan(dueSoon.length);
    expect((await page(county, '?kind=digest')).items).toHaveLength(2);
    const head = await page(countyhead, '?pageSize=200');
    expect(quiet(head.items)).toBe(headQuiet);
    // overdue counts arrive (the reviews' days ran out) unless turned off
    await later(3);
    await runDailyNotifications(t.app.ctx);
    expect((await page(county, '?kind=overdue&pageSize=200')).items.length).toBeGreaterThan(0);
    expect((await page(countyhead, '?kind=overdue&pageSize=200')).items.length).toBeGreaterThan(0);
    expect((await page(countyhead, '?pageSize=200')).total).toBeGreaterThan(headBefore);
    const texts = await allTexts();
    for (const secret of [NAME, PHONE, idNumber]) expect(texts).not.toContain(secret);
  });

  it('the daily digest goes to the unit\'s group robot for the users whose preference says so (counts only); the in-app digest can be turned off', async () => {
    await sys.deleteFrom('notification_outbox').execute();
    hook.received.length = 0;
    ok(await countyhead.put(`/api/org-units/${units.county.id}/notification-webhook`, { url: hook.url }));
    ok(await county.put('/api/notifications/preferences', { items: [{ kind: 'digest', inApp: true, digest: false, webhook: true }] }));
    ok(await countyhead.put('/api/notifications/preferences', { items: [{ kind: 'digest', inApp: false, digest: false, webhook: false }] }));
    await submitted();
    await later(1);
    const [countyBefore, headBefore] = [(await page(county, '?kind=digest')).total, (await page(countyhead, '?kind=digest')).total];
    await runDailyNotifications(t.app.ctx);
    expect((await page(county, '?kind=digest')).total).toBe(countyBefore + 1);
    expect((await page(countyhead, '?kind=digest')).total).toBe(headBefore);
    const digests = async () => (await outbox()).filter((m) => m.dedupe_key?.startsWith('digest:'));
    expect(await digests()).toHaveLength(1);
    expect((await digests())[0].org_unit_id).toBe(units.county.id);
    // once a day
    await runDailyNotifications(t.app.ctx);
    expect(await digests()).toHaveLength(1);
    // sent after commit through the outbox to the group robot: the unit, one line per user who wants it, counts only
    expect((await deliverOutbox(t.app.ctx, wecomChannel)).sent).toBeGreaterThan(0);
    const contents = hook.received.map((r) => (JSON.parse(r.body) as { markdown: { content: string } }).markdown.content);
    const digest = contents.find((c) => c.includes('【每日汇总】'))!;
    expect(digest).toContain('安吉县');
    const lines = digest.split('\n').filter((l) => l.startsWith('> '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^> .+\*：未读 \d+ 条（.*待您处理 \d+ 条.*）$/);
    const me = await sys.selectFrom('users').select('display_name').where('username', '=', 'county').executeTakeFirstOrThrow();
    expect(digest).toContain(maskName(me.display_name));
    expect(digest).not.toContain(me.display_name);
    for (const secret of [NAME, PHONE, idNumber]) expect(digest).not.toContain(secret);
    // turned off again: nothing for the group the next day
    ok(await county.put('/api/notifications/preferences', { items: [{ kind: 'digest', inApp: true, digest: false, webhook: false }] }));
    await later(1);
    await runDailyNotifications(t.app.ctx);
    expect(await digests()).toHaveLength(1);
  });

  it('scrub masks digit runs that could be phones or ID numbers', () => {
    expect(scrub('电话 13857201234，证件 33052319780501123X')).toBe('电话 138********，证件 330***************');
  });
});
