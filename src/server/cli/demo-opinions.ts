// Demo opinion reports 舆情 of the demo county's first village, filed and moved through the real
// services (so cases, deadlines and the signing log are what the app would make): one passed up
// and handled by the township three days ago, one still at the village, and one passed up 45
// minutes ago that the township has not signed yet.
import type { OpinionCreate } from '../../shared/schemas/opinion-reports';
import type { Config } from '../config';
import type { DialectName } from '../db/client';
import type { SystemDb } from '../db/system';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { demoAuthOf } from './demo-auth';
import type { FieldCrypto } from '../platform/crypto';
import { acknowledgeOpinionReport, createOpinionReport, decideOpinionReport } from '../modules/opinion-reports';

export async function seedDemoOpinions(db: SystemDb, opts: { crypto: FieldCrypto; at: string; dialect?: DialectName }): Promise<number> {
  let now = new Date(opts.at);
  const ctx: AppContext = { db, dialect: opts.dialect ?? 'sqlite', config: {} as Config, clock: { now: () => now }, crypto: opts.crypto };
  const rows = await db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'u.id as unit_id', 'u.name as unit_name', 'u.level', 'u.code', 'u.path'])
    .where('users.username', 'in', ['village', 'townshiphead', 'township'])
    .execute();
  const auth = (name: string): AuthContext | null => {
    const u = rows.find((r) => r.username === name);
    if (!u) return null;
    return demoAuthOf(u, opts.at);
  };
  const [village, head, township] = [auth('village'), auth('townshiphead'), auth('township')];
  if (!village || !head || !township) return 0;
  const at = (minutes: number) => {
    now = new Date(new Date(opts.at).getTime() + minutes * 60_000);
    return now.toISOString();
  };
  const report = async (minutes: number, o: Pick<OpinionCreate, 'source' | 'summary' | 'people' | 'level'>) => {
    const foundAt = at(minutes - 30);
    at(minutes);
    return createOpinionReport(ctx, village, { ...o, foundAt, link: '', note: '' }, null);
  };

  const r1 = await report(-60 * 24 * 3, { source: '抖音', summary: '短视频称某村退役军人优待金被挪用，转发三百余次', people: '吴建华', level: 'major' });
  at(-60 * 24 * 3 + 5);
  const up1 = await decideOpinionReport(ctx, village, r1.id, { version: r1.version, decision: 'passUp', measures: '涉及多户，请镇里核实' }, null);
  at(-60 * 24 * 3 + 25);
  const s1 = await acknowledgeOpinionReport(ctx, head, up1.id, null);
  at(-60 * 24 * 3 + 95);
  await decideOpinionReport(ctx, head, s1.id, { version: s1.version, decision: 'handle', measures: '核实优待金发放台账并公示，约谈发布者删除不实视频' }, null);

  await report(-60 * 5, { source: '微信群', summary: '群内流传“退役军人可免费领取养老保险补贴”的不实消息', people: '', level: 'general' });

  const r3 = await report(-50, { source: '微博', summary: '有网民发帖称某退役军人因拆迁补偿问题拟赴省上访', people: '郑海涛', level: 'serious' });
  at(-45);
  await decideOpinionReport(ctx, village, r3.id, { version: r3.version, decision: 'passUp', measures: '涉及越级上访苗头' }, null);
  now = new Date(opts.at);
  return 3;
}
