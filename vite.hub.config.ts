import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const __dirname = dirname(fileURLToPath(import.meta.url));

/**
 * The hub for production: one ESM file that plain `node` runs (`node out/hub/cli.js serve …`), no tsx at run
 * time. Everything is bundled but PGlite, whose wasm and data files are found beside its own modules: it stays
 * a require from node_modules.
 */
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: resolve(__dirname, 'src-hub/cli.ts'),
    outDir: resolve(__dirname, 'out/hub'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      external: [/^@electric-sql\/pglite(\/.*)?$/, 'pg-native'],
      output: { format: 'esm', entryFileNames: 'cli.js' },
    },
  },
  ssr: { target: 'node', noExternal: true },
});
