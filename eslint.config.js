// Lint: TypeScript rules, plus the architecture rule that only *.repo.ts files (and db/,
// main.ts, boot.ts, cli/, tests) import the database client or write SQL with kysely.
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
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/**/*.repo.ts',
      'src/server/db/**',
      'src/server/main.ts',
      'src/server/boot.ts',
      'src/server/cli/**',
      'src/server/platform/jurisdiction.ts', // the guard builds the scope predicates
      'src/**/*.test.ts',
    ],
    rules: { 'no-restricted-imports': dbImportRule },
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
