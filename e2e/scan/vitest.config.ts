import { defineConfig } from 'vitest/config';

// The scan and label harness tests alone: they build their own harness page, so they need neither
// the built client nor the server (`cd e2e && npx vitest run -c scan/vitest.config.ts`).
// `pnpm test:e2e` runs them too, through e2e/vitest.config.ts.
export default defineConfig({
  test: {
    name: 'e2e-scan',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    // app-*.test.ts drive the real app: they need the built client (e2e/vitest.config.ts builds it).
    exclude: ['**/node_modules/**', 'app-*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
