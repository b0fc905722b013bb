import { defineConfig } from 'vitest/config';

// Playwright owns e2e/; vitest runs the sandbox's own tests and the integration tests.
export default defineConfig({
  test: {
    include: ['sandbox/**/*.test.ts', 'integration/**/*.test.ts', 'demo/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
