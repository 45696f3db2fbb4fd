import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // A timeout tells a hang from a slow run; it does not time the test. On a loaded 2-core
    // machine a test of two SSH connections passed 30 s (issue 17); a test that cares how long
    // something takes asserts it, with its own margin.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: 'UTC', NO_COLOR: '1' },
  },
});
