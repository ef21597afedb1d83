import { defineConfig } from 'vitest/config';

/**
 * The .NET interop tests (`npm run test:dotnet`, and a step of `npm test`): they build and run
 * .NET programs, so they run after the other tests and one file at a time, keeping both cores
 * away from the timing-sensitive tests.
 */
export default defineConfig({
  test: {
    include: ['test/interop/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 15 * 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
