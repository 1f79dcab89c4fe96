// Browser test of 消息通知 on the real server with the demo county: a village worker submits a
// veteran's collection (through the API) and the county reviewer's bell shows it; the center lists it
// (1280 px and 375 px, no sideways scroll), opening it marks it read and goes to the record; the
// county's 企业微信 group robot (a local HTTP server here) receives the markdown message, with no
// personal data in it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemDb } from '../src/server/db/system';
import { Agent } from '../test/helpers/app';
import { makeId, veteranForm } from '../src/server/modules/recipients/recipients-test-support';
import { deliverOutbox, wecomChannel } from '../src/server/modules/notifications';
import { hasChromium, openBrowserWorld, type TestServer, pageKit } from './browser';

describe.skipIf(!hasChromium)('notifications in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let hook: http.Server;
  const received: string[] = [];
  const { errors: pageErrors, open, signIn, shot, noSideways } = pageKit(() => ({ server, browser }));

  beforeAll(async () => {
    ({ server, browser } = await openBrowserWorld());
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  }, 240_000);
  afterAll(async () => {
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
    await browser?.close();
    await server?.close();
  });

  it('a submission reaches the county reviewer\'s bell and the county\'s group robot', async () => {
    const sys = systemDb(server.app.ctx.db);
    const { crypto } = server.app.ctx;
    const county = await sys.selectFrom('org_units').select(['id', 'path']).where('code', '=', '330523').executeTakeFirstOrThrow();
    const villageUnit = await sys.selectFrom('users').select('org_unit_id').where('username', '=', 'village').executeTakeFirstOrThrow();
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/cgi-bin/webhook/send?key=e2e-key-0001`;
    await sys.insertInto('unit_webhooks').values({ org_unit_id: county.id, org_path: county.path, url_enc: crypto.encrypt(url), url_hint: 'http://127.0.0.1/…0001', updated_by: 'e2e', updated_at: new Date().toISOString() }).execute();

    // the demo's own work (cli/demo-work.ts) already notified the county: start from a read bell
    for (const username of ['county', 'countyhead']) {
      const a = new Agent(server.app);
      expect((await a.post('/api/auth/login', { username, password: server.password })).statusCode).toBe(200);
      expect((await a.post('/api/notifications/read-all')).statusCode).toBe(200);
    }

    const desk = await open('desktop');
    await signIn(desk.page, 'county', '/');
    const bell = desk.page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');

    // the village worker submits a collection: it waits on the county
    const village = new Agent(server.app);
    expect((await village.post('/api/auth/login', { username: 'village', password: server.password })).statusCode).toBe(200);
    const created = await village.post('/api/recipients', veteranForm(villageUnit.org_unit_id, { name: '钱振华', idNumber: makeId('1976-04-05', 913), phone: '13857209876' }));
    expect(created.statusCode, created.body).toBe(200);
    const r = created.json() as { id: string; version: number };
    expect((await village.post(`/api/recipients/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);

    await desk.page.reload();
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    await shot(desk.page, 'notifications-desktop-bell');
    await bell.click();
    await desk.page.waitForURL(/\/notifications$/);
    const item = desk.page.getByTestId('notification-item').first();
    await item.getByText('新的信息采集审核待您审核通过').waitFor();
    await shot(desk.page, 'notifications-desktop-center');
    await item.getByText('新的信息采集审核待您审核通过').click();
    await desk.page.waitForURL(new RegExp(`/recipients/${r.id}$`));
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');

    const phone = await open('phone');
    await signIn(phone.page, 'countyhead', '/notifications');
    await phone.page.getByTestId('notification-item').first().getByText('新的信息采集审核待您审核通过').waitFor();
    await expect.poll(() => phone.page.getByTestId('notification-bell').getAttribute('data-unread')).toBe('1');
    await shot(phone.page, 'notifications-phone-center');
    await noSideways(phone.page);
    await phone.page.getByText('消息设置', { exact: true }).first().click();
    await phone.page.getByText('企业微信群', { exact: true }).first().waitFor();
    await shot(phone.page, 'notifications-phone-settings');
    await noSideways(phone.page);
    // the county head sees the county's webhook masked
    await phone.page.getByText('单位推送', { exact: true }).first().click();
    await phone.page.getByText('http://127.0.0.1/…0001').waitFor();
    await shot(phone.page, 'notifications-phone-webhook');
    await noSideways(phone.page);

    // after commit, the sender posts the message to the county's group robot
    expect(await deliverOutbox(server.app.ctx, wecomChannel)).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    const msg = JSON.parse(received[0]) as { msgtype: string; markdown: { content: string } };
    expect(msg.msgtype).toBe('markdown');
    expect(msg.markdown.content).toContain('信息采集审核');
    for (const secret of ['钱振华', '13857209876', makeId('1976-04-05', 913)]) expect(received[0]).not.toContain(secret);
    expect(pageErrors).toEqual([]);
  });
});
