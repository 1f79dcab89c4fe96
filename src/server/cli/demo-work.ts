// Demo work of the running-the-centers modules for the demo township (孝丰镇), moved through the
// real services so that cases, clocks, notifications and figures are what the app would make:
// - hard problems 疑难问题 (§8): one the township has studied, one escalated to the county and
//   reviewed there in its monthly review, one the county resolved;
// - obligations 工作制度 (Chapter 2): the township's monthly meeting of its village stations and the
//   first village's petition-situation report for last month (the second village's is left missing,
//   so the township's reporting rate shows a gap).
import { shiftDay } from '../../shared/rules/calendar';
import { shanghaiDay } from '../../shared/rules/dates';
import type { Config } from '../config';
import type { DialectName } from '../db/client';
import type { SystemDb } from '../db/system';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import type { FieldCrypto } from '../platform/crypto';
import { actOnHardProblem, reportHardProblem } from '../modules/hard-problems';
import { createObligationRecord } from '../modules/obligations';
import { demoAuthOf } from './demo-auth';
import type { HardProblemCategory } from '../../shared/schemas/hard-problems';

export async function seedDemoWork(db: SystemDb, opts: { crypto: FieldCrypto; at: string; dialect?: DialectName }): Promise<{ hardProblems: number; records: number }> {
  const ctx: AppContext = { db, dialect: opts.dialect ?? 'sqlite', config: {} as Config, clock: { now: () => new Date(opts.at) }, crypto: opts.crypto };
  const rows = await db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'u.id as unit_id', 'u.name as unit_name', 'u.level', 'u.code', 'u.path'])
    .where('users.username', 'in', ['village', 'township', 'townshiphead', 'county'])
    .execute();
  const by = (name: string): AuthContext | undefined => {
    const r = rows.find((x) => x.username === name);
    return r && demoAuthOf(r, opts.at);
  };
  const [village, township, head, county] = ['village', 'township', 'townshiphead', 'county'].map(by);
  if (!village || !township || !head || !county) return { hardProblems: 0, records: 0 };
  if (await db.selectFrom('hard_problems').select('id').where('org_unit_id', '=', village.unit.id).executeTakeFirst()) return { hardProblems: 0, records: 0 };

  const today = shanghaiDay(new Date(opts.at));
  const d = (n: number) => shiftDay(today, n);
  const report = (auth: AuthContext, category: HardProblemCategory, title: string, description: string, tried: string) =>
    reportHardProblem(ctx, auth, { orgUnitId: auth.unit.id, recipientId: null, category, title, description, tried, files: [] }, null);
  const act = async (auth: AuthContext, id: string, body: Record<string, unknown>) => {
    const v = await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await actOnHardProblem(ctx, auth, id, { comment: '', ...body, version: v.version } as Parameters<typeof actOnHardProblem>[3], null);
  };

  // 1. studied by the township, still open there
  const studied = await report(village, 'housing', '困难退役军人住房漏雨急需修缮', '村内一户困难退役士兵家庭房屋年久失修，雨季漏雨，本人无力修缮。', '已走访慰问并上报村委会，村级资金不足以承担修缮费用。');
  await act(head, studied.id, { action: 'study', studiedOn: today, participants: '站长、各村服务站专干', notes: '拟协调住建部门危房改造项目，并申请临时救助。' });
  // 2. escalated to the county and reviewed there (the county's monthly review)
  const escalated = await report(village, 'policy', '异地迁入烈士遗属优待金发放衔接', '一名烈士遗属由外省迁入本村，原籍已停发优待金，本地尚未纳入发放。', '已联系原籍县退役军人事务局，对方答复需本地出具接收证明。');
  await act(head, escalated.id, { action: 'study', studiedOn: today, participants: '站长、村服务站专干', notes: '涉及跨省衔接，乡镇无法解决，报县中心研究。' });
  await act(head, escalated.id, { action: 'escalate', comment: '涉及跨省衔接，乡镇无法解决，请县中心研究。' });
  await act(county, escalated.id, { action: 'review', reviewedOn: today, decision: '由县中心优抚股出具接收证明，并与原籍县对接停发、续发时间，确保不断档。', ownerName: '王立新', dueOn: d(20) });
  // 3. raised by the township, resolved by the county
  const resolved = await report(township, 'history', '退役士兵养老保险军龄视同缴费认定材料缺失', '一名 1990 年代退役士兵档案中缺少入伍批准书，社保部门无法认定军龄视同缴费年限。', '已到县档案馆查询，未找到原件。');
  await act(county, resolved.id, { action: 'resolve', resolution: '经县人武部出具兵役证明，社保部门已认定视同缴费年限。' });

  // obligations of last month: the township's meeting and the first village's petition report
  const lastMonthDay = shiftDay(`${today.slice(0, 7)}-01`, -1);
  const lastMonth = lastMonthDay.slice(0, 7);
  const heldOn = `${lastMonth}-20`;
  let records = 0;
  const record = async (auth: AuthContext, code: string, fields: Record<string, unknown>) => {
    const def = await db.selectFrom('obligation_defs').select('id').where('code', '=', code).executeTakeFirst();
    if (!def) return;
    await createObligationRecord(ctx, auth, { definitionId: def.id, orgUnitId: auth.unit.id, period: lastMonth, heldOn, attendees: '', topics: '', minutes: '', course: '', trainer: '', hours: null, decisions: '', body: '', files: [], ...fields }, null);
    records++;
  };
  await record(head, 'township-meeting', {
    attendees: '孝丰镇服务站站长，各村（社区）服务站专干',
    topics: '通报本月走访慰问完成情况；部署元旦春节走访慰问；研究疑难问题',
    minutes: '各村汇报本月应访、已访情况；对未按期走访的对象明确完成时限。',
  });
  await record(village, 'village-petition-report', { body: '本月本村未发生新的信访事项，已办结上月信访事项 1 件。' });
  return { hardProblems: 3, records };
}
