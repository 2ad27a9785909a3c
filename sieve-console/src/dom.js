// Small helpers to build the DOM without a framework. Text always goes in as text nodes, so
// nothing from the server (titles, reasons, problem details) is ever parsed as HTML.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'testid') el.dataset.testid = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key in el && typeof value !== 'string') el[key] = value;
      else el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

export const DASH = '—';

/** A number for people: thousands separated, at most `digits` decimals, "—" when unknown. */
export function fmt(n, digits = 2) {
  if (n == null || typeof n !== 'number' || Number.isNaN(n)) return DASH;
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  if (n !== 0 && Math.abs(n) < 10 ** -digits) return n.toExponential(1);
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Any number a server may send: integers as such, others to four significant digits. */
export function fmtAny(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return fmt(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  if (abs !== 0 && abs < 1e-4) return n.toExponential(2);
  return Number(n.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function fmtPercent(ratio, digits = 1) {
  if (ratio == null || typeof ratio !== 'number' || !Number.isFinite(ratio)) return DASH;
  return `${(ratio * 100).toFixed(digits)} %`;
}

export function fmtMs(ms) {
  if (ms == null || typeof ms !== 'number' || !Number.isFinite(ms)) return DASH;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

export function fmtAge(seconds) {
  if (seconds == null || typeof seconds !== 'number' || !Number.isFinite(seconds)) return DASH;
  if (seconds < 90) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  if (seconds < 90 * 60) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** An ISO instant in the reader's local time, to the second. */
export function fmtTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function clock(date = new Date()) {
  return date.toLocaleTimeString('en-GB', { hour12: false });
}

export function badge(text, kind = 'neutral', testid) {
  return h('span', { class: `badge ${kind}`, testid }, text);
}

export function section(title, options, ...children) {
  const { testid, note, actions } = options || {};
  return h(
    'section',
    { class: 'panel', testid },
    h('div', { class: 'panel-head' }, h('h2', null, title), note ? h('span', { class: 'note' }, note) : null, actions),
    ...children,
  );
}

export function card(label, value, options) {
  const { testid, sub, kind } = options || {};
  return h(
    'div',
    { class: `card${kind ? ` ${kind}` : ''}` },
    h('div', { class: 'card-label' }, label),
    h('div', { class: 'card-value', testid }, value),
    sub ? h('div', { class: 'card-sub' }, sub) : null,
  );
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'loading' }, text);
}

export function empty(text) {
  return h('div', { class: 'empty' }, text);
}

/**
 * A failed call as a person reads it: the problem's detail, its field errors, and whether the
 * server simply does not offer the endpoint (an older server answers 404 "No route matches").
 */
export function errorBox(error, what) {
  const status = error && error.status;
  const detail = (error && (error.detail || error.message)) || String(error);
  const missingRoute = status === 404 && /no route/i.test(detail);
  const title = missingRoute
    ? `${what || 'This view'} is not available on this server`
    : `${what ? `${what}: ` : ''}${status === 401 || status === 403 ? 'an admin API key is needed' : 'could not be loaded'}`;
  const errors = (error && error.errors) || [];
  return h(
    'div',
    { class: missingRoute ? 'notice' : 'error', testid: 'error' },
    h('strong', null, title),
    h('div', null, detail, status ? ` (HTTP ${status})` : ''),
    errors.length ? h('ul', null, errors.map((e) => h('li', null, h('code', null, e.field), ' ', e.reason))) : null,
  );
}

/**
 * A table from column definitions: `{label, value: row => text|Node, class}`. Rows get
 * `rowTestid` so the end-to-end test can count them.
 */
export function table(columns, rows, options) {
  const { testid, rowTestid, className, emptyText = 'Nothing to show.' } = options || {};
  if (!rows || rows.length === 0) return empty(emptyText);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: `table${className ? ` ${className}` : ''}`, testid },
      h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.class }, c.label)))),
      h(
        'tbody',
        null,
        rows.map((row, i) =>
          h(
            'tr',
            { testid: rowTestid },
            columns.map((c) => {
              const value = c.value(row, i);
              return h('td', { class: c.class, testid: c.testid }, value == null || value === '' ? DASH : value);
            }),
          ),
        ),
      ),
    ),
  );
}

/** A two-column table of an object's entries, each value rendered by `render`. */
export function kvTable(entries, render = (v) => v, options) {
  const { testid } = options || {};
  const list = Array.isArray(entries) ? entries : Object.entries(entries || {});
  if (!list.length) return empty('Nothing to show.');
  return h(
    'table',
    { class: 'table kv', testid },
    h('tbody', null, list.map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, render(v, k))))),
  );
}

export function itemLink(id, title) {
  return h('a', { href: `#/items?item=${encodeURIComponent(id)}` }, title || id);
}

export function userLink(id) {
  return h('a', { href: `#/users?user=${encodeURIComponent(id)}` }, id);
}
