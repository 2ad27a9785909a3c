// Drives the console in headless Chromium against a running Sieve, the way a person would:
// overview, one user's recommendations, one experiment's results, data health. Each page is
// screenshotted with its visible text beside it, for the Java test to check the content.
//
//   SIEVE_URL=http://127.0.0.1:8080 SIEVE_KEY=... SIEVE_USER=1 SIEVE_EXPERIMENT=personal \
//   SCREENSHOT_DIR=target/e2e node e2e/console-e2e.mjs
//
// SIEVE_EXPERIMENT empty skips the experiment step; CHROMIUM is the browser (/usr/bin/chromium);
// E2E_TIMEOUT_MS bounds each wait (30 s). Prints "console-e2e: ok" and exits 0, or says which
// step failed, what it expected and what it saw, leaves failure.png, and exits 1. A response
// of 500 or above, or an uncaught error in the page, fails the run; the browser's other console
// errors (a 404 for a user without a profile is expected) are only reported.

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback = '') => {
  const value = process.env[name];
  return value == null ? fallback : value;
};

const BASE = env('SIEVE_URL', 'http://127.0.0.1:8080').replace(/\/+$/, '');
const KEY = env('SIEVE_KEY');
const USER = env('SIEVE_USER', '1') || '1';
const EXPERIMENT = env('SIEVE_EXPERIMENT');
const SHOTS = resolve(env('SCREENSHOT_DIR', 'target/e2e-screenshots'));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium') || '/usr/bin/chromium';
const TIMEOUT = Number(env('E2E_TIMEOUT_MS', '30000')) || 30000;
const MIN_PNG_BYTES = 10 * 1024;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const log = (message) => process.stderr.write(`console-e2e: ${message}\n`);

/** A failed expectation: what the step wanted and what the page showed instead. */
class StepFailure extends Error {
  constructor(expected, seen) {
    super(`expected ${expected}; saw ${seen}`);
  }
}

const serverErrors = [];
const consoleErrors = [];
const pageErrors = [];
let step = 'start';

async function api(path) {
  const headers = { Accept: 'application/json' };
  if (KEY) headers.Authorization = `Bearer ${KEY}`;
  const response = await fetch(`${BASE}${path}`, { headers });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** Short, one-line text of an element (or the page) for "saw ..." in a failure message. */
async function textOf(page, selector) {
  const text = await page
    .evaluate((sel) => {
      const el = sel ? document.querySelector(sel) : document.body;
      return el ? el.innerText : null;
    }, selector)
    .catch((e) => `(could not read the page: ${e.message})`);
  if (text == null) return `no element ${selector}`;
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 400 ? `${flat.slice(0, 400)}…` : flat);
}

/** The trimmed text of the first element matching `selector`, or null: never waits. */
async function textIn(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? el.innerText.trim() : null;
  }, selector);
}

/**
 * Polls `check` until it returns {ok: true}; on timeout fails with `expected` and the last
 * `seen` it reported.
 */
async function until(expected, check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let seen = 'nothing yet';
  for (;;) {
    const result = await check().catch((e) => ({ ok: false, seen: `an error: ${e.message}` }));
    if (result.ok) return result;
    // The page has settled on an answer that will not change (an error from the server).
    if (result.final) throw new StepFailure(expected, result.seen);
    seen = result.seen ?? seen;
    if (Date.now() > deadline) throw new StepFailure(`${expected} within ${timeout / 1000} s`, seen);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for every "Loading…" placeholder to be gone, so screenshots show finished pages. */
async function settled(page, what) {
  await until(`${what} to finish loading`, async () => {
    const pending = await page.locator('.loading').count();
    return { ok: pending === 0, seen: `${pending} section(s) still loading: ${await textOf(page, '.loading')}` };
  });
}

async function shoot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const png = join(SHOTS, `${name}.png`);
  // Let Chart.js finish its first layout after the last data arrived.
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => document.body.innerText);
  await page.screenshot({ path: png, fullPage: true });
  writeFileSync(join(SHOTS, `${name}.txt`), text);
  const size = statSync(png).size;
  if (size <= MIN_PNG_BYTES) throw new StepFailure(`${name}.png larger than ${MIN_PNG_BYTES} bytes (a rendered page)`, `${size} bytes`);
  log(`${name}.png (${size} bytes)`);
}

async function visit(page, route) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, route);
  await page.waitForFunction((hash) => location.hash === hash, route);
}

async function overview(page) {
  step = 'overview';
  const ready = await api('/readyz');
  if (ready.status !== 200 || !ready.body || !ready.body.modelVersion) {
    throw new StepFailure('GET /readyz to answer 200 with a modelVersion', `HTTP ${ready.status} ${JSON.stringify(ready.body).slice(0, 300)}`);
  }
  const version = ready.body.modelVersion;
  await visit(page, '#/overview');
  await until(`the overview to show the current model version ${version}`, async () => {
    const shown = await textIn(page, '[data-testid="overview-model-version"]');
    return { ok: shown === version, seen: `model version ${JSON.stringify(shown)}; page ${await textOf(page, '#content')}` };
  });
  // Two scrapes make a rate, and the first points of the charts.
  await until('requests/s from two scrapes of /metrics', async () => {
    const rps = await textIn(page, '[data-testid="overview-rps"]');
    return { ok: /\d/.test(rps || ''), seen: `requests/s ${JSON.stringify(rps)}` };
  }, Math.max(TIMEOUT, 15000));
  await shoot(page, 'overview');
}

async function user(page) {
  step = 'users';
  await visit(page, '#/users');
  const input = page.locator('[data-testid="user-input"]');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(USER);
  await input.press('Enter');
  await until(`user ${USER}'s recommendations table with at least 5 rows having a title and a reason`, async () => {
    const rows = await page.locator('[data-testid="recs-table"] [data-testid="rec-row"]').evaluateAll((trs) =>
      trs.map((tr) => ({
        title: (tr.querySelector('[data-testid="rec-title"] a.item-title')?.innerText || '').trim(),
        reason: (tr.querySelector('[data-testid="rec-reason"]')?.innerText || '').trim(),
      })),
    );
    const good = rows.filter((r) => r.title && r.reason && r.reason !== '—').length;
    const failed = await page.locator('[data-testid="recs"] [data-testid="error"]').count();
    const seen = rows.length ? `${rows.length} rows, ${good} with a title and a reason: ${JSON.stringify(rows.slice(0, 3))}` : `no rows; recommendations ${await textOf(page, '[data-testid="recs"]')}`;
    return { ok: good >= 5, final: failed > 0, seen };
  });
  await until('the debug trace of the request', async () => {
    const n = await page.locator('[data-testid="trace-summary"]').count();
    return { ok: n > 0, seen: `trace ${await textOf(page, '[data-testid="debug-trace"]')}` };
  });
  await settled(page, 'the user page');
  await shoot(page, 'user');
}

async function experiment(page) {
  step = 'experiments';
  if (!EXPERIMENT) {
    log('experiments step skipped (SIEVE_EXPERIMENT is empty)');
    return;
  }
  const list = await api('/v1/experiments');
  const config = list.status === 200 && Array.isArray(list.body.experiments) ? list.body.experiments.find((e) => e.name === EXPERIMENT) : null;
  if (!config) {
    throw new StepFailure(`GET /v1/experiments to list ${EXPERIMENT}`, `HTTP ${list.status} ${JSON.stringify(list.body).slice(0, 300)}`);
  }
  const variants = Array.isArray(config.variants) ? config.variants.map((v) => (typeof v === 'object' ? v.name : String(v))) : Object.keys(config.variants || {});
  await visit(page, '#/experiments');
  const link = page.locator(`[data-testid="experiment-link"][data-name="${EXPERIMENT.replace(/"/g, '\\"')}"]`);
  await until(`a link to experiment ${EXPERIMENT}`, async () => ({
    ok: (await link.count()) > 0,
    seen: `experiments ${await textOf(page, '[data-testid="experiments-list"]')}`,
  }));
  await link.first().click();
  const names = variants.length ? variants : [EXPERIMENT];
  await until(`experiment-results to name the variants ${names.join(', ')}`, async () => {
    const text = (await textIn(page, '[data-testid="experiment-results"]')) || '';
    const missing = names.filter((n) => !text.includes(n));
    const loaded = !(await page.locator('[data-testid="experiment-results"] .loading').count());
    return { ok: loaded && missing.length === 0, seen: `missing ${missing.join(', ') || 'none'} in ${await textOf(page, '[data-testid="experiment-results"]')}` };
  });
  await settled(page, 'the experiment page');
  await shoot(page, 'experiment');
}

async function health(page) {
  step = 'health';
  await visit(page, '#/health');
  const { state } = await until('the data health status (ok or alert)', async () => {
    const state = await page.evaluate(() => document.querySelector('[data-testid="health-status"]')?.dataset.state ?? null);
    return { ok: state === 'ok' || state === 'alert', final: state === 'error', state, seen: `state ${state}: ${await textOf(page, '[data-testid="health-status"]')}` };
  });
  await until('the freshness table', async () => ({
    ok: (await page.locator('[data-testid="freshness-table"]').count()) > 0,
    seen: `freshness ${await textOf(page, '#content')}`,
  }));
  await settled(page, 'the data health page');
  log(`data health: ${state}`);
  await shoot(page, 'health');
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: TIMEOUT });
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('response', (r) => {
      if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()} (step ${step})`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} (step ${step})`);
    });
    page.on('pageerror', (e) => pageErrors.push(`${e.message} (step ${step})`));

    step = 'open';
    const response = await page.goto(`${BASE}/console/`, { waitUntil: 'load' });
    if (!response || response.status() !== 200) throw new StepFailure(`GET ${BASE}/console/ to answer 200`, response ? `HTTP ${response.status()}` : 'no answer');
    await page.locator('[data-testid="api-key-form"]').waitFor();
    if (KEY) {
      await page.locator('[data-testid="api-key-input"]').fill(KEY);
      await page.locator('[data-testid="api-key-save"]').click();
      await until('the key form to say a key is in use', async () => {
        const state = await textIn(page, '[data-testid="api-key-state"]');
        return { ok: state === 'key in use', seen: JSON.stringify(state) };
      });
    }

    for (const run of [overview, user, experiment, health]) {
      await run(page);
      if (pageErrors.length) throw new StepFailure('no uncaught error in the page', pageErrors.join('; '));
    }
    if (serverErrors.length) {
      step = 'server errors';
      throw new StepFailure('no response with status 500 or above', serverErrors.join('; '));
    }
    if (consoleErrors.length) log(`browser console errors (not failures): ${consoleErrors.join(' | ')}`);
    process.stdout.write('console-e2e: ok\n');
    return 0;
  } catch (e) {
    const message = e instanceof StepFailure ? e.message : `${e.name}: ${e.message}`;
    process.stdout.write(`console-e2e: FAILED at step "${step}": ${message}\n`);
    if (serverErrors.length) process.stdout.write(`console-e2e: server errors: ${serverErrors.join('; ')}\n`);
    if (pageErrors.length) process.stdout.write(`console-e2e: uncaught page errors: ${pageErrors.join('; ')}\n`);
    if (consoleErrors.length) process.stdout.write(`console-e2e: browser console errors: ${consoleErrors.join(' | ')}\n`);
    if (page) {
      try {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true });
        writeFileSync(join(SHOTS, 'failure.txt'), await page.evaluate(() => document.body.innerText));
        process.stdout.write(`console-e2e: screenshot ${join(SHOTS, 'failure.png')}\n`);
      } catch (shotError) {
        process.stdout.write(`console-e2e: could not take failure.png: ${shotError.message}\n`);
      }
    }
    return 1;
  } finally {
    await browser.close().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    // Chromium itself did not start: still one clear line, and exit 1.
    process.stdout.write(`console-e2e: FAILED at step "${step}": ${e.message}\n`);
    process.exit(1);
  },
);
