// Renders JSON whose exact shape the console does not know (experiment results, validation
// reports, rollout state) as tables a person can read: objects as key/value tables, arrays of
// objects as tables, maps of records (like variants) as one row per key, estimates with their
// interval as "value [low, high]". Sections that matter for a decision are emphasised.

import { badge, DASH, fmtAny, h } from './dom.js';

const EMPHASIS = /srm|guardrail|metric|variant|comparison|interleav|interval|trustworth/i;
const GOOD_WHEN_TRUE = /^(ok|trustworthy|better|served|measured|healthy|passed|available)$/i;
const BAD_WHEN_TRUE = /^(stale|drifted|failed|mismatch|degraded)$/i;
const LABELS = {
  srm: 'Sample ratio check (SRM)',
  guardrails: 'Guardrails',
  comparisons: 'Comparisons',
  metrics: 'Metrics',
  variants: 'Variants',
  analysis: 'Analysis settings',
  interleaving: 'Interleaving',
};

const isObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v) => v == null || ['string', 'number', 'boolean'].includes(typeof v);
const isNumberPair = (v) => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' || x == null);

/** `{value, ci: [low, high]}`, `{value|estimate, low, high}` or `{low, high}`: one estimate. */
export function isEstimate(v) {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  if ('ci' in v && isNumberPair(v.ci)) return keys.every((k) => ['value', 'ci', 'estimate', 'point'].includes(k));
  if ('interval' in v && isNumberPair(v.interval)) return keys.every((k) => ['value', 'interval', 'estimate', 'point'].includes(k));
  if ('low' in v && 'high' in v) return keys.every((k) => ['value', 'low', 'high', 'estimate', 'point', 'level'].includes(k));
  return false;
}

function estimateParts(v) {
  const point = v.value ?? v.estimate ?? v.point;
  const [low, high] = v.ci || v.interval || [v.low, v.high];
  return { point, low, high };
}

function renderEstimate(v) {
  const { point, low, high } = estimateParts(v);
  // An interval that excludes zero is the one worth noticing for a lift.
  const excludesZero = typeof low === 'number' && typeof high === 'number' && (low > 0 || high < 0);
  return h(
    'span',
    { class: `estimate${excludesZero ? ' excludes-zero' : ''}` },
    point === undefined ? null : h('span', { class: 'point' }, fmtAny(point)),
    h('span', { class: 'ci' }, ` [${fmtAny(low)}, ${fmtAny(high)}]`),
  );
}

function renderBoolean(v, key = '') {
  let kind = 'neutral';
  if (GOOD_WHEN_TRUE.test(key)) kind = v ? 'ok' : 'bad';
  else if (BAD_WHEN_TRUE.test(key)) kind = v ? 'bad' : 'ok';
  else if (/significant/i.test(key)) kind = v ? 'info' : 'neutral';
  return badge(v ? 'yes' : 'no', kind);
}

/** One value in a cell: never a nested table, at most an inline summary. */
export function renderInline(v, key = '') {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'boolean') return renderBoolean(v, key);
  if (typeof v === 'number') {
    const text = fmtAny(v);
    return /p_?value/i.test(key) && v < 0.05 ? h('strong', null, text) : text;
  }
  if (typeof v === 'string') return v === '' ? DASH : v;
  if (isEstimate(v)) return renderEstimate(v);
  if (Array.isArray(v)) {
    if (isNumberPair(v) && /ci|interval|range|bounds/i.test(key)) return `[${fmtAny(v[0])}, ${fmtAny(v[1])}]`;
    if (v.every(isScalar)) return v.length ? v.map((x) => (typeof x === 'number' ? fmtAny(x) : String(x))).join(', ') : DASH;
    return `${v.length} entries`;
  }
  const entries = Object.entries(v);
  if (!entries.length) return DASH;
  return h(
    'span',
    { class: 'inline-map' },
    entries.map(([k, x], i) => [i ? ', ' : '', h('span', { class: 'k' }, k), ': ', isObject(x) && !isEstimate(x) ? `{${Object.keys(x).join(', ')}}` : renderInline(x, k)]),
  );
}

const flat = (v) => isScalar(v) || isEstimate(v) || (Array.isArray(v) && v.every(isScalar));

/** Keys in first-seen order over many objects. */
function unionKeys(objects) {
  const keys = [];
  const seen = new Set();
  for (const o of objects) for (const k of Object.keys(o || {})) if (!seen.has(k)) seen.add(k), keys.push(k);
  return keys;
}

function rowsTable(rows, keys, { firstColumn } = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table json' },
      h('thead', null, h('tr', null, firstColumn ? h('th', null, firstColumn.label) : null, keys.map((k) => h('th', null, k)))),
      h(
        'tbody',
        null,
        rows.map((row, i) =>
          h(
            'tr',
            null,
            firstColumn ? h('th', { class: 'rowkey' }, firstColumn.values[i]) : null,
            keys.map((k) => h('td', null, renderInline(row ? row[k] : undefined, k))),
          ),
        ),
      ),
    ),
  );
}

/**
 * A map of records, like {"control": {...}, "treatment": {...}}: one row per key. Nested
 * records inside (each variant's guardrails) get a table of their own below.
 */
function recordMap(obj, depth) {
  const names = Object.keys(obj);
  const records = Object.values(obj);
  const keys = unionKeys(records);
  const flatKeys = keys.filter((k) => records.every((r) => flat(r[k])));
  const nestedKeys = keys.filter((k) => !flatKeys.includes(k));
  const parts = [];
  if (flatKeys.length) parts.push(rowsTable(records, flatKeys, { firstColumn: { label: '', values: names } }));
  for (const k of nestedKeys) {
    const nested = records.map((r) => r[k]);
    if (nested.every((x) => x == null || (isObject(x) && Object.values(x).every(flat)))) {
      parts.push(subsection(k, rowsTable(nested, unionKeys(nested), { firstColumn: { label: '', values: names } })));
    } else {
      names.forEach((name, i) => parts.push(subsection(`${name} · ${k}`, renderJson(nested[i], { depth: depth + 1 }))));
    }
  }
  return parts;
}

function subsection(key, content, depth = 1) {
  const emphasised = EMPHASIS.test(key);
  return h(
    'div',
    { class: `json-section depth-${Math.min(depth, 3)}${emphasised ? ' emphasis' : ''}`, dataset: { key } },
    h(depth <= 1 ? 'h3' : 'h4', null, LABELS[key] || key),
    content,
  );
}

/** Any JSON value as readable DOM. */
export function renderJson(value, { depth = 0 } = {}) {
  if (flat(value)) return h('div', { class: 'json-scalar' }, renderInline(value));
  if (Array.isArray(value)) {
    if (value.every((x) => isObject(x) && !isEstimate(x))) return rowsTable(value, unionKeys(value));
    return h('ul', { class: 'json-list' }, value.map((x) => h('li', null, flat(x) ? renderInline(x) : renderJson(x, { depth: depth + 1 }))));
  }
  const entries = Object.entries(value);
  if (!entries.length) return h('div', { class: 'empty' }, 'empty');
  const records = entries.every(([, v]) => isObject(v) && !isEstimate(v));
  if (records && entries.length > 1 && depth > 0) return h('div', null, recordMap(value, depth));
  const scalars = entries.filter(([, v]) => flat(v));
  const complex = entries.filter(([, v]) => !flat(v));
  return h(
    'div',
    { class: 'json-object' },
    scalars.length
      ? h('table', { class: 'table kv' }, h('tbody', null, scalars.map(([k, v]) => h('tr', { class: EMPHASIS.test(k) ? 'emphasis' : null }, h('th', null, k), h('td', null, renderInline(v, k))))))
      : null,
    complex.map(([k, v]) => subsection(k, renderJson(v, { depth: depth + 1 }), depth + 1)),
  );
}
