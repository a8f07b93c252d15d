import { defineConfig } from 'vite';

// The client is built into dist/client and served by the Express app;
// in development `vite` proxies /api to it.
export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
