// Where a ledger row belongs: 单位代码 (a 12-digit village or 15-digit grid code), or the
// 所属乡镇(街道) / 所属村(社区) / 网格 columns, each a name or a code, read from the importer's
// own unit downwards. A row can only land inside the importer's range: anything else is
// "不存在或不在本辖区" (the same words whether it exists elsewhere or not at all).
import type { Tx } from '../../db/transaction';
import { pathInScope, type Scope } from '../../platform/jurisdiction';
import { unitsBelow, unitsByCodes, type UnitRef } from './imports.repo';
import type { ParsedRow, RowProblem } from './import-row';

const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'] as const;
const RECORD_LEVELS = new Set(['county', 'township', 'village', 'grid']);
const CODE = /^\d{9}$|^\d{12}$|^\d{15}$/;

/** A unit name as compared: full-width folded, no spaces, 村民委员会 → 村, 社区居委会 → 社区. */
export function unitNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(村民委员会|村委会)$/, '村')
    .replace(/(居民委员会|居委会)$/, '');
}
/** Looser: without the trailing 村 / 社区 / 镇 / 乡 / 街道 / 网格 (used only when the exact name finds nothing). */
const looseKey = (name: string) => unitNameKey(name).replace(/(村|社区|镇|乡|街道|网格)$/, '');

const levelIndex = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);

export class UnitResolver {
  private readonly byCode = new Map<string, UnitRef | null>();
  private readonly below = new Map<string, UnitRef[]>();
  /** answers by the row's four unit cells: a file names the same few hundred units over and over */
  private readonly answers = new Map<string, Awaited<ReturnType<UnitResolver['find']>>>();
  private readonly self: UnitRef;

  constructor(
    private readonly scope: Scope,
    private readonly db: Tx,
    /** the importer's unit and its ancestors, root first */
    private readonly chain: UnitRef[],
  ) {
    this.self = chain[chain.length - 1];
  }

  /** Looks up the codes of a batch at once (one query for the batch, cached for the import). */
  async prefetch(rows: ParsedRow['unit'][]): Promise<void> {
    const want = new Set<string>();
    const ask = (v: string) => {
      if (v && !this.byCode.has(v) && CODE.test(v)) want.add(v);
    };
    for (const u of rows) {
      ask(u.code);
      ask(u.township);
      ask(u.village);
      ask(u.grid);
    }
    if (!want.size) return;
    const found = await unitsByCodes(this.scope, this.db, [...want]);
    for (const c of want) this.byCode.set(c, found.find((u) => u.code === c) ?? null);
  }

  private async code(code: string): Promise<UnitRef | null> {
    const own = this.chain.find((u) => u.code === code);
    if (own) return own;
    if (!this.byCode.has(code)) await this.prefetch([{ code, township: '', village: '', grid: '' }]);
    return this.byCode.get(code) ?? null;
  }

  private async unitsBelow(unit: UnitRef, level: string): Promise<UnitRef[]> {
    const key = `${unit.id}|${level}`;
    let list = this.below.get(key);
    if (!list) this.below.set(key, (list = await unitsBelow(this.scope, this.db, unit.path, level)));
    return list;
  }

  /** The answer for a row's unit cells if it is known already (most rows: a file names the same units over and over), without waiting. */
  known(u: ParsedRow['unit']): Awaited<ReturnType<UnitResolver['find']>> | undefined {
    return this.answers.get(`${u.code}\u0000${u.township}\u0000${u.village}\u0000${u.grid}`);
  }

  async resolve(u: ParsedRow['unit']): Promise<{ unit: UnitRef } | { problem: RowProblem }> {
    const key = `${u.code}\u0000${u.township}\u0000${u.village}\u0000${u.grid}`;
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= 50_000) this.answers.clear();
      this.answers.set(key, (answer = await this.find(u)));
    }
    return answer;
  }

  private async find(u: ParsedRow['unit']): Promise<{ unit: UnitRef } | { problem: RowProblem }> {
    const missing = (column: string, text: string) => ({ problem: { column, message: `单位“${text}”不存在或不在本辖区` } });
    if (u.code) {
      if (!/^\d{12}$|^\d{15}$/.test(u.code)) return { problem: { column: '单位代码', message: `单位代码“${u.code}”格式不正确：应为 12 位村(社区)代码或 15 位网格代码` } };
      const unit = await this.code(u.code);
      if (!unit || !pathInScope(this.scope, unit.path)) return missing('单位代码', u.code);
      return { unit };
    }
    const cells = [
      { level: 'township', column: '所属乡镇(街道)', text: u.township },
      { level: 'village', column: '所属村(社区)', text: u.village },
      { level: 'grid', column: '网格', text: u.grid },
    ];
    if (cells.every((c) => !c.text)) {
      if (this.self.level === 'village' || this.self.level === 'grid') return { unit: this.self };
      return { problem: { column: '所属村(社区)', message: '请填写所属单位：乡镇(街道)、村(社区)、网格的名称或代码，或单位代码' } };
    }
    let cur = this.self;
    for (const c of cells) {
      if (!c.text) continue;
      if (CODE.test(c.text)) {
        const unit = await this.code(c.text);
        const own = unit && this.chain.includes(unit);
        // a code of the importer's own unit or an ancestor at this level says where we already are
        if (own && unit.level === c.level) continue;
        const deeper = unit && !own && unit.path.startsWith(cur.path) && (unit.level === c.level || (c.level === 'village' && unit.level === 'grid'));
        if (!deeper) return missing(c.column, c.text);
        cur = unit;
        continue;
      }
      if (levelIndex(c.level) <= levelIndex(this.self.level)) {
        // the importer's own unit or one above it, repeated in the row: it must be that one
        const mine = this.chain.find((x) => x.level === c.level);
        if (!mine || (unitNameKey(mine.name) !== unitNameKey(c.text) && looseKey(mine.name) !== looseKey(c.text))) return missing(c.column, c.text);
        continue;
      }
      const candidates = await this.unitsBelow(cur, c.level);
      let hits = candidates.filter((x) => unitNameKey(x.name) === unitNameKey(c.text));
      if (!hits.length) hits = candidates.filter((x) => looseKey(x.name) === looseKey(c.text));
      if (!hits.length) return missing(c.column, c.text);
      if (hits.length > 1) return { problem: { column: c.column, message: `单位名称“${c.text}”不唯一：请同时填写所属乡镇(街道)，或填写单位代码` } };
      cur = hits[0];
    }
    if (!RECORD_LEVELS.has(cur.level) || !pathInScope(this.scope, cur.path)) {
      return { problem: { column: '所属村(社区)', message: '服务对象须登记在县、乡镇、村(社区)或网格：请填写所属单位' } };
    }
    return { unit: cur };
  }
}
