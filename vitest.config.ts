import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ rebuilt first when a source changed since the last build: tests that spawn it never see a stale one.
    globalSetup: ['test/global-setup.ts'],
    // Property runs and CLI spawns take seconds, not milliseconds, and many times that on a
    // shared machine: the limit only stops a test that hangs, it is no margin a test leans on.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Most test files wait on a worker thread or a child process most of the time: on a
    // 2-core machine vitest's default (cores - 1 = one file at a time) leaves a core idle.
    // Nothing in the tests leans on a quiet machine (npm run test:load proves it).
    maxWorkers: 3,
  },
});
