// Demo petitions 信访 of the demo township, registered and moved through the real services (so
// clocks, numbers and grants are what the app would make): one near its acceptance deadline
// (yellow), one overdue in handling (red), one extended, one replied and rated, one closed, and
// one accusation (restricted) against a village worker.
import { shiftDay } from '../../shared/rules/calendar';
import { shanghaiDay } from '../../shared/rules/dates';
import type { Config } from '../config';
import type { DialectName } from '../db/client';
import type { SystemDb } from '../db/system';
import { transaction } from '../db/transaction';
import type { AuthContext } from '../platform/auth';
import type { AppContext } from '../platform/context';
import { demoAuthOf } from './demo-auth';
import type { FieldCrypto } from '../platform/crypto';
import { performAction } from '../cases/cases.service';
import { registerPetition, type RegistrationInput } from '../modules/petitions';
import { ratePetitionUnscoped } from '../modules/petitions';
import { idCheckCharacter } from '../../shared/rules/id-number';

function idOf(birth: string, seq: number): string {
  const first17 = `330523${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export async function seedDemoPetitions(db: SystemDb, opts: { crypto: FieldCrypto; at: string; dialect?: DialectName }): Promise<number> {
  const ctx: AppContext = { db, dialect: opts.dialect ?? 'sqlite', config: {} as Config, clock: { now: () => new Date(opts.at) }, crypto: opts.crypto };
  const rows = await db
    .selectFrom('users')
    .innerJoin('org_units as u', 'u.id', 'users.org_unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'u.id as unit_id', 'u.name as unit_name', 'u.level', 'u.code', 'u.path', 'u.parent_id'])
    .where('users.username', 'in', ['township', 'townshiphead', 'county', 'countyhead', 'village'])
    .execute();
  const user = (name: string) => rows.find((r) => r.username === name);
  const [tw, head, county, countyHead, village] = ['township', 'townshiphead', 'county', 'countyhead', 'village'].map(user);
  if (!tw || !head || !county || !countyHead || !village) return 0;
  const auth = (u: NonNullable<typeof tw>): AuthContext => demoAuthOf(u, opts.at);
  const township = { id: tw.unit_id, path: tw.path, name: tw.unit_name, code: tw.code, parent_id: tw.parent_id };
  const villageUnit = { id: village.unit_id, path: village.path, name: village.unit_name, code: village.code, parent_id: village.parent_id };
  const today = shanghaiDay(new Date(opts.at));
  const d = (n: number) => shiftDay(today, n);
  const base = (over: Partial<RegistrationInput>): RegistrationInput => ({
    unit: township,
    channel: 'letter',
    receivedOn: d(-5),
    petitionerName: '周国强',
    id18: null,
    phone: null,
    dischargeCertChecked: false,
    address: '孝丰镇',
    headcount: 1,
    representatives: [],
    type: 'claim',
    category: 'pension',
    request: '',
    facts: '',
    reasons: '',
    oral: false,
    recipientId: null,
    handlerUserId: tw.id,
    leaderUserId: null,
    repeatOf: null,
    accusedUserIds: [],
    accusedOrgUnitId: null,
    note: '',
    publicAccountId: null,
    ...over,
  });
  const register = (by: NonNullable<typeof tw>, input: RegistrationInput) => transaction(db, (trx) => registerPetition(trx, ctx, auth(by), input, null));
  const step = async (by: NonNullable<typeof tw>, id: string, action: string, data: Record<string, unknown>, comment = '') => {
    const v = await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await performAction(ctx, auth(by), id, { action, comment, version: v.version, data }, null);
  };

  // 1. near its acceptance deadline (yellow), a leader in charge
  await register(tw, base({ receivedOn: d(-13), petitionerName: '钱广生', phone: '13905721001', id18: idOf('1949-03-02', 11), request: '请求落实参战退役人员定期生活补助', facts: '本人 1979 年参战，退役回乡务农，至今未领取定期生活补助。', reasons: '符合军人抚恤优待条例第六十二条', leaderUserId: countyHead.id }));
  // 2. accepted and overdue in handling (red)
  const red = await register(tw, base({ channel: 'visit', receivedOn: d(-66), petitionerName: '孙建军', phone: '13905721002', id18: idOf('1962-07-01', 13), dischargeCertChecked: true, oral: true, category: 'placement', request: '请求安排工作', facts: '2002 年退役，当时承诺安排工作，至今未落实。', reasons: '', leaderUserId: head.id }));
  await step(tw, red.id, 'accept', { acceptedOn: d(-64) });
  // 3. extended by the township head
  const ext = await register(tw, base({ channel: 'phone', receivedOn: d(-45), petitionerName: '吴建华', phone: '13905721003', category: 'medical', request: '反映残疾军人医疗费报销比例偏低', facts: '2025 年住院费用报销后个人负担过重。' }));
  await step(tw, ext.id, 'accept', { acceptedOn: d(-43) });
  await step(head, ext.id, 'extend', { days: 30, reason: '需向县医保局核实报销政策' });
  // 4. replied and rated
  const replied = await register(tw, base({ receivedOn: d(-40), petitionerName: '郑志远', phone: '13905721004', category: 'commemoration', request: '请求修缮村烈士纪念碑', facts: '纪念碑年久失修，碑文模糊。' , type: 'suggestion' }));
  await step(tw, replied.id, 'accept', { acceptedOn: d(-38) });
  await step(tw, replied.id, 'reply', { outcome: 'support', replyText: '已列入本年度烈士纪念设施修缮计划，预计年内完工。', repliedOn: d(-10), replyReceivedOn: d(-9) });
  await transaction(db, (trx) => ratePetitionUnscoped(trx, replied.id, 5, opts.at));
  // 5. closed
  const closed = await register(tw, base({ receivedOn: d(-90), petitionerName: '冯晓东', phone: '13905721005', category: 'socialInsurance', request: '养老保险军龄视同缴费年限未认定', facts: '社保部门未认定服役年限。' }));
  await step(tw, closed.id, 'accept', { acceptedOn: d(-88) });
  await step(tw, closed.id, 'reply', { outcome: 'explain', replyText: '已协调县社保局认定军龄视同缴费年限，并向您解释相关政策。', repliedOn: d(-60), replyReceivedOn: d(-58) });
  await step(tw, closed.id, 'close', { closedOn: d(-20) });
  // 6. an accusation against the first village's worker: restricted to its named participants
  await register(county, base({ unit: villageUnit, receivedOn: d(-3), petitionerName: '蒋文明', phone: '13905721006', type: 'accusation', category: 'assistance', request: '检举村服务站工作人员截留困难补助', facts: '2026 年春节慰问金未足额发放。', handlerUserId: head.id, accusedUserIds: [village.id] }));
  return 6;
}
