// Demo disputes 矛盾纠纷 for the demo county: a few open and closed disputes of the demo
// township's villages (one overdue, one due soon, one led by the township head), and last
// month's summary submitted by the first village. (Opinion reports: demo-opinions.ts.)
import { shiftDay } from '../../shared/rules/calendar';
import { shanghaiDay } from '../../shared/rules/dates';
import type { SystemDb } from '../db/system';
import { disputeCaseRows, type OldDispute, type UserInfo } from '../db/migrations/0012-disputes-cases';
import { newId } from '../platform/ids';

type Unit = { id: string; path: string; name: string; level: string };

export async function seedDemoDisputes(db: SystemDb, opts: { at: string }): Promise<{ disputes: number; reports: number }> {
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'org_unit_id']).where('username', 'in', ['village', 'village2', 'township', 'townshiphead', 'county']).execute();
  const user = (u: string) => users.find((x) => x.username === u);
  const v1 = user('village');
  const v2 = user('village2');
  const tw = user('township');
  const head = user('townshiphead');
  const county = user('county');
  if (!v1 || !v2 || !tw || !head || !county) return { disputes: 0, reports: 0 };
  const unitRows = await db.selectFrom('org_units').select(['id', 'path', 'name', 'level']).where('id', 'in', [v1.org_unit_id, v2.org_unit_id, tw.org_unit_id, county.org_unit_id]).execute();
  const unit = (id: string): Unit => unitRows.find((u) => u.id === id)!;
  const today = shanghaiDay(new Date(opts.at));
  const day = (n: number) => shiftDay(today, n);

  // disputes are written in their 0008 shape (with the JSON progress log) and put on the kernel by
  // the same conversion as migration 0012: a case, its log, and the disputes row without the log
  type DemoDispute = OldDispute & { method: string; summary: string };
  const dispute = (u: Unit, by: typeof v1, o: Partial<Omit<DemoDispute, 'parties'>> & Pick<DemoDispute, 'found_on' | 'method' | 'summary' | 'risk_level' | 'deadline'> & { parties: string[] }): DemoDispute => ({
    id: newId(),
    org_unit_id: u.id,
    org_path: u.path,
    responsible_user_id: by.id,
    leader_user_id: null,
    plan: '',
    progress: '[]',
    status: 'open',
    result: '',
    closed_on: null,
    closed_by: null,
    note: '',
    version: 1,
    created_by: by.id,
    created_at: opts.at,
    updated_at: opts.at,
    ...o,
    parties: JSON.stringify(o.parties.map((name) => ({ name, recipientId: null }))),
  });
  const progress = (...entries: [number, string, string, string][]) => JSON.stringify(entries.map(([d, measure, p, actorName]) => ({ day: day(d), measure, progress: p, at: opts.at, actorName })));
  const u1 = unit(v1.org_unit_id);
  const u2 = unit(v2.org_unit_id);
  const ut = unit(tw.org_unit_id);
  const disputes: DemoDispute[] = [
    dispute(u1, v1, {
      found_on: day(-20), method: 'homeVisit', risk_level: 'medium', deadline: day(2), parties: ['沈国平', '沈国安'],
      summary: '退役军人沈国平与其兄沈国安因老宅继承分割发生纠纷，多次争吵', plan: '村调委会组织调解，必要时引导司法途径',
      progress: progress([-18, '入户走访双方', '双方各执一词', v1.display_name], [-10, '组织家庭调解会', '初步同意按份分割', v1.display_name]),
    }),
    dispute(u1, v1, {
      found_on: day(-35), method: 'reception', risk_level: 'high', deadline: day(-3), leader_user_id: head.id, parties: ['钱卫东'],
      summary: '退役军人钱卫东反映企业拖欠工资八个月，情绪激动，扬言集体上访', plan: '镇站长包案，协调劳动监察部门介入',
      progress: progress([-33, '联系劳动监察大队', '已立案调查', head.display_name]),
    }),
    dispute(u2, v2, {
      found_on: day(-8), method: 'online', risk_level: 'low', deadline: day(20), parties: ['何秀兰'],
      summary: '村民微信群中有人质疑军属何秀兰家优待金发放标准', plan: '公开发放标准与依据',
    }),
    dispute(u2, v2, {
      found_on: day(-40), method: 'fieldVisit', risk_level: 'medium', deadline: day(-15), parties: ['孔建军', '村经济合作社'],
      summary: '退役军人孔建军与村经济合作社因鱼塘承包合同到期续包发生争议', status: 'closed', closed_on: day(-16), closed_by: v2.id,
      result: '按原条件续包三年，双方签订补充协议', progress: progress([-30, '查阅原合同', '确认续包优先权', v2.display_name]),
    }),
    dispute(ut, tw, {
      found_on: day(-25), method: 'reception', risk_level: 'low', deadline: day(-5), parties: ['陆永强'],
      summary: '退役军人陆永强咨询自主就业退役金计算有误', status: 'closed', closed_on: day(-6), closed_by: tw.id,
      result: '经县中心复核，补发差额 2,400 元', progress: progress([-20, '报县中心复核', '确有少算', tw.display_name]),
    }),
  ];

  const month = today.slice(0, 7);
  const lastMonth = shiftDay(`${month}-01`, -1).slice(0, 7);
  await db.transaction().execute(async (trx) => {
    const people = await trx.selectFrom('users').innerJoin('org_units', 'org_units.id', 'users.org_unit_id').select(['users.id', 'users.display_name', 'users.org_path', 'org_units.name']).execute();
    const userInfo = new Map<string, UserInfo>(people.map((p) => [p.id, { id: p.id, name: p.display_name, unitName: p.name, path: p.org_path }]));
    for (const d of disputes) {
      const { case: c, actions } = disputeCaseRows(d, userInfo);
      await trx.insertInto('cases').values(c).execute();
      await trx.insertInto('case_actions').values(actions).execute();
      const { progress: _log, ...row } = d;
      await trx.insertInto('disputes').values(row).execute();
    }
    await trx
      .insertInto('dispute_submissions')
      .values({
        id: newId(), org_unit_id: u1.id, org_path: u1.path, month: lastMonth, submitted_by: v1.id, submitted_by_name: v1.display_name, submitted_at: opts.at, revision: 1,
        summary: JSON.stringify({ orgUnitId: u1.id, orgUnitName: u1.name, month: lastMonth, rows: [], total: { orgUnitId: u1.id, orgUnitName: '合计', ownLevel: false, total: { found: 1, closed: 0, open: 1 }, byRisk: { low: { found: 0, closed: 0, open: 0 }, medium: { found: 0, closed: 0, open: 0 }, high: { found: 1, closed: 0, open: 1 } }, byMethod: { reception: { found: 1, closed: 0, open: 1 }, fieldVisit: { found: 0, closed: 0, open: 0 }, homeVisit: { found: 0, closed: 0, open: 0 }, online: { found: 0, closed: 0, open: 0 } } } }),
      })
      .execute();
  });
  return { disputes: disputes.length, reports: 0 };
}
