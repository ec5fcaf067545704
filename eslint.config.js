// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Import boundaries between the packages (DESIGN.md, Layout). */
const forbid = (...pkgs) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: pkgs.flatMap((p) => [
        { group: [`@printfloor/${p}`, `@printfloor/${p}/*`], message: `this package must not import ${p}` },
        { group: [`**/${p}/src/**`], message: `this package must not reach into ${p}` },
      ]),
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'drizzle/**', '**/*.d.ts', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['shared/**'], rules: forbid('client', 'server', 'e2e') },
  { files: ['client/**'], languageOptions: { globals: { ...globals.browser } }, rules: forbid('server', 'e2e') },
  { files: ['server/**'], rules: forbid('client', 'e2e') },
  {
    // CLI entry points, scripts and tests talk to the terminal on purpose.
    files: ['scripts/**', 'server/src/cli*.ts', 'server/src/main.ts', '**/*.test.ts', '**/bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
