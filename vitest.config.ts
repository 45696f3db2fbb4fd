import { defineConfig } from 'vitest/config';

/*
 * Two projects: `unit` (src/**, pure, no root, no daemons: `npm run test:unit`) and
 * `integration` (test/**, real daemons from test/lab, under /tmp/ronde-lab.lock).
 * `npm test` and a bare `vitest run` run both.
 */
export default defineConfig({
  test: {
    environment: 'node',
    // A timeout tells a hang from a slow run; it does not time the test. On a loaded 2-core
    // machine a test of two SSH connections passed 30 s (issue 17); a test that cares how long
    // something takes asserts it, with its own margin.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: 'UTC', NO_COLOR: '1' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'] } },
    ],
  },
});
