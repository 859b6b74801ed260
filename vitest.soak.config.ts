import { defineConfig } from 'vitest/config';

// npm run test:soak: the long runs (server/**/*.soak.ts), kept out of `npm test`. SOAK_MS sets their length.
export default defineConfig({
  test: {
    include: ['server/**/*.soak.ts'],
    environment: 'node',
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
