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
  'src/server/cli/**',
  'src/server/db/**',
  'src/server/platform/sealer.ts',
  'src/server/modules/public-accounts/public-accounts.service.ts',
  'src/server/modules/recipients/recipients.service.ts',
  'src/server/modules/visits/visits.service.ts',
  'src/server/modules/recipients/recipients-test-support.ts',
  'src/**/*.test.ts',
];
const systemDbImport = {
  group: ['**/db/system'],
  importNames: ['systemDb'],
  message: 'systemDb is allowed only in the files of systemDbAllowList (eslint.config.js): use the caller\'s scope, or an …Unscoped repo function on the transaction.',
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
  // imports: the later block that matches a file wins, so each block lists every pattern that applies
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
);
