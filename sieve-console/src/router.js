// Hash routes (#/page?key=value): the console is served as static files from the jar, so the
// server needs no rewrite rules and a reload keeps the page a person was on.

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const at = raw.indexOf('?');
  const name = (at < 0 ? raw : raw.slice(0, at)) || 'overview';
  const params = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1));
  return { name, params };
}

export function href(name, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
  return `#/${name}${query ? `?${query}` : ''}`;
}

export function go(name, params) {
  const target = href(name, params);
  if (location.hash === target) {
    // Same route again (a repeated search): the shell still re-renders, for fresh data.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}
