import type { Kysely } from 'kysely';
import type { Migration } from '../migrate';

// The shapes this migration reads and writes, as they were when it was written (the app's types move on).
type OldReport = {
  id: string;
  org_unit_id: string;
  org_path: string;
  found_at: string;
  source: string;
  summary: string;
  people: string;
  level: string;
  link: string;
  status: string;
  acting_seq: number;
  note: string;
  reported_by: string;
  reported_by_name: string;
  reported_at: string;
  version: number;
  updated_at: string;
  waiting_unit_id: string | null;
};
type OldLevel = {
  id: string;
  report_id: string;
  seq: number;
  level_unit_id: string;
  level_path: string;
  acknowledged_at: string | null;
  acknowledged_by_name: string;
  decision: string | null;
  measures: string;
  decided_at: string | null;
  decided_by_name: string;
};
type Schema = {
  opinion_reports: OldReport;
  opinion_report_levels: OldLevel;
  org_units: { id: string; name: string };
  settings: { key: string; value: string };
  cases: Record<string, string | number | null>;
  case_actions: Record<string, string | number | null>;
  access_grants: Record<string, string | number | null>;
};

const LEVEL_LABELS: Record<string, string> = { general: '一般', major: '较大', serious: '重大' };
const CASE_TYPE = 'opinionReport';

/** The Shanghai day of an instant (UTC+8 all year). */
function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

type Entry = { action: string; from: string | null; to: string; at: string; userId: string; name: string; unitName: string; data: unknown };

/**
 * Opinion reports become cases of the kernel (issue 10): each report keeps its id as a case of type
 * `opinionReport` that waits on one level at a time (the counterpart): 待签收 `awaitingSign` with an
 * hour deadline, 待处置或上报 `signed`, 已处置 `handled`. Every old signing entry becomes log entries
 * with its original times and names — the report (the reporting level signed by the reporter),
 * each level's 签收 and each 自行处置/上报 with its measures — replayed in time order, so the
 * ledger prints the same signing times. Levels that signed before the report reached them (the old
 * chain opened every level at once) keep their signature; their entries name the level and the
 * moment the old deadline counted from. `opinion_reports` keeps status / acting_seq as mirror
 * columns the kernel writes, plus the waiting unit for the inbox; the levels table is dropped.
 * Each level the report reached gets the unit grant the kernel gives every counterpart (0011).
 */
export const opinionCases: Migration = {
  name: '0013-opinion-cases',
  async up(raw: Kysely<unknown>) {
    const db = raw as unknown as Kysely<Schema>;
    await raw.schema.alterTable('opinion_reports').addColumn('waiting_unit_id', 'text').execute();
    const setting = await db.selectFrom('settings').select('value').where('key', '=', 'opinionReports').executeTakeFirst();
    let ackHours = 2;
    try {
      const v = setting ? (JSON.parse(setting.value) as { ackHours?: unknown }).ackHours : undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 72) ackHours = v;
    } catch {
      // a malformed setting: the default, as the service read it
    }
    const names = new Map((await db.selectFrom('org_units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
    const reports = await db.selectFrom('opinion_reports').selectAll().orderBy('id').execute();
    for (const r of reports) {
      const levels = await db.selectFrom('opinion_report_levels').selectAll().where('report_id', '=', r.id).orderBy('seq').execute();
      if (!levels.length) levels.push({ id: '', report_id: r.id, seq: 0, level_unit_id: r.org_unit_id, level_path: r.org_path, acknowledged_at: r.reported_at, acknowledged_by_name: r.reported_by_name, decision: null, measures: '', decided_at: null, decided_by_name: '' });
      const unitName = (seq: number) => names.get(levels[seq]?.level_unit_id ?? '') ?? '';
      type Ev = { at: string; order: number; seq: number; kind: 'sign' | 'handle' | 'passUp'; by: string; measures: string };
      const events: Ev[] = [];
      for (const l of levels) {
        // the reporting level was signed by the reporter on reporting: that is the case's first entry
        if (l.seq > 0 && l.acknowledged_at) events.push({ at: l.acknowledged_at, order: 0, seq: l.seq, kind: 'sign', by: l.acknowledged_by_name, measures: '' });
        if (l.decision && l.decided_at) events.push({ at: l.decided_at, order: 1, seq: l.seq, kind: l.decision === 'handle' ? 'handle' : 'passUp', by: l.decided_by_name, measures: l.measures });
      }
      events.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.order !== b.order ? a.order - b.order : a.seq - b.seq));

      let state = 'signed';
      let acting = 0;
      let enteredAt = r.reported_at;
      let closedAt: string | null = null;
      const signed = new Set<number>([0]);
      // every level the report waited on, with the moment it reached it: the kernel grants each counterpart
      const reached: { seq: number; at: string }[] = [{ seq: 0, at: r.reported_at }];
      const entries: Entry[] = [
        {
          action: 'report',
          from: null,
          to: state,
          at: r.reported_at,
          userId: r.reported_by,
          name: r.reported_by_name,
          unitName: unitName(0) || (names.get(r.org_unit_id) ?? ''),
          data: { foundAt: r.found_at, source: r.source, summary: r.summary, people: r.people, level: r.level, link: r.link, note: r.note },
        },
      ];
      for (const e of events) {
        const from = state;
        if (e.kind === 'sign') {
          signed.add(e.seq);
          if (e.seq === acting && state === 'awaitingSign') state = 'signed';
          entries.push({ action: 'sign', from, to: state, at: e.at, userId: '', name: e.by, unitName: unitName(e.seq), data: { level: e.seq, arrivedAt: r.reported_at } });
        } else {
          if (e.kind === 'passUp') {
            acting = Math.min(e.seq + 1, levels.length - 1);
            enteredAt = e.at;
            if (!reached.some((x) => x.seq === acting)) reached.push({ seq: acting, at: e.at });
            state = signed.has(acting) ? 'signed' : 'awaitingSign';
          } else {
            state = 'handled';
            closedAt = e.at;
          }
          entries.push({ action: e.kind, from, to: state, at: e.at, userId: '', name: e.by, unitName: unitName(e.seq), data: { level: e.seq, measures: e.measures } });
        }
      }
      const open = state !== 'handled';
      const counterpart = levels[acting];
      const dueMs = state === 'awaitingSign' ? Date.parse(enteredAt) + ackHours * 3_600_000 : null;
      await db
        .insertInto('cases')
        .values({
          id: r.id,
          case_type: CASE_TYPE,
          status: state,
          open: open ? 1 : 0,
          org_unit_id: r.org_unit_id,
          org_path: r.org_path,
          counterpart_unit_id: counterpart.level_unit_id,
          counterpart_path: counterpart.level_path,
          waiting_unit_id: open ? counterpart.level_unit_id : null,
          waiting_path: open ? counterpart.level_path : null,
          restricted: 0,
          subject_type: null,
          subject_id: null,
          title: `舆情（${LEVEL_LABELS[r.level] ?? r.level}）：${r.source}　${r.summary.slice(0, 40)}`,
          payload: JSON.stringify({ chain: levels.map((l) => l.level_unit_id), acting, ackHours }),
          due_day: dueMs === null ? null : chinaDay(dueMs),
          due_at: dueMs === null ? null : new Date(dueMs).toISOString(),
          waiting_since: enteredAt,
          opened_at: r.reported_at,
          updated_at: r.updated_at,
          closed_at: closedAt,
          created_by: r.reported_by,
          version: r.version,
        })
        .execute();
      let seq = 0;
      for (const e of entries) {
        seq++;
        await db
          .insertInto('case_actions')
          .values({
            id: `${r.id}-${String(seq).padStart(3, '0')}`,
            case_id: r.id,
            seq,
            action: e.action,
            from_status: e.from,
            to_status: e.to,
            actor_user_id: e.userId,
            actor_name: e.name,
            actor_unit_name: e.unitName,
            at: e.at,
            comment: '',
            data: JSON.stringify(e.data),
          })
          .execute();
      }
      for (const x of reached) {
        const l = levels[x.seq];
        await db
          .insertInto('access_grants')
          .values({ id: `opg-${r.id}-${x.seq}`, record_type: 'case', record_id: r.id, grantee_user_id: null, grantee_org_unit_id: l.level_unit_id, grantee_path: l.level_path, created_at: x.at })
          .execute();
      }
      await db
        .updateTable('opinion_reports')
        .set({ status: open ? 'open' : 'handled', acting_seq: acting, waiting_unit_id: open ? counterpart.level_unit_id : null })
        .where('id', '=', r.id)
        .execute();
    }
    await raw.schema.dropTable('opinion_report_levels').execute();
    await raw.schema.createIndex('opinion_reports_waiting').on('opinion_reports').columns(['waiting_unit_id']).execute();
  },
};
