import { defineConfig } from 'vitest/config';

// `npm run test:db`: the database suite (*.int.test.ts) against the PostgreSQL
// server named by PESIAR_TEST_DATABASE_URL (.ci/run starts one).
export default defineConfig({
  test: {
    include: ['src/**/*.int.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['src/db/testing.global-setup.ts'],
    fileParallelism: false,
  },
});
