// One user: what is stored about them, what they did lately, and their recommendations as
// they see them, with the trace of how the funnel built the list.

import { get, isAbort, seg } from '../api.js';
import { barConfig, barsHeight, chartBox, COLORS } from '../charts.js';
import { badge, DASH, empty, errorBox, fmt, fmtAny, fmtMs, fmtTime, h, itemLink, kvTable, loading, section, table } from '../dom.js';
import { renderJson } from '../json-view.js';
import { go } from '../router.js';

const STAGES = ['context', 'retrieve', 'filter', 'rank', 'rerank'];

export function render(root, { params, signal, onCleanup }) {
  const user = (params.get('user') || '').trim();
  const input = h('input', { type: 'search', value: user, placeholder: 'user id, e.g. 1', testid: 'user-input', 'aria-label': 'User id' });
  const form = h(
    'form',
    {
      class: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) go('users', { user: input.value.trim() });
      },
    },
    input,
    h('button', { type: 'submit', testid: 'user-search' }, 'Show user'),
  );
  root.append(h('div', { class: 'page-head' }, h('h1', null, user ? `User ${user}` : 'Users'), form));
  if (!user) {
    root.append(empty('Enter a user id to see their profile, recent events and recommendations.'));
    input.focus();
    return;
  }

  const profile = h('div', { testid: 'user-profile' }, loading());
  const events = h('div', { testid: 'user-events' }, loading());
  const recs = h('div', { testid: 'recs' }, loading());
  const trace = h('div', { testid: 'debug-trace' }, loading());
  const shown = h('div', { testid: 'user-impressions' }, loading());
  root.append(
    section('Recommendations as this user sees them', { note: 'GET /v1/recommendations, n=10, preview: not logged, so looking changes nothing for the user' }, recs),
    section('How the list was built', { note: 'the funnel of this request' }, trace),
    h('div', { class: 'grid-2 wide-left' }, section('Recent events', { note: 'newest first, up to 20' }, events), section('Profile', null, profile)),
    section('What the user was shown', { note: 'the latest logged slates, newest first' }, shown),
  );

  const id = seg(user);
  const fail = (box, what) => (e) => {
    if (!isAbort(e)) box.replaceChildren(errorBox(e, what));
  };

  get(`/v1/users/${id}`, { signal })
    .then((body) => profile.replaceChildren(renderJson(body)))
    .catch((e) => {
      if (e.status === 404) profile.replaceChildren(h('div', { class: 'empty', testid: 'profile-none' }, 'No profile stored for this user.'));
      else fail(profile, 'Profile')(e);
    });

  // A preview is neither logged nor counted: viewing as the user must not change their fatigue or the experiments.
  get(`/v1/recommendations/${id}?n=10&debug=true&include=title,categories&preview=true`, { signal })
    .then((body) => {
      recs.replaceChildren(recommendationsTable(body.items || []));
      trace.replaceChildren(debugTrace(body.debug, body.requestId, onCleanup));
    })
    .catch((e) => {
      fail(recs, 'Recommendations')(e);
      if (!isAbort(e)) trace.replaceChildren(empty('No trace: the request failed.'));
    });

  get(`/v1/users/${id}/events?limit=20`, { signal })
    .then(async (body) => {
      const list = (body && body.events) || [];
      const titles = new Map();
      const draw = () => events.replaceChildren(eventsTable(list, titles, body.next));
      draw();
      // Titles come from the catalog, one item at a time: asked in parallel, drawn when all answered.
      const ids = [...new Set(list.map((e) => e.item))].slice(0, 20);
      const answers = await Promise.allSettled(ids.map((item) => get(`/v1/items/${seg(item)}`, { signal })));
      if (signal.aborted) return;
      answers.forEach((a, i) => titles.set(ids[i], a.status === 'fulfilled' ? a.value.title || null : null));
      draw();
    })
    .catch(fail(events, 'Recent events'));

  get(`/v1/users/${id}/impressions?limit=10`, { signal })
    .then((body) => shown.replaceChildren(impressionsTable((body && body.impressions) || [])))
    .catch(fail(shown, 'Shown slates'));
}

function impressionsTable(slates) {
  return table(
    [
      { label: 'when', value: (s) => fmtTime(s.timestamp) },
      { label: 'surface', value: (s) => s.surface || DASH },
      { label: 'bundle', value: (s) => (s.modelVersion ? h('code', null, s.modelVersion) : DASH) },
      { label: 'experiments', value: (s) => (s.experiments ? Object.entries(s.experiments).map(([e, v]) => `${e}: ${v}`).join(', ') : DASH) },
      { label: 'items in order', value: (s) => h('span', { class: 'tags' }, (s.items || []).map((i) => itemLink(i.item, h('code', null, i.item)))) },
    ],
    slates,
    { testid: 'impressions-table', rowTestid: 'impression-row', emptyText: 'No slate logged for this user yet.' },
  );
}

function topContributions(explanation, n = 3) {
  if (!explanation || typeof explanation !== 'object') return DASH;
  const entries = Object.entries(explanation)
    .filter(([, v]) => typeof v === 'number')
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, n);
  if (!entries.length) return DASH;
  return h(
    'span',
    { class: 'contribs' },
    entries.map(([feature, value]) =>
      h('span', { class: `contrib ${value >= 0 ? 'up' : 'down'}` }, feature, ' ', h('b', null, `${value >= 0 ? '+' : ''}${fmtAny(value)}`)),
    ),
  );
}

export function recommendationsTable(items, { testid = 'recs-table', rowTestid = 'rec-row', explain = true } = {}) {
  const columns = [
    { label: '#', value: (_, i) => String(i + 1), class: 'num narrow' },
    {
      label: 'title',
      testid: 'rec-title',
      // No link text without a title: the id column links too, and "untitled" stays visible as such.
      value: (it) => [
        it.title ? h('a', { class: 'item-title', href: `#/items?item=${encodeURIComponent(it.id)}` }, it.title) : h('span', { class: 'muted' }, 'untitled'),
        Array.isArray(it.categories) && it.categories.length ? h('div', { class: 'muted small' }, it.categories.join(' · ')) : null,
      ],
    },
    { label: 'id', value: (it) => itemLink(it.id, h('code', null, it.id)) },
    { label: 'score', value: (it) => fmtAny(it.score), class: 'num' },
    { label: 'sources', value: (it) => h('span', { class: 'tags' }, (it.sources || []).map((s) => h('span', { class: 'tag' }, s))) },
    { label: 'reason', testid: 'rec-reason', value: (it) => it.reason || '' },
  ];
  if (explain) columns.push({ label: 'top contributions', value: (it) => topContributions(it.explanation) });
  return table(columns, items, { testid, rowTestid, emptyText: 'The server returned no item.' });
}

function debugTrace(debug, requestId, onCleanup) {
  if (!debug) return empty('The server sent no debug trace.');
  const timedOut = new Set(debug.timedOut || []);
  const failed = new Set(debug.failed || []);
  const candidates = debug.candidates || {};
  const sources = [...new Set([...Object.keys(candidates), ...timedOut, ...failed])];
  const state = (s) => {
    if (failed.has(s)) return badge('failed', 'bad');
    if (timedOut.has(s)) return badge('timed out', 'warn');
    return candidates[s] ? badge('answered', 'ok') : badge('no candidates', 'neutral');
  };
  const removed = Object.entries(debug.removedBy || {}).sort((a, b) => b[1] - a[1]);
  const fallbacks = debug.fallbacks || [];
  const timings = debug.timingsMs || {};
  const stages = [...STAGES.filter((s) => s in timings), ...Object.keys(timings).filter((s) => s !== 'total' && !STAGES.includes(s))];

  const chart = chartBox(
    barConfig({
      labels: stages,
      horizontal: true,
      valueTitle: 'ms',
      datasets: [{ label: 'ms', data: stages.map((s) => timings[s]), backgroundColor: COLORS.blue }],
    }),
    { height: barsHeight(stages.length, { per: 28 }), testid: 'timings-chart', onCleanup },
  );

  const summary = [
    ['model version', debug.modelVersion || DASH],
    ['ranked by', debug.rankedBy || DASH],
    ['cold-start stage', debug.coldStart || DASH],
    ['merged candidates', fmt(debug.merged, 0)],
    ['after filters', fmt(debug.afterFilter, 0)],
    ['fallbacks', fallbacks.length ? fallbacks.join(', ') : 'none'],
    ['request id', requestId ? h('code', null, requestId) : DASH],
  ];
  return h(
    'div',
    { class: 'trace' },
    h(
      'div',
      { class: 'trace-col' },
      h('h3', null, 'Summary'),
      kvTable(summary, (v) => v, { testid: 'trace-summary' }),
      fallbacks.length ? h('div', { class: 'banner warn' }, `Fell back at: ${fallbacks.join(', ')}`) : null,
    ),
    h(
      'div',
      { class: 'trace-col' },
      h('h3', null, '1 · Retrieve: candidates per source'),
      table(
        [
          { label: 'source', value: (s) => s },
          { label: 'candidates', value: (s) => fmt(candidates[s], 0), class: 'num' },
          { label: 'state', value: state },
        ],
        sources,
        { testid: 'trace-sources', emptyText: 'No source answered.' },
      ),
      h('h3', null, '2 · Filter: removed by each filter'),
      removed.length
        ? table(
            [
              { label: 'filter', value: ([f]) => f },
              { label: 'removed', value: ([, n]) => fmt(n, 0), class: 'num' },
            ],
            removed,
            { testid: 'trace-filters' },
          )
        : empty(`No filter removed a candidate (${fmt(debug.merged, 0)} merged, ${fmt(debug.afterFilter, 0)} kept).`),
    ),
    h(
      'div',
      { class: 'trace-col' },
      h('h3', null, 'Time per stage'),
      chart.box,
      h('div', { class: 'muted small' }, `total ${fmtMs(timings.total)}`),
    ),
  );
}

function eventsTable(list, titles, next) {
  const title = (item) => {
    if (!titles.has(item)) return h('span', { class: 'muted' }, '…');
    return itemLink(item, titles.get(item) || `item ${item}`);
  };
  return h(
    'div',
    null,
    table(
      [
        { label: 'when', value: (e) => fmtTime(e.timestamp) },
        { label: 'type', value: (e) => h('span', { class: 'tag' }, e.type) },
        { label: 'value', value: (e) => (e.value == null ? '' : fmtAny(e.value)), class: 'num' },
        { label: 'item', value: (e) => title(e.item), testid: 'event-title' },
        { label: 'id', value: (e) => h('code', null, e.item) },
      ],
      list,
      { testid: 'events-table', rowTestid: 'event-row', emptyText: 'No event stored for this user.' },
    ),
    next ? h('div', { class: 'muted small' }, 'Older events exist.') : null,
  );
}
