import { defineConfig } from 'vitest/config';

// Unit and integration suites of every package. The e2e package has its own config (real Chromium).
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client'],
  },
});
