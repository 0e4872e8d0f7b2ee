import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { visualizer } from 'rollup-plugin-visualizer';

const clientRoot = fileURLToPath(new URL('./client', import.meta.url));

/**
 * React changes far less often than ours, so it gets its own long-cached chunk. MUI and react-admin
 * used to have one each too, but a group is loaded whole by the first page: the login page fetched
 * every list, form and dialog component of both. Without their groups Rolldown splits them along the
 * lazily loaded pages (issue 19; docs/PERFORMANCE.md "In the browser").
 * Vite 8 bundles with Rolldown, whose replacement for Rollup's object-form `manualChunks`
 * is `output.codeSplitting.groups` (checked in order of priority, highest first).
 */
const vendorGroups = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-is)[\\/]/, priority: 40 },
  // Everything else the first page loads (`$initial`: statically reachable from the entry), as one file:
  // left to itself Rolldown cut it into ~30 chunks along the lazy pages' shared imports, and each
  // response costs its headers (~1.2 KB with the security headers) and compresses on its own.
  { name: 'initial', tags: ['$initial' as const], priority: 30 },
  // Only the dashboard's lazily loaded charts use ECharts: it must not join the initial vendor chunk.
  { name: 'vendor-echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 15 },
];

export default defineConfig({
  root: clientRoot,
  plugins: [
    react(),
    // Every text asset also as .br and .gz beside it, compressed once at build time at the highest levels;
    // the server picks one by the request's Accept-Encoding (express-static-gzip in server/src/app.ts).
    compression({
      include: /\.(js|mjs|css|html|svg|json|txt|woff2?)$/,
      exclude: /\.map$/,
      threshold: 512,
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
    }),
    // `ANALYZE=1 npm run build -w client` writes client/dist-stats.html: what each module costs in the bundle.
    ...(process.env.ANALYZE ? [visualizer({ filename: 'dist-stats.html', gzipSize: true, brotliSize: true, template: 'treemap' })] : []),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps are built but not linked from the bundle ('hidden') and never served: docs/PERFORMANCE.md.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
