import { defineConfig } from 'vitest/config';

// Unit tests run in Node on the pure modules; the browser suite has its own config (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Suites open DuckDB-WASM in a beforeAll; on a loaded 2-core machine that alone passed 10 s.
    hookTimeout: 120_000,
  },
});
