import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migrate';

/**
 * Glory plaques become cases of the kernel (issue 10): one `cases` row per plaque (same id, type
 * 'glory-plaque', subject = the household; status, open, owner unit and path, opened/closed times
 * and version from the plaque), and one `case_actions` row per entry of the plaque's old `history`
 * JSON with its original time, actor name and words (`{ day, detail }` as data). The history column
 * then goes: the case's log is the plaque's history now. The payload is the shape of
 * glory-plaques.cases.ts `plaquePayload` at this migration.
 */
type OldEvent = { action?: unknown; at?: unknown; actorName?: unknown; day?: unknown; detail?: unknown };
type Row = {
  id: string;
  org_unit_id: string;
  org_path: string;
  household_id: string;
  status: string;
  basis: string;
  grounds: string;
  applied_on: string | null;
  applicant: string;
  hung_on: string | null;
  hung_by: string;
  photo_file_id: string | null;
  replaced_on: string | null;
  replace_reason: string | null;
  replace_count: number;
  revoked_on: string | null;
  revoke_reason: string | null;
  revoke_note: string;
  note: string;
  history: string;
  version: number;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
  head_name: string | null;
  address: string | null;
};

const STATUS_AFTER: Record<string, string> = { register: 'waiting', hang: 'hung', replace: 'replaced', revoke: 'revoked' };
const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

function eventsOf(history: string): OldEvent[] {
  try {
    const v = JSON.parse(history) as unknown;
    return Array.isArray(v) ? v.filter((e): e is OldEvent => !!e && typeof e === 'object') : [];
  } catch {
    return [];
  }
}

function listOf(s: string): unknown[] {
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export const plaqueCases: Migration = {
  name: '0014-plaque-cases',
  async up(db: Kysely<unknown>) {
    let after = '';
    for (;;) {
      const { rows } = await sql<Row>`
        select p.*, head.name as head_name, h.address as address
        from glory_plaques p
        left join households h on h.id = p.household_id
        left join recipients head on head.id = h.head_recipient_id
        where p.id > ${after}
        order by p.id
        limit 500`.execute(db);
      if (!rows.length) break;
      for (const p of rows) {
        const events = eventsOf(p.history);
        const createdAt = iso(p.created_at);
        const updatedAt = iso(p.updated_at);
        const open = p.status !== 'revoked';
        const lastAt = events.length ? iso(String(events[events.length - 1].at ?? updatedAt)) : createdAt;
        const revokeAt = events.findLast((e) => e.action === 'revoke');
        const payload = {
          householdId: p.household_id,
          basis: p.basis,
          grounds: listOf(p.grounds),
          appliedOn: p.applied_on,
          applicant: p.applicant,
          hungOn: p.hung_on,
          hungBy: p.hung_by,
          photoFileId: p.photo_file_id,
          replacedOn: p.replaced_on,
          replaceReason: p.replace_reason,
          replaceCount: Number(p.replace_count),
          revokedOn: p.revoked_on,
          revokeReason: p.revoke_reason,
          revokeNote: p.revoke_note,
          note: p.note,
        };
        await sql`
          insert into cases (id, case_type, status, open, org_unit_id, org_path, counterpart_unit_id, counterpart_path,
            waiting_unit_id, waiting_path, restricted, subject_type, subject_id, title, payload, due_day, due_at,
            waiting_since, opened_at, updated_at, closed_at, created_by, version)
          values (${p.id}, 'glory-plaque', ${p.status}, ${open ? 1 : 0}, ${p.org_unit_id}, ${p.org_path}, null, null,
            null, null, 0, 'household', ${p.household_id},
            ${`光荣牌：${p.head_name ?? '（未指定户主）'}家${p.address ? `（${p.address}）` : ''}`}, ${JSON.stringify(payload)}, null, null,
            ${lastAt}, ${createdAt}, ${updatedAt}, ${open ? null : revokeAt ? iso(String(revokeAt.at ?? updatedAt)) : updatedAt}, ${p.created_by}, ${Number(p.version)})`.execute(db);
        // a plaque whose history is empty still gets its opening entry (the kernel's log starts with one)
        const entries: OldEvent[] = events.length ? events : [{ action: 'register', at: createdAt, actorName: '', day: p.applied_on, detail: '' }];
        let from: string | null = null;
        let seq = 0;
        for (const e of entries) {
          seq += 1;
          const action = typeof e.action === 'string' ? e.action : 'register';
          // the last entry lands on the plaque's status, whatever the old history says
          const to: string = seq === entries.length ? p.status : (STATUS_AFTER[action] ?? from ?? p.status);
          await sql`
            insert into case_actions (id, case_id, seq, action, from_status, to_status, actor_user_id, actor_name, actor_unit_name, at, comment, data)
            values (${`${p.id}-m${seq}`}, ${p.id}, ${seq}, ${action}, ${from}, ${to}, ${seq === 1 ? p.created_by : ''},
              ${typeof e.actorName === 'string' ? e.actorName : ''}, '', ${iso(String(e.at ?? createdAt))}, '',
              ${JSON.stringify({ day: typeof e.day === 'string' ? e.day : null, detail: typeof e.detail === 'string' ? e.detail : '' })})`.execute(db);
          from = to;
        }
      }
      after = rows[rows.length - 1].id;
    }
    await db.schema.alterTable('glory_plaques').dropColumn('history').execute();
  },
};
