// Demo visits for the demo county, so the visit pages are not empty: this year's Army Day round
// (owed to everyone, about three quarters visited — some late — the rest not done), a few 六必访
// events, and the visits owed in the coming weeks (generated as the daily run would).
import { pathWithin } from '../platform/jurisdiction';
import { dialectOf, lockOrgTree, placedAt, unitsForWriteUnscoped } from '../platform/stored-unit.repo';
import { shanghaiDay } from '../../shared/rules/dates';
import { shiftDay } from '../../shared/rules/calendar';
import type { VisitTriggerKind } from '../../shared/schemas/visits';
import type { SystemDb } from '../db/system';
import { findUnitByCodeUnscoped } from '../modules/org-units';
import { generateForRange, recordTriggerIn } from '../modules/visits';
import { insertVisit, listDue, markDueDoneUnscoped } from '../modules/visits';
import { newId } from '../platform/ids';
import { prng } from './demo-recipients';

export async function seedDemoVisits(db: SystemDb, opts: { countyCode: string; at: string }): Promise<{ owed: number; visits: number }> {
  const county = (await findUnitByCodeUnscoped(db, opts.countyCode))!;
  const scope = { userId: 'demo', orgUnitId: county.id, path: county.path };
  const today = shanghaiDay(new Date(opts.at));
  const year = Number(today.slice(0, 4));
  const r = prng(20260801);
  const workers = await db.selectFrom('users').select(['id', 'display_name']).where('username', 'in', ['village', 'village2', 'township']).execute();
  let owed = 0;
  let visits = 0;

  // this year's Army Day round, when it has passed
  const armyDay = `${year}-08-01`;
  if (today > shiftDay(armyDay, 8)) {
    owed += (await generateForRange(db, county.path, shiftDay(armyDay, -10), opts.at)).created;
    const round = await listDue(scope, db, { reason: 'armyDay', from: armyDay, to: armyDay, today, sort: 'unit', page: 1, pageSize: 100000 });
    await db.transaction().execute(async (trx) => {
      const units = await unitsForWriteUnscoped(trx, await lockOrgTree(trx, dialectOf(trx), 'shared'), round.items.map((d) => d.org_unit_id));
      for (const d of round.items) {
        const x = r();
        if (x > 0.75) continue;
        const late = x > 0.68;
        const day = late ? shiftDay(d.window_end, 1 + Math.floor(r() * 10)) : shiftDay(d.window_start, Math.floor(r() * 20));
        const who = workers[Math.floor(r() * workers.length)];
        const id = newId();
        await insertVisit(scope, trx, {
          id,
          recipient_id: d.recipient_id,
          ...placedAt(units.get(d.org_unit_id)!),
          visited_on: day,
          visit_type: r() < 0.8 ? 'festival' : 'home',
          visitors: `${who.display_name}、村（社区）书记`,
          visitor_user_ids: JSON.stringify([who.id]),
          situations: JSON.stringify(r() < 0.3 ? { thought: { level: 'stable', note: '' }, needs: { level: r() < 0.2 ? 'some' : 'none', note: '' } } : {}),
          needs: r() < 0.1 ? '希望了解优待证办理' : '',
          money_cents: d.key_groups ? 50000 : 20000,
          goods: r() < 0.5 ? '米、油' : '',
          follow_up: '',
          note: '',
          photo_file_ids: '[]',
          due_visit_id: d.id,
          late: late ? 1 : 0,
          client_key: `demo-${id}`,
          created_by: who.id,
          created_at: opts.at,
          updated_at: opts.at,
          version: 1,
        });
        await markDueDoneUnscoped(trx, d.id, id, day, opts.at);
        visits += 1;
      }
    });
  }

  // a few 六必访 events of the last days
  const people = await db
    .selectFrom('recipients')
    .select(['id', 'org_unit_id', 'org_path'])
    .where(pathWithin('org_path', county.path))
    .where('status', '=', 'registered')
    .where('deceased', '=', 0)
    .where('kind', '=', 'veteran')
    .orderBy('id')
    .limit(12)
    .execute();
  const kinds: VisitTriggerKind[] = ['returnHome', 'meritAward', 'heroModel', 'difficulty', 'majorChange', 'returnHome'];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < people.length; i++) {
      await recordTriggerIn(trx, null, { recipient: people[i], kind: kinds[i % kinds.length], eventDay: shiftDay(today, -(i % 9)), note: '', source: 'manual', createdBy: workers[0].id, at: opts.at });
      owed += 1;
    }
  });

  // the visits owed in the coming weeks
  owed += (await generateForRange(db, county.path, today, opts.at)).created;
  return { owed, visits };
}
