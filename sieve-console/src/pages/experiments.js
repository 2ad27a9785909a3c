// The configured experiments and the canary rollout; for one experiment its results, rendered
// from whatever the server reports, with the checks that decide whether to believe them first.

import { get, isAbort, seg } from '../api.js';
import { badge, DASH, empty, errorBox, fmtAny, fmtPercent, h, loading, section, table } from '../dom.js';
import { renderInline, renderJson } from '../json-view.js';
import { href } from '../router.js';

export function render(root, { params, signal }) {
  const name = (params.get('name') || '').trim();
  const list = h('div', { testid: 'experiments-list' }, loading());
  const rollout = h('div', { testid: 'rollout' }, loading());
  root.append(h('div', { class: 'page-head' }, h('h1', null, name ? `Experiment ${name}` : 'Experiments')));

  let results = null;
  if (name) {
    results = h('div', { testid: 'experiment-results', dataset: { name } }, loading());
    root.append(section(`Results of ${name}`, { note: `GET /v1/experiments/${name}/results, computed from the logs on each call` }, results));
  }
  root.append(section('Configured experiments', null, list), section('Canary rollout', { note: 'a new bundle on trial, and every decision since start' }, rollout));

  get('/v1/experiments', { signal })
    .then((body) => {
      list.replaceChildren(experimentsTable(body.experiments || [], name));
      rollout.replaceChildren(body.rollout ? rolloutView(body.rollout) : empty('The server reports no rollout state.'));
    })
    .catch((e) => {
      if (isAbort(e)) return;
      list.replaceChildren(errorBox(e, 'Experiments'));
      rollout.replaceChildren();
    });

  if (name) {
    get(`/v1/experiments/${seg(name)}/results`, { signal })
      .then((body) => results.replaceChildren(resultsView(body)))
      .catch((e) => !isAbort(e) && results.replaceChildren(errorBox(e, `Results of ${name}`)));
  }
}

function variantsCell(variants) {
  if (Array.isArray(variants)) return variants.map((v) => (typeof v === 'object' && v ? v.name : String(v))).join(', ');
  if (!variants || typeof variants !== 'object') return renderInline(variants);
  const entries = Object.entries(variants);
  const total = entries.reduce((acc, [, v]) => acc + (v && typeof v.weight === 'number' ? v.weight : 0), 0);
  return h(
    'span',
    { class: 'tags' },
    entries.map(([variant, v]) =>
      h('span', { class: 'tag' }, variant, total > 0 && v && typeof v.weight === 'number' ? h('span', { class: 'muted' }, ` ${fmtPercent(v.weight / total, 0)}`) : null),
    ),
  );
}

function experimentsTable(experiments, selected) {
  if (!experiments.length) return empty('No experiment is configured on this server (the experiments section of its configuration is empty).');
  // Every field the server lists is shown; the link to the results is the name itself.
  const keys = [];
  for (const e of experiments) for (const k of Object.keys(e)) if (!keys.includes(k) && k !== 'name' && k !== 'results') keys.push(k);
  return table(
    [
      {
        label: 'name',
        value: (e) =>
          h('a', { href: href('experiments', { name: e.name }), class: e.name === selected ? 'selected' : null, testid: 'experiment-link', dataset: { name: e.name } }, e.name),
      },
      ...keys.map((k) => ({ label: k, value: (e) => (k === 'variants' ? variantsCell(e[k]) : renderInline(e[k], k)) })),
    ],
    experiments,
    { testid: 'experiments-table', rowTestid: 'experiment-row' },
  );
}

function rolloutView(rollout) {
  const { canary, decisions, ...rest } = rollout;
  return h(
    'div',
    null,
    canary
      ? h('div', { class: 'banner warn', testid: 'rollout-canary' }, h('strong', null, 'On trial: '), h('code', null, canary.version || DASH), canary.stable ? [' against stable ', h('code', null, canary.stable)] : null, canary.fraction != null ? ` with ${fmtPercent(canary.fraction, 0)} of traffic` : null)
      : h('div', { class: 'muted small' }, 'No bundle on trial.'),
    canary ? renderJson(canary) : null,
    h('h3', null, 'Decisions'),
    Array.isArray(decisions) && decisions.length ? renderJson(decisions) : empty('No rollout decision since the server started.'),
    Object.keys(rest).length ? renderJson(rest) : null,
  );
}

function resultsView(body) {
  if (!body || typeof body !== 'object') return renderJson(body);
  const srm = body.srm;
  let verdict = null;
  if (body.trustworthy === false || (srm && srm.ok === false)) {
    verdict = h(
      'div',
      { class: 'banner bad', testid: 'results-verdict' },
      h('strong', null, 'Not trustworthy. '),
      'The sample ratio check failed',
      srm && srm.pValue != null ? ` (p = ${fmtAny(srm.pValue)})` : '',
      ': users did not split as configured, so no lift here can be believed.',
    );
  } else if (body.trustworthy === true || (srm && srm.ok === true)) {
    verdict = h(
      'div',
      { class: 'banner ok', testid: 'results-verdict' },
      h('strong', null, 'Sample ratio check passed'),
      srm && srm.pValue != null ? ` (p = ${fmtAny(srm.pValue)})` : '',
      '.',
    );
  }
  const significant = Array.isArray(body.comparisons) ? body.comparisons.filter((c) => c && c.significant) : [];
  const headline = Array.isArray(body.comparisons)
    ? h(
        'div',
        { class: 'muted small' },
        significant.length
          ? [badge(`${significant.length} significant`, 'info'), ` of ${body.comparisons.length} comparisons`]
          : `${body.comparisons.length} comparisons, none significant yet.`,
      )
    : null;
  return h('div', { class: 'results' }, verdict, headline, renderJson(body));
}
