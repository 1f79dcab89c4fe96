// The public directory (seed Part 1 三(一)) without a session, on every database: the roots,
// search by name, a unit with its parent chain, children (no grids) and the staff who chose to be
// listed; and nothing private (usernames, roles, paths, account state) in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../../../test/helpers/db';
import { createTestApp, json, type Agent, type TestApp } from '../../../../test/helpers/app';
import { systemDb, type SystemDb } from '../../db/system';

type PublicUnit = {
  id: string;
  level: string;
  code: string;
  name: string;
  address: string;
  phone: string;
  officeHours: string;
  headName: string;
  childCount: number;
};
type PublicStaff = { displayName: string; title: string; workPhone: string };
type Detail = PublicUnit & { parent: PublicUnit | null; ancestors: { id: string; name: string }[]; staff: PublicStaff[]; children: PublicUnit[] };
type Directory = { roots: PublicUnit[]; matches: PublicUnit[] };

const unitKeys = ['address', 'childCount', 'code', 'headName', 'id', 'level', 'name', 'officeHours', 'phone'];
const detailKeys = [...unitKeys, 'ancestors', 'children', 'parent', 'staff'].sort();
const staffKeys = ['displayName', 'title', 'workPhone'];

/** every key anywhere in a JSON value */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}
const allowedKeys = new Set([...detailKeys, ...staffKeys, 'roots', 'matches']);

describe.each(dbKinds)('public directory on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let anon: Agent;
  let admin: Agent;
  let usernames: string[] = [];
  const unit = (code: string) => sys.selectFrom('org_units').selectAll().where('code', '=', code).where('active', '=', 1).executeTakeFirstOrThrow();
  /** fetches without a session and checks that nothing private is in the answer */
  const fetchPublic = async <T>(url: string): Promise<T> => {
    const res = await anon.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<T>(res);
    for (const k of keysOf(body)) expect(allowedKeys, `unexpected key ${k} in ${url}`).toContain(k);
    for (const secret of ['username', 'roles', 'path', 'password', 'totp', 'sys_admin', 'worker', 'disabled', 'org_path', ...usernames]) {
      expect(res.body, `${secret} in ${url}`).not.toContain(secret);
    }
    return body;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    sys = systemDb(t.db.handle.db);
    anon = t.agent();
    admin = await t.login('admin');
    // every username that is not also a level name ("village", "county" …) must never appear
    const levels = ['province', 'city', 'county', 'township', 'village', 'grid'];
    usernames = (await sys.selectFrom('users').select('username').execute()).map((u) => `"${u.username}"`).filter((u) => !levels.includes(u.slice(1, -1)));
    expect(usernames).toEqual(expect.arrayContaining(['"admin"', '"village2"', '"townshiphead"']));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the root without a session', async () => {
    const d = await fetchPublic<Directory>('/api/public/directory');
    expect(d.roots.map((u) => [u.code, u.name, u.level])).toEqual([['33', '浙江省', 'province']]);
    expect(Object.keys(d.roots[0]).sort()).toEqual(unitKeys);
    expect(d.roots[0].childCount).toBe(1);
    expect(d.matches).toEqual([]);
    expect(anon.cookies).toEqual({});
  });

  it('searches units by name, never grids, with wildcards taken literally', async () => {
    const d = await fetchPublic<Directory>(`/api/public/directory?q=${encodeURIComponent('孝丰')}`);
    expect(d.matches.map((u) => u.name).sort()).toEqual(['孝丰社区居委会', '孝丰镇'].sort());
    expect(d.roots).toHaveLength(1);
    const township = d.matches.find((u) => u.name === '孝丰镇')!;
    expect(township).toMatchObject({ code: '330523105', level: 'township', headName: '陈志刚', childCount: 21 });
    expect(township.phone).not.toBe('');
    expect((await fetchPublic<Directory>(`/api/public/directory?q=${encodeURIComponent('网格')}`)).matches).toEqual([]);
    for (const q of ['%', '_', '孝_']) {
      expect((await fetchPublic<Directory>(`/api/public/directory?q=${encodeURIComponent(q)}`)).matches, q).toEqual([]);
    }
    expect((await fetchPublic<Directory>(`/api/public/directory?q=${encodeURIComponent('  潴口溪 ')}`)).matches.map((u) => u.code)).toEqual(['330523105200']);
    // a name that holds a wildcard character is found by it
    const v = await unit('330523105206');
    expect((await admin.patch(`/api/org-units/${v.id}`, { name: '老石坎_100%村' })).statusCode).toBe(200);
    expect((await fetchPublic<Directory>(`/api/public/directory?q=${encodeURIComponent('坎_100%')}`)).matches.map((u) => u.code)).toEqual(['330523105206']);
    const long = await anon.get(`/api/public/directory?q=${'长'.repeat(51)}`);
    expect(long.statusCode).toBe(400);
    expect(json<{ message: string }>(long).message).toMatch(/输入有误/);
  });

  it('shows a township with its parent chain, its villages (no grids) and its listed staff', async () => {
    const township = await unit('330523105');
    const county = await unit('330523');
    const d = await fetchPublic<Detail>(`/api/public/org-units/${township.id}`);
    expect(Object.keys(d).sort()).toEqual(detailKeys);
    expect(d).toMatchObject({ id: township.id, code: '330523105', name: '孝丰镇', level: 'township', childCount: 21 });
    expect(d.parent).toMatchObject({ id: county.id, name: '安吉县', code: '330523', headName: '王立军' });
    expect(Object.keys(d.parent!).sort()).toEqual(unitKeys);
    expect(d.ancestors.map((a) => a.name)).toEqual(['浙江省', '湖州市', '安吉县']);
    expect(d.ancestors.every((a) => Object.keys(a).sort().join() === 'id,name')).toBe(true);
    expect(d.children).toHaveLength(21);
    expect(d.children.every((c) => c.level === 'village' && c.childCount === 0)).toBe(true);
    expect(d.children.map((c) => c.code)).toEqual([...d.children.map((c) => c.code)].sort());
    expect(d.staff.map((s) => s.displayName).sort()).toEqual(['张卫东', '陈志刚'].sort());
    for (const s of d.staff) expect(Object.keys(s).sort()).toEqual(staffKeys);
  });

  it('shows a village without its grids and the county without its administrators', async () => {
    const village = await unit('330523105003');
    const d = await fetchPublic<Detail>(`/api/public/org-units/${village.id}`);
    expect(d.children).toEqual([]);
    expect(d.childCount).toBe(0);
    expect(d.parent?.name).toBe('孝丰镇');
    expect(d.ancestors.map((a) => a.name)).toEqual(['浙江省', '湖州市', '安吉县', '孝丰镇']);
    expect(d.staff.map((s) => s.displayName)).toEqual(['刘秀英']);
    const county = await fetchPublic<Detail>(`/api/public/org-units/${(await unit('330523')).id}`);
    expect(county.staff.map((s) => s.displayName).sort()).toEqual(['李红梅', '王立军'].sort());
    expect(county.children).toHaveLength(15);
    const root = await fetchPublic<Detail>(`/api/public/org-units/${(await unit('33')).id}`);
    expect(root.parent).toBeNull();
    expect(root.ancestors).toEqual([]);
    expect(root.children.map((c) => c.code)).toEqual(['3305']);
  });

  it('lists only staff who chose to be listed and are not disabled', async () => {
    const village = await unit('330523105005');
    const mk = async (username: string, displayName: string, showInDirectory: boolean) => {
      const res = await admin.post('/api/staff', { username, displayName, orgUnitId: village.id, roles: ['worker'], title: '专干', workPhone: '0572-8888888', showInDirectory });
      expect(res.statusCode, res.body).toBe(200);
      return json<{ staff: { id: string } }>(res).staff.id;
    };
    await mk('pub.listed', '公开人', true);
    await mk('pub.hidden', '不公开人', false);
    const disabled = await mk('pub.disabled', '停用人', true);
    expect((await admin.post(`/api/staff/${disabled}/disable`)).statusCode).toBe(200);
    const d = await fetchPublic<Detail>(`/api/public/org-units/${village.id}`);
    expect(d.staff).toEqual([{ displayName: '公开人', title: '专干', workPhone: '0572-8888888' }]);
    // choosing to be listed later shows the person; choosing not to hides them again
    const hidden = (await sys.selectFrom('users').select('id').where('username', '=', 'pub.hidden').executeTakeFirstOrThrow()).id;
    expect((await admin.patch(`/api/staff/${hidden}`, { showInDirectory: true })).statusCode).toBe(200);
    expect((await fetchPublic<Detail>(`/api/public/org-units/${village.id}`)).staff.map((s) => s.displayName).sort()).toEqual(['不公开人', '公开人'].sort());
    expect((await admin.patch(`/api/staff/${hidden}`, { showInDirectory: false })).statusCode).toBe(200);
    expect((await fetchPublic<Detail>(`/api/public/org-units/${village.id}`)).staff.map((s) => s.displayName)).toEqual(['公开人']);
  });

  it('answers 404 for grids and unknown units and 400 for a bad id, in Chinese', async () => {
    const grid = await unit('330523105003001');
    for (const id of [grid.id, 'nosuchunit0000000000']) {
      const res = await anon.get(`/api/public/org-units/${id}`);
      expect(res.statusCode).toBe(404);
      expect(json<{ message: string }>(res).message).toBe('未找到该单位');
    }
    const bad = await anon.get(`/api/public/org-units/${encodeURIComponent("1' or '1'='1")}`);
    expect(bad.statusCode).toBe(400);
    expect(json<{ message: string }>(bad).message).toMatch(/编号格式不正确/);
    // the public routes only read
    expect([401, 404]).toContain((await anon.post('/api/public/directory', {})).statusCode);
    expect([401, 404]).toContain((await anon.request('PATCH', `/api/public/org-units/${grid.id}`, { name: 'x' })).statusCode);
    expect(await sys.selectFrom('org_units').select('name').where('id', '=', grid.id).executeTakeFirstOrThrow()).toEqual({ name: grid.name });
  });
});
