// Migration 0013 on every database: opinion reports of the old shape (a status column and one
// signing row per level, every level opened at once) become cases of the kernel with nothing lost —
// one case per report (status, open, owner, waiting level, deadline, times, version) and one log
// entry per old signature and decision with its original time, actor name and data — and the
// chain the ledger prints, read back from the log, shows the same signing times.
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, dbKinds, type TestDb } from '../../../../test/helpers/db';
import { migrateToLatest } from '../../db/migrate';
import { systemDb } from '../../db/system';
import { readCaseLog } from '../../cases/cases.service';
import { statusMismatchesUnscoped } from '../../cases/cases.repo';
import type { OpinionDto } from '../../../shared/schemas/opinion-reports';
import { opinionPayload } from './opinion-reports.cases';
import { chainFromLog } from './opinion-reports.service';
import { ledgerValues } from './opinion-reports.export';

type Row = Record<string, string | number | null>;

describe.each(dbKinds)('migration 0013 (opinion reports onto the kernel) on %s', (kind) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
  });

  it('moves every report and signing entry with its time, actor and data', async () => {
    db = await createTestDb(kind, { migrate: false });
    await migrateToLatest(db.handle, { before: '0013-opinion-cases' });
    // the old shape, written as the old code wrote it (no types: the tables are gone from the app's)
    const old = db.handle.db as unknown as Kysely<Record<string, Row>>;
    const t0 = '2026-06-15T02:00:00.000Z';
    const at = (min: number) => new Date(Date.parse(t0) + min * 60_000).toISOString();
    const unit = (id: string, parent: string | null, level: string, name: string, path: string, depth: number): Row => ({ id, parent_id: parent, level, code: id, name, path, depth, created_at: t0, updated_at: t0 });
    await old.insertInto('org_units').values([
      unit('c', null, 'county', '安吉县', '/c/', 1),
      unit('t', 'c', 'township', '孝丰镇', '/c/t/', 2),
      unit('v', 't', 'village', '三眼井村', '/c/t/v/', 3),
    ]).execute();
    await old.insertInto('settings').values({ key: 'opinionReports', value: JSON.stringify({ ackHours: 3 }), updated_at: t0, updated_by: null }).execute();
    const report = (id: string, status: string, acting: number, version: number): Row => ({
      id, org_unit_id: 'v', org_path: '/c/t/v/', found_at: at(-30), source: `来源${id}`, summary: `摘要${id}`, people: '王大山', level: 'major', link: '', status, acting_seq: acting, note: '',
      reported_by: 'u-v', reported_by_name: '刘秀英', reported_at: t0, version, updated_at: at(100),
    });
    await old.insertInto('opinion_reports').values([report('A', 'handled', 1, 4), report('B', 'open', 0, 2), report('C', 'open', 1, 2)]).execute();
    const level = (r: string, seq: number, o: Partial<Row> = {}): Row => ({
      id: `${r}${seq}`, report_id: r, seq, level_unit_id: ['v', 't', 'c'][seq], level_path: ['/c/t/v/', '/c/t/', '/c/'][seq],
      acknowledged_at: seq === 0 ? t0 : null, acknowledged_by_name: seq === 0 ? '刘秀英' : '', decision: null, measures: '', decided_at: null, decided_by_name: '', ...o,
    });
    await old.insertInto('opinion_report_levels').values([
      // A: the village passes up; the township handles without signing first; the county signs afterwards
      level('A', 0, { decision: 'passUp', measures: '请镇里核实', decided_at: at(5), decided_by_name: '刘秀英' }),
      level('A', 1, { acknowledged_at: at(30), acknowledged_by_name: '张卫东', decision: 'handle', measures: '核实并公示', decided_at: at(30), decided_by_name: '张卫东' }),
      level('A', 2, { acknowledged_at: at(95), acknowledged_by_name: '李红梅' }),
      // B: still with the village; the township signed while it was (the old chain opened every level)
      level('B', 0),
      level('B', 1, { acknowledged_at: at(40), acknowledged_by_name: '张卫东' }),
      level('B', 2),
      // C: passed up, the township has not signed
      level('C', 0, { decision: 'passUp', measures: '', decided_at: at(10), decided_by_name: '刘秀英' }),
      level('C', 1),
      level('C', 2),
    ]).execute();
    const oldLevels = await old.selectFrom('opinion_report_levels').selectAll().orderBy('report_id').orderBy('seq').execute();

    expect(await migrateToLatest(db.handle)).toContain('0013-opinion-cases');
    const sys = systemDb(db.handle.db);

    const cases = await sys.selectFrom('cases').selectAll().orderBy('id').execute();
    expect(cases.map((c) => [c.id, c.case_type, c.status, c.open, c.waiting_unit_id, c.counterpart_unit_id, c.version])).toEqual([
      ['A', 'opinionReport', 'handled', 0, null, 't', 4],
      ['B', 'opinionReport', 'signed', 1, 'v', 'v', 2],
      ['C', 'opinionReport', 'awaitingSign', 1, 't', 't', 2],
    ]);
    expect(cases.every((c) => c.org_unit_id === 'v' && c.org_path === '/c/t/v/' && c.opened_at === t0 && c.created_by === 'u-v')).toBe(true);
    expect(cases[0]).toMatchObject({ closed_at: at(30), due_at: null, due_day: null });
    expect(cases[1]).toMatchObject({ closed_at: null, due_at: null, waiting_since: t0 });
    // C waits on the township since it was passed up, with the hours of the setting
    expect(cases[2]).toMatchObject({ closed_at: null, waiting_since: at(10), due_at: at(10 + 180), due_day: '2026-06-15' });
    expect(JSON.parse(cases[2].payload)).toEqual({ chain: ['v', 't', 'c'], acting: 1, ackHours: 3 });

    const log = await sys.selectFrom('case_actions').selectAll().orderBy('case_id').orderBy('seq').execute();
    const entries = (id: string) => log.filter((l) => l.case_id === id).map((l) => [l.action, l.at, l.actor_name, l.actor_unit_name, l.from_status, l.to_status, JSON.parse(l.data ?? 'null')]);
    const form = (id: string) => ({ foundAt: at(-30), source: `来源${id}`, summary: `摘要${id}`, people: '王大山', level: 'major', link: '', note: '' });
    expect(entries('A')).toEqual([
      ['report', t0, '刘秀英', '三眼井村', null, 'signed', form('A')],
      ['passUp', at(5), '刘秀英', '三眼井村', 'signed', 'awaitingSign', { level: 0, measures: '请镇里核实' }],
      ['sign', at(30), '张卫东', '孝丰镇', 'awaitingSign', 'signed', { level: 1, arrivedAt: t0 }],
      ['handle', at(30), '张卫东', '孝丰镇', 'signed', 'handled', { level: 1, measures: '核实并公示' }],
      ['sign', at(95), '李红梅', '安吉县', 'handled', 'handled', { level: 2, arrivedAt: t0 }],
    ]);
    expect(entries('B')).toEqual([
      ['report', t0, '刘秀英', '三眼井村', null, 'signed', form('B')],
      ['sign', at(40), '张卫东', '孝丰镇', 'signed', 'signed', { level: 1, arrivedAt: t0 }],
    ]);
    expect(entries('C')).toEqual([
      ['report', t0, '刘秀英', '三眼井村', null, 'signed', form('C')],
      ['passUp', at(10), '刘秀英', '三眼井村', 'signed', 'awaitingSign', { level: 0, measures: '' }],
    ]);
    // every old signature and decision arrived: one entry each, plus the report
    const oldEntries = oldLevels.filter((l) => l.seq !== 0 && l.acknowledged_at).length + oldLevels.filter((l) => l.decision).length;
    expect(log).toHaveLength(3 + oldEntries);
    expect(await statusMismatchesUnscoped(sys)).toEqual([]);
    // the unit grants the kernel gives each counterpart: every level the report reached
    const grants = await sys.selectFrom('access_grants').select(['record_id', 'grantee_org_unit_id', 'created_at']).where('record_type', '=', 'case').orderBy('record_id').orderBy('created_at').execute();
    expect(grants.map((g) => [g.record_id, g.grantee_org_unit_id, g.created_at])).toEqual([
      ['A', 'v', t0], ['A', 't', at(5)], ['B', 'v', t0], ['C', 'v', t0], ['C', 't', at(10)],
    ]);

    // the report rows: status and level as mirror columns, the levels table gone
    expect(await sys.selectFrom('opinion_reports').select(['id', 'status', 'acting_seq', 'waiting_unit_id', 'version']).orderBy('id').execute()).toEqual([
      { id: 'A', status: 'handled', acting_seq: 1, waiting_unit_id: null, version: 4 },
      { id: 'B', status: 'open', acting_seq: 0, waiting_unit_id: 'v', version: 2 },
      { id: 'C', status: 'open', acting_seq: 1, waiting_unit_id: 't', version: 2 },
    ]);
    await expect(old.selectFrom('opinion_report_levels').selectAll().execute()).rejects.toThrow();

    // the chain read back from the log: the same signing times, names and decisions as the old rows
    const names = new Map([['v', '三眼井村'], ['t', '孝丰镇'], ['c', '安吉县']]);
    for (const c of cases) {
      const entriesDto = await readCaseLog({ userId: '', orgUnitId: 'c', path: '/c/' }, sys, c.id);
      const chain = chainFromLog(opinionPayload.parse(JSON.parse(c.payload)), { status: c.status, dueAt: c.due_at, payload: opinionPayload.parse(JSON.parse(c.payload)) }, entriesDto, names, at(120));
      const before = oldLevels.filter((l) => l.report_id === c.id);
      expect(chain.map((l) => [l.orgUnitId, l.acknowledgedAt, l.acknowledgedAt ? l.acknowledgedByName : '', l.decision, l.measures, l.decidedAt, l.decidedByName])).toEqual(
        before.map((l) => [l.level_unit_id, l.acknowledged_at, l.acknowledged_by_name, l.decision, l.measures, l.decided_at, l.decided_by_name]),
      );
      if (c.id === 'A') {
        const dto = { foundAt: at(-30), source: '来源A', summary: '摘要A', people: '王大山', level: 'major', reportedByName: '刘秀英', orgUnitName: '三眼井村', reportedAt: t0, link: '', note: '', chain } as unknown as OpinionDto;
        const row = ledgerValues(dto, 1);
        // as the old ledger printed them: minutes counted from the report
        expect(row[8]).toBe('三眼井村：2026-06-15 10:00（报送单位）\n孝丰镇：2026-06-15 10:30（用时30分钟）\n安吉县：2026-06-15 11:35（用时1小时35分钟）');
        expect(row[9]).toBe('三眼井村上报：请镇里核实\n孝丰镇自行处置：核实并公示');
      }
    }
  });
});
