// The model bundles on disk, which one serves and which is on trial, and for one bundle what
// its learned ranker was trained on, how it did against the blend and whether it was let serve.

import { get, isAbort, post } from '../api.js';
import { barConfig, barsHeight, chartBox, COLORS } from '../charts.js';
import { badge, DASH, empty, errorBox, fmt, fmtTime, h, kvTable, loading, section, table } from '../dom.js';
import { renderJson } from '../json-view.js';
import { href } from '../router.js';

const TOP_FEATURES = 25;

export function render(root, { params, signal, onCleanup }) {
  const answer = h('div', { class: 'action-answer', testid: 'rollout-answer' });
  const list = h('div', { testid: 'bundles' }, loading());
  const detail = h('div', { testid: 'bundle-detail' });

  const action = (label, path, { confirmText } = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        testid: `action-${path.split('/').pop()}`,
        onclick: async (event) => {
          if (confirmText && !window.confirm(confirmText)) return;
          const button = event.currentTarget;
          button.disabled = true;
          answer.replaceChildren(loading(`${label}…`));
          try {
            const body = await post(path, undefined, { signal });
            answer.replaceChildren(h('div', { class: 'banner ok' }, h('strong', null, `${label}: done`)), body == null ? null : renderJson(body));
            // The bundle list changed (a promotion, a reload): read it again.
            loadBundles();
          } catch (e) {
            if (isAbort(e)) return;
            answer.replaceChildren(
              h('div', { class: e.status === 409 ? 'notice' : 'error' }, h('strong', null, `${label}: refused. `), e.detail, e.status ? ` (HTTP ${e.status})` : ''),
            );
          } finally {
            button.disabled = false;
          }
        },
      },
      label,
    );

  root.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Models'),
      h(
        'div',
        { class: 'actions' },
        action('Reload now', '/v1/admin/reload'),
        action('Promote canary', '/v1/admin/rollout/promote', { confirmText: 'Promote the canary bundle to serve all traffic?' }),
        action('Roll back canary', '/v1/admin/rollout/rollback', { confirmText: 'Roll the canary back and serve the stable bundle only?' }),
      ),
    ),
    answer,
    section('Bundles', { note: 'newest first, as GET /v1/admin/models lists them' }, list),
    detail,
  );

  let charts = [];
  onCleanup(() => charts.forEach((c) => c.destroy()));

  async function loadBundles() {
    try {
      const body = await get('/v1/admin/models', { signal });
      const bundles = body.bundles || [];
      const chosen = params.get('version') || body.current || (bundles[0] && bundles[0].version);
      list.replaceChildren(bundlesTable(bundles, chosen, body));
      charts.forEach((c) => c.destroy());
      charts = [];
      const bundle = bundles.find((b) => b.version === chosen);
      detail.replaceChildren(bundle ? bundleDetail(bundle, (c) => charts.push(c)) : empty(chosen ? `No bundle ${chosen} on disk.` : 'No bundle trained yet.'));
    } catch (e) {
      if (isAbort(e)) return;
      list.replaceChildren(errorBox(e, 'The list of model bundles'));
    }
  }

  loadBundles();
}

function bundlesTable(bundles, chosen, body) {
  const m = (b) => b.manifest || {};
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'muted small' },
      'Serving ',
      h('code', { testid: 'models-current' }, body.current || DASH),
      body.canary ? [', on trial ', h('code', { testid: 'models-canary' }, body.canary)] : ', no canary on trial',
    ),
    table(
      [
        {
          label: 'version',
          value: (b) =>
            h('a', { href: href('models', { version: b.version }), class: b.version === chosen ? 'selected' : null }, h('code', null, b.version)),
        },
        { label: 'created', value: (b) => fmtTime(b.createdAt || m(b).createdAt) },
        { label: 'events', value: (b) => fmt(m(b).events, 0), class: 'num' },
        { label: 'users', value: (b) => fmt(m(b).users, 0), class: 'num' },
        { label: 'items', value: (b) => fmt(m(b).items, 0), class: 'num' },
        {
          label: 'state',
          value: (b) => [
            b.current || b.version === body.current ? badge('current', 'ok') : null,
            b.canary || b.version === body.canary ? badge('canary', 'warn') : null,
          ],
        },
      ],
      bundles,
      { testid: 'bundles-table', rowTestid: 'bundle-row', emptyText: 'No bundle trained yet.' },
    ),
  );
}

function bundleDetail(bundle, keepChart) {
  const manifest = bundle.manifest || {};
  const parameters = manifest.parameters || {};
  const ranker = parameters.ranker || manifest.ranker || null;
  const summary = [
    ['version', h('code', null, manifest.version || bundle.version)],
    ['created', fmtTime(manifest.createdAt || bundle.createdAt)],
    ['format', manifest.formatVersion == null ? DASH : String(manifest.formatVersion)],
    ['events up to', manifest.watermark ? fmtTime(manifest.watermark) : DASH],
    ['events', fmt(manifest.events, 0)],
    ['users', fmt(manifest.users, 0)],
    ['items', fmt(manifest.items, 0)],
  ];
  const otherParameters = Object.fromEntries(Object.entries(parameters).filter(([k]) => k !== 'ranker'));
  return h(
    'div',
    null,
    section(
      `Bundle ${bundle.version}`,
      { testid: 'bundle-summary' },
      h('div', { class: 'grid-2' }, kvTable(summary), h('div', null, h('h3', null, 'Learned ranker'), rankerDecision(ranker))),
    ),
    ranker ? rankerDetail(ranker, keepChart) : null,
    Object.keys(otherParameters).length
      ? section(
          'Model parameters',
          { note: 'per model family, as trained' },
          h('details', null, h('summary', null, 'Show the settings of every family'), renderJson(otherParameters)),
        )
      : null,
  );
}

function rankerDecision(ranker) {
  if (!ranker) return empty('This bundle has no learned ranker: the blend of retrieval scores ranks.');
  const served = ranker.served === true;
  return h(
    'div',
    { testid: 'ranker-decision' },
    h(
      'div',
      { class: `banner ${served ? 'ok' : 'warn'}` },
      badge(served ? 'served' : 'withheld', served ? 'ok' : 'warn'),
      ' ',
      ranker.decision || (served ? 'The ranker orders the lists of this bundle.' : 'The blend ranks instead.'),
    ),
    kvTable([
      ['training data', ranker.data || DASH],
      ['lists', fmt(ranker.lists, 0)],
      ['rows', fmt(ranker.rows, 0)],
    ]),
  );
}

function rankerDetail(ranker, keepChart) {
  const objectives = ranker.objectives && typeof ranker.objectives === 'object' ? Object.entries(ranker.objectives) : [];
  const charts = objectives.map(([objective, o]) => {
    const importance = Object.entries((o && o.importance) || {})
      .filter(([, v]) => typeof v === 'number')
      .sort((a, b) => b[1] - a[1]);
    const shown = importance.slice(0, TOP_FEATURES);
    const title = h('h3', null, objective, o && o.trees != null ? h('span', { class: 'muted' }, ` · ${fmt(o.trees, 0)} trees`) : null);
    if (!shown.length) return h('div', null, title, empty('No feature importance recorded.'));
    const chart = chartBox(
      barConfig({
        labels: shown.map(([f]) => f),
        horizontal: true,
        valueTitle: 'importance',
        datasets: [{ label: 'importance', data: shown.map(([, v]) => v), backgroundColor: COLORS.teal }],
      }),
      { height: barsHeight(shown.length), testid: `importance-chart-${objective}` },
    );
    keepChart(chart.chart);
    return h(
      'div',
      null,
      title,
      chart.box,
      importance.length > shown.length ? h('div', { class: 'muted small' }, `${importance.length - shown.length} more features not shown.`) : null,
    );
  });
  const knownKeys = new Set(['data', 'lists', 'rows', 'objectives', 'validation', 'served', 'decision']);
  const rest = Object.fromEntries(Object.entries(ranker).filter(([k]) => !knownKeys.has(k)));
  return h(
    'div',
    null,
    section(
      'Validation against the blend',
      { testid: 'ranker-validation', note: 'held-out lists the ranker was not trained on' },
      ranker.validation ? renderJson(ranker.validation, { depth: 1 }) : empty('No validation recorded.'),
    ),
    section(
      'Feature importance',
      { testid: 'ranker-importance', note: 'per objective' },
      objectives.length ? h('div', { class: 'grid-2' }, charts) : empty('No objective recorded.'),
    ),
    Object.keys(rest).length ? section('Other ranker settings', null, renderJson(rest)) : null,
  );
}
