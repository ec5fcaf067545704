import { defineConfig } from 'vitest/config';

// End-to-end suites: the real server in a child process, real RxDB clients, real Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'artifacts/**'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Each file starts its own server (and maybe a browser); two cores do not need four at once.
    fileParallelism: false,
  },
});
