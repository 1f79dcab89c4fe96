// The audit chain's history, kept outside the database. The chain (audit.repo.ts) shows an edited
// or deleted entry in the middle; the anchor shows what the database alone cannot: newest entries
// deleted, a tail sealed again, a rollback. It is an append-only file (AUDIT_ANCHOR_FILE, on
// storage every server instance shares; each appends under the sealing lock) with one line per
// sealing: its number, the chain's length and head hash after it, MACed with the audit key so no
// line can be made or changed without that key.
//   line 0     the start: written on a deployment's first start (log empty) or by `restore`
//   line n     sealing n; every entry it linked carries n in its (hashed) `sealing` column
// `audit:verify` requires the file, checks each line's MAC, that the chain holds every anchored
// head (so it was not cut or re-sealed), and that every sealing the chain names is in the file (so
// the file was not put back to an older copy while the database kept newer sealings).
// Files from before 0015 hold a single head ({chainIndex, hash, at, mac}); it stays checked.
import fs from 'node:fs';
import path from 'node:path';

export type ChainHead = { chainIndex: number; hash: string };
export type AnchorLine = { sealing: number; count: number; hash: string | null; at: string; mac: string };
export type AnchorHistory = {
  lines: AnchorLine[];
  /** heads from a file written before 0015 */
  legacy: ChainHead[];
  /** line numbers (1-based) whose MAC does not verify or that do not parse */
  invalid: number[];
};

function legacyMacInput(a: ChainHead & { at: string }): string {
  return `rongjia-audit-anchor|${a.chainIndex}|${a.hash}|${a.at}`;
}
function lineMacInput(a: Omit<AnchorLine, 'mac'>): string {
  return `rongjia-audit-anchor-line|${a.sealing}|${a.count}|${a.hash ?? ''}|${a.at}`;
}

export function anchorLine(l: Omit<AnchorLine, 'mac'>, mac: (data: string) => string): AnchorLine {
  return { ...l, mac: mac(lineMacInput(l)) };
}

/** The history in the file; null when there is no file. */
export function readAnchorHistory(file: string, mac: (data: string) => string): AnchorHistory | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const h: AnchorHistory = { lines: [], legacy: [], invalid: [] };
  raw.split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    try {
      const a = JSON.parse(text) as Record<string, unknown>;
      if ('sealing' in a) {
        const l = a as AnchorLine;
        const ok = Number.isInteger(l.sealing) && Number.isInteger(l.count) && (l.hash === null || typeof l.hash === 'string') && typeof l.at === 'string';
        if (ok && l.mac === mac(lineMacInput(l))) h.lines.push({ sealing: l.sealing, count: l.count, hash: l.hash, at: l.at, mac: l.mac });
        else h.invalid.push(i + 1);
      } else {
        const l = a as ChainHead & { at: string; mac: string };
        if (Number.isInteger(l.chainIndex) && typeof l.hash === 'string' && typeof l.at === 'string' && l.mac === mac(legacyMacInput(l)))
          h.legacy.push({ chainIndex: l.chainIndex, hash: l.hash });
        else h.invalid.push(i + 1);
      }
    } catch {
      h.invalid.push(i + 1);
    }
  });
  return h;
}

/** Appends lines (the file is created if it is missing: verify then misses its start line). */
export function appendAnchorLines(file: string, lines: AnchorLine[]): void {
  if (!lines.length) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, lines.map((l) => JSON.stringify(l) + '\n').join(''), { mode: 0o600 });
}

/** The start line of a new deployment; false when a file is already there. */
export function writeAnchorStart(file: string, at: string, mac: (data: string) => string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, JSON.stringify(anchorLine({ sealing: 0, count: 0, hash: null, at }, mac)) + '\n', { mode: 0o600, flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Replaces the file with the given history (restore: the chain was legitimately rewound). The
 * previous file is kept beside it, renamed, for the record. Written to a temporary file and
 * renamed, so a crash never leaves half a file.
 */
export function replaceAnchorHistory(file: string, lines: AnchorLine[], at: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) fs.copyFileSync(file, `${file}.before-restore-${at.replace(/[:.]/g, '-')}`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, lines.map((l) => JSON.stringify(l) + '\n').join(''), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** What the chain in the database looks like, as far as the anchor cares. */
export type ChainSummary = {
  /** the last chain index present */
  max: number;
  /** hash at each index the anchor names */
  hashAt: Map<number, string | null>;
  /** each sealing named in the chain: its last index and the hash there */
  sealings: Map<number, { last: number; hash: string | null }>;
};

/** What the anchor says about the chain in the database (problems in Chinese, for audit:verify). */
export function checkAgainstAnchor(h: AnchorHistory | null, chain: ChainSummary): string[] {
  if (h === null) return ['审计锚点文件缺失：无法确认链尾未被删除或回退 (anchor file missing)'];
  const problems: string[] = [];
  for (const n of h.invalid) problems.push(`审计锚点文件第 ${n} 行被改动或损坏（其校验码不符）`);
  const heads = [...h.legacy.map((l) => ({ count: l.chainIndex, hash: l.hash as string | null })), ...h.lines.map((l) => ({ count: l.count, hash: l.hash }))];
  if (!h.lines.some((l) => l.sealing === 0) && !h.legacy.length && !h.invalid.length)
    problems.push('审计锚点文件缺少起始记录：文件被删除后重建或被替换 (anchor start line missing)');
  // every anchored head is still in the chain, unchanged
  const newest = Math.max(0, ...heads.map((x) => x.count));
  if (newest > chain.max) problems.push(`链尾被截断：锚点记录已封存至第 ${newest} 条，数据库中只到第 ${chain.max} 条 (newest entries deleted)`);
  const ends = new Map([...chain.sealings.values()].map((e) => [e.last, e.hash]));
  const hashAt = (i: number) => (chain.hashAt.has(i) ? chain.hashAt.get(i) : ends.get(i));
  const changed = heads
    .filter((x) => x.count > 0 && x.count <= chain.max && hashAt(x.count) !== x.hash)
    .map((x) => x.count)
    .sort((a, b) => a - b);
  if (changed.length) problems.push(`第 ${changed[0]} 条与锚点记录不符：链尾被删除后重新封存 (chain re-sealed after the anchor)`);
  // every sealing in the chain is in the file, ending where the file says
  const bySealing = new Map(h.lines.map((l) => [l.sealing, l]));
  const missing: number[] = [];
  for (const [n, { last }] of chain.sealings) {
    const line = bySealing.get(n);
    if (!line) missing.push(n);
    else if (line.count !== last && line.count <= chain.max) problems.push(`第 ${n} 次封存与锚点记录不符：锚点记至第 ${line.count} 条，链中至第 ${last} 条`);
  }
  if (missing.length)
    problems.push(
      `数据库中有 ${missing.length} 次封存（第 ${missing[0]}${missing.length > 1 ? `–${missing[missing.length - 1]}` : ''} 次）不在锚点文件中：锚点文件被换成旧版本或被删改 (anchor file rolled back)`,
    );
  return problems;
}
