// Opens self-contained HTML reports (sieve eval --html, sieve experiment report --html) in
// headless Chromium from the file system, with every network request refused, and checks that
// the page drew its charts: at least MIN_CHARTS canvases with a size, no error in the page.
// Each report is screenshotted beside itself (report.html -> report.png) with its visible text
// (report.txt), for the Java test to check the content.
//
//   MIN_CHARTS=4 node e2e/report-e2e.mjs /tmp/eval.html /tmp/experiment.html
//
// Prints "report-e2e: ok" and exits 0, or says which report failed and why, and exits 1.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MIN_CHARTS = Number(process.env.MIN_CHARTS || '3');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || '30000');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('report-e2e: name the report files to open\n');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
let failed = false;
try {
  for (const file of files) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    const fetched = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Self-contained means the page asks for nothing: any request but the file itself is a fault.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      fetched.push(url);
      return route.abort();
    });
    const url = pathToFileURL(file).href;
    try {
      await page.goto(url);
      await page.waitForFunction((min) => [...document.querySelectorAll('canvas')]
        .filter((c) => c.width > 0 && c.height > 0).length >= min, MIN_CHARTS, { timeout: TIMEOUT });
      await page.waitForTimeout(500); // Chart.js animates its first draw
      const base = file.replace(/\.html?$/, '');
      await page.screenshot({ path: `${base}.png`, fullPage: true });
      writeFileSync(`${base}.txt`, await page.evaluate(() => document.body.innerText));
      if (errors.length || fetched.length) {
        throw new Error(`errors in the page: ${errors.join(' | ') || 'none'}; requests: ${fetched.join(', ') || 'none'}`);
      }
      const charts = await page.evaluate(() => document.querySelectorAll('canvas').length);
      process.stderr.write(`report-e2e: ${file}: ${charts} charts\n`);
    } catch (e) {
      failed = true;
      process.stderr.write(`report-e2e: ${file} FAILED: ${e.message}\n`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
}
if (failed) process.exit(1);
process.stdout.write('report-e2e: ok\n');
