// Checks one built world over HTTP: for every user, every list route returns exactly the records
// the oracle lets them see, every read route answers 200 for a visible record and 404 for the
// others, and the work queue shows nothing they may not see. Returns the disagreements (empty
// when the world is right) and how many (user, route) checks it made.
import type { BuiltWorld } from './build';
import { oracle as trueOracle, type ModelRecord, type ModelUser, type Oracle, type RecordKind } from './model';

export type Fetched = { statusCode: number; body: unknown };
/** How the checker reads the API; a test wraps it to plant a leak. */
export type Fetch = (w: BuiltWorld, user: ModelUser, url: string) => Promise<Fetched>;

export const httpFetch: Fetch = async (w, user, url) => {
  const res = await w.agents[user.index].get(url);
  return { statusCode: res.statusCode, body: res.statusCode === 200 ? res.json() : res.body };
};

type Route = { kind: RecordKind; list: string; detail: (id: string) => string };
export const routes: Route[] = [
  { kind: 'recipient', list: '/api/recipients?pageSize=200', detail: (id) => `/api/recipients/${id}` },
  { kind: 'case', list: '/api/cases?pageSize=200', detail: (id) => `/api/cases/${id}` },
  { kind: 'petition', list: '/api/petitions?pageSize=200', detail: (id) => `/api/petitions/${id}` },
  { kind: 'dispute', list: '/api/disputes?pageSize=200', detail: (id) => `/api/disputes/${id}` },
  { kind: 'visit', list: '/api/visits?pageSize=200', detail: (id) => `/api/visits/${id}` },
  { kind: 'plaque', list: '/api/glory-plaques?pageSize=200', detail: (id) => `/api/glory-plaques/${id}` },
];

const idsOf = (body: unknown): string[] => ((body as { items?: { id: string }[] }).items ?? []).map((i) => i.id);
const sorted = (xs: Iterable<string>) => [...xs].sort();

export type CheckResult = { checks: number; failures: string[] };

export async function checkWorld(w: BuiltWorld, opts: { fetch?: Fetch; oracle?: Oracle } = {}): Promise<CheckResult> {
  const fetch = opts.fetch ?? httpFetch;
  const sees = opts.oracle ?? trueOracle;
  const failures: string[] = [];
  let checks = 0;
  const byId = new Map<string, ModelRecord[]>();
  for (const r of w.records) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);

  for (const user of w.users) {
    const who = `user ${user.index} (unit ${user.unit}${user.head ? ', head' : ''})`;
    for (const route of routes) {
      const ofKind = w.records.filter((r) => r.kind === route.kind);
      const want = sorted(ofKind.filter((r) => sees(w.tree, user, r)).map((r) => r.id));
      checks += 1;
      const list = await fetch(w, user, route.list);
      if (list.statusCode !== 200) failures.push(`${who} GET ${route.list}: ${list.statusCode}`);
      else {
        const got = sorted(idsOf(list.body));
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${who} GET ${route.list}: got [${got.join(', ')}], oracle [${want.join(', ')}]`);
      }
      for (const r of ofKind) {
        checks += 1;
        const url = route.detail(r.id);
        const res = await fetch(w, user, url);
        const expected = sees(w.tree, user, r) ? 200 : 404;
        if (res.statusCode !== expected) failures.push(`${who} GET ${url} (${r.kind} of unit ${r.unit}): ${res.statusCode}, oracle ${expected}`);
      }
    }
    // the work queue: every item that is a record of this world is one the user may see
    checks += 1;
    const queue = await fetch(w, user, '/api/work-queue');
    if (queue.statusCode !== 200) failures.push(`${who} GET /api/work-queue: ${queue.statusCode}`);
    else
      for (const id of idsOf(queue.body)) {
        const recs = byId.get(id);
        if (recs && !recs.some((r) => sees(w.tree, user, r))) failures.push(`${who} GET /api/work-queue shows ${recs[0].kind} ${id} of unit ${recs[0].unit}`);
      }
    // the badge's number counts exactly the items the queue shows (these worlds stay under the queue's cap)
    checks += 1;
    const count = await fetch(w, user, '/api/work-queue/count');
    const shown = queue.statusCode === 200 ? (queue.body as { items: unknown[] }).items.length : -1;
    if (count.statusCode !== 200) failures.push(`${who} GET /api/work-queue/count: ${count.statusCode}`);
    else if ((count.body as { count: number }).count !== shown) failures.push(`${who} GET /api/work-queue/count says ${(count.body as { count: number }).count}, the queue shows ${shown}`);
  }
  return { checks, failures };
}
