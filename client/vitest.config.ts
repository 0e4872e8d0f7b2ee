import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Without its own config, Vitest walks up and picks the root vite.config.ts, whose root is client/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
