import { defineProject } from 'vitest/config';

// Unit tests live beside the code (src/**), integration tests in test/. Each integration file gets
// its own database: in-memory PGlite, or — with TEST_DATABASE_URL / DATABASE_URL set — a fresh
// Postgres database created for the file and dropped after it (test/helpers/test-db.ts).
export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files spawn servers and hold databases; two at a time keeps a 2-core CI box responsive.
    maxWorkers: 2,
    // Its own group (run after the other projects): vitest only mixes projects with different
    // maxWorkers when their groups differ, and `vitest run` over every project must keep working.
    sequence: { groupOrder: 1 },
  },
});
