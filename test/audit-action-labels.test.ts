// Every action the server writes to the audit log has a Chinese label: the listed codes (the type
// `appendAudit` takes is made of them), every action of every case type the kernel writes as
// `case.<type>.<action>`, and — as a second net — every code literal found in the server's sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, staticAuditActions } from '../src/shared/schemas/audit-logs';
import { allCaseTypes } from '../src/server/cases/case-type';
// the app, as it runs: every module and so every case type registered
import '../src/server/app';
import { auditActionLabel } from '../src/server/modules/audit-logs';

const chinese = /^[\u4e00-\u9fa5·（）]+$/;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/server');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('test-support') ? [p] : [];
  });
}

describe('audit action labels', () => {
  it('labels every listed code in Chinese', () => {
    expect(staticAuditActions.length).toBeGreaterThan(50);
    for (const code of staticAuditActions) expect(auditActionLabels[code], code).toMatch(chinese);
    expect(auditActionLabel('petition.register')).toBe('登记信访事项');
    expect(auditActionLabel('auth.totp-enrol')).toBe('绑定动态口令');
  });

  it('labels every action of every case type the kernel audits', () => {
    const types = allCaseTypes();
    expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(['petition', 'opinionReport', 'glory-plaque', 'collection-review', 'transfer']));
    for (const t of types) {
      for (const a of Object.keys(t.actions)) {
        const code = `case.${t.type}.${a}`;
        expect(auditActionLabel(code), code).toMatch(chinese);
      }
    }
    expect(auditActionLabel('case.petition.accept')).toBe('信访事项·受理');
    // an unknown code (an old entry) shows itself
    expect(auditActionLabel('case.nonsense.x')).toBe('case.nonsense.x');
  });

  it('finds no code written in the server sources that the list lacks', () => {
    const written = new Set<string>();
    for (const file of sources(serverDir)) {
      const text = readFileSync(file, 'utf8');
      // `action: 'x.y'` in an entry, and the modules' audit helpers called with a code: audit(trx, …, 'x.y', …)
      for (const m of text.matchAll(/action: (?:[^'\n]*\? )?'([a-z][a-z-]*\.[a-z][a-z.-]*)'(?: : '([a-z][a-z-]*\.[a-z][a-z.-]*)')?/g)) {
        written.add(m[1]);
        if (m[2]) written.add(m[2]);
      }
      for (const m of text.matchAll(/\baudit\w*\([^;]*?'([a-z][a-z-]*\.[a-z][a-z-]*)'/g)) written.add(m[1]);
      for (const m of text.matchAll(/action: `([a-z-]+)\.\$\{/g)) written.add(`${m[1]}.*`);
    }
    expect(written.size).toBeGreaterThan(40);
    const known = new Set<string>(staticAuditActions);
    const missing = [...written].filter((c) => (c.endsWith('.*') ? ![...known].some((k) => k.startsWith(c.slice(0, -1))) && c !== 'case.*' : !known.has(c)));
    expect(missing).toEqual([]);
  });
});
