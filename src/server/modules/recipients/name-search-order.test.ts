// Name search at scale (issue 11): the first page comes in name order across the whole range
// (the token index walks token, name, id), the total is capped at SEARCH_TOTAL_CAP ("1,000+"),
// page 2 continues the order, and a rename moves the record to its new place — through the HTTP
// API on every database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { dbKinds } from '../../../../test/helpers/db';
import { systemDb } from '../../db/system';
import { pathWithin } from '../../platform/jurisdiction';
import { createFieldCrypto } from '../../platform/crypto';
import { generateRecipients, type DemoUnit } from '../../cli/demo-recipients';
import { nameTokens } from '../../../shared/rules/name-search';
import { SEARCH_TOTAL_CAP } from '../../../shared/schemas/common';
import { insertGeneratedUnscoped, NAME_WALK_AFTER } from './recipients.repo';
import { MANY_LOGINS, makeId, type Page } from './recipients-test-support';
import { unitLabelsUnscoped } from '../../platform/unit-labels.repo';

type Item = { id: string; name: string; orgUnitId: string };
const MATCHES = SEARCH_TOTAL_CAP + 150;
// given names sort by code point: the surnames spread them over the alphabet, the units at random
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const byName = (a: Item, b: Item) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe.each(dbKinds)('name search in name order with a capped total on %s', (kind) => {
  let t: TestApp;
  let county: Agent;
  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    const sys = systemDb(t.db.handle.db);
    const villages = await sys.selectFrom('org_units').select(['id', 'path', 'name']).where('level', '=', 'village').where('active', '=', 1).execute();
    const units: DemoUnit[] = villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name }));
    const gen = generateRecipients(MATCHES, units, { seed: 3, today: '2026-06-15', crypto: createFieldCrypto(Buffer.alloc(32, 7), t.config.cipher), at: '2026-06-01T00:00:00.000Z', createdBy: 'test' });
    const batch = [...gen].map((g, i) => {
      const name = `${SURNAMES[i % SURNAMES.length]}海涛`;
      return { ...g, recipient: { ...g.recipient, name }, tokens: nameTokens(name) };
    });
    await sys.transaction().execute((trx) => insertGeneratedUnscoped(trx, batch));
    county = await t.login('county');
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers the first pages in name order over every unit, the total capped at 1,000+', async () => {
    const p1 = json<Page<Item>>(await county.get('/api/recipients?q=海涛&pageSize=50'));
    expect(p1.total).toBe(SEARCH_TOTAL_CAP);
    expect(p1.totalCapped).toBe(true);
    expect(p1.items).toHaveLength(50);
    expect(new Set(p1.items.map((i) => i.orgUnitId)).size).toBeGreaterThan(1);
    expect(p1.items.every((i) => i.name.endsWith('海涛'))).toBe(true);
    expect(p1.items.map((i) => i.id)).toEqual([...p1.items].sort(byName).map((i) => i.id));
    // the smallest name of all comes first: every match's surname is one of SURNAMES
    const smallest = [...SURNAMES].sort()[0];
    expect(p1.items[0].name).toBe(`${smallest}海涛`);
    const p2 = json<Page<Item>>(await county.get('/api/recipients?q=海涛&pageSize=50&page=2'));
    expect(p2.items).toHaveLength(50);
    const both = [...p1.items, ...p2.items];
    expect(both.map((i) => i.id)).toEqual([...both].sort(byName).map((i) => i.id));
    expect(new Set(both.map((i) => i.id)).size).toBe(100);
    // an explicit sort=unit keeps the ledger's order
    const byUnit = json<Page<Item>>(await county.get('/api/recipients?q=海涛&pageSize=50&sort=unit'));
    expect(byUnit.items).toHaveLength(50);
  });

  it('a single character and a narrow range page the same way', async () => {
    const one = json<Page<Item>>(await county.get('/api/recipients?q=涛&pageSize=20'));
    expect(one.totalCapped).toBe(true);
    expect(one.items.map((i) => i.id)).toEqual([...one.items].sort(byName).map((i) => i.id));
    const few = json<Page<Item>>(await county.get(`/api/recipients?q=${encodeURIComponent('林海涛')}&pageSize=20`));
    expect(few.totalCapped).toBe(false);
    expect(few.total).toBeGreaterThan(20);
    expect(few.items.every((i) => i.name === '林海涛')).toBe(true);
    expect(few.items.map((i) => i.id)).toEqual([...few.items].sort(byName).map((i) => i.id));
  });

  it('both access paths (a range sorted, the name order walked) page the same order, inside the range', async () => {
    // 林海涛: about 70 matches, under NAME_WALK_AFTER: the range is read and sorted
    const all = json<Page<Item>>(await county.get(`/api/recipients?q=${encodeURIComponent('林海涛')}&pageSize=100`));
    expect(all.total).toBeLessThanOrEqual(NAME_WALK_AFTER);
    expect(all.items).toHaveLength(all.total);
    const sorted = [...all.items].sort(byName);
    for (const page of [1, 2, 3]) {
      const p = json<Page<Item>>(await county.get(`/api/recipients?q=${encodeURIComponent('林海涛')}&pageSize=20&page=${page}`));
      expect(p.items.map((i) => i.id)).toEqual(sorted.slice((page - 1) * 20, page * 20).map((i) => i.id));
    }
    // a township's 海涛: over NAME_WALK_AFTER, the walk with the township's range as a filter
    const township = await t.login('township');
    const me = json<{ orgUnit: { id: string } }>(await township.get('/api/me'));
    const sys = systemDb(t.db.handle.db);
    const unitPath = (await sys.selectFrom('org_units').select('path').where('id', '=', me.orgUnit.id).executeTakeFirstOrThrow()).path;
    // 120 more 海涛 in the township's villages, so that it holds more than NAME_WALK_AFTER
    const villages = await sys.selectFrom('org_units').select(['id', 'path', 'name']).where('level', '=', 'village').where(pathWithin('path', unitPath)).execute();
    const more = [...generateRecipients(120, villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: v.name })), { seed: 5, today: '2026-06-15', crypto: createFieldCrypto(Buffer.alloc(32, 7), t.config.cipher), at: '2026-06-01T00:00:00.000Z', createdBy: 'test' })].map((g, i) => {
      const name = `${SURNAMES[(i * 7) % SURNAMES.length]}海涛`;
      return { ...g, recipient: { ...g.recipient, name }, tokens: nameTokens(name) };
    });
    await sys.transaction().execute((trx) => insertGeneratedUnscoped(trx, more));
    const inTownship = await sys
      .selectFrom('recipients')
      .select(['id', 'name', 'org_path'])
      .where('name', 'like', '%海涛')
      .where(pathWithin('org_path', unitPath))
      .execute();
    expect(inTownship.length).toBeGreaterThan(NAME_WALK_AFTER);
    const expected = inTownship
      .map((r) => ({ id: r.id, name: r.name, orgUnitId: '' }))
      .sort(byName)
      .slice(0, 60)
      .map((r) => r.id);
    const walked: string[] = [];
    for (const page of [1, 2, 3]) walked.push(...json<Page<Item>>(await township.get(`/api/recipients?q=海涛&pageSize=20&page=${page}`)).items.map((i) => i.id));
    expect(walked).toEqual(expected);
  });

  it('reads a search, an ID lookup and a list page in as few statements as it can, the unit labels with the page', async () => {
    // on PostgreSQL every statement is a network round trip and a plan (issue 11)
    const statements = vi.spyOn(t.db.handle.db.getExecutor(), 'executeQuery');
    const ask = async (url: string) => {
      statements.mockClear();
      const res = await county.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return { statements: statements.mock.calls.length, page: json<Page<Item & { orgUnitName: string }>>(res) };
    };
    try {
      // the session's statement, then the search's: its total and page in one on PostgreSQL; on
      // SQLite (in process, no round trip) the total first, then the page
      const search = await ask('/api/recipients?q=海涛');
      expect(search.statements).toBe(kind === 'postgres' ? 2 : 3);
      expect(search.page.total).toBe(SEARCH_TOTAL_CAP);
      // an ID lookup: the session, the page (a short first page is its own total)
      const sys = systemDb(t.db.handle.db);
      const row = await sys.selectFrom('recipients').select(['id', 'id_number_enc']).where('merged_into', 'is', null).orderBy('id').executeTakeFirstOrThrow();
      const lookup = await ask(`/api/recipients?idNumber=${createFieldCrypto(Buffer.alloc(32, 7), t.config.cipher).decrypt(row.id_number_enc!)}`);
      expect(lookup.statements).toBe(2);
      expect([lookup.page.items.map((i) => i.id), lookup.page.total, lookup.page.totalCapped]).toEqual([[row.id], 1, false]);
      expect((await ask(`/api/recipients?idNumber=${makeId('1931-02-03', 997)}`)).page).toMatchObject({ items: [], total: 0 });
      // a whole range: the session, then on PostgreSQL the page with its roll-up total in one
      // statement; on SQLite the page, then the roll-up total
      const list = await ask('/api/recipients?page=1&pageSize=50');
      expect(list.statements).toBe(kind === 'postgres' ? 2 : 3);
      // the labels read with the page are those the units' own query gives (孝丰村·第一网格)
      for (const p of [search.page, list.page]) {
        const labels = await unitLabelsUnscoped(sys, p.items.map((i) => i.orgUnitId));
        expect(p.items.map((i) => i.orgUnitName)).toEqual(p.items.map((i) => labels.of(i.orgUnitId, '?')));
      }
    } finally {
      statements.mockRestore();
    }
  });

  it('a renamed record moves to its new place in the order', async () => {
    const sys = systemDb(t.db.handle.db);
    const last = json<Page<Item>>(await county.get('/api/recipients?q=海涛&pageSize=5')).items[4];
    const detail = json<Record<string, unknown>>(await county.get(`/api/recipients/${last.id}`));
    expect(detail.name).toBe(last.name);
    // renaming goes through the one token writer (syncNameTokensUnscoped): a name that sorts first
    const { syncNameTokensUnscoped } = await import('./recipients.repo');
    const { nameTokens } = await import('../../../shared/rules/name-search');
    const row = await sys.selectFrom('recipients').select(['name', 'org_path']).where('id', '=', last.id).executeTakeFirstOrThrow();
    await sys.transaction().execute(async (trx) => {
      await trx.updateTable('recipients').set({ name: '丁海涛' }).where('id', '=', last.id).execute();
      await syncNameTokensUnscoped(trx, last.id, row, { name: '丁海涛', org_path: row.org_path });
    });
    const first = json<Page<Item>>(await county.get('/api/recipients?q=海涛&pageSize=5')).items[0];
    expect(first).toMatchObject({ id: last.id, name: '丁海涛' });
    // the old name's tokens are gone (deleted by key: the table has no index on the record)
    const tokens = await sys.selectFrom('recipient_name_tokens').select(['token', 'name']).where('recipient_id', '=', last.id).execute();
    expect(tokens.map((x) => x.token).sort()).toEqual(nameTokens('丁海涛').sort());
    expect(new Set(tokens.map((x) => x.name))).toEqual(new Set(['丁海涛']));
  });
});
