// Compiles the server to plain JavaScript: `npm run build:server` (or `npx tsx scripts/build-server.ts
// [--out <dir>]`, default dist/). Every non-test .ts file of src/server and src/shared becomes one
// .js file at the same place under <out>/server and <out>/shared (one output per source file, not a
// bundle), so `import.meta.url` still names the file's own folder: data files next to the code
// (cli/demo-divisions/*.csv, copied here) and worker threads (started as `./x.worker.js` from the
// compiled code) are found the same way from dist/ as from src/. Relative imports get their `.js`
// (or `/index.js`) written out, as Node's ESM loader needs; packages stay imports of node_modules.
// A worker file (`*.worker.ts`) is the exception: it is bundled whole, its packages included, into
// that same place. A worker is started for each import and loads its modules each time: the
// import's worker loaded ~240 files (zod, libphonenumber-js, pinyin-pro), 0.3 s, in 0.2 s as one.
// Production runs `node dist/server/main.js` with no TypeScript tooling installed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The source trees the server runs from (src/shared is imported by the server too). */
const trees = ['server', 'shared'];
/** Files that only tests load. */
const isTestOnly = (f: string) => /\.test\.ts$|-test-support\.ts$/.test(f);
/** Dev scripts under src/ (relative to src/), run with tsx and never by the server. */
const devScripts = new Set(['shared/holidays/generate.ts']);
/** Files read at run time from next to the code, copied as they are (folders relative to src/). */
const assetDirs = ['server/cli/demo-divisions'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !isTestOnly(e.name)) out.push(p);
  }
  return out;
}

/** Keeps every import as an import; writes the `.js` of relative ones (`./x` → `./x.js`, `./m` → `./m/index.js`). */
const relativeImportsAsJs: Plugin = {
  name: 'relative-imports-as-js',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      const target = path.resolve(args.resolveDir, args.path);
      if (fs.existsSync(`${target}.ts`)) return { path: `${args.path}.js`, external: true };
      if (fs.existsSync(path.join(target, 'index.ts'))) return { path: `${args.path.replace(/\/$/, '')}/index.js`, external: true };
      if (/\.(js|json)$/.test(args.path) && fs.existsSync(target)) return { path: args.path, external: true };
      return { errors: [{ text: `cannot resolve ${args.path} from ${path.relative(repoRoot, args.importer)}` }] };
    });
  },
};

/** Builds the server into `outDir` (its server/ and shared/ folders are replaced); returns the file count. */
export async function buildServer(outDir = path.join(repoRoot, 'dist')): Promise<{ files: number; ms: number }> {
  const started = Date.now();
  const src = path.join(repoRoot, 'src');
  for (const t of trees) fs.rmSync(path.join(outDir, t), { recursive: true, force: true });
  const entryPoints = trees.flatMap((t) => sourceFiles(path.join(src, t))).filter((f) => !devScripts.has(path.relative(src, f).split(path.sep).join('/')));
  const common = {
    outdir: outDir,
    outbase: src,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    charset: 'utf8',
    logLevel: 'warning',
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
  } as const;
  const result = await build({
    ...common,
    entryPoints,
    bundle: true, // with every import external (the plugin): one output per file, imports rewritten
    plugins: [relativeImportsAsJs],
  });
  if (result.errors.length) throw new Error(`build failed: ${result.errors.length} errors`);
  const workers = entryPoints.filter((f) => f.endsWith('.worker.ts'));
  const bundled = await build({
    ...common,
    entryPoints: workers,
    bundle: true, // packages included
    // a native addon stays a package of node_modules
    external: ['better-sqlite3'],
    // a package written for CommonJS may call require(): give the bundle one
    banner: { js: "import { createRequire as __workerRequire } from 'node:module'; const require = __workerRequire(import.meta.url);" },
  });
  if (bundled.errors.length) throw new Error(`worker build failed: ${bundled.errors.length} errors`);
  for (const d of assetDirs) fs.cpSync(path.join(src, d), path.join(outDir, d), { recursive: true });
  return { files: entryPoints.length, ms: Date.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outArg = process.argv.indexOf('--out');
  const outDir = outArg >= 0 ? path.resolve(process.argv[outArg + 1]) : undefined;
  buildServer(outDir).then(
    (r) => console.log(`server built: ${r.files} files in ${r.ms} ms → ${path.relative(process.cwd(), outDir ?? path.join(repoRoot, 'dist')) || '.'}/server`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
