// One vitest config for the repository: unit tests beside the code, conformance and gradient
// checks under test/. Workspace packages resolve to their TypeScript sources ("@webgrad/source" condition).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@webgrad/source'] },
  ssr: { resolve: { conditions: ['@webgrad/source'], externalConditions: ['@webgrad/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/gradcheck/**/*.test.ts', 'test/nn-backends/**/*.test.ts', 'test/parity/**/*.test.ts', 'examples/**/*.test.ts', 'test/build/**/*.test.ts', 'test/packages/**/*.test.ts', 'test/docs/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/setup-backends.ts'],
  },
});
