import { defineConfig } from 'vitest/config';

// Unit tests run in Node on the pure modules; the browser suite has its own config (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
