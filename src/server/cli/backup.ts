// Online backup and restore. SQLite: the online backup API (safe while the server writes).
// PostgreSQL: pg_dump / pg_restore (custom format).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export type Target = { sqliteFile?: string; postgresUrl?: string };

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} 失败 (${code})：${err.trim()}`))));
  });
}

export async function backupDatabase(target: Target, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (target.postgresUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', target.postgresUrl]);
    return;
  }
  if (!target.sqliteFile || !fs.existsSync(target.sqliteFile)) throw new Error('找不到数据库文件');
  const src = new BetterSqlite3(target.sqliteFile, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // All pages in one step: a step-wise copy restarts whenever the server writes in between and,
    // under steady writes, never finishes. One step reads one consistent snapshot (in WAL mode the
    // server keeps writing meanwhile).
    await src.backup(file, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/** Restores over the target. On SQLite the server must be stopped first. */
export async function restoreDatabase(target: Target, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`找不到备份文件：${file}`);
  if (target.postgresUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', target.postgresUrl, file]);
    return;
  }
  if (!target.sqliteFile) throw new Error('未指定数据库文件');
  const check = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    let tables: number;
    try {
      tables = (check.prepare("select count(*) as n from sqlite_master where name in ('org_units','users','audit_logs')").get() as { n: number }).n;
    } catch (e) {
      throw new Error(`该文件不是戎家的备份（无法作为 SQLite 数据库读取：${e instanceof Error ? e.message : String(e)}）`);
    }
    if (tables !== 3) throw new Error('该文件不是戎家的备份');
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`备份文件损坏：${String(integrity)}`);
  } finally {
    check.close();
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target.sqliteFile + suffix, { force: true });
  const tmp = target.sqliteFile + '.restoring';
  fs.copyFileSync(file, tmp);
  fs.renameSync(tmp, target.sqliteFile);
}
