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
);
