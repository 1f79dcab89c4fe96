// Reads config, opens the database, migrates, seeds the demo when asked, listens.
import { loadConfig } from './config';
import { boot } from './boot';
import { buildApp } from './app';
import { systemClock } from './platform/clock';
import { systemDb } from './db/system';
import { countUsersUnscoped } from './modules/staff';
import { demoAccounts, seedDemo, seedDemoRecipients, DEMO_COUNTY, DEMO_PASSWORD_DEFAULT, DEMO_RECIPIENTS } from './cli/demo';
import { seedDemoVisits } from './cli/demo-visits';
import { seedDemoPortal } from './cli/demo-portal';

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const { handle, crypto, newlyCreated } = await boot(config, { server: true });
  const sys = systemDb(handle.db);
  // The demo goes only into a new embedded database, or into PostgreSQL when DEMO=1 and it has
  // no accounts yet. A production database never gets default accounts.
  const wantDemo = config.demo ?? (handle.dialect === 'sqlite' && newlyCreated);
  const demoPassword = config.demoPassword ?? DEMO_PASSWORD_DEFAULT;
  if (wantDemo && (await countUsersUnscoped(sys)).all === 0) {
    const at = new Date().toISOString();
    const r = await seedDemo(sys, { password: demoPassword, at });
    const n = await seedDemoRecipients(sys, { count: DEMO_RECIPIENTS, crypto, at });
    const v = await seedDemoVisits(sys, { countyCode: DEMO_COUNTY, at });
    await seedDemoPortal(sys, { at }); // schedules, commitments and supervisors of the county and 孝丰镇
    console.log(`已载入演示数据：${r.units} 个单位（浙江省湖州市安吉县），${n} 名服务对象，${v.owed} 条应访、${v.visits} 条走访记录`);
  }
  const app = await buildApp({ config, handle, clock: systemClock, crypto, jobs: true });
  await app.listen({ port: config.port, host: config.host });
  const counts = await countUsersUnscoped(sys);
  const url = `http://localhost:${config.port}/`;
  console.log(`\n戎家 Rongjia 已启动：${url}  （数据库：${handle.dialect}，用时 ${Date.now() - started} ms）`);
  console.log(`公开名录（无需登录）：${url}public`);
  if (counts.demo > 0) {
    console.log(`\n演示账号（密码均为 ${config.demoPassword ? '环境变量 DEMO_PASSWORD 的值' : demoPassword}）：`);
    for (const a of demoAccounts) console.log(`  ${a.username.padEnd(13)} ${a.note}`);
    console.log('  管理员账号首次登录须绑定动态验证码（手机验证器扫码）。\n');
  } else if (counts.all === 0) {
    console.log('\n尚无账号：请运行 npm run cli -- admin:create --username admin --unit <区划代码> --unit-name <名称> 创建首个系统管理员。\n');
  }
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
