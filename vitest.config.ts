import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-server/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'contracts/**/*.test.ts', 'test/**/*.test.ts'],
    // The .NET interop tests run on their own afterwards (vitest.dotnet.config.ts).
    exclude: ['test/interop/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
