// The server at a glance, from /metrics scraped every few seconds: a rate is the increase of a
// counter between two scrapes, a latency quantile comes from the histogram's buckets.

import { get, getText } from '../api.js';
import { barConfig, chartBox, COLORS, lineConfig } from '../charts.js';
import { badge, card, clock, DASH, empty, errorBox, fmt, fmtAge, fmtMs, h, section, table } from '../dom.js';
import { bucketDelta, bucketTotal, quantile, rate, Scrape } from '../prometheus.js';

const POLL_MS = 5000;
const HISTORY_POINTS = 720; // an hour of 5 s scrapes
const STAGES = ['context', 'retrieve', 'filter', 'rank', 'rerank', 'total'];
// The console's own polling is HTTP traffic too; the latency line leaves it out so that it
// follows what clients of the API see.
const OWN_ROUTES = new Set(['/metrics', '/readyz', '/v1/admin/health']);

const M = {
  http: 'http_server_requests_seconds',
  stage: 'sieve_pipeline_stage_seconds',
  fallbacks: 'sieve_pipeline_fallbacks_total',
  timeouts: 'sieve_retrieval_source_timeouts_total',
  failures: 'sieve_retrieval_source_failures_total',
  events: 'sieve_events_accepted_total',
  ranker: 'sieve_ranker_requests_total',
  modelAge: 'sieve_model_age_seconds',
};

const absent = (metric) => empty(`Not reported by this server (no ${metric} in /metrics).`);

/** Quantiles of what happened since the last scrape, or since start when nothing did. */
function windowed(current, previous) {
  const delta = bucketDelta(current, previous);
  if (delta && bucketTotal(delta) > 0) return { buckets: delta, recent: true };
  return { buckets: current, recent: false };
}

const ms = (seconds) => (seconds == null ? null : seconds * 1000);

export function render(root, { signal, onCleanup }) {
  const value = (testid) => h('span', { testid }, DASH);
  const v = {
    rps: value('overview-rps'),
    p99: value('overview-p99'),
    model: h('code', { testid: 'overview-model-version' }, DASH),
    age: value('overview-model-age'),
    health: value('overview-health'),
  };
  const sub = {
    rps: h('span', null, 'needs two scrapes'),
    p99: h('span', null, 'pipeline, total stage'),
    model: h('span', { testid: 'overview-ready' }, 'checking /readyz…'),
    age: h('span', null, 'since the bundle was trained'),
    health: h('span', null, 'freshness and drift'),
  };
  const degraded = h('div', { testid: 'overview-degraded' });
  const metricsError = h('div');
  const status = h('span', { class: 'note', testid: 'overview-last-scrape' }, 'scraping /metrics…');

  const rpsChart = chartBox(lineConfig({ yTitle: 'requests/s', datasets: [{ label: 'requests/s', color: COLORS.blue }] }), {
    height: 220,
    testid: 'chart-rps',
    onCleanup,
  });
  const p99Chart = chartBox(
    lineConfig({
      yTitle: 'ms',
      datasets: [
        { label: 'pipeline p99 (total stage)', color: COLORS.amber },
        { label: 'HTTP p99 (API routes)', color: COLORS.teal },
      ],
    }),
    { height: 220, testid: 'chart-p99', onCleanup },
  );
  const stageChart = chartBox(
    barConfig({
      labels: STAGES,
      valueTitle: 'ms',
      datasets: [
        { label: 'p50', data: [], backgroundColor: COLORS.blue },
        { label: 'p99', data: [], backgroundColor: COLORS.amber },
      ],
    }),
    { height: 240, testid: 'chart-stages', onCleanup },
  );
  const stageNote = h('div');
  const stageTable = h('div');
  const tables = {
    routes: h('div'),
    sources: h('div'),
    fallbacks: h('div'),
    events: h('div'),
    rankers: h('div'),
  };

  root.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Overview'), status),
    h(
      'div',
      { class: 'cards' },
      card('Requests/s', v.rps, { sub: sub.rps }),
      card('Latency p99', v.p99, { sub: sub.p99 }),
      card('Model bundle', v.model, { sub: sub.model }),
      card('Bundle age', v.age, { sub: sub.age }),
      card('Data health', h('a', { href: '#/health' }, v.health), { sub: sub.health }),
    ),
    degraded,
    metricsError,
    h(
      'div',
      { class: 'grid-2' },
      section('Requests per second', { note: 'all routes, since this page was opened' }, rpsChart.box),
      section('Latency p99', { note: 'ms, since this page was opened' }, p99Chart.box),
    ),
    section('Pipeline stages', { note: 'p50 and p99 per stage, ms' }, stageNote, h('div', { class: 'grid-2' }, stageChart.box, stageTable)),
    h(
      'div',
      { class: 'grid-2' },
      section('Requests by route', null, tables.routes),
      section('Retrieval sources', { note: 'timeouts and failures' }, tables.sources),
      section('Events accepted', { note: 'by type' }, tables.events),
      section('Ranker usage', { note: 'requests by ranker and cause' }, tables.rankers),
      section('Fallbacks', { note: 'a stage that failed and was skipped' }, tables.fallbacks),
    ),
  );

  let previous = null;
  let timer = null;
  onCleanup(() => clearTimeout(timer));

  function showReady(result) {
    if (result.status === 'fulfilled') {
      const ready = result.value || {};
      v.model.textContent = ready.modelVersion || 'no bundle';
      const isReady = ready.status === 'ready';
      sub.model.replaceChildren(badge(ready.status || 'unknown', isReady ? 'ok' : 'warn'), ' /readyz');
      const list = Array.isArray(ready.degraded) ? ready.degraded : [];
      degraded.replaceChildren(
        list.length
          ? h(
              'div',
              { class: 'banner warn' },
              h('strong', null, 'Degraded: '),
              list.map((d, i) => [i ? '; ' : '', h('code', null, d.kind), ' ', d.reason]),
            )
          : '',
      );
    } else {
      const error = result.reason;
      v.model.textContent = (error.problem && error.problem.modelVersion) || DASH;
      sub.model.replaceChildren(badge(error.status === 503 ? 'not ready' : 'unknown', 'bad'), ` ${error.detail}`);
      degraded.replaceChildren();
    }
  }

  function showHealth(result) {
    if (result.status === 'fulfilled') {
      const report = result.value || {};
      const alerts = Array.isArray(report.alerts) ? report.alerts.length : 0;
      v.health.textContent = report.status || DASH;
      v.health.className = report.status === 'ok' ? 'text-ok' : 'text-bad';
      sub.health.textContent = alerts ? `${alerts} alert${alerts > 1 ? 's' : ''}` : 'no alerts';
    } else {
      v.health.textContent = DASH;
      v.health.className = '';
      const error = result.reason;
      sub.health.textContent = error.status === 404 ? 'not offered by this server' : error.detail;
    }
  }

  function showMetrics(scrape) {
    const seconds = previous ? (scrape.time - previous.time) / 1000 : null;
    const prev = previous;
    const total = (name, where) => scrape.total(name, where);
    const perSecond = (name, where) => (prev ? rate(total(name, where), prev.total(name, where), seconds) : null);
    const windowText = prev ? `the last ${Math.round(seconds)} s` : 'since start';

    const rps = perSecond(`${M.http}_count`);
    v.rps.textContent = rps == null ? DASH : fmt(rps, 2);
    sub.rps.textContent = prev ? `over ${windowText}` : 'needs two scrapes';

    // Stage latencies.
    const stages = scrape.histogram(M.stage, 'stage');
    const prevStages = prev ? prev.histogram(M.stage, 'stage') : new Map();
    const stageNames = [...STAGES.filter((s) => stages.has(s)), ...[...stages.keys()].filter((s) => !STAGES.includes(s))];
    const stageRows = stageNames.map((stage) => {
      const w = windowed(stages.get(stage), prevStages.get(stage));
      return {
        stage,
        p50: ms(quantile(0.5, w.buckets)),
        p99: ms(quantile(0.99, w.buckets)),
        count: bucketTotal(w.buckets),
        over: w.recent ? windowText : 'since start',
      };
    });
    const totalRow = stageRows.find((r) => r.stage === 'total');
    v.p99.textContent = totalRow ? fmtMs(totalRow.p99) : DASH;
    sub.p99.textContent = totalRow ? `pipeline total, ${totalRow.over}` : 'no pipeline histogram';
    if (stageRows.length) {
      stageNote.replaceChildren();
      stageChart.box.hidden = false;
      stageChart.chart.data.labels = stageRows.map((r) => r.stage);
      stageChart.chart.data.datasets[0].data = stageRows.map((r) => r.p50);
      stageChart.chart.data.datasets[1].data = stageRows.map((r) => r.p99);
      stageChart.chart.update();
      stageTable.replaceChildren(
        table(
          [
            { label: 'stage', value: (r) => r.stage },
            { label: 'p50', value: (r) => fmtMs(r.p50), class: 'num' },
            { label: 'p99', value: (r) => fmtMs(r.p99), class: 'num' },
            { label: 'requests', value: (r) => fmt(r.count, 0), class: 'num' },
            { label: 'over', value: (r) => r.over },
          ],
          stageRows,
          { testid: 'stage-table' },
        ),
      );
    } else {
      stageChart.box.hidden = true;
      stageNote.replaceChildren(absent(M.stage));
      stageTable.replaceChildren();
    }

    // The timeline: only windowed values, a gap where nothing was served.
    if (prev) {
      const totalStage = stages.get('total');
      const recentTotal = bucketDelta(totalStage, prevStages.get('total'));
      const apiOnly = (labels) => !OWN_ROUTES.has(labels.route);
      const httpNow = scrape.histogram(M.http, null, apiOnly).get('');
      const httpBefore = prev.histogram(M.http, null, apiOnly).get('');
      const recentHttp = bucketDelta(httpNow, httpBefore);
      const at = clock(new Date(scrape.time));
      const points = [
        [rpsChart.chart, [rps]],
        [p99Chart.chart, [ms(quantile(0.99, recentTotal)), ms(quantile(0.99, recentHttp))]],
      ];
      for (const [chart, values] of points) {
        chart.data.labels.push(at);
        values.forEach((y, i) => chart.data.datasets[i].data.push(y));
        if (chart.data.labels.length > HISTORY_POINTS) {
          chart.data.labels.shift();
          for (const d of chart.data.datasets) d.data.shift();
        }
        chart.update();
      }
    }

    // Requests by route.
    if (scrape.has(`${M.http}_count`)) {
      const counts = scrape.by(`${M.http}_count`, ['method', 'route']);
      const before = prev ? prev.by(`${M.http}_count`, ['method', 'route']) : new Map();
      const errors = scrape.by(`${M.http}_count`, ['method', 'route'], (l) => /^5/.test(l.status || ''));
      const latency = scrape.histogram(M.http, ['method', 'route']);
      const latencyBefore = prev ? prev.histogram(M.http, ['method', 'route']) : new Map();
      const rows = [...counts].map(([key, count]) => {
        const [method, route] = key.split('\t');
        const w = windowed(latency.get(key), latencyBefore.get(key));
        return {
          method,
          route,
          count,
          rps: prev ? rate(count, before.get(key) ?? 0, seconds) : null,
          p99: ms(quantile(0.99, w.buckets)),
          errors: errors.get(key) || 0,
        };
      });
      rows.sort((a, b) => (b.rps ?? 0) - (a.rps ?? 0) || b.count - a.count);
      tables.routes.replaceChildren(
        table(
          [
            { label: 'route', value: (r) => h('code', null, `${r.method} ${r.route}`) },
            { label: 'req/s', value: (r) => fmt(r.rps, 2), class: 'num' },
            { label: 'total', value: (r) => fmt(r.count, 0), class: 'num' },
            { label: 'p99', value: (r) => fmtMs(r.p99), class: 'num' },
            { label: '5xx', value: (r) => (r.errors ? h('span', { class: 'text-bad' }, fmt(r.errors, 0)) : '0'), class: 'num' },
          ],
          rows,
          { testid: 'routes-table' },
        ),
      );
    } else {
      tables.routes.replaceChildren(absent(`${M.http}_count`));
    }

    // Retrieval sources: a source that times out is skipped, the list is built without it.
    if (scrape.has(M.timeouts) || scrape.has(M.failures)) {
      const timeouts = scrape.by(M.timeouts, ['source']);
      const failures = scrape.by(M.failures, ['source']);
      const tBefore = prev ? prev.by(M.timeouts, ['source']) : null;
      const fBefore = prev ? prev.by(M.failures, ['source']) : null;
      const sources = [...new Set([...timeouts.keys(), ...failures.keys()])].sort();
      const recent = (now, before, key) => (before ? Math.max(0, (now.get(key) || 0) - (before.get(key) || 0)) : 0);
      const cell = (total, fresh) =>
        h('span', { class: fresh ? 'text-bad' : total ? 'text-warn' : '' }, fmt(total, 0), fresh ? ` (+${fmt(fresh, 0)})` : '');
      tables.sources.replaceChildren(
        table(
          [
            { label: 'source', value: (s) => s },
            { label: 'timeouts', value: (s) => (timeouts.has(s) ? cell(timeouts.get(s), recent(timeouts, tBefore, s)) : DASH), class: 'num' },
            { label: 'failures', value: (s) => (failures.has(s) ? cell(failures.get(s), recent(failures, fBefore, s)) : DASH), class: 'num' },
          ],
          sources,
          { testid: 'sources-table', emptyText: 'No retrieval source reported.' },
        ),
      );
    } else {
      tables.sources.replaceChildren(absent(M.timeouts));
    }

    // Events accepted.
    if (scrape.has(M.events)) {
      const byType = scrape.by(M.events, ['type']);
      const before = prev ? prev.by(M.events, ['type']) : null;
      const rows = [...byType].map(([type, count]) => ({ type, count, rate: before ? rate(count, before.get(type) ?? 0, seconds) : null }));
      rows.sort((a, b) => b.count - a.count);
      tables.events.replaceChildren(
        table(
          [
            { label: 'type', value: (r) => r.type },
            { label: 'events/s', value: (r) => fmt(r.rate, 2), class: 'num' },
            { label: 'total', value: (r) => fmt(r.count, 0), class: 'num' },
          ],
          rows,
          { testid: 'events-table', emptyText: 'No event accepted yet.' },
        ),
      );
    } else {
      tables.events.replaceChildren(absent(M.events));
    }

    // Ranker usage: which ranker ordered the lists, and why (a model, none, a fallback).
    if (scrape.has(M.ranker)) {
      const byRanker = scrape.by(M.ranker, ['ranker', 'cause']);
      const sum = [...byRanker.values()].reduce((a, b) => a + b, 0);
      const rows = [...byRanker].map(([key, count]) => {
        const [ranker, cause] = key.split('\t');
        return { ranker, cause, count };
      });
      rows.sort((a, b) => b.count - a.count);
      tables.rankers.replaceChildren(
        table(
          [
            { label: 'ranker', value: (r) => r.ranker },
            { label: 'cause', value: (r) => r.cause },
            { label: 'requests', value: (r) => fmt(r.count, 0), class: 'num' },
            { label: 'share', value: (r) => (sum ? `${((100 * r.count) / sum).toFixed(1)} %` : DASH), class: 'num' },
          ],
          rows,
          { testid: 'ranker-table', emptyText: 'No ranked request yet.' },
        ),
      );
    } else {
      tables.rankers.replaceChildren(absent(M.ranker));
    }

    // Fallbacks.
    if (scrape.has(M.fallbacks)) {
      const byStage = scrape.by(M.fallbacks, ['stage']);
      const before = prev ? prev.by(M.fallbacks, ['stage']) : null;
      tables.fallbacks.replaceChildren(
        table(
          [
            { label: 'stage', value: ([stage]) => stage },
            { label: 'total', value: ([, n]) => h('span', { class: n ? 'text-warn' : '' }, fmt(n, 0)), class: 'num' },
            { label: windowText, value: ([stage, n]) => (before ? fmt(Math.max(0, n - (before.get(stage) || 0)), 0) : DASH), class: 'num' },
          ],
          [...byStage],
          { testid: 'fallbacks-table', emptyText: 'No fallback reported.' },
        ),
      );
    } else {
      tables.fallbacks.replaceChildren(absent(M.fallbacks));
    }

    const age = scrape.total(M.modelAge);
    v.age.textContent = fmtAge(age);
  }

  async function poll() {
    const [metrics, ready, health] = await Promise.allSettled([
      getText('/metrics', { signal }),
      get('/readyz', { signal }),
      get('/v1/admin/health', { signal }),
    ]);
    if (signal.aborted) return;
    try {
      showReady(ready);
      showHealth(health);
      if (metrics.status === 'fulfilled') {
        const scrape = new Scrape(metrics.value);
        metricsError.replaceChildren();
        showMetrics(scrape);
        previous = scrape;
        status.textContent = `last scrape ${clock(new Date(scrape.time))}, every ${POLL_MS / 1000} s`;
      } else {
        metricsError.replaceChildren(errorBox(metrics.reason, 'Metrics'));
        status.textContent = `scrape failed at ${clock()}`;
      }
    } catch (e) {
      // A bug in one update must not stop the polling; it is shown and logged instead.
      console.error(e);
      metricsError.replaceChildren(errorBox(e, 'Overview'));
    }
    timer = setTimeout(poll, POLL_MS);
  }

  poll();
}
