// The audit chain's head, kept outside the database. The chain (audit.repo.ts) shows an edited or
// deleted entry in the middle, but someone with the database alone could delete the newest
// entries, and the chain that is left would still verify. After each sealing the head (index and
// hash) is written to a small file in the data directory (AUDIT_ANCHOR_FILE; an operator may put
// it on other storage), MACed with the audit key so it cannot be rewritten without that key.
// `audit:verify` then checks that the entry the anchor names is still there, unchanged.
import fs from 'node:fs';
import path from 'node:path';

export type ChainHead = { chainIndex: number; hash: string };
export type Anchor = ChainHead & { at: string; mac: string };

function macInput(a: ChainHead & { at: string }): string {
  return `rongjia-audit-anchor|${a.chainIndex}|${a.hash}|${a.at}`;
}

/** The anchor in the file: null when there is none yet; 'invalid' when it was altered. */
export function readAnchor(file: string, mac: (data: string) => string): Anchor | null | 'invalid' {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const a = JSON.parse(raw) as Anchor;
    if (!Number.isInteger(a.chainIndex) || typeof a.hash !== 'string' || typeof a.at !== 'string') return 'invalid';
    return a.mac === mac(macInput(a)) ? a : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * Records a newer head (an older one — another process sealed further meanwhile — is ignored).
 * Written to a temporary file and renamed, so a crash never leaves half a file.
 */
export function recordAnchor(file: string, head: ChainHead, at: string, mac: (data: string) => string, opts: { rewind?: boolean } = {}): void {
  const current = readAnchor(file, mac);
  // a restore from a backup legitimately rewinds the chain: only then may the anchor go back
  if (!opts.rewind && current && current !== 'invalid' && current.chainIndex >= head.chainIndex) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const anchor: Anchor = { ...head, at, mac: mac(macInput({ ...head, at })) };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** What the anchor says about the chain in the database (problems in Chinese, for audit:verify). */
export function checkAgainstAnchor(
  anchor: Anchor | null | 'invalid',
  chainMax: number,
  entryAtAnchor: { hash: string | null } | undefined,
): string[] {
  if (anchor === null) return [];
  if (anchor === 'invalid') return ['审计锚点文件被改动或损坏（其校验码不符）'];
  if (anchor.chainIndex > chainMax)
    return [`链尾被截断：锚点记录已封存至第 ${anchor.chainIndex} 条，数据库中只到第 ${chainMax} 条 (newest entries deleted)`];
  if (!entryAtAnchor || entryAtAnchor.hash !== anchor.hash)
    return [`第 ${anchor.chainIndex} 条与锚点记录不符：链尾被删除后重新封存 (chain re-sealed after the anchor)`];
  return [];
}
