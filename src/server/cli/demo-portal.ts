// Demo data of the public service portal for the demo county and the demo township (孝丰镇), so a
// fresh `npm start` shows their public pages filled and bookable: a weekly appointment schedule
// (weekdays, mornings and afternoons in 30-minute slots), two service commitments and two service
// supervisors each. Idempotent: a unit that already has a schedule, commitments or supervisors
// keeps them (the seed only fills what is empty).
import type { SystemDb } from '../db/system';
import { findUnitByCodeUnscoped } from '../modules/org-units';
import { newId } from '../platform/ids';
import { DEMO_COUNTY, DEMO_TOWNSHIP } from './demo';

type Seeded = { schedules: number; commitments: number; supervisors: number };

const WEEKDAYS = [1, 2, 3, 4, 5];

const portalOf: Record<string, { morning: [string, string]; afternoon: [string, string]; capacity: number; commitments: string[]; supervisors: { name: string; affiliation: string; phone: string }[] }> = {
  [DEMO_COUNTY]: {
    morning: ['08:30', '11:30'],
    afternoon: ['13:30', '17:00'],
    capacity: 3,
    commitments: ['首问负责，一次性告知办理所需材料，做到“最多跑一次”', '承诺时限内办结，逾期未办结的主动说明原因和进度'],
    supervisors: [
      { name: '周国平', affiliation: '县人大代表、退役军人', phone: '13905720101' },
      { name: '沈美华', affiliation: '县政协委员', phone: '13905720102' },
    ],
  },
  [DEMO_TOWNSHIP]: {
    morning: ['08:30', '11:30'],
    afternoon: ['14:00', '17:00'],
    capacity: 2,
    commitments: ['行动不便的服务对象可预约上门服务或全程代办', '意见建议 15 日内答复，答复可在本页公开'],
    supervisors: [
      { name: '钱建华', affiliation: '孝丰镇退役军人代表', phone: '13905720103' },
      { name: '吴秀兰', affiliation: '孝丰镇人大代表', phone: '13905720104' },
    ],
  },
};

export async function seedDemoPortal(db: SystemDb, opts: { at: string }): Promise<Seeded> {
  const out: Seeded = { schedules: 0, commitments: 0, supervisors: 0 };
  const admin = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'countyhead').executeTakeFirst();
  const by = { id: admin?.id ?? 'demo', name: admin?.display_name ?? '演示' };
  await db.transaction().execute(async (trx) => {
    for (const [code, p] of Object.entries(portalOf)) {
      const unit = await findUnitByCodeUnscoped(trx, code);
      if (!unit) continue;
      const placed = { org_unit_id: unit.id, org_path: unit.path };
      if (!(await trx.selectFrom('appointment_schedules').select('org_unit_id').where('org_unit_id', '=', unit.id).executeTakeFirst())) {
        const ranges = WEEKDAYS.flatMap((weekday) => [
          { weekday, start: p.morning[0], end: p.morning[1] },
          { weekday, start: p.afternoon[0], end: p.afternoon[1] },
        ]);
        await trx.insertInto('appointment_schedules').values({ ...placed, slot_minutes: 30, capacity: p.capacity, ranges: JSON.stringify(ranges), version: 1, updated_by: by.id, updated_at: opts.at }).execute();
        out.schedules++;
      }
      if (!(await trx.selectFrom('service_commitments').select('id').where('org_unit_id', '=', unit.id).executeTakeFirst())) {
        await trx
          .insertInto('service_commitments')
          .values(p.commitments.map((body, i) => ({ id: newId(), ...placed, position: i + 1, body, updated_by_name: by.name, updated_at: opts.at })))
          .execute();
        out.commitments += p.commitments.length;
      }
      if (!(await trx.selectFrom('service_supervisors').select('id').where('org_unit_id', '=', unit.id).executeTakeFirst())) {
        await trx
          .insertInto('service_supervisors')
          .values(p.supervisors.map((s, i) => ({ id: newId(), ...placed, position: i + 1, ...s, updated_by_name: by.name, updated_at: opts.at })))
          .execute();
        out.supervisors += p.supervisors.length;
      }
    }
  });
  return out;
}
