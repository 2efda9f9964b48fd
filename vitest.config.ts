import { defineConfig } from 'vitest/config';

// `npm test`: every test on the embedded database (PGlite, in-process).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['src/db/testing.global-setup.ts'],
  },
});
