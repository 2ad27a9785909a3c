import { defineConfig } from 'vite';

// The dev server forwards the API to a running Sieve so `npm run dev` shows live data; the
// production build ignores `server` and is served by Sieve itself from the classpath at /console/.
const backend = process.env.SIEVE_DEV_BACKEND || 'http://127.0.0.1:8090';

export default defineConfig({
  base: '/console/',
  build: {
    // The Maven module packages target/classes into its jar, so the built console lands there.
    outDir: 'target/classes/console',
    emptyOutDir: true,
    // Everything ships inside the jar: no CDN, no external fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/v1': backend,
      '/metrics': backend,
      '/readyz': backend,
    },
  },
  preview: {
    host: '127.0.0.1',
    proxy: {
      '/v1': backend,
      '/metrics': backend,
      '/readyz': backend,
    },
  },
});
