// One item of the catalog: what it is, how often it is shown and answered, what resembles it.
// Or a text search over the catalog, for when the id is not known.

import { get, isAbort, seg } from '../api.js';
import { badge, card, empty, errorBox, fmt, fmtPercent, fmtTime, h, kvTable, loading, section } from '../dom.js';
import { renderInline, renderJson } from '../json-view.js';
import { go, href } from '../router.js';
import { recommendationsTable } from './users.js';

export function render(root, { params, signal }) {
  const item = (params.get('item') || '').trim();
  const query = (params.get('q') || '').trim();
  const input = h('input', { type: 'search', value: item || query, placeholder: 'item id or words of a title', testid: 'item-input', 'aria-label': 'Item id or text' });
  const value = () => input.value.trim();
  const form = h(
    'form',
    {
      class: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        if (value()) go('items', { item: value() });
      },
    },
    input,
    h('button', { type: 'submit', testid: 'item-open' }, 'Open item'),
    h('button', { type: 'button', class: 'secondary', testid: 'item-search', onclick: () => value() && go('items', { q: value() }) }, 'Search text'),
  );
  const heading = item ? `Item ${item}` : query ? `Search: ${query}` : 'Items';
  root.append(h('div', { class: 'page-head' }, h('h1', null, heading), form));

  if (item) renderItem(root, item, signal);
  else if (query) renderSearch(root, query, signal);
  else {
    root.append(empty('Open an item by its id, or search the catalog by text.'));
    input.focus();
  }
}

function renderSearch(root, query, signal) {
  const results = h('div', { testid: 'search-results' }, loading());
  root.append(section(`Items matching “${query}”`, { note: 'GET /v1/search, n=10' }, results));
  get(`/v1/search?q=${encodeURIComponent(query)}&n=10&include=title`, { signal })
    .then((body) => results.replaceChildren(recommendationsTable(body.items || [], { testid: 'search-table', rowTestid: 'search-row', explain: false })))
    .catch((e) => !isAbort(e) && results.replaceChildren(errorBox(e, 'Search')));
}

function renderItem(root, item, signal) {
  const detail = h('div', { testid: 'item-detail' }, loading());
  const stats = h('div', { testid: 'item-stats' }, loading());
  const similar = h('div', { testid: 'item-similar' }, loading());
  const statsPanel = section('Where it is being shown', { note: 'impressions and the observed response rate' }, stats);
  const similarPanel = section('Similar items', { note: 'GET /v1/items/{id}/similar, n=10' }, similar);
  root.append(h('div', { class: 'grid-2' }, section('Item', null, detail), statsPanel), similarPanel);
  const id = seg(item);

  get(`/v1/items/${id}`, { signal })
    .then((it) => detail.replaceChildren(itemDetail(it)))
    .catch((e) => {
      if (isAbort(e)) return;
      if (e.status === 404 && !/no route/i.test(e.detail)) {
        // Statistics and neighbours of an item that does not exist say nothing: only the notice stays.
        statsPanel.remove();
        similarPanel.remove();
        detail.replaceChildren(
          h('div', { class: 'notice' }, h('strong', null, 'No such item. '), e.detail, ' ', h('a', { href: href('items', { q: item }) }, `Search for “${item}” as text`)),
        );
      } else detail.replaceChildren(errorBox(e, 'Item'));
    });

  get(`/v1/items/${id}/statistics`, { signal })
    .then((s) => stats.replaceChildren(statistics(s)))
    .catch((e) => !isAbort(e) && stats.replaceChildren(errorBox(e, 'Item statistics')));

  get(`/v1/items/${id}/similar?n=10&include=title`, { signal })
    .then((body) => similar.replaceChildren(recommendationsTable(body.items || [], { testid: 'similar-table', rowTestid: 'similar-row', explain: false })))
    .catch((e) => !isAbort(e) && similar.replaceChildren(errorBox(e, 'Similar items')));
}

function itemDetail(it) {
  const known = new Set(['id', 'title', 'categories', 'tags', 'attributes', 'createdAt', 'available']);
  const rows = [
    ['id', h('code', null, it.id)],
    ['categories', (it.categories || []).length ? h('span', { class: 'tags' }, it.categories.map((c) => h('span', { class: 'tag' }, c))) : '—'],
    ['tags', (it.tags || []).length ? it.tags.join(', ') : '—'],
    ['created', fmtTime(it.createdAt)],
    ['available', it.available === false ? badge('no', 'bad') : it.available === true ? badge('yes', 'ok') : '—'],
    // Fields this console does not know yet are still shown, as the server sent them.
    ...Object.entries(it)
      .filter(([k]) => !known.has(k))
      .map(([k, v]) => [k, renderInline(v, k)]),
  ];
  const attributes = it.attributes && Object.keys(it.attributes).length ? it.attributes : null;
  return h(
    'div',
    null,
    h('h2', { class: 'item-title', testid: 'item-title' }, it.title || h('span', { class: 'muted' }, 'untitled')),
    kvTable(rows),
    attributes ? [h('h3', null, 'Attributes'), renderJson(attributes)] : null,
  );
}

function statistics(s) {
  const never = !s.impressions;
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'cards' },
      card('Impressions', fmt(s.impressions, 0), { testid: 'stat-impressions', sub: 'times it was in a served list' }),
      card('Responses', fmt(s.responses, 0), { testid: 'stat-responses', sub: 'responses to those impressions' }),
      card('Response rate', s.responseRate == null ? '—' : fmtPercent(s.responseRate, 2), {
        testid: 'stat-response-rate',
        sub: s.responseRate == null ? 'never shown yet' : 'responses per impression',
      }),
      card('Engaged', fmt(s.engaged, 0), { testid: 'stat-engaged', sub: 'engagement counted for it' }),
    ),
    never ? h('div', { class: 'muted small' }, 'This item has not been shown in a served list since impressions were recorded.') : null,
  );
}
