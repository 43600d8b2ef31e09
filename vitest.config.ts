import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/messages-in-english.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser and build tests are heavy on a 2-core machine.
    maxWorkers: 2,
    // CI lists every test, so its log shows the PostgreSQL cases ran.
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
