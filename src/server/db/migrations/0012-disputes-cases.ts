import type { Kysely } from 'kysely';
import { newId } from '../../platform/ids';
import type { Migration } from '../migrate';

/**
 * Disputes 矛盾纠纷 become cases of the kernel (issue 10, item 1): each dispute gets its `cases` row
 * with the same id (type `dispute`, status, open, owner unit and path, due day = its 化解时限 while
 * open, opened/closed times, version) and its log moves to `case_actions`, nothing lost:
 *
 * - seq 1 `register`: at the dispute's created_at, by its creator (name and unit from `users`);
 * - one `progress` entry per element of the old `disputes.progress` JSON array, at its own time,
 *   with its actor's name and its data (day, measure, progress). The old entries named no user:
 *   the id is that of the one user of that display name at the dispute's unit or above, else '';
 * - a closed dispute's `close` entry at its updated_at (nothing changed a closed dispute after its
 *   closing), by `closed_by`, with data (closedOn, result).
 *
 * The JSON log column `progress` is dropped: the kernel's action log is the only log. The other
 * columns stay, written from then on by the kernel as the case type's mirror (disputes.cases.ts).
 * The conversion is `disputeCaseRows`, pure, so the demo seeder builds its disputes the same way.
 */

export type OldDispute = {
  id: string;
  org_unit_id: string;
  org_path: string;
  found_on: string;
  parties: string;
  risk_level: string;
  responsible_user_id: string;
  leader_user_id: string | null;
  deadline: string;
  plan: string;
  progress: string;
  status: string;
  result: string;
  closed_on: string | null;
  closed_by: string | null;
  note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};
type OldProgress = { day: string; measure: string; progress: string; at: string; actorName: string };
export type UserInfo = { id: string; name: string; unitName: string; path: string };

type CaseRow = {
  id: string;
  case_type: string;
  status: string;
  open: number;
  org_unit_id: string;
  org_path: string;
  counterpart_unit_id: null;
  counterpart_path: null;
  waiting_unit_id: string | null;
  waiting_path: string | null;
  restricted: number;
  subject_type: string | null;
  subject_id: string | null;
  title: string;
  payload: string;
  due_day: string | null;
  due_at: null;
  waiting_since: string;
  opened_at: string;
  updated_at: string;
  closed_at: string | null;
  created_by: string;
  version: number;
};
type ActionRow = {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: string;
  actor_name: string;
  actor_unit_name: string;
  at: string;
  comment: string;
  data: string | null;
};

function parseList<T>(s: string | null): T[] {
  try {
    const v = JSON.parse(s ?? '[]') as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/**
 * The kernel rows of an old-shape dispute. `users` maps user ids to their name, unit name and path
 * (for the creator, the closer, and to find a progress entry's user by name).
 */
export function disputeCaseRows(d: OldDispute, users: Map<string, UserInfo>): { case: CaseRow; actions: ActionRow[] } {
  const open = d.status === 'open';
  const parties = parseList<{ name: string; recipientId?: string | null }>(d.parties);
  const linked = parties.find((p) => p.recipientId);
  const user = (id: string | null) => (id ? users.get(id) : undefined);
  const byName = (name: string): UserInfo | undefined => {
    const found = [...users.values()].filter((u) => u.name === name && d.org_path.startsWith(u.path));
    return found.length === 1 ? found[0] : undefined;
  };
  const payload = {
    foundOn: d.found_on,
    riskLevel: d.risk_level,
    responsibleUserId: d.responsible_user_id,
    leaderUserId: d.leader_user_id,
    deadline: d.deadline,
    plan: d.plan,
    note: d.note,
    closedOn: d.closed_on,
    closedBy: d.closed_by,
    result: d.result,
  };
  const caseRow: CaseRow = {
    id: d.id,
    case_type: 'dispute',
    status: open ? 'open' : 'closed',
    open: open ? 1 : 0,
    org_unit_id: d.org_unit_id,
    org_path: d.org_path,
    counterpart_unit_id: null,
    counterpart_path: null,
    waiting_unit_id: open ? d.org_unit_id : null,
    waiting_path: open ? d.org_path : null,
    restricted: 0,
    subject_type: linked?.recipientId ? 'recipient' : null,
    subject_id: linked?.recipientId ?? null,
    title: `矛盾纠纷：${parties.map((p) => p.name).join('、')}`,
    payload: JSON.stringify(payload),
    due_day: open ? d.deadline : null,
    due_at: null,
    waiting_since: d.created_at,
    opened_at: d.created_at,
    updated_at: d.updated_at,
    closed_at: open ? null : d.updated_at,
    created_by: d.created_by,
    version: d.version,
  };
  const creator = user(d.created_by);
  const actions: ActionRow[] = [
    {
      id: newId(Date.parse(d.created_at)),
      case_id: d.id,
      seq: 1,
      action: 'register',
      from_status: null,
      to_status: 'open',
      actor_user_id: d.created_by,
      actor_name: creator?.name ?? '',
      actor_unit_name: creator?.unitName ?? '',
      at: d.created_at,
      comment: '',
      data: null,
    },
  ];
  for (const p of parseList<OldProgress>(d.progress)) {
    const who = byName(p.actorName);
    actions.push({
      id: newId(Date.parse(p.at) || Date.parse(d.created_at)),
      case_id: d.id,
      seq: actions.length + 1,
      action: 'progress',
      from_status: 'open',
      to_status: 'open',
      actor_user_id: who?.id ?? '',
      actor_name: p.actorName,
      actor_unit_name: who?.unitName ?? '',
      at: p.at,
      comment: '',
      data: JSON.stringify({ day: p.day, measure: p.measure, progress: p.progress ?? '' }),
    });
  }
  if (!open) {
    const closer = user(d.closed_by);
    actions.push({
      id: newId(Date.parse(d.updated_at)),
      case_id: d.id,
      seq: actions.length + 1,
      action: 'close',
      from_status: 'open',
      to_status: 'closed',
      actor_user_id: d.closed_by ?? '',
      actor_name: closer?.name ?? '',
      actor_unit_name: closer?.unitName ?? '',
      at: d.updated_at,
      comment: d.result,
      data: JSON.stringify({ closedOn: d.closed_on, result: d.result }),
    });
  }
  return { case: caseRow, actions };
}

type Shape = {
  disputes: OldDispute;
  users: { id: string; display_name: string; org_unit_id: string; org_path: string };
  org_units: { id: string; name: string };
  cases: CaseRow;
  case_actions: ActionRow;
};

const CHUNK = 200;

export const disputesCases: Migration = {
  name: '0012-disputes-cases',
  async up(raw: Kysely<unknown>) {
    const db = raw as unknown as Kysely<Shape>;
    const users = new Map<string, UserInfo>(
      (
        await db
          .selectFrom('users')
          .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
          .select(['users.id', 'users.display_name', 'users.org_path', 'org_units.name as unit_name'])
          .execute()
      ).map((u) => [u.id, { id: u.id, name: u.display_name, unitName: u.unit_name, path: u.org_path }]),
    );
    let after = '';
    for (;;) {
      const rows = await db.selectFrom('disputes').selectAll().where('id', '>', after).orderBy('id').limit(CHUNK).execute();
      if (!rows.length) break;
      for (const d of rows) {
        const { case: c, actions } = disputeCaseRows(d, users);
        await db.insertInto('cases').values(c).execute();
        await db.insertInto('case_actions').values(actions).execute();
      }
      after = rows[rows.length - 1].id;
    }
    await raw.schema.alterTable('disputes').dropColumn('progress').execute();
  },
};
