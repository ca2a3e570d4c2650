import { defineConfig } from 'vite';

// The explorer is built once (npm ci runs `prepare`) and served by `greyzone serve`.
export default defineConfig({
  root: 'web',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});
