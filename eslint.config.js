// Lint: TypeScript rules, plus the architecture rules: only *.repo.ts files (and db/, main.ts,
// boot.ts, cli/, tests) import the database client or write SQL with kysely; path ranges are
// compared only by the guard (platform/jurisdiction.ts); stored paths are branded only by
// platform/stored-unit.repo.ts; systemDb is called only by the files of an allow-list.
import tseslint from 'typescript-eslint';

const dbImportRule = [
  'error',
  {
    patterns: [
      {
        group: ['**/db/client', 'kysely', 'better-sqlite3', 'pg'],
        allowTypeImports: true,
        message: 'Only *.repo.ts files (and db/, main.ts, boot.ts, cli/) may use the database: put the query in a repo.',
      },
    ],
  },
];

/** No module computes a path range itself: the guard's predicates (pathWithin, rangeHolds, …) do. */
const pathBoundImport = {
  group: ['**/platform/jurisdiction'],
  importNames: ['pathUpperBound'],
  message: 'Compare paths with the guard predicates of platform/jurisdiction.ts (inScope, pathWithin, pathBelow, pathWithinColumn, rangeHolds, pathIsWithin).',
};

/**
 * systemDb sees every unit: only these files may make one (jobs, seeding, boot, cross-unit
 * uniqueness checks and the public side). Add a file here only with a reason in its header.
 */
const systemDbAllowList = [
  'src/server/main.ts',
  'src/server/boot.ts',
  'src/server/cli/**',
  'src/server/db/**',
  'src/server/platform/sealer.ts',
  'src/server/modules/public-accounts/public-accounts.service.ts',
  'src/server/modules/recipients/recipients.service.ts',
  'src/server/modules/visits/visits.service.ts',
  'src/**/*-test-support.ts',
  'src/**/*.test.ts',
];
const systemDbImport = {
  group: ['**/db/system'],
  importNames: ['systemDb'],
  message: "systemDb is allowed only in the files of systemDbAllowList (eslint.config.js): use the caller's scope, or an …Unscoped repo function on the transaction.",
};

/** Files that may use the database directly (the db import rule does not apply to them). */
const dbFiles = ['src/**/*.repo.ts', 'src/server/db/**', 'src/server/main.ts', 'src/server/boot.ts', 'src/server/cli/**', 'src/**/*.test.ts'];

const tildeBound = [
  { selector: "Literal[value='~']", message: "The '~' path bound belongs to platform/jurisdiction.ts: use its predicates." },
  { selector: "TemplateElement[value.raw=/'~'/]", message: "The '~' path bound belongs to platform/jurisdiction.ts: use its predicates." },
];
const storedBrandCast = [
  {
    selector: 'TSAsExpression > TSTypeReference[typeName.name=/^(StoredPath|StoredUnit|TreeLock)$/]',
    message: 'Only platform/stored-unit.repo.ts makes StoredUnits: call unitForWrite / unitForWriteUnscoped / unitsForWriteUnscoped.',
  },
];

// Module boundaries (DESIGN.md "How modules meet"): a module's index.ts is its public face. From
// inside a module, another module is imported only as `../<m>` (its index); app.ts, cli/, main.ts,
// boot.ts, test/, bench/ and e2e/ import `modules/<m>` only; platform/ and cases/ import no module
// at all. Test files and *-test-support.ts helpers may also import another module's
// `*-test-support.ts` (shared factories and agents), never its other files. Checked with the
// typescript-eslint flavour of core `no-restricted-imports` (same options; kept apart from the
// database rule above because a file's two settings of one rule would not merge).
const otherModuleInternals = (allowTestSupport) => ({
  regex: allowTestSupport ? String.raw`^\.\./(?!\.\.(/|$))[^/]+/(?!index$)(?![^/]*-test-support$)[^/]+` : String.raw`^\.\./(?!\.\.(/|$))[^/]+/(?!index$)[^/]+`,
  message: "Import another module only through its index.ts: `../<module>` (add what you need to that module's index).",
});
const moduleInternalsFromOutside = (allowTestSupport) => ({
  regex: allowTestSupport ? String.raw`(^|/)modules/[^/]+/(?!index$)(?![^/]*-test-support$)[^/]+$` : String.raw`(^|/)modules/[^/]+/(?!index$)[^/]+$`,
  message: "Import a module only through its index.ts: `…/modules/<module>`.",
});
const noModules = (allowTestSupport) => ({
  regex: allowTestSupport ? String.raw`(^|/)modules(/(?![^/]+/[^/]*-test-support$)|$)` : String.raw`(^|/)modules(/|$)`,
  message: 'platform/ and cases/ import no module: let the module register what it provides (a realm, an event subscriber, a work-queue provider).',
});
const boundaryRule = (...patterns) => ['error', { patterns }];
const testFiles = ['**/*.test.ts', '**/*-test-support.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'bench/results/**', 'bench/.data/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
    },
  },
  // the guard's own path arithmetic and the only maker of stored paths
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/server/platform/jurisdiction.ts', 'src/server/platform/stored-unit.repo.ts', 'src/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...tildeBound, ...storedBrandCast] },
  },
  { files: ['src/**/*.test.ts'], rules: { 'no-restricted-syntax': ['error', ...storedBrandCast] } },
  { files: ['src/server/platform/jurisdiction.ts'], rules: { 'no-restricted-syntax': ['error', ...storedBrandCast] } },
  { files: ['src/server/platform/stored-unit.repo.ts'], rules: { 'no-restricted-syntax': ['error', ...tildeBound] } },
  // core no-restricted-imports: the later block that matches a file wins, so each lists every pattern that applies
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [pathBoundImport, systemDbImport] }] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...dbFiles, 'src/server/platform/jurisdiction.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...dbImportRule[1].patterns, pathBoundImport, systemDbImport] }] },
  },
  {
    files: systemDbAllowList,
    rules: { 'no-restricted-imports': ['error', { patterns: [pathBoundImport] }] },
  },
  {
    files: systemDbAllowList,
    ignores: dbFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [...dbImportRule[1].patterns, pathBoundImport] }] },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: testFiles,
    rules: { '@typescript-eslint/no-restricted-imports': boundaryRule(otherModuleInternals(false)) },
  },
  {
    files: ['src/server/modules/**/*.test.ts', 'src/server/modules/**/*-test-support.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': boundaryRule(otherModuleInternals(true)) },
  },
  {
    files: ['src/server/platform/**/*.ts', 'src/server/cases/**/*.ts'],
    ignores: testFiles,
    rules: { '@typescript-eslint/no-restricted-imports': boundaryRule(noModules(false)) },
  },
  {
    files: ['src/server/platform/**/*.test.ts', 'src/server/cases/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': boundaryRule(noModules(true)) },
  },
  {
    files: ['src/server/*.ts', 'src/server/cli/**/*.ts', 'src/server/db/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': boundaryRule(moduleInternalsFromOutside(true)) },
  },
);
