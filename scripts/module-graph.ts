// The module graph, from the imports: `npm run graph` (or `npx tsx scripts/module-graph.ts
// [--root <checkout>] [--check]`). Reads every non-test .ts file of src/server/modules/<m>/,
// src/server/platform/ and src/server/cases/, resolves its relative imports and prints a Mermaid
// graph of which part imports which: a solid arrow through the target's index.ts, a dotted red
// arrow "internals" into any other file of a module (or into a module at all from platform/ or
// cases/). It then prints the count of parts importing another module's internals; `--check`
// exits 1 when it is not 0, or when the "Module graph" section of docs/ARCHITECTURE.md is not this
// output (the doc drifted from the code); `--write` rewrites that section.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root = path.resolve(rootArg >= 0 ? args[rootArg + 1] : '.');
const check = args.includes('--check');
const write = args.includes('--write');
const server = path.join(root, 'src/server');

type Part = { name: string; kind: 'module' | 'platform' | 'cases' };

/** The part a file of src/server belongs to, or null (db/, cli/, app.ts …: not in the graph). */
function partOf(file: string): Part | null {
  const rel = path.relative(server, file).split(path.sep);
  if (rel[0] === 'modules' && rel.length >= 3) return { name: rel[1], kind: 'module' };
  if (rel[0] === 'platform') return { name: 'platform', kind: 'platform' };
  if (rel[0] === 'cases') return { name: 'cases', kind: 'cases' };
  return null;
}

const isTest = (f: string) => /\.test\.ts$|-test-support\.ts$/.test(f);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.name.endsWith('.ts') && !isTest(p) ? [p] : [];
  });
}

/** The file an import specifier resolves to (`x` → x.ts or x/index.ts), or null when not relative. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return `${base}.ts`;
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

type Edge = { from: string; to: string; internals: Set<string> };
const edges = new Map<string, Edge>();
const parts = new Map<string, Part>();

const files = [...filesUnder(path.join(server, 'modules')), ...filesUnder(path.join(server, 'platform')), ...filesUnder(path.join(server, 'cases'))];
for (const file of files) {
  const from = partOf(file);
  if (!from) continue;
  parts.set(from.name, from);
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(importRe)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (!target) continue;
    const to = partOf(target);
    if (!to || to.name === from.name) continue;
    parts.set(to.name, to);
    const key = `${from.name}→${to.name}`;
    const edge = edges.get(key) ?? { from: from.name, to: to.name, internals: new Set<string>() };
    const throughIndex = to.kind !== 'module' || path.basename(target) === 'index.ts';
    // platform/ and cases/ must not import a module at all, not even its index
    if (to.kind === 'module' && (from.kind !== 'module' || !throughIndex)) edge.internals.add(path.relative(server, file));
    edges.set(key, edge);
  }
}

const id = (name: string) => name.replace(/-/g, '_');
const lines = ['```mermaid', 'graph LR'];
const sortedParts = [...parts.values()].sort((a, b) => a.name.localeCompare(b.name));
lines.push('  subgraph kernel [platform and case kernel]', ...sortedParts.filter((p) => p.kind !== 'module').map((p) => `    ${id(p.name)}[${p.name}]`), '  end');
for (const p of sortedParts.filter((q) => q.kind === 'module')) lines.push(`  ${id(p.name)}(${p.name})`);
let n = 0;
const styled: number[] = [];
// platform and cases are imported by every module: drawn once as a note, not as forty arrows
const sorted = [...edges.values()].sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to));
for (const e of sorted) {
  const target = parts.get(e.to)!;
  if (target.kind !== 'module' && !e.internals.size) continue;
  if (e.internals.size) {
    lines.push(`  ${id(e.from)} -.->|internals| ${id(e.to)}`);
    styled.push(n);
  } else lines.push(`  ${id(e.from)} --> ${id(e.to)}`);
  n += 1;
}
for (const i of styled) lines.push(`  linkStyle ${i} stroke:#d4380d,stroke-width:2px`);
lines.push('```');

const offenders = new Map<string, Set<string>>();
for (const e of edges.values()) {
  if (!e.internals.size) continue;
  const set = offenders.get(e.from) ?? new Set<string>();
  for (const f of e.internals) set.add(f);
  offenders.set(e.from, set);
}
const fileCount = [...offenders.values()].reduce((k, s) => k + s.size, 0);
const out = [
  ...lines,
  '',
  `Every module imports platform/ and cases/ (not drawn). Parts importing another module's internals: ${offenders.size} (in ${fileCount} files).`,
  ...[...offenders].sort().map(([part, fs_]) => `- ${part}: ${[...fs_].sort().join(', ')}`),
].join('\n');
console.log(out);

// the doc's section: from its mermaid fence to the line before the next heading
const docPath = path.join(root, 'docs/ARCHITECTURE.md');
const doc = fs.readFileSync(docPath, 'utf8');
const heading = doc.indexOf('\n## Module graph\n');
const start = heading < 0 ? -1 : doc.indexOf('```mermaid', heading);
const end = start < 0 ? -1 : doc.indexOf('\n## ', start);
if (start < 0 || end < 0) {
  console.error('docs/ARCHITECTURE.md has no "## Module graph" section with a mermaid block');
  if (check || write) process.exit(1);
} else {
  const current = doc.slice(start, end).trimEnd();
  if (write && current !== out) fs.writeFileSync(docPath, doc.slice(0, start) + out + '\n' + doc.slice(end));
  else if (check && current !== out) {
    console.error('docs/ARCHITECTURE.md\'s module graph is not the graph of the code: run `npm run graph -- --write`');
    process.exit(1);
  }
}
if (check && offenders.size) process.exit(1);
