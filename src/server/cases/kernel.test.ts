// The case kernel on its own, with SYNTHETIC case types declared here (no module's rules in the
// way), through the real API on every database: grants to a counterpart outside the range,
// restricted records, moves of owner and counterpart, paused clocks, mayAct, stale versions, hour
// deadlines in the work queue, mirror columns, log data, and status == last logged to_status.
// Cases are opened with the kernel's openCase inside a transaction on the app's own context (there
// is no public route for opening a synthetic case); everything else goes through /api/cases.
import { unitForWriteUnscoped } from '../platform/stored-unit.repo';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '../../shared/zod-setup';
import { permissionsOf, type Role } from '../../shared/permissions';
import type { CaseDto, CaseLogEntryDto, WorkItemDto } from '../../shared/schemas/cases';
import { deadlineWithPauses } from '../../shared/rules/calendar';
import { dbKinds } from '../../../test/helpers/db';
import { createTestApp, type Agent, type TestApp } from '../../../test/helpers/app';
import { demoUnits, expectRefused, MANY_LOGINS, ok, type Units } from '../modules/recipients/recipients-test-support';
import { systemDb, type SystemDb } from '../db/system';
import { transaction } from '../db/transaction';
import type { OrgLevel } from '../../shared/schemas/org-units';
import type { AuthContext } from '../platform/auth';
import { defineCaseType, type CaseUnit } from './case-type';
import { grantCaseAccessUnscoped, statusMismatchesUnscoped } from './cases.repo';
import { openCase, performActionOfType } from './cases.service';
import { caseActed, type CaseActed } from './case-events';
import { subscribe } from '../platform/events';

type Detail = CaseDto & { log: CaseLogEntryDto[]; actions: { name: string; label: string; requireComment: boolean }[] };
type Queue = { items: WorkItemDto[]; count: number; overdue: number };

const MAIN = 'kernel-test-main';
const HOURS = 'kernel-test-hours';
const MIRROR_TABLE = 'kernel_test_rows';

/** Units the effects may route to, filled in by the suite (an effect knows its units by id). */
const knownUnits = new Map<string, CaseUnit>();
const unitInput = z.object({ unitId: z.string(), keepOld: z.boolean().default(false) });

const mainPayload = z.object({
  startDay: z.string(),
  handlerUserId: z.string().nullable(),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })).default([]),
  notes: z.array(z.string()).default([]),
});
type MainPayload = z.infer<typeof mainPayload>;

defineCaseType<MainPayload>({
  type: MAIN,
  domain: 'registry',
  label: '内核测试',
  payload: mainPayload,
  states: {
    open: { label: '办理中', open: true, waitsOn: 'owner' },
    paused: { label: '中止', open: true, waitsOn: 'owner' },
    review: { label: '待审核', open: true, waitsOn: 'counterpart' },
    done: { label: '已办结', open: false, waitsOn: 'none' },
  },
  actions: {
    progress: {
      label: '记录进展',
      from: ['open'],
      to: 'open',
      permission: 'registry:write',
      input: z.object({ text: z.string().min(1, '请填写进展'), people: z.number().int().default(0) }),
      effect: async ({ payload, input }) => ({ ...payload, notes: [...payload.notes, (input as { text: string }).text] }),
    },
    pause: {
      label: '中止计时',
      from: ['open'],
      to: 'paused',
      permission: 'registry:write',
      input: z.object({ from: z.string() }),
      effect: async ({ payload, input }) => ({ ...payload, pauses: [...payload.pauses, { from: (input as { from: string }).from, to: null }] }),
    },
    resume: {
      label: '恢复计时',
      from: ['paused'],
      to: 'open',
      permission: 'registry:write',
      input: z.object({ to: z.string() }),
      effect: async ({ payload, input }) => {
        const pauses = [...payload.pauses];
        pauses[pauses.length - 1] = { from: pauses[pauses.length - 1].from, to: (input as { to: string }).to };
        return { ...payload, pauses };
      },
    },
    handlerNote: {
      label: '承办人批注',
      from: ['open'],
      to: 'open',
      permission: 'registry:write',
      mayAct: (_c, auth, p) => p.handlerUserId === auth.userId,
    },
    moveOwner: {
      label: '移交',
      from: ['open'],
      to: 'open',
      permission: 'registry:write',
      input: unitInput,
      async effect({ trx, caseRow, route, input, at }) {
        const i = input as z.infer<typeof unitInput>;
        route.owner = knownUnits.get(i.unitId)!;
        if (i.keepOld) await grantCaseAccessUnscoped(trx, caseRow.id, { unit: knownUnits.get(caseRow.org_unit_id)! }, at);
      },
    },
    sendTo: {
      label: '送审',
      from: ['open'],
      to: 'review',
      permission: 'registry:write',
      input: unitInput,
      async effect({ route, input }) {
        route.counterpart = knownUnits.get((input as z.infer<typeof unitInput>).unitId)!;
      },
    },
    approve: { label: '审核通过', from: ['review'], to: 'done', permission: 'registry:review' },
  },
  dueDay: ({ status, payload, table }) =>
    status === 'open' || status === 'paused' ? deadlineWithPauses({ start: payload.startDay, days: 10, kind: 'natural', pauses: payload.pauses }, table).day : null,
  mirror: {
    table: MIRROR_TABLE,
    columns: (s) => ({
      status: s.status,
      is_open: s.open ? 1 : 0,
      due_day: s.dueDay,
      owner_path: s.owner.path,
      note_count: s.payload.notes.length,
      ...(s.status === 'done' && { done_at: s.closedAt }),
    }),
  },
  link: (c) => `/cases/${c.id}`,
});

defineCaseType<{ topic: string }>({
  type: HOURS,
  domain: 'registry',
  label: '限时签收测试',
  messages: { notFound: '签收单', closed: '该签收单已签收，不能再催办', stale: '该签收单已被他人修改，请刷新' },
  payload: z.object({ topic: z.string() }),
  states: {
    waiting: { label: '待签收', open: true, waitsOn: 'owner' },
    signed: { label: '已签收', open: false, waitsOn: 'none' },
  },
  actions: {
    sign: { label: '签收', from: ['waiting'], to: 'signed', permission: 'registry:write' },
    remind: { label: '催办', from: ['waiting'], to: 'waiting', permission: 'registry:write' },
  },
  deadline: (status) => (status === 'waiting' ? { hours: 2 } : null),
  link: (c) => `/cases/${c.id}`,
});

describe.each(dbKinds)('case kernel with synthetic types on %s', (kind) => {
  let t: TestApp;
  let sys: SystemDb;
  let units: Units;
  let village: Agent;
  let village2: Agent;
  let township: Agent;
  let outsider: Agent;
  let outsiderId: string;
  let villageId: string;

  const detail = (a: Agent, id: string) => a.get(`/api/cases/${id}`);
  const act = (a: Agent, id: string, action: string, version: number, data?: Record<string, unknown>, comment = '') =>
    a.post(`/api/cases/${id}/actions`, { action, version, comment, ...(data && { data }) });
  const mirrorOf = (id: string) =>
    sql<{ status: string; is_open: number; due_day: string | null; owner_path: string; note_count: number; done_at: string | null }>`select * from ${sql.table(MIRROR_TABLE)} where id = ${id}`
      .execute(t.db.handle.db)
      .then((r) => r.rows[0]);
  const consistent = async () => expect(await statusMismatchesUnscoped(sys)).toEqual([]);

  /** The signed-in context of a user, as the auth hook would build it. */
  async function authOf(username: string): Promise<AuthContext> {
    const u = await sys
      .selectFrom('users')
      .innerJoin('org_units as o', 'o.id', 'users.org_unit_id')
      .select(['users.id', 'users.display_name', 'users.roles', 'o.id as unit_id', 'o.name', 'o.level', 'o.code', 'o.path'])
      .where('users.username', '=', username)
      .executeTakeFirstOrThrow();
    const roles = JSON.parse(u.roles) as Role[];
    return {
      sessionId: 'test',
      csrfToken: 'test',
      stage: 'active',
      userId: u.id,
      username,
      displayName: u.display_name,
      roles,
      permissions: permissionsOf(roles),
      unit: { id: u.unit_id, name: u.name, level: u.level as OrgLevel, code: u.code, path: u.path },
      scope: { userId: u.id, orgUnitId: u.unit_id, path: u.path },
      passwordChangedAt: t.clock.now().toISOString(),
      totpEnabled: false,
    };
  }

  /** Opens a case with the kernel, as a module service would, inside one transaction. */
  async function open(opts: {
    type?: string;
    by?: string;
    owner?: { id: string };
    counterpart?: { id: string } | null;
    status?: string;
    payload?: Record<string, unknown>;
    restricted?: boolean;
    participants?: string[];
  }): Promise<string> {
    const auth = await authOf(opts.by ?? 'village');
    const type = opts.type ?? MAIN;
    return transaction(t.app.ctx.db, async (trx) =>
      openCase(trx, t.app.ctx, auth, {
        type,
        // the kernel stores units read under the tree lock (platform/stored-unit.repo)
        owner: await unitForWriteUnscoped(trx, t.app.ctx.dialect, (opts.owner ?? units.village1).id),
        counterpart: opts.counterpart ? await unitForWriteUnscoped(trx, t.app.ctx.dialect, opts.counterpart.id) : null,
        title: '测试办件',
        payload: opts.payload ?? (type === MAIN ? { startDay: '2026-06-15', handlerUserId: null } : { topic: '舆情' }),
        status: opts.status ?? (type === MAIN ? 'open' : 'waiting'),
        action: 'open',
        restricted: opts.restricted,
        participants: opts.participants,
        data: { source: 'test' },
        record:
          type === MAIN
            ? async (id) => {
                await sql`insert into ${sql.table(MIRROR_TABLE)} (id, status, is_open, owner_path, note_count) values (${id}, ${'placeholder'}, ${0}, ${''}, ${0})`.execute(trx);
              }
            : undefined,
      }),
    );
  }

  const relogin = async () => {
    await sys.updateTable('users').set({ password_changed_at: t.clock.now().toISOString() }).execute();
    village = await t.login('village');
    village2 = await t.login('village2');
    township = await t.login('township');
    outsider = await t.login('kt-outsider');
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { env: MANY_LOGINS });
    sys = systemDb(t.db.handle.db);
    units = await demoUnits(t);
    for (const u of [units.county, units.township, units.village1, units.village2, units.hanggaiVillage, units.hanggaiVillage2]) knownUnits.set(u.id, await unitForWriteUnscoped(sys, kind, u.id));
    // the module's own table of the synthetic type (test-only)
    await sql`create table ${sql.table(MIRROR_TABLE)} (id text primary key, status text not null, is_open integer not null, due_day text, owner_path text not null, note_count integer not null, done_at text)`.execute(t.db.handle.db);
    outsiderId = await t.createUser({ username: 'kt-outsider', roles: ['worker'], orgUnitId: units.hanggaiVillage.id });
    villageId = (await authOf('village')).userId;
    await relogin();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a counterpart outside the range sees the case by its grant; a sibling does not', async () => {
    const id = await open({ counterpart: units.hanggaiVillage });
    expect(ok<Detail>(await detail(outsider, id)).counterpartUnitName).toBe(units.hanggaiVillage.name);
    expectRefused(await detail(village2, id), 404);
    // and without the counterpart, the outsider sees nothing (the grant is what lets it in)
    const other = await open({});
    expectRefused(await detail(outsider, other), 404);
    expect(ok<Detail>(await detail(township, other)).id).toBe(other);
  });

  it('a restricted case is seen only by its named participants, even inside the range', async () => {
    const id = await open({ restricted: true, participants: [villageId] });
    expect(ok<Detail>(await detail(village, id)).restricted).toBe(true);
    expectRefused(await detail(township, id), 404);
    const list = ok<{ items: CaseDto[] }>(await township.get(`/api/cases?type=${MAIN}&pageSize=100`));
    expect(list.items.map((c) => c.id)).not.toContain(id);
  });

  it('route.owner moves the case: the old owner loses it unless the effect grants it', async () => {
    const lost = await open({});
    let d = ok<Detail>(await detail(village, lost));
    d = ok<Detail>(await act(village, lost, 'moveOwner', d.version, { unitId: units.hanggaiVillage.id }));
    // the answer shows the new state only: the actor no longer sees the case
    expect(d.orgUnitId).toBe(units.hanggaiVillage.id);
    expect(d.log).toEqual([]);
    expectRefused(await detail(village, lost), 404);
    expect(ok<Detail>(await detail(outsider, lost)).orgUnitId).toBe(units.hanggaiVillage.id);
    expect((await mirrorOf(lost)).owner_path).toBe(units.hanggaiVillage.path);

    const kept = await open({});
    d = ok<Detail>(await detail(village, kept));
    ok(await act(village, kept, 'moveOwner', d.version, { unitId: units.hanggaiVillage.id, keepOld: true }));
    expect(ok<Detail>(await detail(village, kept)).orgUnitId).toBe(units.hanggaiVillage.id);
    // the old owner tracks it, but may no longer act: it waits on the new owner
    expect(ok<Detail>(await detail(village, kept)).actions).toEqual([]);
    await consistent();
  });

  it('route.counterpart: a reviewer outside the range gets a grant and the case waits on it', async () => {
    const id = await open({});
    let d = ok<Detail>(await detail(village, id));
    expectRefused(await detail(outsider, id), 404);
    d = ok<Detail>(await act(village, id, 'sendTo', d.version, { unitId: units.hanggaiVillage.id }));
    expect(d.status).toBe('review');
    expect(d.counterpartUnitId).toBe(units.hanggaiVillage.id);
    const seen = ok<Detail>(await detail(outsider, id));
    expect(seen.status).toBe('review');
    // a worker has no registry:review: nothing to do there, and acting anyway is refused
    expect(seen.actions).toEqual([]);
    expectRefused(await act(outsider, id, 'approve', seen.version), 403);
    // the owner no longer acts on it either: it waits on the counterpart
    expect(ok<Detail>(await detail(village, id)).actions).toEqual([]);
  });

  it('pauses: the due day comes from the payload, an open pause stops the clock, a closed one adds its days', async () => {
    const id = await open({});
    let d = ok<Detail>(await detail(village, id));
    expect(d.dueDay).toBe('2026-06-25');
    d = ok<Detail>(await act(village, id, 'pause', d.version, { from: '2026-06-16' }));
    expect(d.status).toBe('paused');
    expect(d.dueDay).toBeNull();
    d = ok<Detail>(await act(village, id, 'resume', d.version, { to: '2026-06-18' }));
    // 10 days + 3 paused → Sunday 2026-06-28, rolled to Monday
    expect(d.dueDay).toBe('2026-06-29');
    expect((await mirrorOf(id)).due_day).toBe('2026-06-29');
    await consistent();
  });

  it('mayAct narrows who may act; a stale version is refused with 409 and changes nothing', async () => {
    const mine = await open({ payload: { startDay: '2026-06-15', handlerUserId: villageId } });
    const d = ok<Detail>(await detail(village, mine));
    expect(d.actions.map((a) => a.name)).toContain('handlerNote');
    const notMine = await open({ payload: { startDay: '2026-06-15', handlerUserId: outsiderId } });
    const n = ok<Detail>(await detail(village, notMine));
    expect(n.actions.map((a) => a.name)).not.toContain('handlerNote');
    expectRefused(await act(village, notMine, 'handlerNote', n.version), 403, /承办人员/);
    // a wrong state is a 409 too, and bad input a 400
    expectRefused(await act(village, mine, 'resume', d.version, { to: '2026-06-18' }), 409);
    expectRefused(await act(village, mine, 'progress', d.version, { text: '' }), 400, /请填写进展/);

    const after = ok<Detail>(await act(village, mine, 'handlerNote', d.version));
    expect(after.version).toBe(d.version + 1);
    expectRefused(await act(village, mine, 'progress', d.version, { text: '晚了一步' }), 409, /已被他人处理/);
    const now = ok<Detail>(await detail(village, mine));
    expect(now.version).toBe(after.version);
    expect(now.log).toHaveLength(2);
    expect((await mirrorOf(mine)).note_count).toBe(0);
  });

  it("a case type's own words for closed, stale and not found; a module route acts only on its own type", async () => {
    const id = await open({ type: HOURS });
    const d = ok<Detail>(await detail(village, id));
    expectRefused(await act(village, id, 'remind', d.version + 1), 409, /该签收单已被他人修改/);
    const signed = ok<Detail>(await act(village, id, 'sign', d.version));
    expectRefused(await act(village, id, 'remind', signed.version), 409, /该签收单已签收，不能再催办/);
    // the main type has no words of its own: the kernel's
    const main = await open({});
    const m = ok<Detail>(await detail(village, main));
    expectRefused(await act(village, main, 'progress', m.version + 1, { text: '晚了' }), 409, /该办件已被他人处理/);
    const auth = await authOf('village');
    const input = { action: 'remind', comment: '', version: m.version };
    await expect(performActionOfType(t.app.ctx, auth, HOURS, main, input, null)).rejects.toMatchObject({ statusCode: 404, message: expect.stringMatching(/签收单/) });
    // a sibling's case of the right type is as unknown as one of another type
    const other = await open({ type: HOURS, by: 'village2', owner: units.village2 });
    const o = ok<Detail>(await detail(village2, other));
    await expect(performActionOfType(t.app.ctx, auth, HOURS, other, { ...input, version: o.version }, null)).rejects.toMatchObject({ statusCode: 404 });
    const done = await performActionOfType(t.app.ctx, await authOf('village2'), HOURS, other, { ...input, version: o.version }, null);
    expect(done.version).toBe(o.version + 1);
    await consistent();
  });

  it('an action that stays in its state is logged from → to with its data; the mirror follows every action', async () => {
    const id = await open({});
    expect(await mirrorOf(id)).toMatchObject({ status: 'open', is_open: 1, due_day: '2026-06-25', owner_path: units.village1.path, note_count: 0 });
    let d = ok<Detail>(await detail(village, id));
    expect(d.log[0]).toMatchObject({ seq: 1, fromStatus: null, toStatus: 'open', toStatusLabel: '办理中', data: { source: 'test' } });
    d = ok<Detail>(await act(village, id, 'progress', d.version, { text: '已上门调解' }, '第一次'));
    d = ok<Detail>(await act(village, id, 'progress', d.version, { text: '双方达成一致', people: 3 }));
    expect(d.status).toBe('open');
    // the clock is not restarted by a progress entry
    expect(d.dueDay).toBe('2026-06-25');
    expect(d.log.slice(1)).toMatchObject([
      { seq: 2, action: 'progress', actionLabel: '记录进展', fromStatus: 'open', toStatus: 'open', fromStatusLabel: '办理中', comment: '第一次', data: { text: '已上门调解', people: 0 } },
      { seq: 3, action: 'progress', fromStatus: 'open', toStatus: 'open', data: { text: '双方达成一致', people: 3 } },
    ]);
    expect(await mirrorOf(id)).toMatchObject({ status: 'open', note_count: 2 });
    // an action without input logs no data
    d = ok<Detail>(await act(village, id, 'sendTo', d.version, { unitId: units.township.id }));
    const head = await t.login('countyhead');
    d = ok<Detail>(await act(head, id, 'approve', d.version));
    expect(d.status).toBe('done');
    expect(d.log.at(-1)).toMatchObject({ action: 'approve', fromStatus: 'review', toStatus: 'done', data: null });
    const m = await mirrorOf(id);
    expect(m).toMatchObject({ status: 'done', is_open: 0, due_day: null, note_count: 2 });
    expect(m.done_at).toBe(d.closedAt);
    await consistent();
  });

  it('publishes caseActed on opening and after every action, in the writing transaction, with units, statuses and the actor', async () => {
    const seen: CaseActed[] = [];
    const off = subscribe(caseActed, async (_trx, _ctx, e) => {
      if (e.type === MAIN) seen.push(e);
    });
    try {
      const id = await open({});
      let d = ok<Detail>(await detail(village, id));
      d = ok<Detail>(await act(village, id, 'progress', d.version, { text: '进展' }));
      d = ok<Detail>(await act(village, id, 'sendTo', d.version, { unitId: units.township.id }));
      const mine = seen.filter((e) => e.caseId === id);
      expect(mine.map((e) => [e.action, e.opened, e.fromStatus, e.toStatus])).toEqual([
        ['open', true, null, 'open'],
        ['progress', false, 'open', 'open'],
        ['sendTo', false, 'open', 'review'],
      ]);
      expect(mine[0]).toMatchObject({ typeLabel: '内核测试', title: '测试办件', waitsOn: 'owner', owner: { id: units.village1.id, path: units.village1.path }, waiting: { id: units.village1.id }, previousWaiting: null, link: expect.any(String) });
      expect(mine[0].actor).toMatchObject({ unitId: units.village1.id, name: expect.any(String) });
      expect(mine[2]).toMatchObject({ actionLabel: '送审', toStatusLabel: '待审核', waitsOn: 'counterpart', fromWaitsOn: 'owner', counterpart: { id: units.township.id }, waiting: { id: units.township.id }, previousWaiting: { id: units.village1.id } });
      // a subscriber that throws rolls the action back
      const off2 = subscribe(caseActed, async () => {
        throw new Error('subscriber failed');
      });
      try {
        const head = await t.login('countyhead');
        const before = await sys.selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
        expect((await act(head, id, 'approve', d.version)).statusCode).toBe(500);
        expect(await sys.selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
      } finally {
        off2();
      }
    } finally {
      off();
    }
  });

  it('hour deadlines: due at entry + hours, marked due soon and overdue by the clock in the work queue, before day deadlines of the same day', async () => {
    // 2026-06-15 10:00 in Shanghai; a day-rule case due today too (started ten days ago)
    const hours = await open({ type: HOURS });
    const today = await open({ payload: { startDay: '2026-06-05', handlerUserId: null } });
    const c = ok<Detail>(await detail(village, hours));
    expect(c.dueAt).toBe('2026-06-15T04:00:00.000Z');
    expect(c.dueDay).toBe('2026-06-15');
    const item = (q: Queue, id: string) => q.items.find((i) => i.id === id)!;
    let q = ok<Queue>(await village.get('/api/work-queue'));
    expect(item(q, hours)).toMatchObject({ dueAt: '2026-06-15T04:00:00.000Z', overdue: false, dueSoon: false });
    // by days the day-rule case due today is "due soon"
    expect(item(q, today)).toMatchObject({ dueDay: '2026-06-15', overdue: false, dueSoon: true });
    const order = q.items.map((i) => i.id);
    expect(order.indexOf(hours)).toBeLessThan(order.indexOf(today));

    t.clock.set('2026-06-15T03:30:00.000Z');
    await relogin();
    q = ok<Queue>(await village.get('/api/work-queue'));
    expect(item(q, hours)).toMatchObject({ overdue: false, dueSoon: true });
    // an action that stays in the state does not restart its clock
    const reminded = ok<Detail>(await act(village, hours, 'remind', c.version));
    expect(reminded.dueAt).toBe('2026-06-15T04:00:00.000Z');

    t.clock.set('2026-06-15T04:00:01.000Z');
    await relogin();
    q = ok<Queue>(await village.get('/api/work-queue'));
    // overdue by the clock on the same day; the day-rule case is not overdue before the day ends
    expect(item(q, hours)).toMatchObject({ overdue: true, dueSoon: false });
    expect(item(q, today)).toMatchObject({ overdue: false });
    const overdue = q.overdue;
    const s = ok<Detail>(await act(village, hours, 'sign', reminded.version));
    expect(s.status).toBe('signed');
    expect(s.dueAt).toBeNull();
    q = ok<Queue>(await village.get('/api/work-queue'));
    expect(q.items.some((i) => i.id === hours)).toBe(false);
    expect(q.overdue).toBe(overdue - 1);
    await consistent();
  });
});
