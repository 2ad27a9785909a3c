// Is the data the model sees still fresh, and does it still look like what the model was
// trained on? Freshness per signal against its threshold, and the drift of each feature (PSI).

import { get, isAbort } from '../api.js';
import { barConfig, barsHeight, chartBox, COLORS } from '../charts.js';
import { badge, DASH, empty, errorBox, fmt, fmtAge, fmtAny, h, kvTable, loading, section, table } from '../dom.js';
import { go } from '../router.js';

export function render(root, { signal, onCleanup }) {
  const status = h('div', { testid: 'health-status', dataset: { state: 'loading' } }, loading());
  const freshness = h('div', null, loading());
  const drift = h('div', null, loading());
  root.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Data health'),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => go('health') }, 'Check again')),
    ),
    status,
    section('Freshness', { note: 'age of the newest data of each signal' }, freshness),
    section('Drift', { note: 'population stability index (PSI) of served features against training' }, drift),
  );

  get('/v1/admin/health', { signal })
    .then((report) => {
      status.dataset.state = report.status === 'ok' ? 'ok' : 'alert';
      status.replaceChildren(statusBanner(report));
      freshness.replaceChildren(freshnessTable(report.freshness || []));
      drift.replaceChildren(driftView(report.drift, onCleanup));
    })
    .catch((e) => {
      if (isAbort(e)) return;
      status.dataset.state = 'error';
      status.replaceChildren(errorBox(e, 'Data health'));
      freshness.replaceChildren();
      drift.replaceChildren();
    });
}

function statusBanner(report) {
  const alerts = Array.isArray(report.alerts) ? report.alerts : [];
  if (report.status === 'ok' && !alerts.length) {
    return h('div', { class: 'banner ok' }, badge('ok', 'ok'), ' No alert: every signal is within its freshness threshold and no drift was detected.');
  }
  return h(
    'div',
    null,
    h('div', { class: `banner ${report.status === 'ok' ? 'warn' : 'bad'}` }, badge(report.status || 'unknown', report.status === 'ok' ? 'warn' : 'bad'), ` ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`),
    alerts.map((a) => h('div', { class: 'banner bad alert', testid: 'health-alert' }, typeof a === 'string' ? a : JSON.stringify(a))),
  );
}

function freshnessTable(rows) {
  return table(
    [
      { label: 'signal', value: (r) => r.signal },
      { label: 'age', value: (r) => fmtAge(r.ageSeconds), class: 'num' },
      { label: 'threshold', value: (r) => fmtAge(r.thresholdSeconds), class: 'num' },
      { label: 'state', value: (r) => (r.stale ? badge('stale', 'bad') : r.ageSeconds == null ? badge('unknown', 'warn') : badge('fresh', 'ok')) },
    ],
    rows,
    { testid: 'freshness-table', rowTestid: 'freshness-row', emptyText: 'The server reports no freshness signal.' },
  );
}

function driftView(drift, onCleanup) {
  if (!drift) return empty('The server reports no drift measure.');
  const facts = [
    ['requests compared', `${fmt(drift.requests, 0)}${drift.minRequests != null ? ` (at least ${fmt(drift.minRequests, 0)} needed)` : ''}`],
    ['rows compared', fmt(drift.rows, 0)],
    ['threshold (PSI)', fmtAny(drift.threshold)],
    ['model version', drift.modelVersion ? h('code', null, drift.modelVersion) : DASH],
  ];
  if (!drift.measured) {
    return h(
      'div',
      { testid: 'drift-not-measured' },
      h('div', { class: 'notice' }, h('strong', null, 'Drift not measured. '), drift.reason || 'The server gave no reason.'),
      kvTable(facts),
    );
  }
  const score = drift.score;
  if (score) {
    facts.unshift(['model score PSI', h('span', { class: score.drifted ? 'text-bad' : '' }, fmtAny(score.psi), ' ', score.drifted ? badge('drifted', 'bad') : badge('stable', 'ok'))]);
  }
  const features = (drift.features || []).filter((f) => f && typeof f.psi === 'number');
  const drifted = features.filter((f) => f.drifted);
  let chart = empty('No feature measured.');
  if (features.length) {
    const threshold = typeof drift.threshold === 'number' ? drift.threshold : null;
    const datasets = [
      {
        label: 'PSI (red: drifted, gray: not used by the model)',
        order: 1,
        data: features.map((f) => f.psi),
        // A feature the model never splits on cannot move the score: its shift is shown, not alarmed on.
        backgroundColor: features.map((f) => (f.drifted ? COLORS.red : f.used === false ? COLORS.gray : COLORS.green)),
      },
    ];
    // The threshold as a dashed line across the bars, drawn by Chart.js as a line dataset.
    if (threshold != null) {
      datasets.push({
        type: 'line',
        // Drawn over the bars (a lower order is drawn later).
        order: 0,
        label: `threshold ${fmtAny(threshold)}`,
        data: features.map(() => threshold),
        borderColor: COLORS.red,
        backgroundColor: COLORS.red,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        fill: false,
      });
    }
    const labels = features.map((f) => (f.used === false ? `${f.feature} (unused)` : f.feature));
    const config = barConfig({ labels, horizontal: true, valueTitle: 'PSI', datasets });
    config.options.plugins.legend.display = true;
    const box = chartBox(config, { height: barsHeight(features.length, { extra: 90 }), onCleanup });
    chart = h('div', { testid: 'drift-chart' }, box.box);
  }
  return h(
    'div',
    null,
    drifted.length
      ? h('div', { class: 'banner bad' }, `${drifted.length} feature${drifted.length === 1 ? '' : 's'} drifted: ${drifted.map((f) => f.feature).join(', ')}`)
      : h('div', { class: 'banner ok' }, 'No feature above the threshold.'),
    h('div', { class: 'grid-2 wide-right' }, kvTable(facts, (v) => v, { testid: 'drift-facts' }), chart),
  );
}
