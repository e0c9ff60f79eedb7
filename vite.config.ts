import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { atlasPlugin } from './scripts/vite-plugin-atlas';

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  return {
    root: 'web',
    base: './',
    plugins: [react(), atlasPlugin(process.cwd(), env)],
    build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
    worker: { format: 'es' as const },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  };
});
