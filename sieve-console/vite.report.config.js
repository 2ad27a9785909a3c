import { defineConfig } from 'vite';

// The self-contained HTML report of `sieve eval --html` and `sieve experiment report --html`:
// one classic script (an IIFE with Chart.js inside, no imports, no fetch) and one stylesheet,
// which the Java side reads from the classpath at /console-report/ and inlines into the page.
// A separate outDir from the console's, so neither build's emptyOutDir wipes the other.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'target/classes/console-report',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    minify: true,
    chunkSizeWarningLimit: 400,
    lib: {
      entry: 'src/report/main.js',
      formats: ['iife'],
      name: 'SieveReport',
      fileName: () => 'report.js',
      // Library mode would name the stylesheet after package.json's name (sieve-console.css).
      cssFileName: 'report',
    },
  },
  plugins: [
    {
      // The script is inlined in a <script> element: a "</script" inside a string of the bundle
      // would end that element early, so the build escapes it; a "<!--" could confuse the
      // parser the same way and fails the build.
      name: 'sieve-report-inline-safe',
      generateBundle(_, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          chunk.code = chunk.code.replace(/<\/(script)/gi, '<\\/$1');
          if (chunk.code.includes('<!--')) this.error(`${chunk.fileName} contains "<!--": it cannot be inlined in a <script> element`);
        }
      },
    },
  ],
});
